import { describe, expect, it } from 'vitest';
import { ctxA, ctxB, pair, sync, tick } from './helpers';
import * as Y from 'yjs';
import { createCustomer, updateCustomer } from '../../src/lib/store/customers';
import { WorkspaceStore } from '../../src/lib/store/workspace';
import { fieldKey } from '../../src/lib/store/schema';
import { exportBackup, parseBackup, restoreBackup } from '../../src/lib/store/backup';


function created(ws: WorkspaceStore, fields: Parameters<typeof createCustomer>[1], ctx = ctxA): string {
	const r = createCustomer(ws, fields, ctx);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value;
}

describe('customer store with two documents', () => {
	it('keeps concurrent edits of different fields of one customer', () => {
		const { a, b, wa, wb } = pair();
		const id = created(wa, { name: '华为科技有限公司', phones: ['138 0013 8000'] });
		sync(a, b);
		updateCustomer(wa, id, { phones: ['+86 139 0000 0000'] }, ctxA);
		updateCustomer(wb, id, { stage: 'customer' }, ctxB);
		sync(a, b);
		for (const ws of [wa, wb]) {
			const c = ws.customers.get(id)!;
			expect(c.phones).toEqual(['+86 139 0000 0000']);
			expect(c.stage).toBe('customer');
			expect(c.name).toBe('华为科技有限公司');
		}
	});

	it('converges when both edit the same field', () => {
		const { a, b, wa, wb } = pair();
		const id = created(wa, { name: 'Acme' });
		sync(a, b);
		updateCustomer(wa, id, { city: '上海' }, ctxA);
		updateCustomer(wb, id, { city: '深圳' }, ctxB);
		sync(a, b);
		expect(wa.customers.get(id)!.city).toBe(wb.customers.get(id)!.city);
		expect(['上海', '深圳']).toContain(wa.customers.get(id)!.city);
	});

	it('converges under random interleavings, duplicates and reordering of updates', () => {
		for (let round = 0; round < 20; round++) {
			let seed = round * 7919 + 1;
			const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
			const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
			const stores = docs.map((d) => new WorkspaceStore(d));
			const queues: Uint8Array[][] = docs.map(() => []);
			docs.forEach((d, i) =>
				d.on('update', (u: Uint8Array) => docs.forEach((_, j) => j !== i && queues[j].push(u)))
			);
			const id = created(stores[0], { name: 'Start' });
			const fields = ['city', 'region', 'industry', 'notes'] as const;
			for (let step = 0; step < 60; step++) {
				const i = Math.floor(rnd() * 3);
				if (rnd() < 0.5 && stores[i].customers.has(id)) {
					const f = fields[Math.floor(rnd() * fields.length)];
					updateCustomer(stores[i], id, { [f]: `${f}-${i}-${step}` }, { memberId: `m${i}`, now: () => tick() });
				} else if (queues[i].length) {
					// Deliver a random pending update, sometimes twice, out of order.
					const k = Math.floor(rnd() * queues[i].length);
					const u = queues[i][k];
					Y.applyUpdate(docs[i], u);
					if (rnd() < 0.8) queues[i].splice(k, 1);
				}
			}
			for (let i = 0; i < 3; i++) for (const u of queues[i]) Y.applyUpdate(docs[i], u);
			const seen = stores.map((s) => JSON.stringify(s.customers.get(id)));
			expect(seen[1]).toBe(seen[0]);
			expect(seen[2]).toBe(seen[0]);
		}
	});

	it('keeps an edit that arrives for a deleted customer and marks it edited after deletion', () => {
		const { a, b, wa, wb } = pair();
		const id = created(wa, { name: 'Lost Co' });
		updateCustomer(wa, id, { city: 'Paris' }, ctxA);
		sync(a, b);
		// Offline: A deletes, B edits.
		wa.customers.remove([id], ctxA);
		updateCustomer(wb, id, { phones: ['13800138000'] }, ctxB);
		expect(wa.customers.load(id)!.editedAfterDelete).toBe(false);
		sync(a, b);
		for (const ws of [wa, wb]) {
			const l = ws.customers.load(id)!;
			expect(l.deletion).not.toBeNull();
			expect(l.editedAfterDelete).toBe(true);
			expect(l.record.phones).toEqual(['13800138000']);
			expect(l.record.city).toBe('Paris');
		}
		wb.customers.restore([id], ctxB);
		sync(a, b);
		expect(wa.customers.load(id)!.deletion).toBeNull();
	});

	it('preserves fields written by a newer version across edits and backups', () => {
		const { a, wa } = pair();
		const id = created(wa, { name: 'Future' });
		a.transact(() => {
			// A newer version wrote a field this one does not know.
			wa.customers.base.set(id, JSON.stringify({ ...wa.customers.get(id)!, loyaltyPoints: 42 }));
			wa.customers.edits.set(fieldKey(id, 'wechatId'), { v: 'wx_42', at: tick(), by: 'm-z' });
		});
		updateCustomer(wa, id, { name: 'Future Ltd' }, ctxA);
		const c = wa.customers.get(id)!;
		expect(c.loyaltyPoints).toBe(42);
		expect(c.wechatId).toBe('wx_42');
		const parsed = parseBackup(JSON.stringify(exportBackup(wa, 'ws1')));
		expect(parsed.ok).toBe(true);
		const copy = new Y.Doc();
		restoreBackup(copy, parsed.ok ? parsed.value : (null as never));
		const restored = new WorkspaceStore(copy).customers.get(id)!;
		expect(restored).toMatchObject({ name: 'Future Ltd', loyaltyPoints: 42, wechatId: 'wx_42' });
	});

	it('records who changed which field from what to what', () => {
		const { a, b, wa, wb } = pair();
		const id = created(wa, { name: 'Hist', city: 'A' });
		sync(a, b);
		updateCustomer(wb, id, { city: 'B' }, ctxB);
		sync(a, b);
		const h = wa.history.forRecord(id);
		expect(h.map((e) => e.op)).toEqual(['update', 'create']);
		expect(h[0]).toMatchObject({ by: 'm-b', ch: [['city', 'A', 'B']] });
	});

	it('rejects invalid input without writing', () => {
		const { a, wa } = pair();
		const before = Y.encodeStateVector(a);
		const r = createCustomer(wa, { name: ' ', emails: ['nope'], phones: ['12'] }, ctxA);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors.map((e) => e.code).sort()).toEqual(['emailInvalid', 'phoneInvalid', 'required']);
		expect(Y.encodeStateVector(a)).toEqual(before);
	});
});

