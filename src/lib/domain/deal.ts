// Deals (商机): a configurable pipeline of stages ending in won or lost, line items priced
// exactly, the weighted pipeline in the base currency, and the order keys that place a card in
// its kanban column so that members moving cards at the same time end up with the same board.
import { converter, divideRounded, MAX_AMOUNT, MoneyChecker, parseDecimal, toSafeNumber, type CurrencySettings } from './money';
import type { ProductFields } from './product';
import type { RecordMeta } from './record';
import { LONG_TEXT, SHORT_TEXT, type FieldError } from './validate';
import { DEFAULT_PIPELINE, DEFAULT_STAGE_IDS, findStage, STAGE_KINDS, type Pipeline, type PipelineStage, type StageKind } from './pipeline';

// ——— pipeline (the stages and the default pipeline are in domain/pipeline.ts) ———

export { DEFAULT_PIPELINE, DEFAULT_STAGE_IDS, findStage, STAGE_KINDS, type Pipeline, type PipelineStage, type StageKind } from './pipeline';

/**
 * Checks a pipeline. Per stage (field "stages.<key>", with the index): an id, listed once; a
 * name unless the id is a default one; a whole probability 0–100, which is 100 for won and 0 for
 * lost; a known kind. For the whole pipeline: at least one open stage ("stages.open" required)
 * and exactly one won and one lost stage ("stages.won"/"stages.lost": required, or
 * duplicateValue at the second one).
 */
export function validatePipeline(pipeline: Pipeline): { value: Pipeline; errors: FieldError[] } {
	const errors: FieldError[] = [];
	const ids = new Set<string>();
	const first: Partial<Record<StageKind, number>> = {};
	const stages = pipeline.stages.map((s, index) => {
		const id = String(s.id ?? '').trim();
		const name = String(s.name ?? '').trim();
		const probability = Number(s.probability);
		if (!id) errors.push({ field: 'stages.id', index, code: 'required' });
		else if (ids.has(id)) errors.push({ field: 'stages.id', index, code: 'duplicateValue' });
		ids.add(id);
		if (!name && !DEFAULT_STAGE_IDS.includes(id)) errors.push({ field: 'stages.name', index, code: 'required' });
		if (name.length > SHORT_TEXT) errors.push({ field: 'stages.name', index, code: 'tooLong', max: SHORT_TEXT });
		const fixed = s.kind === 'won' ? 100 : s.kind === 'lost' ? 0 : null;
		if (!Number.isInteger(probability) || probability < 0 || probability > 100 || (fixed !== null && probability !== fixed)) {
			errors.push({ field: 'stages.probability', index, code: 'numberInvalid' });
		}
		if (!STAGE_KINDS.includes(s.kind)) errors.push({ field: 'stages.kind', index, code: 'invalidChoice' });
		else if (s.kind !== 'open' && first[s.kind] !== undefined) errors.push({ field: `stages.${s.kind}`, index, code: 'duplicateValue' });
		else first[s.kind] ??= index;
		return { id, name, probability, kind: s.kind };
	});
	for (const kind of STAGE_KINDS) if (first[kind] === undefined) errors.push({ field: `stages.${kind}`, code: 'required' });
	return { value: { stages }, errors };
}

// ——— line items ———

export const DISCOUNT_KINDS = ['percent', 'amount'] as const;
export type DiscountKind = (typeof DISCOUNT_KINDS)[number];

/** One line of a deal, quote or order; prices are minor units of the record's currency. */
export interface LineItem {
	/** Product id; '' for a line typed by hand. */
	product: string;
	name: string;
	unit: string;
	/** Decimal string, e.g. "1.5". */
	quantity: string;
	unitPrice: number;
	discountKind: DiscountKind;
	/** Percent off, a decimal string 0–100 ('' = none); used when `discountKind` is 'percent'. */
	discount: string;
	/** Minor units off the whole line; used when `discountKind` is 'amount'. */
	discountAmount: number;
}

export const LINE_FIELDS = ['product', 'name', 'unit', 'quantity', 'unitPrice', 'discountKind', 'discount', 'discountAmount'] as const satisfies readonly (keyof LineItem)[];

