// The explicit change log: one entry per user action on a record, with the member who made
// it. Yjs snapshots are not used for history (GC stays on).
import type * as Y from 'yjs';
import { newId } from '../domain/ids';
import { HISTORY } from './schema';

/** `import`/`undoImport`/`cancelImport`: one entry per batch (record id = batch id); `merge`/`unmerge`: on the survivor and each merged-away record. */
export type HistoryOp = 'create' | 'update' | 'delete' | 'restore' | 'import' | 'undoImport' | 'cancelImport' | 'merge' | 'unmerge';

export interface HistoryEntry {
	id: string;
	/** Collection name. */
	c: string;
	/** Record id. */
	r: string;
	at: number;
	by: string;
	op: HistoryOp;
	/** Changed fields: [field, from, to]. */
	ch?: Array<[string, unknown, unknown]>;
}

export class HistoryLog {
	readonly map: Y.Map<HistoryEntry>;
	#byRecord: Map<string, string[]> | null = null;

	constructor(doc: Y.Doc) {
		this.map = doc.getMap(HISTORY);
		this.map.observe((ev) => {
			if (!this.#byRecord) return;
			for (const key of ev.keysChanged) {
				const e = this.map.get(key);
				if (e) this.#add(e);
			}
		});
	}

	#add(e: HistoryEntry) {
		const list = this.#byRecord!.get(e.r);
		if (list) {
			if (!list.includes(e.id)) list.push(e.id);
		} else this.#byRecord!.set(e.r, [e.id]);
	}

	/** Adds an entry; call inside the transaction that makes the change. */
	record(entry: Omit<HistoryEntry, 'id'>): void {
		const id = newId();
		this.map.set(id, { id, ...entry });
	}

	/** Entries for one record, newest first. */
	forRecord(recordId: string): HistoryEntry[] {
		if (!this.#byRecord) {
			this.#byRecord = new Map();
			for (const e of this.map.values()) this.#add(e);
		}
		const ids = this.#byRecord.get(recordId) ?? [];
		return ids
			.map((id) => this.map.get(id))
			.filter((e): e is HistoryEntry => !!e)
			.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
	}
}
