// The sample generator's tickets: about one per ten orders, valid by the ticket rules, their
// status history walked in order, rated only once resolved, and the same for the same seed.
import { describe, expect, it } from 'vitest';
import { generateWorkspace } from '../../src/lib/domain/sample/generator';
import { DEFAULT_SLA_POLICY } from '../../src/lib/domain/sla';
import { ticketSla, ticketTransition, validateTicket } from '../../src/lib/domain/ticket';

describe('sample tickets', () => {
	const now = Date.UTC(2026, 10, 1);
	const ws = generateWorkspace({ seed: 3, customers: 3000, now });

	it('follows the orders, one per ten or so', () => {
		const orders = new Map(ws.orders.map((o) => [o.id, o]));
		const live = ws.orders.filter((o) => o.status !== 'cancelled').length;
		expect(ws.tickets.length).toBe(Math.round(live * 0.1));
		for (const t of ws.tickets) {
			const o = orders.get(t.order)!;
			expect(o.customer).toBe(t.customer);
			expect(t.createdAt).toBeLessThan(now);
		}
	});

	it('keeps the ticket rules', () => {
		const statuses = new Set<string>();
		for (const t of ws.tickets) {
			expect(validateTicket(t).errors).toEqual([]);
			const h = t.statusHistory!;
			expect(h[0]).toEqual({ status: 'open', at: t.createdAt });
			for (let i = 1; i < h.length; i++) {
				expect(h[i].at).toBeGreaterThan(h[i - 1].at);
				expect(ticketTransition(h[i - 1].status, h[i].status).ok).toBe(true);
			}
			expect(h[h.length - 1].status).toBe(t.status);
			if (t.satisfaction) expect(['resolved', 'closed']).toContain(t.status);
			expect(ticketSla(t, { policy: DEFAULT_SLA_POLICY, now }).status).toBe(t.status);
			statuses.add(t.status);
		}
		expect([...statuses].sort()).toEqual(['closed', 'inProgress', 'open', 'resolved', 'waitingOnCustomer'].filter((s) => statuses.has(s)).sort());
		expect(statuses.has('closed')).toBe(true);
		expect(ws.tickets.some((t) => t.satisfaction >= 4)).toBe(true);
	});

	it('is the same for the same seed', () => {
		expect(generateWorkspace({ seed: 3, customers: 3000, now }).tickets).toEqual(ws.tickets);
	});
});
