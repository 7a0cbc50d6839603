// What the record pickers offer: the workspace's competitors (for a deal), the catalogue's
// products by search, and one customer's contacts and orders (for a ticket), kept current.
import { untrack } from 'svelte';
import { findCompetitor } from '../domain/competitor';
import { foldText } from '../domain/text';
import type { FieldError } from '../domain/validate';
import { formatMoney } from '../domain/money';
import { i18n, t } from '../i18n/index.svelte';
import type { CustomerLinks } from '../worker/protocol';
import { formCommand } from './actions';
import { ignoreClosed, live, liveValue } from './records.svelte';
import { dayMs } from './sales-input';
import { session } from './session.svelte';

/** One record a picker offers. */
export interface Choice {
	id: string;
	name: string;
}

/** Up to `limit` choices whose folded name contains every word of `text`, `skip` aside. */
export function matchChoices(choices: readonly Choice[], text: string, skip: (c: Choice) => boolean = () => false, limit = 8): Choice[] {
	const needles = foldText(text).split(/\s+/).filter(Boolean);
	const out: Choice[] = [];
	for (const c of choices) {
		if (out.length >= limit) break;
		const hay = foldText(c.name);
		if (!skip(c) && needles.every((n) => hay.includes(n))) out.push(c);
	}
	return out;
}

/** The workspace's competitors, kept current. Create while a component initialises. */
export class CompetitorChoices {
	all = $state.raw<Choice[]>([]);
	#seq = 0;

	constructor() {
		$effect(() => {
			if (session.client) untrack(() => void this.refresh());
		});
		live(['competitors'], () => void this.refresh());
	}

	async refresh(): Promise<void> {
		const client = session.client;
		if (!client) return;
		const seq = ++this.#seq;
		try {
			const rows = await client.data.call('salesList', { collection: 'competitors', text: '' });
			if (seq !== this.#seq) return;
			this.all = rows.map((r) => ({ id: String(r.id), name: String(r.name ?? '') })).sort((a, b) => a.name.localeCompare(b.name));
		} catch (e) {
			ignoreClosed(e);
		}
	}

	/** The profile a deal's entry names: by id, or (older deals) by its name as typed. */
	find(entry: string): Choice | undefined {
		return findCompetitor(entry, this.all);
	}

	/** Creates a competitor from just its name; its id, or null (with the errors given to `onErrors`). */
	async create(name: string, onErrors: (errors: FieldError[]) => void): Promise<string | null> {
		const res = await formCommand((c) => c.data.call('createRecord', { collection: 'competitors', fields: { name } }), onErrors);
		if (!res) return null;
		await this.refresh();
		return res.value;
	}
}

/** A customer's contacts and orders, kept current ('' = none). Create while a component initialises. */
export function customerLinksOf(customer: () => string): { readonly data: CustomerLinks | null } {
	return liveValue(['contacts', 'orders'], customer, (c, id) => (id ? c.data.call('customerLinks', { customer: id }) : Promise.resolve({ contacts: [], orders: [] })));
}

/** Products whose name, SKU or category matches a search. */
export async function searchProducts(text: string): Promise<Choice[]> {
	const client = session.client;
	if (!client || !text.trim()) return [];
	try {
		const rows = await client.data.call('salesList', { collection: 'products', text });
		return rows.slice(0, 8).map((r) => ({ id: String(r.id), name: String(r.name ?? '') }));
	} catch (e) {
		ignoreClosed(e);
		return [];
	}
}

/** An order as a picker and a ticket show it: "Order of 3 Mar 2026 · Contract HT-12 · ¥1,200.00". */
export function orderLabel(o: CustomerLinks['orders'][number]): string {
	const parts = [t('orders.order', { date: i18n.date(dayMs(o.orderDate)) || '—' }), o.contractNo ? t('orders.contractShort', { no: o.contractNo }) : '', formatMoney(o.total, o.currency, i18n.locale)];
	return parts.filter(Boolean).join(' · ');
}
