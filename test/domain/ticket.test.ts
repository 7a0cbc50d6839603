// Tickets: status rules and what a status change writes, satisfaction ratings, validation,
// satisfaction statistics, and SLA states and filters from a ticket's status history.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../../src/lib/domain/sla';
import {
	changeTicketStatus,
	emptyTicket,
	filterTicketsBySla,
	recordSatisfaction,
	satisfactionStats,
	TICKET_FIELDS,
	TICKET_STATUSES,
	TICKET_TYPES,
	ticketSla,
	ticketTransition,
	validateTicket,
	type SlaTicket,
	type TicketFields,
	type TicketStatus,
	type TicketType
} from '../../src/lib/domain/ticket';

const H = 3_600_000;
const cst = (local: string) => Date.parse(`${local}+08:00`);

describe('ticket status', () => {
	// from → to: allowed?
	const allowed: Record<TicketStatus, TicketStatus[]> = {
		open: ['open', 'inProgress', 'waitingOnCustomer', 'resolved'],
		inProgress: ['open', 'inProgress', 'waitingOnCustomer', 'resolved'],
		waitingOnCustomer: ['open', 'inProgress', 'waitingOnCustomer', 'resolved'],
		resolved: ['open', 'inProgress', 'resolved', 'closed'],
		closed: ['open', 'inProgress', 'closed']
	};
	for (const from of TICKET_STATUSES) {
		for (const to of TICKET_STATUSES) {
			const ok = allowed[from].includes(to);
			it(`${from} → ${to}: ${ok ? 'ok' : 'refused'}`, () => {
				expect(ticketTransition(from, to)).toEqual(ok ? { ok: true, errors: [] } : { ok: false, errors: [{ field: 'status', code: 'ticketStatusNotAllowed' }] });
			});
		}
	}

	it('refuses an unknown status', () => {
		expect(ticketTransition('open', 'escalated' as TicketStatus)).toEqual({ ok: false, errors: [{ field: 'status', code: 'invalidChoice' }] });
	});
});

