// Money: amounts are integers in a currency's minor unit (fen, cents; yen have none) next to an
// ISO 4217 code, never floats. Rates are decimal strings the team sets ("7.1234": one unit is
// 7.1234 units of the workspace's base currency). Arithmetic on them is BigInt on scaled
// decimals, and every rounding in the selling domain is one rule, `divideRounded`:
// half away from zero (四舍五入, what people and invoices do by hand), applied once per
// amount (a conversion, a line total), never to a running sum.
import { Checker, isCalendarDay, type FieldError } from './validate';

/** An exact amount: integer minor units of `currency`. */
export interface Money {
	amount: number;
	currency: string;
}

/** A team-set rate: one unit of `currency` is `rate` (a decimal string) units of the base currency. */
export interface Rate {
	currency: string;
	rate: string;
}

/** The workspace's currencies: totals are shown in `base`; other currencies need a rate. */
export interface CurrencySettings {
	base: string;
	rates: Rate[];
}

/**
 * Minor-unit digits per ISO 4217 (a table, not Intl: ICU versions disagree, e.g. on IDR),
 * in the order a currency picker lists them.
 */
export const CURRENCY_DIGITS: Readonly<Record<string, number>> = {
	CNY: 2, HKD: 2, TWD: 2, MOP: 2, USD: 2, EUR: 2, GBP: 2, JPY: 0, KRW: 0, SGD: 2, MYR: 2, THB: 2,
	VND: 0, IDR: 2, PHP: 2, INR: 2, AUD: 2, NZD: 2, CAD: 2, CHF: 2, SEK: 2, NOK: 2, DKK: 2, RUB: 2,
	AED: 2, SAR: 2, BRL: 2, MXN: 2, ZAR: 2, TRY: 2, KWD: 3, BHD: 3
};

/** Currency codes the app knows, in picker order. */
export const CURRENCIES: readonly string[] = Object.keys(CURRENCY_DIGITS);

/** The largest amount a record may hold, in minor units (keeps sums and conversions exact). */
export const MAX_AMOUNT = 1e15;

/** Most decimals a rate may have. */
export const RATE_DECIMALS = 10;

export function isCurrency(code: unknown): code is string {
	return typeof code === 'string' && Object.hasOwn(CURRENCY_DIGITS, code);
}

/** Minor-unit digits of a currency (2 for a code the table does not know). */
export function currencyDigits(currency: string): number {
	return CURRENCY_DIGITS[currency] ?? 2;
}

export { defaultBaseCurrency, defaultCurrencySettings } from './currency-default';

// ——— exact decimals ———

/** A decimal number as a scaled integer: `n / 10^scale`. */
export interface Decimal {
	n: bigint;
	scale: number;
}

const TEN = 10n;
const pow10 = (k: number): bigint => TEN ** BigInt(k);

/** `n / d` rounded half away from zero (d ≠ 0): the one rounding rule of the selling domain. */
export function divideRounded(n: bigint, d: bigint): bigint {
	if (d < 0n) return divideRounded(-n, -d);
	const q = n / d;
	const r = n % d;
	const twice = 2n * (r < 0n ? -r : r);
	return twice >= d ? q + (n < 0n ? -1n : 1n) : q;
}

// Full-width digits and signs (NFKC), the ideographic full stop typed as a decimal point, the
// minus sign, and no spaces of any width.
function clean(s: string): string {
	return s.normalize('NFKC').replace(/[\s_]+/g, '').replace(/。/g, '.').replace(/\u2212/g, '-');
}

// Digits with an optional point; thousands separators only in groups of three, so a decimal
// comma ("1,5") is refused rather than read as fifteen.
const NUMBER_RE = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/;

function readUnsigned(s: string): Decimal | null {
	const m = NUMBER_RE.exec(s);
	if (!m || (!m[1] && !m[2])) return null;
	const frac = m[2] ?? '';
	return { n: BigInt(m[1].replace(/,/g, '') + frac || '0'), scale: frac.length };
}

/** Reads a typed decimal ("1,234.5", "１２３", "-0.25"); null when it is not one. */
export function parseDecimal(input: string): Decimal | null {
	const s = clean(String(input));
	const sign = s[0] === '-' ? -1n : 1n;
	const d = readUnsigned(/^[-+]/.test(s) ? s.slice(1) : s);
	return d && { n: sign * d.n, scale: d.scale };
}

