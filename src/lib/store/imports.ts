// Import batches (issue 8): many rows written as one undoable change.
//
// A batch is checked whole before anything is written (one refused row: nothing written),
// then written in chunks, each its own transaction, so the worker answers other commands in
// between. The main document's `imports` map keeps what each chunk did, written *before* the
// chunk's records (which may live in another document: sales, activity quarters), so a batch cut
// off by a crash or a cancel can still be taken back whole:
//   <batch>        BatchMeta (who, when, counts, state)
//   <batch>#<n>    BatchChunk: the ids the chunk added and, per updated record, what its
//                  changed fields held before
// Field edits an import makes carry the batch id (`b`), so undo reverts only fields that still
// hold the import's value: a teammate's later edit of the same field wins over the undo; the
// other fields of that record are reverted. Records a batch added are removed outright (base and
// edits), on every device, including edits made to them since.
import type * as Y from 'yjs';
import { newId } from '../domain/ids';
import { diffFields, type FieldEdit, type RecordMeta } from '../domain/record';
import type { FieldError } from '../domain/validate';
import type { Collection } from './collection';
import { checkInput, pickFields, type RecordRules } from './commands';
import { stamp, type WriteContext } from './context';
import type { HistoryLog } from './history';
import { fieldKey, ORIGIN } from './schema';
import { Writes } from './writes';

export const IMPORTS = 'imports';

type AnyRecord = RecordMeta & Record<string, unknown>;

/** Where an import writes: one record type, wherever its records live. */
export interface ImportTarget {
	name: string;
	/** The collection holding an existing record, if this device has it. */
	find(id: string): Collection<AnyRecord> | undefined;
	/** Where a new record goes (activities: the open partition of its date). */
	place(record: Record<string, unknown>): Collection<AnyRecord>;
	/** The rules a row is checked with; `row` is the row's fields as given (e.g. a stage change's `stageReason`). */
	rules(creating: boolean, current?: AnyRecord, row?: Record<string, unknown>): RecordRules<object>;
}

export type ImportMode = 'skip' | 'update' | 'add';

export interface ImportRowInput {
	fields: Record<string, unknown>;
	match?: string;
}

export interface ImportRowError extends FieldError {
	row: number;
}

export type PlannedRow = { kind: 'add'; record: Record<string, unknown> } | { kind: 'update'; id: string; patch: Record<string, unknown> };

export interface ImportPlan {
	rows: PlannedRow[];
	skipped: number;
}

export interface BatchMeta {
	id: string;
	collection: string;
	label: string;
	at: number;
	by: string;
	total: number;
	chunks: number;
	added: number;
	updated: number;
	skipped: number;
	state: 'writing' | 'done' | 'cancelled' | 'undone';
}

interface BatchChunk {
	added: string[];
	/** [record id, field → value before the import]. */
	updated: Array<[string, Record<string, unknown>]>;
}

/** A field edit written by an import, marked with its batch. */
export interface BatchEdit extends FieldEdit {
	b?: string;
}

/**
 * Checks every row with the record type's rules and decides what each one does. Rows whose
 * `match` names a record this device does not have are added.
 */
export function planImport(target: ImportTarget, rows: ImportRowInput[], mode: ImportMode, ctx: WriteContext): { ok: true; plan: ImportPlan } | { ok: false; errors: ImportRowError[] } {
	const errors: ImportRowError[] = [];
	const out: PlannedRow[] = [];
	let skipped = 0;
	const create = target.rules(true);
	// One new record's defaults for every row (they are copied, never changed in place).
	const empty = create.empty(ctx) as Record<string, unknown>;
	rows.forEach((row, i) => {
		const fields = row.fields ?? {};
		const existing = row.match && mode !== 'add' ? target.find(row.match) : undefined;
		const current = existing?.get(row.match!);
		if (current && mode === 'skip') return void skipped++;
		if (current) {
			const rules = target.rules(false, current, fields);
			const { value, errors: errs } = checkInput(rules, fields, true);
			if (errs.length) return void errors.push(...errs.map((e) => ({ ...e, row: i })));
			out.push({ kind: 'update', id: current.id, patch: value as Record<string, unknown> });
			return;
		}
		const merged: Record<string, unknown> = Object.assign({}, empty, pickFields(create.fields, fields));
		// Custom field values ("cf_…") are checked as the row gives them; most rows have none.
		const input = create.extra && hasCustom(fields) ? { ...fields, ...merged } : merged;
		const { value, errors: errs } = checkInput(create, input, false);
		if (errs.length) return void errors.push(...errs.map((e) => ({ ...e, row: i })));
		out.push({ kind: 'add', record: Object.assign(merged, value) });
	});
	return errors.length ? { ok: false, errors } : { ok: true, plan: { rows: out, skipped } };
}

