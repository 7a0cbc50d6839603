import { describe, expect, it } from 'vitest';
import { Aggregator } from '../../../src/lib/domain/analytics/aggregator';
import { attentionLists } from '../../../src/lib/domain/analytics/attention';
import { buildDashboard, drillIds, maturityOf } from '../../../src/lib/domain/analytics/dashboard';
import type { ActivityIn, CustomerIn, DealIn, OrderIn, TicketIn } from '../../../src/lib/domain/analytics/facts';
import { quintile, SortedNumbers, tierCutoffs, tierOf } from '../../../src/lib/domain/analytics/rfm';
import { DEFAULT_ANALYTICS } from '../../../src/lib/domain/analytics/settings';
import { segmentFields } from '../../../src/lib/domain/analytics/segment';
import { STAGES } from '../../../src/lib/domain/customer';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 15, 12);

function customer(id: string, p: Partial<CustomerIn> = {}): CustomerIn {
	return { id, name: id, stage: 'customer', createdAt: NOW - 500 * DAY, owner: 'm1', region: 'East', industry: 'Tech', type: 'end', source: 'web', tags: [], ...p };
}
function order(id: string, customer: string, daysAgo: number, total: number, p: Partial<OrderIn> = {}): OrderIn {
	return { id, customer, day: Math.floor((NOW - daysAgo * DAY) / DAY) * DAY, cancelled: false, corrected: false, total, owner: 'm1', lines: [{ product: 'p1', category: 'cat', quantity: 2, amount: total }], ...p };
}

describe('RFM and tiers', () => {
	it('scores by quintile; ties share the lowest rank’s score', () => {
		const s = new SortedNumbers();
		for (const v of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) s.add(v);
		expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => quintile(s, v))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
		const t = new SortedNumbers();
		for (const v of [1, 1, 1, 1, 1, 1, 2, 3, 5, 8]) t.add(v);
		expect([1, 2, 3, 5, 8].map((v) => quintile(t, v))).toEqual([1, 4, 4, 5, 5]);
		t.remove(8);
		t.remove(1);
		expect(t.values()).toEqual([1, 1, 1, 1, 1, 2, 3, 5]);
		expect(quintile(new SortedNumbers(), 3)).toBe(0);
	});

	it('A = the customers making up the top 80% of revenue, B the next 15%, C the rest and no revenue', () => {
		const s = new SortedNumbers();
		for (const v of [500, 300, 100, 50, 30, 20, 0]) s.add(v);
		// Total 1000: 500 (before 0) and 300 (before 500 < 800) are A; 100 starts at 800 → B; 50 starts at 900 < 950 → B; 30 starts at 950 → C.
		const cut = tierCutoffs(s, { a: 0.8, b: 0.15 });
		expect([500, 300, 100, 50, 30, 20, 0].map((v) => tierOf(v, cut))).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'C']);
		// Equal totals get the same tier.
		const eq = new SortedNumbers();
		for (const v of [100, 100, 100, 100]) eq.add(v);
		expect(tierOf(100, tierCutoffs(eq, { a: 0.5, b: 0.3 }))).toBe('A');
	});

	it('tier overrides win and are reported with their reason; RFM of a customer without orders is 0', () => {
		const agg = new Aggregator();
		agg.setCustomer('big', customer('big'));
		agg.setCustomer('small', customer('small', { tierOverride: 'A', tierReason: 'Strategic account' }));
		agg.setCustomer('none', customer('none'));
		agg.setOrder('o1', order('o1', 'big', 10, 90_000));
		agg.setOrder('o2', order('o2', 'small', 10, 1_000));
		const small = agg.insight('small', NOW)!;
		expect(small).toMatchObject({ tier: 'A', computedTier: 'C', tierOverride: 'A', tierReason: 'Strategic account' });
		expect(agg.insight('big', NOW)).toMatchObject({ tier: 'A', tierOverride: '', orderCount: 1, orderTotal: 90_000, daysSinceOrder: 10 });
		expect(agg.insight('none', NOW)!.rfm).toEqual({ r: 0, f: 0, m: 0 });
	});
});

