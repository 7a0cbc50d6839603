// The incremental analytics engine. It keeps, per customer, the compact records that mention
// it, its facts and its "contribution": a short list of (bucket key, amount) pairs such as
// ("rg::East China", 1) or ("rv:2026-03:", 125000). Workspace totals are the sums of all
// contributions and are kept current by subtracting a customer's old contribution and adding
// its new one, so one changed record costs the work of its customer's records, not a rescan.
// Scores that rank customers against each other (RFM, tiers) are read from sorted value lists
// kept by binary search. A filtered dashboard sums the contributions of the matching customers.
import { computeFacts, churnRisk, type ActivityIn, type CustomerIn, type DealIn, type OrderIn, type TicketIn } from './facts';
import { quintileBounds, scoreOf, SortedNumbers, tierCutoffs, tierOf, type TierCutoffs } from './rfm';
import { compileRule, segmentFields, validateRule, type RuleSubject } from './segment';
import { DAY, dayStart, daysSince, monthOf } from './time';
import { TIERS, type AnalyticsSettings, type CustomerFacts, type CustomerInsight, type RfmScores, type RuleError, type SegmentField, type SegmentRule, type Tier } from './types';
import { DEFAULT_ANALYTICS } from './settings';

interface Slot {
	id: string;
	/** The active customer record; null when unknown here or in the Trash. */
	record: CustomerIn | null;
	orders: Map<string, OrderIn>;
	activities: Map<string, ActivityIn>;
	deals: Map<string, DealIn>;
	tickets: Map<string, TicketIn>;
	facts: CustomerFacts | null;
	/** Flat (key id, amount) pairs. */
	contrib: number[];
	/** What this customer adds to the cached rank pass (see `rankPass`), when it is in it. */
	ranked: Ranked | null;
}

/** One customer in the rank pass: tier, RFM cell (r × 10 + f, 0 without orders), order total, A-tier (not lost), followed up. */
type Ranked = [tier: Tier, cell: number, money: number, a: number, followed: number];

/** What the dashboard needs from every customer's rank: tier counts, the RFM grid, A-tier follow-up. */
export interface RankPass {
	tiers: Record<Tier, number>;
	/** RFM cell (r × 10 + f) → [customers, order total]. */
	cells: Map<number, [count: number, money: number]>;
	aTier: number;
	aFollowed: number;
}

type Kind = 'orders' | 'activities' | 'deals' | 'tickets';

/**
 * The slot of records without a customer. Records of customers in the Trash or not (yet) known
 * here stay in their customer's slot: they count in the unfiltered totals (the work happened)
 * but no filter selects them.
 */
const ORPHAN = '';

/** An active customer as the readers see it. */
export interface CustomerEntry {
	id: string;
	record: CustomerIn;
	facts: CustomerFacts;
}

/** A customer filter: owner and/or a validated segment rule. */
export interface CustomerFilter {
	owner?: string;
	rule?: SegmentRule | null;
}

export class Aggregator {
	#slots = new Map<string, Slot>();
	/** Record id → its customer, per kind. */
	#where: Record<Kind, Map<string, string>> = { orders: new Map(), activities: new Map(), deals: new Map(), tickets: new Map() };
	#keyIds = new Map<string, number>();
	#keys: string[] = [];
	/** Each key split into prefix, month and value. */
	#parsed: Array<[prefix: string, month: string, value: string]> = [];
	#totals: number[] = [];
	/** Slots whose records changed during a batch; counted once when it ends. */
	#dirty: Set<Slot> | null = null;
	#depth = 0;
	#bounds: { r: number[] | null; f: number[] | null; m: number[] | null } | null = null;
	/** The unfiltered rank pass and the ranks it was made with; customers recounted since are pending. */
	#pass: { key: string; value: RankPass } | null = null;
	#pending = new Set<Slot>();
	#r = new SortedNumbers();
	#f = new SortedNumbers();
	#m = new SortedNumbers();
	#cut: TierCutoffs | null = null;
	/** Forecast series: target ("p:<product>", "c:<category>", "rev") → month → quantity or revenue. */
	#demand = new Map<string, Map<string, number>>();
	#fields: SegmentField[] = segmentFields([]);
	/** Bumped on every change, so callers can tell whether answers may differ. */
	version = 0;

	constructor(public settings: AnalyticsSettings = DEFAULT_ANALYTICS) {}

	// ——— feeding ———

	/**
	 * Starts a batch: records fed until `endBatch` are counted once per customer at its end
	 * (loading a workspace), instead of once per record.
	 */
	beginBatch(): void {
		this.#dirty ??= new Set();
		this.#depth++;
	}

