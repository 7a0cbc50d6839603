// Import batches, duplicates and merging through the data service: progress events, the undo,
// orders and activities written to their own documents, a merge moving links across the main,
// sales and activity documents, the merged-away customer out of the list and read as its
// survivor, and a backup → restore giving back every collection.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_QUERY } from '../../src/lib/domain/customer-query';
import { ok, openPair, until } from './helpers';

const LINES = [{ product: '', name: 'Tea', unit: 'box', quantity: '1', unitPrice: 100, discountKind: 'percent', discount: '0', discountAmount: 0 }];


describe('imports and merges in the data service', () => {
	it('imports customers in chunks with progress, refuses a bad batch whole, and undoes', async () => {
		const p = await openPair(`ws-${Math.random()}`);
		await p.opened;
		const rows = Array.from({ length: 1200 }, (_, i) => ({ fields: { name: `客户 ${i}`, phones: [`139${String(i).padStart(8, '0')}`] } }));
		const bad = await p.data.importBatch({ collection: 'customers', rows: [...rows.slice(0, 3), { fields: { name: '' } }] });
		expect(bad).toEqual({ ok: false, errors: [{ row: 3, field: 'name', code: 'required', index: undefined }] });
		expect(p.data.info().customers).toBe(0);

		const r = await p.data.importBatch({ collection: 'customers', rows, label: 'book.csv' });
		if (!r.ok) throw new Error('refused');
		expect(r).toMatchObject({ added: 1200, updated: 0, cancelled: false });
		const progress = p.events.filter((e) => e.name === 'import').map((e) => e.data as { done: number; total: number });
		expect(progress.length).toBeGreaterThan(1);
		expect(progress.at(-1)).toEqual(expect.objectContaining({ done: 1200, total: 1200 }));
		await until(async () => (await p.query.query(DEFAULT_QUERY, 0, 1, 1)).total === 1200);
		expect((await p.data.importBatches())[0]).toMatchObject({ id: r.batchId, label: 'book.csv', added: 1200, state: 'done' });

		ok(await p.data.undoImport(r.batchId));
		expect(p.data.info().customers).toBe(0);
		await until(async () => (await p.query.query(DEFAULT_QUERY, 0, 1, 1)).total === 0);
		expect((await p.data.undoImport(r.batchId)).ok).toBe(false);
		await p.close();
	});

	it('writes orders to the sales document and activities to their quarters', async () => {
		const p = await openPair(`ws-${Math.random()}`);
		await p.opened;
		const c = ok(await p.data.createCustomer({ name: 'Buyer' }));
		const orders = await p.data.importBatch({ collection: 'orders', rows: [{ fields: { customer: c, orderDate: '2025-03-02', currency: 'CNY', lines: LINES } }] });
		expect(orders).toMatchObject({ ok: true, added: 1 });
		const acts = await p.data.importBatch({ collection: 'activities', rows: [Date.UTC(2024, 1, 3), Date.UTC(2025, 9, 9)].map((at) => ({ fields: { at, subject: 'Old visit', customer: c } })) });
		expect(acts).toMatchObject({ ok: true, added: 2 });
		expect((await p.data.customerSales(c)).orders).toHaveLength(1);
		expect((await p.data.timeline(c)).activities).toHaveLength(2);
		await p.close();
	});

	it('finds duplicates and merges them: links in every document move, the old id reads as the survivor, undo restores', async () => {
		const p = await openPair(`ws-${Math.random()}`);
		await p.opened;
		const s = ok(await p.data.createCustomer({ name: '王五', phones: ['13800138000'] }));
		const x = ok(await p.data.createCustomer({ name: '王五', phones: ['+86 138-0013-8000'], city: 'Suzhou' }));
		ok(await p.data.createCustomer({ name: 'Someone else' }));
		const order = ok(await p.data.createRecord('orders', { customer: x, orderDate: '2025-03-02', currency: 'CNY', lines: LINES }));
		const act = ok(await p.data.createRecord('activities', { at: Date.UTC(2025, 5, 1), subject: 'Visit', customer: x }));
		const groups = await p.data.duplicates({});
		expect(groups).toHaveLength(1);
		expect(groups[0].ids.sort()).toEqual([s, x].sort());
		expect(groups[0].evidence).toEqual(expect.arrayContaining([{ kind: 'phone', value: '13800138000' }]));
		expect((await p.data.similarCustomers({ name: 'Nobody', phones: ['138 0013 8000'] })).map((g) => g.ids[0]).sort()).toEqual([s, x].sort());

		const m = await p.data.mergeRecords({ survivor: s, others: [x], fields: { city: 'Suzhou' } });
		if (!m.ok) throw new Error(JSON.stringify(m.errors));
		expect(m.moved).toEqual({ orders: 1, activities: 1 });
		expect((await p.data.getRecord('orders', order))!.record.customer).toBe(s);
		expect((await p.data.timeline(s)).activities.map((a) => a.id)).toEqual([act]);
		expect((await p.data.getCustomer(x))!.record.id).toBe(s);
		expect(await p.data.duplicates({})).toEqual([]);
		// Analytics counts the merged-away customer as gone (a segment of everyone named 王五).
		const wangs = { kind: 'group', join: 'and', rules: [{ kind: 'condition', field: 'name', op: 'contains', value: '王五' }] } as const;
		await until(async () => JSON.stringify(await p.data.analytics.segmentIds(wangs as never)) === JSON.stringify({ ok: true, value: [s] }));
		// The warning's index follows changes: the merged-away customer no longer matches.
		expect((await p.data.similarCustomers({ phones: ['138 0013 8000'] })).map((g) => g.ids[0])).toEqual([s]);
		await until(async () => (await p.query.query(DEFAULT_QUERY, 0, 10, 1)).total === 2);
		// An imported contact naming the old customer is linked to the survivor.
		expect(await p.data.importBatch({ collection: 'contacts', rows: [{ fields: { name: 'Imported Li', customer: x } }] })).toMatchObject({ ok: true, added: 1 });
		expect((await p.data.timeline(s)).contacts.map((c) => c.name)).toEqual(['Imported Li']);
		// A link made later to the old id lands on the survivor.
		const t = ok(await p.data.createRecord('tasks', { title: 'Follow up', customer: x }));
		expect((await p.data.getRecord('tasks', t))!.record.customer).toBe(s);

		ok(await p.data.undoMerge(m.mergeId));
		expect((await p.data.getRecord('orders', order))!.record.customer).toBe(x);
		expect((await p.data.timeline(x)).activities.map((a) => a.id)).toEqual([act]);
		expect((await p.data.getCustomer(x))!.record.id).toBe(x);
		await until(async () => (await p.query.query(DEFAULT_QUERY, 0, 10, 1)).total === 3);
		expect((await p.data.similarCustomers({ phones: ['138 0013 8000'] })).map((g) => g.ids[0]).sort()).toEqual([s, x].sort());
		const y = ok(await p.data.createCustomer({ name: 'Third', emails: ['THIRD@example.com'] }));
		expect((await p.data.similarCustomers({ name: 'x', emails: ['third@example.com'] })).map((g) => g.ids[0])).toEqual([y]);
		await p.close();
	});
});