describe('batches', () => {
	it('count each customer when the outermost batch ends, with the same answers as one by one', () => {
		const one = new Aggregator();
		const batched = new Aggregator();
		batched.beginBatch();
		for (const agg of [one, batched]) agg.setCustomer('c', customer('c'));
		batched.beginBatch();
		for (const agg of [one, batched]) agg.setOrder('o', order('o', 'c', 3, 500));
		batched.endBatch();
		// Still inside the outer batch: not counted yet.
		expect(batched.facts('c')).toBeNull();
		batched.endBatch();
		expect(batched.insight('c', NOW)).toEqual(one.insight('c', NOW));
		expect(buildDashboard(batched, {}, { now: NOW, currency: 'CNY' })).toEqual(buildDashboard(one, {}, { now: NOW, currency: 'CNY' }));
	});
});

describe('facts and attention lists', () => {
	it('leaves cancelled orders out, finds the usual interval, the last contact, open deals and tickets', () => {
		const agg = new Aggregator();
		agg.setCustomer('c', customer('c', { stageChangedAt: NOW - 20 * DAY }));
		agg.setOrder('a', order('a', 'c', 100, 100));
		agg.setOrder('b', order('b', 'c', 70, 100));
		agg.setOrder('x', order('x', 'c', 60, 5000, { cancelled: true }));
		agg.setOrder('d', order('d', 'c', 30, 100));
		agg.setActivity('act', { id: 'act', customer: 'c', at: NOW - 5 * DAY, channel: 'phone', member: 'm1' });
		agg.setDeal('deal', { id: 'deal', customer: 'c', stage: 'proposal', kind: 'open', amount: 10, owner: 'm1', createdAt: NOW - DAY, closedAt: 0, lostReason: '', competitors: [], hasNextStep: false });
		agg.setTicket('t', { id: 't', customer: 'c', type: 'complaint', open: true, createdAt: NOW - DAY, resolvedAt: 0, satisfaction: 0, breached: false });
		expect(agg.insight('c', NOW)).toMatchObject({ orderCount: 3, orderTotal: 300, usualInterval: 35, daysSinceContact: 5, openDeals: 1, openTickets: 1, daysInStage: 20, churnRisk: false });
	});

	it('churn risk: 3+ orders and more than 2× the usual interval and at least 30 days since the last order', () => {
		const agg = new Aggregator();
		for (const [id, daysAgo] of [
			['late', 100],
			['fine', 35]
		] as const) {
			agg.setCustomer(id, customer(id));
			for (const k of [0, 1, 2]) agg.setOrder(`${id}${k}`, order(`${id}${k}`, id, daysAgo + 20 * (2 - k), 100));
		}
		// Two orders only: never a churn risk.
		agg.setCustomer('two', customer('two'));
		agg.setOrder('t1', order('t1', 'two', 300, 100));
		agg.setOrder('t2', order('t2', 'two', 200, 100));
		agg.setCustomer('lost', customer('lost', { stage: 'lost' }));
		agg.setOrder('l1', order('l1', 'lost', 300, 7000));
		const lists = attentionLists(agg, NOW);
		expect(lists.churnRisk.map((r) => r.id)).toEqual(['late']);
		expect(lists.winBack.map((r) => r.id)).toEqual(['lost']);
		expect(agg.insight('late', NOW)!.churnRisk).toBe(true);
		// No customer was contacted: every A-tier one that is not lost needs attention.
		expect(lists.aTierNoContact.every((r) => r.tier === 'A' && r.daysSinceContact === null)).toBe(true);
		expect(lists.counts.aTierNoContact).toBe(lists.aTierNoContact.length);
	});
});

