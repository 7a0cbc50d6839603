// Analytics through the data service: saved segments (rules checked, Trash, backup), counts and
// ids, bulk tasks with undo, tier overrides, settings, the dashboard kept current by edits
// (equal to a fresh build), and a forecast over the sample workspace.
import { describe, expect, it } from 'vitest';
import { AnalyticsService } from '../../src/lib/worker/analytics-service';
import type { SegmentRule } from '../../src/lib/domain/analytics/types';
import { openPair, until } from './helpers';

const ok = <T>(r: { ok: true; value: T } | { ok: false; errors: unknown }): T => {
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value;
};
const rule = (...rules: SegmentRule['rules']): SegmentRule => ({ kind: 'group', join: 'and', rules });
const today = () => new Date().toISOString().slice(0, 10);
const line = (unitPrice: number, quantity = '1') => ({ product: '', name: 'Tea', unit: '', quantity, unitPrice, discountKind: 'percent', discount: '', discountAmount: 0 });

async function workspace() {
	const pair = await openPair(`ws-${Math.random()}`, { memberId: 'me' });
	await pair.opened;
	const d = pair.data;
	ok(await d.setCurrency({ base: 'CNY', rates: [] }));
	const east = ok(await d.createCustomer({ name: 'East A', region: 'East China', stage: 'customer' }));
	const east2 = ok(await d.createCustomer({ name: 'East B', region: 'East China', stage: 'prospect' }));
	const west = ok(await d.createCustomer({ name: 'West', region: 'West China', stage: 'customer' }));
	for (const [c, amount] of [
		[east, 900_00],
		[west, 100_00]
	] as const) {
		ok(await d.createRecord('orders', { customer: c, orderDate: today(), currency: 'CNY', lines: [line(amount)] }));
	}
	return { ...pair, d, east, east2, west };
}

