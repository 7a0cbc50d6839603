// Service tickets through the data service: an urgent complaint held to the SLA, its status
// moves (waiting on the customer pauses the clocks), resolution with a satisfaction score; kept
// in the sales document across a restart and a backup.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_SLA_POLICY } from '../../src/lib/domain/sla';
import { ticketSla } from '../../src/lib/domain/ticket';
import { SalesStore } from '../../src/lib/store/sales';
import { WorkspaceStore } from '../../src/lib/store/workspace';
import { openPair, until } from './helpers';

const ok = <T>(r: { ok: true; value: T } | { ok: false; errors: unknown }): T => {
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value;
};

describe('tickets in the data service', () => {
	it('opens an urgent complaint, moves it through statuses and resolves it with a score', async () => {
		const ws = `ws-${Math.random()}`;
		const a = await openPair(ws, { memberId: 'me' });
		await a.opened;
		// Around the clock, so the due times do not depend on when the test runs.
		ok(await a.data.setSlaPolicy({ timeZone: 'UTC', workWeek: [1, 2, 3, 4, 5, 6, 7], dayStart: '00:00', dayEnd: '24:00' }));
		expect((await a.data.setSlaPolicy({ timeZone: 'Mars/Base' })).ok).toBe(false);
		expect((await a.data.slaPolicy()).timeZone).toBe('UTC');

		const cust = ok(await a.data.createCustomer({ name: '杭州西湖茶业', stage: 'customer' }));
		expect((await a.data.createRecord('tickets', { type: 'complaint' })).ok).toBe(false);
		const id = ok(await a.data.createRecord('tickets', { title: 'Tea arrived broken', type: 'complaint', priority: 'urgent', customer: cust }));
		const t0 = Date.now();

		let [row] = (await a.data.ticketList({ text: 'broken', filters: { type: 'complaint', priority: 'urgent' } })).rows;
		expect(row).toMatchObject({ id, status: 'open', customerName: '杭州西湖茶业' });
		expect(row.sla.firstResponse.due).toBeGreaterThanOrEqual(t0 + 59 * 60_000);
		expect(row.sla.firstResponse.due).toBeLessThanOrEqual(t0 + 61 * 60_000);
		expect(row.sla.resolution.due).toBeGreaterThan(t0 + 239 * 60_000);
		expect(row.sla.state).toBe('onTrack');
		expect((await a.data.ticketList({ text: '', filters: { sla: 'breached' } })).rows.length).toBe(0);
		expect((await a.data.ticketList({ text: '', filters: { status: 'resolved' } })).rows.length).toBe(0);
		expect((await a.data.ticketList({ text: '', filters: { customer: cust } })).rows.map((r) => r.id)).toEqual([id]);
		expect((await a.data.ticketList({ text: '', filters: { customer: 'other' } })).rows.length).toBe(0);

		// No score before resolution; closed only from resolved.
		expect((await a.data.updateRecord('tickets', id, { satisfaction: 4 })).ok).toBe(false);
		expect((await a.data.updateRecord('tickets', id, { status: 'closed' })).ok).toBe(false);

		ok(await a.data.updateRecord('tickets', id, { status: 'inProgress' }));
		ok(await a.data.updateRecord('tickets', id, { status: 'waitingOnCustomer' }));
		[row] = (await a.data.ticketList({ text: '', filters: { sla: 'paused' } })).rows;
		expect(row.id).toBe(id);
		expect(row.firstResponseAt).toBeGreaterThan(0);
		const pausedDue = row.sla.resolution.due;
		await new Promise((r) => setTimeout(r, 60));
		// While waiting on the customer the due time moves on with the clock.
		[row] = (await a.data.ticketList({ text: '', filters: { sla: 'paused' } })).rows;
		expect(row.sla.resolution.due).toBeGreaterThan(pausedDue);

		ok(await a.data.updateRecord('tickets', id, { status: 'inProgress' }));
		expect((await a.data.ticketSla(id))!.state).toBe('onTrack');
		expect((await a.data.updateRecord('tickets', id, { status: 'resolved', satisfaction: 9 })).ok).toBe(false);
		ok(await a.data.updateRecord('tickets', id, { status: 'resolved', satisfaction: 4, feedback: 'Quick replacement' }));
		const rec = (await a.data.getRecord('tickets', id))!.record;
		expect(rec).toMatchObject({ status: 'resolved', satisfaction: 4, feedback: 'Quick replacement' });
		expect((rec.statusHistory as unknown[]).length).toBe(5);
		expect((await a.data.ticketSla(id))!.state).toBe('met');
		ok(await a.data.updateRecord('tickets', id, { status: 'closed' }));
		expect(await a.data.ticketSatisfaction()).toMatchObject({ count: 1, average: 4, satisfied: 1, byType: { complaint: { count: 1, average: 4 } } });

		// The conversation: activities linked to the ticket.
		ok(await a.data.createRecord('activities', { type: 'call', subject: 'Apologised', customer: cust, ticket: id, at: Date.now() }));
		await until(async () => (await a.data.ticketActivities(id)).activities.length === 1);
		const backup = await a.data.exportBackup();
		await a.close();

		const b = await openPair(ws, { memberId: 'me' });
		await b.opened;
		[row] = (await b.data.ticketList({ text: '', filters: {} })).rows;
		expect(row).toMatchObject({ id, status: 'closed', satisfaction: 4 });
		expect((await b.data.slaPolicy()).timeZone).toBe('UTC');
		await b.close();

		expect(JSON.parse(backup).collections.tickets.map((t: { id: string }) => t.id)).toEqual([id]);
		const c = await openPair(`ws-${Math.random()}`, { restore: backup });
		await c.opened;
		await until(async () => (await c.data.ticketList({ text: '', filters: {} })).rows.length === 1);
		await c.close();
	});

	it("links a ticket to its customer's contact and order and a catalogue product, and refuses others", async () => {
		const a = await openPair(`ws-${Math.random()}`, { memberId: 'me' });
		await a.opened;
		const cust = ok(await a.data.createCustomer({ name: '苏州精工', stage: 'customer' }));
		const other = ok(await a.data.createCustomer({ name: '宁波海运', stage: 'customer' }));
		const wang = ok(await a.data.createRecord('contacts', { name: '王芳', position: '采购经理', customer: cust }));
		const li = ok(await a.data.createRecord('contacts', { name: '李娜', customer: other }));
		const product = ok(await a.data.createRecord('products', { name: '数控铣床', sku: 'CNC-1', unitPrice: 100_000, currency: 'CNY' }));
		const order = ok(await a.data.createRecord('orders', { customer: cust, orderDate: '2026-03-02', contractNo: 'HT-7', currency: 'CNY', lines: [{ product, name: '数控铣床', quantity: 1, unitPrice: 100_000 }] }));
		const otherOrder = ok(await a.data.createRecord('orders', { customer: other, orderDate: '2026-03-03', currency: 'CNY', lines: [{ product, name: '数控铣床', quantity: 2, unitPrice: 100_000 }] }));

		const links = await a.data.customerLinks(cust);
		expect(links.contacts).toEqual([{ id: wang, name: '王芳', position: '采购经理' }]);
		expect(links.orders).toEqual([{ id: order, orderDate: '2026-03-02', contractNo: 'HT-7', status: 'confirmed', total: 100_000, currency: 'CNY' }]);

		const id = ok(await a.data.createRecord('tickets', { title: 'Spindle noise', type: 'repair', customer: cust, contact: wang, product, order }));
		expect((await a.data.getRecord('tickets', id))!.record).toMatchObject({ contact: wang, product, order });
		// Another customer's contact or order, or a product not in the catalogue, is refused and nothing is written.
		expect(await a.data.createRecord('tickets', { title: 'x', customer: cust, contact: li, order: otherOrder, product: 'nope' })).toEqual({
			ok: false,
			errors: [
				{ field: 'contact', code: 'unknownRecord' },
				{ field: 'product', code: 'unknownRecord' },
				{ field: 'order', code: 'unknownRecord' }
			]
		});
		expect(await a.data.updateRecord('tickets', id, { customer: other })).toMatchObject({ ok: false, errors: [{ field: 'contact', code: 'unknownRecord' }, { field: 'order', code: 'unknownRecord' }] });
		ok(await a.data.updateRecord('tickets', id, { customer: other, contact: li, order: otherOrder }));
		await a.data.removeRecords('products', [product]);
		expect((await a.data.updateRecord('tickets', id, { product })).ok).toBe(true); // unchanged link: fine
		expect(await a.data.updateRecord('tickets', id, { product: '', title: 'Spindle noise again' })).toMatchObject({ ok: true });
		expect((await a.data.updateRecord('tickets', id, { product })).ok).toBe(false);
		await a.close();
	});

	it("shows a ticket's whole conversation, also from activity quarters that load after the page opens", async () => {
		const ws = `ws-${Math.random()}`;
		const a = await openPair(ws, { memberId: 'me' });
		await a.opened;
		const cust = ok(await a.data.createCustomer({ name: '青岛啤酒', stage: 'customer' }));
		const id = ok(await a.data.createRecord('tickets', { title: 'Leaking kegs', type: 'warranty', customer: cust }));
		const other = ok(await a.data.createRecord('tickets', { title: 'Other', type: 'inquiry', customer: cust }));
		const act = (subject: string, at: number, ticket = id) => a.data.createRecord('activities', { type: 'call', subject, customer: cust, ticket, at });
		// Four quarters: the ticket's activities in two old ones and the newest; one moved here by an edit, one away, one deleted.
		const q1 = ok(await act('First call', Date.UTC(2025, 1, 3)));
		const q3 = ok(await act('Visit', Date.UTC(2025, 7, 3)));
		const moved = ok(await act('Moved here', Date.UTC(2025, 4, 3), other));
		const away = ok(await act('Moved away', Date.UTC(2025, 4, 4)));
		const gone = ok(await act('Deleted', Date.UTC(2025, 4, 5)));
		const now = ok(await act('Follow-up', Date.UTC(2026, 0, 10)));
		ok(await a.data.updateRecord('activities', moved, { ticket: id }));
		ok(await a.data.updateRecord('activities', away, { ticket: other }));
		await a.data.removeRecords('activities', [gone]);
		await a.close();

		const b = await openPair(ws, { memberId: 'me' });
		await b.opened;
		const first = await b.data.ticketActivities(id);
		// The quarters load after the workspace opens: until every one is in, the answer says so.
		expect(first.complete).toBe(false);
		await until(async () => (await b.data.ticketActivities(id)).complete);
		expect((await b.data.ticketActivities(id)).activities.map((x) => x.id)).toEqual([now, q3, moved, q1]);
		expect((await b.data.ticketActivities(other)).activities.map((x) => x.id)).toEqual([away]);
		await b.close();
	});

	it('shows new due times in the list after a ticket edit and a policy change (the SLA cache is invalidated)', async () => {
		const a = await openPair(`ws-${Math.random()}`, { memberId: 'me' });
		await a.opened;
		// Around the clock, so the due times do not depend on when the test runs.
		ok(await a.data.setSlaPolicy({ timeZone: 'UTC', workWeek: [1, 2, 3, 4, 5, 6, 7], dayStart: '00:00', dayEnd: '24:00' }));
		const id = ok(await a.data.createRecord('tickets', { title: 'Printer jams', type: 'repair', priority: 'urgent' }));
		const other = ok(await a.data.createRecord('tickets', { title: 'Manual', type: 'inquiry', priority: 'low' }));
		const dueOf = async (tid: string) => (await a.data.ticketList({ text: '', filters: {} })).rows.find((r) => r.id === tid)!.sla.resolution;
		const urgent = await dueOf(id);
		const otherBefore = await dueOf(other);
		expect((await dueOf(id)).due).toBe(urgent.due);
		// The ticket changes: urgent (4 h) → high (1 business day = 24 h around the clock).
		ok(await a.data.updateRecord('tickets', id, { priority: 'high' }));
		const high = await dueOf(id);
		expect(high.due - urgent.due).toBeGreaterThan(19 * 3_600_000);
		expect(high.target).toBe(24 * 3_600_000);
		// The policy changes: high resolution within 2 hours.
		const policy = await a.data.slaPolicy();
		ok(await a.data.setSlaPolicy({ ...policy, targets: { ...policy.targets, high: { ...policy.targets.high, resolution: { amount: 120, unit: 'minutes' } } } }));
		const two = await dueOf(id);
		expect(two.target).toBe(2 * 3_600_000);
		expect(two.due).toBeLessThan(urgent.due);
		// The other ticket keeps its due time.
		expect((await dueOf(other)).due).toBe(otherBefore.due);
		// A limited page: the most urgent rows, and how many match.
		const page = await a.data.ticketList({ text: '', filters: {}, limit: 1 });
		expect(page.total).toBe(2);
		expect(page.rows.map((r) => r.id)).toEqual([id]);
		// Waiting on the customer: the list says paused at once.
		ok(await a.data.updateRecord('tickets', id, { status: 'waitingOnCustomer' }));
		expect((await a.data.ticketList({ text: '', filters: { sla: 'paused' } })).rows.map((r) => r.id)).toEqual([id]);
		await a.close();
	});

	it('puts a deleted ticket in the Trash', async () => {
		const a = await openPair(`ws-${Math.random()}`, { memberId: 'me' });
		await a.opened;
		const id = ok(await a.data.createRecord('tickets', { title: 'Warranty claim', type: 'warranty' }));
		await a.data.removeRecords('tickets', [id]);
		expect((await a.data.trash()).map((t) => [t.collection, t.title])).toContainEqual(['tickets', 'Warranty claim']);
		expect(await a.data.ticketList({ text: '', filters: {} })).toEqual({ rows: [], total: 0 });
		await a.close();
	});
});

