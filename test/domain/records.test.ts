// Domain rules of contacts, tasks and activities: validation, task buckets and reminders,
// activity partitions, list queries, local date inputs.
import { describe, expect, it } from 'vitest';
import { activityPeriod, validateActivity } from '../../src/lib/domain/activity';
import { validateContact } from '../../src/lib/domain/contact';
import { fromLocalInput, toLocalDay, toLocalInput } from '../../src/lib/domain/dates';
import { runQuery } from '../../src/lib/domain/lists';
import { compareTasks, dueReminders, emptyTask, overdueAt, taskBucket, validateTask } from '../../src/lib/domain/task';

const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).getTime();

describe('tasks', () => {
	const now = local(2026, 11, 22, 14, 0);
	it('sorts into overdue, today, upcoming, no date and done', () => {
		expect(taskBucket({ due: local(2026, 11, 22, 9), allDay: false, done: false }, now)).toBe('overdue');
		// An all-day task due today is not overdue until the day is over.
		expect(taskBucket({ due: local(2026, 11, 22), allDay: true, done: false }, now)).toBe('today');
		expect(taskBucket({ due: local(2026, 11, 21), allDay: true, done: false }, now)).toBe('overdue');
		expect(taskBucket({ due: local(2026, 11, 22, 23, 59), allDay: false, done: false }, now)).toBe('today');
		expect(taskBucket({ due: local(2026, 11, 23, 0, 0), allDay: false, done: false }, now)).toBe('upcoming');
		expect(taskBucket({ due: 0, allDay: false, done: false }, now)).toBe('someday');
		expect(taskBucket({ due: local(2026, 11, 1), allDay: false, done: true }, now)).toBe('done');
		expect(overdueAt({ due: local(2026, 11, 22), allDay: true })).toBe(local(2026, 11, 23));
	});

	it('reminds once the reminder time has passed, not for done tasks or those already shown', () => {
		const base = { ...emptyTask('me'), title: 't' };
		const tasks = [
			{ ...base, id: 'a', due: now + 10 * 60_000, remind: 15 },
			{ ...base, id: 'b', due: now + 30 * 60_000, remind: 15 },
			{ ...base, id: 'c', due: now - 60_000, remind: 0, done: true },
			{ ...base, id: 'd', due: now - 60_000, remind: -1 },
			{ ...base, id: 'e', due: now - 60_000, remind: 0 }
		];
		expect(dueReminders(tasks, now, new Set()).map((t) => t.id)).toEqual(['a', 'e']);
		expect(dueReminders(tasks, now, new Set(['e'])).map((t) => t.id)).toEqual(['a']);
	});

	it('orders by due time (none last), then priority', () => {
		const t = (title: string, due: number, priority: 'high' | 'normal' | 'low') => ({ ...emptyTask(''), title, due, priority });
		const list = [t('none', 0, 'high'), t('late', 20, 'low'), t('early-low', 10, 'low'), t('early-high', 10, 'high')];
		expect(list.sort(compareTasks).map((x) => x.title)).toEqual(['early-high', 'early-low', 'late', 'none']);
	});

	it('requires a title and checks priority and reminder', () => {
		expect(validateTask({ title: '  ' }).errors).toEqual([{ field: 'title', code: 'required' }]);
		expect(validateTask({ title: 'x', priority: 'urgent' as never, remind: -5 }).errors.map((e) => e.code)).toEqual(['invalidChoice', 'numberInvalid']);
		expect(validateTask({ due: 5 }, { partial: true }).errors).toEqual([]);
	});
});