/** Most decimals of a quantity and of a discount percent. */
export const QUANTITY_DECIMALS = 6;
export const DISCOUNT_DECIMALS = 4;

export function emptyLine(): LineItem {
	return { product: '', name: '', unit: '', quantity: '1', unitPrice: 0, discountKind: 'percent', discount: '', discountAmount: 0 };
}

const pow10 = (k: number): bigint => 10n ** BigInt(k);

function grossOf(line: Pick<LineItem, 'quantity' | 'unitPrice'>, extraScale = 0, factor = 1n): bigint | null {
	const q = parseDecimal(line.quantity ?? '');
	if (!q || q.n < 0n || !Number.isSafeInteger(line.unitPrice)) return null;
	return divideRounded(BigInt(line.unitPrice) * q.n * factor, pow10(q.scale + extraScale));
}

/**
 * A line's total in minor units, rounded once, half away from zero:
 * percent: round(quantity × unitPrice × (100 − discount) / 100) — 3 × 33.33 at 10% off is
 * 89.991 → 89.99; amount: round(quantity × unitPrice) − discountAmount, never below 0.
 * A quantity or percent that does not parse counts as 0 (validation reports it).
 */
export function lineTotal(line: LineItem): number {
	if (line.discountKind === 'amount') {
		const gross = grossOf(line) ?? 0n;
		const net = gross - BigInt(Number.isSafeInteger(line.discountAmount) ? line.discountAmount : 0);
		return toSafeNumber(net > 0n ? net : 0n);
	}
	const p = parseDecimal(line.discount || '0');
	const hundred = 100n * pow10(p?.scale ?? 0);
	const off = !p || p.n < 0n ? 0n : p.n > hundred ? hundred : p.n;
	return toSafeNumber(grossOf(line, 2 + (p?.scale ?? 0), hundred - off) ?? 0n);
}

/** The sum of the line totals (each line rounded on its own, as an invoice shows them). */
export function linesTotal(lines: readonly LineItem[]): number {
	let sum = 0n;
	for (const l of lines) sum += BigInt(lineTotal(l));
	return toSafeNumber(sum);
}

/**
 * Checks line items: errors carry field "lines.<key>" and the line's index. A line needs a
 * name, a quantity above 0 (≤ 6 decimals), a price, a percent discount 0–100 (≤ 4 decimals) or
 * an amount discount no larger than the line, and a total within MAX_AMOUNT.
 */
export function validateLineItems(lines: readonly Partial<LineItem>[]): { value: LineItem[]; errors: FieldError[] } {
	const errors: FieldError[] = [];
	const value = lines.map((raw, index) => {
		const c = new MoneyChecker<LineItem>({ ...emptyLine(), ...raw })
			.text('product')
			.required('name', true)
			.text('unit', 20)
			.decimal('quantity', { above: true, max: 1e9, scale: QUANTITY_DECIMALS, required: true })
			.amount('unitPrice')
			.choice('discountKind', DISCOUNT_KINDS)
			.decimal('discount', { max: 100, scale: DISCOUNT_DECIMALS })
			.amount('discountAmount');
		const line = { ...emptyLine(), ...c.value } satisfies LineItem;
		if (!c.errors.length) {
			const gross = grossOf(line) ?? 0n;
			if (gross > BigInt(MAX_AMOUNT)) c.errors.push({ field: 'quantity', code: 'numberInvalid' });
			else if (line.discountKind === 'amount' && BigInt(line.discountAmount) > gross) c.errors.push({ field: 'discountAmount', code: 'numberInvalid' });
		}
		errors.push(...c.errors.map((e) => ({ ...e, field: `lines.${e.field}`, index })));
		return line;
	});
	return { value, errors };
}

/**
 * A new line for a product in a record kept in `currency`: its name, unit and price, the price
 * converted with the team's rates when the product is priced in another currency; null when
 * there is no rate for that.
 */
