// Orders: status rules, validation, totals, orders from deals, purchase summaries and the
// "first order makes a customer" suggestion.
import { describe, expect, it } from 'vitest';
import type { Stage } from '../../src/lib/domain/customer';
import { emptyDeal, emptyLine, type LineItem } from '../../src/lib/domain/deal';
import {
	changeOrderStatus,
	emptyOrder,
	ORDER_FIELDS,
	ORDER_STATUSES,
	orderFromDeal,
	orderTotal,
	orderTransition,
	purchaseHistory,
	purchaseSummary,
	suggestsCustomerStage,
	validateOrder,
	type OrderFields,
	type OrderStatus
} from '../../src/lib/domain/order';

const line = (over: Partial<LineItem>): LineItem => ({ ...emptyLine(), name: 'item', ...over });

describe('order status', () => {
	// from → to: allowed?
	const allowed: Record<OrderStatus, OrderStatus[]> = {
		confirmed: ['confirmed', 'delivered', 'invoiced', 'paid', 'cancelled'],
		delivered: ['delivered', 'invoiced', 'paid', 'cancelled'],
		invoiced: ['invoiced', 'paid'],
		paid: ['paid'],
		cancelled: ['cancelled']
	};
	for (const from of ORDER_STATUSES) {
		for (const to of ORDER_STATUSES) {
			const ok = allowed[from].includes(to);
			it(`${from} → ${to}: ${ok ? 'ok' : 'refused'}`, () => {
				expect(orderTransition(from, to)).toEqual(ok ? { ok: true, errors: [] } : { ok: false, errors: [{ field: 'status', code: 'statusNotAllowed' }] });
			});
		}
	}

	it('refuses an unknown status', () => {
		expect(orderTransition('confirmed', 'shipped' as OrderStatus)).toEqual({ ok: false, errors: [{ field: 'status', code: 'invalidChoice' }] });
	});

	it('writes the status and when it changed, nothing when it stays', () => {
		expect(changeOrderStatus({ status: 'confirmed' }, 'invoiced', { at: 5 })).toEqual({ ok: true, patch: { status: 'invoiced', statusChangedAt: 5 } });
		expect(changeOrderStatus({ status: 'paid' }, 'paid', { at: 5 })).toEqual({ ok: true, patch: {} });
		expect(changeOrderStatus({ status: 'paid' }, 'cancelled', { at: 5 })).toEqual({ ok: false, errors: [{ field: 'status', code: 'statusNotAllowed' }] });
	});
});

describe('order fields', () => {
	const order = (over: Partial<OrderFields> = {}): OrderFields => ({
		...emptyOrder('m1', { currency: 'CNY', date: '2026-05-04' }),
		customer: 'c1',
		lines: [line({ quantity: '2', unitPrice: 1000 })],
		...over
	});

	it('starts confirmed, dated, with every field', () => {
		const o = emptyOrder('m1', { currency: 'USD', date: '2026-05-04' });
		expect(o).toMatchObject({ owner: 'm1', currency: 'USD', orderDate: '2026-05-04', status: 'confirmed', lines: [] });
		expect(Object.keys(o).sort()).toEqual([...ORDER_FIELDS].sort());
	});

	it('needs a customer, a date, a currency and a line when created', () => {
		expect(validateOrder(order()).errors).toEqual([]);
		expect(validateOrder({}).errors).toEqual([
			{ field: 'customer', code: 'required' },
			{ field: 'orderDate', code: 'required' },
			{ field: 'currency', code: 'required' },
			{ field: 'lines', code: 'required' }
		]);
		expect(validateOrder({ lines: [] }, { partial: true }).errors).toEqual([{ field: 'lines', code: 'required' }]);
		expect(validateOrder({ orderDate: '' }, { partial: true }).errors).toEqual([{ field: 'orderDate', code: 'required' }]);
		expect(validateOrder({ invoiceNo: 'FP-001' }, { partial: true })).toEqual({ value: { invoiceNo: 'FP-001' }, errors: [] });
	});

	it('checks dates, numbers, status and lines', () => {
		const r = validateOrder(
			order({
				orderDate: '2026-02-30',
				status: 'shipped' as OrderStatus,
				contractNo: 'HT'.repeat(40),
				contractStart: '2026-1-1',
				lines: [line({}), line({ quantity: '-1' })]
			})
		);
		expect(r.errors).toEqual([
			{ field: 'orderDate', code: 'dateInvalid' },
			{ field: 'status', code: 'invalidChoice' },
			{ field: 'contractNo', code: 'tooLong', max: 64 },
			{ field: 'contractStart', code: 'dateInvalid' },
			{ field: 'lines.quantity', index: 1, code: 'numberInvalid' }
		]);
	});

	it('keeps a contract’s end on or after its start', () => {
		expect(validateOrder(order({ contractStart: '2026-05-01', contractEnd: '2027-04-30' })).errors).toEqual([]);
		expect(validateOrder(order({ contractStart: '2026-05-01', contractEnd: '2026-05-01' })).errors).toEqual([]);
		expect(validateOrder(order({ contractStart: '2026-05-01', contractEnd: '2026-04-30' })).errors).toEqual([{ field: 'contractEnd', code: 'endBeforeStart' }]);
		expect(validateOrder({ contractStart: '2026-05-01', contractEnd: '2025-12-31' }, { partial: true }).errors).toEqual([{ field: 'contractEnd', code: 'endBeforeStart' }]);
		expect(validateOrder(order({ contractStart: '', contractEnd: '2026-04-30' })).errors).toEqual([]);
	});

	it('checks a status change against the stored status', () => {
		expect(validateOrder({ status: 'delivered' }, { partial: true, from: 'confirmed' }).errors).toEqual([]);
		expect(validateOrder({ status: 'confirmed' }, { partial: true, from: 'paid' }).errors).toEqual([{ field: 'status', code: 'statusNotAllowed' }]);
		expect(validateOrder({ status: 'delivered' }, { partial: true, from: 'cancelled' }).errors).toEqual([{ field: 'status', code: 'statusNotAllowed' }]);
	});

	it('totals its lines', () => {
		expect(orderTotal(order({ lines: [line({ quantity: '3', unitPrice: 3333, discount: '10' }), line({ quantity: '1', unitPrice: 5, discount: '50' })] }))).toBe(9002);
	});
});

