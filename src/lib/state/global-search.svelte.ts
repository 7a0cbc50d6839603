// The search dialog (Ctrl/⌘+K): one text searched across every kind of record. Customers come
// from the query worker, the rest from the data worker's globalSearch; each answer is shown as
// soon as it arrives, and answers to older text are dropped. A new kind of record is one entry
// in SEARCH_GROUPS (plus its list in the worker's GlobalSearchResult).
import { goto } from '$app/navigation';
import { DEFAULT_QUERY, type CustomerRow } from '../domain/customer-query';
import { formatMoney } from '../domain/money';
import type { MessageKey } from '../i18n/en';
import { i18n, t } from '../i18n/index.svelte';
import type { GlobalSearchResult } from '../worker/protocol';
import type { RpcError } from '../worker/rpc';
import { handleError } from './actions';
import { session } from './session.svelte';

/** Results per kind of record. */
export const SEARCH_LIMIT = 5;
const DEBOUNCE_MS = 120;

/** What the two workers answered for one text; a part is null until it arrives. */
export interface SearchAnswer {
	/** The text answered. */
	text: string;
	customers: CustomerRow[] | null;
	found: GlobalSearchResult | null;
}

export interface SearchItem {
	/** Unique in the dialog (used for the element id). */
	key: string;
	href: string;
	title: string;
	detail: string;
}

interface SearchGroupDef {
	type: string;
	label: MessageKey;
	items(a: SearchAnswer): SearchItem[] | undefined;
}

const join = (...parts: Array<string | false | undefined>) => parts.filter(Boolean).join(' · ');

/** The kinds of record the dialog lists, in this order. */
export const SEARCH_GROUPS: readonly SearchGroupDef[] = [
	{
		type: 'customers',
		label: 'search.customers',
		items: (a) => a.customers?.map((c) => ({ key: `customer-${c.id}`, href: `/customers/${c.id}`, title: c.name, detail: c.company }))
	},
	{
		type: 'contacts',
		label: 'search.contacts',
		items: (a) =>
			a.found?.contacts.map((c) => ({ key: `contact-${c.id}`, href: `/contacts/${c.id}`, title: c.name, detail: join(c.position, c.customerName) }))
	},
	{
		type: 'tasks',
		label: 'search.tasks',
		items: (a) =>
			a.found?.tasks.map((r) => ({
				key: `task-${r.id}`,
				href: `/tasks/${r.id}`,
				title: r.title,
				detail: join(r.done && t('bucket.done'), !!r.due && (r.allDay ? i18n.date(r.due) : i18n.dateTime(r.due)), r.customerName)
			}))
	},
	{
		type: 'activities',
		label: 'search.activities',
		items: (a) =>
			a.found?.activities.map((r) => ({
				key: `activity-${r.id}`,
				href: `/customers/${r.customer}`,
				title: r.subject || t(`activity.${r.type}` as MessageKey),
				detail: join(t(`activity.${r.type}` as MessageKey), i18n.date(r.at), r.customerName)
			}))
	},
	...(['deals', 'orders', 'products', 'tickets', 'competitors'] as const).map((type) => ({
		type,
		label: `search.${type}` as MessageKey,
		items: (a: SearchAnswer) =>
			a.found?.[type]?.map((r) => ({
				key: `${type}-${r.id}`,
				href: `/${type}/${r.id}`,
				title: r.title,
				detail: join(r.customerName, !!r.currency && formatMoney(r.amount, r.currency, i18n.locale))
			}))
	}))
];

export interface SearchGroup {
	type: string;
	label: MessageKey;
	/** Each item with its position among all the dialog's items. */
	items: Array<SearchItem & { index: number }>;
}

class GlobalSearch {
	open = $state(false);
	text = $state('');
	answer = $state.raw<SearchAnswer>({ text: '', customers: null, found: null });
	/** Position of the highlighted item among all items. */
	active = $state(0);
	#seq = 0;
	#answered = 0;
	#timer: ReturnType<typeof setTimeout> | null = null;

	/** The groups with something in them, items numbered across groups. */
	groups = $derived.by((): SearchGroup[] => {
		let index = 0;
		const out: SearchGroup[] = [];
		for (const g of SEARCH_GROUPS) {
			const items = g.items(this.answer) ?? [];
			if (items.length) out.push({ type: g.type, label: g.label, items: items.map((it) => ({ ...it, index: index++ })) });
		}
		return out;
	});
	items = $derived(this.groups.flatMap((g) => g.items));
	/** Both workers answered the text now in the box. */
	complete = $derived(this.answer.text === this.text && this.answer.customers !== null && this.answer.found !== null);

	show() {
		this.open = true;
	}

	close() {
		this.open = false;
	}

	/** The text changed: search for it after a short pause in typing. */
	input(text: string) {
		this.text = text;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.run(), DEBOUNCE_MS);
	}

	/** Searches for the current text now. */
	async run(): Promise<void> {
		this.#timer = null;
		const seq = ++this.#seq;
		const text = this.text;
		const client = session.client;
		if (!text.trim() || !client) {
			this.#take(seq, text, { customers: [], found: { contacts: [], tasks: [], activities: [], deals: [], orders: [], products: [], tickets: [], competitors: [] } });
			return;
		}
		const customers = client.query
			.call('query', { q: { ...DEFAULT_QUERY, text }, offset: 0, limit: SEARCH_LIMIT, seq })
			.then((r) => this.#take(r.seq, text, { customers: r.rows }));
		const found = client.data.call('globalSearch', { text, limit: SEARCH_LIMIT }).then((f) => this.#take(seq, text, { found: f }));
		await Promise.all([customers, found]).catch((e) => {
			// The workspace closed meanwhile (switch, removal): nothing to show.
			if ((e as RpcError).code !== 'closed') handleError(e);
		});
	}

	/** Takes part of an answer unless a newer text was searched meanwhile. */
	#take(seq: number, text: string, part: Partial<SearchAnswer>) {
		if (seq !== this.#seq) return;
		if (this.#answered !== seq) {
			this.#answered = seq;
			this.answer = { text, customers: null, found: null };
			this.active = 0;
		}
		this.answer = { ...this.answer, ...part };
	}

	/** Moves the highlight by `delta` items, wrapping around. */
	move(delta: number) {
		const n = this.items.length;
		if (n) this.active = (((this.active + delta) % n) + n) % n;
	}

	/** Opens the given item, or the highlighted one once the text typed so far has been searched. */
	async go(item?: SearchItem): Promise<void> {
		if (!item && this.#timer) {
			clearTimeout(this.#timer);
			await this.run();
		}
		item ??= this.items[this.active];
		if (!item) return;
		this.close();
		await goto(item.href);
	}
}

export const globalSearch = new GlobalSearch();
