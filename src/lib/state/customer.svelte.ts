// One customer as shown on its page: the record, its Trash state and its history.
import type { CustomerView } from '../worker/protocol';
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

	async load(): Promise<void> {
		const client = session.client;
		if (!client) return;
		this.view = await client.data.call('getCustomer', { id: this.#id });
		this.loading = false;
	}

	/** Reloads when a change touched this record (or an unknown set of records). */
	affectedBy(ids: string[]): boolean {
		return ids.length === 0 || ids.includes(this.#id);
	}
}