describe('changing status', () => {
	const base = { status: 'open' as TicketStatus, firstResponseAt: 0, statusHistory: [{ status: 'inProgress' as TicketStatus, at: 5 }] };

	it('writes the status, when it changed and a history entry', () => {
		expect(changeTicketStatus(base, 'inProgress', { at: 10 })).toEqual({
			ok: true,
			patch: { status: 'inProgress', statusChangedAt: 10, statusHistory: [{ status: 'inProgress', at: 5 }, { status: 'inProgress', at: 10 }] }
		});
		expect(changeTicketStatus({ status: 'open', firstResponseAt: 0 }, 'inProgress', { at: 10 })).toMatchObject({ patch: { statusHistory: [{ status: 'inProgress', at: 10 }] } });
		// The stored history is not changed in place.
		expect(base.statusHistory).toHaveLength(1);
	});

	it('records the first response on waiting, resolving or closing, once', () => {
		expect(changeTicketStatus(base, 'waitingOnCustomer', { at: 10 })).toMatchObject({ ok: true, patch: { firstResponseAt: 10 } });
		expect(changeTicketStatus(base, 'resolved', { at: 10 })).toMatchObject({ ok: true, patch: { firstResponseAt: 10, resolvedAt: 10 } });
		const answered = changeTicketStatus({ ...base, firstResponseAt: 7 }, 'waitingOnCustomer', { at: 10 });
		expect(answered.ok && 'firstResponseAt' in answered.patch).toBe(false);
		const working = changeTicketStatus(base, 'inProgress', { at: 10 });
		expect(working.ok && 'firstResponseAt' in working.patch).toBe(false);
	});

	it('stamps the resolution and clears it on reopen, keeping it on close', () => {
		const resolved = { status: 'resolved' as TicketStatus, firstResponseAt: 3 };
		expect(changeTicketStatus(resolved, 'closed', { at: 20 })).toEqual({ ok: true, patch: { status: 'closed', statusChangedAt: 20, statusHistory: [{ status: 'closed', at: 20 }] } });
		expect(changeTicketStatus(resolved, 'open', { at: 20 })).toMatchObject({ ok: true, patch: { status: 'open', resolvedAt: 0 } });
		expect(changeTicketStatus({ ...resolved, status: 'closed' }, 'inProgress', { at: 20 })).toMatchObject({ ok: true, patch: { status: 'inProgress', resolvedAt: 0 } });
		const moved = changeTicketStatus(base, 'waitingOnCustomer', { at: 10 });
		expect(moved.ok && 'resolvedAt' in moved.patch).toBe(false);
	});

	it('refuses a move the rules do not allow', () => {
		expect(changeTicketStatus(base, 'closed', { at: 10 })).toEqual({ ok: false, errors: [{ field: 'status', code: 'ticketStatusNotAllowed' }] });
		expect(changeTicketStatus({ status: 'closed', firstResponseAt: 1 }, 'resolved', { at: 10 })).toEqual({ ok: false, errors: [{ field: 'status', code: 'ticketStatusNotAllowed' }] });
	});

	it('records the rating with the resolution', () => {
		expect(changeTicketStatus(base, 'resolved', { at: 10, rating: { satisfaction: 4, feedback: '  quick fix ' } })).toEqual({
			ok: true,
			patch: { satisfaction: 4, feedback: 'quick fix', status: 'resolved', statusChangedAt: 10, statusHistory: [...base.statusHistory, { status: 'resolved', at: 10 }], firstResponseAt: 10, resolvedAt: 10 }
		});
		expect(changeTicketStatus(base, 'inProgress', { at: 10, rating: { satisfaction: 4 } })).toEqual({ ok: false, errors: [{ field: 'satisfaction', code: 'resolutionRequired' }] });
		expect(changeTicketStatus(base, 'resolved', { at: 10, rating: { satisfaction: 6 } })).toEqual({ ok: false, errors: [{ field: 'satisfaction', code: 'numberInvalid' }] });
		expect(changeTicketStatus(base, 'closed', { at: 10, rating: { satisfaction: 0 } })).toEqual({
			ok: false,
			errors: [
				{ field: 'status', code: 'ticketStatusNotAllowed' },
				{ field: 'satisfaction', code: 'numberInvalid' }
			]
		});
	});

	it('writes only the rating when the status stays', () => {
		expect(changeTicketStatus({ status: 'resolved', firstResponseAt: 1 }, 'resolved', { at: 10, rating: { satisfaction: 5 } })).toEqual({ ok: true, patch: { satisfaction: 5, feedback: '' } });
		expect(changeTicketStatus({ status: 'open', firstResponseAt: 0 }, 'open', { at: 10 })).toEqual({ ok: true, patch: {} });
	});
});

describe('satisfaction', () => {
	it('is recorded on resolved or closed tickets, as a whole 1–5', () => {
		expect(recordSatisfaction({ status: 'resolved' }, { satisfaction: 5, feedback: '很满意' })).toEqual({ ok: true, patch: { satisfaction: 5, feedback: '很满意' } });
		expect(recordSatisfaction({ status: 'closed' }, { satisfaction: 1 })).toEqual({ ok: true, patch: { satisfaction: 1, feedback: '' } });
		for (const status of ['open', 'inProgress', 'waitingOnCustomer'] as const) {
			expect(recordSatisfaction({ status }, { satisfaction: 5 })).toEqual({ ok: false, errors: [{ field: 'satisfaction', code: 'resolutionRequired' }] });
		}
		for (const bad of [0, 6, 2.5, NaN, '4' as unknown as number]) {
			expect(recordSatisfaction({ status: 'resolved' }, { satisfaction: bad })).toEqual({ ok: false, errors: [{ field: 'satisfaction', code: 'numberInvalid' }] });
		}
		expect(recordSatisfaction({ status: 'resolved' }, { satisfaction: 3, feedback: 'x'.repeat(4001) })).toEqual({ ok: false, errors: [{ field: 'feedback', code: 'tooLong', max: 4000 }] });
	});

	it('summarises scores exactly, overall and per type', () => {
		const rated = (type: TicketType, satisfaction: number) => ({ type, satisfaction });
		const stats = satisfactionStats([
			rated('complaint', 1),
			rated('complaint', 2),
			rated('complaint', 1),
			rated('inquiry', 5),
			rated('inquiry', 4),
			rated('repair', 0),
			rated('repair', 3.5),
			rated('repair', 7),
			rated('unknown' as TicketType, 3)
		]);
		expect(stats).toMatchObject({ count: 6, sum: 16, distribution: [2, 1, 1, 1, 1], satisfied: 2 });
		expect(stats.average).toBe(16 / 6);
		expect(stats.byType.complaint).toEqual({ count: 3, sum: 4, average: 4 / 3, distribution: [2, 1, 0, 0, 0], satisfied: 0 });
		expect(stats.byType.inquiry).toEqual({ count: 2, sum: 9, average: 4.5, distribution: [0, 0, 0, 1, 1], satisfied: 2 });
		expect(stats.byType.repair).toEqual({ count: 0, sum: 0, average: null, distribution: [0, 0, 0, 0, 0], satisfied: 0 });
		expect(Object.keys(stats.byType)).toEqual([...TICKET_TYPES]);
	});

	it('keeps the average exact over many scores', () => {
		const many = Array.from({ length: 30_000 }, (_, i) => ({ type: 'warranty' as const, satisfaction: [3, 4, 4][i % 3] }));
		const s = satisfactionStats(many);
		expect(s.sum).toBe(110_000);
		expect(s.average).toBe(110_000 / 30_000);
		expect(s.byType.warranty.average).toBe(s.average);
	});

	it('has no average without scores', () => {
		expect(satisfactionStats([])).toEqual({
			count: 0,
			sum: 0,
			average: null,
			distribution: [0, 0, 0, 0, 0],
			satisfied: 0,
			byType: Object.fromEntries(TICKET_TYPES.map((t) => [t, { count: 0, sum: 0, average: null, distribution: [0, 0, 0, 0, 0], satisfied: 0 }]))
		});
	});
});

