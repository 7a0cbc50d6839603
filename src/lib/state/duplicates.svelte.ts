// The Duplicates screen: likely duplicate customers from the data worker, merging a group with
// the values chosen field by field, and undoing a merge.
import { mergedValues } from '../domain/merge';
import { t } from '../i18n/index.svelte';
import type { DuplicateGroup, MergeCollection } from '../worker/protocol';
import { handleError } from './actions';
import { session } from './session.svelte';
import { toasts } from './toasts.svelte';

/** List fields whose entries are kept from every record unless one record is chosen. */
export const UNION_FIELDS = ['phones', 'emails', 'tags'] as const;

export class DuplicatesView {
	groups = $state.raw<DuplicateGroup[]>([]);
	loaded = $state(false);
	/** The group being reviewed, by its position. */
	open = $state<number | null>(null);

	constructor(readonly collection: MergeCollection = 'customers') {}

	async load(): Promise<void> {
		const client = session.client;
		if (!client) return;
		try {
			this.groups = await client.data.call('duplicates', { collection: this.collection });
			this.loaded = true;
		} catch (e) {
			handleError(e);
		}
	}

	/**
	 * Merges a group into `survivor` with the values chosen per field (`choice`: field → record
	 * index; absent = the survivor's value, else the first non-empty). Offers Undo.
	 */
	async merge(group: DuplicateGroup, survivor: string, fields: readonly string[], choice: Record<string, number>): Promise<boolean> {
		const client = session.client;
		if (!client) return false;
		const records = ordered(group, survivor);
		const values = mergedValues(records, fields, remap(group, survivor, choice), UNION_FIELDS);
		try {
			const r = await client.data.call('mergeRecords', { collection: this.collection, survivor, others: group.ids.filter((id) => id !== survivor), fields: values });
			if (!r.ok) {
				toasts.show(t('merge.refused'), { kind: 'error' });
				return false;
			}
			this.open = null;
			toasts.show(t('merge.done', { count: group.ids.length }), { action: { label: t('toast.undo'), run: () => this.undo(r.mergeId) } });
			await this.load();
			return true;
		} catch (e) {
			handleError(e);
			return false;
		}
	}

	async undo(mergeId: string): Promise<void> {
		const client = session.client;
		if (!client) return;
		try {
			const r = await client.data.call('undoMerge', { mergeId });
			toasts.show(r.ok ? t('merge.undone') : t('merge.undoFailed'), { kind: r.ok ? 'info' : 'error' });
			await this.load();
		} catch (e) {
			handleError(e);
		}
	}
}

/** The group's records with the survivor first (its values win where nothing is chosen). */
export function ordered(group: DuplicateGroup, survivor: string): DuplicateGroup['records'] {
	return [...group.records].sort((a, b) => (a.id === survivor ? -1 : b.id === survivor ? 1 : 0));
}

/** A choice by position in the group, as positions in the survivor-first order. */
function remap(group: DuplicateGroup, survivor: string, choice: Record<string, number>): Record<string, number> {
	const order = ordered(group, survivor).map((r) => r.id);
	const out: Record<string, number> = {};
	for (const [f, i] of Object.entries(choice)) out[f] = order.indexOf(group.records[i].id);
	return out;
}

/** The merged result as it will be written, for the preview. */
export function mergePreview(group: DuplicateGroup, survivor: string, fields: readonly string[], choice: Record<string, number>): Record<string, unknown> {
	return mergedValues(ordered(group, survivor), fields, remap(group, survivor, choice), UNION_FIELDS);
}

/** Existing customers like the one being typed (the new-customer form's warning), asked after a pause. */
export class SimilarCustomers {
	matches = $state.raw<DuplicateGroup[]>([]);
	#timer: ReturnType<typeof setTimeout> | null = null;
	#seq = 0;

	/** Asks again 400 ms after the last change; older answers are dropped. */
	check(fields: { name: string; company: string; phones: string[]; emails: string[] }, exclude?: string): void {
		if (this.#timer) clearTimeout(this.#timer);
		const seq = ++this.#seq;
		this.#timer = setTimeout(async () => {
			const client = session.client;
			if (!client) return;
			try {
				const found = await client.data.call('similarCustomers', { fields, exclude });
				if (seq === this.#seq) this.matches = found;
			} catch {
				// A warning that cannot be computed is simply not shown.
			}
		}, 400);
	}

	stop(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#seq++;
	}
}
