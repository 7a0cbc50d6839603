// One collection of records in the workspace document (layout in schema.ts).
import type * as Y from 'yjs';
import { newId } from '../domain/ids';
import { diffFields, editedAfterDeletion, type Deletion, type FieldEdit, type RecordMeta } from '../domain/record';
import { stamp, type WriteContext } from './context';
import type { HistoryLog } from './history';
import { decodeBase, DELETED_FIELD, encodeBase, fieldKey, ORIGIN, overlayName, splitFieldKey } from './schema';

/** A record as read: base with edits applied, plus its deletion state. */
export interface Loaded<T> {
	record: T;
	deletion: Deletion | null;
	editedAfterDelete: boolean;
}

type Base = Record<string, unknown>;

export class Collection<T extends RecordMeta> {
	readonly base: Y.Map<string | Base>;
	readonly edits: Y.Map<FieldEdit>;
	#fields: Map<string, Set<string>> | null = null;

	constructor(
		readonly doc: Y.Doc,
		readonly name: string,
		readonly history: HistoryLog,
		/** Field values a stored record may leave out (empty text and lists). */
		readonly defaults: Base = {}
	) {
		this.base = doc.getMap(name);
		this.edits = doc.getMap(overlayName(name));
		this.edits.observe((ev) => {
			if (!this.#fields) return;
			for (const key of ev.keysChanged) {
				const [id, field] = splitFieldKey(key);
				if (this.edits.has(key)) this.#fieldsOf(id, true)!.add(field);
				else this.#fields.get(id)?.delete(field);
			}
		});
	}

	/** Field names with an edit, per record id; built on first use, then kept current. */
	#fieldsOf(id: string, create = false): Set<string> | undefined {
		if (!this.#fields) {
			this.#fields = new Map();
			for (const key of this.edits.keys()) {
				const [rid, field] = splitFieldKey(key);
				let s = this.#fields.get(rid);
				if (!s) this.#fields.set(rid, (s = new Set()));
				s.add(field);
			}
		}
		let s = this.#fields.get(id);
		if (!s && create) this.#fields.set(id, (s = new Set()));
		return s;
	}

	has(id: string): boolean {
		return this.base.has(id);
	}

	get size(): number {
		return this.base.size;
	}

	ids(): IterableIterator<string> {
		return this.base.keys();
	}

	/** The record with every field edit applied, or undefined if its base is unknown here. */
	load(id: string): Loaded<T> | undefined {
		const base = decodeBase(this.base.get(id));
		if (!base) return undefined;
		// decodeBase returns a fresh object (or a stored one for foreign writers: copy those).
		const record: Base = typeof this.base.get(id) === 'string' ? base : { ...base };
		for (const k in this.defaults) {
			if (!(k in record)) {
				const d = this.defaults[k];
				record[k] = Array.isArray(d) ? [] : d;
			}
		}
		let deletion: Deletion | null = null;
		const fieldEdits: Array<[string, FieldEdit]> = [];
		const fields = this.#fieldsOf(id);
		if (fields) {
			let updatedAt = Number(base.updatedAt) || 0;
			for (const f of fields) {
				const e = this.edits.get(fieldKey(id, f));
				if (!e) continue;
				if (f === DELETED_FIELD) {
					deletion = (e.v as Deletion | null) ?? null;
					continue;
				}
				record[f] = e.v;
				fieldEdits.push([f, e]);
				if (e.at >= updatedAt) {
					updatedAt = e.at;
					record.updatedAt = e.at;
					record.updatedBy = e.by;
				}
			}
		}
		return {
			record: record as T,
			deletion,
			editedAfterDelete: deletion ? editedAfterDeletion(deletion, fieldEdits) : false
		};
	}

	get(id: string): T | undefined {
		return this.load(id)?.record;
	}

	/** Creates a record from its fields; returns the new id. */
	create(fields: Omit<T, keyof RecordMeta>, ctx: WriteContext, origin: string = ORIGIN.local, id = newId()): string {
		const { at, by } = stamp(ctx);
		const record = { ...fields, id, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by };
		this.doc.transact(() => {
			this.base.set(id, encodeBase(record));
			this.history.record({ c: this.name, r: id, at, by, op: 'create' });
		}, origin);
		return id;
	}

	/** Writes a whole record as it is (sample data, restore): no history entry. */
	put(record: T & Base): void {
		this.base.set(record.id, encodeBase(record));
	}

	/**
	 * Writes the fields of `patch` that differ from the current record, each as its own
	 * edit, and records one history entry. Returns the changes made.
	 */
	update(id: string, patch: Partial<T>, ctx: WriteContext, origin: string = ORIGIN.local) {
		const cur = this.get(id);
		if (!cur) throw new Error(`No ${this.name} record ${id}`);
		const changes = diffFields(cur as unknown as Base, patch as Base, Object.keys(patch));
		if (changes.length === 0) return changes;
		const { at, by } = stamp(ctx);
		this.doc.transact(() => {
			for (const [f, , to] of changes) this.edits.set(fieldKey(id, f), { v: to, at, by });
			this.history.record({ c: this.name, r: id, at, by, op: 'update', ch: changes });
		}, origin);
		return changes;
	}

	/** Moves records to the Trash. */
	remove(ids: string[], ctx: WriteContext, origin: string = ORIGIN.local): void {
		const { at, by } = stamp(ctx);
		this.doc.transact(() => {
			for (const id of ids) {
				const loaded = this.load(id);
				if (!loaded || loaded.deletion) continue;
				const seen: Record<string, number> = {};
				for (const f of this.#fieldsOf(id) ?? []) {
					if (f === DELETED_FIELD) continue;
					const e = this.edits.get(fieldKey(id, f));
					if (e) seen[f] = e.at;
				}
				const del: Deletion = { at, by, seen };
				this.edits.set(fieldKey(id, DELETED_FIELD), { v: del, at, by });
				this.history.record({ c: this.name, r: id, at, by, op: 'delete' });
			}
		}, origin);
	}

	/** Brings records back from the Trash. */
	restore(ids: string[], ctx: WriteContext, origin: string = ORIGIN.local): void {
		const { at, by } = stamp(ctx);
		this.doc.transact(() => {
			for (const id of ids) {
				if (!this.load(id)?.deletion) continue;
				this.edits.set(fieldKey(id, DELETED_FIELD), { v: null, at, by });
				this.history.record({ c: this.name, r: id, at, by, op: 'restore' });
			}
		}, origin);
	}

	/** Fields of a record that have an edit (index kept by the collection; `_del` included). */
	editedFields(id: string): string[] {
		return [...(this.#fieldsOf(id) ?? [])];
	}

	/**
	 * Removes records outright — base and every field edit — on every device (an undone import).
	 * Call inside a transaction of this collection's document.
	 */
	purge(ids: Iterable<string>): void {
		for (const id of ids) {
			for (const f of this.editedFields(id)) this.edits.delete(fieldKey(id, f));
			this.base.delete(id);
		}
	}

	/** Ids of records whose base or edits changed in a transaction. */
	changedIds(tr: Y.Transaction): Set<string> {
		const out = new Set<string>();
		const b = tr.changed.get(this.base as never);
		if (b) for (const k of b) if (k) out.add(k);
		const e = tr.changed.get(this.edits as never);
		if (e) for (const k of e) if (k) out.add(splitFieldKey(k)[0]);
		return out;
	}
}