describe('analytics in the data service', () => {
	it('counts and lists a segment, refuses a bad rule where it is wrong, and saves segments shared in the document', async () => {
		const { d, close, east, east2, data } = await workspace();
		const eastRule = rule({ kind: 'condition', field: 'region', op: 'eq', value: 'East China' });
		expect(await d.analytics.segmentCount(eastRule)).toEqual({ ok: true, value: 2 });
		expect(ok(await d.analytics.segmentIds(eastRule)).sort()).toEqual([east, east2].sort());
		const aTier = rule(eastRule.rules[0], { kind: 'condition', field: 'tier', op: 'anyOf', values: ['A'] });
		expect(ok(await d.analytics.segmentIds(aTier))).toEqual([east]);
		const bad = rule({ kind: 'condition', field: 'orderTotal', op: 'contains', value: 'x' });
		expect(await d.analytics.segmentCount(bad)).toEqual({ ok: false, errors: [{ path: [0], part: 'op', code: 'opNotAllowed' }] });

		// Saved: validated, kept in the document, in the Trash when deleted, in the backup.
		expect(await d.createRecord('segments', { name: 'East', rule: rule(eastRule.rules[0], { kind: 'condition', field: 'orderTotal', op: 'between', value: 9, to: 1 }) })).toEqual({
			ok: false,
			errors: [{ field: 'rule', index: 1, code: 'endBeforeStart' }]
		});
		expect((await d.createRecord('segments', { name: '', rule: eastRule })).ok).toBe(false);
		const seg = ok(await d.createRecord('segments', { name: 'East', description: 'All of East China', rule: eastRule }));
		expect((await d.getRecord('segments', seg))!.record).toMatchObject({ name: 'East', rule: eastRule });
		await d.removeRecords('segments', [seg]);
		expect((await d.trash()).map((t) => [t.collection, t.id])).toContainEqual(['segments', seg]);
		const backup = JSON.parse(await data.exportBackup());
		expect(backup.collections.segments.map((r: { id: string }) => r.id)).toEqual([seg]);
		await close();
	});

	it('creates a task per member in one transaction, undone with removeRecords', async () => {
		const { d, close, east, east2 } = await workspace();
		const eastRule = rule({ kind: 'condition', field: 'region', op: 'eq', value: 'East China' });
		let transactions = 0;
		const count = () => transactions++;
		d.doc.on('afterTransaction', count);
		const bad = await d.analytics.createSegmentTasks(eastRule, { title: '' });
		expect(bad).toMatchObject({ ok: false, errors: [], taskErrors: [{ field: 'title', code: 'required' }] });
		// The workspace's required custom fields of tasks apply to the template too.
		const def = ok(await d.createRecord('fields', { recordType: 'task', label: 'Campaign', kind: 'text', required: true }));
		transactions = 0;
		expect(await d.analytics.createSegmentTasks(eastRule, { title: 'Call' })).toMatchObject({ ok: false, taskErrors: [{ field: `cf_${def}`, code: 'required' }] });
		expect(transactions).toBe(0);
		const made = await d.analytics.createSegmentTasks(eastRule, { title: 'Call before the fair', due: Date.now() + 86_400_000, [`cf_${def}`]: 'Spring fair' } as never);
		d.doc.off('afterTransaction', count);
		expect(transactions).toBe(1);
		const ids = ok(made).ids;
		const tasks = await Promise.all(ids.map(async (id) => (await d.getRecord('tasks', id))!.record));
		expect(tasks.map((t) => t.customer).sort()).toEqual([east, east2].sort());
		expect(tasks.every((t) => t.assignee === 'me' && t.title === 'Call before the fair' && t[`cf_${def}`] === 'Spring fair')).toBe(true);
		await d.removeRecords('tasks', ids);
		expect((await d.listRecords('tasks', { text: '', filters: {} } as never, 0, 50)).total).toBe(0);
		await close();
	});

	it('sets a tier by hand with a reason, and the settings with checks', async () => {
		const { d, close, west } = await workspace();
		expect(await d.analytics.customerFacts(west)).toMatchObject({ tier: 'B', computedTier: 'B', tierOverride: '', orderCount: 1, orderTotal: 100_00 });
		expect(await d.analytics.setTierOverride(west, 'A', ' ')).toEqual({ ok: false, errors: [{ field: 'tierReason', code: 'required' }] });
		ok(await d.analytics.setTierOverride(west, 'A', 'Group buyer for 12 stores'));
		await until(async () => (await d.analytics.customerFacts(west))?.tier === 'A');
		expect(await d.analytics.customerFacts(west)).toMatchObject({ tier: 'A', computedTier: 'B', tierOverride: 'A', tierReason: 'Group buyer for 12 stores' });
		ok(await d.analytics.setTierOverride(west, '', ''));
		expect((await d.analytics.customerFacts(west))!.tier).toBe('B');

		expect((await d.analytics.setSettings({ tierShares: { a: 0.9, b: 0.2 } })).ok).toBe(false);
		expect((await d.analytics.setSettings({ maturity: { ownerShare: [0.9, 0.5, 0.95] } as never })).ok).toBe(false);
		ok(await d.analytics.setSettings({ tierShares: { a: 0.95, b: 0.04 }, aTierDays: 14 }));
		expect(await d.analytics.settings()).toMatchObject({ tierShares: { a: 0.95, b: 0.04 }, aTierDays: 14, churnFactor: 2 });
		// West's 10% of revenue is now inside the top 95%.
		expect((await d.analytics.customerFacts(west))!.tier).toBe('A');
		await close();
	});

	it('keeps the dashboard current after single edits, equal to a fresh build', async () => {
		const { d, close, east, east2, events } = await workspace();
		let dash = ok(await d.analytics.dashboard({}));
		expect(dash.customers).toBe(3);
		expect(dash.distributions.region.map((b) => [b.key, b.count])).toEqual([
			['East China', 2],
			['West China', 1]
		]);
		const month = today().slice(0, 7);
		const revenue = () => dash.trends.revenue.points.find((p) => p.key === month)!;
		expect(revenue()).toMatchObject({ count: 2, amount: 1000_00 });

		// Edits: a new order, a region change, a customer to the Trash, an activity, a lost deal.
		ok(await d.createRecord('orders', { customer: east2, orderDate: today(), currency: 'CNY', lines: [line(50_00, '2')] }));
		ok(await d.updateCustomer(east2, { region: 'North China' }));
		await d.removeCustomers([east]);
		ok(await d.createRecord('activities', { customer: east2, type: 'call', channel: 'phone', at: Date.now() }));
		const deal = ok(await d.createRecord('deals', { title: 'Gift boxes', customer: east2, currency: 'CNY', lines: [line(10_00)], nextStep: 'Send samples' }));
		dash = ok(await d.analytics.dashboard({}));
		expect(revenue()).toMatchObject({ count: 3, amount: 1100_00 });
		expect(dash.customers).toBe(2);
		expect(dash.distributions.region.map((b) => [b.key, b.count])).toEqual([
			['North China', 1],
			['West China', 1]
		]);
		expect(dash.pipeline.stages.reduce((a, b) => a + b.count, 0)).toBe(1);
		expect(dash.health.metrics.find((m) => m.metric === 'dealsWithNextStep')!.value).toBe(1);
		expect(ok(await d.analytics.dashboardCustomers({}, dash.distributions.region[0].drill))).toEqual([east2]);
		ok(await d.moveDeal(deal, 'lost', 0, { reason: 'Budget cut' }));
		ok(await d.updateRecord('deals', deal, { lostReason: 'Budget cut' }));
		dash = ok(await d.analytics.dashboard({}));
		expect(dash.pipeline).toMatchObject({ won: 0, lost: 1, winRate: 0 });

		// A fresh build over the same documents gives the same answers.
		const fresh = new AnalyticsService({
			ws: d.ws,
			activities: d.activities,
			ready: () => d.ready(),
			sales: () => d.sales(),
			activitiesLoaded: () => Promise.resolve(),
			ctx: () => ({ memberId: 'me' }),
			writable: () => undefined,
			emit: () => undefined
		});
		const now = Date.now();
		const pin = (x: { asOf: number }) => ({ ...x, asOf: now });
		expect(pin(ok(await fresh.dashboard({})))).toEqual(pin(ok(await d.analytics.dashboard({}))));
		await until(() => events.some((e) => e.name === 'analytics'));
		await close();
	});

	it('moves revenue to a product’s new category when the category changes', async () => {
		const { d, close, west } = await workspace();
		const tea = ok(await d.createRecord('products', { name: 'Longjing 250g', sku: 'LJ-1', category: 'Tea', unitPrice: 128_00, currency: 'CNY' }));
		ok(await d.createRecord('orders', { customer: west, orderDate: today(), currency: 'CNY', lines: [{ ...line(128_00, '3'), product: tea }] }));
		const byCategory = async () => {
			const dash = ok(await d.analytics.dashboard({}));
			return Object.fromEntries(dash.trends.revenueByCategory.map((s) => [s.key, s.points.reduce((a, p) => a + (p.amount ?? 0), 0)]));
		};
		expect((await byCategory()).Tea).toBe(384_00);
		ok(await d.updateRecord('products', tea, { category: 'Gifts' }));
		const after = await byCategory();
		expect(after.Gifts).toBe(384_00);
		expect(after.Tea ?? 0).toBe(0);
		expect((await d.analytics.forecastOptions()).categories).toEqual(['Gifts']);
		await close();
	});

	it('counts a competitor once whether deals name it or link its profile', async () => {
		const { d, close, west } = await workspace();
		const acme = ok(await d.createRecord('competitors', { name: 'Acme Tea' }));
		const a = ok(await d.createRecord('deals', { title: 'A', customer: west, currency: 'CNY', lines: [line(10_00)] }));
		const b = ok(await d.createRecord('deals', { title: 'B', customer: west, currency: 'CNY', lines: [line(10_00)], competitors: [acme] }));
		// Deals written by older versions named competitors as typed text.
		const sales = await d.sales();
		sales.doc.transact(() => {
			sales.deals.put({ ...sales.deals.get(a)!, competitors: ['acme tea'] });
			sales.deals.put({ ...sales.deals.get(b)!, competitors: [acme, 'Other Co'] });
		});
		for (const deal of [a, b]) ok(await d.moveDeal(deal, 'lost', 0, { reason: 'Price' }));
		const dash = ok(await d.analytics.dashboard({}));
		expect(dash.pipeline.competitors.map((c) => [c.name, c.lost.count])).toEqual([
			[acme, 2],
			['Other Co', 1]
		]);
		// Shown by the profile's name; a typed name stays as typed.
		expect(dash.pipeline.competitors.map((c) => c.label)).toEqual(['Acme Tea', 'Other Co']);
		expect(ok(await d.analytics.dashboardCustomers({}, dash.pipeline.competitors[0].lost.drill))).toEqual([west]);
		await close();
	});

	it('leaves out a malformed record written by another program instead of stopping', async () => {
		const { d, close, west } = await workspace();
		const sales = await d.sales();
		sales.doc.transact(() => sales.orders.put({ id: 'weird', customer: west, orderDate: 'soon', status: 'paid', lines: 'many' as never, currency: 'CNY', createdAt: 1, createdBy: 'x', updatedAt: 1, updatedBy: 'x' } as never));
		const dash = ok(await d.analytics.dashboard({}));
		expect(dash.trends.orders.points.reduce((a, p) => a + p.count, 0)).toBe(2);
		expect((await d.analytics.customerFacts(west))!.orderCount).toBe(1);
		await close();
	});

	it('forecasts the sample workspace’s revenue and categories and reports the accuracy', async () => {
		const { data: d, close, opened } = await openPair(`ws-${Math.random()}`, { memberId: 'me' });
		await opened;
		await d.loadSample(300, 3);
		const options = await d.analytics.forecastOptions();
		expect(options.categories.length).toBeGreaterThan(0);
		const f = await d.analytics.forecast({ kind: 'revenue' }, 6);
		// A small sample has about 16 months of orders: the simpler method, flagged.
		expect(f.history.length).toBeGreaterThanOrEqual(12);
		expect(f.simple).toBe(f.history.length < 24);
		expect(f.method).toBe(f.simple ? 'dampedTrend' : expect.stringMatching(/^holtWinters/));
		expect(f.history.at(-1)!.month < new Date().toISOString().slice(0, 7)).toBe(true);
		expect(f.forecast[0].month).toBe(new Date().toISOString().slice(0, 7));
		expect(f.forecast).toHaveLength(6);
		expect(f.accuracy?.model.months).toBe(6);
		const cat = await d.analytics.forecast({ kind: 'category', id: options.categories[0] }, 3);
		expect(cat.forecast).toHaveLength(3);
		for (const p of cat.forecast) expect(p.low).toBeLessThanOrEqual(p.value);
		// The sample's segment count equals the ids it lists, with a 3-condition rule over facts.
		const r = rule(
			{ kind: 'condition', field: 'stage', op: 'anyOf', values: ['customer'] },
			{ kind: 'condition', field: 'orderCount', op: 'gte', value: 1 },
			{ kind: 'condition', field: 'daysSinceContact', op: 'gt', value: 7 }
		);
		expect(ok(await d.analytics.segmentCount(r))).toBe(ok(await d.analytics.segmentIds(r)).length);
		await close();
	}, 60_000);
});
