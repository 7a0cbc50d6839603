// The customers' matching keys (domain/import/match.ts), built on first use and kept current
// by the ids that changed, so the new-customer form's duplicate warning answers in
// milliseconds instead of re-reading 100,000 customers on every pause in typing.
import { matchKeys, scoreOf, type Convert, type Evidence, type MatchRecord } from '../domain/import/match';

const keyOf = (e: Evidence) => `${e.kind}\u0000${e.value}`;

export class SimilarIndex {
	#byKey = new Map<string, Set<string>>();
	#keysOf = new Map<string, Evidence[]>();
	#dirty = new Set<string>();
	#built = false;

	constructor(
		/** The record to index, or null when it is gone, deleted or merged away. */
		readonly read: (id: string) => MatchRecord | null,
		readonly ids: () => Iterable<string>,
		readonly convert: Convert
	) {}

	/** Records changed: their keys are recomputed on the next lookup. */
	touch(ids: Iterable<string>): void {
		if (this.#built) for (const id of ids) this.#dirty.add(id);
	}

	#set(id: string) {
		for (const e of this.#keysOf.get(id) ?? []) this.#byKey.get(keyOf(e))?.delete(id);
		const r = this.read(id);
		if (!r) return void this.#keysOf.delete(id);
		const keys = matchKeys(r, this.convert);
		this.#keysOf.set(id, keys);
		for (const e of keys) {
			const k = keyOf(e);
			let s = this.#byKey.get(k);
			if (!s) this.#byKey.set(k, (s = new Set()));
			s.add(id);
		}
	}

	/** Records sharing a key with `probe`, with the shared keys and a score, best first. */
	similar(probe: Omit<MatchRecord, 'id'>, { exclude = '', minScore = 0.3, limit = 5 } = {}): Array<{ id: string; score: number; evidence: Evidence[] }> {
		if (!this.#built) {
			for (const id of this.ids()) this.#set(id);
			this.#built = true;
		}
		for (const id of this.#dirty) this.#set(id);
		this.#dirty.clear();
		const hits = new Map<string, Evidence[]>();
		for (const e of matchKeys({ ...probe, id: '' }, this.convert)) {
			for (const id of this.#byKey.get(keyOf(e)) ?? []) {
				if (id === exclude) continue;
				const list = hits.get(id);
				if (list) list.push(e);
				else hits.set(id, [e]);
			}
		}
		return [...hits]
			.map(([id, evidence]) => ({ id, evidence, score: scoreOf(evidence) }))
			.filter((h) => h.score >= minScore)
			.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
			.slice(0, limit);
	}
}
