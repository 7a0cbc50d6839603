// Builds the dashboard from the Aggregator's bucket totals (or the sums of the customers a
// filter keeps), and lists the customers behind any bucket ("drill"). Bucket keys are
// "<prefix>:<month>:<value>" ("" month for what is not monthly); a drill is the same with "*"
// for "any month of the dashboard's range", or a computed one: "tier::A", "rfm::<r>,<f>",
// "health::<metric>".
import { STAGES } from '../customer';
import type { Aggregator, CustomerEntry, CustomerFilter } from './aggregator';
import { churnRisk } from './facts';
import { LOWER_IS_BETTER } from './settings';
import { daysSince, monthRange, monthsEnding } from './time';
import {
	HEALTH_METRICS,
	TIERS,
	type Bucket,
	type Dashboard,
	type DashboardFilters,
	type HealthMetric,
	type HealthRow,
	type LevelThresholds,
	type MaturityLevel,
	type RfmCell,
	type Series,
	type TeamRow
} from './types';

/** How many products the revenue-per-product trend shows (those with the most revenue). */
export const TOP_PRODUCTS = 10;

/** The months a dashboard shows: the filter's range, or the last `months` (24) ending with `now`'s month. */
export function dashboardMonths(f: DashboardFilters, now: number): string[] {
	if (f.from || f.to) {
		const from = (f.from || f.to)!.slice(0, 7);
		const to = (f.to || new Date(now).toISOString()).slice(0, 7);
		return from <= to ? monthRange(from, to) : [];
	}
	return monthsEnding(now, Math.max(1, Math.min(120, f.months ?? 24)));
}

const filterOf = (f: DashboardFilters): CustomerFilter => ({ owner: f.owner ?? '', rule: f.segment ?? null });
const isFiltered = (f: DashboardFilters) => !!(f.owner || (f.segment && f.segment.rules.length));

/** The level a share reaches under a metric's thresholds (levels 2–4), and what the next one needs. */
export function maturityOf(metric: HealthMetric, value: number | null, t: LevelThresholds): Pick<HealthRow, 'level' | 'next'> {
	const lower = LOWER_IS_BETTER.has(metric);
	const meets = (x: number) => value !== null && (lower ? value <= x : value >= x);
	let level: MaturityLevel = 1;
	for (let i = 0; i < 3; i++) if (meets(t[i])) level = (i + 2) as MaturityLevel;
	return { level, next: level < 4 ? { level: (level + 1) as MaturityLevel, target: t[level - 1] } : null };
}

