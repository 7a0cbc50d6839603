// Import batches with real Y.Docs: checked whole before writing, written in chunks, one history
// entry, undo and cancel take back exactly what the batch did — also after a teammate has
// synced it, and a teammate's later edit of an updated field wins over the undo.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { activityPeriod } from '../../src/lib/domain/activity';
import { ActivityStore } from '../../src/lib/store/activities';
import type { Collection } from '../../src/lib/store/collection';
import { createCustomer, customerPatchRules, customerRules, updateCustomer } from '../../src/lib/store/customers';
import { IMPORTS, importBatches, planImport, planImportInTurns, undoImport, writeImport, type ImportRowInput, type ImportTarget } from '../../src/lib/store/imports';
import { ACTIVITY_RULES } from '../../src/lib/store/activities';
import { WorkspaceStore } from '../../src/lib/store/workspace';
import type { RecordMeta } from '../../src/lib/domain/record';
import type { RecordRules } from '../../src/lib/store/commands';
import { createFieldDef } from '../../src/lib/store/custom-fields';
import { ctxA, ctxB, ok, pair, sync } from './helpers';

type AnyRecord = RecordMeta & Record<string, unknown>;


function customersTarget(ws: WorkspaceStore): ImportTarget {
	const coll = ws.customers as unknown as Collection<AnyRecord>;
	return { name: 'customers', find: (id) => (coll.has(id) ? coll : undefined), place: () => coll, rules: (creating) => customerRules(ws, creating) as RecordRules<object> };
}

function active(ws: WorkspaceStore) {
	return [...ws.customers.ids()].map((id) => ws.customers.load(id)).filter((l) => l && !l.deletion).map((l) => l!.record);
}

async function importRows(ws: WorkspaceStore, rows: ImportRowInput[], o: { mode?: 'skip' | 'update' | 'add'; chunk?: number; cancelAfter?: number; onPause?: () => void } = {}) {
	const target = customersTarget(ws);
	const planned = planImport(target, rows, o.mode ?? 'update', ctxA);
	if (!planned.ok) throw new Error(JSON.stringify(planned.errors));
	let chunks = 0;
	return writeImport({
		main: ws.doc,
		history: ws.history,
		target,
		plan: planned.plan,
		ctx: ctxA,
		chunk: o.chunk ?? 2,
		label: 'people.csv',
		pause: () => {
			chunks++;
			o.onPause?.();
		},
		cancelled: () => o.cancelAfter !== undefined && chunks >= o.cancelAfter
	});
}

const people = (n: number, from = 0): ImportRowInput[] =>
	Array.from({ length: n }, (_, i) => ({ fields: { name: `Person ${from + i}`, phones: [`1380013${String(8000 + from + i)}`] } }));