	/** Ends a batch; nested batches count when the outermost ends. */
	endBatch(): void {
		if (--this.#depth > 0) return;
		this.#depth = 0;
		const dirty = this.#dirty;
		this.#dirty = null;
		for (const slot of dirty ?? []) {
			this.#count(slot);
			this.#drop(slot);
		}
	}

	/** Sets (or with null removes / sends to the Trash) a customer record. */
	setCustomer(id: string, record: CustomerIn | null): void {
		const slot = this.#slot(id);
		this.#open(slot);
		slot.record = record;
		this.#close(slot);
	}

	setOrder(id: string, o: OrderIn | null): void {
		const before = this.#slots.get(this.#where.orders.get(id) ?? '\u0000')?.orders.get(id);
		if (before) this.#addDemand(before, -1);
		this.#set('orders', id, o);
		if (o) this.#addDemand(o, 1);
	}

	setActivity(id: string, a: ActivityIn | null): void {
		this.#set('activities', id, a);
	}

	setDeal(id: string, d: DealIn | null): void {
		this.#set('deals', id, d);
	}

	setTicket(id: string, t: TicketIn | null): void {
		this.#set('tickets', id, t);
	}

	/** The custom field definitions and members that segment rules may name. */
	setFields(fields: SegmentField[]): void {
		this.#fields = fields;
	}

	get fields(): SegmentField[] {
		return this.#fields;
	}

	setSettings(settings: AnalyticsSettings): void {
		this.settings = settings;
		this.#cut = null;
		this.version++;
	}

	#set<T extends { customer: string }>(kind: Kind, id: string, rec: T | null): void {
		const was = this.#where[kind].get(id);
		if (was !== undefined) {
			const slot = this.#slots.get(was)!;
			this.#open(slot);
			(slot[kind] as Map<string, unknown>).delete(id);
			this.#where[kind].delete(id);
			if (rec && rec.customer === was) {
				(slot[kind] as Map<string, unknown>).set(id, rec);
				this.#where[kind].set(id, was);
				this.#close(slot);
				return;
			}
			this.#close(slot);
		}
		if (!rec) return;
		const slot = this.#slot(rec.customer || ORPHAN);
		this.#open(slot);
		(slot[kind] as Map<string, unknown>).set(id, rec);
		this.#where[kind].set(id, slot.id);
		this.#close(slot);
	}

