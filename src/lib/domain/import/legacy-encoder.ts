// Encoding text as GBK or Big5. TextEncoder writes only UTF-8 and the platform has no other
// encoder, but every TextDecoder knows these tables: decoding each valid two-byte sequence once
// gives the reverse table (24,000 entries, a few milliseconds, built on first use). That covers
// what GBK can encode without shipping a 100 KB table; characters it cannot encode become "?".

export type LegacyEncoding = 'gbk' | 'big5';

const tables = new Map<LegacyEncoding, Map<number, number>>();

function table(enc: LegacyEncoding): Map<number, number> {
	let t = tables.get(enc);
	if (t) return t;
	t = new Map();
	const dec = new TextDecoder(enc);
	const pair = new Uint8Array(2);
	for (let lead = 0x81; lead <= 0xfe; lead++) {
		for (let trail = 0x40; trail <= 0xfe; trail++) {
			if (trail === 0x7f || (enc === 'big5' && trail > 0x7e && trail < 0xa1)) continue;
			pair[0] = lead;
			pair[1] = trail;
			const s = dec.decode(pair);
			const cp = s.codePointAt(0)!;
			// One character that is not the replacement mark; the first sequence for a character wins.
			if (cp !== 0xfffd && s.length === (cp > 0xffff ? 2 : 1) && !t.has(cp)) t.set(cp, (lead << 8) | trail);
		}
	}
	tables.set(enc, t);
	return t;
}

/** Text as GBK or Big5 bytes; characters the encoding lacks become "?". */
export function encodeLegacy(text: string, enc: LegacyEncoding): Uint8Array {
	const t = table(enc);
	const out = new Uint8Array(text.length * 2);
	let n = 0;
	for (const ch of text) {
		const cp = ch.codePointAt(0)!;
		if (cp < 0x80) out[n++] = cp;
		else {
			const code = t.get(cp);
			if (code === undefined) out[n++] = 0x3f;
			else {
				out[n++] = code >> 8;
				out[n++] = code & 0xff;
			}
		}
	}
	return out.slice(0, n);
}
