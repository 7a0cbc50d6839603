// A small seeded PRNG (sfc32) for sample data and benches. Not for anything secret:
// the point is that the same seed gives the same workspace on every machine and runtime.

/** Items with pre-summed weights, so a weighted pick is one draw and a short scan. */
export interface WeightedTable<T> {
	readonly items: readonly T[];
	readonly cumulative: readonly number[];
	readonly total: number;
}

/** Builds a table for `Random.weighted` from `[item, weight]` pairs (weights > 0). */
export function weightedTable<T>(entries: readonly (readonly [T, number])[]): WeightedTable<T> {
	if (entries.length === 0) throw new RangeError('weightedTable needs at least one entry');
	const items: T[] = [];
	const cumulative: number[] = [];
	let total = 0;
	for (const [item, weight] of entries) {
		if (!(weight > 0)) throw new RangeError(`weight must be > 0, got ${weight}`);
		total += weight;
		items.push(item);
		cumulative.push(total);
	}
	return { items, cumulative, total };
}

// Hex digit char codes and a reused buffer: String.fromCharCode over 36 codes makes one flat
// string, where 20 concatenations would leave a tree of cons strings for the GC to copy.
const HEX_CODES = Array.from({ length: 16 }, (_, i) => i.toString(16).charCodeAt(0));
const UUID_BUF: number[] = Array.from('00000000-0000-4000-8000-000000000000', (ch) => ch.charCodeAt(0));
// Where the n-th hex digit of the 32 goes in the 36-character string.
const UUID_POS = Array.from({ length: 32 }, (_, n) => n + (n >= 8 ? 1 : 0) + (n >= 12 ? 1 : 0) + (n >= 16 ? 1 : 0) + (n >= 20 ? 1 : 0));

// splitmix32 spreads nearby seeds (1, 2, 3…) over the whole sfc32 state.
function splitmix32(state: number): [next: number, out: number] {
	state = (state + 0x9e3779b9) | 0;
	let z = state;
	z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
	z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
	return [state, (z ^ (z >>> 16)) >>> 0];
}

/** A deterministic random stream; `stream` picks an independent sequence for the same seed. */
export class Random {
	private a = 0;
	private b = 0;
	private c = 0;
	private d = 0;

	/** Seeds the generator; any finite number works, fractional parts are dropped. */
	constructor(seed: number, stream = 0) {
		const s = Number.isFinite(seed) ? Math.trunc(seed) : 0;
		// Keep the high bits too, so seeds that differ only above 2^32 still differ.
		let state = (s >>> 0) ^ Math.imul(Math.floor(s / 4294967296) >>> 0, 0x27d4eb2d);
		state = (state ^ Math.imul(stream >>> 0, 0x165667b1)) | 0;
		let out: number;
		[state, out] = splitmix32(state);
		this.a = out;
		[state, out] = splitmix32(state);
		this.b = out;
		[state, out] = splitmix32(state);
		this.c = out;
		[, out] = splitmix32(state);
		this.d = out;
		for (let i = 0; i < 15; i++) this.next();
	}

	/** The next unsigned 32-bit integer. */
	next(): number {
		const a = this.a;
		const b = this.b;
		const c = this.c;
		const d = this.d;
		const t = (((a + b) | 0) + d) | 0;
		this.d = (d + 1) | 0;
		this.a = b ^ (b >>> 9);
		this.b = (c + (c << 3)) | 0;
		this.c = (((c << 21) | (c >>> 11)) + t) | 0;
		return t >>> 0;
	}

	/** A float in [0, 1). */
	float(): number {
		return this.next() / 4294967296;
	}

	/** An integer in [min, max], both inclusive. */
	int(min: number, max: number): number {
		return min + Math.floor(this.float() * (max - min + 1));
	}

	/** True with probability `p`. */
	chance(p: number): boolean {
		return this.float() < p;
	}

	/** A uniformly chosen element of a non-empty array. */
	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.float() * items.length)];
	}

	/** An element of a weighted table, chosen in proportion to its weight. */
	weighted<T>(table: WeightedTable<T>): T {
		const x = this.float() * table.total;
		const cum = table.cumulative;
		// Tables are short (≤ ~100 entries), so a linear scan beats a binary search.
		let i = 0;
		while (i < cum.length - 1 && cum[i] <= x) i++;
		return table.items[i];
	}

	/** `n` (1–9) random decimal digits, leading zeros kept. */
	digits(n: number): string {
		const s = String(this.int(0, 10 ** n - 1));
		return s.length < n ? '0'.repeat(n - s.length) + s : s;
	}

	/** An integer timestamp in [start, end). */
	between(start: number, end: number): number {
		return start + Math.floor(this.float() * (end - start));
	}

	/** A UUID v4-shaped string drawn from this stream (reproducible, unlike crypto.randomUUID). */
	uuid(): string {
		const words = [this.next(), (this.next() & 0xffff0fff) | 0x00004000, (this.next() & 0x3fffffff) | 0x80000000, this.next()];
		for (let w = 0; w < 4; w++) {
			const x = words[w];
			for (let k = 0; k < 8; k++) UUID_BUF[UUID_POS[w * 8 + k]] = HEX_CODES[(x >>> (28 - 4 * k)) & 15];
		}
		return String.fromCharCode.apply(null, UUID_BUF);
	}
}
