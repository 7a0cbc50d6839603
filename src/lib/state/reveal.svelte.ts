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
 * `total()` — or, given `wanted`, only while `wanted()` holds (say, while the end of the list is
 * near the screen: see `nearScreen`). Create while a component initialises.
 */
export class Reveal {
	count = $state(0);
	readonly #first: number;
	#query = '';

	constructor(total: () => number, { first, step, wanted }: { first: number; step: number; wanted?: () => boolean }) {
		this.#first = this.count = first;
		$effect(() => {
			const n = total();
			const shown = this.count;
			if (shown >= n || (wanted && !wanted())) return;
			return afterFrame(() => (this.count = Math.min(n, shown + step)));
		});
	}

	/** Renders at least the first `n` items at once (an item about to be focused, say). */
	atLeast(n: number): void {
		if (n > this.count) this.count = n;
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

/**
 * An attachment that keeps `key` in `near` while the element is on the screen, less than half a
 * screen below it or anywhere above it (scrolled past), but not while it is further below or
 * clipped away (as a board column scrolled out of sight sideways is). Put it at the end of a list
 * revealed in steps: the list grows until its end is half a screen below the screen.
 */
export function nearScreen(near: Set<string>, key: string): (el: Element) => () => void {
	// The same function for the same set and key: Svelte re-runs an attachment whose function
	// changes (a new board answer would otherwise drop the key until the new observer reports).
	let byKey = attachments.get(near);
	if (!byKey) attachments.set(near, (byKey = new Map()));
	let attach = byKey.get(key);
	if (!attach) byKey.set(key, (attach = observeNear(near, key)));
	return attach;
}
const attachments = new WeakMap<Set<string>, Map<string, (el: Element) => () => void>>();

function observeNear(near: Set<string>, key: string): (el: Element) => () => void {
	return (el) => {
		if (typeof IntersectionObserver === 'undefined') {
			near.add(key);
			return () => near.delete(key);
		}
		const io = new IntersectionObserver(
			(entries) => {
				if (entries.at(-1)?.isIntersecting) near.add(key);
				else near.delete(key);
			},
			// Above counts as near: an observer says nothing when the element jumps from below
			// the screen to above it (the End key), so the area it watches reaches far up.
			{ rootMargin: '1000000px 0px 50% 0px' }
		);
		io.observe(el);
		return () => {
			io.disconnect();
			near.delete(key);
		};
	};
}