export function lineFromProduct(
	product: Pick<ProductFields, 'name' | 'unit' | 'unitPrice' | 'currency'> & { id: string },
	{ currency, settings }: { currency: string; settings: CurrencySettings }
): LineItem | null {
	const unitPrice = converter(settings, currency)(product.unitPrice, product.currency);
	if (unitPrice === null) return null;
	return { ...emptyLine(), product: product.id, name: product.name, unit: product.unit, unitPrice };
}

// ——— deals ———

export const AMOUNT_MODES = ['items', 'manual'] as const;
export type AmountMode = (typeof AMOUNT_MODES)[number];

export interface DealFields {
	title: string;
	customer: string;
	contact: string;
	owner: string;
	/** A stage id of the workspace pipeline. */
	stage: string;
	/** Order key within the stage's kanban column (see `between`); '' = not placed yet. */
	position: string;
	/** Chance of winning 0–100 set by hand; null = the stage's. */
	probability: number | null;
	currency: string;
	/** 'items': the amount is the lines' total; 'manual': `amount` as typed. */
	amountMode: AmountMode;
	/** Minor units; used when `amountMode` is 'manual'. */
	amount: number;
	lines: LineItem[];
	/** "YYYY-MM-DD" or ''. */
	expectedClose: string;
	nextStep: string;
	/**
	 * Competitors involved: competitor ids (or, in older deals, names as typed). As read, this
	 * includes the links of dealCompetitors; writes go through competitorLinkPatch.
	 */
	competitors: string[];
	lostReason: string;
	notes: string;
}

/** Fields stage changes write (changeDealStage), next to the DealFields. */
export interface DealStageFields {
	/** When the stage last changed (epoch ms). */
	stageChangedAt: number;
	/** When the deal was won or lost (epoch ms); 0 while open. */
	closedAt: number;
}

export type Deal = DealFields & RecordMeta & Partial<DealStageFields> & { [extra: string]: unknown };

export const DEAL_FIELDS = [
	'title',
	'customer',
	'contact',
	'owner',
	'stage',
	'position',
	'probability',
	'currency',
	'amountMode',
	'amount',
	'lines',
	'expectedClose',
	'nextStep',
	'competitors',
	'lostReason',
	'notes'
] as const satisfies readonly (keyof DealFields)[];

/** A new deal owned by `owner`, in the pipeline's first open stage. */
export function emptyDeal(owner: string, { currency, pipeline = DEFAULT_PIPELINE }: { currency: string; pipeline?: Pipeline }): DealFields {
	const stage = pipeline.stages.find((s) => s.kind === 'open')?.id ?? '';
	return {
		title: '',
		customer: '',
		contact: '',
		owner,
		stage,
		position: '',
		probability: null,
		currency,
		amountMode: 'items',
		amount: 0,
		lines: [],
		expectedClose: '',
		nextStep: '',
		competitors: [],
		lostReason: '',
		notes: ''
	};
}

/**
 * Checks deal fields against the workspace pipeline. A deal in a lost stage needs a lost
 * reason (checked when creating, or when the edit includes `lostReason`).
 */
export function validateDeal(
	input: Partial<DealFields>,
	{ partial = false, pipeline = DEFAULT_PIPELINE }: { partial?: boolean; pipeline?: Pipeline } = {}
): { value: Partial<DealFields>; errors: FieldError[] } {
	const c = new MoneyChecker(input)
		.required('title', !partial)
		.text('customer')
		.text('contact')
		.text('owner')
		.choice('stage', pipeline.stages.map((s) => s.id))
		.text('position')
		.currency('currency', !partial)
		.choice('amountMode', AMOUNT_MODES)
		.amount('amount')
		.date('expectedClose')
		.text('nextStep', LONG_TEXT)
		.list('competitors')
		.text('lostReason', LONG_TEXT)
		.text('notes', LONG_TEXT);
	const { value, errors } = c;
	if (value.position && !isOrderKey(value.position)) errors.push({ field: 'position', code: 'invalidChoice' });
	if (input.probability !== undefined) {
		const raw = input.probability as unknown;
		const n = raw === null || raw === '' ? null : Number(raw);
		if (n !== null && (!Number.isInteger(n) || n < 0 || n > 100)) errors.push({ field: 'probability', code: 'numberInvalid' });
		value.probability = n !== null && Number.isFinite(n) ? n : null;
	}
	if (input.lines !== undefined) {
		const lines = validateLineItems(input.lines);
		value.lines = lines.value;
		errors.push(...lines.errors);
	}
	const stage = value.stage === undefined ? undefined : findStage(pipeline, value.stage);
	if (stage?.kind === 'lost' && (!partial || input.lostReason !== undefined) && !value.lostReason) errors.push({ field: 'lostReason', code: 'required' });
	return { value, errors };
}