describe('import batches', () => {
	it('refuses the whole batch when one row is wrong, naming the row and field', () => {
		const { wa } = pair();
		const rows = [...people(2), { fields: { name: '', emails: ['not-an-email'] } }];
		const planned = planImport(customersTarget(wa), rows, 'update', ctxA);
		expect(planned.ok).toBe(false);
		if (planned.ok) return;
		expect(planned.errors).toEqual(expect.arrayContaining([expect.objectContaining({ row: 2, field: 'name', code: 'required' }), expect.objectContaining({ row: 2, field: 'emails', code: 'emailInvalid' })]));
		expect(wa.customers.size).toBe(0);
	});

	it('writes in chunks with one history entry, and a re-run with mode update modifies instead of copying', async () => {
		const { wa } = pair();
		const before = wa.history.map.size;
		const r = await importRows(wa, people(5), { chunk: 2 });
		expect(r).toMatchObject({ added: 5, updated: 0, skipped: 0, cancelled: false });
		expect(active(wa)).toHaveLength(5);
		// One entry for the whole import, none per record or field.
		expect(wa.history.map.size - before).toBe(1);
		expect([...wa.history.map.values()].at(-1)).toMatchObject({ c: IMPORTS, r: r.batchId, op: 'import' });
		expect(importBatches(wa.doc)[0]).toMatchObject({ id: r.batchId, added: 5, chunks: 3, state: 'done', label: 'people.csv' });

		const byName = new Map(active(wa).map((c) => [c.name, c.id]));
		const again = people(5).map((row) => ({ fields: { ...row.fields, city: 'Hangzhou' }, match: byName.get(String(row.fields.name)) }));
		const r2 = await importRows(wa, again);
		expect(r2).toMatchObject({ added: 0, updated: 5 });
		expect(active(wa)).toHaveLength(5);
		expect(active(wa).every((c) => c.city === 'Hangzhou')).toBe(true);

		const r3 = await importRows(wa, again, { mode: 'skip' });
		expect(r3).toMatchObject({ added: 0, updated: 0, skipped: 5 });
		const r4 = await importRows(wa, again.slice(0, 1), { mode: 'add' });
		expect(r4.added).toBe(1);
		expect(active(wa)).toHaveLength(6);
	});

	it('undo after a teammate synced the import: added rows go, updated fields revert, B converges; B’s later edit of a field wins', async () => {
		const { a, b, wa, wb } = pair();
		const first = await importRows(wa, people(2));
		sync(a, b);
		const [x, y] = active(wa).sort((p, q) => String(p.name).localeCompare(String(q.name)));
		const upd = await importRows(wa, [
			{ fields: { name: 'Person 0', city: 'Suzhou', region: 'Jiangsu' }, match: x.id },
			{ fields: { name: 'Person 9' }, match: y.id },
			...people(3, 20)
		]);
		expect(upd).toMatchObject({ added: 3, updated: 2 });
		sync(a, b);
		expect(active(wb)).toHaveLength(5);
		// B edits a field the import set (city) after seeing it.
		expect(updateCustomer(wb, x.id, { city: 'Ningbo' }, ctxB).ok).toBe(true);
		sync(a, b);
		const undone = undoImport({ main: a, history: wa.history, target: customersTarget(wa), batchId: upd.batchId, ctx: ctxA });
		expect(undone).toEqual({ removed: 3, reverted: 2 });
		sync(a, b);
		for (const ws of [wa, wb]) {
			const rows = active(ws);
			expect(rows.map((c) => c.name).sort()).toEqual(['Person 0', 'Person 1']);
			const px = ws.customers.get(x.id)!;
			// B's later edit wins over the undo; the field B left alone is reverted.
			expect(px.city).toBe('Ningbo');
			expect(px.region).toBe('');
			expect(ws.customers.get(y.id)!.name).toBe('Person 1');
		}
		expect(importBatches(b).find((m) => m.id === upd.batchId)?.state).toBe('undone');
		expect(importBatches(b).find((m) => m.id === first.batchId)?.state).toBe('done');
	});

	it('cancelling mid-write takes back every chunk already written, on both members', async () => {
		const { a, b, wa, wb } = pair();
		await importRows(wa, people(1));
		const existing = active(wa)[0];
		sync(a, b);
		// B syncs after every chunk, so it has seen part of the batch when A cancels.
		let seenByB = 0;
		const r = await importRows(wa, [{ fields: { name: 'Renamed' }, match: existing.id }, ...people(7, 1)], {
			chunk: 2,
			cancelAfter: 2,
			onPause: () => {
				sync(a, b);
				seenByB = active(wb).length;
			}
		});
		expect(r.cancelled).toBe(true);
		expect(seenByB).toBe(4);
		sync(a, b);
		for (const ws of [wa, wb]) {
			expect(active(ws).map((c) => c.name)).toEqual([existing.name]);
		}
		expect(importBatches(a).find((m) => m.id === r.batchId)?.state).toBe('cancelled');
		expect([...wa.history.map.values()].filter((e) => e.r === r.batchId).map((e) => e.op)).toEqual(['cancelImport']);
	});

	it('activities go to the quarter documents of their dates and leave with the undo', async () => {
		const main = new Y.Doc();
		const ws = new WorkspaceStore(main);
		const acts = new ActivityStore(main);
		const when = [Date.UTC(2026, 0, 10), Date.UTC(2026, 7, 3)];
		for (const at of when) acts.attach(activityPeriod(at), new Y.Doc());
		const target: ImportTarget = {
			name: 'activities',
			find: (id) => acts.collectionOf(id) as unknown as Collection<AnyRecord> | undefined,
			place: (r) => acts.partition(activityPeriod(Number(r.at)))!.coll as unknown as Collection<AnyRecord>,
			rules: () => ACTIVITY_RULES as RecordRules<object>
		};
		const planned = planImport(target, when.map((at) => ({ fields: { at, subject: 'Visit', customer: 'c1' } })), 'update', ctxA);
		if (!planned.ok) throw new Error(JSON.stringify(planned.errors));
		const r = await writeImport({ main, history: ws.history, target, plan: planned.plan, ctx: ctxA });
		expect(r.added).toBe(2);
		for (const at of when) expect(acts.partition(activityPeriod(at))!.coll.size).toBe(1);
		expect(acts.forCustomer('c1')).toHaveLength(2);
		undoImport({ main, history: ws.history, target, batchId: r.batchId, ctx: ctxA });
		expect(acts.forCustomer('c1')).toHaveLength(0);
		for (const at of when) expect(acts.partition(activityPeriod(at))!.coll.size).toBe(0);
	});
});

