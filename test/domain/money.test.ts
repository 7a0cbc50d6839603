// Money: minor units per currency, typed amounts, rates and exact conversion, formatting.
import { describe, expect, it } from 'vitest';
import {
	amountToDecimal,
	converter,
	CURRENCIES,
	currencyDigits,
	decimalToString,
	defaultBaseCurrency,
	defaultCurrencySettings,
	divideRounded,
	formatMoney,
	MAX_AMOUNT,
	MoneyChecker,
	parseAmount,
	parseDecimal,
	parseRate,
	sumToBase,
	toBase,
	toSafeNumber,
	validateCurrencySettings,
	type CurrencySettings
} from '../../src/lib/domain/money';

describe('currencies', () => {
	it('knows the minor-unit digits, with 2 for an unknown code', () => {
		expect(currencyDigits('CNY')).toBe(2);
		expect(currencyDigits('TWD')).toBe(2);
		expect(currencyDigits('JPY')).toBe(0);
		expect(currencyDigits('KRW')).toBe(0);
		expect(currencyDigits('KWD')).toBe(3);
		expect(currencyDigits('XYZ')).toBe(2);
	});

	it('agrees with Intl where Intl is settled, and every code is one Intl formats', () => {
		for (const c of ['CNY', 'USD', 'EUR', 'HKD', 'TWD', 'JPY', 'GBP', 'KRW', 'SGD']) {
			expect(new Intl.NumberFormat('en', { style: 'currency', currency: c }).resolvedOptions().maximumFractionDigits, c).toBe(currencyDigits(c));
		}
		for (const c of CURRENCIES) expect(() => formatMoney(1, c, 'en')).not.toThrow();
		expect(CURRENCIES[0]).toBe('CNY');
	});

	it('starts Chinese workspaces in CNY (or the region’s currency), others in USD', () => {
		const cases: Record<string, string> = {
			zh: 'CNY',
			'zh-CN': 'CNY',
			'zh-Hans': 'CNY',
			'zh-Hans-CN': 'CNY',
			'zh-TW': 'TWD',
			'zh-Hant': 'TWD',
			'zh-HK': 'HKD',
			'zh-MO': 'MOP',
			'zh-SG': 'SGD',
			en: 'USD',
			'en-US': 'USD',
			'en-GB': 'USD',
			fr: 'USD',
			'': 'USD',
			'not a locale!': 'USD'
		};
		for (const [locale, base] of Object.entries(cases)) expect(defaultBaseCurrency(locale), locale).toBe(base);
		expect(defaultCurrencySettings('zh-CN')).toEqual({ base: 'CNY', rates: [] });
	});
});

describe('rounding', () => {
	it('rounds half away from zero (四舍五入), for either sign of the divisor', () => {
		const cases: Array<[number, number, number]> = [
			[5, 2, 3],
			[-5, 2, -3],
			[3, 2, 2],
			[1, 2, 1],
			[-1, 2, -1],
			[1, 3, 0],
			[2, 3, 1],
			[-2, 3, -1],
			[7, -2, -4],
			[25, 10, 3],
			[24, 10, 2],
			[0, 7, 0],
			[6, 3, 2]
		];
		for (const [n, d, q] of cases) expect(divideRounded(BigInt(n), BigInt(d)), `${n}/${d}`).toBe(BigInt(q));
	});

	it('refuses to turn a BigInt beyond 2^53 into an inexact number', () => {
		expect(toSafeNumber(9007199254740991n)).toBe(Number.MAX_SAFE_INTEGER);
		expect(() => toSafeNumber(9007199254740992n)).toThrow(RangeError);
		expect(() => toSafeNumber(-9007199254740992n)).toThrow(RangeError);
	});
});

describe('decimals', () => {
	it('reads typed decimals and writes their shortest form', () => {
		const cases: Record<string, string | null> = {
			'1.50': '1.5',
			'01': '1',
			'.5': '0.5',
			'1,234.5': '1234.5',
			'１２３．４': '123.4',
			'-0.25': '-0.25',
			'+3': '3',
			'1.': '1',
			'0.000': '0',
			' 7 ': '7',
			'1,5': null,
			'1.2.3': null,
			abc: null,
			'': null,
			'.': null,
			'1e5': null,
			'--1': null
		};
		for (const [input, out] of Object.entries(cases)) {
			const d = parseDecimal(input);
			expect(d && decimalToString(d), input).toBe(out);
		}
	});

	it('keeps rates positive with at most 10 decimals', () => {
		expect(parseRate('7.1234')).toEqual({ n: 71234n, scale: 4 });
		expect(parseRate('0.0000000001')).not.toBeNull();
		expect(parseRate('0.00000000001')).toBeNull();
		expect(parseRate('1.50000000000')).not.toBeNull();
		for (const bad of ['0', '-7', 'x', '']) expect(parseRate(bad), bad).toBeNull();
	});
});

