// The selling side — products, deals and orders — in a document of its own ("<workspace>/sales"),
// so 20,000 deals and 50,000 orders do not slow down opening the customers. It loads right
// after the main document; the workspace's currencies and pipeline live in the main settings.
import type * as Y from 'yjs';
import { emptyDeal, findStage, placeAt, comparePositions, changeDealStage, competitorLinkPatch, dealCompetitors, validateDeal, DEAL_FIELDS, DEFAULT_PIPELINE, type Deal, type DealFields, type Pipeline, type StageMoveOptions } from '../domain/deal';
import { defaultCurrencySettings, type CurrencySettings } from '../domain/money';
import { changeOrderStatus, emptyOrder, orderFromDeal, ORDER_FIELDS, validateOrder, type Order, type OrderFields, type OrderStatus } from '../domain/order';
import { emptyProduct, PRODUCT_FIELDS, validateProduct, type Product, type ProductFields } from '../domain/product';
import { Collection } from './collection';
import { createRecord, updateRecord, type CommandResult, type RecordRules } from './commands';
import { stamp, type WriteContext } from './context';
import { HistoryLog } from './history';
import { ORIGIN } from './schema';
import { newId } from '../domain/ids';
import { COMPETITOR_FIELDS, emptyCompetitor, validateCompetitor, validateObservation, type Competitor, type CompetitorFields, type CompetitorObservation } from '../domain/competitor';
import type { RecordMeta } from '../domain/record';
import type { FieldError } from '../domain/validate';
import { changeTicketStatus, emptyTicket, TICKET_FIELDS, validateTicket, type Ticket, type TicketFields, type TicketStatus } from '../domain/ticket';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../domain/sla';

import { CURRENCY_KEY, PIPELINE_KEY, SLA_KEY, type SalesCollection } from './sales-keys';
export { CURRENCY_KEY, PIPELINE_KEY, SALES_COLLECTIONS, SALES_PART, SLA_KEY, type SalesCollection } from './sales-keys';

/** Keys of a competitor's observations on the record ("obs:<id>" → CompetitorObservation). */
export const OBSERVATION_PREFIX = 'obs:';

/** A competitor's observations, read from its record. */
export function observationsOf(c: Record<string, unknown>): CompetitorObservation[] {
	const out: CompetitorObservation[] = [];
	for (const k in c) if (k.startsWith(OBSERVATION_PREFIX) && c[k]) out.push(c[k] as CompetitorObservation);
	return out;
}

export class SalesStore {
	readonly history: HistoryLog;
	readonly products: Collection<Product>;
	readonly deals: Collection<Deal>;
	readonly orders: Collection<Order>;
	readonly tickets: Collection<Ticket>;
	readonly competitors: Collection<Competitor>;

	constructor(
		readonly doc: Y.Doc,
		/** The main document's settings map (currencies, pipeline). */
		readonly settings: Y.Map<unknown>,
		readonly locale = 'en'
	) {
		this.history = new HistoryLog(doc);
		this.products = new Collection<Product>(doc, 'products', this.history);
		this.deals = new Collection<Deal>(doc, 'deals', this.history, { lines: [], competitors: [] });
		this.orders = new Collection<Order>(doc, 'orders', this.history, { lines: [] });
		this.tickets = new Collection<Ticket>(doc, 'tickets', this.history, { statusHistory: [] });
		this.competitors = new Collection<Competitor>(doc, 'competitors', this.history, { products: [] });
		doc.on('afterTransaction', (tr: Y.Transaction) => {
			for (const coll of [this.products, this.deals, this.orders, this.competitors, this.tickets] as unknown as Collection<RecordMeta>[]) {
				const cache = this.#cache.get(coll);
				if (cache) for (const id of coll.changedIds(tr)) cache.delete(id);
			}
		});
	}

	get currency(): CurrencySettings {
		return (this.settings.get(CURRENCY_KEY) as CurrencySettings | undefined) ?? defaultCurrencySettings(this.locale);
	}

	get pipeline(): Pipeline {
		return (this.settings.get(PIPELINE_KEY) as Pipeline | undefined) ?? DEFAULT_PIPELINE;
	}

	get slaPolicy(): SlaPolicy {
		return (this.settings.get(SLA_KEY) as SlaPolicy | undefined) ?? DEFAULT_SLA_POLICY;
	}

