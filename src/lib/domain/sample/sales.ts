// Products, deals and orders of the standard workspace: the catalogue (catalog.ts), the deals
// the team worked on its customers over the 24 months before now, and the orders that followed.
//
// One demand model drives the dates: orders per day rise over the window, follow the year
// (busy November–December, a dip from the week before Spring Festival to the Lantern
// Festival and in the National Day week, quiet weekends) and the catalogue's own seasons
// and trends (gift boxes before Spring Festival, fans in summer, one camera model replacing
// another), so monthly totals, per product too, have a trend and a season a forecast can find.
//
// Deals close on days drawn from that demand; those closing before now are mostly won or lost
// (won more often with customers than with prospects), the rest are open, further along the
// nearer their expected close. Won deals become orders (`orderFromDeal`), framework contracts
// for consumables with call-off orders over their year; customers also reorder directly.
// Customers that order are mostly at stage "customer", since the customers' stages are given.

import type { Stage } from '../customer';
import { DEFAULT_PIPELINE, keysBetween, lineFromProduct, linesTotal, type Deal, type LineItem, type Pipeline } from '../deal';
import { formatDay, fromDayNumber, lunarToSolar, toDayNumber } from '../lunar';
import type { CurrencySettings } from '../money';
import { orderFromDeal, type Order, type OrderStatus } from '../order';
import type { Product } from '../product';
import * as C from './catalog';
import { DAY, T } from './parts';
import * as P from './pools';
import { weightedTable, type Random, type WeightedTable } from './random';
import { officeTime, stageFactors, walk, type Accounts } from './relations';

/** Records per customer when no count is given: 20,000 deals and about 50,000 orders at 100,000 customers. */
export const SALES_RATIOS = { deals: 0.2, directOrders: 0.23 } as const;

/** The currencies the sample's amounts assume: CNY base, US dollars at a team-set rate. */
export const SAMPLE_CURRENCY: CurrencySettings = { base: 'CNY', rates: [{ currency: 'USD', rate: '7.12' }] };

const HOUR = 3_600_000;
/** Deals may be expected to close up to this many days after now. */
const AHEAD_DAYS = 120;

const pick = <T>(rng: Random, list: readonly T[]) => list[Math.floor(rng.float() * list.length)];
const FOREIGN = new Set(P.FOREIGN_REGIONS.map((r) => r.name));

// ——— demand ———

// How the calendar shapes business days, before the catalogue's own seasons.
const MONTH_FACTOR = [1, 0.9, 1.05, 1, 0.95, 1.05, 0.95, 0.95, 1, 1, 1.25, 1.45];
const YEAR_END = [0.9, 0.7, 0.9, 0.9, 0.9, 1, 0.9, 0.9, 1, 1.1, 1.5, 1.9];
const SUMMER = [0.3, 0.3, 0.4, 0.8, 1.6, 2.5, 3, 2.4, 1, 0.4, 0.3, 0.3];
const WINTER = [2.2, 1.2, 0.6, 0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.9, 2.2, 2.6];

/** Days since the last `holiday` in the list, when within [-before, after]; NaN otherwise. */
function offset(holidays: readonly number[], day: number, before: number, after: number): number {
	for (const h of holidays) if (day - h >= -before && day - h <= after) return day - h;
	return Number.NaN;
}

function lunarDays(fromYear: number, toYear: number, month: number, day: number): number[] {
	const out: number[] = [];
	for (let y = fromYear; y <= toYear; y++) {
		const s = lunarToSolar(y, month, day);
		if (s) out.push(toDayNumber(s.year, s.month, s.day));
	}
	return out;
}

/** Orders per day over the window and which products they are for, worked out once. */
export class Demand {
	readonly startDay: number;
	readonly nowDay: number;
	readonly endDay: number;
	/** Cumulative relative orders per day from startDay to endDay (length days + 1). */
	readonly cum: Float64Array;
	/** Month index (from the window's first month) of each day. */
	readonly monthOf: Int32Array;
	/** Per month, products (catalogue indexes) in proportion to their demand. */
	readonly months: WeightedTable<number>[];
	/** Per month, each product's demand relative to its own busiest month (0–1). */
	readonly relative: Float64Array[];
	/** Per category code, its catalogue indexes. */
	readonly byCategory = new Map<string, number[]>();