/** The shortest plain form of a decimal: no grouping, no trailing fractional zeros ("1.50" → "1.5"). */
export function decimalToString({ n, scale }: Decimal): string {
	while (scale > 0 && n % TEN === 0n) {
		n /= TEN;
		scale--;
	}
	const neg = n < 0n;
	const digits = (neg ? -n : n).toString().padStart(scale + 1, '0');
	const int = digits.slice(0, digits.length - scale);
	const frac = scale ? `.${digits.slice(-scale)}` : '';
	return `${neg ? '-' : ''}${int}${frac}`;
}

/** Decimals a value really has ("1.50" has 1). */
function significantScale({ n, scale }: Decimal): number {
	while (scale > 0 && n % TEN === 0n) {
		n /= TEN;
		scale--;
	}
	return scale;
}

// ——— typed amounts ———

const DOLLARS = ['USD', 'HKD', 'TWD', 'SGD', 'AUD', 'NZD', 'CAD', 'MXN'];

// Symbols and words a typed amount may carry, with the currencies they fit. The currency's own
// code is accepted too; anything else is not an amount in this currency.
const SYMBOLS: ReadonlyArray<[string, readonly string[]]> = [
	['CN¥', ['CNY']], ['RMB', ['CNY']], ['¥', ['CNY', 'JPY']], ['元', ['CNY', 'TWD', 'HKD', 'MOP']], ['圆', ['CNY']], ['圓', ['TWD', 'HKD']],
	['块', ['CNY']], ['塊', ['TWD', 'HKD']], ['円', ['JPY']], ['US$', ['USD']], ['HK$', ['HKD']], ['NT$', ['TWD']], ['MOP$', ['MOP']],
	['S$', ['SGD']], ['A$', ['AUD']], ['NZ$', ['NZD']], ['C$', ['CAD']], ['$', DOLLARS], ['€', ['EUR']], ['£', ['GBP']], ['₩', ['KRW']],
	['₹', ['INR']], ['฿', ['THB']], ['₫', ['VND']], ['₱', ['PHP']], ['RM', ['MYR']], ['Rp', ['IDR']]
];

/** Powers of ten written after a number: 千/k = 10³, 万/萬/w = 10⁴, 亿/億 = 10⁸. */
const MULTIPLIERS: Record<string, number> = { 千: 3, k: 3, 万: 4, 萬: 4, w: 4, 亿: 8, 億: 8 };

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const amountRes = new Map<string, RegExp>();

function amountRe(currency: string): RegExp {
	let re = amountRes.get(currency);
	if (!re) {
		const symbols = [currency, ...SYMBOLS.filter(([, cs]) => cs.includes(currency)).map(([s]) => s)].sort((a, b) => b.length - a.length).map(escapeRe).join('|');
		re = new RegExp(`^([-+]?)(?:${symbols})?([-+]?)([\\d.,]+)([${Object.keys(MULTIPLIERS).join('')}])?(?:${symbols})?$`, 'i');
		amountRes.set(currency, re);
	}
	return re;
}

export type ParsedAmount = { ok: true; amount: number } | { ok: false; code: 'required' | 'numberInvalid' | 'tooManyDecimals'; max?: number };

/**
 * Reads an amount as people type it into minor units of `currency`: "1,234.56", "1234.5",
 * full-width "１２３", "¥1,234", "1.2万" (12,000), "3k", "100元", "USD 5". Refused: empty
 * (`required`), anything else (`numberInvalid`, also for a symbol of another currency or an
 * amount beyond MAX_AMOUNT), and more decimals than the currency has (`tooManyDecimals`, with
 * `max` = the currency's digits; "1.2345万" is fine, it is 12,345).
 */
export function parseAmount(input: string, currency: string): ParsedAmount {
	const s = clean(String(input ?? ''));
	if (!s) return { ok: false, code: 'required' };
	const m = amountRe(currency).exec(s);
	const d = m && !(m[1] && m[2]) ? readUnsigned(m[3]) : null;
	if (!m || !d) return { ok: false, code: 'numberInvalid' };
	const digits = currencyDigits(currency);
	const shift = (m[4] ? MULTIPLIERS[m[4].toLowerCase()] : 0) + digits - d.scale;
	let minor = d.n;
	if (shift >= 0) minor *= pow10(shift);
	else if (minor % pow10(-shift) !== 0n) return { ok: false, code: 'tooManyDecimals', max: digits };
	else minor /= pow10(-shift);
	if (minor > BigInt(MAX_AMOUNT)) return { ok: false, code: 'numberInvalid' };
	const amount = Number(minor);
	return { ok: true, amount: (m[1] || m[2]) === '-' ? -amount || 0 : amount };
}

