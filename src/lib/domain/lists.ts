// Lists of contacts and tasks: the rows a list screen shows, and filtering, searching and
// sorting them. These collections are tens of thousands of records at most, so a scan of
// cached rows per query is fast enough (the customer list, at 100k, has its own RowIndex).
import { contactSearchText, type Contact } from './contact';
import { compareTasks, taskBucket, type Task, type TaskBucket } from './task';
import { foldText } from './text';
import { customOf, customPredicate, type CustomQuery } from './customer-query';

export interface ListQuery {
	text: string;
	/** Field → required value; '' means any. */
	filters: Record<string, string>;
	sort: string;
	dir: 'asc' | 'desc';
	/** Show the Trash instead of active records. */
	trash?: boolean;
	/** A filter on one custom field. */
	custom?: CustomQuery | null;
}

export interface ListPage<R> {
	total: number;
	offset: number;
	rows: R[];
}

export interface ContactRow {
	id: string;
	name: string;
	position: string;
	customer: string;
	customerName: string;
	phones: string[];
	emails: string[];
	birthday: string;
	updatedAt: number;
	deleted: boolean;
	search: string;
	custom?: Record<string, unknown>;
}

export function contactRow(c: Contact, customerName: string, deleted: boolean): ContactRow {
	return {
		...customOf(c),
		id: c.id,
		name: c.name,
		position: c.position ?? '',
		customer: c.customer ?? '',
		customerName,
		phones: c.phones ?? [],
		emails: c.emails ?? [],
		birthday: c.birthday ?? '',
		updatedAt: c.updatedAt,
		deleted,
		search: contactSearchText(c, customerName)
	};
}

export interface TaskRow {
	id: string;
	title: string;
	due: number;
	allDay: boolean;
	assignee: string;
	priority: Task['priority'];
	done: boolean;
	customer: string;
	customerName: string;
	contact: string;
	careKey: string;
	remind: number;
	updatedAt: number;
	deleted: boolean;
	search: string;
	custom?: Record<string, unknown>;
}

export function taskRow(t: Task, customerName: string, deleted: boolean): TaskRow {
	return {
		...customOf(t),
		id: t.id,
		title: t.title,
		due: t.due ?? 0,
		allDay: !!t.allDay,
		assignee: t.assignee ?? '',
		priority: t.priority ?? 'normal',
		done: !!t.done,
		customer: t.customer ?? '',
		customerName,
		contact: t.contact ?? '',
		careKey: t.careKey ?? '',
		remind: t.remind ?? -1,
		updatedAt: t.updatedAt,
		deleted,
		search: foldText([t.title, customerName, t.notes ?? ''].join('\u0001'))
	};
}

type Row = { id: string; search: string; deleted: boolean; custom?: Record<string, unknown> };

/**
 * Filters (each filter field must equal its value; for tasks the pseudo-field "bucket" is
 * overdue/today/upcoming/someday/done, and "open" means not done), searches (every word must
 * appear) and sorts rows.
 */
export function runQuery<R extends Row>(rows: Iterable<R>, q: ListQuery, now = Date.now()): R[] {
	const needles = foldText(q.text).split(/\s+/).filter(Boolean);
	const filters = Object.entries(q.filters).filter(([, v]) => v !== '');
	const custom = customPredicate(q.custom);
	const out: R[] = [];
	for (const r of rows) {
		if (r.deleted !== !!q.trash) continue;
		if (custom && !custom(r)) continue;
		let ok = true;
		for (const [f, v] of filters) {
			if (f === 'bucket') {
				const b = taskBucket(r as unknown as Task, now);
				ok = v === 'open' ? b !== 'done' : b === (v as TaskBucket);
			} else ok = String((r as Record<string, unknown>)[f] ?? '') === v;
			if (!ok) break;
		}
		if (!ok) continue;
		for (const n of needles) {
			if (!r.search.includes(n)) {
				ok = false;
				break;
			}
		}
		if (ok) out.push(r);
	}
	const dir = q.dir === 'desc' ? -1 : 1;
	const cmp =
		q.sort === 'due'
			? (a: R, b: R) => compareTasks(a as unknown as Task, b as unknown as Task)
			: (a: R, b: R) => {
					const x = (a as Record<string, unknown>)[q.sort];
					const y = (b as Record<string, unknown>)[q.sort];
					return typeof x === 'number' && typeof y === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? ''));
				};
	return out.sort((a, b) => dir * cmp(a, b) || (a.id < b.id ? -1 : 1));
}