describe('ticket fields', () => {
	const ticket = (over: Partial<TicketFields> = {}): TicketFields => ({ ...emptyTicket('m1'), title: '打印机卡纸', ...over });

	it('starts as an open inquiry of normal priority with every field listed', () => {
		const t = emptyTicket('m1');
		expect(t).toMatchObject({ type: 'inquiry', priority: 'normal', status: 'open', assignee: 'm1', satisfaction: 0, firstResponseAt: 0, resolvedAt: 0 });
		expect(Object.keys(t).sort()).toEqual([...TICKET_FIELDS].sort());
	});

	it('accepts a complete ticket', () => {
		const t = ticket({ type: 'complaint', priority: 'urgent', customer: 'c1', contact: 'p1', product: 'pr1', order: 'o1', description: '三台打印机同时卡纸' });
		expect(validateTicket(t)).toEqual({ value: t, errors: [] });
	});

	it('requires a title and known choices', () => {
		expect(validateTicket({ ...ticket(), title: '  ' }).errors).toEqual([{ field: 'title', code: 'required' }]);
		expect(validateTicket({ title: 'x', type: 'refund' as TicketType, priority: 'asap' as never, status: 'new' as TicketStatus }).errors).toEqual([
			{ field: 'type', code: 'invalidChoice' },
			{ field: 'priority', code: 'invalidChoice' },
			{ field: 'status', code: 'invalidChoice' }
		]);
		expect(validateTicket({ description: 'x'.repeat(4001) }, { partial: true }).errors).toEqual([{ field: 'description', code: 'tooLong', max: 4000 }]);
		expect(validateTicket({ firstResponseAt: -1 }, { partial: true }).errors).toEqual([{ field: 'firstResponseAt', code: 'dateInvalid' }]);
	});

	it('takes a score only on a resolved or closed ticket', () => {
		expect(validateTicket(ticket({ status: 'resolved', satisfaction: 4 })).errors).toEqual([]);
		expect(validateTicket(ticket({ status: 'open', satisfaction: 4 })).errors).toEqual([{ field: 'satisfaction', code: 'resolutionRequired' }]);
		expect(validateTicket({ satisfaction: 4 }, { partial: true, from: 'closed' }).errors).toEqual([]);
		expect(validateTicket({ satisfaction: 4 }, { partial: true, from: 'waitingOnCustomer' }).errors).toEqual([{ field: 'satisfaction', code: 'resolutionRequired' }]);
		// A score of 0 clears the rating and is fine in any status.
		expect(validateTicket({ satisfaction: 0 }, { partial: true, from: 'open' }).errors).toEqual([]);
		expect(validateTicket({ satisfaction: '' as unknown as number }, { partial: true })).toEqual({ value: { satisfaction: 0 }, errors: [] });
		expect(validateTicket({ satisfaction: 4.5 }, { partial: true, from: 'resolved' }).errors).toEqual([{ field: 'satisfaction', code: 'numberInvalid' }]);
		expect(validateTicket({ satisfaction: -1 }, { partial: true, from: 'resolved' }).errors).toEqual([{ field: 'satisfaction', code: 'numberInvalid' }]);
	});

	it('checks a status change against the stored status', () => {
		expect(validateTicket({ status: 'closed' }, { partial: true, from: 'open' }).errors).toEqual([{ field: 'status', code: 'ticketStatusNotAllowed' }]);
		expect(validateTicket({ status: 'closed' }, { partial: true, from: 'resolved' }).errors).toEqual([]);
		expect(validateTicket({ status: 'closed' }, { partial: true }).errors).toEqual([]);
	});
});