/** An amount as a plain decimal for inputs and exports: 123456 CNY → "1234.56", 1235 JPY → "1235". */
export function amountToDecimal(amount: number, currency: string): string {
	const digits = currencyDigits(currency);
	const neg = amount < 0;
	const s = Math.abs(Math.trunc(amount)).toString().padStart(digits + 1, '0');
	return `${neg ? '-' : ''}${digits ? `${s.slice(0, -digits)}.${s.slice(-digits)}` : s}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * An amount for display, with Intl's currency style for `locale` ("CN¥1,234.56" in en,
 * "¥1,234.56" in zh-CN). Always the currency's table digits, so what is shown is what is stored.
 */
export function formatMoney(amount: number, currency: string, locale: string, { display = 'symbol' }: { display?: 'symbol' | 'narrowSymbol' | 'code' | 'name' } = {}): string {
	const key = `${locale}\u0001${currency}\u0001${display}`;
	const plain = amountToDecimal(amount, currency);
	let f = formatters.get(key);
	if (!f) {
		const digits = currencyDigits(currency);
		try {
			f = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: display, minimumFractionDigits: digits, maximumFractionDigits: digits });
		} catch {
			// A malformed code from a damaged record: still show the amount rather than break a list.
			return `${plain} ${currency}`.trim();
		}
		formatters.set(key, f);
	}
	// A decimal string is formatted exactly (Intl.NumberFormat v3), with no float in between.
	return f.format(plain as `${number}`);
}

// ——— rates and conversion ———

/** A usable rate: a positive decimal with at most RATE_DECIMALS decimals; null otherwise. */
export function parseRate(rate: string): Decimal | null {
	const d = parseDecimal(String(rate ?? ''));
	return d && d.n > 0n && significantScale(d) <= RATE_DECIMALS ? d : null;
}

function rateTable({ base, rates }: CurrencySettings): Map<string, Decimal> {
	const table = new Map<string, Decimal>();
	for (const r of rates) {
		const d = parseRate(r.rate);
		if (d && r.currency !== base && !table.has(r.currency)) table.set(r.currency, d);
	}
	table.set(base, { n: 1n, scale: 0 });
	return table;
}

/** Converts amounts between currencies; null when a currency has no rate. */
export type Converter = (amount: number, currency: string) => number | null;

/**
 * A converter into `to` (the base currency unless given) for the team's rates. Between two
 * non-base currencies it goes through the rates' ratio, rounded once. The same currency is
 * returned untouched.
 */
export function converter(settings: CurrencySettings, to = settings.base): Converter {
	const table = rateTable(settings);
	const target = table.get(to);
	const dt = currencyDigits(to);
	return (amount, currency) => {
		if (currency === to) return amount;
		const from = table.get(currency);
		if (!from || !target) return null;
		// amount / 10^df units × (from / target) × 10^dt minor units of `to`.
		const num = BigInt(amount) * from.n * pow10(target.scale + dt);
		const den = pow10(from.scale + currencyDigits(currency)) * target.n;
		return toSafeNumber(divideRounded(num, den));
	};
}

/** One amount in the base currency, rounded half away from zero; null when its currency has no rate. */
export function toBase(money: Money, settings: CurrencySettings): number | null {
	return converter(settings)(money.amount, money.currency);
}

/** A total in one currency: what could be converted, and the currencies that had no rate. */
export interface Total {
	total: number;
	missing: string[];
}

/**
 * The sum of amounts in mixed currencies, in the base currency. Each amount is converted and
 * rounded on its own, then added exactly, so the totals of parts add up to the total of the
 * whole. Amounts whose currency has no rate are left out (never guessed) and named in `missing`.
 */
export function sumToBase(items: Iterable<Money>, settings: CurrencySettings): Total {
	const toBaseOf = converter(settings);
	const missing = new Set<string>();
	let total = 0n;
	for (const m of items) {
		const v = toBaseOf(m.amount, m.currency);
		if (v === null) missing.add(m.currency);
		else total += BigInt(v);
	}
	return { total: toSafeNumber(total), missing: [...missing].sort() };
}

/** A BigInt result as a number, refusing (RangeError) to lose exactness beyond 2^53. */
export function toSafeNumber(n: bigint): number {
	if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < -BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('amount too large to keep exact');
	return Number(n);
}

// ——— validation ———

/** The field checks selling records share: minor-unit amounts, currencies, decimals, full dates. */
export class MoneyChecker<T extends object> extends Checker<T> {
	#raw(f: keyof T): unknown {
		return this.input[f];
	}
	#put(f: keyof T & string, v: unknown) {
		(this.value as Record<string, unknown>)[f] = v;
	}

	/** An integer amount in minor units within [min, max]; empty becomes 0. */
	amount(f: keyof T & string, { min = 0, max = MAX_AMOUNT } = {}): this {
		const raw = this.#raw(f);
		if (raw === undefined) return this;
		const n = raw === '' || raw === null ? 0 : Number(raw);
		if (!Number.isSafeInteger(n) || n < min || n > max) this.errors.push({ field: f, code: 'numberInvalid' });
		this.#put(f, Number.isSafeInteger(n) ? n : 0);
		return this;
	}

	/** A currency code the app knows (trimmed, upper-cased); checked when absent too if `always` (creating). */
	currency(f: keyof T & string, always = false): this {
		const raw = this.#raw(f);
		if (raw === undefined && !always) return this;
		const v = String(raw ?? '').trim().toUpperCase();
		if (!isCurrency(v)) this.errors.push({ field: f, code: v ? 'invalidChoice' : 'required' });
		this.#put(f, v);
		return this;
	}

	/**
	 * A decimal string within [min, max] (`above` makes min exclusive) with at most `scale`
	 * decimals, stored in its shortest form; empty is kept as '' unless `required`.
	 */
	decimal(f: keyof T & string, { min = 0, max = 1e9, above = false, scale = 6, required = false } = {}): this {
		const raw = this.#raw(f);
		if (raw === undefined) return this;
		const text = String(raw ?? '').trim();
		if (!text) {
			if (required) this.errors.push({ field: f, code: 'required' });
			this.#put(f, '');
			return this;
		}
		const d = parseDecimal(text);
		const value = d ? Number(decimalToString(d)) : NaN;
		if (!d || value < min || value > max || (above && value <= min)) this.errors.push({ field: f, code: 'numberInvalid' });
		else if (significantScale(d) > scale) this.errors.push({ field: f, code: 'tooManyDecimals', max: scale });
		this.#put(f, d ? decimalToString(d) : text);
		return this;
	}

	/** A full date "YYYY-MM-DD"; empty allowed unless `required`; checked when absent too if `always`. */
	date(f: keyof T & string, { required = false, always = false } = {}): this {
		const raw = this.#raw(f);
		if (raw === undefined && !always) return this;
		const v = String(raw ?? '').trim();
		if (!v) {
			if (required) this.errors.push({ field: f, code: 'required' });
		} else if (!/^\d{4}-/.test(v) || !isCalendarDay(v)) this.errors.push({ field: f, code: 'dateInvalid' });
		this.#put(f, v);
		return this;
	}
}

/**
 * Checks currency settings: a known base, and per rate (errors on "rates.currency" /
 * "rates.rate" with the row index) a known currency other than the base, listed once, and a
 * positive rate with at most RATE_DECIMALS decimals (stored in its shortest form).
 */
export function validateCurrencySettings(input: Partial<CurrencySettings>): { value: Partial<CurrencySettings>; errors: FieldError[] } {
	const c = new MoneyChecker<CurrencySettings>(input).currency('base');
	const base = c.value.base ?? '';
	if (input.rates !== undefined) {
		const seen = new Set<string>();
		c.value.rates = input.rates.map((r, index) => {
			const row = new MoneyChecker<Rate>(r).currency('currency').decimal('rate', { above: true, max: 1e12, scale: RATE_DECIMALS, required: true });
			const currency = row.value.currency ?? '';
			if (!row.errors.some((e) => e.field === 'currency') && (currency === base || seen.has(currency))) row.errors.push({ field: 'currency', code: 'duplicateValue' });
			seen.add(currency);
			c.errors.push(...row.errors.map((e) => ({ ...e, field: `rates.${e.field}`, index })));
			return { currency, rate: row.value.rate ?? '' };
		});
	}
	return { value: c.value, errors: c.errors };
}