describe('duplicate detection in the worker', () => {
	it('matches traditional and simplified names with companies that differ in their legal suffix', async () => {
		const p = await openPair(`ws-${Math.random()}`);
		await p.opened;
		const a = ok(await p.data.createCustomer({ name: '張偉', company: '華為技術有限公司' }));
		const b = ok(await p.data.createCustomer({ name: '张伟', company: '华为技术' }));
		ok(await p.data.createCustomer({ name: '张伟', company: '阿里巴巴' }));
		const groups = await p.data.duplicates({});
		expect(groups.map((g) => g.ids.sort())).toContainEqual([a, b].sort());
		expect(groups.find((g) => g.ids.includes(a))!.evidence.map((e) => e.kind)).toContain('nameCompany');
		await p.close();
	});
});

describe('merging contacts', () => {
	it('moves tasks and activities to the surviving contact, and the old one leaves the list', async () => {
		const p = await openPair(`ws-${Math.random()}`);
		await p.opened;
		const c = ok(await p.data.createCustomer({ name: 'Buyer Co' }));
		const s = ok(await p.data.createRecord('contacts', { name: '李娜', customer: c, phones: ['13700001111'] }));
		const x = ok(await p.data.createRecord('contacts', { name: '李娜', customer: c, emails: ['lina@example.com'] }));
		const task = ok(await p.data.createRecord('tasks', { title: 'Call Li', customer: c, contact: x }));
		const act = ok(await p.data.createRecord('activities', { at: Date.UTC(2025, 1, 1), subject: 'Met Li', customer: c, contact: x }));
		const groups = await p.data.duplicates({ collection: 'contacts' });
		expect(groups.map((g) => g.ids.sort())).toEqual([[s, x].sort()]);
		expect(groups[0].records[0].customerName).toBe('Buyer Co');
		const m = await p.data.mergeRecords({ collection: 'contacts', survivor: s, others: [x], fields: { emails: ['lina@example.com'] } });
		expect(m).toMatchObject({ ok: true, moved: { tasks: 1, activities: 1 } });
		expect((await p.data.getRecord('tasks', task))!.record.contact).toBe(s);
		expect((await p.data.getRecord('activities', act))!.record.contact).toBe(s);
		expect((await p.data.getRecord('contacts', x))!.record).toMatchObject({ id: s, emails: ['lina@example.com'] });
		const list = await p.data.listRecords('contacts', { text: '', filters: {}, sort: 'name', dir: 'asc' }, 0, 10);
		expect(list.rows.map((r) => r.id)).toEqual([s]);
		await p.close();
	});
});