// ——— competitor links ———

/**
 * A competitor linked to a deal is a key of its own on the deal ("cmp:<competitor id>" → when it
 * was linked, epoch ms; 0 once unlinked), so two members linking different competitors at the
 * same time both keep theirs. `competitors` itself holds what older deals typed (names, or ids)
 * and what a deal was created with.
 */
export const COMPETITOR_LINK_PREFIX = 'cmp:';

const linkKey = (entry: string) => `${COMPETITOR_LINK_PREFIX}${entry}`;

/**
 * A deal's competitors as read: the entries of `competitors` not unlinked since, then the linked
 * ids in the order they were linked; each once.
 */
export function dealCompetitors(record: object): string[] {
	const deal = record as Record<string, unknown>;
	const out = new Set<string>();
	const listed = Array.isArray(deal.competitors) ? (deal.competitors as unknown[]) : [];
	for (const e of listed) if (typeof e === 'string' && e && deal[linkKey(e)] !== 0) out.add(e);
	const linked: Array<[string, number]> = [];
	for (const k in deal) {
		const at = deal[k];
		if (k.startsWith(COMPETITOR_LINK_PREFIX) && typeof at === 'number' && at > 0) linked.push([k.slice(COMPETITOR_LINK_PREFIX.length), at]);
	}
	linked.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
	for (const [id] of linked) out.add(id);
	return [...out];
}

/**
 * The fields that turn a deal's competitors (as dealCompetitors reads them) into `next`: a link
 * key per added entry (stamped `at`), an unlink per removed link, and `competitors` rewritten only
 * when an entry it holds is removed. Empty when nothing changes.
 */
export function competitorLinkPatch(record: object, next: readonly string[], at: number): Record<string, unknown> {
	const deal = record as Record<string, unknown>;
	const cur = dealCompetitors(deal);
	const want = new Set(next.filter(Boolean));
	const patch: Record<string, unknown> = {};
	for (const e of want) if (!cur.includes(e)) patch[linkKey(e)] = at;
	const removed = cur.filter((e) => !want.has(e));
	for (const e of removed) if (deal[linkKey(e)] !== undefined) patch[linkKey(e)] = 0;
	const listed = Array.isArray(deal.competitors) ? (deal.competitors as string[]) : [];
	if (removed.some((e) => listed.includes(e))) patch.competitors = listed.filter((e) => !removed.includes(e));
	return patch;
}

/** A deal's amount in its currency: the lines' total or the amount typed. */
export function dealAmount(deal: Pick<DealFields, 'amountMode' | 'amount' | 'lines'>): number {
	return deal.amountMode === 'items' ? linesTotal(deal.lines ?? []) : deal.amount;
}

/** The chance of winning a deal: 100 when won, 0 when lost, else its own or its stage's. */
export function dealProbability(deal: Pick<DealFields, 'stage' | 'probability'>, pipeline: Pipeline): number {
	const stage = findStage(pipeline, deal.stage);
	if (stage?.kind === 'won') return 100;
	if (stage?.kind === 'lost') return 0;
	const p = deal.probability ?? stage?.probability ?? 0;
	return Number.isFinite(p) ? Math.min(100, Math.max(0, Math.round(p))) : 0;
}

export interface StageMoveOptions {
	/** Why the deal was lost; required when moving to a lost stage. */
	reason?: string;
	/** Set to move a won or lost deal anywhere else (the UI asks "Reopen this deal?"). */
	reopen?: boolean;
}

