import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY } from '../../src/lib/domain/customer-query';
import { openPair, until } from './helpers';

describe('data service with IndexedDB', () => {
	it('keeps an edit made before the CRDT finished loading, and persists it across a restart', async () => {
		const ws = `ws-${Math.random()}`;
		const a = await openPair(ws);
		// Not awaiting open: the command must wait for the document, not fail or get lost.
		const created = await a.data.createCustomer({ name: '深圳市华强科技', phones: ['138 0013 8000'] });
		expect(created.ok).toBe(true);
		expect((await a.opened).ok).toBe(true);
		const id = created.ok ? created.value : '';
		await until(async () => (await a.query.query({ ...DEFAULT_QUERY, text: '华强' }, 0, 10, 1)).total === 1);
		await a.data.updateCustomer(id, { stage: 'customer' });
		await until(async () => (await a.query.query({ ...DEFAULT_QUERY, stage: 'customer' }, 0, 10, 1)).total === 1);
		await a.close();

		const b = await openPair(ws);
		expect((await b.opened).ok).toBe(true);
		const view = await b.data.getCustomer(id);
		expect(view?.record).toMatchObject({ name: '深圳市华强科技', stage: 'customer', createdBy: 'member-1' });
		expect(view?.history.map((h) => h.op)).toEqual(['update', 'create']);
		// The list came back from the saved projection and agrees with the document.
		const list = await b.query.query({ ...DEFAULT_QUERY, text: '13800138000' }, 0, 10, 1);
		expect(list.rows.map((r) => r.id)).toEqual([id]);
		expect(b.events.some((e) => e.name === 'ready')).toBe(true);
		await b.close();
	});

	it('creates the local member and the workspace settings on first open', async () => {
		const a = await openPair(`ws-${Math.random()}`, { memberId: 'me' });
		await a.opened;
		const info = a.data.info();
		expect(info.name).toBe('Team');
		expect(info.schemaVersion).toBe(1);
		expect(info.members.map((m) => [m.id, m.name, m.role])).toEqual([['me', 'Ann', 'owner']]);
		await a.close();
	});

	it('moves customers to the Trash and back, and the list follows', async () => {
		const a = await openPair(`ws-${Math.random()}`);
		await a.opened;
		const r = await a.data.createCustomer({ name: 'To delete' });
		const id = r.ok ? r.value : '';
		await a.data.removeCustomers([id]);
		await until(async () => (await a.query.query({ ...DEFAULT_QUERY, trash: true }, 0, 10, 1)).total === 1);
		expect((await a.query.query(DEFAULT_QUERY, 0, 10, 1)).total).toBe(0);
		await a.data.restoreCustomers([id]);
		await until(async () => (await a.query.query(DEFAULT_QUERY, 0, 10, 1)).total === 1);
		await a.close();
	});

	it('restores a backup into a new workspace, adopting its owner, and refuses a bad file without writing', async () => {
		const src = await openPair(`ws-${Math.random()}`, { memberId: 'boss' });
		await src.opened;
		await src.data.createCustomer({ name: 'Alpha', emails: ['a@alpha.cn'] });
		await src.data.createCustomer({ name: '贝塔' });
		await src.data.loadSample(50, 3);
		const backup = await src.data.exportBackup();
		await src.close();

		const bad = await openPair(`ws-${Math.random()}`, { restore: '{"format":"something else"}' });
		expect(await bad.opened).toEqual({ ok: false, error: { code: 'notBackup' } });

		const dst = await openPair(`ws-${Math.random()}`, { restore: backup, memberId: 'new-device' });
		expect(await dst.opened).toMatchObject({ ok: true, memberId: 'boss' });
		const again = JSON.parse(await dst.data.exportBackup());
		const before = JSON.parse(backup);
		expect(again.collections).toEqual(before.collections);
		expect(again.history).toEqual(before.history);
		await until(async () => (await dst.query.query(DEFAULT_QUERY, 0, 1, 1)).total === 52);
		await dst.close();
	});

	it('exports CSV with a byte order mark, translated headers and labels', async () => {
		const a = await openPair(`ws-${Math.random()}`);
		await a.opened;
		await a.data.createCustomer({ name: 'Quote "Co", Ltd', stage: 'prospect', phones: ['1', '138 0013 8000'].slice(1) });
		const csv = await a.data.exportCsv({ name: '名称', stage: '客户阶段' }, { 'stage.prospect': '意向客户' });
		expect(csv.startsWith('\uFEFF名称,')).toBe(true);
		expect(csv).toContain('"Quote ""Co"", Ltd"');
		expect(csv).toContain('意向客户');
		await a.close();
	});
});

describe('data service when storage fails', () => {
	it('reports a full disk, keeps the edits, stores everything once writes work again, and loses nothing saved', async () => {
		const ws = `ws-${Math.random()}`;
		const a = await openPair(ws);
		await a.opened;
		const first = await a.data.createCustomer({ name: 'Saved before' });
		expect(first.ok).toBe(true);
		await new Promise((r) => setTimeout(r, 20));

		// Fault injection: make IndexedDB behave as a browser does when the quota is exceeded,
		// aborting the write's transaction with a QuotaExceededError.
		const proto = IDBObjectStore.prototype;
		const add = proto.add;
		let full = true;
		proto.add = function (this: IDBObjectStore, ...args: Parameters<typeof add>) {
			const req = add.apply(this, args);
			if (full && this.name === 'updates') {
				const tx = this.transaction;
				Object.defineProperty(tx, 'error', { get: () => new DOMException('The quota has been exceeded.', 'QuotaExceededError') });
				tx.abort();
			}
			return req;
		} as typeof add;
		try {
			const second = await a.data.createCustomer({ name: 'Written while full' });
			expect(second.ok).toBe(true);
			await until(() => a.events.some((e) => e.name === 'storage' && (e.data as { problem: { kind: string } | null }).problem?.kind === 'quota'));
			const third = await a.data.createCustomer({ name: 'Also while full' });
			expect(third.ok).toBe(true);
			full = false;
			await until(() => {
				const last = a.events.filter((e) => e.name === 'storage').at(-1);
				return !!last && (last.data as { problem: unknown }).problem === null;
			}, 10_000);
		} finally {
			proto.add = add;
		}
		await a.close();

		const b = await openPair(ws);
		await b.opened;
		const names = (await b.data.exportBackup()) && JSON.parse(await b.data.exportBackup()).collections.customers.map((c: { name: string }) => c.name).sort();
		expect(names).toEqual(['Also while full', 'Saved before', 'Written while full']);
		await b.close();
	});
});
