// The SLA cache answers exactly what a full computation would, at every moment: running clocks
// carried forward, paused ones' due times moving with the clock, states changing at the at-risk
// and breach instants; and computes again only when a ticket or the policy changes or a state
// threshold passes.
import { describe, expect, it } from 'vitest';
import { SlaCache } from '../../src/lib/domain/sla-cache';
import { DEFAULT_SLA_POLICY, type SlaPolicy, type StatusChange } from '../../src/lib/domain/sla';
import { ticketSla, type SlaTicket } from '../../src/lib/domain/ticket';

const M = 60_000;
const cst = (local: string) => Date.parse(`${local}+08:00`);

const ticket = (over: Partial<SlaTicket> & { history?: StatusChange[] } = {}): SlaTicket => {
	const createdAt = over.createdAt ?? cst('2025-03-10T10:00');
	const history = over.history ?? [{ status: 'open', at: createdAt }];
	return { priority: 'urgent', status: history[history.length - 1].status, firstResponseAt: 0, createdAt, statusChangedAt: history[history.length - 1].at, statusHistory: history, ...over };
};

describe('SLA cache', () => {
	const start = cst('2025-03-10T10:00');
	const tickets: Record<string, SlaTicket> = {
		running: ticket(),
		high: ticket({ priority: 'high' }),
		normal: ticket({ priority: 'normal' }),
		paused: ticket({ history: [{ status: 'open', at: start }, { status: 'waitingOnCustomer', at: start + 30 * M }] }),
		resumed: ticket({ priority: 'high', history: [{ status: 'open', at: start }, { status: 'waitingOnCustomer', at: start + 30 * M }, { status: 'inProgress', at: start + 90 * M }] }),
		resolved: ticket({ history: [{ status: 'open', at: start }, { status: 'resolved', at: start + 50 * M }] }),
		// A teammate's clock ahead of ours: the change counts once its time has come.
		ahead: ticket({ priority: 'high', history: [{ status: 'open', at: start }, { status: 'inProgress', at: start + 5 * 60 * M }] })
	};

	it('answers what a full computation would at every step, over nights and a weekend', () => {
		const cache = new SlaCache();
		// Every 7 minutes for five days (Monday 10:00 → Saturday), each ticket asked each time.
		for (let now = start; now < start + 5 * 1440 * M; now += 7 * M) {
			for (const [id, tk] of Object.entries(tickets)) expect(cache.statusOf(id, tk, DEFAULT_SLA_POLICY, now), `${id} at ${new Date(now).toISOString()}`).toEqual(ticketSla(tk, { policy: DEFAULT_SLA_POLICY, now }));
		}
		// Far fewer full computations than answers (7 tickets × 1,029 steps).
		expect(cache.computed).toBeLessThan(60);
	});

	it('computes again when the ticket or the policy changes', () => {
		const cache = new SlaCache();
		const now = start + 20 * M;
		const before = cache.statusOf('t', tickets.running, DEFAULT_SLA_POLICY, now);
		expect(cache.statusOf('t', tickets.running, DEFAULT_SLA_POLICY, now + M)).toEqual(ticketSla(tickets.running, { policy: DEFAULT_SLA_POLICY, now: now + M }));
		expect(cache.computed).toBe(1);
		// The ticket changed: a new record object.
		const edited = { ...tickets.running, priority: 'low' as const };
		const after = cache.statusOf('t', edited, DEFAULT_SLA_POLICY, now + M);
		expect(cache.computed).toBe(2);
		expect(after.resolution.due).toBeGreaterThan(before.resolution.due);
		// Another policy: a holiday tomorrow moves the low-priority due time a day later.
		const holiday: SlaPolicy = { ...DEFAULT_SLA_POLICY, holidays: ['2025-03-11'] };
		const moved = cache.statusOf('t', edited, holiday, now + M);
		expect(cache.computed).toBe(3);
		expect(moved).toEqual(ticketSla(edited, { policy: holiday, now: now + M }));
		expect(moved.resolution.due).toBeGreaterThan(after.resolution.due);
	});
});