/**
 * Whether a deal may move between stages: freely between open stages (back or forth), into won
 * or lost, with a reason for lost ("lostReason" required), and out of won or lost only as a
 * reopen ("stage" reopenRequired). An unknown target is "stage" invalidStage; a stage the
 * pipeline no longer has counts as open. Moving to the same stage is a reorder and allowed.
 */
export function dealTransition(pipeline: Pipeline, from: string, to: string, { reason = '', reopen = false }: StageMoveOptions = {}): { ok: boolean; errors: FieldError[] } {
	const errors: FieldError[] = [];
	const target = findStage(pipeline, to);
	if (!target) errors.push({ field: 'stage', code: 'invalidStage' });
	else if (from !== to) {
		const kind = findStage(pipeline, from)?.kind ?? 'open';
		if (kind !== 'open' && !reopen) errors.push({ field: 'stage', code: 'reopenRequired' });
		if (target.kind === 'lost' && !reason.trim()) errors.push({ field: 'lostReason', code: 'required' });
	}
	return { ok: errors.length === 0, errors };
}

export type DealStageChange = { ok: true; patch: Partial<DealFields & DealStageFields> } | { ok: false; errors: FieldError[] };

/**
 * The fields to write to move a deal to stage `to` (and, from the board, to `position`). A new
 * stage drops a hand-set probability, so the deal takes the new stage's; lost records the
 * reason; won and lost set `closedAt`, a reopen clears it (the old lost reason stays).
 */
export function changeDealStage(
	deal: Pick<DealFields, 'stage'>,
	to: string,
	{ pipeline, at, position, ...opts }: StageMoveOptions & { pipeline: Pipeline; at: number; position?: string }
): DealStageChange {
	const check = dealTransition(pipeline, deal.stage, to, opts);
	if (!check.ok) return { ok: false, errors: check.errors };
	const patch: Partial<DealFields & DealStageFields> = {};
	if (position !== undefined) patch.position = position;
	if (deal.stage === to) return { ok: true, patch };
	const kind = findStage(pipeline, to)?.kind;
	Object.assign(patch, { stage: to, stageChangedAt: at, probability: null, closedAt: kind === 'open' ? 0 : at });
	if (kind === 'lost') patch.lostReason = (opts.reason ?? '').trim();
	return { ok: true, patch };
}

// ——— weighted pipeline ———

export interface PipelineBucket {
	count: number;
	/** Sum of amounts in base-currency minor units. */
	total: number;
	/** Sum of amount × probability / 100, in base minor units, rounded once per bucket. */
	weighted: number;
}

export interface WeightedPipeline {
	/** Every pipeline stage in board order (empty ones too), then stages the pipeline no longer has. */
	byStage: Array<{ stage: string } & PipelineBucket>;
	/** Open and won deals by month of expected close ("YYYY-MM", ascending; '' = no date, last). */
	byMonth: Array<{ month: string } & PipelineBucket>;
	/** Open and won deals: the forecast. */
	total: PipelineBucket;
	/** Currencies without a rate: their deals are counted but left out of totals. */
	missing: string[];
}

export type PipelineDeal = Pick<DealFields, 'stage' | 'probability' | 'currency' | 'amountMode' | 'amount' | 'lines' | 'expectedClose'>;

class Bucket {
	count = 0;
	total = 0n;
	// Amount × probability: exact; divided by 100 (rounded) only when read.
	weightedPct = 0n;
	add(amount: bigint | null, probability: number) {
		this.count++;
		if (amount === null) return;
		this.total += amount;
		this.weightedPct += amount * BigInt(probability);
	}
	read(): PipelineBucket {
		return { count: this.count, total: toSafeNumber(this.total), weighted: toSafeNumber(divideRounded(this.weightedPct, 100n)) };
	}
}

/**
 * The weighted pipeline: per stage and per month of expected close, the count, the total and
 * the weighted total (amount × probability) in the base currency. Each deal's amount is
 * converted and rounded once (money.ts); weighted sums are exact until the one rounding per
 * bucket, so weighted totals of parts may differ from the whole's by a minor unit. Lost deals
 * appear only in their stage (weighted 0).
 */
