// Merging duplicate records (issue 8; semantics in docs/ARCHITECTURE.md, "Merging duplicates").
//
// A merge writes, all stamped with the merge's id (`b`):
//   - the chosen field values on the survivor (what they held before is kept in the manifest);
//   - `mergedInto` = survivor on every merged-away record (which leaves every list);
//   - every link (customer / contact field of contacts, tasks, activities in all quarters,
//     deals, orders, tickets) moved from a merged-away id to the survivor, remembering `from`.
// The main document's `merges` map keeps the manifest: the survivor's fields before, and the
// stamps of the merged-away records' field edits the merging device had seen.
//
// Edits and links that arrive later for a merged-away id (an offline teammate) are moved onto
// the survivor when they arrive: `reconcileMerges` runs after every transaction that touches
// the records or their links ("re-link on observe"). Every device that sees them does the same
// deterministic writes, so concurrent re-linking converges.
import type * as Y from 'yjs';
import { newId } from '../domain/ids';
import { MERGED_INTO, resolveMerged } from '../domain/merge';
import { diffFields, type FieldEdit, type RecordMeta } from '../domain/record';
import type { FieldError } from '../domain/validate';
import type { Collection } from './collection';
import { checkInput, type RecordRules } from './commands';
import { stamp, type WriteContext } from './context';
import type { HistoryLog } from './history';
import { DELETED_FIELD, fieldKey, ORIGIN } from './schema';
import { Writes } from './writes';

export const MERGES = 'merges';

type AnyRecord = RecordMeta & Record<string, unknown>;

export interface MergeManifest {
	id: string;
	collection: string;
	survivor: string;
	others: string[];
	at: number;
	by: string;
	/** The survivor's changed fields as they were before. */
	before: Record<string, unknown>;
	/** Per merged-away record: field → stamp of the edit the merging device had seen. */
	seen: Record<string, Record<string, number>>;
	state: 'done' | 'undone';
}

/** A field edit written by a merge: its merge, and for a moved link the id it named. */
export interface MergeEdit extends FieldEdit {
	b?: string;
	from?: string;
}

/** A record (in any document) whose `field` names a record of the merged type. */
export interface LinkRef {
	coll: Collection<AnyRecord>;
	id: string;
	field: string;
}

/** One record type that can be merged, and everything linking to it. */
export interface MergeScope {
	main: Y.Doc;
	records: Collection<AnyRecord>;
	/** The record type's rules, to check the chosen values. */
	rules: RecordRules<object>;
	/** Records whose link field names `id`, in every document this device has. */
	linksTo(id: string): LinkRef[];
}