/**
 * planImport in slices of `size` rows with `pause` between them, so a large file does not hold
 * the worker for seconds; errors keep their row numbers.
 */
export async function planImportInTurns(
	target: ImportTarget,
	rows: ImportRowInput[],
	mode: ImportMode,
	ctx: WriteContext,
	pause: () => Promise<void>,
	size = 2000
): Promise<{ ok: true; plan: ImportPlan } | { ok: false; errors: ImportRowError[] }> {
	const plan: ImportPlan = { rows: [], skipped: 0 };
	const errors: ImportRowError[] = [];
	for (let start = 0; start < rows.length; start += size) {
		const part = planImport(target, rows.slice(start, start + size), mode, ctx);
		if (part.ok) {
			for (const r of part.plan.rows) plan.rows.push(r);
			plan.skipped += part.plan.skipped;
		} else for (const e of part.errors) errors.push({ ...e, row: e.row + start });
		if (start + size < rows.length) await pause();
	}
	return errors.length ? { ok: false, errors } : { ok: true, plan };
}

function hasCustom(fields: Record<string, unknown>): boolean {
	for (const k in fields) if (k.startsWith('cf_')) return true;
	return false;
}

export interface WriteOptions {
	/** The main document (the `imports` map and the history entry live there). */
	main: Y.Doc;
	history: HistoryLog;
	target: ImportTarget;
	plan: ImportPlan;
	batchId?: string;
	label?: string;
	ctx: WriteContext;
	chunk?: number;
	/** Called after each chunk; resolve to let other work run. */
	pause?: (done: number, total: number) => Promise<void> | void;
	/** Checked between chunks: true stops the batch and takes back what it wrote. */
	cancelled?: () => boolean;
}

export interface WriteResult {
	batchId: string;
	added: number;
	updated: number;
	skipped: number;
	cancelled: boolean;
}

/** Writes a checked plan as one batch, chunk by chunk; one history entry when it finishes. */
export async function writeImport(o: WriteOptions): Promise<WriteResult> {
	const { main, target, plan, ctx } = o;
	const imports = main.getMap<BatchMeta | BatchChunk>(IMPORTS);
	const id = o.batchId ?? newId();
	const { at, by } = stamp(ctx);
	const size = Math.max(1, o.chunk ?? 1000);
	const meta: BatchMeta = { id, collection: target.name, label: o.label ?? '', at, by, total: plan.rows.length, chunks: 0, added: 0, updated: 0, skipped: plan.skipped, state: 'writing' };
	main.transact(() => imports.set(id, { ...meta }), ORIGIN.import);
	for (let start = 0; start < plan.rows.length; start += size) {
		if (o.cancelled?.()) {
			undoImport({ main, history: o.history, target, batchId: id, ctx, state: 'cancelled' });
			return { batchId: id, added: 0, updated: 0, skipped: plan.skipped, cancelled: true };
		}
		const rows = plan.rows.slice(start, start + size);
		const chunk: BatchChunk = { added: [], updated: [] };
		const writes = new Writes();
		for (const r of rows) {
			if (r.kind === 'add') {
				const rid = newId();
				const record = { ...r.record, id: rid, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by } as AnyRecord;
				const coll = target.place(record);
				chunk.added.push(rid);
				writes.add(coll, () => coll.put(record));
			} else {
				const coll = target.find(r.id);
				const cur = coll?.get(r.id);
				if (!coll || !cur) continue;
				const changes = diffFields(cur, r.patch, Object.keys(r.patch));
				if (!changes.length) continue;
				chunk.updated.push([r.id, Object.fromEntries(changes.map(([f, from]) => [f, from ?? '']))]);
				writes.add(coll, () => {
					for (const [f, , to] of changes) coll.edits.set(fieldKey(r.id, f), { v: to, at, by, b: id } satisfies BatchEdit);
				});
			}
		}
		meta.chunks++;
		meta.added += chunk.added.length;
		meta.updated += chunk.updated.length;
		main.transact(() => {
			imports.set(`${id}#${meta.chunks - 1}`, chunk);
			imports.set(id, { ...meta });
		}, ORIGIN.import);
		writes.run(ORIGIN.import);
		await o.pause?.(Math.min(start + size, plan.rows.length), plan.rows.length);
	}
	if (o.cancelled?.()) {
		undoImport({ main, history: o.history, target, batchId: id, ctx, state: 'cancelled' });
		return { batchId: id, added: 0, updated: 0, skipped: plan.skipped, cancelled: true };
	}
	main.transact(() => {
		imports.set(id, { ...meta, state: 'done' });
		o.history.record({ c: IMPORTS, r: id, at, by, op: 'import', ch: [['added', 0, meta.added], ['updated', 0, meta.updated], ['skipped', 0, meta.skipped]] });
	}, ORIGIN.import);
	return { batchId: id, added: meta.added, updated: meta.updated, skipped: meta.skipped, cancelled: false };
}