describe('orders from deals', () => {
	const deal = { ...emptyDeal('m2', { currency: 'USD' }), id: 'd1', title: '年度维保', customer: 'c1' };

	it('copies the lines of an itemised deal', () => {
		const lines = [line({ product: 'p1', quantity: '3', unitPrice: 3333, discount: '10' })];
		const o = orderFromDeal({ ...deal, lines }, { date: '2026-06-01' });
		expect(o).toEqual({ ...emptyOrder('m2', { currency: 'USD', date: '2026-06-01' }), customer: 'c1', deal: 'd1', lines });
		expect(o.lines[0]).not.toBe(lines[0]);
		expect(validateOrder(o).errors).toEqual([]);
	});

	it('makes one line of a deal whose amount was typed', () => {
		const o = orderFromDeal({ ...deal, amountMode: 'manual', amount: 1_200_000, lines: [line({ unitPrice: 1 })] }, { date: '2026-06-01' });
		expect(o.lines).toEqual([{ ...emptyLine(), name: '年度维保', unitPrice: 1_200_000 }]);
		expect(orderTotal(o)).toBe(1_200_000);
	});
});

describe('purchase history', () => {
	const settings = { base: 'CNY', rates: [{ currency: 'USD', rate: '7' }] };
	const o = (customer: string, orderDate: string, amount: number, over: Partial<OrderFields> = {}): OrderFields => ({
		...emptyOrder('m', { currency: 'CNY', date: orderDate }),
		customer,
		lines: [line({ unitPrice: amount })],
		...over
	});

	it('sums per customer in the base currency, leaving out cancelled orders', () => {
		const orders = [
			o('c1', '2026-03-01', 100_00),
			o('c1', '2025-11-20', 10_00, { currency: 'USD' }),
			o('c1', '2026-04-01', 999_00, { status: 'cancelled' }),
			o('c1', '2026-02-01', 5_00, { status: 'paid' }),
			o('c2', '2026-01-05', 1_00, { currency: 'EUR' }),
			o('c2', '2026-01-06', 2_00),
			o('c3', '2026-01-01', 1, { status: 'cancelled' })
		];
		const s = purchaseSummary(orders, settings);
		expect(s.get('c1')).toEqual({ count: 3, total: 175_00, first: '2025-11-20', last: '2026-03-01', missing: [] });
		expect(s.get('c2')).toEqual({ count: 2, total: 2_00, first: '2026-01-05', last: '2026-01-06', missing: ['EUR'] });
		expect(s.has('c3')).toBe(false);
	});

	it('lists a customer’s orders newest first', () => {
		const orders = [
			{ ...o('c1', '2026-01-01', 1), createdAt: 1 },
			{ ...o('c2', '2026-05-01', 1), createdAt: 2 },
			{ ...o('c1', '2026-03-01', 1), createdAt: 3 },
			{ ...o('c1', '2026-03-01', 2), createdAt: 4 }
		];
		expect(purchaseHistory(orders, 'c1').map((x) => x.createdAt)).toEqual([4, 3, 1]);
	});
});

describe('first order suggests the customer stage', () => {
	const order = { customer: 'c1', status: 'confirmed' as OrderStatus };
	const cases: Array<[Stage, boolean]> = [
		['potential', true],
		['prospect', true],
		['customer', false],
		['lost', false]
	];
	for (const [stage, expected] of cases) {
		it(`${stage}, no earlier order: ${expected ? 'suggest' : 'no'}`, () => {
			expect(suggestsCustomerStage({ stage }, order, [])).toBe(expected);
		});
	}

	it('only for the first order that is not cancelled', () => {
		const others = [
			{ id: 'o1', customer: 'c2', status: 'paid' as OrderStatus },
			{ id: 'o2', customer: 'c1', status: 'cancelled' as OrderStatus }
		];
		expect(suggestsCustomerStage({ stage: 'prospect' }, order, others)).toBe(true);
		expect(suggestsCustomerStage({ stage: 'prospect' }, order, [...others, { id: 'o3', customer: 'c1', status: 'delivered' }])).toBe(false);
		// Editing an order already saved: it does not count as an earlier one.
		expect(suggestsCustomerStage({ stage: 'prospect' }, { ...order, id: 'o3' }, [...others, { id: 'o3', customer: 'c1', status: 'confirmed' }])).toBe(true);
		expect(suggestsCustomerStage({ stage: 'prospect' }, { ...order, status: 'cancelled' }, [])).toBe(false);
	});
});
