// Which task reminders were shown on this device: remembered per workspace across reloads.
import { describe, expect, it } from 'vitest';
import { reminderAt, ReminderLog, STALE_MS } from '../../src/lib/state/reminder-log';

class MemoryStorage {
	items = new Map<string, string>();
	getItem(k: string) {
		return this.items.get(k) ?? null;
	}
	setItem(k: string, v: string) {
		this.items.set(k, v);
	}
}

const MIN = 60_000;
const now = Date.UTC(2026, 4, 6, 9);
const task = (id: string, due: number, remind: number, done = false) => ({ id, due, remind, done });

describe('reminder log', () => {
	it('announces a due reminder once, also after a reload, and per workspace', () => {
		const storage = new MemoryStorage();
		const tasks = [task('a', now + 10 * MIN, 15), task('b', now + 60 * MIN, 15), task('c', now, -1), task('d', now - MIN, 0, true)];
		const first = new ReminderLog(storage, 'ws1').take(tasks, now, true);
		expect(first.announce.map((t) => t.id)).toEqual(['a']);
		expect(new ReminderLog(storage, 'ws1').take(tasks, now + MIN, true).announce).toEqual([]);
		// Another workspace keeps its own record.
		expect(new ReminderLog(storage, 'ws2').take(tasks, now, true).announce.map((t) => t.id)).toEqual(['a']);
		// Later, b is due too.
		expect(new ReminderLog(storage, 'ws1').take(tasks, now + 45 * MIN, true).announce.map((t) => t.id)).toEqual(['b']);
	});

	it('reminds again when the task moves to a new time', () => {
		const storage = new MemoryStorage();
		const log = new ReminderLog(storage, 'ws');
		expect(log.take([task('a', now, 0)], now, true).announce).toHaveLength(1);
		const moved = task('a', now + 30 * MIN, 0);
		expect(log.take([moved], now, true).announce).toEqual([]);
		expect(new ReminderLog(storage, 'ws').take([moved], now + 30 * MIN, true).announce).toEqual([moved]);
	});

	it('does not announce a reminder missed by more than a day, but counts it as shown', () => {
		const storage = new MemoryStorage();
		const old = task('old', now - STALE_MS - MIN, 0);
		const recent = task('recent', now - STALE_MS + MIN, 0);
		const r = new ReminderLog(storage, 'ws').take([old, recent], now, true);
		expect(r.announce).toEqual([recent]);
		expect(r.missed).toEqual([old]);
		expect(new ReminderLog(storage, 'ws').take([old, recent], now, true)).toEqual({ announce: [], missed: [] });
	});

	it('forgets tasks no longer open only when it saw all of them', () => {
		const storage = new MemoryStorage();
		const a = task('a', now, 0);
		const b = task('b', now, 0);
		new ReminderLog(storage, 'ws').take([a, b], now, true);
		// Only part of the list (more open tasks than were read): b is kept.
		new ReminderLog(storage, 'ws').take([a], now, false);
		expect(new ReminderLog(storage, 'ws').take([a, b], now, true).announce).toEqual([]);
		// The whole list without b (done, say): b is forgotten.
		new ReminderLog(storage, 'ws').take([a], now, true);
		expect(new ReminderLog(storage, 'ws').take([a, b], now, true).announce).toEqual([b]);
	});

	it('works without storage and with unreadable storage', () => {
		const storage = new MemoryStorage();
		storage.setItem('rapport.reminders.ws', 'not json');
		expect(new ReminderLog(storage, 'ws').take([task('a', now, 0)], now, true).announce).toHaveLength(1);
		expect(new ReminderLog(null, 'ws').take([task('a', now, 0)], now, true).announce).toHaveLength(1);
		expect(reminderAt({ due: now, remind: 15 })).toBe(now - 15 * MIN);
	});
});