export function weightedPipeline(deals: Iterable<PipelineDeal>, pipeline: Pipeline, settings: CurrencySettings): WeightedPipeline {
	const toBaseOf = converter(settings);
	const stages = new Map<string, Bucket>(pipeline.stages.map((s) => [s.id, new Bucket()]));
	const months = new Map<string, Bucket>();
	const total = new Bucket();
	const missing = new Set<string>();
	for (const d of deals) {
		const converted = toBaseOf(dealAmount(d), d.currency);
		if (converted === null) missing.add(d.currency);
		const amount = converted === null ? null : BigInt(converted);
		const p = dealProbability(d, pipeline);
		let bucket = stages.get(d.stage);
		if (!bucket) stages.set(d.stage, (bucket = new Bucket()));
		bucket.add(amount, p);
		if (findStage(pipeline, d.stage)?.kind === 'lost') continue;
		const close = d.expectedClose ?? '';
		const month = /^\d{4}-\d{2}/.test(close) ? close.slice(0, 7) : '';
		let m = months.get(month);
		if (!m) months.set(month, (m = new Bucket()));
		m.add(amount, p);
		total.add(amount, p);
	}
	const byMonth = [...months].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a < b ? -1 : a > b ? 1 : 0));
	return {
		byStage: [...stages].map(([stage, b]) => ({ stage, ...b.read() })),
		byMonth: byMonth.map(([month, b]) => ({ month, ...b.read() })),
		total: total.read(),
		missing: [...missing].sort()
	};
}

// ——— kanban order keys ———
//
// A card's place in its column is a string key; cards sort by key (code-unit order), then by
// id. A move writes only the moved card's key, a key strictly between its new neighbours', so
// two members moving different cards never touch the same field, and two cards given the same
// key at the same time (both dropped between the same neighbours) still sort the same way for
// everyone, by id. Keys are base-62 fractional indices: an integer part whose first character
// gives its length ("a0".."az", "b00"…; "Zz", "Yzz"… below "a0") so keys appended at an end stay
// short, then fraction digits without a trailing "0" so every position has one spelling.

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const FIRST_KEY = 'a0';
const SMALLEST_INTEGER = `A${'0'.repeat(26)}`;

function integerLength(head: string): number {
	if (head >= 'a' && head <= 'z') return head.charCodeAt(0) - 95;
	if (head >= 'A' && head <= 'Z') return 92 - head.charCodeAt(0);
	return 0;
}

/** True for a well-formed order key. */
export function isOrderKey(key: string): boolean {
	const len = integerLength(key[0] ?? '');
	if (!len || key.length < len || key === SMALLEST_INTEGER) return false;
	for (let i = 1; i < key.length; i++) if (!DIGITS.includes(key[i])) return false;
	return !key.slice(len).endsWith('0');
}

// A fraction strictly between fractions a and b (b = null: 1).
function midpoint(a: string, b: string | null): string {
	if (b !== null) {
		let n = 0;
		while ((a[n] ?? '0') === b[n]) n++;
		if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
	}
	const da = a ? DIGITS.indexOf(a[0]) : 0;
	const db = b !== null ? DIGITS.indexOf(b[0]) : DIGITS.length;
	if (db - da > 1) return DIGITS[Math.round((da + db) / 2)];
	if (b !== null && b.length > 1) return b[0];
	return DIGITS[da] + midpoint(a.slice(1), null);
}

// Integer parts step like odometers whose length changes with the head character.
function stepInteger(x: string, up: boolean): string | null {
	const digits = x.slice(1).split('');
	const [wrapFrom, wrapTo] = up ? [DIGITS.length - 1, '0'] : [0, DIGITS[DIGITS.length - 1]];
	let i = digits.length - 1;
	for (; i >= 0 && DIGITS.indexOf(digits[i]) === wrapFrom; i--) digits[i] = wrapTo;
	if (i >= 0) {
		digits[i] = DIGITS[DIGITS.indexOf(digits[i]) + (up ? 1 : -1)];
		return x[0] + digits.join('');
	}
	if (up && x[0] === 'Z') return FIRST_KEY;
	if (!up && x[0] === 'a') return `Z${wrapTo}`;
	if (x[0] === (up ? 'z' : 'A')) return null;
	const head = String.fromCharCode(x.charCodeAt(0) + (up ? 1 : -1));
	if (integerLength(head) > x.length) digits.push(wrapTo);
	else digits.pop();
	return head + digits.join('');
}

