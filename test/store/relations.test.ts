// Contacts, tasks and activities in the store: two members editing the same record converge
// and keep both changes where they touch different fields; activities live in per-quarter
// documents that sync on their own; stage changes follow the lifecycle rules.
import { describe, expect, it } from 'vitest';
import { ctxA, ctxB, pair, sync } from './helpers';
import * as Y from 'yjs';
import { ActivityStore } from '../../src/lib/store/activities';
import { createRecord, updateRecord } from '../../src/lib/store/commands';
import { createCustomer, updateCustomer } from '../../src/lib/store/customers';
import { CONTACT_RULES, TASK_RULES } from '../../src/lib/store/records';
import { WorkspaceStore } from '../../src/lib/store/workspace';
import { activityPeriod } from '../../src/lib/domain/activity';
import { combineStatus } from '../../src/lib/worker/data-service';


function ok<T>(r: { ok: true; value: T } | { ok: false; errors: unknown }): T {
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value;
}

describe('contacts and tasks with two members', () => {
	it('keeps concurrent edits of different fields of one contact, and converges on the same field', () => {
		const { a, b, wa, wb } = pair();
		const id = ok(createRecord(wa.contacts, CONTACT_RULES, { name: '李娜', position: '经理' }, ctxA));
		sync(a, b);
		ok(updateRecord(wa.contacts, CONTACT_RULES, id, { phones: ['138 0013 8000'] }, ctxA));
		ok(updateRecord(wb.contacts, CONTACT_RULES, id, { birthday: '04-12' }, ctxB));
		ok(updateRecord(wa.contacts, CONTACT_RULES, id, { position: '采购经理' }, ctxA));
		ok(updateRecord(wb.contacts, CONTACT_RULES, id, { position: '采购总监' }, ctxB));
		sync(a, b);
		const ca = wa.contacts.get(id)!;
		const cb = wb.contacts.get(id)!;
		expect(ca).toEqual(cb);
		expect(ca.phones).toEqual(['138 0013 8000']);
		expect(ca.birthday).toBe('04-12');
		expect(['采购经理', '采购总监']).toContain(ca.position);
	});

	it('keeps one member completing a task while another moves its due date', () => {
		const { a, b, wa, wb } = pair();
		const id = ok(createRecord(wa.tasks, TASK_RULES, { title: 'Call back', due: 1_000 }, ctxA));
		sync(a, b);
		ok(updateRecord(wa.tasks, TASK_RULES, id, { done: true, doneAt: 2_000 }, ctxA));
		ok(updateRecord(wb.tasks, TASK_RULES, id, { due: 5_000, priority: 'high' }, ctxB));
		sync(a, b);
		for (const ws of [wa, wb]) expect(ws.tasks.get(id)).toMatchObject({ done: true, doneAt: 2_000, due: 5_000, priority: 'high', assignee: 'm-a' });
	});

	it('refuses a task without a title and a contact with a bad birthday, writing nothing', () => {
		const { wa } = pair();
		const r1 = createRecord(wa.tasks, TASK_RULES, { title: ' ' }, ctxA);
		const r2 = createRecord(wa.contacts, CONTACT_RULES, { name: 'X', birthday: '02-30' }, ctxA);
		expect(r1).toEqual({ ok: false, errors: [{ field: 'title', code: 'required' }] });
		expect(r2).toEqual({ ok: false, errors: [{ field: 'birthday', code: 'dateInvalid' }] });
		expect(wa.tasks.size + wa.contacts.size).toBe(0);
	});
});