describe('backup and restore', () => {
	it('gives back an identical workspace: every collection incl. segments, the activity quarters, the sales document, merged and imported records', async () => {
		const src = await openPair(`ws-${Math.random()}`, { memberId: 'owner-1' });
		await src.opened;
		await src.data.loadSample(40, 7);
		ok(await src.data.createRecord('fields', { recordType: 'customer', label: 'VIP level', kind: 'text' }));
		ok(await src.data.createRecord('occasions', { name: '周年庆', date: '06-18' }));
		ok(await src.data.createRecord('segments', { name: 'East', rule: { kind: 'group', join: 'and', rules: [{ kind: 'condition', field: 'region', op: 'eq', value: 'East China' }] } }));
		const s = ok(await src.data.createCustomer({ name: '合并保留', phones: ['13911112222'] }));
		const x = ok(await src.data.createCustomer({ name: '合并去除', phones: ['139 1111 2222'] }));
		ok(await src.data.createRecord('activities', { at: Date.UTC(2023, 4, 5), subject: 'Old quarter', customer: x }));
		expect((await src.data.mergeRecords({ survivor: s, others: [x], fields: {} })).ok).toBe(true);
		expect((await src.data.importBatch({ collection: 'contacts', rows: [{ fields: { name: 'Imported', customer: s } }] })).ok).toBe(true);
		const text = await src.data.exportBackup();
		await src.close();
		const before = JSON.parse(text);
		for (const name of ['customers', 'contacts', 'tasks', 'occasions', 'fields', 'segments', 'activities', 'products', 'deals', 'orders', 'tickets', 'competitors']) {
			expect(before.collections[name]?.length, name).toBeGreaterThan(0);
		}

		const dst = await openPair(`ws-${Math.random()}`, { restore: text, memberId: 'another-device' });
		expect((await dst.opened).ok).toBe(true);
		await until(() => dst.events.some((e) => e.name === 'activities'), 10_000);
		const after = JSON.parse(await dst.data.exportBackup());
		const byId = (rows: Array<{ id: string }>) => [...rows].sort((p, q) => p.id.localeCompare(q.id));
		expect(Object.keys(after.collections).sort()).toEqual(Object.keys(before.collections).sort());
		for (const name of Object.keys(before.collections)) expect(byId(after.collections[name]), name).toEqual(byId(before.collections[name]));
		expect(after.settings).toEqual(before.settings);
		expect(byId(after.history)).toEqual(byId(before.history));
		// The merged-away customer is still merged: it reads as its survivor.
		expect((await dst.data.getCustomer(x))!.record.id).toBe(s);
		await dst.close();
	});
});

