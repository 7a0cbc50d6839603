// Activities through the data service: stored in per-quarter IndexedDB databases, loaded after
// the customers on the next open, in the timeline and the calendar, and in the backup.
import { describe, expect, it } from 'vitest';
import { openPair, until } from './helpers';

const ok = <T>(r: { ok: true; value: T } | { ok: false; errors: unknown }): T => {
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value;
};

describe('activities in the data service', () => {
	it('persists activities in their partitions, loads them after the customers, and backs them up', async () => {
		const ws = `ws-${Math.random()}`;
		const a = await openPair(ws);
		await a.opened;
		const cust = ok(await a.data.createCustomer({ name: '深圳华强' }));
		const at1 = Date.UTC(2025, 11, 30, 8);
		const at2 = Date.UTC(2026, 2, 3, 9);
		const id1 = ok(await a.data.createRecord('activities', { type: 'visit', at: at1, customer: cust, subject: '年末拜访' }));
		const id2 = ok(await a.data.createRecord('activities', { type: 'call', at: at2, customer: cust, subject: '报价' }));
		const contact = ok(await a.data.createRecord('contacts', { name: '李娜', customer: cust }));
		const task = ok(await a.data.createRecord('tasks', { title: '寄样品', customer: cust, due: at2 + 86_400_000 }));
		expect(a.data.activities.periods()).toEqual(['act-2026q1', 'act-2025q4']);
		await a.close();

		const b = await openPair(ws);
		await b.opened;
		// Partitions load after the customers; the timeline says when it is complete.
		await until(async () => (await b.data.timeline(cust)).complete);
		const tl = await b.data.timeline(cust);
		expect(tl.activities.map((x) => x.id)).toEqual([id2, id1]);
		expect(tl.contacts.map((x) => x.id)).toEqual([contact]);
		expect(tl.tasks.map((x) => x.id)).toEqual([task]);
		expect(b.events.some((e) => e.name === 'activities' && (e.data as { count: number }).count === 2)).toBe(true);
		const agenda = await b.data.agenda(Date.UTC(2026, 2, 1), Date.UTC(2026, 3, 1), '');
		expect(agenda.activities.map((x) => x.subject)).toEqual(['报价']);
		expect(agenda.tasks.map((x) => x.title)).toEqual(['寄样品']);

		const backup = await b.data.exportBackup();
		await b.close();
		const parsed = JSON.parse(backup);
		expect(parsed.collections.activities.map((x: { id: string }) => x.id).sort()).toEqual([id1, id2].sort());
		expect(parsed.history.filter((h: { c: string }) => h.c === 'activities')).toHaveLength(2);

		// Restored into a new workspace, activities land in their partitions again.
		const c = await openPair(`ws-${Math.random()}`, { restore: backup });
		expect((await c.opened).ok).toBe(true);
		await until(async () => (await c.data.timeline(cust)).activities.length === 2);
		expect(c.data.activities.periods()).toEqual(['act-2026q1', 'act-2025q4']);
		expect((await c.data.getRecord('activities', id1))?.history.map((h) => h.op)).toEqual(['create']);
		await c.close();
	});

	it('lists and searches contacts and tasks with filters, and keeps deleted ones apart', async () => {
		const a = await openPair(`ws-${Math.random()}`, { memberId: 'me' });
		await a.opened;
		const cust = ok(await a.data.createCustomer({ name: '杭州西湖茶业' }));
		ok(await a.data.createRecord('contacts', { name: '王芳', position: '采购经理', customer: cust, phones: ['+86 138 0013 8000'] }));
		const other = ok(await a.data.createRecord('contacts', { name: 'Bob Lee', position: 'CEO' }));
		const q = { text: '', filters: {}, sort: 'name', dir: 'asc' as const };
		expect((await a.data.listRecords('contacts', { ...q, text: '13800138000' }, 0, 10)).rows.map((r) => ('name' in r ? r.name : ''))).toEqual(['王芳']);
		expect((await a.data.listRecords('contacts', { ...q, text: '西湖' }, 0, 10)).rows.map((r) => ('name' in r ? r.name : ''))).toEqual(['王芳']);
		await a.data.removeRecords('contacts', [other]);
		expect((await a.data.listRecords('contacts', q, 0, 10)).total).toBe(1);
		expect((await a.data.listRecords('contacts', { ...q, trash: true }, 0, 10)).rows.map((r) => ('name' in r ? r.name : ''))).toEqual(['Bob Lee']);

		const now = Date.now();
		const overdue = ok(await a.data.createRecord('tasks', { title: 'Overdue call', due: now - 3_600_000 }));
		ok(await a.data.createRecord('tasks', { title: 'Later', due: now + 10 * 86_400_000 }));
		ok(await a.data.createRecord('tasks', { title: 'Theirs', due: now - 3_600_000, assignee: 'someone' }));
		const mine = { text: '', filters: { assignee: 'me', bucket: 'overdue' }, sort: 'due', dir: 'asc' as const };
		expect((await a.data.listRecords('tasks', mine, 0, 10)).rows.map((r) => r.id)).toEqual([overdue]);
		ok(await a.data.updateRecord('tasks', overdue, { done: true, doneAt: now }));
		expect((await a.data.listRecords('tasks', mine, 0, 10)).total).toBe(0);
		expect((await a.data.listRecords('tasks', { ...mine, filters: { assignee: 'me', bucket: 'done' } }, 0, 10)).total).toBe(1);
		await a.close();
	});

	it('hands one member’s customers and tasks to another in one step, recorded in each history', async () => {
		const a = await openPair(`ws-${Math.random()}`, { memberId: 'boss' });
		await a.opened;
		a.data.ws.members.put({ id: 'rep', name: 'Rep', color: '#000', role: 'editor', createdAt: 1, createdBy: 'boss', updatedAt: 1, updatedBy: 'boss' });
		const c1 = ok(await a.data.createCustomer({ name: 'A', owner: 'rep' }));
		const c2 = ok(await a.data.createCustomer({ name: 'B', owner: 'boss' }));
		const t1 = ok(await a.data.createRecord('tasks', { title: 'Call A', assignee: 'rep', customer: c1 }));
		expect(await a.data.reassign('rep', 'rep')).toEqual({ ok: false, errors: ['sameMember'] });
		expect(await a.data.reassign('rep', 'ghost')).toEqual({ ok: false, errors: ['unknownMember'] });
		await a.data.setCurrency({ base: 'CNY', rates: [] });
		const deal = ok(await a.data.createRecord('deals', { title: 'Open deal', owner: 'rep', currency: 'CNY', amountMode: 'manual', amount: 100 }));
		const ticket = ok(await a.data.createRecord('tickets', { title: 'Broken pump', assignee: 'rep', customer: c1 }));
		expect(await a.data.reassign('rep', 'boss')).toEqual({ ok: true, counts: { customers: 1, tasks: 1, deals: 1, tickets: 1 } });
		expect((await a.data.getRecord('tickets', ticket))?.record.assignee).toBe('boss');
		expect((await a.data.getRecord('deals', deal))?.record.owner).toBe('boss');
		expect(a.data.ws.customers.get(c1)!.owner).toBe('boss');
		expect(a.data.ws.customers.get(c2)!.updatedAt).toBe(a.data.ws.customers.get(c2)!.createdAt);
		expect(a.data.ws.tasks.get(t1)!.assignee).toBe('boss');
		expect((await a.data.getCustomer(c1))!.history[0]).toMatchObject({ op: 'update', by: 'boss', ch: [['owner', 'rep', 'boss']] });

		// Bulk edits follow the lifecycle rules per customer.
		const res = await a.data.bulkUpdateCustomers([c1, c2], { stage: 'lost', stageReason: '' });
		expect(res).toEqual({ changed: 0, refused: 2 });
		expect(await a.data.bulkUpdateCustomers([c1, c2], { stage: 'lost', stageReason: 'closed down', addTag: 'VIP' })).toEqual({ changed: 2, refused: 0 });
		expect(a.data.ws.customers.get(c2)).toMatchObject({ stage: 'lost', lostReason: 'closed down', tags: ['VIP'] });
		await a.close();
	});

	it('exports contacts and tasks as CSV with names for ids, ISO times and custom columns', async () => {
		const a = await openPair(`ws-${Math.random()}`, { memberId: 'me' });
		await a.opened;
		const cust = ok(await a.data.createCustomer({ name: '杭州西湖茶业' }));
		ok(await a.data.createRecord('fields', { recordType: 'contact', label: 'WeChat ID', kind: 'text', options: [] }));
		const def = a.data.info().fields[0];
		ok(await a.data.createRecord('contacts', { name: '王芳', customer: cust, phones: ['1', '2'].map((x) => `13800138${x}00`), [`cf_${def.id}`]: 'wf88' }));
		ok(await a.data.createRecord('tasks', { title: '寄样品', customer: cust, due: Date.UTC(2026, 0, 2, 3), priority: 'high' }));
		const contacts = await a.data.exportCsv({ name: 'Name', customer: 'Customer' }, {}, 'contacts');
		const [head, row] = contacts.replace(/^\uFEFF/, '').trim().split('\r\n');
		expect(head.split(',').slice(0, 3)).toEqual(['Name', 'position', 'Customer']);
		expect(head).toContain('WeChat ID');
		expect(row).toContain('王芳,,杭州西湖茶业,13800138100; 13800138200');
		expect(row).toContain('wf88');
		const tasks = await a.data.exportCsv({}, { 'priority.high': 'High' }, 'tasks');
		const line = tasks.trim().split('\r\n')[1];
		expect(line.startsWith('寄样品,2026-01-02T03:00:00.000Z,0,Ann,High,0,,杭州西湖茶业')).toBe(true);
		await a.close();
	});
});