describe('two members on one ticket', () => {
	it('converges when both change its status at once, and keeps edits of other fields', () => {
		const mk = () => new SalesStore(new Y.Doc(), new WorkspaceStore(new Y.Doc()).settings);
		const a = mk();
		const b = mk();
		const sync = (x: Y.Doc, y: Y.Doc) => {
			Y.applyUpdate(y, Y.encodeStateAsUpdate(x, Y.encodeStateVector(y)));
			Y.applyUpdate(x, Y.encodeStateAsUpdate(y, Y.encodeStateVector(x)));
		};
		let t = Date.UTC(2026, 10, 2, 1); // Monday 09:00 in Shanghai
		const ca = { memberId: 'a', now: () => (t += 60_000) };
		const cb = { memberId: 'b', now: () => (t += 60_000) };
		const id = ok(a.createTicket({ title: 'Printer jams', type: 'repair', priority: 'high' }, ca));
		sync(a.doc, b.doc);
		ok(a.updateTicket(id, { status: 'inProgress' }, ca));
		ok(b.updateTicket(id, { status: 'waitingOnCustomer', description: 'Asked for the serial number' }, cb));
		ok(a.updateTicket(id, { assignee: 'a' }, ca));
		sync(a.doc, b.doc);
		const ta = a.tickets.get(id)!;
		const tb = b.tickets.get(id)!;
		expect(ta).toEqual(tb);
		expect(['inProgress', 'waitingOnCustomer']).toContain(ta.status);
		expect(ta).toMatchObject({ assignee: 'a', description: 'Asked for the serial number' });
		// Both sides compute the same clocks from the merged ticket.
		const now = t + 3_600_000;
		expect(ticketSla(ta, { policy: DEFAULT_SLA_POLICY, now })).toEqual(ticketSla(tb, { policy: DEFAULT_SLA_POLICY, now }));
		expect(ticketSla(ta, { policy: DEFAULT_SLA_POLICY, now }).status).toBe(ta.status);
	});
});