	/** Takes a slot out of the totals before its records change (once per batch). */
	#open(s: Slot) {
		this.version++;
		if (this.#dirty) {
			if (!this.#dirty.has(s)) {
				this.#uncount(s);
				this.#dirty.add(s);
			}
		} else this.#uncount(s);
	}

	/** Puts a slot back into the totals after its records changed (at the end of a batch). */
	#close(s: Slot) {
		if (this.#dirty) return;
		this.#count(s);
		this.#drop(s);
	}

	#slot(id: string): Slot {
		let s = this.#slots.get(id);
		if (!s) this.#slots.set(id, (s = { id, record: null, orders: new Map(), activities: new Map(), deals: new Map(), tickets: new Map(), facts: null, contrib: [], ranked: null }));
		return s;
	}

	/** Forgets a slot with nothing left in it. */
	#drop(s: Slot) {
		if (!s.record && !s.orders.size && !s.activities.size && !s.deals.size && !s.tickets.size) this.#slots.delete(s.id);
	}

	#uncount(s: Slot) {
		this.#cut = null;
		this.#bounds = null;
		if (s.ranked && this.#pass) addRanked(this.#pass.value, s.ranked, -1);
		s.ranked = null;
		const c = s.contrib;
		for (let i = 0; i < c.length; i += 2) this.#totals[c[i]] -= c[i + 1];
		s.contrib = [];
		const f = s.facts;
		if (f && s.record && f.orderCount > 0) {
			this.#r.remove(f.lastOrder);
			this.#f.remove(f.orderCount);
			this.#m.remove(f.orderTotal);
		}
		s.facts = null;
	}

	#count(s: Slot) {
		this.#cut = null;
		this.#bounds = null;
		if (this.#pass) this.#pending.add(s);
		if (s.record) {
			const f = computeFacts(s.record, { orders: s.orders.values(), activities: s.activities.values(), deals: s.deals.values(), tickets: s.tickets.values() });
			s.facts = f;
			if (f.orderCount > 0) {
				this.#r.add(f.lastOrder);
				this.#f.add(f.orderCount);
				this.#m.add(f.orderTotal);
			}
		}
		s.contrib = this.#contribution(s);
		const c = s.contrib;
		for (let i = 0; i < c.length; i += 2) this.#totals[c[i]] = (this.#totals[c[i]] ?? 0) + c[i + 1];
	}

	#key(k: string): number {
		let id = this.#keyIds.get(k);
		if (id === undefined) {
			id = this.#keys.length;
			this.#keyIds.set(k, id);
			this.#keys.push(k);
			const a = k.indexOf(':');
			const b = k.indexOf(':', a + 1);
			this.#parsed.push([k.slice(0, a), k.slice(a + 1, b), k.slice(b + 1)]);
			this.#totals.push(0);
		}
		return id;
	}

	/** A customer's (bucket key, amount) pairs; see the key list in docs/ANALYTICS.md. */
	#contribution(s: Slot): number[] {
		const acc = new Map<number, number>();
		const add = (k: string, v = 1) => {
			if (!v) return;
			const id = this.#key(k);
			acc.set(id, (acc.get(id) ?? 0) + v);
		};
		const c = s.record;
		if (c) {
			add('all::');
			add(`st::${c.stage}`);
			add(`rg::${str(c.region)}`);
			add(`in::${str(c.industry)}`);
			add(`ty::${str(c.type)}`);
			add(`so::${str(c.source)}`);
			add(str(c.owner) ? 'own::' : 'no::');
			if (c.createdAt) add(`nc:${monthOf(c.createdAt)}:`);
		}
		for (const o of s.orders.values()) {
			const m = monthOf(o.day);
			add(`or:${m}:`);
			if (o.cancelled || o.corrected) add(`ob:${m}:`);
			if (o.cancelled) continue;
			add(`oc:${m}:`);
			if (o.total !== null) add(`rv:${m}:`, o.total);
			for (const l of o.lines) {
				if (l.amount === null) continue;
				add(`rc:${m}:${l.category}`, l.amount);
				if (l.product) add(`rp:${m}:${l.product}`, l.amount);
			}
		}
		for (const a of s.activities.values()) {
			const m = monthOf(a.at);
			add(`ac:${m}:${a.channel}`);
			add(`ta:${m}:${a.member}`);
		}
		for (const d of s.deals.values()) {
			if (d.createdAt) add(`td:${monthOf(d.createdAt)}:${d.owner}`);
			if (d.kind === 'open') {
				add(`dp::${d.stage}`);
				if (d.amount !== null) add(`da::${d.stage}`, d.amount);
				add('do::');
				add(d.hasNextStep ? 'dn::' : 'dx::');
				continue;
			}
			if (!d.closedAt) continue;
			const m = monthOf(d.closedAt);
			if (d.kind === 'won') {
				add(`dw:${m}:`);
				add(`dc:${m}:`, Math.max(0, Math.round((d.closedAt - d.createdAt) / 86_400_000)));
				add(`tw:${m}:${d.owner}`);
				for (const n of d.competitors) add(`cw:${m}:${n}`);
			} else {
				add(`dl:${m}:`);
				add(`lr:${m}:${d.lostReason}`);
				for (const n of d.competitors) add(`cl:${m}:${n}`);
			}
		}
		for (const t of s.tickets.values()) {
			const m = monthOf(t.createdAt);
			add(`tk:${m}:${t.type}`);
			if (t.breached) add(`tb:${m}:`);
			if (t.satisfaction > 0) {
				const rm = monthOf(t.resolvedAt || t.createdAt);
				add(`sn:${rm}:`);
				add(`ss:${rm}:`, t.satisfaction);
			}
		}
		const out: number[] = [];
		for (const [k, v] of acc) out.push(k, v);
		return out;
	}

	#addDemand(o: OrderIn, sign: 1 | -1) {
		if (o.cancelled) return;
		const m = monthOf(o.day);
		const bump = (target: string, v: number) => {
			let series = this.#demand.get(target);
			if (!series) this.#demand.set(target, (series = new Map()));
			series.set(m, (series.get(m) ?? 0) + sign * v);
		};
		if (o.total !== null) bump('rev', o.total);
		for (const l of o.lines) {
			if (l.product) bump(`p:${l.product}`, l.quantity);
			if (l.category) bump(`c:${l.category}`, l.quantity);
		}
	}

	// ——— reading ———

	/** Key names by id and the current totals (for dashboard building). */
	get keys(): readonly string[] {
		return this.#keys;
	}

	get totals(): readonly number[] {
		return this.#totals;
	}

	/** Key `i` split into prefix, month ('' when not monthly) and value. */
	parsedKey(i: number): readonly [prefix: string, month: string, value: string] {
		return this.#parsed[i];
	}

	/** Sums of the contributions of the customers `keep` accepts (records without an active customer left out). */
	sumOf(keep: (c: CustomerEntry) => boolean): number[] {
		const out = new Array<number>(this.#keys.length).fill(0);
		for (const s of this.#slots.values()) {
			if (!s.record || !s.facts || !keep(s as CustomerEntry)) continue;
			const c = s.contrib;
			for (let i = 0; i < c.length; i += 2) out[c[i]] += c[i + 1];
		}
		return out;
	}

	/** Active customers with their facts. */
	*customers(): Generator<CustomerEntry> {
		for (const s of this.#slots.values()) if (s.record && s.facts) yield s as CustomerEntry;
	}

	/**
	 * Tier counts, the RFM grid and A-tier follow-up over the customers `keep` accepts (all when
	 * null), as of `now`. The unfiltered pass is cached with the ranks it used (tier cutoffs, R
	 * and F bounds, the day, the follow-up days): while they hold, only customers recounted since
	 * are redone, so an edit that moves no rank costs its own customer, not a pass over all.
	 */
	rankPass(keep: ((c: CustomerEntry) => boolean) | null, now: number): RankPass {
		const followedSince = dayStart(now) - (this.settings.aTierDays - 1) * DAY;
		const b = (this.#bounds ??= { r: quintileBounds(this.#r), f: quintileBounds(this.#f), m: quintileBounds(this.#m) });
		const cut = this.cutoffs();
		const key = `${cut.a},${cut.b}|${b.r}|${b.f}|${followedSince}`;
		const rank = (c: CustomerEntry): Ranked => {
			const tier = this.tier(c.record, c.facts);
			const a = tier === 'A' && c.record.stage !== 'lost' ? 1 : 0;
			return [tier, this.rfCell(c.facts), c.facts.orderTotal, a, a && c.facts.lastContact >= followedSince ? 1 : 0];
		};
		if (keep) {
			const out = emptyPass();
			this.forEachCustomer((c) => {
				if (keep(c)) addRanked(out, rank(c), 1);
			});
			return out;
		}
		if (this.#pass?.key === key) {
			for (const s of this.#pending) {
				if (s.record && s.facts && !s.ranked && this.#slots.get(s.id) === s) addRanked(this.#pass.value, (s.ranked = rank(s as CustomerEntry)), 1);
			}
			this.#pending.clear();
			return this.#pass.value;
		}
		const value = emptyPass();
		for (const s of this.#slots.values()) {
			s.ranked = null;
			if (s.record && s.facts) addRanked(value, (s.ranked = rank(s as CustomerEntry)), 1);
		}
		this.#pending.clear();
		this.#pass = { key, value };
		return value;
	}

	/** Calls `fn` for every active customer (no allocation per customer: the hot path of the dashboard). */
	forEachCustomer(fn: (c: CustomerEntry) => void): void {
		for (const s of this.#slots.values()) if (s.record && s.facts) fn(s as CustomerEntry);
	}

	/** The recency and frequency scores packed as r × 10 + f (0 without orders), without allocating. */
	rfCell(f: CustomerFacts): number {
		if (f.orderCount === 0) return 0;
		const b = (this.#bounds ??= { r: quintileBounds(this.#r), f: quintileBounds(this.#f), m: quintileBounds(this.#m) });
		return scoreOf(b.r, f.lastOrder) * 10 + scoreOf(b.f, f.orderCount);
	}

	/** A customer's bucket keys with their amounts. */
	*contributionOf(id: string): Generator<[key: string, amount: number]> {
		const c = this.#slots.get(id)?.contrib ?? [];
		for (let i = 0; i < c.length; i += 2) yield [this.#keys[c[i]], c[i + 1]];
	}

	get customerCount(): number {
		let n = 0;
		for (const s of this.#slots.values()) if (s.record) n++;
		return n;
	}

	facts(id: string): CustomerFacts | null {
		return this.#slots.get(id)?.facts ?? null;
	}

	record(id: string): CustomerIn | null {
		return this.#slots.get(id)?.record ?? null;
	}

	cutoffs(): TierCutoffs {
		return (this.#cut ??= tierCutoffs(this.#m, this.settings.tierShares));
	}

	rfm(f: CustomerFacts): RfmScores {
		if (f.orderCount === 0) return { r: 0, f: 0, m: 0 };
		const b = (this.#bounds ??= { r: quintileBounds(this.#r), f: quintileBounds(this.#f), m: quintileBounds(this.#m) });
		return { r: scoreOf(b.r, f.lastOrder), f: scoreOf(b.f, f.orderCount), m: scoreOf(b.m, f.orderTotal) };
	}

	computedTier(f: CustomerFacts): Tier {
		return tierOf(f.orderTotal, this.cutoffs());
	}

	/** The tier in effect: a valid override on the record, else the computed tier. */
	tier(record: CustomerIn, f: CustomerFacts): Tier {
		const o = record.tierOverride;
		return typeof o === 'string' && (TIERS as readonly string[]).includes(o) ? (o as Tier) : this.computedTier(f);
	}

	/** Everything the customer page shows about a customer, as of `now`. */
	insight(id: string, now: number): CustomerInsight | null {
		const s = this.#slots.get(id);
		if (!s?.record || !s.facts) return null;
		const f = s.facts;
		const o = s.record.tierOverride;
		const override = typeof o === 'string' && (TIERS as readonly string[]).includes(o) ? (o as Tier) : '';
		return {
			...f,
			rfm: this.rfm(f),
			computedTier: this.computedTier(f),
			tier: override || this.computedTier(f),
			tierOverride: override,
			tierReason: override ? str(s.record.tierReason) : '',
			daysSinceOrder: daysSince(f.lastOrder, now),
			daysSinceContact: daysSince(f.lastContact, now),
			daysInStage: daysSince(f.stageSince, now) ?? 0,
			churnRisk: churnRisk(f, now, this.settings) > 0
		};
	}

	/** Checks a rule against the fields it may name. */
	checkRule(rule: unknown): RuleError[] {
		return validateRule(rule, this.#fields);
	}

	/**
	 * A predicate over active customers for an owner and a (validated) rule, as of `now`. The
	 * subject object is reused between calls, so the predicate must not be kept per customer.
	 */
	filter({ owner = '', rule = null }: CustomerFilter, now: number): (c: CustomerEntry) => boolean {
		const test = rule && rule.rules.length ? compileRule(rule, this.#fields, now) : null;
		if (!test && !owner) return () => true;
		let cur: CustomerEntry | null = null;
		const subject: RuleSubject = {
			record: {},
			facts: undefined,
			tier: () => this.tier(cur!.record, cur!.facts),
			rfm: () => this.rfm(cur!.facts)
		};
		return (c) => {
			if (owner && c.record.owner !== owner) return false;
			if (!test) return true;
			cur = c;
			subject.record = c.record;
			subject.facts = c.facts;
			return test(subject);
		};
	}

	/** Ids of active customers matching a filter. */
	ids(filter: CustomerFilter, now: number): string[] {
		const keep = this.filter(filter, now);
		const out: string[] = [];
		for (const s of this.#slots.values()) if (s.record && s.facts && keep(s as CustomerEntry)) out.push(s.id);
		return out;
	}

	/** How many active customers match a filter. */
	count(filter: CustomerFilter, now: number): number {
		const keep = this.filter(filter, now);
		let n = 0;
		for (const s of this.#slots.values()) if (s.record && s.facts && keep(s as CustomerEntry)) n++;
		return n;
	}

	/** Ids of the orders with a line of this product. */
	ordersWithProduct(product: string): string[] {
		const out: string[] = [];
		for (const s of this.#slots.values()) for (const o of s.orders.values()) if (o.lines.some((l) => l.product === product)) out.push(o.id);
		return out;
	}

	/** Targets with history: "p:<id>", "c:<category>", "rev". */
	demandTargets(): string[] {
		return [...this.#demand].filter(([, series]) => [...series.values()].some((v) => v !== 0)).map(([target]) => target);
	}

	/** A target's monthly series (months without orders are absent). */
	demand(target: string): ReadonlyMap<string, number> {
		return this.#demand.get(target) ?? new Map();
	}
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function emptyPass(): RankPass {
	return { tiers: { A: 0, B: 0, C: 0 }, cells: new Map(), aTier: 0, aFollowed: 0 };
}

function addRanked(p: RankPass, [tier, cell, money, a, followed]: Ranked, sign: 1 | -1) {
	p.tiers[tier] += sign;
	p.aTier += sign * a;
	p.aFollowed += sign * followed;
	if (!cell) return;
	const c = p.cells.get(cell);
	if (c) {
		c[0] += sign;
		c[1] += sign * money;
		if (!c[0]) p.cells.delete(cell);
	} else p.cells.set(cell, [sign, sign * money]);
}