	constructor(start: number, now: number) {
		this.startDay = Math.floor(start / DAY);
		this.nowDay = Math.floor(now / DAY);
		this.endDay = this.nowDay + AHEAD_DAYS;
		const days = this.endDay - this.startDay + 1;
		const first = fromDayNumber(this.startDay);
		const last = fromDayNumber(this.endDay);
		const spring = lunarDays(first.year - 1, last.year + 1, 1, 1);
		const moon = lunarDays(first.year - 1, last.year + 1, 8, 15);
		const dragon = lunarDays(first.year - 1, last.year + 1, 5, 5);
		const monthCount = (last.year - first.year) * 12 + last.month - first.month + 1;
		const n = C.CATALOG.length;
		const monthly = Array.from({ length: monthCount }, () => new Float64Array(n));
		this.monthOf = new Int32Array(days);
		this.cum = new Float64Array(days + 1);
		const span = this.nowDay - this.startDay || 1;
		for (let k = 0; k < days; k++) {
			const d = this.startDay + k;
			const { year, month, day } = fromDayNumber(d);
			const m = (year - first.year) * 12 + month - first.month;
			this.monthOf[k] = m;
			const sf = offset(spring, d, 40, 20);
			const ma = offset(moon, d, 30, 0);
			const db = offset(dragon, d, 25, 0);
			let mix = 0;
			for (let p = 0; p < n; p++) {
				const item = C.CATALOG[p];
				if (m < item.from || (item.until && m >= item.until)) continue;
				let s = 1;
				switch (item.season) {
					case 'yearEnd':
						s = YEAR_END[month - 1];
						break;
					case 'summer':
						s = SUMMER[month - 1];
						break;
					case 'winter':
						s = WINTER[month - 1];
						break;
					case 'springGift':
						s = sf >= -35 && sf <= -4 ? 6 : sf > -4 && sf <= 10 ? 0.5 : 0.2;
						break;
					case 'moonGift':
						s = ma >= -30 && ma <= -2 ? 8 : 0.1;
						break;
					case 'dragonBoat':
						s = db >= -25 && db <= -1 ? 7 : 0.1;
						break;
				}
				const w = item.weight * s * item.growth ** (k / 365.25);
				monthly[m][p] += w;
				mix += w;
			}
			// The calendar: weekends, the long holidays, a slower start of the window.
			const dow = (d + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
			let cal = MONTH_FACTOR[month - 1] * (dow === 0 ? 0.15 : dow === 6 ? 0.3 : 1) * (1 + (0.35 * (d - this.startDay)) / span);
			if (sf >= -6 && sf <= 6) cal *= 0.1;
			else if (sf > 6 && sf <= 15) cal *= 0.5;
			if (month === 10 && day <= 7) cal *= 0.25;
			if (month === 5 && day <= 5) cal *= 0.5;
			this.cum[k + 1] = this.cum[k] + cal * mix;
		}
		const peak = new Float64Array(n);
		for (const row of monthly) for (let p = 0; p < n; p++) peak[p] = Math.max(peak[p], row[p]);
		this.relative = monthly.map((row) => row.map((w, p) => (peak[p] ? w / peak[p] : 0)));
		this.months = monthly.map((row) => {
			const entries: Array<[number, number]> = [];
			row.forEach((w, p) => w > 0 && entries.push([p, w]));
			return weightedTable(entries.length ? entries : [[0, 1]]);
		});
		C.CATALOG.forEach((item, p) => {
			const code = item.sku.slice(0, 3);
			const list = this.byCategory.get(code);
			if (list) list.push(p);
			else this.byCategory.set(code, [p]);
		});
	}

	/** A day in [lo, hi] (day numbers), drawn in proportion to the orders expected on it. */
	day(rng: Random, lo: number, hi: number): number {
		lo = Math.max(lo, this.startDay);
		hi = Math.min(hi, this.endDay);
		if (hi < lo) return lo;
		const a = this.cum[lo - this.startDay];
		const b = this.cum[hi - this.startDay + 1];
		const u = a + rng.float() * (b - a);
		if (!(b > a)) return lo + Math.floor(rng.float() * (hi - lo + 1));
		let l = lo - this.startDay;
		let h = hi - this.startDay;
		while (l < h) {
			const mid = (l + h) >> 1;
			if (this.cum[mid + 1] > u) h = mid;
			else l = mid + 1;
		}
		return this.startDay + l;
	}

	month(day: number): number {
		return this.monthOf[Math.max(0, Math.min(this.monthOf.length - 1, day - this.startDay))];
	}

	/** Whether a product is sold on `day`. */
	sold(p: number, day: number): boolean {
		const item = C.CATALOG[p];
		const m = this.month(day);
		return m >= item.from && !(item.until && m >= item.until);
	}
}

// ——— products ———

/** The catalogue as products, set up by the owner in the week before the window (launches later). */
export function generateProducts(rng: Random, ownerId: string, memberIds: readonly string[], demand: Demand, start: number, now: number): Product[] {
	const first = fromDayNumber(demand.startDay);
	const monthStart = (m: number) => toDayNumber(first.year + Math.floor((first.month - 1 + m) / 12), ((first.month - 1 + m) % 12) + 1, 1);
	return C.CATALOG.map((item) => {
		const id = rng.uuid();
		const createdAt = item.from ? Math.min(now - 1, officeTime(rng, monthStart(item.from) - rng.int(3, 20))) : start - 7 * DAY + rng.between(DAY, 6 * DAY);
		// A product replaced by a newer model is kept, inactive, for the old deals and orders.
		const retired = item.until ? officeTime(rng, monthStart(item.until) + rng.int(0, 5)) : Infinity;
		const active = retired >= now;
		const updatedAt = !active ? retired : rng.chance(0.6) ? createdAt : createdAt + Math.floor((now - createdAt) * rng.float() ** 2);
		return {
			id,
			name: item.name,
			sku: item.sku,
			category: item.category,
			unit: item.unit,
			unitPrice: item.price,
			currency: item.currency,
			active,
			description: item.description,
			createdAt,
			createdBy: ownerId,
			updatedAt,
			updatedBy: rng.chance(0.7) ? ownerId : pick(rng, memberIds)
		};
	});
}

// ——— lines ———

const CAPACITY_SCALE: Record<string, number> = { '': 1, low: 0.6, medium: 1, high: 1.8 };
const PERCENTS = ['3', '5', '5', '8', '10', '10', '12', '15', '20'];
const LINE_COUNT = T([
	[1, 45],
	[2, 30],
	[3, 17],
	[4, 8]
]);

/** A quantity in the product's usual range (log-uniform), scaled, rounded the way people order. */
function quantity(rng: Random, item: C.CatalogItem, scale: number): number {
	const [lo, hi] = item.qty;
	const q = Math.exp(Math.log(lo) + rng.float() * (Math.log(hi) - Math.log(lo))) * scale;
	return Math.max(1, q >= 50 ? Math.round(q / 10) * 10 : q >= 20 ? Math.round(q / 5) * 5 : Math.round(q));
}

/** A line for product `p` in `currency`: the catalogue price (converted), now and then a discount. */
function line(rng: Random, products: readonly Product[], p: number, currency: string, qty: number): LineItem {
	const l = lineFromProduct(products[p], { currency, settings: SAMPLE_CURRENCY })!;
	l.quantity = String(qty);
	const f = rng.float();
	if (f < 0.35) {
		l.discountKind = 'percent';
		l.discount = pick(rng, PERCENTS);
	} else if (f < 0.4) {
		// A round amount off the line (hundreds of the currency), a few percent of it.
		const off = Math.floor((l.unitPrice * qty * (0.02 + 0.06 * rng.float())) / 10_000) * 10_000;
		if (off > 0) {
			l.discountKind = 'amount';
			l.discountAmount = off;
		}
	}
	return l;
}

/** Products for `count` lines: `first`, then mostly from its category (those in season), all different. */
function lineProducts(rng: Random, demand: Demand, first: number, count: number, day: number): number[] {
	const out = [first];
	const same = demand.byCategory.get(C.CATALOG[first].sku.slice(0, 3))!;
	const m = demand.month(day);
	for (let tries = 0; out.length < count && tries < 12; tries++) {
		const p = rng.chance(0.7) ? pick(rng, same) : rng.weighted(demand.months[m]);
		if (!out.includes(p) && demand.sold(p, day) && rng.float() < demand.relative[m][p] + 0.05) out.push(p);
	}
	return out;
}

function currencyOf(rng: Random, acc: Accounts, i: number): string {
	return FOREIGN.has(acc.customers[i].region) && rng.chance(acc.zh[i] ? 0.5 : 0.9) ? 'USD' : 'CNY';
}

// ——— deals ———

const DEAL_STAGE = stageFactors({ potential: 0.35, prospect: 1.4, customer: 1.5, lost: 0.8 });
/** Chance that a deal closed before now was won, by the customer's stage. */
const WIN: Record<Stage, number> = { potential: 0.05, prospect: 0.35, customer: 0.7, lost: 0.4 };
const STALE_STAGE = T([
	['qualification', 10],
	['needsAnalysis', 20],
	['proposal', 35],
	['negotiation', 35]
]);
const OPEN_STAGES = DEFAULT_PIPELINE.stages.filter((s) => s.kind === 'open').map((s) => s.id);

/** What the orders need to know about a deal. */
export interface DealInfo {
	/** The customer's index. */
	customer: number;
	/** The day it closed (or is expected to). */
	closeDay: number;
	/** Category code of its first product ('' for an amount typed by hand). */
	category: string;
}

/** The day a lost customer stopped buying: halfway through its life so far. */
const churnDay = (acc: Accounts, i: number, nowDay: number) => {
	const created = Math.floor(acc.customers[i].createdAt / DAY);
	return created + Math.floor((nowDay - created) / 2);
};

function makeDeal(rng: Random, acc: Accounts, demand: Demand, products: readonly Product[], i: number): [Deal, DealInfo] {
	const c = acc.customers[i];
	const { now } = acc;
	const { nowDay } = demand;
	const zh = acc.zh[i] === 1;
	const createdDay = Math.floor(c.createdAt / DAY);
	let closeDay = 0;
	let cycle = 0;
	// Sales cycles: log-normal around a month, from a few days to most of a year. A deal that
	// would only be opened after now does not exist yet: draw again.
	for (let tries = 0; tries < 8 && (tries === 0 || closeDay - cycle > nowDay); tries++) {
		closeDay = demand.day(rng, createdDay + 3, demand.endDay);
		const z = Math.sqrt(-2 * Math.log(1 - rng.float())) * Math.cos(2 * Math.PI * rng.float());
		cycle = Math.max(3, Math.min(240, Math.round(30 * Math.exp(0.75 * z))));
	}
	const openDay = Math.min(nowDay, Math.max(createdDay, closeDay - cycle));
	const createdAt = Math.min(now - 1, Math.max(c.createdAt, officeTime(rng, openDay)));

	let stage: string;
	if (closeDay < nowDay && rng.chance(0.92)) {
		const win = c.stage === 'lost' && closeDay > churnDay(acc, i, nowDay) ? 0.02 : WIN[c.stage];
		stage = rng.chance(win) ? 'won' : 'lost';
	} else if (closeDay < nowDay) stage = rng.weighted(STALE_STAGE);
	else {
		const progress = (nowDay - openDay) / Math.max(1, closeDay - openDay) + 0.3 * (rng.float() - 0.5);
		stage = OPEN_STAGES[Math.max(0, Math.min(3, Math.floor(progress * 4)))];
	}
	const closed = stage === 'won' || stage === 'lost';

	// What it is for: a product in demand when it closes, more from the same category.
	const first = rng.weighted(demand.months[demand.month(closeDay)]);
	const item = C.CATALOG[first];
	const code = item.sku.slice(0, 3) as C.CategoryCode;
	const currency = currencyOf(rng, acc, i);
	const scale = 1.5 * CAPACITY_SCALE[c.capacity] * (0.6 + 0.4 * Math.min(3, acc.engagement[i]));
	let lines = lineProducts(rng, demand, first, rng.weighted(LINE_COUNT), closeDay).map((p) => line(rng, products, p, currency, quantity(rng, C.CATALOG[p], scale)));
	let amountMode: Deal['amountMode'] = 'items';
	let amount = 0;
	if (rng.chance(0.1)) {
		// An amount typed by hand, in thousands.
		amountMode = 'manual';
		amount = Math.max(1, Math.round(linesTotal(lines) / 100_000)) * 100_000;
		lines = [];
	}
	const year = String(fromDayNumber(closeDay).year);
	const gift = code === 'GFT' || item.season === 'summer' ? C.GIFT_TITLES[item.season] : undefined;
	const title = (gift ? gift[zh ? 0 : 1] : pick(rng, C.DEAL_TITLES[code][zh ? 0 : 1])).replace('{y}', year);

	const competitorChance = stage === 'lost' ? 0.6 : stage === 'proposal' || stage === 'negotiation' ? 0.4 : 0.2;
	let competitors: string[] = [];
	if (rng.chance(competitorChance)) {
		const pool = zh ? C.ZH_COMPETITORS : C.EN_COMPETITORS;
		const a = pick(rng, pool);
		const b = pick(rng, pool);
		competitors = rng.chance(0.75) || a === b ? [a] : [a, b];
	}
	const owner = rng.chance(0.9) ? c.owner : pick(rng, acc.memberIds);
	const closedAt = closed ? Math.min(now - 1, Math.max(createdAt, officeTime(rng, closeDay))) : 0;
	const stageChangedAt = closed ? closedAt : createdAt + Math.floor((now - createdAt) * rng.float() ** 0.7);
	const last = closed ? closedAt : stageChangedAt;
	const list = acc.contacts.get(i);
	const deal: Deal = {
		id: rng.uuid(),
		title,
		customer: c.id,
		contact: list && rng.chance(0.7) ? pick(rng, list) : '',
		owner,
		stage,
		position: '',
		probability: null,
		currency,
		amountMode,
		amount,
		lines,
		expectedClose: formatDay(fromDayNumber(closeDay)),
		nextStep: !closed && rng.chance(0.85) ? pick(rng, zh ? C.ZH_NEXT_STEPS : C.EN_NEXT_STEPS) : '',
		competitors,
		lostReason: stage === 'lost' ? pick(rng, zh ? C.ZH_LOST_REASONS : C.EN_LOST_REASONS) : '',
		notes: rng.chance(0.2) ? pick(rng, zh ? C.ZH_DEAL_NOTES : C.EN_DEAL_NOTES) : '',
		stageChangedAt,
		closedAt,
		createdAt,
		createdBy: rng.chance(0.85) ? owner : pick(rng, acc.memberIds),
		updatedAt: rng.chance(0.5) ? last : Math.min(now, last + rng.between(0, 3 * DAY)),
		updatedBy: rng.chance(0.8) ? owner : pick(rng, acc.memberIds)
	};
	return [deal, { customer: i, closeDay, category: amountMode === 'manual' ? '' : code }];
}

/**
 * Gives every deal an order key in its stage's column, so the board needs no writes to show
 * them in order: open columns by expected close (soonest first), won and lost ones by when
 * they closed (latest first).
 */
export function placeDeals(deals: Deal[]): void {
	const columns = new Map<string, Deal[]>();
	for (const d of deals) {
		const col = columns.get(d.stage);
		if (col) col.push(d);
		else columns.set(d.stage, [d]);
	}
	for (const col of columns.values()) {
		const closed = (col[0].closedAt ?? 0) > 0;
		col.sort((a, b) => (closed ? (b.closedAt ?? 0) - (a.closedAt ?? 0) : a.expectedClose < b.expectedClose ? -1 : a.expectedClose > b.expectedClose ? 1 : 0) || (a.id < b.id ? -1 : 1));
		const keys = keysBetween(null, null, col.length);
		col.forEach((d, k) => (d.position = keys[k]));
	}
}

/**
 * Moves the sample's deals onto a workspace pipeline other than the default one: won and lost
 * to its won and lost stages, the default open stages spread over its open stages in order;
 * then gives the columns fresh order keys. Nothing changes on the default pipeline.
 */
export function fitPipeline(deals: Deal[], pipeline: Pipeline): void {
	const open = pipeline.stages.filter((s) => s.kind === 'open').map((s) => s.id);
	const map = new Map<string, string>();
	OPEN_STAGES.forEach((id, k) => map.set(id, open[Math.floor((k * open.length) / OPEN_STAGES.length)] ?? id));
	for (const kind of ['won', 'lost'] as const) map.set(kind, pipeline.stages.find((s) => s.kind === kind)?.id ?? kind);
	if ([...map].every(([from, to]) => from === to)) return;
	for (const d of deals) d.stage = map.get(d.stage) ?? d.stage;
	placeDeals(deals);
}

/** Deals of the customers, about `SALES_RATIOS.deals` per customer (more with customers and prospects, busier accounts). */
export function generateDeals(rng: Random, acc: Accounts, demand: Demand, products: readonly Product[], exact?: number): { deals: Deal[]; info: DealInfo[] } {
	const span = acc.now - acc.start;
	const pairs = walk(
		acc,
		rng,
		exact,
		SALES_RATIOS.deals,
		(c, i, ratio) => ratio * DEAL_STAGE[c.stage] * (0.4 + 0.6 * acc.engagement[i]) * (0.57 + (acc.now - c.createdAt) / span),
		(i) => makeDeal(rng, acc, demand, products, i)
	);
	const deals = pairs.map(([d]) => d);
	placeDeals(deals);
	return { deals, info: pairs.map(([, x]) => x) };
}

// ——— orders ———

const DIRECT_STAGE = stageFactors({ potential: 0, prospect: 0.1, customer: 3, lost: 1 });
/** Share of won deals that are framework contracts (年度框架协议) with call-offs over a year, by category: consumables mostly, gifts never. */
const FRAMEWORK: Record<string, number> = { SUP: 0.85, IND: 0.85, GFT: 0, OFC: 0.45, ITN: 0.45, SVC: 0.45, SEC: 0.45, IMP: 0.45, '': 0 };

/** Where an order of `age` days is by now: old ones paid, recent ones confirmed or delivered. */
function orderStatus(rng: Random, age: number): OrderStatus {
	const f = rng.float();
	if (f < 0.03) return 'cancelled';
	const g = rng.float();
	if (age > 60) return g < 0.92 ? 'paid' : g < 0.98 ? 'invoiced' : 'delivered';
	if (age > 21) return g < 0.5 ? 'paid' : g < 0.8 ? 'invoiced' : g < 0.95 ? 'delivered' : 'confirmed';
	if (age > 7) return g < 0.15 ? 'paid' : g < 0.35 ? 'invoiced' : g < 0.8 ? 'delivered' : 'confirmed';
	return g < 0.6 ? 'confirmed' : g < 0.95 ? 'delivered' : 'invoiced';
}

interface OrderCounter {
	contracts: number;
}

/** Fills in an order's status, numbers and times for an order placed on `day`. */
function finishOrder(rng: Random, acc: Accounts, demand: Demand, o: Order, day: number, notBefore: number): Order {
	const { now } = acc;
	const status = orderStatus(rng, demand.nowDay - day);
	const createdAt = Math.min(now - 1, Math.max(notBefore, officeTime(rng, day)));
	const statusChangedAt = status === 'confirmed' ? createdAt : Math.min(now - 1, createdAt + rng.between(HOUR, Math.max(HOUR + 1, Math.min(45, demand.nowDay - day + 1) * DAY)));
	const year = fromDayNumber(day).year;
	if ((status === 'invoiced' || status === 'paid') && rng.chance(0.85)) {
		// Fully digital invoices (数电票) have 20 digits; paper ones 8.
		o.invoiceNo = year >= 2025 ? `${String(year).slice(2)}${rng.digits(9)}${rng.digits(9)}` : rng.digits(8);
	}
	o.status = status;
	o.statusChangedAt = statusChangedAt;
	o.createdAt = createdAt;
	o.updatedAt = Math.max(createdAt, statusChangedAt);
	o.updatedBy = rng.chance(0.8) ? o.owner : pick(rng, acc.memberIds);
	o.createdBy = rng.chance(0.85) ? o.owner : pick(rng, acc.memberIds);
	return o;
}

function contractNo(acc: Accounts, i: number, day: number, counter: OrderCounter): string {
	counter.contracts++;
	return `${acc.zh[i] ? 'HT' : 'SC'}-${fromDayNumber(day).year}-${String(counter.contracts).padStart(5, '0')}`;
}

/** The orders of a won deal: one when it is won, and call-offs over a framework contract's year. */
function dealOrders(rng: Random, acc: Accounts, demand: Demand, index: ReadonlyMap<string, number>, deal: Deal, info: DealInfo, counter: OrderCounter): Order[] {
	const i = info.customer;
	const c = acc.customers[i];
	const zh = acc.zh[i] === 1;
	const day = Math.min(demand.nowDay, info.closeDay + Math.floor(-Math.log(1 - rng.float()) * 3));
	const date = formatDay(fromDayNumber(day));
	const first: Order = { id: rng.uuid(), ...orderFromDeal(deal, { date }), createdAt: 0, createdBy: '', updatedAt: 0, updatedBy: '' };
	const framework = rng.chance(FRAMEWORK[info.category] * (c.stage === 'customer' ? 1 : 0.5));
	if (framework || rng.chance(0.7)) {
		first.contractNo = contractNo(acc, i, day, counter);
		first.contractStart = date;
		if (framework || rng.chance(0.4)) first.contractEnd = formatDay(fromDayNumber(day + 364));
	}
	if (rng.chance(0.15)) first.notes = pick(rng, zh ? C.ZH_ORDER_NOTES : C.EN_ORDER_NOTES);
	const out = [finishOrder(rng, acc, demand, first, day, deal.closedAt || deal.createdAt)];
	if (!framework) return out;
	// Call-offs at the contract's prices, on days with demand, until the contract ends or now;
	// each takes the products then in season (and still sold).
	const end = Math.min(day + 364, c.stage === 'lost' ? churnDay(acc, i, demand.nowDay) : demand.nowDay);
	if (end <= day + 14) return out;
	const k = Math.round(((end - day) / 364) * (11 + rng.float() * 14));
	const days: number[] = [];
	for (let n = 0; n < k; n++) days.push(demand.day(rng, day + 14, end));
	days.sort((a, b) => a - b);
	for (const d of days) {
		const m = demand.month(d);
		const lines: LineItem[] = [];
		for (const l of deal.lines) {
			const p = index.get(l.product)!;
			if (!demand.sold(p, d) || rng.float() >= 0.8 * demand.relative[m][p] + 0.1) continue;
			const q = Math.max(1, Math.round(Number(l.quantity) * (0.2 + 0.5 * rng.float())));
			lines.push({ ...l, quantity: String(q), discountAmount: 0, discountKind: l.discountKind === 'amount' ? 'percent' : l.discountKind });
		}
		if (!lines.length) continue;
		const o: Order = {
			...first,
			id: rng.uuid(),
			orderDate: formatDay(fromDayNumber(d)),
			lines,
			invoiceNo: '',
			notes: ''
		};
		out.push(finishOrder(rng, acc, demand, o, d, c.createdAt));
	}
	return out;
}

/** A reorder without a deal: mostly products the customer bought before, when they are in season. */
function directOrder(rng: Random, acc: Accounts, demand: Demand, products: readonly Product[], usual: Map<number, number[]>, i: number): Order {
	const c = acc.customers[i];
	const zh = acc.zh[i] === 1;
	const createdDay = Math.floor(c.createdAt / DAY);
	const hi = c.stage === 'lost' ? churnDay(acc, i, demand.nowDay) : demand.nowDay;
	const day = demand.day(rng, createdDay + 1, hi);
	const m = demand.month(day);
	const mine = usual.get(i) ?? [];
	let first = -1;
	for (let tries = 0; first < 0 && tries < 3 && mine.length; tries++) {
		const p = pick(rng, mine);
		if (demand.sold(p, day) && rng.float() < demand.relative[m][p]) first = p;
	}
	if (first < 0) first = rng.weighted(demand.months[m]);
	const currency = currencyOf(rng, acc, i);
	const scale = CAPACITY_SCALE[c.capacity] * (0.6 + 0.4 * Math.min(3, acc.engagement[i]));
	const count = rng.weighted(LINE_COUNT) > 2 ? 3 : rng.chance(0.6) ? 1 : 2;
	const lines = lineProducts(rng, demand, first, count, day).map((p) => line(rng, products, p, currency, quantity(rng, C.CATALOG[p], scale)));
	const o: Order = {
		id: rng.uuid(),
		customer: c.id,
		deal: '',
		owner: c.owner,
		orderDate: formatDay(fromDayNumber(day)),
		status: 'confirmed',
		lines,
		currency,
		contractNo: '',
		contractStart: '',
		contractEnd: '',
		invoiceNo: '',
		notes: rng.chance(0.1) ? pick(rng, zh ? C.ZH_ORDER_NOTES : C.EN_ORDER_NOTES) : '',
		createdAt: 0,
		createdBy: '',
		updatedAt: 0,
		updatedBy: ''
	};
	return finishOrder(rng, acc, demand, o, day, c.createdAt);
}

/**
 * Orders: those of the won deals (`rng`), then each customer's direct reorders (`directRng`,
 * about `SALES_RATIOS.directOrders` per customer, nearly all at stage customer), listed by
 * customer. An explicit count is met exactly (dropping the last customers' deal orders when
 * the deals alone have more).
 */
export function generateOrders(
	rng: Random,
	directRng: Random,
	acc: Accounts,
	demand: Demand,
	products: readonly Product[],
	deals: readonly Deal[],
	info: readonly DealInfo[],
	exact?: number
): Order[] {
	const n = acc.customers.length;
	const fromDeals: Order[][] = Array.from({ length: n }, () => []);
	const usual = new Map<number, number[]>();
	const index = new Map(products.map((p, k) => [p.id, k]));
	const counter: OrderCounter = { contracts: 0 };
	let dealCount = 0;
	deals.forEach((deal, k) => {
		const i = info[k].customer;
		if (deal.stage !== 'won') return;
		const orders = dealOrders(rng, acc, demand, index, deal, info[k], counter);
		fromDeals[i].push(...orders);
		dealCount += orders.length;
		const mine = usual.get(i) ?? [];
		for (const l of deal.lines) {
			const p = index.get(l.product);
			if (p !== undefined && !mine.includes(p)) mine.push(p);
		}
		usual.set(i, mine);
	});
	const direct: Order[][] = Array.from({ length: n }, () => []);
	const span = acc.now - acc.start;
	walk(
		acc,
		directRng,
		exact === undefined ? undefined : Math.max(0, exact - dealCount),
		SALES_RATIOS.directOrders,
		(c, i, ratio) => ratio * DIRECT_STAGE[c.stage] * acc.engagement[i] * (0.2 + (1.8 * (acc.now - c.createdAt)) / span),
		(i) => {
			const o = directOrder(directRng, acc, demand, products, usual, i);
			direct[i].push(o);
			return o;
		}
	);
	const out: Order[] = [];
	for (let i = 0; i < n; i++) out.push(...fromDeals[i], ...direct[i]);
	return exact === undefined ? out : out.slice(0, exact);
}

/**
 * The currency settings to write so the sample's amounts add up in the workspace: the sample's
 * own (CNY base, a USD rate) while the team has set no rates (the base is then only the
 * language's default), the missing rate when the team's base is CNY or USD; null when nothing
 * needs to change, or when the team has rates around another base (its settings are its own,
 * and amounts without a rate are shown as such).
 */
export function sampleCurrencySettings(current: CurrencySettings | undefined): CurrencySettings | null {
	if (!current?.rates?.length) return { ...SAMPLE_CURRENCY, rates: [...SAMPLE_CURRENCY.rates] };
	const has = (code: string) => current.base === code || current.rates.some((r) => r.currency === code);
	if (has('CNY') && has('USD')) return null;
	if (current.base === 'CNY') return { base: 'CNY', rates: [...current.rates, ...SAMPLE_CURRENCY.rates] };
	if (current.base === 'USD') return { base: 'USD', rates: [...current.rates, { currency: 'CNY', rate: (1 / Number(SAMPLE_CURRENCY.rates[0].rate)).toFixed(10).replace(/0+$/, '') }] };
	return null;
}
