// Tasks and reminders: follow-ups with a due time, an assignee and a priority.
import type { RecordMeta } from './record';
import { Checker, LONG_TEXT, type FieldError } from './validate';

export const PRIORITIES = ['high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface TaskFields {
	title: string;
	/** Due time (epoch ms); 0 = no due date. */
	due: number;
	/** The due time is a whole day (shown without a time; overdue the day after). */
	allDay: boolean;
	assignee: string;
	priority: Priority;
	done: boolean;
	doneAt: number;
	customer: string;
	contact: string;
	notes: string;
	/** Minutes before `due` to remind; -1 = no reminder. */
	remind: number;
	/** Set on care (greeting) tasks, so generating them again adds no copies. */
	careKey: string;
}

export type Task = TaskFields & RecordMeta & { [extra: string]: unknown };

export const TASK_FIELDS = ['title', 'due', 'allDay', 'assignee', 'priority', 'done', 'doneAt', 'customer', 'contact', 'notes', 'remind', 'careKey'] as const satisfies readonly (keyof TaskFields)[];

export function emptyTask(assignee: string): TaskFields {
	return { title: '', due: 0, allDay: false, assignee, priority: 'normal', done: false, doneAt: 0, customer: '', contact: '', notes: '', remind: -1, careKey: '' };
}

export function validateTask(input: Partial<TaskFields>, { partial = false } = {}): { value: Partial<TaskFields>; errors: FieldError[] } {
	const c = new Checker(input)
		.required('title', !partial)
		.time('due')
		.bool('allDay')
		.text('assignee')
		.choice('priority', PRIORITIES)
		.bool('done')
		.time('doneAt')
		.text('customer')
		.text('contact')
		.text('notes', LONG_TEXT)
		.number('remind', { min: -1, max: 60 * 24 * 30 })
		.text('careKey');
	return { value: c.value, errors: c.errors };
}

/** When a task counts as overdue: after its due time, or after its due day for all-day tasks. */
export function overdueAt(t: Pick<TaskFields, 'due' | 'allDay'>): number {
	if (!t.due) return Infinity;
	if (!t.allDay) return t.due;
	const d = new Date(t.due);
	return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
}

export type TaskBucket = 'overdue' | 'today' | 'upcoming' | 'someday' | 'done';

/** Where a task sits in "My tasks" at time `now` (local days). */
export function taskBucket(t: Pick<TaskFields, 'due' | 'allDay' | 'done'>, now: number): TaskBucket {
	if (t.done) return 'done';
	if (!t.due) return 'someday';
	if (overdueAt(t) <= now) return 'overdue';
	const n = new Date(now);
	const endOfToday = new Date(n.getFullYear(), n.getMonth(), n.getDate() + 1).getTime();
	return t.due < endOfToday ? 'today' : 'upcoming';
}

const PRIORITY_RANK: Record<Priority, number> = { high: 0, normal: 1, low: 2 };

/** My-tasks order: by due time (none last), then priority, then title. */
export function compareTasks(a: TaskFields, b: TaskFields): number {
	return (a.due || Infinity) - (b.due || Infinity) || PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || a.title.localeCompare(b.title);
}

/** Reminders due now: open tasks whose reminder time has passed and that were not yet shown. */
export function dueReminders<T extends Pick<TaskFields, 'done' | 'due' | 'remind'> & { id: string }>(tasks: Iterable<T>, now: number, shown: ReadonlySet<string>): T[] {
	const out: T[] = [];
	for (const t of tasks) {
		if (t.done || !t.due || t.remind < 0 || shown.has(t.id)) continue;
		if (t.due - t.remind * 60_000 <= now) out.push(t);
	}
	return out;
}