describe('activities in partition documents', () => {
	/** A device: main doc + its activity store, with partition docs opened on demand. */
	function device(main: Y.Doc) {
		const acts = new ActivityStore(main);
		const parts = new Map<string, Y.Doc>();
		const open = (p: string) => {
			if (!parts.has(p)) {
				parts.set(p, new Y.Doc());
				acts.attach(p, parts.get(p)!);
			}
			return parts.get(p)!;
		};
		return { acts, parts, open };
	}

	it('puts each activity in its quarter, lists a customer timeline newest first, and syncs per partition', () => {
		const { a, b, wa } = pair();
		const cust = ok(createCustomer(wa, { name: 'Acme' }, ctxA));
		const da = device(a);
		const times = [Date.UTC(2026, 0, 5), Date.UTC(2026, 4, 9), Date.UTC(2026, 10, 20)];
		for (const at of times) {
			const p = activityPeriod(at);
			da.acts.register(p, ctxA);
			da.open(p);
			ok(da.acts.create({ type: 'call', at, customer: cust, subject: `call ${at}` }, ctxA));
		}
		expect([...da.parts.keys()].sort()).toEqual(['act-2026q1', 'act-2026q2', 'act-2026q4']);
		expect(da.acts.forCustomer(cust).map((x) => x.at)).toEqual([...times].reverse());
		expect(da.acts.between(Date.UTC(2026, 4, 1), Date.UTC(2026, 5, 1)).map((x) => x.at)).toEqual([times[1]]);

		// Device B learns the partitions from the main document and syncs each one.
		sync(a, b);
		const db = device(b);
		expect(db.acts.periods()).toEqual(['act-2026q4', 'act-2026q2', 'act-2026q1']);
		for (const p of db.acts.periods()) sync(da.parts.get(p)!, db.open(p));
		expect(db.acts.forCustomer(cust).map((x) => x.subject)).toEqual(da.acts.forCustomer(cust).map((x) => x.subject));

		// Concurrent edits of one activity: outcome on A, duration on B, both kept.
		const id = db.acts.forCustomer(cust)[0].id;
		ok(da.acts.update(id, { outcome: 'positive' }, ctxA));
		ok(db.acts.update(id, { duration: 30 }, ctxB));
		const p = activityPeriod(times[2]);
		sync(da.parts.get(p)!, db.parts.get(p)!);
		for (const d of [da, db]) expect(d.acts.load(id)!.record).toMatchObject({ outcome: 'positive', duration: 30 });

		// Deleting hides it from the timeline; restoring brings it back.
		da.acts.remove([id], ctxA);
		expect(da.acts.forCustomer(cust).map((x) => x.id)).not.toContain(id);
		da.acts.restore([id], ctxA);
		expect(da.acts.forCustomer(cust)[0].id).toBe(id);
	});

	it('moves an activity to another customer’s timeline, also for a store built afterwards', () => {
		const { a } = pair();
		const d = device(a);
		const at = Date.UTC(2026, 1, 1);
		const p = activityPeriod(at);
		d.open(p);
		const id = ok(d.acts.create({ type: 'call', at, customer: 'c1' }, ctxA));
		expect(d.acts.forCustomer('c1').map((x) => x.id)).toEqual([id]);
		ok(d.acts.update(id, { customer: 'c2' }, ctxA));
		expect(d.acts.forCustomer('c1')).toEqual([]);
		expect(d.acts.forCustomer('c2').map((x) => x.id)).toEqual([id]);
		// A fresh store over the same document reads the edit from the overlay.
		const again = new ActivityStore(a);
		again.attach(p, d.parts.get(p)!);
		expect(again.forCustomer('c2').map((x) => x.id)).toEqual([id]);
		expect(again.forCustomer('c1')).toEqual([]);
	});

	it('refuses an activity without a customer or with a negative duration', () => {
		const { a } = pair();
		const d = device(a);
		const at = Date.UTC(2026, 1, 1);
		d.open(activityPeriod(at));
		expect(d.acts.create({ type: 'call', at }, ctxA)).toEqual({ ok: false, errors: [{ field: 'customer', code: 'required' }] });
		expect(d.acts.create({ type: 'call', at, customer: 'c1', duration: -5 }, ctxA)).toEqual({ ok: false, errors: [{ field: 'duration', code: 'numberInvalid' }] });
	});
});

describe('stage changes', () => {
	it('records lost with a reason and a win-back in one history entry each', () => {
		const { wa } = pair();
		const id = ok(createCustomer(wa, { name: 'Acme', stage: 'customer' }, ctxA));
		expect(updateCustomer(wa, id, { stage: 'lost' }, ctxA)).toEqual({ ok: false, errors: [{ field: 'stage', code: 'reasonRequired' }] });
		ok(updateCustomer(wa, id, { stage: 'lost', stageReason: '价格' }, ctxA));
		expect(updateCustomer(wa, id, { stage: 'customer' }, ctxA)).toEqual({ ok: false, errors: [{ field: 'stage', code: 'lostToProspectOnly' }] });
		ok(updateCustomer(wa, id, { stage: 'prospect', winBack: true, stageReason: '换了负责人' }, ctxA));
		const c = wa.customers.get(id)!;
		expect(c).toMatchObject({ stage: 'prospect', winBack: true, lostReason: '价格', stageReason: '换了负责人' });
		const [win, lost] = wa.history.forRecord(id);
		expect(win.ch).toEqual(expect.arrayContaining([['stage', 'lost', 'prospect'], ['stageReason', '价格', '换了负责人']]));
		expect(lost.ch).toEqual(expect.arrayContaining([['stage', 'customer', 'lost'], ['lostReason', null, '价格']]));
	});
});

describe('sync status of several documents', () => {
	it('shows the worst state and the sum of pending changes', () => {
		expect(combineStatus([{ state: 'synced' }, { state: 'unacknowledged', pending: 2 }])).toEqual({ state: 'unacknowledged', pending: 2 });
		expect(combineStatus([{ state: 'offline', pending: 1 }, { state: 'unacknowledged', pending: 2 }])).toEqual({ state: 'offline', pending: 3 });
		expect(combineStatus([{ state: 'connecting', pending: 0 }, { state: 'synced' }])).toEqual({ state: 'connecting', pending: 0 });
		expect(combineStatus([{ state: 'synced' }, { state: 'refused', reason: 'revoked' }])).toEqual({ state: 'refused', reason: 'revoked' });
		expect(combineStatus([{ state: 'synced' }, { state: 'synced' }])).toEqual({ state: 'synced' });
	});
});
