// Products, orders and a customer's purchases on the main thread: lists that follow changes,
// the workspace's currencies, and the first-order suggestion ("make it a customer").
import { untrack } from 'svelte';
import { defaultCurrencySettings, type CurrencySettings } from '../domain/money';
import { suggestsCustomerStage, type OrderFields } from '../domain/order';
import { fieldErrorText } from '../i18n/errors';
import { i18n, t } from '../i18n/index.svelte';
import type { CustomerSales } from '../worker/protocol';
import { formCommand } from './actions';
import { ignoreClosed, live, liveValue } from './records.svelte';
import { session } from './session.svelte';
import { toasts } from './toasts.svelte';

type SalesCollection = 'products' | 'deals' | 'orders';

/** The workspace's base currency and rates (the person's language decides until they load). */
export function currencySettings(): CurrencySettings {
	return session.info?.currency ?? defaultCurrencySettings(i18n.locale);
}

/** Products, deals or orders matching a search, kept current. Create while a component initialises. */
export class SalesList<R> {
	text = $state('');
	rows = $state.raw<R[]>([]);
	loaded = $state(false);
	#seq = 0;

	constructor(readonly collection: SalesCollection) {
		$effect(() => {
			if (session.client) untrack(() => void this.refresh());
		});
		live([collection], () => void this.refresh());
	}

	search(text: string): Promise<void> {
		this.text = text;
		return this.refresh();
	}

	async refresh(): Promise<void> {
		const client = session.client;
		if (!client) return;
		const seq = ++this.#seq;
		try {
			const rows = await client.data.call('salesList', { collection: this.collection, text: this.text });
			if (seq !== this.#seq) return;
			this.rows = rows as R[];
			this.loaded = true;
		} catch (e) {
			ignoreClosed(e);
		}
	}
}

/** A customer's orders, deals and purchase totals, kept current. */
export function customerSalesOf(customer: () => string): { readonly data: CustomerSales | null } {
	return liveValue(['orders', 'deals'], customer, (c, id) => c.data.call('customerSales', { customer: id }));
}

/**
 * The customer an order suggests moving to the "customer" stage — its first order that is not
 * cancelled, for a potential customer or a prospect — or null.
 */
export async function firstOrderCustomer(order: Pick<OrderFields, 'customer' | 'status'> & { id: string }): Promise<{ id: string; name: string } | null> {
	const client = session.client;
	if (!client || !order.customer) return null;
	try {
		const c = await client.data.call('getCustomer', { id: order.customer });
		if (!c || c.deletion) return null;
		const sales = await client.data.call('customerSales', { customer: order.customer });
		return suggestsCustomerStage(c.record, order, sales.orders) ? { id: c.record.id, name: c.record.name } : null;
	} catch (e) {
		ignoreClosed(e);
		return null;
	}
}

/** Moves a customer to the "customer" stage after its first order; true when done. */
export async function makeCustomer(customer: { id: string; name: string }): Promise<boolean> {
	const res = await formCommand(
		(c) => c.data.call('updateCustomer', { id: customer.id, patch: { stage: 'customer' } }),
		(errors) => toasts.show(errors.map((e) => fieldErrorText(t, e)).join(' '), { kind: 'error' })
	);
	if (res) toasts.show(t('orders.madeCustomer', { customer: customer.name }));
	return !!res;
}

/** Saves the workspace's currencies; resolves to the problems, or null when saved. */
export async function saveCurrencies(settings: CurrencySettings) {
	let errors: import('../domain/validate').FieldError[] | null = null;
	const res = await formCommand((c) => c.data.call('setCurrency', settings), (e) => (errors = e));
	if (res) toasts.show(t('toast.saved'));
	return errors;
}