describe('list export formats', () => {
	it('writes GBK and UTF-8 CSV, .xlsx and vCard, leaving merged-away records out', async () => {
		const p = await openPair(`ws-${Math.random()}`);
		await p.opened;
		const s = ok(await p.data.createCustomer({ name: '杭州茶业', phones: ['13900001111'] }));
		const x = ok(await p.data.createCustomer({ name: '杭州茶業（重复）', phones: ['139 0000 1111'] }));
		ok(await p.data.createRecord('contacts', { name: '李娜', customer: s, phones: ['13700001111'], position: '采购经理' }));
		expect((await p.data.mergeRecords({ survivor: s, others: [x], fields: {} })).ok).toBe(true);
		const labels = { headers: { name: '名称' }, values: {} };
		const gbk = await p.data.exportList({ collection: 'customers', format: 'csv-gbk', ...labels });
		const text = new TextDecoder('gbk').decode(gbk);
		expect(text.split(/\r?\n/)[0].startsWith('名称')).toBe(true);
		expect(text).toContain('杭州茶业');
		expect(text).not.toContain('重复');
		const utf8 = await p.data.exportList({ collection: 'customers', format: 'csv', ...labels });
		expect([...utf8.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const xlsx = await p.data.exportList({ collection: 'customers', format: 'xlsx', ...labels });
		expect(String.fromCharCode(xlsx[0], xlsx[1])).toBe('PK');
		const vcf = new TextDecoder().decode(await p.data.exportList({ collection: 'contacts', format: 'vcard', ...labels }));
		expect(vcf).toContain('BEGIN:VCARD');
		expect(vcf).toContain('FN:李娜');
		expect(vcf).toContain('ORG:杭州茶业');
		expect(vcf).toContain('TITLE:采购经理');
		await p.close();
	});
});

describe('two members, one merges while the other works offline', () => {
	it('the offline edit and the new activity of the merged-away customer land on the survivor in both data services', async () => {
		const a = await openPair(`ws-${Math.random()}`, { memberId: 'm-a' });
		const b = await openPair(`ws-${Math.random()}`, { memberId: 'm-b' });
		await Promise.all([a.opened, b.opened]);
		/** Exchanges what each document has that the other lacks: main, sales and every shared quarter. */
		const exchange = async () => {
			const docs = async (p: typeof a) => {
				const out = new Map<string, Y.Doc>([['', p.data.doc], ['sales', (await p.data.sales()).doc]]);
				for (const period of p.data.activities.periods()) {
					const part = p.data.activities.partition(period);
					if (part) out.set(period, part.doc);
				}
				return out;
			};
			for (let round = 0; round < 3; round++) {
				const [da, db] = await Promise.all([docs(a), docs(b)]);
				for (const [k, x] of da) {
					const y = db.get(k);
					if (!y) continue;
					Y.applyUpdate(y, Y.encodeStateAsUpdate(x, Y.encodeStateVector(y)));
					Y.applyUpdate(x, Y.encodeStateAsUpdate(y, Y.encodeStateVector(x)));
				}
				// Partitions named by the other side open, and re-linking runs, in the next tasks.
				await new Promise((r) => setTimeout(r, 20));
			}
		};
		const s = ok(await a.data.createCustomer({ name: '保留客户', phones: ['13612345678'] }));
		const x = ok(await a.data.createCustomer({ name: '重复客户', phones: ['136 1234 5678'] }));
		const at = Date.UTC(2025, 6, 1);
		ok(await a.data.createRecord('activities', { at, subject: 'Before', customer: x }));
		await exchange();
		expect((await b.data.getCustomer(x))!.record.name).toBe('重复客户');

		// Partitioned: A merges; B edits the old record and logs an activity on it.
		expect((await a.data.mergeRecords({ survivor: s, others: [x], fields: {} })).ok).toBe(true);
		ok(await b.data.updateCustomer(x, { region: '浙江' }));
		const late = ok(await b.data.createRecord('activities', { at, subject: 'Late visit', customer: x }));
		await exchange();
		await exchange();
		for (const p of [a, b]) {
			expect((await p.data.getCustomer(s))!.record.region).toBe('浙江');
			expect((await p.data.getRecord('activities', late))!.record.customer).toBe(s);
			expect((await p.data.timeline(s)).activities.map((v) => v.subject).sort()).toEqual(['Before', 'Late visit']);
		}
		await a.close();
		await b.close();
	});
});
