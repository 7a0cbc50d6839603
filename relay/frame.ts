// A message fanned out to a room's peers is framed once: one buffer holding the websocket
// frame header (binary, final, unmasked: what a server sends) and the message, written as it
// is to every recipient's socket. `ws.send` would build a header, wrap the message and make two
// socket writes for each recipient. The y-websocket messages a room fans out are built straight
// into that buffer (one allocation and one copy of the payload per message, not per recipient).

import { MESSAGE_AWARENESS, MESSAGE_SYNC, SYNC_STEP_1, SYNC_UPDATE } from './protocol.js';

/** The frame of a sync update message `[0, 2, update]`. */
export function updateFrame(update: Uint8Array): Buffer {
	return messageFrame([MESSAGE_SYNC, SYNC_UPDATE], update);
}

/** The frame of a sync step 1 `[0, 0, state vector]` (an acknowledgement). */
export function syncStep1Frame(stateVector: Uint8Array): Buffer {
	return messageFrame([MESSAGE_SYNC, SYNC_STEP_1], stateVector);
}

/** The frame of an awareness message `[1, update]`. */
export function awarenessFrame(update: Uint8Array): Buffer {
	return messageFrame([MESSAGE_AWARENESS], update);
}

/** A frame holding the one-byte fields `head`, then `payload` with its varUint length (lib0). */
function messageFrame(head: number[], payload: Uint8Array): Buffer {
	let lengthBytes = 1;
	for (let n = payload.length; n > 0x7f; n = Math.floor(n / 0x80)) lengthBytes += 1;
	const frame = allocFrame(head.length + lengthBytes + payload.length);
	let at = frame.length - payload.length - lengthBytes - head.length;
	for (const byte of head) frame[at++] = byte;
	for (let n = payload.length; ; n = Math.floor(n / 0x80)) {
		frame[at++] = n > 0x7f ? 0x80 | (n & 0x7f) : n;
		if (n <= 0x7f) break;
	}
	frame.set(payload, at);
	return frame;
}

/**
 * A buffer for a binary websocket frame (RFC 6455 §5.2: final, unmasked, as a server sends it)
 * of `length` bytes of payload, its header written.
 */
function allocFrame(length: number): Buffer {
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
	return frame;
}
