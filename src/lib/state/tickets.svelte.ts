// Tickets on the main thread: the list for a search and filters (with SLA clocks, refreshed
// each minute so due times and breaches stay current), and how a clock reads.
import { untrack } from 'svelte';
import type { SlaClock } from '../domain/sla';
import { t } from '../i18n/index.svelte';
import type { TicketQuery, TicketRow } from '../worker/protocol';
import { ignoreClosed, live } from './records.svelte';
import { Reveal } from './reveal.svelte';
import { session } from './session.svelte';

/** Tickets matching a search and filters, kept current. Create while a component initialises. */
export class TicketList {
	rows = $state.raw<TicketRow[]>([]);
	/** How many match (the rows are the first `limit` of them). */
	total = $state(0);
	loaded = $state(false);
	/** The search text the rows answer (the bench times keystrokes by it). */
	answered = $state('');
	/** Rows rendered: a screenful first, more each frame (100 rows in one task took 60 ms, and their layout as long). */
	readonly shown = new Reveal(() => this.rows.length, { first: 20, step: 20 });
	#seq = 0;

	constructor(readonly query: () => TicketQuery) {
		$effect(() => {
			const q = query();
			if (session.client) untrack(() => void this.refresh(q));
		});
		$effect(() => {
			const timer = setInterval(() => void this.refresh(), 60_000);
			return () => clearInterval(timer);
		});
		live(['tickets'], () => void this.refresh());
	}

	async refresh(q: TicketQuery = untrack(this.query)): Promise<void> {
		const client = session.client;
		if (!client) return;
		const seq = ++this.#seq;
		try {
			const page = await client.data.call('ticketList', $state.snapshot(q) as TicketQuery);
			if (seq !== this.#seq) return;
			this.shown.answer(JSON.stringify([q.text, q.filters]));
			this.rows = page.rows;
			this.total = page.total;
			this.answered = q.text;
			this.loaded = true;
		} catch (e) {
			ignoreClosed(e);
		}
	}
}

/** Business time as "3 h 20 min". */
export function hoursMinutes(ms: number): string {
	const min = Math.max(0, Math.round(Math.abs(ms) / 60_000));
	return t('tickets.hoursMinutes', { h: Math.floor(min / 60), m: min % 60 });
}

/** What is left of a running clock, or how far over it is. */
export function clockLeft(c: SlaClock): string {
	return c.remaining >= 0 ? t('tickets.left', { time: hoursMinutes(c.remaining) }) : t('tickets.over', { time: hoursMinutes(c.remaining) });
}

/** The due time that matters now: the first response until it is given, then the resolution. */
export function nextDue(row: Pick<TicketRow, 'sla'>): number {
	const { firstResponse: fr, resolution: res } = row.sla;
	return fr.metAt ? res.due : Math.min(fr.due, res.due);
}