describe('typed amounts', () => {
	const ok = (input: string, currency = 'CNY') => {
		const r = parseAmount(input, currency);
		if (!r.ok) throw new Error(`${input}: ${r.code}`);
		return r.amount;
	};

	it('reads what people type into minor units', () => {
		const cases: Array<[string, string, number]> = [
			['1,234.56', 'CNY', 123456],
			['1234.5', 'CNY', 123450],
			['１２３', 'CNY', 12300],
			['￥１，２３４．５６', 'CNY', 123456],
			['¥1,234', 'CNY', 123400],
			['CN¥5', 'CNY', 500],
			['RMB 5', 'CNY', 500],
			['cny 5', 'CNY', 500],
			['5元', 'CNY', 500],
			['1.2万', 'CNY', 1200000],
			['1.2万元', 'CNY', 1200000],
			['1.2萬元', 'TWD', 1200000],
			['NT$1.2萬', 'TWD', 1200000],
			['3w', 'CNY', 3000000],
			['3K', 'CNY', 300000],
			['2千', 'CNY', 200000],
			['1.5亿', 'CNY', 15000000000],
			['1.2345万', 'CNY', 1234500],
			['1.234567万', 'CNY', 1234567],
			['  12 ', 'CNY', 1200],
			['12.', 'CNY', 1200],
			['.5', 'CNY', 50],
			['1.230', 'CNY', 123],
			['1 234 567', 'CNY', 123456700],
			['-5', 'CNY', -500],
			['¥-5', 'CNY', -500],
			['−5', 'CNY', -500],
			['0', 'CNY', 0],
			['-0', 'CNY', 0],
			['1,235', 'JPY', 1235],
			['¥1,235', 'JPY', 1235],
			['1.2万', 'JPY', 12000],
			['$5', 'USD', 500],
			['US$5.10', 'USD', 510],
			['5 USD', 'USD', 500],
			['NT$1,000', 'TWD', 100000],
			['HK$8', 'HKD', 800],
			['€3.5', 'EUR', 350],
			['1.234', 'KWD', 1234]
		];
		for (const [input, currency, amount] of cases) expect(ok(input, currency), `${input} ${currency}`).toBe(amount);
	});

	it('refuses more decimals than the currency has, saying how many it may have', () => {
		expect(parseAmount('1.234', 'CNY')).toEqual({ ok: false, code: 'tooManyDecimals', max: 2 });
		expect(parseAmount('1.5', 'JPY')).toEqual({ ok: false, code: 'tooManyDecimals', max: 0 });
		expect(parseAmount('1.2345678万', 'CNY')).toEqual({ ok: false, code: 'tooManyDecimals', max: 2 });
		expect(parseAmount('1.0001', 'KWD')).toEqual({ ok: false, code: 'tooManyDecimals', max: 3 });
	});

	it('refuses empty input and garbage with codes', () => {
		expect(parseAmount('', 'CNY')).toEqual({ ok: false, code: 'required' });
		expect(parseAmount('   ', 'CNY')).toEqual({ ok: false, code: 'required' });
		for (const bad of ['abc', '1,5', '1,23,456', '1.2.3', '--5', '-¥-5', '1e5', '¥', '万', '5万万', '€5', '$5', '5円', 'USD 5', '12 apples', '0x10', 'NaN', 'Infinity']) {
			expect(parseAmount(bad, 'CNY'), bad).toEqual({ ok: false, code: 'numberInvalid' });
		}
		expect(parseAmount('5元', 'USD')).toEqual({ ok: false, code: 'numberInvalid' });
		expect(parseAmount('¥1.2萬', 'TWD')).toEqual({ ok: false, code: 'numberInvalid' });
	});

	it('refuses amounts beyond the largest a record may hold', () => {
		expect(ok(amountToDecimal(MAX_AMOUNT, 'CNY'))).toBe(MAX_AMOUNT);
		expect(parseAmount('10000000000000.01', 'CNY')).toEqual({ ok: false, code: 'numberInvalid' });
		expect(parseAmount('1亿亿', 'CNY').ok).toBe(false);
	});

	it('writes minor units back as plain decimals that read back the same', () => {
		expect(amountToDecimal(123456, 'CNY')).toBe('1234.56');
		expect(amountToDecimal(5, 'CNY')).toBe('0.05');
		expect(amountToDecimal(-5, 'CNY')).toBe('-0.05');
		expect(amountToDecimal(0, 'CNY')).toBe('0.00');
		expect(amountToDecimal(1235, 'JPY')).toBe('1235');
		expect(amountToDecimal(1, 'KWD')).toBe('0.001');
		let seed = 7;
		const rand = () => (seed = (seed * 48271) % 2147483647);
		for (let i = 0; i < 500; i++) {
			const amount = (rand() * 1000 + rand()) % MAX_AMOUNT;
			for (const c of ['CNY', 'JPY', 'KWD']) expect(ok(amountToDecimal(amount, c), c)).toBe(amount);
		}
	});
});

