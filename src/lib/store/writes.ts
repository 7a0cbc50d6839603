// Writes to records of several documents (main, sales, activity quarters), gathered first and
// then run as one transaction per document.
import type * as Y from 'yjs';

export class Writes {
	#docs = new Map<Y.Doc, Array<() => void>>();

	/** Queues a write to a collection (anything with its document). */
	add(coll: { doc: Y.Doc }, fn: () => void): void {
		const list = this.#docs.get(coll.doc);
		if (list) list.push(fn);
		else this.#docs.set(coll.doc, [fn]);
	}

	get size(): number {
		let n = 0;
		for (const l of this.#docs.values()) n += l.length;
		return n;
	}

	/** Runs the writes, one transaction per document; `first` (e.g. the main document) goes first. */
	run(origin: string, first?: Y.Doc): void {
		const docs = [...this.#docs.keys()].sort((a, b) => (a === first ? -1 : b === first ? 1 : 0));
		for (const doc of docs) {
			const fns = this.#docs.get(doc)!;
			doc.transact(() => fns.forEach((f) => f()), origin);
		}
		this.#docs.clear();
	}
}
