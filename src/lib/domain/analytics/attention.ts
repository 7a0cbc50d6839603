// Attention lists: the customers someone should act on now.
import type { Aggregator } from './aggregator';
import { churnRisk } from './facts';
import { daysSince } from './time';
import type { AttentionLists, AttentionRow, CustomerFacts } from './types';
import type { CustomerIn } from './facts';

/**
 * A-tier customers (not lost) not contacted for `aTierDays` or never, longest first; churn
 * risks (facts.ts `churnRisk`), most overdue first; lost customers by past value (order total),
 * highest first. Each list is cut to `limit`; `counts` are the full sizes.
 */
export function attentionLists(agg: Aggregator, now: number, limit = 50): AttentionLists {
	const s = agg.settings;
	const a: Array<[number, AttentionRow]> = [];
	const churn: Array<[number, AttentionRow]> = [];
	const lost: Array<[number, AttentionRow]> = [];
	const row = (c: { id: string; record: CustomerIn; facts: CustomerFacts }, tier = agg.tier(c.record, c.facts)): AttentionRow => ({
		id: c.id,
		name: typeof c.record.name === 'string' ? c.record.name : '',
		owner: typeof c.record.owner === 'string' ? c.record.owner : '',
		tier,
		orderTotal: c.facts.orderTotal,
		daysSinceContact: daysSince(c.facts.lastContact, now),
		daysSinceOrder: daysSince(c.facts.lastOrder, now),
		usualInterval: c.facts.usualInterval
	});
	for (const c of agg.customers()) {
		if (c.record.stage === 'lost') {
			if (c.facts.orderTotal > 0) lost.push([c.facts.orderTotal, row(c)]);
			continue;
		}
		const tier = agg.tier(c.record, c.facts);
		if (tier === 'A') {
			const since = daysSince(c.facts.lastContact, now);
			if (since === null || since >= s.aTierDays) a.push([since ?? Infinity, row(c, tier)]);
		}
		const overdue = churnRisk(c.facts, now, s);
		if (overdue > 0) churn.push([overdue, row(c, tier)]);
	}
	const top = (list: Array<[number, AttentionRow]>) => list.sort((x, y) => y[0] - x[0] || (x[1].id < y[1].id ? -1 : 1)).slice(0, limit).map((e) => e[1]);
	return { aTierNoContact: top(a), churnRisk: top(churn), winBack: top(lost), counts: { aTierNoContact: a.length, churnRisk: churn.length, winBack: lost.length } };
}