describe('formatting', () => {
	it('uses the locale’s currency style and the table’s digits', () => {
		const en = formatMoney(123456, 'CNY', 'en');
		expect(en).toContain('CN¥');
		expect(en).toContain('1,234.56');
		const zhCN = formatMoney(123456, 'CNY', 'zh-CN');
		expect(zhCN).toContain('¥');
		expect(zhCN).not.toContain('CN¥');
		expect(zhCN).toContain('1,234.56');
		const zhTW = formatMoney(123456, 'TWD', 'zh-TW');
		expect(zhTW).toContain('$');
		expect(zhTW).toContain('1,234.56');
		expect(formatMoney(123456, 'CNY', 'zh-TW')).toContain('1,234.56');
		expect(formatMoney(123456, 'USD', 'en')).toBe('$1,234.56');
		expect(formatMoney(1235, 'JPY', 'en')).toBe('¥1,235');
		expect(formatMoney(-5, 'USD', 'en')).toContain('0.05');
		expect(formatMoney(-5, 'USD', 'en')).toMatch(/^[-−]/);
		expect(formatMoney(500, 'USD', 'en', { display: 'code' })).toContain('USD');
		expect(formatMoney(500, 'C$', 'en')).toBe('5.00 C$');
	});

	it('shows large amounts exactly, with no float in between', () => {
		expect(formatMoney(Number.MAX_SAFE_INTEGER, 'CNY', 'en')).toContain('90,071,992,547,409.91');
		expect(formatMoney(999999999999999, 'CNY', 'zh-CN')).toContain('9,999,999,999,999.99');
	});
});

describe('conversion to the base currency', () => {
	const settings: CurrencySettings = {
		base: 'CNY',
		rates: [
			{ currency: 'USD', rate: '7.1234' },
			{ currency: 'EUR', rate: '7.8' },
			{ currency: 'JPY', rate: '0.045' },
			{ currency: 'KWD', rate: '23.5' },
			{ currency: 'CNY', rate: '2' },
			{ currency: 'GBP', rate: 'oops' }
		]
	};

	it('converts with the team’s rate, rounded half away from zero once', () => {
		expect(toBase({ amount: 100, currency: 'USD' }, settings)).toBe(712); // 7.1234
		expect(toBase({ amount: 1234, currency: 'USD' }, settings)).toBe(8790); // 87.902756
		expect(toBase({ amount: 1, currency: 'JPY' }, settings)).toBe(5); // 4.5 fen: half-up, not half-even's 4
		expect(toBase({ amount: 3, currency: 'JPY' }, settings)).toBe(14); // 13.5
		expect(toBase({ amount: -1, currency: 'JPY' }, settings)).toBe(-5);
		expect(toBase({ amount: 1000, currency: 'KWD' }, settings)).toBe(2350); // 1 KWD, 3 digits
		expect(toBase({ amount: 99, currency: 'CNY' }, settings)).toBe(99); // base: as is, its own "rate" ignored
	});

	it('is exact where floating point is not', () => {
		expect(toBase({ amount: 999999999999999, currency: 'USD' }, settings)).toBe(7123399999999993); // 7123399999999992.8766
		// 1.00 at 1.005 is exactly 100.5 fen → 101; in floating point it is 100.49999… → 100.
		expect(toBase({ amount: 100, currency: 'SGD' }, { base: 'CNY', rates: [{ currency: 'SGD', rate: '1.005' }] })).toBe(101);
		expect(Math.round((100 / 100) * 1.005 * 100)).toBe(100);
	});

	it('has no rate for currencies the team did not set or set badly', () => {
		expect(toBase({ amount: 100, currency: 'GBP' }, settings)).toBeNull();
		expect(toBase({ amount: 100, currency: 'HKD' }, settings)).toBeNull();
	});

	it('converts between two other currencies through their rates, rounding once', () => {
		const toUsd = converter({ base: 'CNY', rates: [...settings.rates, { currency: 'USD', rate: '7.2' }].slice(1) }, 'USD');
		expect(toUsd(100, 'EUR')).toBe(108); // 7.8 / 7.2 = 1.0833…
		expect(toUsd(720, 'CNY')).toBe(100);
		expect(toUsd(5, 'USD')).toBe(5);
		expect(converter(settings, 'JPY')(5, 'CNY')).toBe(1); // 0.05 CNY / 0.045 = 1.11 yen
		expect(converter(settings, 'HKD')(5, 'CNY')).toBeNull();
	});

	it('uses the first rate listed for a currency', () => {
		expect(toBase({ amount: 100, currency: 'USD' }, { base: 'CNY', rates: [{ currency: 'USD', rate: '7' }, { currency: 'USD', rate: '8' }] })).toBe(700);
	});

	it('sums mixed currencies by converting each amount, naming currencies without a rate', () => {
		const r = sumToBase(
			[
				{ amount: 100, currency: 'USD' },
				{ amount: 1, currency: 'JPY' },
				{ amount: 1, currency: 'JPY' },
				{ amount: 10, currency: 'CNY' },
				{ amount: 500, currency: 'HKD' },
				{ amount: 1, currency: 'GBP' }
			],
			settings
		);
		// 712 + 5 + 5 + 10: each yen converts to 4.5 → 5 on its own, so parts add up to the whole.
		expect(r).toEqual({ total: 732, missing: ['GBP', 'HKD'] });
		expect(sumToBase([], settings)).toEqual({ total: 0, missing: [] });
	});

	it('keeps ten thousand small sums exact', () => {
		const items = Array.from({ length: 10_000 }, () => ({ amount: 10, currency: 'CNY' }));
		expect(sumToBase(items, settings).total).toBe(100_000);
		const dimes = Array.from({ length: 10 }, () => ({ amount: 10, currency: 'CNY' }));
		expect(amountToDecimal(sumToBase(dimes, settings).total, 'CNY')).toBe('1.00');
	});
});