	/**
	 * Records as read, per collection, kept until a transaction touches them: the board and
	 * every move read all 20,000 deals, and decoding each one every time made a move take half
	 * a second. Deleted records are cached as null.
	 */
	#cache = new Map<Collection<RecordMeta>, Map<string, RecordMeta | null>>();

	#active<T extends RecordMeta>(coll: Collection<T>): T[] {
		let cache = this.#cache.get(coll as unknown as Collection<RecordMeta>) as Map<string, T | null> | undefined;
		if (!cache) {
			cache = new Map();
			this.#cache.set(coll as unknown as Collection<RecordMeta>, cache as Map<string, RecordMeta | null>);
		}
		const out: T[] = [];
		for (const id of coll.ids()) {
			let r = cache.get(id);
			if (r === undefined) {
				const l = coll.load(id);
				r = l && !l.deletion ? l.record : null;
				cache.set(id, r);
			}
			if (r) out.push(r);
		}
		return out;
	}

	productRules(id = ''): RecordRules<ProductFields> {
		const products = this.#active(this.products);
		return { fields: PRODUCT_FIELDS, empty: () => emptyProduct(this.currency.base), validate: (input, o) => validateProduct(input, { ...o, products, id }) };
	}

	dealRules(): RecordRules<DealFields> {
		const pipeline = this.pipeline;
		return { fields: DEAL_FIELDS, empty: (ctx) => emptyDeal(ctx.memberId, { currency: this.currency.base, pipeline }), validate: (input, o) => validateDeal(input, { ...o, pipeline }) };
	}

	orderRules(from?: OrderStatus): RecordRules<OrderFields> {
		return {
			fields: ORDER_FIELDS,
			empty: (ctx) => emptyOrder(ctx.memberId, { currency: this.currency.base, date: new Date(stamp(ctx).at).toISOString().slice(0, 10) }),
			validate: (input, o) => validateOrder(input, { ...o, from })
		};
	}

	/** Deals of one stage in board order. */
	column(stage: string): Deal[] {
		return this.#active(this.deals)
			.filter((d) => d.stage === stage)
			.sort(comparePositions);
	}

	activeDeals(): Deal[] {
		return this.#active(this.deals);
	}

	activeOrders(): Order[] {
		return this.#active(this.orders);
	}

	createDeal(input: Partial<DealFields>, ctx: WriteContext): CommandResult<string> {
		const stage = input.stage ?? this.pipeline.stages.find((s) => s.kind === 'open')?.id ?? '';
		const unknown = this.#unknownCompetitors(input.competitors ?? [], []);
		if (unknown.length) return { ok: false, errors: unknown };
		// A new card goes to the end of its column.
		const column = this.column(stage);
		const position = placeAt(column, '\u0000new', column.length).find((p) => p.id === '\u0000new')!.position;
		return createRecord(this.deals, this.dealRules(), { ...input, stage, position }, ctx);
	}

	/** An error for each entry of `next` that is new (not in `had`) and not a competitor on record. */
	#unknownCompetitors(next: readonly string[], had: readonly string[]): FieldError[] {
		const known = new Set(this.activeCompetitors().map((c) => c.id));
		return next.some((e) => !had.includes(e) && !known.has(e)) ? [{ field: 'competitors', code: 'unknownRecord' }] : [];
	}

	/**
	 * Sets a deal's competitors to `next` by link keys (competitorLinkPatch), so members linking
	 * different competitors at the same time both keep theirs. Entries it did not have must be
	 * competitors on record.
	 */
	linkCompetitors(id: string, next: readonly string[], ctx: WriteContext): CommandResult<number> {
		const deal = this.deals.get(id);
		if (!deal) return { ok: false, errors: [{ field: 'id', code: 'notFound' }] };
		const unknown = this.#unknownCompetitors(next, dealCompetitors(deal));
		if (unknown.length) return { ok: false, errors: unknown };
		const patch = competitorLinkPatch(deal, next, stamp(ctx).at);
		return { ok: true, value: Object.keys(patch).length ? this.deals.update(id, patch as Partial<Deal>, ctx).length : 0 };
	}

	/**
	 * Moves a deal to `index` in the column of `stage` (the board's drag or keyboard move): the
	 * stage rules of the pipeline apply (lost needs a reason, a closed deal needs `reopen`); one
	 * transaction writes the stage change and the order keys.
	 */
	moveDeal(id: string, stage: string, index: number, opts: StageMoveOptions, ctx: WriteContext): CommandResult<number> {
		const deal = this.deals.get(id);
		if (!deal) return { ok: false, errors: [{ field: 'id', code: 'notFound' }] };
		const keys = placeAt(this.column(stage), id, index);
		const mine = keys.find((k) => k.id === id)!;
		const change = changeDealStage(deal, stage, { ...opts, pipeline: this.pipeline, at: stamp(ctx).at, position: mine.position });
		if (!change.ok) return change;
		let n = 0;
		this.doc.transact(() => {
			n += this.deals.update(id, change.patch as Partial<Deal>, ctx).length;
			for (const k of keys) if (k.id !== id) n += this.deals.update(k.id, { position: k.position } as Partial<Deal>, ctx).length;
		}, ORIGIN.local);
		return { ok: true, value: n };
	}

	/** Edits a deal: a stage change by the board's rules, the competitors by linkCompetitors; all or nothing. */
	updateDeal(id: string, input: Partial<DealFields>, ctx: WriteContext): CommandResult<number> {
		const deal = this.deals.get(id);
		if (!deal) return { ok: false, errors: [{ field: 'id', code: 'notFound' }] };
		const { competitors, ...patch } = input;
		// Everything is checked before anything is written.
		const errors = [...validateDeal(patch, { partial: true, pipeline: this.pipeline }).errors, ...(competitors ? this.#unknownCompetitors(competitors, dealCompetitors(deal)) : [])];
		if (errors.length) return { ok: false, errors };
		let r: CommandResult<number> = { ok: false, errors: [] };
		this.doc.transact(() => {
			if (patch.stage !== undefined && patch.stage !== deal.stage) {
				// A stage change from the form follows the board's rules, at the end of the column.
				const { stage, ...rest } = patch;
				const moved = this.moveDeal(id, stage, Number.MAX_SAFE_INTEGER, { reason: patch.lostReason, reopen: findStage(this.pipeline, deal.stage)?.kind !== 'open' }, ctx);
				if (!moved.ok) return void (r = moved);
				const u = updateRecord(this.deals, this.dealRules(), id, rest, ctx);
				r = u.ok ? { ok: true, value: u.value + moved.value } : u;
			} else r = updateRecord(this.deals, this.dealRules(), id, patch, ctx);
			if (r.ok && competitors !== undefined) {
				const linked = this.linkCompetitors(id, competitors, ctx);
				if (linked.ok) r = { ok: true, value: r.value + linked.value };
			}
		}, ORIGIN.local);
		return r;
	}

	createOrder(input: Partial<OrderFields>, ctx: WriteContext): CommandResult<string> {
		return createRecord(this.orders, this.orderRules(), input, ctx);
	}

	/** The order for a won deal (its lines, customer, owner, currency), dated today. */
	orderForDeal(dealId: string, ctx: WriteContext): CommandResult<string> {
		const deal = this.deals.get(dealId);
		if (!deal) return { ok: false, errors: [{ field: 'deal', code: 'notFound' }] };
		const date = new Date(stamp(ctx).at).toISOString().slice(0, 10);
		return this.createOrder(orderFromDeal(deal, { date }), ctx);
	}

	updateOrder(id: string, patch: Partial<OrderFields>, ctx: WriteContext): CommandResult<number> {
		const cur = this.orders.get(id);
		if (!cur) return { ok: false, errors: [{ field: 'id', code: 'notFound' }] };
		if (patch.status !== undefined && patch.status !== cur.status) {
			const change = changeOrderStatus(cur, patch.status, { at: stamp(ctx).at });
			if (!change.ok) return change;
			return updateRecord(this.orders, this.orderRules(cur.status), id, { ...patch, ...change.patch } as Partial<OrderFields>, ctx);
		}
		return updateRecord(this.orders, this.orderRules(cur.status), id, patch, ctx);
	}

	activeTickets(): Ticket[] {
		return this.#active(this.tickets);
	}

	ticketRules(from?: TicketStatus): RecordRules<TicketFields> {
		return { fields: TICKET_FIELDS, empty: (ctx) => emptyTicket(ctx.memberId), validate: (input, o) => validateTicket(input, { ...o, from }) };
	}

	/** A new ticket: its status history starts with the status it is created in. */
	createTicket(input: Partial<TicketFields>, ctx: WriteContext): CommandResult<string> {
		const at = stamp(ctx).at;
		const status = input.status ?? 'open';
		let patch: Record<string, unknown> = { status: 'open', statusChangedAt: at, statusHistory: [{ status: 'open', at }] };
		if (status !== 'open') {
			const change = changeTicketStatus({ status: 'open', firstResponseAt: 0 }, status, { at });
			if (!change.ok) return change;
			patch = { ...change.patch };
		}
		const { satisfaction: _s, feedback: _f, ...rest } = input;
		let r: CommandResult<string> = { ok: false, errors: [] };
		this.doc.transact(() => {
			r = createRecord(this.tickets, this.ticketRules(), { ...rest, ...patch } as Partial<TicketFields>, ctx);
			if (r.ok) this.tickets.update(r.value, { statusChangedAt: patch.statusChangedAt, statusHistory: patch.statusHistory } as Partial<Ticket>, ctx);
		}, ORIGIN.local);
		return r;
	}

	/**
	 * Edits a ticket: a status change goes through changeTicketStatus (allowed moves, the first
	 * response and resolution stamps, the status history the SLA clocks run on); a satisfaction
	 * score through recordSatisfaction (only on a resolved or closed ticket).
	 */
	updateTicket(id: string, patch: Partial<TicketFields>, ctx: WriteContext): CommandResult<number> {
		const cur = this.tickets.get(id);
		if (!cur) return { ok: false, errors: [{ field: 'id', code: 'notFound' }] };
		const { satisfaction, feedback, status, ...rest } = patch;
		const score = satisfaction === undefined || (satisfaction as unknown) === '' ? 0 : Number(satisfaction);
		const rating = score ? { satisfaction: score, feedback: feedback ?? cur.feedback } : undefined;
		const change = changeTicketStatus(cur, status ?? cur.status, { at: stamp(ctx).at, rating });
		if (!change.ok) return change;
		const extra: Partial<TicketFields> = {};
		if (!rating && feedback !== undefined) extra.feedback = feedback;
		if (!rating && satisfaction !== undefined && cur.satisfaction) extra.satisfaction = 0;
		let r: CommandResult<number> = { ok: false, errors: [] };
		this.doc.transact(() => {
			r = updateRecord(this.tickets, this.ticketRules(cur.status), id, { ...rest, ...extra, ...change.patch } as Partial<TicketFields>, ctx);
			// The status fields are not form fields: written only here, with the status.
			if (r.ok && change.patch.statusHistory) this.tickets.update(id, { statusChangedAt: change.patch.statusChangedAt, statusHistory: change.patch.statusHistory } as Partial<Ticket>, ctx);
		}, ORIGIN.local);
		return r;
	}

	competitorRules(id = ''): RecordRules<CompetitorFields> {
		const competitors = this.#active(this.competitors);
		return { fields: COMPETITOR_FIELDS, empty: () => emptyCompetitor(), validate: (input, o) => validateCompetitor(input, { ...o, competitors, id }) };
	}

	activeCompetitors(): Competitor[] {
		return this.#active(this.competitors);
	}

	/**
	 * Adds an observation to a competitor: one overlay key per note ("obs:<id>"), so notes two
	 * members add at the same time both survive.
	 */
	observe(id: string, text: string, ctx: WriteContext): CommandResult<string> {
		if (!this.competitors.has(id)) return { ok: false, errors: [{ field: 'id', code: 'notFound' }] };
		const { at, by } = stamp(ctx);
		const { value, errors } = validateObservation({ text, at, by });
		if (errors.length) return { ok: false, errors };
		const key = `${OBSERVATION_PREFIX}${newId()}`;
		this.competitors.update(id, { [key]: value } as Partial<Competitor>, ctx);
		return { ok: true, value: key };
	}

		collection(name: SalesCollection): Collection<Product | Deal | Order | Competitor | Ticket> {
		return this[name] as Collection<Product | Deal | Order | Competitor | Ticket>;
	}
}