describe('planning in turns', () => {
	it('gives the same plan as one pass and keeps row numbers of refused rows', async () => {
		const { wa } = pair();
		const rows = [...people(7), { fields: { name: '' } }, ...people(3, 7)];
		const pauses: number[] = [];
		const turns = await planImportInTurns(customersTarget(wa), rows, 'update', ctxA, async () => void pauses.push(1), 3);
		expect(pauses.length).toBe(3);
		expect(turns).toMatchObject({ ok: false, errors: [{ row: 7, field: 'name', code: 'required' }] });
		const good = await planImportInTurns(customersTarget(wa), people(7), 'update', ctxA, async () => undefined, 3);
		const once = planImport(customersTarget(wa), people(7), 'update', ctxA);
		expect(good.ok && once.ok && good.plan.rows.length === once.plan.rows.length).toBe(true);
	});
});

describe('a batch cut off while writing', () => {
	it('can still be taken back whole: the chunk manifest is written before its records', async () => {
		const { a, b, wa, wb } = pair();
		const target = customersTarget(wa);
		const planned = planImport(target, people(6), 'update', ctxA);
		if (!planned.ok) throw new Error('refused');
		let chunks = 0;
		const crashed = writeImport({
			main: a,
			history: wa.history,
			target,
			plan: planned.plan,
			ctx: ctxA,
			chunk: 2,
			pause: () => {
				if (++chunks === 2) throw new Error('tab closed');
			}
		});
		await expect(crashed).rejects.toThrow('tab closed');
		sync(a, b);
		const [meta] = importBatches(b);
		expect(meta).toMatchObject({ state: 'writing', added: 4 });
		expect(active(wb)).toHaveLength(4);
		expect(undoImport({ main: b, history: wb.history, target: customersTarget(wb), batchId: meta.id, ctx: ctxB })).toEqual({ removed: 4, reverted: 0 });
		sync(a, b);
		expect(active(wa)).toHaveLength(0);
	});
});

describe('stage changes by an import', () => {
	it('follow the lifecycle rules: lost needs a reason, and the lifecycle fields are written with it', async () => {
		const { wa } = pair();
		const id = ok(createCustomer(wa, { name: 'Acme', stage: 'customer' }, ctxA));
		const target: ImportTarget = {
			...customersTarget(wa),
			rules: (creating, cur, row) =>
				(cur && !creating ? customerPatchRules(wa, cur as never, ctxA, row?.stageReason as string | undefined) : customerRules(wa, creating)) as RecordRules<object>
		};
		const refused = planImport(target, [{ fields: { name: 'Acme', stage: 'lost' }, match: id }], 'update', ctxA);
		expect(refused).toMatchObject({ ok: false, errors: [{ row: 0, field: 'stage', code: 'reasonRequired' }] });
		const planned = planImport(target, [{ fields: { name: 'Acme', stage: 'lost', stageReason: '价格太高' }, match: id }], 'update', ctxA);
		if (!planned.ok) throw new Error(JSON.stringify(planned.errors));
		const r = await writeImport({ main: wa.doc, history: wa.history, target, plan: planned.plan, ctx: ctxA });
		expect(wa.customers.get(id)).toMatchObject({ stage: 'lost', lostReason: '价格太高', stageReason: '价格太高' });
		undoImport({ main: wa.doc, history: wa.history, target, batchId: r.batchId, ctx: ctxA });
		expect(wa.customers.get(id)).toMatchObject({ stage: 'customer', lostReason: '' });
	});
});

describe('custom fields in an import', () => {
	it('checks the workspace’s custom fields of each new row: required ones and their values', async () => {
		const { wa } = pair();
		const level = ok(createFieldDef(wa, { recordType: 'customer', label: '客户等级', kind: 'select', options: ['A', 'B'], required: true }, ctxA));
		const key = `cf_${level}`;
		const refused = planImport(customersTarget(wa), [{ fields: { name: 'No level' } }, { fields: { name: 'Bad level', [key]: 'Z' } }], 'update', ctxA);
		expect(refused).toMatchObject({ ok: false, errors: [{ row: 0, field: key, code: 'required' }, { row: 1, field: key }] });
		const planned = planImport(customersTarget(wa), [{ fields: { name: 'Good', [key]: 'A' } }], 'update', ctxA);
		if (!planned.ok) throw new Error(JSON.stringify(planned.errors));
		await writeImport({ main: wa.doc, history: wa.history, target: customersTarget(wa), plan: planned.plan, ctx: ctxA });
		expect(active(wa)[0]).toMatchObject({ name: 'Good', [key]: 'A' });
	});
});
