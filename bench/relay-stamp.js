// What a bench update carries (bench/relay-load.js): the map key is the sender's index in its
// room and the value a string `~t~<index>:<seq>:<sent at, ms since the epoch>~`, which a
// protocol-level client can find in an update's bytes without decoding it.
const MARK = Buffer.from('~t~');

export function stamp(index, seq, sentAt) {
	return `~t~${index}:${seq}:${sentAt.toFixed(3)}~`;
}

/** Call `fn(index, seq, sentAt)` for a stamp string (a Y.Map value). */
export function readStamp(value, fn) {
	if (typeof value !== 'string' || !value.startsWith('~t~')) return;
	const [index, seq, sentAt] = value.slice(3, -1).split(':').map(Number);
	fn(index, seq, sentAt);
}

/** Call `fn(index, seq, sentAt)` for every stamp in the bytes of an update. */
export function scanStamps(bytes, fn) {
	const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	for (let at = buf.indexOf(MARK); at >= 0; at = buf.indexOf(MARK, at + 3)) {
		const end = buf.indexOf(0x7e, at + 3);
		if (end < 0) return;
		readStamp(buf.toString('latin1', at, end + 1), fn);
	}
}

/** The bench's writes and reads on a client's own Y.Doc (stock providers). */
export function benchMap(doc, index) {
	const map = doc.getMap('bench');
	let seq = 0;
	return {
		onStamp(fn) {
			map.observe((event) => {
				if (event.transaction.local) return;
				for (const key of event.keysChanged) readStamp(map.get(key), fn);
			});
		},
		send(sentAt) {
			map.set(String(index), stamp(index, ++seq, sentAt));
			return seq;
		}
	};
}
