// Long lists render a screenful first and the rest a step per frame. Creating a few hundred
// cards or rows and laying them out in one go took 60–200 ms of main-thread time (the deals
// board, the ticket list), over the 50 ms budget; a step each frame keeps every task short.

/** Runs `fn` in a task of its own after the next rendered frame; returns a cancel function. */
export function afterFrame(fn: () => void): () => void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const frame = requestAnimationFrame(() => (timer = setTimeout(fn, 0)));
	return () => {
		cancelAnimationFrame(frame);
		clearTimeout(timer);
	};
}

/**
 * How many items of a list to render: `first` at once, then `step` more after each frame until
 * `total()`. Create while a component initialises.
 */
export class Reveal {
	count = $state(0);
	readonly #first: number;
	#query = '';

	constructor(total: () => number, { first, step }: { first: number; step: number }) {
		this.#first = this.count = first;
		$effect(() => {
			const n = total();
			const shown = this.count;
			if (shown >= n) return;
			return afterFrame(() => (this.count = Math.min(n, shown + step)));
		});
	}

	/**
	 * Call as each answer arrives, with its query (search, filters): an answer to a different
	 * query replaces the whole list, so it starts again from the first screenful.
	 */
	answer(query: string): void {
		if (query !== this.#query) this.count = this.#first;
		this.#query = query;
	}
}
