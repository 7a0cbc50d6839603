import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { customerRow, DEFAULT_QUERY, type CustomerQuery, type CustomerRow } from '../../src/lib/domain/customer-query';
import { emptyCustomer, type Customer } from '../../src/lib/domain/customer';
import { QueryService } from '../../src/lib/worker/query-service';

let n = 0;
function row(fields: Partial<Customer>, state: 0 | 1 | 2 = 0): CustomerRow {
	n++;
	const c = {
		...emptyCustomer('m1'),
		id: `id-${String(n).padStart(4, '0')}`,
		createdAt: n,
		createdBy: 'm1',
		updatedAt: n,
		updatedBy: 'm1',
		...fields
	} as Customer;
	return customerRow(c, state);
}

const q = (p: Partial<CustomerQuery>): CustomerQuery => ({ ...DEFAULT_QUERY, ...p });
const names = async (svc: QueryService, query: CustomerQuery) =>
	(await svc.query(query, 0, 1000, 1)).rows.map((r) => r.name);

async function service(rows: CustomerRow[], ws = `ws-${Math.random()}`) {
	const svc = new QueryService({ saveDelay: 1 });
	await svc.open(ws, 'zh-CN');
	svc.replace(rows, 'sv1');
	return svc;
}

describe('query service', () => {
	const base = () => [
		row({ name: '华为科技有限公司', phones: ['+86 138-0013-8000'], stage: 'customer', region: '华南', tags: ['VIP'] }),
		row({ name: 'Acme Trading', company: '', emails: ['Sales@Acme.com'], stage: 'prospect', region: 'Europe' }),
		row({ name: '李娜', company: '北京数据科技', stage: 'potential', owner: 'm2', type: 'distributor' }),
		row({ name: 'Gone Ltd' }, 1)
	];

	it('finds Chinese substrings, e-mails in any case and phone digits typed without separators', async () => {
		const svc = await service(base());
		expect(await names(svc, q({ text: '科技' }))).toEqual(['李娜', '华为科技有限公司']);
		expect(await names(svc, q({ text: 'sales@acme' }))).toEqual(['Acme Trading']);
		expect(await names(svc, q({ text: '13800138000' }))).toEqual(['华为科技有限公司']);
		expect(await names(svc, q({ text: '0013 8000' }))).toEqual(['华为科技有限公司']);
		// Full-width digits fold to half-width.
		expect(await names(svc, q({ text: '１３８００１３８０００' }))).toEqual(['华为科技有限公司']);
		expect(await names(svc, q({ text: 'nothing-like-this' }))).toEqual([]);
	});

	it('filters by stage, type, owner, tag and region, and keeps the Trash apart', async () => {
		const svc = await service(base());
		expect(await names(svc, q({ stage: 'prospect' }))).toEqual(['Acme Trading']);
		expect(await names(svc, q({ type: 'distributor' }))).toEqual(['李娜']);
		expect(await names(svc, q({ owner: 'm2' }))).toEqual(['李娜']);
		expect(await names(svc, q({ tag: 'VIP' }))).toEqual(['华为科技有限公司']);
		expect(await names(svc, q({ region: 'Europe' }))).toEqual(['Acme Trading']);
		expect(await names(svc, q({ trash: true }))).toEqual(['Gone Ltd']);
		expect((await svc.query(DEFAULT_QUERY, 0, 10, 1)).total).toBe(3);
	});

	it('limits a scoped query to the scope’s customers, and a new scope replaces the old', async () => {
		const rows = base();
		const svc = await service(rows);
		svc.setScope('seg', [rows[0].id, rows[2].id]);
		expect(await names(svc, q({ scope: 'seg' }))).toEqual(['李娜', '华为科技有限公司']);
		expect(await names(svc, q({ scope: 'seg', text: '华为' }))).toEqual(['华为科技有限公司']);
		expect(await svc.ids(q({ scope: 'seg', stage: 'potential' }))).toEqual([rows[2].id]);
		// Same query, new scope under the same key: the cached result is not reused.
		svc.setScope('seg', [rows[1].id]);
		expect(await names(svc, q({ scope: 'seg' }))).toEqual(['Acme Trading']);
		// A scope the worker does not hold (e.g. after a reload) matches nothing rather than everyone.
		expect(await names(svc, q({ scope: 'other' }))).toEqual([]);
	});

	it('sorts by any column both ways and keeps the order through updates', async () => {
		const svc = await service(base());
		const coll = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });
		const byName = await names(svc, q({ sort: 'name', dir: 'asc' }));
		expect(byName).toEqual(['Acme Trading', '华为科技有限公司', '李娜'].sort(coll.compare));
		// Chinese names sort by pinyin (hua before li), not by code point (李 U+674E < 华 U+534E fails).
		expect(byName.indexOf('华为科技有限公司')).toBeLessThan(byName.indexOf('李娜'));
		expect(await names(svc, q({ sort: 'stage', dir: 'asc' }))).toEqual(['李娜', 'Acme Trading', '华为科技有限公司']);
		const acme = (await svc.query(q({ text: 'acme' }), 0, 1, 1)).rows[0];
		svc.upsert([{ ...acme, name: 'Zeta Trading', updatedAt: 9999 }, row({ name: 'Beta' })], 'sv2');
		const expected = ['Beta', 'Zeta Trading', '华为科技有限公司', '李娜'].sort(coll.compare);
		expect(await names(svc, q({ sort: 'name', dir: 'asc' }))).toEqual(expected);
		expect((await names(svc, DEFAULT_QUERY))[0]).toBe('Zeta Trading');
		expect(await names(svc, q({ sort: 'name', dir: 'desc' }))).toEqual(expected.slice().reverse());
	});

	it('returns windows of a large result', async () => {
		const rows = Array.from({ length: 5000 }, (_, i) => row({ name: `Customer ${i}` }));
		const svc = await service(rows);
		const first = await svc.query(q({ sort: 'name', dir: 'asc' }), 0, 50, 7);
		expect(first).toMatchObject({ total: 5000, offset: 0, seq: 7, complete: true });
		expect(first.rows).toHaveLength(50);
		const later = await svc.query(q({ sort: 'name', dir: 'asc' }), 4990, 50, 8);
		expect(later.rows.map((r) => r.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Customer ${4990 + i}`));
	});

	it('saves the projection and answers the first screen from it before the rows load', async () => {
		const ws = `ws-saved-${Math.random()}`;
		const svc = await service(base(), ws);
		await svc.save();
		await svc.close();

		const again = new QueryService();
		expect(await again.open(ws, 'en')).toEqual({ cached: 4 });
		// The default view can be answered from the saved head at once.
		const head = await again.query(DEFAULT_QUERY, 0, 10, 1);
		expect(head.total).toBe(3);
		expect(head.rows.map((r) => r.name)).toEqual(['李娜', 'Acme Trading', '华为科技有限公司']);
		expect(await again.matches('sv1')).toBe(true);
		expect(again.complete).toBe(true);
		expect(await again.matches('other')).toBe(false);
		expect(await names(again, q({ text: '科技' }))).toEqual(['李娜', '华为科技有限公司']);
	});
});