/** Every dashboard aggregate under the filters (the rule must have been checked). */
export function buildDashboard(agg: Aggregator, f: DashboardFilters, { now, currency, stages = [] }: { now: number; currency: string; stages?: readonly string[] }): Dashboard {
	const months = dashboardMonths(f, now);
	const inRange = new Set(months);
	const keep = agg.filter(filterOf(f), now);
	const totals = isFiltered(f) ? agg.sumOf(keep) : agg.totals;
	const keys = agg.keys;
	// prefix → value → month → amount
	const grid = new Map<string, Map<string, Map<string, number>>>();
	for (let i = 0; i < keys.length; i++) {
		const v = totals[i];
		if (!v) continue;
		const [prefix, month, value] = agg.parsedKey(i);
		if (month && !inRange.has(month)) continue;
		let byValue = grid.get(prefix);
		if (!byValue) grid.set(prefix, (byValue = new Map()));
		let byMonth = byValue.get(value);
		if (!byMonth) byValue.set(value, (byMonth = new Map()));
		byMonth.set(month, (byMonth.get(month) ?? 0) + v);
	}
	const sum = (prefix: string, value = ''): number => {
		let n = 0;
		for (const v of grid.get(prefix)?.get(value)?.values() ?? []) n += v;
		return n;
	};
	const values = (prefix: string): string[] => [...(grid.get(prefix)?.keys() ?? [])];
	/** Buckets of a non-monthly or range-summed prefix, biggest first. */
	const buckets = (prefix: string, amountPrefix?: string, order?: readonly string[]): Bucket[] => {
		const vals = order ? order.filter((v) => grid.get(prefix)?.has(v) || !amountPrefix) : values(prefix);
		const out = vals.map((v) => ({ key: v, count: sum(prefix, v), ...(amountPrefix ? { amount: sum(amountPrefix, v) } : {}), drill: `${prefix}:*:${v}` }));
		return order ? out : out.sort((x, y) => y.count - x.count || (x.key < y.key ? -1 : 1));
	};
	const series = (key: string, prefix: string, value = '', amountPrefix?: string): Series => ({
		key,
		points: months.map((m) => ({
			key: m,
			count: grid.get(prefix)?.get(value)?.get(m) ?? 0,
			...(amountPrefix ? { amount: grid.get(amountPrefix)?.get(value)?.get(m) ?? 0 } : {}),
			drill: `${prefix}:${m}:${value}`
		}))
	});
	/** A monthly series of sums only (`count` 0), e.g. revenue per category. */
	const amounts = (key: string, prefix: string, value: string): Series => ({
		key,
		points: months.map((m) => ({ key: m, count: 0, amount: grid.get(prefix)?.get(value)?.get(m) ?? 0, drill: `${prefix}:${m}:${value}` }))
	});

	// Funnel.
	const stageBuckets = STAGES.map((s) => ({ key: s, count: sum('st', s), drill: `st:*:${s}` }));
	const [pot, pro, cus, lost] = stageBuckets.map((b) => b.count);
	const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

	// Tiers, RFM grid and A-tier follow-up come from every kept customer's facts.
	const pass = agg.rankPass(isFiltered(f) ? keep : null, now);
	const tierCount = pass.tiers;
	const { aTier, aFollowed } = pass;
	const cells: RfmCell[] = [...pass.cells].map(([cell, [count, monetary]]) => {
		const r = Math.floor(cell / 10);
		const fr = cell % 10;
		return { r, f: fr, count, monetary, drill: `rfm::${r},${fr}` };
	});

	// Pipeline.
	const won = sum('dw');
	const lostDeals = sum('dl');
	const competitors = [...new Set([...values('cw'), ...values('cl')])]
		.map((name) => ({ name, won: { key: name, count: sum('cw', name), drill: `cw:*:${name}` }, lost: { key: name, count: sum('cl', name), drill: `cl:*:${name}` } }))
		.sort((a, b) => b.won.count + b.lost.count - (a.won.count + a.lost.count) || (a.name < b.name ? -1 : 1));
	const stageOrder = stages.length ? stages.filter((s) => grid.get('dp')?.has(s)) : undefined;

	// Team.
	const members = new Set([...values('ta'), ...values('td'), ...values('tw')]);
	const team: TeamRow[] = [...members]
		.filter((m) => m)
		.map((member) => ({ member, activities: sum('ta', member), deals: sum('td', member), dealsWon: sum('tw', member), drill: `ta:*:${member}` }))
		.sort((a, b) => b.activities + b.deals - (a.activities + a.deals) || (a.member < b.member ? -1 : 1));

	// Process health.
	const all = sum('all');
	const measured: Record<HealthMetric, number | null> = {
		ownerShare: ratio(sum('own'), all),
		aTierFollowUp: ratio(aFollowed, aTier),
		dealsWithNextStep: ratio(sum('dn'), sum('do')),
		ordersCancelled: ratio(sum('ob'), sum('or')),
		ticketsPastSla: ratio(sum('tb'), sumAll('tk'))
	};
	function sumAll(prefix: string): number {
		let n = 0;
		for (const v of values(prefix)) n += sum(prefix, v);
		return n;
	}
	const metrics: HealthRow[] = HEALTH_METRICS.map((metric) => {
		const t = agg.settings.maturity[metric];
		return { metric, value: measured[metric], better: LOWER_IS_BETTER.has(metric) ? 'lower' : 'higher', thresholds: t, ...maturityOf(metric, measured[metric], t), drill: `health::${metric}` };
	});
	const known = metrics.filter((m) => m.value !== null);
	const level = (known.length ? Math.min(...known.map((m) => m.level)) : 1) as MaturityLevel;

	return {
		asOf: now,
		currency,
		customers: all,
		months,
		funnel: { stages: stageBuckets, rates: { toProspect: ratio(pro + cus, pot + pro + cus), toCustomer: ratio(cus, pro + cus), lost: ratio(lost, all) } },
		distributions: {
			region: buckets('rg'),
			industry: buckets('in'),
			type: buckets('ty'),
			tier: TIERS.map((t) => ({ key: t, count: tierCount[t], drill: `tier::${t}` })),
			source: buckets('so')
		},
		trends: {
			newCustomers: series('newCustomers', 'nc'),
			activities: values('ac').sort().map((ch) => series(ch, 'ac', ch)),
			orders: series('orders', 'oc'),
			revenue: series('revenue', 'oc', '', 'rv'),
			revenueByCategory: values('rc').sort().map((cat) => amounts(cat, 'rc', cat)),
			revenueByProduct: values('rp')
				.map((p) => [p, sum('rp', p)] as const)
				.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
				.slice(0, TOP_PRODUCTS)
				.map(([p]) => amounts(p, 'rp', p)),
			tickets: values('tk').sort().map((type) => series(type, 'tk', type)),
			satisfaction: series('satisfaction', 'sn', '', 'ss')
		},
		pipeline: {
			stages: buckets('dp', 'da', stageOrder),
			won,
			lost: lostDeals,
			winRate: ratio(won, won + lostDeals),
			avgCycleDays: won ? sum('dc') / won : null,
			lostReasons: buckets('lr'),
			competitors
		},
		rfm: cells.sort((a, b) => b.r - a.r || b.f - a.f),
		team,
		health: { level, metrics }
	};
}

