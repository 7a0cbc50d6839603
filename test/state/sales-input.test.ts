// What the selling forms make of typed input: amounts, a product picked for a line, discounts,
// the statuses offered, local days and open deals.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PIPELINE, emptyLine, lineTotal, type LineItem } from '../../src/lib/domain/deal';
import { fieldErrorText } from '../../src/lib/i18n/errors';
import { en, type MessageKey } from '../../src/lib/i18n/en';
import { interpolate } from '../../src/lib/i18n/format';
import { amountInput, applyDiscount, applyProduct, dayMs, discountInput, openDeals, readAmount, statusOptions } from '../../src/lib/state/sales-input';

const t = (key: MessageKey, params?: Record<string, string | number>) => interpolate(en[key], params, 'en', (n) => String(n));
const settings = { base: 'CNY', rates: [{ currency: 'USD', rate: '7.1' }] };

describe('readAmount', () => {
	it('reads amounts as people type them, in minor units of the currency', () => {
		expect(readAmount('1,234.56', 'CNY', 'unitPrice')).toEqual({ ok: true, amount: 123456 });
		expect(readAmount('1.2万', 'CNY', 'unitPrice')).toEqual({ ok: true, amount: 1_200_000 });
		expect(readAmount('１２３', 'USD', 'unitPrice')).toEqual({ ok: true, amount: 12300 });
		expect(readAmount('1235', 'JPY', 'unitPrice')).toEqual({ ok: true, amount: 1235 });
	});

	it('takes a blank box as 0', () => {
		expect(readAmount('  ', 'CNY', 'unitPrice')).toEqual({ ok: true, amount: 0 });
	});

	it('refuses with the error the form shows, on the field and line given', () => {
		expect(readAmount('abc', 'CNY', 'unitPrice')).toEqual({ ok: false, error: { field: 'unitPrice', code: 'numberInvalid' } });
		const r = readAmount('12.5', 'JPY', 'lines.unitPrice', 1);
		expect(r).toEqual({ ok: false, error: { field: 'lines.unitPrice', code: 'tooManyDecimals', index: 1, max: 0 } });
		if (!r.ok) expect(fieldErrorText(t, r.error)).toBe('Unit price on line 2 must be a whole number.');
		expect(readAmount('1,5', 'EUR', 'unitPrice').ok).toBe(false);
	});
});

describe('amountInput and discountInput', () => {
	it('shows stored amounts as plain decimals, and nothing for 0', () => {
		expect(amountInput(123456, 'CNY')).toBe('1234.56');
		expect(amountInput(1235, 'JPY')).toBe('1235');
		expect(amountInput(0, 'CNY')).toBe('');
		expect(discountInput({ ...emptyLine(), discountKind: 'amount', discountAmount: 1400 }, 'USD')).toBe('14.00');
		expect(discountInput({ ...emptyLine(), discount: '12.5' }, 'USD')).toBe('12.5');
	});
});

describe('applyProduct', () => {
	const product = { id: 'p1', name: '茶具套装', unit: '套', unitPrice: 10000, currency: 'USD' };

	it('fills name, unit and the price converted into the record currency, keeping quantity and discount', () => {
		const before: LineItem = { ...emptyLine(), quantity: '3', discount: '10' };
		expect(applyProduct(before, product, { currency: 'CNY', settings })).toEqual({
			...emptyLine(),
			product: 'p1',
			name: '茶具套装',
			unit: '套',
			unitPrice: 71000,
			quantity: '3',
			discount: '10'
		});
		expect(applyProduct(before, product, { currency: 'USD', settings })?.unitPrice).toBe(10000);
	});

	it('is null when the product currency has no rate', () => {
		expect(applyProduct(emptyLine(), { ...product, currency: 'EUR' }, { currency: 'CNY', settings })).toBeNull();
	});
});

describe('applyDiscount', () => {
	const line: LineItem = { ...emptyLine(), name: 'x', quantity: '2', unitPrice: 13200 };

	it('keeps a percent as typed', () => {
		const r = applyDiscount(line, 'percent', ' 10 ', 'CNY');
		expect(r.error).toBeNull();
		expect(r.line).toMatchObject({ discountKind: 'percent', discount: '10', discountAmount: 0 });
		expect(lineTotal(r.line)).toBe(23760);
	});

	it('reads an amount off in the currency and clears the percent', () => {
		const r = applyDiscount({ ...line, discount: '10' }, 'amount', '14', 'CNY');
		expect(r.line).toMatchObject({ discountKind: 'amount', discount: '', discountAmount: 1400 });
		expect(lineTotal(r.line)).toBe(25000);
	});

	it('reports an amount that does not read, leaving no discount', () => {
		const r = applyDiscount(line, 'amount', '1.234', 'CNY', 0);
		expect(r.error).toEqual({ field: 'lines.discountAmount', code: 'tooManyDecimals', index: 0, max: 2 });
		expect(r.line.discountAmount).toBe(0);
	});
});

describe('statusOptions', () => {
	it('offers a new order every status but cancelled', () => {
		expect(statusOptions()).toEqual(['confirmed', 'delivered', 'invoiced', 'paid']);
	});

	it('offers a saved order its status and the moves forward the rules allow', () => {
		expect(statusOptions('confirmed')).toEqual(['confirmed', 'delivered', 'invoiced', 'paid', 'cancelled']);
		expect(statusOptions('invoiced')).toEqual(['invoiced', 'paid']);
		expect(statusOptions('paid')).toEqual(['paid']);
		expect(statusOptions('cancelled')).toEqual(['cancelled']);
	});
});

describe('dayMs', () => {
	it('is local midnight of the day, 0 when blank or malformed', () => {
		expect(dayMs('2026-03-05')).toBe(new Date(2026, 2, 5).getTime());
		expect(dayMs('')).toBe(0);
		expect(dayMs('5 March')).toBe(0);
	});
});

describe('openDeals', () => {
	it('keeps deals in open stages (or stages the pipeline no longer has) that are not closed', () => {
		const deals = [
			{ id: 'a', stage: 'proposal' },
			{ id: 'b', stage: 'won', closedAt: 5 },
			{ id: 'c', stage: 'lost' },
			{ id: 'd', stage: 'retired-stage' },
			{ id: 'e', stage: 'negotiation', closedAt: 7 }
		];
		expect(openDeals(deals, DEFAULT_PIPELINE).map((d) => d.id)).toEqual(['a', 'd']);
	});
});
