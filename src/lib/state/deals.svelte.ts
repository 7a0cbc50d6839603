// The deals board on the main thread: the columns the data worker sends (first cards of each
// stage, with counts and weighted totals), kept current, and moves with the pipeline's rules.
import { untrack } from 'svelte';
import { SvelteSet } from 'svelte/reactivity';
import { findStage } from '../domain/deal';
import type { FieldError } from '../domain/validate';
import { t } from '../i18n/index.svelte';
import type { Board } from '../worker/protocol';
import type { RpcError } from '../worker/rpc';
import { handleError } from './actions';
import { Reveal } from './reveal.svelte';
import { session } from './session.svelte';
import { toasts } from './toasts.svelte';

export type MoveOutcome = { ok: true } | { ok: false; errors: FieldError[] };

export class BoardView {
	board = $state.raw<Board | null>(null);
	text = $state('');
	owner = $state('');
	// A column shows its first cards; more on request (hundreds of cards took 300 ms to lay out).
	limit = $state(40);
	/** Stages whose column's end is near the screen with cards still to render (see `shown`). */
	readonly near = new SvelteSet<string>();
	/**
	 * Cards rendered per column: a screenful first, then more each frame while some column's end
	 * is near the screen (240 cards in one task took 60–140 ms to create and as long again to lay
	 * out; cards far below the screen or in columns scrolled out of sight wait until scrolled to).
	 */
	readonly shown = new Reveal(() => Math.max(0, ...(this.board?.columns.map((c) => c.cards.length) ?? [])), {
		first: 3,
		step: 2,
		wanted: () => this.near.size > 0
	});
	#seq = 0;
	/** The query key of the latest load, and the sequence number of the answer shown. */
	#latest = '';
	#applied = 0;

	/** Create while a component initialises: loads now and whenever deals change. */
	constructor() {
		$effect(() => {
			void session.client;
			untrack(() => void this.load());
		});
		let seen = untrack(() => session.recordChanges);
		$effect(() => {
			const n = session.recordChanges;
			if (n === seen) return;
			seen = n;
			const c = untrack(() => session.lastRecords.collection);
			if (c === 'deals' || c === '') void this.load();
		});
	}

	async load(): Promise<void> {
		const client = session.client;
		if (!client) return;
		const query = { text: this.text, owner: this.owner };
		const key = JSON.stringify({ ...query, limit: this.limit });
		const seq = ++this.#seq;
		this.#latest = key;
		try {
			const b = await client.data.call('board', { ...query, limit: this.limit });
			// An answer to an older query is dropped, and one older than the board shown; a
			// later load of the same query does not drop this one, so a move's own reload is not
			// lost to the reload its change notice started.
			if (key !== this.#latest || seq < this.#applied) return;
			this.#applied = seq;
			this.shown.answer(JSON.stringify(query));
			this.board = b;
		} catch (e) {
			if ((e as RpcError).code !== 'closed') handleError(e);
		}
	}

	/**
	 * Moves a deal to `index` in `stage`'s column. A move into lost needs `reason`; out of won or
	 * lost needs `reopen`. Winning offers to create the order.
	 */
	async move(id: string, stage: string, index: number, opts: { reason?: string; reopen?: boolean } = {}): Promise<MoveOutcome> {
		const client = session.client;
		if (!client) return { ok: false, errors: [] };
		try {
			const r = await client.data.call('moveDeal', { id, stage, index, ...opts });
			if (!r.ok) return r;
			await this.load();
			const kind = this.board && findStage(this.board.pipeline, stage)?.kind;
			if (kind === 'won' && r.value > 0) {
				toasts.show(t('deals.wonToast'), { action: { label: t('deals.createOrder'), run: () => void createOrderForDeal(id) } });
			}
			return { ok: true };
		} catch (e) {
			handleError(e);
			return { ok: false, errors: [] };
		}
	}
}

/** Creates the order of a won deal; on a customer's first order, offers to make it a customer. */
export async function createOrderForDeal(dealId: string): Promise<string | null> {
	const client = session.client;
	if (!client) return null;
	try {
		const r = await client.data.call('orderForDeal', { deal: dealId });
		if (!r.ok) {
			handleError(new Error(r.errors.map((e) => e.code).join(', ')));
			return null;
		}
		const deal = await client.data.call('getRecord', { collection: 'deals', id: dealId });
		const customer = String(deal?.record.customer ?? '');
		if (r.value.suggestCustomer && customer) {
			const c = await client.data.call('getCustomer', { id: customer });
			toasts.show(t('orders.firstOrder', { customer: c?.record.name ?? '' }), {
				action: { label: t('orders.makeCustomer'), run: () => void client.data.call('updateCustomer', { id: customer, patch: { stage: 'customer' } }).catch(handleError) }
			});
		} else toasts.show(t('orders.created'));
		return r.value.order;
	} catch (e) {
		handleError(e);
		return null;
	}
}