describe('backup', () => {
	it('round-trips customers, trash state, members and history into a new document', () => {
		const { wa } = pair();
		const ids = [created(wa, { name: '甲' }), created(wa, { name: 'B', emails: ['b@x.cn'] })];
		wa.customers.remove([ids[0]], ctxA);
		const file = exportBackup(wa, 'ws1');
		const copy = new Y.Doc();
		const parsed = parseBackup(JSON.stringify(file));
		if (!parsed.ok) throw new Error('parse failed');
		restoreBackup(copy, parsed.value);
		const again = exportBackup(new WorkspaceStore(copy), 'ws1');
		expect({ ...again, exportedAt: '' }).toEqual({ ...file, exportedAt: '' });
		expect(new WorkspaceStore(copy).customers.load(ids[0])!.deletion).not.toBeNull();
	});

	it('explains what is wrong with a file that is not a backup', () => {
		expect(parseBackup('{oops')).toEqual({ ok: false, error: { code: 'notJson' } });
		expect(parseBackup('{"a":1}')).toEqual({ ok: false, error: { code: 'notBackup' } });
		expect(parseBackup(JSON.stringify({ format: 'rapport.backup', version: 9, collections: {} }))).toEqual({
			ok: false,
			error: { code: 'newerVersion', version: 9 }
		});
		expect(
			parseBackup(JSON.stringify({ format: 'rapport.backup', version: 1, collections: { customers: [{ id: 'x' }, { name: 'no id' }] } }))
		).toEqual({ ok: false, error: { code: 'badRecord', collection: 'customers', index: 1 } });
	});
});
