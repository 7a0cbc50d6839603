import { describe, expect, it } from 'vitest';
import { activityPeriod } from '../../src/lib/domain/activity';
import type { DataEvents } from '../../src/lib/worker/protocol';
import { openPair, until } from './helpers';

async function openService(workspaceId: string) {
	const pair = await openPair(workspaceId, { memberId: 'me' });
	expect((await pair.opened).ok).toBe(true);
	const activitiesLoaded = async () => {
		await until(() => pair.events.some((e) => e.name === 'activities'), 5000);
		return pair.events.find((e) => e.name === 'activities')!.data as DataEvents['activities'];
	};
	return { ...pair, activitiesLoaded };
}

describe('loadSample', () => {
	it('writes customers, contacts, tasks, partitioned activities, products, deals and orders that survive a reopen', async () => {
		const ws = `ws-${Math.random()}`;
		const a = await openService(ws);
		await a.activitiesLoaded();
		const counts = await a.data.loadSample(200, 4);
		expect(counts.customers).toBe(200);
		expect(counts.contacts).toBeGreaterThan(10);
		expect(counts.tasks).toBeGreaterThan(5);
		expect(counts.activities).toBeGreaterThan(300);
		expect(counts.products).toBeGreaterThanOrEqual(50);
		expect(counts.deals).toBeGreaterThan(20);
		expect(counts.orders).toBeGreaterThan(50);
		expect([a.data.ws.customers.size, a.data.ws.contacts.size, a.data.ws.tasks.size, a.data.activities.size]).toEqual([
			counts.customers,
			counts.contacts,
			counts.tasks,
			counts.activities
		]);
		const periods = new Set([...a.data.activities.all()].map((l) => activityPeriod(l.record.at)));
		expect(periods.size).toBeGreaterThanOrEqual(8);
		expect(new Set(a.data.activities.periods())).toEqual(periods);
		const sales = await a.data.sales();
		expect([sales.products.size, sales.deals.size, sales.orders.size]).toEqual([counts.products, counts.deals, counts.orders]);
		// The workspace had no rates (English: USD base): the sample's currencies were set.
		expect(sales.currency).toEqual({ base: 'CNY', rates: [{ currency: 'USD', rate: '7.12' }] });
		await a.close();

		const b = await openService(ws);
		const loaded = await b.activitiesLoaded();
		expect(loaded).toEqual({ loaded: true, count: counts.activities });
		expect(b.data.info().customers).toBe(200);
		expect([b.data.ws.contacts.size, b.data.ws.tasks.size]).toEqual([counts.contacts, counts.tasks]);
		const reopened = await b.data.sales();
		expect([reopened.products.size, reopened.deals.size, reopened.orders.size]).toEqual([counts.products, counts.deals, counts.orders]);
		expect([reopened.tickets.size, reopened.competitors.size]).toEqual([counts.tickets, counts.competitors]);
		// The rivals with the team's record against them, counted from the linked deals; their notes by the local member too.
		expect(counts.competitors).toBe(36);
		const rivals = await b.data.competitorList('');
		expect(rivals).toHaveLength(36);
		expect(rivals.reduce((n, r) => n + r.won + r.lost + r.open, 0)).toBeGreaterThan(0);
		const notes = (await Promise.all(rivals.map((r) => b.data.competitorDetail(r.id)))).flatMap((d) => d!.observations);
		expect(notes.some((o) => o.by === 'me')).toBe(true);

		// The generator's owner became the local member everywhere; the other members came along.
		const members = new Set(b.data.ws.memberList().map((m) => m.id));
		expect(members.has('me')).toBe(true);
		expect(members.size).toBe(8);
		const customers = [...b.data.ws.customers.ids()].map((id) => b.data.ws.customers.get(id)!);
		const tasks = [...b.data.ws.tasks.ids()].map((id) => b.data.ws.tasks.get(id)!);
		const acts = [...b.data.activities.all()].map((l) => l.record);
		const strangers = [
			...customers.flatMap((c) => [c.owner, c.createdBy, c.updatedBy]),
			...tasks.flatMap((t) => [t.assignee, t.createdBy]),
			...acts.flatMap((x) => [x.member, x.createdBy])
		].filter((id) => !members.has(id));
		expect(strangers).toEqual([]);
		expect(customers.some((c) => c.owner === 'me')).toBe(true);
		expect(tasks.every((t) => t.assignee === customers.find((c) => c.id === t.customer)!.owner)).toBe(true);

		// A customer's timeline: its activities newest first, with its contacts and tasks.
		const per = new Map<string, number>();
		for (const x of acts) per.set(x.customer, (per.get(x.customer) ?? 0) + 1);
		const busiest = [...per].sort((x, y) => y[1] - x[1])[0][0];
		const tl = await b.data.timeline(busiest);
		expect(tl.activities.length).toBe(per.get(busiest));
		expect(tl.activities.every((x) => x.customer === busiest)).toBe(true);
		const times = tl.activities.map((x) => x.at);
		expect(times).toEqual([...times].sort((x, y) => y - x));
		const employer = b.data.ws.contacts.get([...b.data.ws.contacts.ids()][0])!.customer;
		expect((await b.data.timeline(employer)).contacts.length).toBeGreaterThan(0);

		// Selling: deals and orders are the local member's where the generator's owner had them,
		// a buying customer shows its orders (newest first) and their total in the base currency.
		const deals = reopened.activeDeals();
		const orders = reopened.activeOrders();
		expect([...deals.flatMap((d) => [d.owner, d.createdBy]), ...orders.map((o) => o.owner)].filter((id) => !members.has(id))).toEqual([]);
		const buys = new Map<string, number>();
		for (const o of orders) if (o.status !== 'cancelled') buys.set(o.customer, (buys.get(o.customer) ?? 0) + 1);
		const buyer = [...buys].sort((x, y) => y[1] - x[1])[0][0];
		const cs = await b.data.customerSales(buyer);
		expect(cs.orders.length).toBe(orders.filter((o) => o.customer === buyer).length);
		expect(cs.orders.length).toBeGreaterThan(1);
		const dates = cs.orders.map((o) => o.orderDate);
		expect(dates).toEqual([...dates].sort().reverse());
		expect(cs.summary).toMatchObject({ count: buys.get(buyer), missing: [] });
		expect(cs.summary!.total).toBeGreaterThan(0);
		expect(cs.deals.every((d) => d.customer === buyer)).toBe(true);
		// Every board column is already in order: no card without a key.
		const board = await b.data.board({ text: '', owner: '' });
		expect(board.columns.reduce((n, c) => n + (c.totals?.count ?? 0), 0)).toBe(counts.deals);
		for (const c of board.columns) {
			const keys = c.cards.map((card) => reopened.deals.get(card.id)!.position);
			expect(keys.every((k, i) => k && (i === 0 || keys[i - 1] < k)), c.stage.id).toBe(true);
		}
		await b.close();
	});
});