/** What a batch did, chunk by chunk. */
function* chunksOf(imports: Y.Map<BatchMeta | BatchChunk>, meta: BatchMeta): Generator<BatchChunk> {
	for (let n = 0; n < meta.chunks; n++) {
		const c = imports.get(`${meta.id}#${n}`) as BatchChunk | undefined;
		if (c) yield c;
	}
}

export interface UndoOptions {
	main: Y.Doc;
	history: HistoryLog;
	target: ImportTarget;
	batchId: string;
	ctx: WriteContext;
	state?: 'cancelled' | 'undone';
}

/**
 * Takes a batch back: removes every record it added (base and edits) and reverts every field
 * it updated that still holds the batch's value. Returns null for an unknown batch.
 */
export function undoImport(o: UndoOptions): { removed: number; reverted: number } | null {
	const imports = o.main.getMap<BatchMeta | BatchChunk>(IMPORTS);
	const meta = imports.get(o.batchId) as BatchMeta | undefined;
	if (!meta || meta.chunks === undefined) return null;
	const { at, by } = stamp(o.ctx);
	let removed = 0;
	let reverted = 0;
	const writes = new Writes();
	for (const chunk of chunksOf(imports, meta)) {
		for (const rid of chunk.added) {
			const coll = o.target.find(rid);
			if (!coll?.has(rid)) continue;
			removed++;
			writes.add(coll, () => coll.purge([rid]));
		}
		for (const [rid, before] of chunk.updated) {
			const coll = o.target.find(rid);
			if (!coll) continue;
			const back: Array<[string, unknown]> = [];
			for (const [f, v] of Object.entries(before)) {
				const e = coll.edits.get(fieldKey(rid, f)) as BatchEdit | undefined;
				if (e?.b === o.batchId) back.push([f, v]);
			}
			if (!back.length) continue;
			reverted++;
			writes.add(coll, () => {
				for (const [f, v] of back) coll.edits.set(fieldKey(rid, f), { v, at, by });
			});
		}
	}
	writes.run(ORIGIN.import);
	o.main.transact(() => {
		imports.set(o.batchId, { ...meta, state: o.state ?? 'undone' });
		o.history.record({ c: IMPORTS, r: o.batchId, at, by, op: o.state === 'cancelled' ? 'cancelImport' : 'undoImport', ch: [['removed', 0, removed], ['reverted', 0, reverted]] });
	}, ORIGIN.import);
	return { removed, reverted };
}

/** Batches of this workspace, newest first. */
export function importBatches(main: Y.Doc): BatchMeta[] {
	const out: BatchMeta[] = [];
	for (const [k, v] of main.getMap<BatchMeta | BatchChunk>(IMPORTS)) if (!k.includes('#')) out.push(v as BatchMeta);
	return out.sort((a, b) => b.at - a.at);
}