function checkKey(key: string) {
	if (!isOrderKey(key)) throw new RangeError(`not an order key: ${JSON.stringify(key)}`);
}

/**
 * An order key strictly between `a` and `b` (null or '' = that end is open). Throws a
 * RangeError for malformed keys or when a ≥ b.
 */
export function between(a: string | null, b: string | null): string {
	a ||= null;
	b ||= null;
	if (a !== null) checkKey(a);
	if (b !== null) checkKey(b);
	if (a !== null && b !== null && a >= b) throw new RangeError(`${a} is not before ${b}`);
	if (a === null) {
		if (b === null) return FIRST_KEY;
		const ib = b.slice(0, integerLength(b[0]));
		if (ib === SMALLEST_INTEGER) return ib + midpoint('', b.slice(ib.length));
		if (ib < b) return ib;
		const lower = stepInteger(ib, false);
		if (lower === null) throw new RangeError('no key before the smallest key');
		return lower;
	}
	const ia = a.slice(0, integerLength(a[0]));
	const fa = a.slice(ia.length);
	if (b === null) return stepInteger(ia, true) ?? ia + midpoint(fa, null);
	const ib = b.slice(0, integerLength(b[0]));
	if (ia === ib) return ia + midpoint(fa, b.slice(ib.length));
	const next = stepInteger(ia, true);
	if (next !== null && next < b) return next;
	return ia + midpoint(fa, null);
}

/** `n` ascending keys strictly between `a` and `b`, kept short (halving, or stepping at an open end). */
export function keysBetween(a: string | null, b: string | null, n: number): string[] {
	a ||= null;
	b ||= null;
	if (n <= 0) return [];
	if (b === null || a === null) {
		const out: string[] = [];
		let k = b === null ? a : b;
		for (let i = 0; i < n; i++) out.push((k = b === null ? between(k, null) : between(null, k)));
		return b === null ? out : out.reverse();
	}
	const mid = between(a, b);
	const left = Math.floor((n - 1) / 2);
	return [...keysBetween(a, mid, left), mid, ...keysBetween(mid, b, n - 1 - left)];
}

export interface Positioned {
	id: string;
	position: string;
}

/** Board order within a column: by order key in code-unit order, then by id. */
export function comparePositions(x: Positioned, y: Positioned): number {
	if (x.position !== y.position) return x.position < y.position ? -1 : 1;
	return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

/**
 * The keys to write so card `id` ends up at `index` among the other cards of `column` (given
 * in board order; the card itself may be in it). Usually one write, for the card; when its new
 * neighbours share a key or have none (concurrent drops, imported cards) they are given fresh
 * keys too, the fewest around the spot that make the order strict again.
 */
export function placeAt(column: readonly Positioned[], id: string, index: number): Positioned[] {
	const others = column.filter((c) => c.id !== id);
	const at = Math.max(0, Math.min(index, others.length));
	let start = at;
	let end = at;
	for (;;) {
		const lo = start > 0 ? others[start - 1].position : null;
		const hi = end < others.length ? others[end].position : null;
		const loOk = lo === null || isOrderKey(lo);
		const hiOk = hi === null || isOrderKey(hi);
		if (loOk && hiOk && (lo === null || hi === null || lo < hi)) {
			const keys = keysBetween(lo, hi, end - start + 1);
			const ids = [...others.slice(start, at).map((c) => c.id), id, ...others.slice(at, end).map((c) => c.id)];
			return ids.map((cardId, i) => ({ id: cardId, position: keys[i] }));
		}
		if (start > 0 && (!loOk || loOk === hiOk)) start--;
		if (end < others.length && (!hiOk || loOk === hiOk)) end++;
	}
}
