// One customer as shown on its page: the record, its Trash state and its history.
import { untrack } from 'svelte';
import type { CustomerView } from '../worker/protocol';
import type { RpcError } from '../worker/rpc';
import { handleError } from './actions';
import { session } from './session.svelte';

export class CustomerPage {
	view = $state.raw<CustomerView | null>(null);
	loading = $state(true);
	#id: string;

	constructor(id: string) {
		this.#id = id;
	}

	get id(): string {
		return this.#id;
	}

	#seq = 0;

	/** Loads the record; an older load finishing late never replaces a newer one. */
	async load(): Promise<void> {
		const client = session.client;
		if (!client) return;
		const seq = ++this.#seq;
		try {
			const view = await client.data.call('getCustomer', { id: this.#id });
			if (seq !== this.#seq) return;
			this.view = view;
			this.loading = false;
		} catch (e) {
			// The workspace closed meanwhile (switch, removal): nothing to show or report.
			if ((e as RpcError).code !== 'closed') handleError(e);
		}
	}

	/** Reloads when a change touched this record (or an unknown set of records). */
	affectedBy(ids: string[]): boolean {
		return ids.length === 0 || ids.includes(this.#id);
	}
}

/**
 * The page of the customer `id()` names, loaded from the open workspace: a new one whenever the
 * id or the workspace changes; with `live`, also reloaded when a change touches the record.
 * Call it while a component initialises (it sets up effects).
 */
export function customerPage(id: () => string, { live = false } = {}): { readonly current: CustomerPage | null } {
	let current = $state.raw<CustomerPage | null>(null);
	$effect(() => {
		if (!session.client) return;
		const p = new CustomerPage(id());
		current = p;
		void p.load();
	});
	if (live) {
		// Only changes that happen after the page opened trigger a reload.
		let seen = untrack(() => session.changes);
		$effect(() => {
			const n = session.changes;
			if (n === seen) return;
			seen = n;
			const p = untrack(() => current);
			if (p && p.affectedBy(session.lastChangedIds)) void p.load();
		});
	}
	return {
		get current() {
			return current;
		}
	};
}