describe('contacts and activities', () => {
	it('checks a contact: name, phones, e-mails and month-day dates', () => {
		const r = validateContact({ name: '李娜', phones: ['138 0013 8000', 'abc'], emails: ['x@'], birthday: '02-29', anniversary: '2023-02-29' });
		expect(r.errors).toEqual([
			{ field: 'phones', index: 1, code: 'phoneInvalid' },
			{ field: 'emails', index: 0, code: 'emailInvalid' },
			{ field: 'anniversary', code: 'dateInvalid' }
		]);
	});

	it('checks an activity and files it under its quarter (UTC)', () => {
		expect(validateActivity({ type: 'visit', at: 0, customer: '' }).errors).toEqual([
			{ field: 'at', code: 'required' },
			{ field: 'customer', code: 'required' }
		]);
		expect(validateActivity({ type: 'fax' as never, at: 1, customer: 'c', duration: 30 }).errors).toEqual([{ field: 'type', code: 'invalidChoice' }]);
		expect(activityPeriod(Date.UTC(2026, 0, 1))).toBe('act-2026q1');
		expect(activityPeriod(Date.UTC(2026, 2, 31, 23, 59))).toBe('act-2026q1');
		expect(activityPeriod(Date.UTC(2026, 3, 1))).toBe('act-2026q2');
		expect(activityPeriod(Date.UTC(2025, 11, 31, 23, 59))).toBe('act-2025q4');
	});
});

describe('list queries', () => {
	const rows = [
		{ id: '1', name: '王芳', search: '王芳\u0001采购经理', deleted: false, customer: 'c1' },
		{ id: '2', name: 'Bob Lee', search: 'bob lee\u0001ceo', deleted: false, customer: 'c2' },
		{ id: '3', name: 'Ann', search: 'ann\u0001ceo', deleted: true, customer: 'c1' }
	];
	it('searches every word, filters by field, keeps the Trash apart and sorts both ways', () => {
		const q = { text: '', filters: {}, sort: 'name', dir: 'asc' as const };
		expect(runQuery(rows, { ...q, text: 'CEO' }).map((r) => r.id)).toEqual(['2']);
		expect(runQuery(rows, { ...q, text: 'bob ceo' }).map((r) => r.id)).toEqual(['2']);
		expect(runQuery(rows, { ...q, text: 'bob ann' }).map((r) => r.id)).toEqual([]);
		expect(runQuery(rows, { ...q, filters: { customer: 'c1' } }).map((r) => r.id)).toEqual(['1']);
		expect(runQuery(rows, { ...q, trash: true }).map((r) => r.id)).toEqual(['3']);
		expect(runQuery(rows, q).map((r) => r.id)).toEqual(['2', '1']);
		expect(runQuery(rows, { ...q, dir: 'desc' }).map((r) => r.id)).toEqual(['1', '2']);
	});
	it('filters by a custom field value', () => {
		const withCustom = [
			{ ...rows[0], custom: { cf_lvl: 'Gold' } },
			{ ...rows[1], custom: { cf_lvl: 'Silver' } },
			{ ...rows[2], deleted: false }
		];
		const q = { text: '', filters: {}, sort: 'name', dir: 'asc' as const };
		const lvl = (filter: import('../../src/lib/domain/custom-fields').CustomFilter) => runQuery(withCustom, { ...q, custom: { key: 'cf_lvl', kind: 'select', filter } }).map((r) => r.id);
		expect(lvl({ op: 'equals', value: 'Gold' })).toEqual(['1']);
		expect(lvl({ op: 'empty' })).toEqual(['3']);
		expect(lvl({ op: 'notEmpty' })).toEqual(['2', '1']);
	});
});

describe('local date inputs', () => {
	it('round-trips datetime-local and date values in local time', () => {
		const ms = local(2026, 2, 17, 9, 30);
		expect(toLocalInput(ms)).toBe('2026-02-17T09:30');
		expect(toLocalDay(ms)).toBe('2026-02-17');
		expect(fromLocalInput('2026-02-17T09:30')).toBe(ms);
		expect(fromLocalInput('2026-02-17')).toBe(local(2026, 2, 17));
		expect(fromLocalInput('')).toBe(0);
		expect(fromLocalInput('17/02/2026')).toBeNaN();
	});
});
