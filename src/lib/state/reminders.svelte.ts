// Task reminders while the app is open: this member's open tasks are checked on open, every
// 30 s and when tasks change; a reminder due shows as a toast and, if the user allowed it, as a
// system notification. What was shown is remembered per workspace (ReminderLog).
import { untrack } from 'svelte';
import { goto } from '$app/navigation';
import type { TaskRow } from '../domain/lists';
import { i18n, t } from '../i18n/index.svelte';
import type { RpcError } from '../worker/rpc';
import { handleError } from './actions';
import { ReminderLog } from './reminder-log';
import { session } from './session.svelte';
import { toasts } from './toasts.svelte';

const CHECK_MS = 30_000;
/** Open tasks read per check, soonest due first. */
const TASKS = 500;
/** At most this many reminders get a toast of their own; the rest are summed up in one. */
const MAX_TOASTS = 3;

type Permission = NotificationPermission | 'unsupported';

function browserPermission(): Permission {
	return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

function storage(): Storage | null {
	try {
		return localStorage;
	} catch {
		return null;
	}
}

export class Reminders {
	/** Whether this site may show system notifications. */
	permission = $state<Permission>(browserPermission());
	#running: Promise<void> | null = null;
	#again = false;

	/** Checks when a workspace opens, when its tasks change and every 30 s. Call while a component initialises. */
	watch(): void {
		$effect(() => {
			if (session.ready && session.client) untrack(() => void this.check());
		});
		$effect(() => {
			void session.recordChanges;
			if (untrack(() => session.lastRecords.collection) === 'tasks') untrack(() => void this.check());
		});
		$effect(() => {
			const timer = setInterval(() => void this.check(), CHECK_MS);
			return () => clearInterval(timer);
		});
	}

	/** Shows the reminders due now that this device has not shown yet. */
	check(): Promise<void> {
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#running = this.#check().finally(() => {
			this.#running = null;
			if (this.#again) {
				this.#again = false;
				void this.check();
			}
		});
		return this.#running;
	}

	async #check() {
		const client = session.client;
		const entry = session.registry.current;
		if (!client || !entry || !session.ready) return;
		let page;
		try {
			const q = { text: '', filters: { assignee: entry.memberId, bucket: 'open' }, sort: 'due', dir: 'asc' as const };
			page = await client.data.call('listRecords', { collection: 'tasks', q, offset: 0, limit: TASKS });
		} catch (e) {
			// The workspace closed meanwhile (switch, removal): the next one is checked when it opens.
			if ((e as RpcError).code !== 'closed') handleError(e);
			return;
		}
		if (client !== session.client) return;
		const rows = page.rows as TaskRow[];
		const { announce } = new ReminderLog(storage(), entry.id).take(rows, Date.now(), page.total <= rows.length);
		for (const task of announce.slice(0, MAX_TOASTS)) this.#announce(task);
		const more = announce.length - MAX_TOASTS;
		if (more > 0) {
			toasts.show(t('reminders.more', { count: more }), { action: { label: t('reminders.openTasks'), run: () => goto('/tasks') }, ms: 0 });
		}
	}

	#announce(task: TaskRow) {
		const when = task.allDay ? i18n.date(task.due) : i18n.dateTime(task.due);
		const open = () => goto(`/tasks/${task.id}`);
		// Stays until dismissed: a reminder that vanished while nobody looked would be missed.
		toasts.show(t('reminders.due', { title: task.title, when }), { action: { label: t('reminders.open'), run: open }, ms: 0 });
		if (browserPermission() !== 'granted') return;
		const title = t('reminders.title');
		const options = { body: t('reminders.body', { title: task.title, when }), tag: `rapport-task-${task.id}` };
		try {
			const n = new Notification(title, options);
			n.onclick = () => {
				window.focus();
				void open();
				n.close();
			};
		} catch {
			// Chrome on Android shows notifications only through the service worker.
			void navigator.serviceWorker
				?.getRegistration()
				.then((reg) => reg?.showNotification(title, options))
				.catch(() => undefined);
		}
	}

	/** Asks the browser to allow system notifications for reminders. */
	async enable(): Promise<void> {
		if (typeof Notification === 'undefined') return;
		this.permission = await Notification.requestPermission();
	}

	/** Reads the permission again (the user may have changed it in the browser's site settings). */
	refresh(): void {
		this.permission = browserPermission();
	}
}

export const reminders = new Reminders();