describe('validation', () => {
	it('checks currency settings row by row', () => {
		const r = validateCurrencySettings({
			base: 'cny',
			rates: [
				{ currency: 'usd', rate: '7.12340' },
				{ currency: 'USD', rate: '7' },
				{ currency: 'CNY', rate: '1' },
				{ currency: 'XXX', rate: '1' },
				{ currency: 'EUR', rate: '0' },
				{ currency: 'JPY', rate: '0.00000000001' },
				{ currency: 'HKD', rate: '' },
				{ currency: 'TWD', rate: '０.２２' }
			]
		});
		expect(r.value.base).toBe('CNY');
		expect(r.value.rates?.[0]).toEqual({ currency: 'USD', rate: '7.1234' });
		expect(r.value.rates?.[7]).toEqual({ currency: 'TWD', rate: '0.22' });
		expect(r.errors).toEqual([
			{ field: 'rates.currency', index: 1, code: 'duplicateValue' },
			{ field: 'rates.currency', index: 2, code: 'duplicateValue' },
			{ field: 'rates.currency', index: 3, code: 'invalidChoice' },
			{ field: 'rates.rate', index: 4, code: 'numberInvalid' },
			{ field: 'rates.rate', index: 5, code: 'tooManyDecimals', max: 10 },
			{ field: 'rates.rate', index: 6, code: 'required' }
		]);
		expect(validateCurrencySettings({ base: 'ABC' }).errors).toEqual([{ field: 'base', code: 'invalidChoice' }]);
		expect(validateCurrencySettings({ base: 'USD', rates: [{ currency: 'CNY', rate: '0.14' }] }).errors).toEqual([]);
	});

	it('checks amounts, currencies, decimals and full dates', () => {
		type F = { a: number; b: number; c: string; d: string; e: string; f: string; g: string; h: string };
		const c = new MoneyChecker<F>({ a: 1.5, b: -1, c: 'eur', d: '１.２５００', e: '2026-02-29', f: '02-03', g: '', h: '2026-03-01' })
			.amount('a')
			.amount('b')
			.currency('c')
			.decimal('d', { scale: 2 })
			.date('e')
			.date('f')
			.date('g', { required: true })
			.date('h');
		expect(c.value).toEqual({ a: 0, b: -1, c: 'EUR', d: '1.25', e: '2026-02-29', f: '02-03', g: '', h: '2026-03-01' });
		expect(c.errors).toEqual([
			{ field: 'a', code: 'numberInvalid' },
			{ field: 'b', code: 'numberInvalid' },
			{ field: 'e', code: 'dateInvalid' },
			{ field: 'f', code: 'dateInvalid' },
			{ field: 'g', code: 'required' }
		]);
		const d = new MoneyChecker<{ q: string; r: string; s: string }>({ q: '0', r: '1.005', s: '' })
			.decimal('q', { above: true })
			.decimal('r', { scale: 2 })
			.decimal('s', { required: true });
		expect(d.errors).toEqual([
			{ field: 'q', code: 'numberInvalid' },
			{ field: 'r', code: 'tooManyDecimals', max: 2 },
			{ field: 's', code: 'required' }
		]);
	});
});
