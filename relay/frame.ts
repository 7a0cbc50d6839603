// A message fanned out to a room's peers is framed once: one buffer holding the websocket
// frame header (binary, final, unmasked: what a server sends) and the message, written as it
// is to every recipient's socket. `ws.send` would build a header, wrap the message and make two
// socket writes for each recipient.

/** A complete binary websocket frame carrying `message` (RFC 6455 §5.2, server to client). */
export function binaryFrame(message: Uint8Array): Buffer {
	const length = message.length;
	const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
	const frame = Buffer.allocUnsafe(headerLength + length);
	frame[0] = 0x82; // FIN + opcode 2 (binary)
	if (length < 126) {
		frame[1] = length;
	} else if (length < 65536) {
		frame[1] = 126;
		frame.writeUInt16BE(length, 2);
	} else {
		frame[1] = 127;
		frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
		frame.writeUInt32BE(length >>> 0, 6);
	}
	frame.set(message, headerLength);
	return frame;
}
