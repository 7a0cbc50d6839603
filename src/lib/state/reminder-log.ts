// Which task reminders this device has shown, per workspace, in localStorage: a reload or a
// second check does not show them again, but a task moved to a new time reminds again.
import { dueReminders, type TaskFields } from '../domain/task';

type Remindable = Pick<TaskFields, 'due' | 'remind' | 'done'> & { id: string };

/** A reminder missed by more than this is not announced: the task shows as overdue anyway. */
export const STALE_MS = 24 * 60 * 60_000;

/** When a task's reminder goes off (epoch ms). */
export function reminderAt(t: Pick<TaskFields, 'due' | 'remind'>): number {
	return t.due - t.remind * 60_000;
}

type Store = Pick<Storage, 'getItem' | 'setItem'>;

export class ReminderLog {
	/** Task id → the reminder time that was shown. */
	#shown: Record<string, number> = {};
	readonly #key: string;

	constructor(
		readonly storage: Store | null,
		workspaceId: string
	) {
		this.#key = `rapport.reminders.${workspaceId}`;
		try {
			const saved = JSON.parse(storage?.getItem(this.#key) ?? '{}');
			if (saved && typeof saved === 'object') this.#shown = saved;
		} catch {
			// Unreadable: start afresh; at worst a reminder shows twice.
		}
	}

	/**
	 * Reminders of `tasks` due at `now` and not shown yet, split into those to announce and
	 * those missed too long ago. Both count as shown from now on.
	 *
	 * @param complete `tasks` are all of this member's open tasks, so entries of other tasks can go
	 */
	take<T extends Remindable>(tasks: readonly T[], now: number, complete: boolean): { announce: T[]; missed: T[] } {
		const shown = new Set(tasks.filter((t) => this.#shown[t.id] === reminderAt(t)).map((t) => t.id));
		const due = dueReminders(tasks, now, shown);
		let changed = due.length > 0;
		if (complete) {
			const open = new Set(tasks.map((t) => t.id));
			for (const id of Object.keys(this.#shown)) if (!open.has(id)) changed = delete this.#shown[id];
		}
		for (const t of due) this.#shown[t.id] = reminderAt(t);
		if (changed) this.#save();
		return { announce: due.filter((t) => reminderAt(t) > now - STALE_MS), missed: due.filter((t) => reminderAt(t) <= now - STALE_MS) };
	}

	#save() {
		try {
			this.storage?.setItem(this.#key, JSON.stringify(this.#shown));
		} catch {
			// Storage full or unavailable: reminders may show again after a reload.
		}
	}
}