/**
 * The active customers behind a dashboard bucket (`drill`), under the dashboard's filters.
 * Null when the drill is not one this dashboard makes.
 */
export function drillIds(agg: Aggregator, f: DashboardFilters, drill: string, now: number): string[] | null {
	const keep = agg.filter(filterOf(f), now);
	const a = drill.indexOf(':');
	const b = drill.indexOf(':', a + 1);
	if (a < 0 || b < 0) return null;
	const prefix = drill.slice(0, a);
	const month = drill.slice(a + 1, b);
	const value = drill.slice(b + 1);
	const out: string[] = [];
	const s = agg.settings;
	let test: (c: CustomerEntry) => boolean;
	if (prefix === 'tier') test = (c) => agg.tier(c.record, c.facts) === value;
	else if (prefix === 'rfm') {
		test = (c) => {
			if (c.facts.orderCount === 0) return false;
			const r = agg.rfm(c.facts);
			return `${r.r},${r.f}` === value;
		};
	} else if (prefix === 'health') {
		const needs: Record<string, string> = { ownerShare: 'no', dealsWithNextStep: 'dx', ordersCancelled: 'ob', ticketsPastSla: 'tb' };
		if (value === 'aTierFollowUp') {
			test = (c) => {
				if (c.record.stage === 'lost' || agg.tier(c.record, c.facts) !== 'A') return false;
				const since = daysSince(c.facts.lastContact, now);
				return since === null || since >= s.aTierDays;
			};
		} else if (needs[value]) return drillIds(agg, f, `${needs[value]}:*:`, now);
		else return null;
	} else if (prefix === 'churn') test = (c) => churnRisk(c.facts, now, s) > 0;
	else {
		const months = month === '*' ? new Set(dashboardMonths(f, now)) : null;
		test = (c) => {
			for (const [k, v] of agg.contributionOf(c.id)) {
				if (!v || !k.startsWith(`${prefix}:`)) continue;
				const kb = k.indexOf(':', prefix.length + 1);
				const km = k.slice(prefix.length + 1, kb);
				if (k.slice(kb + 1) !== value) continue;
				if (months ? !km || months.has(km) : km === month) return true;
			}
			return false;
		};
	}
	for (const c of agg.customers()) if (keep(c) && test(c)) out.push(c.id);
	return out;
}