const SKIP_FIELDS = new Set([MERGED_INTO, DELETED_FIELD, 'id', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy']);

/** The merge manifests (main document). */
export function mergesMap(main: Y.Doc): Y.Map<MergeManifest> {
	return main.getMap<MergeManifest>(MERGES);
}

/** The record a (possibly merged-away) id stands for now. */
export function resolveRecord(records: Collection<AnyRecord>, id: string): string {
	if (!id) return id;
	return resolveMerged(id, (x) => idField(records, x, MERGED_INTO) || undefined);
}

/**
 * An id-valued field of a record (a link, `mergedInto`) without decoding the record: its edit,
 * else read out of the base JSON string (ids never contain quotes or backslashes). Opening or
 * syncing a large document re-checks every record, so this has to be cheap.
 */
export function idField(coll: Collection<AnyRecord>, id: string, field: string): string {
	const e = coll.edits.get(fieldKey(id, field));
	if (e) return typeof e.v === 'string' ? e.v : '';
	const base = coll.base.get(id);
	if (typeof base !== 'string') return String((base as Record<string, unknown> | undefined)?.[field] ?? '');
	const key = `"${field}":"`;
	const i = base.indexOf(key);
	return i < 0 ? '' : base.slice(i + key.length, base.indexOf('"', i + key.length));
}

/** True when the record was merged into another one (it is out of every list). */
export function isMergedAway(records: Collection<AnyRecord>, id: string): boolean {
	return resolveRecord(records, id) !== id;
}

/** A record's name for the history (its id when it has none). */
function nameOf(records: Collection<AnyRecord>, id: string): string {
	return String(records.get(id)?.name || id);
}

/** Field edits of a record: field → stamp. */
function editStamps(coll: Collection<AnyRecord>, id: string): Record<string, number> {
	const out: Record<string, number> = {};
	for (const f of coll.editedFields(id)) {
		const e = coll.edits.get(fieldKey(id, f));
		if (e) out[f] = e.at;
	}
	return out;
}

export type MergeResult = { ok: true; mergeId: string; moved: Record<string, number> } | { ok: false; errors: FieldError[] };

/**
 * Merges `others` into `survivor`: the chosen values on the survivor, every link moved, the
 * others marked `mergedInto`; one history entry on each record. Nothing is written on an error.
 */
export function mergeRecords(scope: MergeScope, history: HistoryLog, a: { survivor: string; others: string[]; fields: Record<string, unknown> }, ctx: WriteContext): MergeResult {
	const { records } = scope;
	const survivor = records.load(a.survivor);
	if (!survivor || survivor.deletion || isMergedAway(records, a.survivor)) return { ok: false, errors: [{ field: 'survivor', code: 'notFound' }] };
	const others = [...new Set(a.others)].filter((id) => id !== a.survivor);
	if (!others.length) return { ok: false, errors: [{ field: 'others', code: 'required' }] };
	for (const [i, id] of others.entries()) {
		if (!records.has(id) || isMergedAway(records, id)) return { ok: false, errors: [{ field: 'others', index: i, code: 'notFound' }] };
	}
	const { value, errors } = checkInput(scope.rules, a.fields, true);
	if (errors.length) return { ok: false, errors };
	const mergeId = newId();
	const { at, by } = stamp(ctx);
	const changes = diffFields(survivor.record, value as Record<string, unknown>, Object.keys(value));
	const manifest: MergeManifest = {
		id: mergeId,
		collection: records.name,
		survivor: a.survivor,
		others,
		at,
		by,
		before: Object.fromEntries(changes.map(([f, from]) => [f, from ?? ''])),
		seen: Object.fromEntries(others.map((id) => [id, editStamps(records, id)])),
		state: 'done'
	};
	const moved: Record<string, number> = {};
	const writes = new Writes();
	for (const other of others) {
		for (const link of scope.linksTo(other)) {
			moved[link.coll.name] = (moved[link.coll.name] ?? 0) + 1;
			writes.add(link.coll, () => link.coll.edits.set(fieldKey(link.id, link.field), { v: a.survivor, at, by, b: mergeId, from: other } satisfies MergeEdit));
		}
	}
	scope.main.transact(() => {
		mergesMap(scope.main).set(mergeId, manifest);
		for (const [f, , to] of changes) records.edits.set(fieldKey(a.survivor, f), { v: to, at, by, b: mergeId } satisfies MergeEdit);
		// History is for people: the records are named as they were when merged.
		history.record({ c: records.name, r: a.survivor, at, by, op: 'merge', ch: [...changes, ['merged', [], others.map((id) => nameOf(records, id))]] });
		for (const other of others) {
			records.edits.set(fieldKey(other, MERGED_INTO), { v: a.survivor, at, by, b: mergeId } satisfies MergeEdit);
			history.record({ c: records.name, r: other, at, by, op: 'merge', ch: [[MERGED_INTO, '', nameOf(records, a.survivor)]] });
		}
	}, ORIGIN.merge);
	writes.run(ORIGIN.merge, scope.main);
	return { ok: true, mergeId, moved };
}

/**
 * Takes a merge back: the survivor's fields that still hold the merge's values, the links the
 * merge (or re-linking after it) moved, and the merged-away records' `mergedInto`. Edits made
 * since on the survivor win over the undo; links made since directly to the survivor stay.
 */
export function undoMerge(scope: MergeScope, history: HistoryLog, mergeId: string, ctx: WriteContext): { ok: true; value: undefined } | { ok: false; errors: FieldError[] } {
	const map = mergesMap(scope.main);
	const m = map.get(mergeId);
	if (!m || m.state !== 'done') return { ok: false, errors: [{ field: 'mergeId', code: 'notFound' }] };
	const { records } = scope;
	const { at, by } = stamp(ctx);
	const writes = new Writes();
	for (const link of scope.linksTo(m.survivor)) {
		const e = link.coll.edits.get(fieldKey(link.id, link.field)) as MergeEdit | undefined;
		if (e?.b === mergeId && e.from) writes.add(link.coll, () => link.coll.edits.set(fieldKey(link.id, link.field), { v: e.from, at, by }));
	}
	const back: Array<[string, unknown, unknown]> = [];
	for (const [f, v] of Object.entries(m.before)) {
		const e = records.edits.get(fieldKey(m.survivor, f)) as MergeEdit | undefined;
		if (e?.b === mergeId) back.push([f, e.v, v]);
	}
	scope.main.transact(() => {
		map.set(mergeId, { ...m, state: 'undone' });
		for (const [f, , v] of back) records.edits.set(fieldKey(m.survivor, f), { v, at, by });
		history.record({ c: records.name, r: m.survivor, at, by, op: 'unmerge', ch: [...back, ['merged', m.others.map((id) => nameOf(records, id)), []]] });
		for (const other of m.others) {
			const e = records.edits.get(fieldKey(other, MERGED_INTO)) as MergeEdit | undefined;
			if (e?.b !== mergeId) continue;
			records.edits.set(fieldKey(other, MERGED_INTO), { v: '', at, by });
			history.record({ c: records.name, r: other, at, by, op: 'unmerge', ch: [[MERGED_INTO, nameOf(records, m.survivor), '']] });
		}
	}, ORIGIN.merge);
	writes.run(ORIGIN.merge, scope.main);
	return { ok: true, value: undefined };
}

/** What changed that may need moving onto a survivor. */
export interface ReconcileInput {
	/** Records of the merged type that changed (field edits, `mergedInto` arriving). */
	records?: Iterable<string>;
	/** Linking records that changed: their collection, ids and link field. */
	links?: Array<{ coll: Collection<AnyRecord>; ids: Iterable<string>; field: string }>;
}

/**
 * Moves what names a merged-away record onto its survivor: links to it (moved with the merge's
 * id and `from`, so undoing the merge puts them back), and field edits of it the merge had not
 * seen (copied to the survivor). A copied edit is stamped max(its time, merge time + 1): an
 * offline edit of the merged-away record wins over the merge's chosen value, a later edit of the
 * survivor wins over it. Every device computes the same writes; nothing is written twice.
 */
export function reconcileMerges(scope: MergeScope, input: ReconcileInput, ctx: WriteContext): number {
	const { records } = scope;
	const map = mergesMap(scope.main);
	if (map.size === 0) return 0;
	const writes = new Writes();
	const markOf = (id: string) => records.edits.get(fieldKey(id, MERGED_INTO)) as MergeEdit | undefined;
	const relink = (coll: Collection<AnyRecord>, id: string, field: string) => {
		const cur = idField(coll, id, field);
		if (!cur) return;
		const to = resolveRecord(records, cur);
		if (to === cur) return;
		const { at, by } = stamp(ctx);
		writes.add(coll, () => coll.edits.set(fieldKey(id, field), { v: to, at, by, b: markOf(cur)?.b, from: cur } satisfies MergeEdit));
	};
	for (const l of input.links ?? []) for (const id of l.ids) relink(l.coll, id, l.field);
	for (const id of input.records ?? []) {
		const survivor = resolveRecord(records, id);
		if (survivor === id) continue;
		for (const link of scope.linksTo(id)) relink(link.coll, link.id, link.field);
		const mark = markOf(id);
		const m = mark?.b ? map.get(mark.b) : undefined;
		const seen = m?.seen[id] ?? {};
		for (const f of records.editedFields(id)) {
			const e = records.edits.get(fieldKey(id, f));
			if (!e || SKIP_FIELDS.has(f) || seen[f] === e.at) continue;
			const when = Math.max(e.at, (mark?.at ?? 0) + 1);
			const cur = records.edits.get(fieldKey(survivor, f));
			if (cur && cur.at >= when) continue;
			writes.add(records, () => records.edits.set(fieldKey(survivor, f), { v: e.v, at: when, by: e.by }));
		}
	}
	const n = writes.size;
	if (n) writes.run(ORIGIN.merge, scope.main);
	return n;
}