describe('SLA of tickets', () => {
	const sla = (over: Partial<SlaTicket>): SlaTicket => ({ priority: 'urgent', status: 'open', firstResponseAt: 0, createdAt: cst('2025-03-10T10:00'), ...over });
	const now = cst('2025-03-10T13:30');
	const policy: SlaPolicy = DEFAULT_SLA_POLICY;

	const tickets = {
		onTrack: sla({ createdAt: cst('2025-03-10T13:00') }),
		// 3 h 15 min of the 4 h resolution target used: 45 min (under 20 %) left.
		atRisk: sla({ firstResponseAt: cst('2025-03-10T10:20'), createdAt: cst('2025-03-10T10:15') }),
		breached: sla({}),
		paused: sla({ status: 'waitingOnCustomer', createdAt: cst('2025-03-10T12:00'), statusHistory: [{ status: 'waitingOnCustomer', at: cst('2025-03-10T12:30') }] }),
		met: sla({ status: 'resolved', createdAt: cst('2025-03-10T12:00'), statusHistory: [{ status: 'resolved', at: cst('2025-03-10T13:00') }] }),
		lateAndResolved: sla({ status: 'closed', statusHistory: [{ status: 'resolved', at: cst('2025-03-10T12:00') }, { status: 'closed', at: cst('2025-03-10T12:30') }] })
	};

	it('gives each ticket its state', () => {
		expect(Object.fromEntries(Object.entries(tickets).map(([k, t]) => [k, ticketSla(t, { policy, now }).state]))).toEqual({
			onTrack: 'onTrack',
			atRisk: 'atRisk',
			breached: 'breached',
			paused: 'paused',
			met: 'met',
			lateAndResolved: 'breached'
		});
	});

	it('filters by SLA state', () => {
		const all = Object.values(tickets);
		expect(filterTicketsBySla(all, ['breached'], { policy, now })).toEqual([tickets.breached, tickets.lateAndResolved]);
		expect(filterTicketsBySla(all, ['atRisk', 'paused'], { policy, now })).toEqual([tickets.atRisk, tickets.paused]);
		expect(filterTicketsBySla(all, ['onTrack'], { policy, now })).toEqual([tickets.onTrack]);
		expect(filterTicketsBySla(all, [], { policy, now })).toEqual([]);
		// Later, the on-track ticket has run out too.
		expect(filterTicketsBySla(all, ['breached'], { policy, now: cst('2025-03-10T17:01') })).toHaveLength(4);
	});

	it('counts the stored status when the history lacks it (a merged change)', () => {
		// Resolved is stored, but the history entry went missing in a merge.
		const t = sla({ status: 'resolved', firstResponseAt: cst('2025-03-10T10:10'), statusChangedAt: cst('2025-03-10T11:00'), statusHistory: [{ status: 'inProgress', at: cst('2025-03-10T10:30') }] });
		const s = ticketSla(t, { policy, now });
		expect(s.status).toBe('resolved');
		expect(s.resolution).toMatchObject({ metAt: cst('2025-03-10T11:00'), elapsed: H, state: 'met' });
		// Without a change time it counts from the last known entry.
		const u = ticketSla({ ...t, statusChangedAt: 0 }, { policy, now });
		expect(u.resolution.metAt).toBe(cst('2025-03-10T10:30'));
		// No history at all: the stored status since creation.
		expect(ticketSla(sla({ status: 'waitingOnCustomer' }), { policy, now }).state).toBe('paused');
	});
});
