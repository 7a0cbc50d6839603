// The search dialog's data: customers from the query worker, contacts, tasks and activities
// from the data worker's globalSearch, every word matched after NFKC folding.
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY } from '../../src/lib/domain/customer-query';
import { openPair, until } from './helpers';

const value = <T>(r: { ok: true; value: T } | { ok: false; errors: unknown }): T => {
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value;
};

describe('global search', () => {
	it('finds contacts, tasks and activities by any of their words, with the customer’s name', async () => {
		const a = await openPair(`ws-${Math.random()}`);
		await a.opened;
		const cust = value(await a.data.createCustomer({ name: '杭州西湖茶业' }));
		const li = value(await a.data.createRecord('contacts', { name: '李娜', position: '采购经理', customer: cust }));
		value(await a.data.createRecord('contacts', { name: 'Bob Lee', position: 'CEO' }));
		const task = value(await a.data.createRecord('tasks', { title: 'Send the price list', customer: cust, due: Date.now() }));
		const act = value(await a.data.createRecord('activities', { type: 'visit', at: Date.now(), customer: cust, subject: '新茶季报价', notes: 'Wants SAMPLES of 龙井' }));

		// A contact by position, a task and an activity by the customer's name or their own words.
		const byPosition = await a.data.globalSearch('采购', 5);
		expect(byPosition.contacts.map((c) => [c.id, c.customerName])).toEqual([[li, '杭州西湖茶业']]);
		expect(byPosition.tasks).toEqual([]);
		const byCustomer = await a.data.globalSearch('西湖', 5);
		expect(byCustomer.contacts.map((c) => c.id)).toEqual([li]);
		expect(byCustomer.tasks.map((t) => t.id)).toEqual([task]);
		// Activities match their subject and notes only.
		expect(byCustomer.activities).toEqual([]);
		// Full-width letters and upper case fold; every word must match.
		const notes = await a.data.globalSearch('ｓａｍｐｌｅｓ 龙井', 5);
		expect(notes.activities).toEqual([{ id: act, at: expect.any(Number), type: 'visit', subject: '新茶季报价', customer: cust, customerName: '杭州西湖茶业' }]);
		expect((await a.data.globalSearch('samples 普洱', 5)).activities).toEqual([]);
		expect(await a.data.globalSearch('  ', 5)).toEqual({ contacts: [], tasks: [], activities: [], deals: [], orders: [], products: [], tickets: [], competitors: [] });

		// Deals, orders and products are found too (from the sales document).
		await a.data.setCurrency({ base: 'CNY', rates: [] });
		const deal = await a.data.createRecord('deals', { title: '西湖龙井年度采购', customer: cust, amountMode: 'manual', amount: 880000, currency: 'CNY' });
		const product = await a.data.createRecord('products', { name: '龙井 250g', sku: 'LJ-250', unitPrice: 12800, currency: 'CNY' });
		const sales = await a.data.globalSearch('龙井', 5);
		expect(sales.deals).toEqual([{ id: deal.ok ? deal.value : '', title: '西湖龙井年度采购', customerName: '杭州西湖茶业', amount: 880000, currency: 'CNY' }]);
		expect(sales.products.map((p) => p.id)).toEqual([product.ok ? product.value : '']);
		const rival = await a.data.createRecord('competitors', { name: '龙井茶业集团' });
		expect((await a.data.globalSearch('龙井', 5)).competitors.map((c) => c.id)).toEqual([rival.ok ? rival.value : '']);

		// The dialog's customers come from the query worker, the way it asks.
		await until(async () => (await a.query.query({ ...DEFAULT_QUERY, text: '西湖' }, 0, 5, 1)).total === 1);
		await a.close();
	});

	it('leaves out what is in the Trash and follows edits', async () => {
		const a = await openPair(`ws-${Math.random()}`);
		await a.opened;
		const cust = value(await a.data.createCustomer({ name: 'Orchid Trading' }));
		const contact = value(await a.data.createRecord('contacts', { name: 'Wang Fang' }));
		const act = value(await a.data.createRecord('activities', { type: 'call', at: Date.now(), customer: cust, subject: 'Quote for Wang' }));
		expect((await a.data.globalSearch('wang', 5)).activities.map((x) => x.id)).toEqual([act]);

		value(await a.data.updateRecord('activities', act, { subject: 'Delivery date' }));
		expect((await a.data.globalSearch('wang', 5)).activities).toEqual([]);
		expect((await a.data.globalSearch('delivery', 5)).activities.map((x) => x.id)).toEqual([act]);

		await a.data.removeRecords('activities', [act]);
		await a.data.removeRecords('contacts', [contact]);
		const gone = await a.data.globalSearch('delivery', 5);
		expect(gone.activities).toEqual([]);
		expect((await a.data.globalSearch('wang', 5)).contacts).toEqual([]);
		await a.data.removeRecords('activities', [act], true);
		expect((await a.data.globalSearch('delivery', 5)).activities.map((x) => x.id)).toEqual([act]);
		await a.close();
	});

	it('orders open tasks before done ones and activities newest first, at most `limit` of each', async () => {
		const a = await openPair(`ws-${Math.random()}`);
		await a.opened;
		const day = 86_400_000;
		const t0 = Date.UTC(2026, 0, 5, 9);
		const done = value(await a.data.createRecord('tasks', { title: 'Call back (early)', due: t0, done: true }));
		const later = value(await a.data.createRecord('tasks', { title: 'Call back (late)', due: t0 + 2 * day }));
		const sooner = value(await a.data.createRecord('tasks', { title: 'Call back (soon)', due: t0 + day }));
		const tasks = await a.data.globalSearch('call back', 5);
		expect(tasks.tasks.map((t) => t.id)).toEqual([sooner, later, done]);
		expect((await a.data.globalSearch('call back', 2)).tasks.map((t) => t.id)).toEqual([sooner, later]);

		// Activities in two quarters (two partition documents).
		const cust = value(await a.data.createCustomer({ name: 'Orchid Trading' }));
		const ids: string[] = [];
		for (const at of [Date.UTC(2025, 10, 3), Date.UTC(2026, 1, 3), Date.UTC(2026, 1, 20), Date.UTC(2025, 11, 1)]) {
			ids.push(value(await a.data.createRecord('activities', { type: 'note', at, customer: cust, subject: `Follow-up ${at}` })));
		}
		const acts = await a.data.globalSearch('follow-up', 3);
		expect(acts.activities.map((x) => x.id)).toEqual([ids[2], ids[1], ids[3]]);
		await a.close();
	});
});