describe('dashboard', () => {
	function sample() {
		const agg = new Aggregator();
		agg.setFields(segmentFields([]));
		agg.setCustomer('a', customer('a', { region: 'East', stage: 'customer', owner: 'm1', createdAt: NOW - 40 * DAY }));
		agg.setCustomer('b', customer('b', { region: 'West', stage: 'prospect', owner: 'm2' }));
		agg.setCustomer('c', customer('c', { region: 'West', stage: 'potential', owner: '' }));
		agg.setCustomer('d', customer('d', { region: 'East', stage: 'lost', owner: 'm1' }));
		agg.setOrder('o1', order('o1', 'a', 10, 1000));
		agg.setOrder('o2', order('o2', 'b', 40, 500, { corrected: true }));
		agg.setOrder('o3', order('o3', 'a', 12, 99, { cancelled: true }));
		agg.setActivity('x', { id: 'x', customer: 'a', at: NOW - DAY, channel: 'phone', member: 'm1' });
		agg.setDeal('w', { id: 'w', customer: 'a', stage: 'won', kind: 'won', amount: 1000, owner: 'm1', createdAt: NOW - 30 * DAY, closedAt: NOW - 10 * DAY, lostReason: '', competitors: ['Acme'], hasNextStep: false });
		agg.setDeal('l', { id: 'l', customer: 'b', stage: 'lost', kind: 'lost', amount: 50, owner: 'm2', createdAt: NOW - 30 * DAY, closedAt: NOW - 5 * DAY, lostReason: 'price', competitors: ['Acme'], hasNextStep: false });
		agg.setDeal('op', { id: 'op', customer: 'c', stage: 'proposal', kind: 'open', amount: 70, owner: 'm2', createdAt: NOW - 3 * DAY, closedAt: 0, lostReason: '', competitors: [], hasNextStep: true });
		agg.setTicket('t', { id: 't', customer: 'b', type: 'complaint', open: false, createdAt: NOW - 3 * DAY, resolvedAt: NOW - 2 * DAY, satisfaction: 4, breached: true });
		return agg;
	}

	it('funnel, distributions, trends, pipeline, team and health', () => {
		const agg = sample();
		const d = buildDashboard(agg, {}, { now: NOW, currency: 'CNY', stages: ['proposal'] });
		expect(d.customers).toBe(4);
		expect(d.months).toHaveLength(24);
		expect(d.funnel.stages.map((b) => [b.key, b.count])).toEqual(STAGES.map((s) => [s, 1]));
		expect(d.funnel.rates).toEqual({ toProspect: 2 / 3, toCustomer: 1 / 2, lost: 1 / 4 });
		expect(d.distributions.region.map((b) => [b.key, b.count])).toEqual([
			['East', 2],
			['West', 2]
		]);
		const revenue = d.trends.revenue.points.reduce((a, p) => a + (p.amount ?? 0), 0);
		expect(revenue).toBe(1500);
		expect(d.trends.orders.points.reduce((a, p) => a + p.count, 0)).toBe(2);
		expect(d.trends.revenueByProduct.map((s) => [s.key, s.points.reduce((a, p) => a + (p.amount ?? 0), 0)])).toEqual([['p1', 1500]]);
		expect(d.pipeline).toMatchObject({ won: 1, lost: 1, winRate: 0.5, avgCycleDays: 20 });
		expect(d.pipeline.stages).toEqual([{ key: 'proposal', count: 1, amount: 70, drill: 'dp:*:proposal' }]);
		expect(d.pipeline.lostReasons).toEqual([{ key: 'price', count: 1, drill: 'lr:*:price' }]);
		expect(d.pipeline.competitors).toEqual([{ name: 'Acme', won: { key: 'Acme', count: 1, drill: 'cw:*:Acme' }, lost: { key: 'Acme', count: 1, drill: 'cl:*:Acme' } }]);
		expect(d.team.find((t) => t.member === 'm1')).toMatchObject({ activities: 1, deals: 1, dealsWon: 1 });
		const health = Object.fromEntries(d.health.metrics.map((m) => [m.metric, m.value]));
		expect(health).toMatchObject({ ownerShare: 3 / 4, dealsWithNextStep: 1, ordersCancelled: 2 / 3, ticketsPastSla: 1 });
		expect(d.trends.satisfaction.points.reduce((a, p) => a + (p.amount ?? 0), 0)).toBe(4);
	});

	it('filters by owner and segment, and drills down to the customers behind a bucket', () => {
		const agg = sample();
		const byOwner = buildDashboard(agg, { owner: 'm1' }, { now: NOW, currency: 'CNY' });
		expect(byOwner.customers).toBe(2);
		expect(byOwner.distributions.region).toEqual([{ key: 'East', count: 2, drill: 'rg:*:East' }]);
		const west = { segment: { kind: 'group' as const, join: 'and' as const, rules: [{ kind: 'condition' as const, field: 'region', op: 'eq' as const, value: 'West' }] } };
		expect(buildDashboard(agg, west, { now: NOW, currency: 'CNY' }).customers).toBe(2);
		expect(drillIds(agg, {}, 'rg:*:West', NOW)!.sort()).toEqual(['b', 'c']);
		expect(drillIds(agg, { owner: 'm2' }, 'rg:*:West', NOW)).toEqual(['b']);
		expect(drillIds(agg, {}, 'lr:*:price', NOW)).toEqual(['b']);
		expect(drillIds(agg, {}, 'health::ownerShare', NOW)).toEqual(['c']);
		const d = buildDashboard(agg, {}, { now: NOW, currency: 'CNY' });
		for (const cell of d.rfm) expect(drillIds(agg, {}, cell.drill, NOW)).toHaveLength(cell.count);
		for (const t of d.distributions.tier) expect(drillIds(agg, {}, t.drill, NOW)).toHaveLength(t.count);
		const month = d.trends.orders.points.find((p) => p.count > 0)!;
		expect(drillIds(agg, {}, month.drill, NOW)!.length).toBeGreaterThan(0);
		expect(drillIds(agg, {}, 'bogus', NOW)).toBeNull();
	});

	it('a date range limits the trends, the closed deals and the drills to its months', () => {
		const agg = sample();
		const month = new Date(NOW - 5 * DAY).toISOString().slice(0, 7);
		const lastYear = `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
		agg.setOrder('old', order('old', 'c', 365, 700));
		const d = buildDashboard(agg, { from: `${lastYear}-01`, to: `${lastYear}-28` }, { now: NOW, currency: 'CNY' });
		expect(d.months).toEqual([lastYear]);
		expect(d.trends.revenue.points).toEqual([{ key: lastYear, count: 1, amount: 700, drill: `oc:${lastYear}:` }]);
		expect(d.pipeline).toMatchObject({ won: 0, lost: 0, winRate: null });
		// Snapshots ignore the range.
		expect(d.customers).toBe(4);
		expect(drillIds(agg, { from: `${lastYear}-01`, to: `${lastYear}-28` }, 'oc:*:', NOW)).toEqual(['c']);
		expect(drillIds(agg, {}, 'oc:*:', NOW)!.sort()).toEqual(['a', 'b', 'c']);
		expect(buildDashboard(agg, { months: 3 }, { now: NOW, currency: 'CNY' }).months).toHaveLength(3);
	});

	it('maturity: the level each threshold reaches and what the next level needs', () => {
		expect(maturityOf('ownerShare', 0.85, [0.5, 0.8, 0.95])).toEqual({ level: 3, next: { level: 4, target: 0.95 } });
		expect(maturityOf('ownerShare', 0.2, [0.5, 0.8, 0.95])).toEqual({ level: 1, next: { level: 2, target: 0.5 } });
		expect(maturityOf('ordersCancelled', 0.02, [0.2, 0.1, 0.03])).toEqual({ level: 4, next: null });
		expect(maturityOf('ordersCancelled', 0.15, [0.2, 0.1, 0.03])).toEqual({ level: 2, next: { level: 3, target: 0.1 } });
		expect(maturityOf('ticketsPastSla', null, DEFAULT_ANALYTICS.maturity.ticketsPastSla).level).toBe(1);
	});
});

// ——— property: incremental equals a full recompute ———

function rng(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

describe('incremental updates', () => {
	it('after random single edits, every answer equals a full recompute', () => {
		for (const seed of [1, 2, 3, 4, 5]) {
			const r = rng(seed);
			const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
			const ids = Array.from({ length: 12 }, (_, i) => `c${i}`);
			const state = { customers: new Map<string, CustomerIn>(), orders: new Map<string, OrderIn>(), activities: new Map<string, ActivityIn>(), deals: new Map<string, DealIn>(), tickets: new Map<string, TicketIn>() };
			const live = new Aggregator();
			live.setFields(segmentFields([]));
			const make = {
				customers: (id: string): CustomerIn => customer(id, { stage: pick(STAGES), region: pick(['East', 'West', '']), owner: pick(['m1', 'm2', '']), tierOverride: pick(['', '', 'A', 'C']), createdAt: NOW - Math.floor(r() * 700) * DAY }),
				orders: (id: string): OrderIn => order(id, pick([...ids, '', 'ghost']), Math.floor(r() * 700), Math.floor(r() * 5) * 100, { cancelled: r() < 0.2, corrected: r() < 0.2, lines: [{ product: pick(['p1', 'p2']), category: pick(['x', 'y']), quantity: 1 + Math.floor(r() * 3), amount: 100 }] }),
				activities: (id: string): ActivityIn => ({ id, customer: pick(ids), at: NOW - Math.floor(r() * 700) * DAY, channel: pick(['phone', 'wechat']), member: pick(['m1', 'm2']) }),
				deals: (id: string): DealIn => {
					const kind = pick(['open', 'won', 'lost'] as const);
					return { id, customer: pick(ids), stage: kind === 'open' ? pick(['a', 'b']) : kind, kind, amount: 100, owner: pick(['m1', 'm2']), createdAt: NOW - 300 * DAY, closedAt: kind === 'open' ? 0 : NOW - Math.floor(r() * 200) * DAY, lostReason: pick(['price', 'timing']), competitors: pick([[], ['Acme'], ['Acme', 'Zed']]), hasNextStep: r() < 0.5 };
				},
				tickets: (id: string): TicketIn => ({ id, customer: pick(ids), type: pick(['complaint', 'repair']), open: r() < 0.5, createdAt: NOW - Math.floor(r() * 300) * DAY, resolvedAt: NOW - DAY, satisfaction: pick([0, 3, 5]), breached: r() < 0.3 })
			};
			const apply = (agg: Aggregator, kind: keyof typeof state, id: string, v: unknown) => {
				if (kind === 'customers') agg.setCustomer(id, v as CustomerIn | null);
				else if (kind === 'orders') agg.setOrder(id, v as OrderIn | null);
				else if (kind === 'activities') agg.setActivity(id, v as ActivityIn | null);
				else if (kind === 'deals') agg.setDeal(id, v as DealIn | null);
				else agg.setTicket(id, v as TicketIn | null);
			};
			for (let step = 0; step < 150; step++) {
				const kind = pick(Object.keys(state) as Array<keyof typeof state>);
				const map = state[kind] as Map<string, unknown>;
				const id = kind === 'customers' ? pick(ids) : `${kind}${Math.floor(r() * 15)}`;
				const v = r() < 0.25 ? null : make[kind](id);
				if (v) map.set(id, v);
				else map.delete(id);
				apply(live, kind, id, v);
				if (step % 10 !== 9) continue;
				const full = new Aggregator();
				full.setFields(segmentFields([]));
				// The full recompute loads everything in one batch (as the worker does).
				full.beginBatch();
				for (const k of Object.keys(state) as Array<keyof typeof state>) for (const [rid, rec] of state[k] as Map<string, unknown>) apply(full, k, rid, rec);
				full.endBatch();
				const opts = { now: NOW, currency: 'CNY' };
				expect(buildDashboard(live, {}, opts)).toEqual(buildDashboard(full, {}, opts));
				expect(buildDashboard(live, { owner: 'm1' }, opts)).toEqual(buildDashboard(full, { owner: 'm1' }, opts));
				for (const id of ids) expect(live.insight(id, NOW)).toEqual(full.insight(id, NOW));
				expect(attentionLists(live, NOW)).toEqual(attentionLists(full, NOW));
				for (const t of full.demandTargets()) expect(Object.fromEntries([...live.demand(t)].filter(([, v]) => v))).toEqual(Object.fromEntries([...full.demand(t)].filter(([, v]) => v)));
			}
		}
	});
});
