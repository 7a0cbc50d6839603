// Substring search over many rows at native speed: every row's search text joined into one
// string, scanned with indexOf, positions mapped back to rows. Rows changed after the corpus
// was built are checked one by one until it is rebuilt.

const SEP = '\u0000';

export class SearchCorpus {
	#text = '';
	#starts = new Int32Array(0);
	#size = 0;
	#stale = new Set<number>();

	constructor(readonly textOf: (i: number) => string) {}

	/** Builds the corpus over rows 0…n-1. */
	build(n: number): void {
		const parts = new Array<string>(n);
		const starts = new Int32Array(n + 1);
		let at = 0;
		for (let i = 0; i < n; i++) {
			const s = this.textOf(i);
			parts[i] = s;
			starts[i] = at;
			at += s.length + 1;
		}
		starts[n] = at;
		this.#text = parts.join(SEP) + SEP;
		this.#starts = starts;
		this.#size = n;
		this.#stale.clear();
	}

	/** Row i's text changed. */
	invalidate(i: number): void {
		if (i < this.#size) this.#stale.add(i);
	}

	/** Whether enough rows changed that a rebuild pays off. */
	get worthRebuilding(): boolean {
		return this.#stale.size > 2000;
	}

	/** Flags (1 = contains) for rows 0…n-1 whose text contains any of the needles. */
	match(needles: readonly string[], n: number): Uint8Array {
		const flags = new Uint8Array(n);
		const text = this.#text;
		const starts = this.#starts;
		for (const needle of needles) {
			if (!needle || needle.includes(SEP)) continue;
			let pos = text.indexOf(needle);
			while (pos !== -1) {
				// The row holding this position: the last start at or before it.
				let lo = 0;
				let hi = this.#size - 1;
				while (lo < hi) {
					const mid = (lo + hi + 1) >>> 1;
					if (starts[mid] <= pos) lo = mid;
					else hi = mid - 1;
				}
				if (!this.#stale.has(lo)) flags[lo] = 1;
				pos = text.indexOf(needle, starts[lo + 1]);
			}
		}
		const check = (i: number) => {
			const s = this.textOf(i);
			for (const needle of needles) if (needle && s.includes(needle)) return 1;
			return 0;
		};
		for (const i of this.#stale) if (i < n) flags[i] = check(i);
		for (let i = this.#size; i < n; i++) flags[i] = check(i);
		return flags;
	}
}
