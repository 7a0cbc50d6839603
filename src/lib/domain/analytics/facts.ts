// Per-customer facts from the records that mention the customer, and the rules that read them
// (churn risk). The inputs are the compact shapes the Aggregator keeps of each record.
import type { StageKind } from '../deal';
import type { Stage } from '../customer';
import { DAY, daysSince } from './time';
import type { AnalyticsSettings, CustomerFacts } from './types';

/** An order as analytics reads it: its day, its total and lines in the base currency (null when its currency has no rate). */
export interface OrderIn {
	id: string;
	customer: string;
	/** UTC midnight of the order date. */
	day: number;
	cancelled: boolean;
	/** Lines or currency changed after it was entered. */
	corrected: boolean;
	total: number | null;
	owner: string;
	lines: Array<{ product: string; category: string; quantity: number; amount: number | null }>;
}

export interface ActivityIn {
	id: string;
	customer: string;
	at: number;
	channel: string;
	member: string;
}

export interface DealIn {
	id: string;
	customer: string;
	stage: string;
	kind: StageKind;
	/** In the base currency; null when its currency has no rate. */
	amount: number | null;
	owner: string;
	createdAt: number;
	closedAt: number;
	lostReason: string;
	competitors: string[];
	hasNextStep: boolean;
}

export interface TicketIn {
	id: string;
	customer: string;
	type: string;
	open: boolean;
	createdAt: number;
	resolvedAt: number;
	satisfaction: number;
	/** Its SLA was breached (by the workspace's policy, when it was read). */
	breached: boolean;
}

/** The customer fields analytics reads. */
export interface CustomerIn {
	id: string;
	stage: Stage;
	createdAt: number;
	stageChangedAt?: number;
	[k: string]: unknown;
}

/** The median of a non-empty list. */
export function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A customer's facts from its records (cancelled orders left out). */
export function computeFacts(
	c: CustomerIn,
	records: { orders: Iterable<OrderIn>; activities: Iterable<ActivityIn>; deals: Iterable<DealIn>; tickets: Iterable<TicketIn> }
): CustomerFacts {
	let orderCount = 0;
	let orderTotal = 0;
	const days = new Set<number>();
	for (const o of records.orders) {
		if (o.cancelled) continue;
		orderCount++;
		if (o.total !== null) orderTotal += o.total;
		days.add(o.day);
	}
	const sorted = [...days].sort((a, b) => a - b);
	const gaps: number[] = [];
	for (let i = 1; i < sorted.length; i++) gaps.push((sorted[i] - sorted[i - 1]) / DAY);
	let lastContact = 0;
	for (const a of records.activities) if (a.at > lastContact) lastContact = a.at;
	let openDeals = 0;
	for (const d of records.deals) if (d.kind === 'open') openDeals++;
	let openTickets = 0;
	for (const t of records.tickets) if (t.open) openTickets++;
	return {
		id: c.id,
		orderCount,
		orderTotal,
		firstOrder: sorted[0] ?? 0,
		lastOrder: sorted[sorted.length - 1] ?? 0,
		usualInterval: gaps.length ? median(gaps) : null,
		lastContact,
		openDeals,
		openTickets,
		stage: c.stage,
		stageSince: Number(c.stageChangedAt) || Number(c.createdAt) || 0
	};
}

/**
 * Churn risk: not lost, at least `churnMinOrders` orders, and the days since the last order
 * exceed both `churnFactor` × the usual (median) interval between orders and `churnMinDays`.
 * Returns how overdue (days since / usual interval), or 0 when not at risk.
 */
export function churnRisk(f: CustomerFacts, now: number, s: Pick<AnalyticsSettings, 'churnFactor' | 'churnMinDays' | 'churnMinOrders'>): number {
	if (f.stage === 'lost' || f.orderCount < s.churnMinOrders || !f.usualInterval) return 0;
	const since = daysSince(f.lastOrder, now) ?? 0;
	if (since <= s.churnFactor * f.usualInterval || since < s.churnMinDays) return 0;
	return since / f.usualInterval;
}
