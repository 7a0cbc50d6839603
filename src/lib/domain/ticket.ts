// Tickets (工单): after-sales requests with a type, a priority and a status, linked to a
// customer, contact, product and order, held to the workspace's SLA (sla.ts), and rated by the
// customer (满意度 1–5) on resolution.
//
// Status rules: open, in progress and waiting on customer move freely among themselves and to
// resolved; resolved moves to closed; resolved and closed reopen to open or in progress; closed
// is reached only from resolved. Entering waiting on customer, resolved or closed counts as the
// first response when none was recorded; resolving stamps `resolvedAt` and a reopen clears it.
// A satisfaction score is recorded only on a resolved or closed ticket; a reopen keeps it until
// the customer rates again.
import type { RecordMeta } from './record';
import { RESPONDED_STATUSES, slaStatus, TICKET_PRIORITIES, TICKET_STATUSES, type SlaPolicy, type SlaStatus, type StatusChange, type TicketPriority, type TicketSlaState, type TicketStatus } from './sla';
import { Checker, LONG_TEXT, type FieldError } from './validate';

export { TICKET_PRIORITIES, TICKET_STATUSES, type TicketPriority, type TicketStatus } from './sla';

export const TICKET_TYPES = ['inquiry', 'complaint', 'warranty', 'repair'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const SATISFACTION_SCORES = [1, 2, 3, 4, 5] as const;

export interface TicketFields {
	title: string;
	type: TicketType;
	priority: TicketPriority;
	status: TicketStatus;
	/** Member id. */
	assignee: string;
	/** Linked record ids ('' = none). */
	customer: string;
	contact: string;
	product: string;
	order: string;
	description: string;
	/** When the customer first got an answer (epoch ms); 0 = not yet. */
	firstResponseAt: number;
	/** When the ticket was last resolved (epoch ms); 0 while unresolved. */
	resolvedAt: number;
	/** The customer's score 1–5; 0 = not rated. */
	satisfaction: number;
	feedback: string;
}

/** Written by changeTicketStatus next to the TicketFields. */
export interface TicketStatusFields {
	statusChangedAt: number;
	/** Every status entered, oldest first: the SLA clocks are computed from it. */
	statusHistory: StatusChange[];
}

export type Ticket = TicketFields & RecordMeta & Partial<TicketStatusFields> & { [extra: string]: unknown };

export const TICKET_FIELDS = [
	'title',
	'type',
	'priority',
	'status',
	'assignee',
	'customer',
	'contact',
	'product',
	'order',
	'description',
	'firstResponseAt',
	'resolvedAt',
	'satisfaction',
	'feedback'
] as const satisfies readonly (keyof TicketFields)[];

/** A new open inquiry of normal priority assigned to `assignee`. */
export function emptyTicket(assignee: string): TicketFields {
	return {
		title: '',
		type: 'inquiry',
		priority: 'normal',
		status: 'open',
		assignee,
		customer: '',
		contact: '',
		product: '',
		order: '',
		description: '',
		firstResponseAt: 0,
		resolvedAt: 0,
		satisfaction: 0,
		feedback: ''
	};
}

/** Where a ticket's linked records are: the customer a contact or an order belongs to (undefined if none here), whether a product is in the catalogue. */
export interface TicketLinkLookup {
	contactCustomer(id: string): string | undefined;
	orderCustomer(id: string): string | undefined;
	hasProduct(id: string): boolean;
}

/**
 * Checks a ticket's links: the contact and the order exist and belong to its customer (when it
 * has one), the product is in the catalogue; else that field's unknownRecord.
 */
export function ticketLinkErrors(t: Pick<TicketFields, 'customer' | 'contact' | 'product' | 'order'>, find: TicketLinkLookup): FieldError[] {
	const errors: FieldError[] = [];
	const belongs = (owner: string | undefined) => owner !== undefined && (!t.customer || owner === t.customer);
	if (t.contact && !belongs(find.contactCustomer(t.contact))) errors.push({ field: 'contact', code: 'unknownRecord' });
	if (t.product && !find.hasProduct(t.product)) errors.push({ field: 'product', code: 'unknownRecord' });
	if (t.order && !belongs(find.orderCustomer(t.order))) errors.push({ field: 'order', code: 'unknownRecord' });
	return errors;
}

const NEXT: Record<TicketStatus, readonly TicketStatus[]> = {
	open: ['inProgress', 'waitingOnCustomer', 'resolved'],
	inProgress: ['open', 'waitingOnCustomer', 'resolved'],
	waitingOnCustomer: ['open', 'inProgress', 'resolved'],
	resolved: ['open', 'inProgress', 'closed'],
	closed: ['open', 'inProgress']
};

const isDone = (s: TicketStatus | undefined) => s === 'resolved' || s === 'closed';

/**
 * Whether a ticket may go from one status to another (see the file comment). Staying is fine;
 * an unknown status is "status" invalidChoice; a refused move is "status" ticketStatusNotAllowed.
 */
export function ticketTransition(from: TicketStatus, to: TicketStatus): { ok: boolean; errors: FieldError[] } {
	let code: FieldError['code'] | null = null;
	if (!TICKET_STATUSES.includes(to)) code = 'invalidChoice';
	else if (from !== to && !NEXT[from]?.includes(to)) code = 'ticketStatusNotAllowed';
	return code ? { ok: false, errors: [{ field: 'status', code }] } : { ok: true, errors: [] };
}

/** A score the customer can give: a whole number 1–5 (0 = none when `allowNone`). */
function isScore(n: unknown, allowNone = false): n is number {
	return typeof n === 'number' && Number.isInteger(n) && ((n >= 1 && n <= 5) || (allowNone && n === 0));
}

export interface Rating {
	satisfaction: number;
	feedback?: string;
}

/**
 * The fields to write for the customer's rating of a ticket, or why it is refused:
 * "satisfaction" resolutionRequired unless resolved or closed, numberInvalid unless 1–5;
 * "feedback" tooLong.
 */
export function recordSatisfaction(
	ticket: Pick<TicketFields, 'status'>,
	{ satisfaction, feedback = '' }: Rating
): { ok: true; patch: Partial<TicketFields> } | { ok: false; errors: FieldError[] } {
	const errors: FieldError[] = [];
	if (!isDone(ticket.status)) errors.push({ field: 'satisfaction', code: 'resolutionRequired' });
	else if (!isScore(satisfaction)) errors.push({ field: 'satisfaction', code: 'numberInvalid' });
	const text = String(feedback ?? '').trim();
	if (text.length > LONG_TEXT) errors.push({ field: 'feedback', code: 'tooLong', max: LONG_TEXT });
	return errors.length ? { ok: false, errors } : { ok: true, patch: { satisfaction, feedback: text } };
}

export type TicketStatusChange = { ok: true; patch: Partial<TicketFields & TicketStatusFields> } | { ok: false; errors: FieldError[] };

/**
 * The fields to write to move a ticket to `to` at `at`: the status, when it changed and the
 * history entry; the first response and resolution stamps as the file comment says; and, with
 * `rating`, the customer's score (checked as recordSatisfaction, against the new status).
 * Staying in the same status writes only the rating.
 */
export function changeTicketStatus(
	ticket: Pick<TicketFields, 'status' | 'firstResponseAt'> & Partial<Pick<TicketStatusFields, 'statusHistory'>>,
	to: TicketStatus,
	{ at, rating }: { at: number; rating?: Rating }
): TicketStatusChange {
	const check = ticketTransition(ticket.status, to);
	const errors = [...check.errors];
	let patch: Partial<TicketFields & TicketStatusFields> = {};
	if (rating) {
		const rated = recordSatisfaction({ status: to }, rating);
		if (rated.ok) patch = rated.patch;
		else errors.push(...rated.errors);
	}
	if (errors.length) return { ok: false, errors };
	if (ticket.status === to) return { ok: true, patch };
	patch.status = to;
	patch.statusChangedAt = at;
	patch.statusHistory = [...(ticket.statusHistory ?? []), { status: to, at }];
	if (RESPONDED_STATUSES.includes(to) && !ticket.firstResponseAt) patch.firstResponseAt = at;
	if (to === 'resolved') patch.resolvedAt = at;
	else if (isDone(ticket.status) && !isDone(to)) patch.resolvedAt = 0;
	return { ok: true, patch };
}

/**
 * Checks ticket fields: a title when creating; known type, priority and status; times as epoch
 * ms; satisfaction 0 (none) or a whole 1–5 ("numberInvalid"), and only on a resolved or closed
 * ticket ("resolutionRequired"; the status is the edit's, else `from`, the stored one). With
 * `from`, a status change must be allowed by ticketTransition.
 */
export function validateTicket(
	input: Partial<TicketFields>,
	{ partial = false, from }: { partial?: boolean; from?: TicketStatus } = {}
): { value: Partial<TicketFields>; errors: FieldError[] } {
	const c = new Checker(input)
		.required('title', !partial)
		.choice('type', TICKET_TYPES)
		.choice('priority', TICKET_PRIORITIES)
		.choice('status', TICKET_STATUSES)
		.text('assignee')
		.text('customer')
		.text('contact')
		.text('product')
		.text('order')
		.text('description', LONG_TEXT)
		.time('firstResponseAt')
		.time('resolvedAt')
		.text('feedback', LONG_TEXT);
	const { value, errors } = c;
	if (input.satisfaction !== undefined) {
		const raw = input.satisfaction as unknown;
		const n = raw === '' || raw === null ? 0 : Number(raw);
		const status = value.status ?? from;
		if (!isScore(n, true)) errors.push({ field: 'satisfaction', code: 'numberInvalid' });
		else if (n > 0 && status !== undefined && !isDone(status)) errors.push({ field: 'satisfaction', code: 'resolutionRequired' });
		value.satisfaction = Number.isFinite(n) ? n : 0;
	}
	if (from !== undefined && value.status !== undefined && TICKET_STATUSES.includes(value.status)) errors.push(...ticketTransition(from, value.status).errors);
	return { value, errors };
}

// ——— satisfaction ———

export interface SatisfactionSummary {
	/** Tickets with a score. */
	count: number;
	/** Sum of the scores: average = sum / count, exactly. */
	sum: number;
	/** sum / count; null when no ticket is rated. */
	average: number | null;
	/** How many gave each score: index 0 is score 1 … index 4 is score 5. */
	distribution: [number, number, number, number, number];
	/** Scores of 4 or 5 (satisfied, the usual CSAT share = satisfied / count). */
	satisfied: number;
}

export interface SatisfactionStats extends SatisfactionSummary {
	/** The same for each ticket type (every type listed, rated or not). */
	byType: Record<TicketType, SatisfactionSummary>;
}

function emptySummary(): SatisfactionSummary {
	return { count: 0, sum: 0, average: null, distribution: [0, 0, 0, 0, 0], satisfied: 0 };
}

function addScore(s: SatisfactionSummary, score: number) {
	s.count++;
	s.sum += score;
	s.distribution[score - 1]++;
	if (score >= 4) s.satisfied++;
	s.average = s.sum / s.count;
}

/**
 * Satisfaction over tickets with a score (a whole 1–5; 0 and anything else is "not rated"),
 * whatever their status now: overall and per type. Sums are whole numbers, so the averages
 * are the one division sum / count.
 */
export function satisfactionStats(tickets: Iterable<Pick<TicketFields, 'type' | 'satisfaction'>>): SatisfactionStats {
	const total = emptySummary();
	const byType = Object.fromEntries(TICKET_TYPES.map((t) => [t, emptySummary()])) as Record<TicketType, SatisfactionSummary>;
	for (const t of tickets) {
		if (!isScore(t.satisfaction)) continue;
		addScore(total, t.satisfaction);
		if (TICKET_TYPES.includes(t.type)) addScore(byType[t.type], t.satisfaction);
	}
	return { ...total, byType };
}

// ——— SLA ———

export type SlaTicket = Pick<TicketFields, 'priority' | 'status' | 'firstResponseAt'> & Pick<RecordMeta, 'createdAt'> & Partial<TicketStatusFields>;

/**
 * A ticket's SLA clocks at `now` (sla.ts slaStatus) from its status history. When the stored
 * status differs from the history's last entry (a copy that merged another member's change),
 * the stored status counts from `statusChangedAt`, or from the last entry when that is later.
 */
export function ticketSla(ticket: SlaTicket, options: { policy: SlaPolicy; now: number }): SlaStatus {
	const history = [...(ticket.statusHistory ?? [])];
	const last = history.reduce<StatusChange | undefined>((a, c) => (!a || c.at >= a.at ? c : a), undefined);
	if ((last?.status ?? 'open') !== ticket.status) {
		history.push({ status: ticket.status, at: Math.max(ticket.statusChangedAt || ticket.createdAt, last?.at ?? 0) });
	}
	return slaStatus({ priority: ticket.priority, createdAt: ticket.createdAt, history, firstResponseAt: ticket.firstResponseAt }, options);
}

/** The tickets whose SLA state at `now` is one of `states`, in their order. */
export function filterTicketsBySla<T extends SlaTicket>(
	tickets: Iterable<T>,
	states: readonly TicketSlaState[],
	options: { policy: SlaPolicy; now: number }
): T[] {
	const out: T[] = [];
	for (const t of tickets) if (states.includes(ticketSla(t, options).state)) out.push(t);
	return out;
}
