// Posting lists of the characters and character pairs in many texts: the rows holding a
// one- or two-character needle are read off a list instead of found by reading every text, and
// a longer needle need only be checked in the rows holding its rarest pair. The first keystrokes
// of a search (a letter, a digit, a Chinese character) match most of 100k customers, and
// scanning them all took 5–12 ms of the 16 ms a keystroke may take on our slowest machines.
//
// Built in slices (the query worker builds it between queries, after the list is on screen).
// Rows are added in position order, so every list is sorted; a text that changes after it was
// indexed is not removed from the lists: the caller keeps such rows aside and checks them
// itself (RowIndex's stale rows).

/** A key per character (its UTF-16 code) and per pair of adjacent ones (above 65,535). */
function pairKey(a: number, b: number): number {
	return (a + 1) * 65536 + b;
}

export interface Candidates {
	/** Positions of the rows that may hold the needle, ascending. */
	rows: ArrayLike<number>;
	/** Every one of them holds it (needles of one or two characters): no need to check. */
	exact: boolean;
}

const EMPTY = new Int32Array(0);

export class GramIndex {
	#lists = new Map<number, number[]>();
	#final = new Map<number, Int32Array>();
	/** While finishing: the lists still to turn into typed arrays. */
	#pending: Iterator<[number, number[]]> | null = null;
	#built = 0;
	#done = false;

	/** Whether every row given to `build` is indexed and the lists are final. */
	get done(): boolean {
		return this.#done;
	}

	/**
	 * Indexes up to `count` more of `texts` (position order), or once all are, turns about as
	 * much work's worth of lists into typed arrays; returns whether it is done. `texts` must be
	 * the same array, only ever longer, on every call.
	 */
	build(texts: readonly (string | undefined)[], count: number): boolean {
		if (this.#done) return true;
		if (this.#pending) return this.#finish(count * 80);
		const lists = this.#lists;
		const end = Math.min(texts.length, this.#built + count);
		for (let i = this.#built; i < end; i++) {
			const s = texts[i];
			if (!s) continue;
			let prev = -1;
			for (let k = 0; k < s.length; k++) {
				const c = s.charCodeAt(k);
				add(lists, c, i);
				if (prev >= 0) add(lists, pairKey(prev, c), i);
				prev = c;
			}
		}
		this.#built = end;
		if (end < texts.length) return false;
		// Typed arrays hold the millions of positions in a fraction of the memory arrays take.
		this.#pending = lists.entries();
		return false;
	}

	/** Turns lists into typed arrays until about `budget` positions are copied. */
	#finish(budget: number): boolean {
		const pending = this.#pending!;
		for (let copied = 0; copied < budget; ) {
			const next = pending.next();
			if (next.done) {
				this.#lists = new Map();
				this.#pending = null;
				this.#done = true;
				return true;
			}
			const [key, list] = next.value;
			this.#final.set(key, Int32Array.from(list));
			copied += list.length;
		}
		return false;
	}

	/** The rows that may hold `needle` (non-empty), once the index is done; null before. */
	candidates(needle: string): Candidates | null {
		if (!this.#done || needle.length === 0) return null;
		if (needle.length === 1) return { rows: this.#final.get(needle.charCodeAt(0)) ?? EMPTY, exact: true };
		// The rarest pair: every row holding the needle holds each of its pairs.
		let best: Int32Array | undefined;
		for (let k = 1; k < needle.length; k++) {
			const list = this.#final.get(pairKey(needle.charCodeAt(k - 1), needle.charCodeAt(k)));
			if (!list) return { rows: EMPTY, exact: true };
			if (!best || list.length < best.length) best = list;
		}
		return { rows: best ?? EMPTY, exact: needle.length === 2 };
	}
}

function add(lists: Map<number, number[]>, key: number, i: number): void {
	const list = lists.get(key);
	if (!list) lists.set(key, [i]);
	else if (list[list.length - 1] !== i) list.push(i);
}
