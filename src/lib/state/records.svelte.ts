// Contacts, tasks and activities on the main thread: list views that follow changes, one
// record's page, a customer's timeline, and the save/delete actions with undo.
import { untrack } from 'svelte';
import type { FieldError } from '../domain/validate';
import type { ListQuery } from '../domain/lists';
import { diffFields } from '../domain/record';
import type { MessageKey } from '../i18n/en';
import { t } from '../i18n/index.svelte';
import type { RecordCollection, RecordView, TimelineData } from '../worker/protocol';
import type { WorkspaceClient } from '../worker/client';
import type { RpcError } from '../worker/rpc';
import { formCommand, handleError } from './actions';
import { session } from './session.svelte';
import { toasts } from './toasts.svelte';

/** Runs `load` now and again whenever records of `collections` (or customers) change. */
export function live(collections: readonly string[], load: () => void) {
	let seen = untrack(() => session.recordChanges);
	let seenCustomers = untrack(() => session.changes);
	$effect(() => {
		const n = session.recordChanges;
		const c = session.changes;
		if (n === seen && c === seenCustomers) return;
		const relevant = c !== seenCustomers || collections.includes(untrack(() => session.lastRecords.collection));
		seen = n;
		seenCustomers = c;
		if (relevant) untrack(load);
	});
}

export const ignoreClosed = (e: unknown) => {
	// The workspace closed meanwhile (switch, removal): nothing to show or report.
	if ((e as RpcError).code !== 'closed') handleError(e);
};

/** A list of contacts or tasks for a query, kept current. Create while a component initialises. */
export class RecordList<R> {
	query = $state.raw<ListQuery>({ text: '', filters: {}, sort: '', dir: 'asc' });
	rows = $state.raw<R[]>([]);
	total = $state(0);
	loaded = $state(false);
	limit = $state(200);
	#seq = 0;

	constructor(
		readonly collection: 'contacts' | 'tasks',
		initial: Partial<ListQuery>
	) {
		this.query = { ...this.query, ...initial };
		$effect(() => {
			if (session.client) untrack(() => void this.refresh());
		});
		live([collection], () => void this.refresh());
	}

	set(patch: Partial<ListQuery>): Promise<void> {
		this.query = { ...this.query, ...patch, filters: { ...this.query.filters, ...(patch.filters ?? {}) } };
		return this.refresh();
	}

	async refresh(): Promise<void> {
		const client = session.client;
		if (!client) return;
		const seq = ++this.#seq;
		try {
			const page = await client.data.call('listRecords', { collection: this.collection, q: this.query, offset: 0, limit: this.limit });
			if (seq !== this.#seq) return;
			this.rows = page.rows as R[];
			this.total = page.total;
			this.loaded = true;
		} catch (e) {
			ignoreClosed(e);
		}
	}
}

/** One record, loaded by id and reloaded when it changes. Create while a component initialises. */
export function recordPage(collection: RecordCollection, id: () => string): { readonly view: RecordView | null; readonly loading: boolean } {
	let view = $state.raw<RecordView | null>(null);
	let loading = $state(true);
	let seq = 0;
	const load = async () => {
		const client = session.client;
		if (!client) return;
		const s = ++seq;
		try {
			const v = await client.data.call('getRecord', { collection, id: untrack(id) });
			if (s !== seq) return;
			view = v;
			loading = false;
		} catch (e) {
			ignoreClosed(e);
		}
	};
	$effect(() => {
		id();
		if (session.client) void load();
	});
	live([collection], () => void load());
	return {
		get view() {
			return view;
		},
		get loading() {
			return loading;
		}
	};
}

/**
 * What the data worker answers for `key`, loaded now and again when the key changes or records
 * of `collections` (or customers) change. Create while a component initialises.
 */
export function liveValue<K, T>(collections: readonly string[], key: () => K, fetch: (client: WorkspaceClient, key: K) => Promise<T>): { readonly data: T | null } {
	let data = $state.raw<T | null>(null);
	let seq = 0;
	const load = async () => {
		const client = session.client;
		if (!client) return;
		const s = ++seq;
		try {
			const d = await fetch(client, untrack(key));
			if (s === seq) data = d;
		} catch (e) {
			ignoreClosed(e);
		}
	};
	$effect(() => {
		key();
		if (session.client) void load();
	});
	live(collections, () => void load());
	return {
		get data() {
			return data;
		}
	};
}

/** A customer's contacts, tasks and activities, kept current. */
export function timelineOf(customer: () => string): { readonly data: TimelineData | null } {
	return liveValue(['contacts', 'tasks', 'activities'], customer, (c, id) => c.data.call('timeline', { customer: id }));
}

/**
 * Saves a form: creates the record, or writes only the fields this person changed since the
 * form opened (so a teammate's concurrent edit of another field survives).
 */
export function saveRecord<F extends object>(
	collection: RecordCollection,
	id: string | null,
	before: F,
	fields: F,
	onErrors: (errors: FieldError[]) => void
) {
	if (!id) return formCommand((c) => c.data.call('createRecord', { collection, fields: fields as Record<string, unknown> }), onErrors);
	const b = before as Record<string, unknown>;
	const changes = diffFields(b, fields as Record<string, unknown>, Object.keys(fields));
	const patch = Object.fromEntries(changes.map(([f, , to]) => [f, to]));
	return formCommand((c) => c.data.call('updateRecord', { collection, id, patch }), onErrors);
}

/** Moves records to the Trash and offers to undo it. */
export async function deleteRecords(collection: RecordCollection, ids: string[]): Promise<void> {
	const client = session.client;
	if (!client) return;
	try {
		await client.data.call('removeRecords', { collection, ids });
		toasts.show(t(`toast.deleted.${collection}` as MessageKey, { count: ids.length }), {
			action: {
				label: t('toast.undo'),
				run: () => client.data.call('removeRecords', { collection, ids, restore: true }).catch(handleError)
			}
		});
	} catch (e) {
		handleError(e);
	}
}

/** Marks a task done or not done (with when). */
export async function setTaskDone(id: string, done: boolean): Promise<void> {
	try {
		const r = await session.client?.data.call('updateRecord', { collection: 'tasks', id, patch: { done, doneAt: done ? Date.now() : 0 } });
		if (r && !r.ok) handleError(new Error(r.errors.map((e) => e.code).join(', ')));
	} catch (e) {
		handleError(e);
	}
}

/**
 * The name of the customer `id()` names (a record's company, a form started from a customer's
 * page), loaded from the open workspace and kept current as the id changes. Create while a
 * component initialises.
 */
export function customerNameOf(id: () => string | undefined): { readonly name: string } {
	let name = $state('');
	let seq = 0;
	$effect(() => {
		const customer = id();
		const client = session.client;
		const s = ++seq;
		if (customer && client) client.data.call('getCustomer', { id: customer }).then((c) => s === seq && (name = c?.record.name ?? ''), ignoreClosed);
	});
	return {
		get name() {
			return name;
		}
	};
}
