// Orders (订单) and their contracts: what a customer bought, from a won deal or entered
// directly. Status moves forward only — confirmed → delivered → invoiced → paid, steps may be
// skipped (invoicing before delivery is common) — an order can be cancelled until it is
// invoiced, and a cancelled order stays cancelled (enter a new one instead).
import { dealAmount, emptyLine, linesTotal, validateLineItems, type DealFields, type LineItem } from './deal';
import type { LifecycleFields } from './lifecycle';
import { suggestCustomerOnFirstOrder } from './lifecycle';
import { converter, MoneyChecker, toSafeNumber, type CurrencySettings } from './money';
import type { RecordMeta } from './record';
import { LONG_TEXT, type FieldError } from './validate';

export const ORDER_STATUSES = ['confirmed', 'delivered', 'invoiced', 'paid', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderFields {
	customer: string;
	/** The deal it came from; '' when entered directly. */
	deal: string;
	owner: string;
	/** "YYYY-MM-DD". */
	orderDate: string;
	status: OrderStatus;
	lines: LineItem[];
	currency: string;
	contractNo: string;
	/** "YYYY-MM-DD" or ''; the end is not before the start. */
	contractStart: string;
	contractEnd: string;
	invoiceNo: string;
	notes: string;
}

/** Written by changeOrderStatus next to the OrderFields. */
export interface OrderStatusFields {
	statusChangedAt: number;
}

export type Order = OrderFields & RecordMeta & Partial<OrderStatusFields> & { [extra: string]: unknown };

export const ORDER_FIELDS = [
	'customer',
	'deal',
	'owner',
	'orderDate',
	'status',
	'lines',
	'currency',
	'contractNo',
	'contractStart',
	'contractEnd',
	'invoiceNo',
	'notes'
] as const satisfies readonly (keyof OrderFields)[];

/** Contract and invoice numbers are short codes. */
export const NUMBER_MAX = 64;

/** A new order dated `date` ("YYYY-MM-DD"), owned by `owner`. */
export function emptyOrder(owner: string, { currency, date }: { currency: string; date: string }): OrderFields {
	return {
		customer: '',
		deal: '',
		owner,
		orderDate: date,
		status: 'confirmed',
		lines: [],
		currency,
		contractNo: '',
		contractStart: '',
		contractEnd: '',
		invoiceNo: '',
		notes: ''
	};
}

const RANK: Record<OrderStatus, number> = { confirmed: 0, delivered: 1, invoiced: 2, paid: 3, cancelled: 4 };

/**
 * Whether an order may go from one status to another (see the file comment). Staying is fine;
 * an unknown status is "status" invalidChoice; a refused move is "status" statusNotAllowed.
 */
export function orderTransition(from: OrderStatus, to: OrderStatus): { ok: boolean; errors: FieldError[] } {
	let code: FieldError['code'] | null = null;
	if (!ORDER_STATUSES.includes(to)) code = 'invalidChoice';
	else if (from === to) code = null;
	else if (from === 'cancelled') code = 'statusNotAllowed';
	else if (to === 'cancelled') code = from === 'confirmed' || from === 'delivered' ? null : 'statusNotAllowed';
	else if (RANK[to] < RANK[from]) code = 'statusNotAllowed';
	return code ? { ok: false, errors: [{ field: 'status', code }] } : { ok: true, errors: [] };
}

/** The fields to write for a status change, or why it is refused. */
export function changeOrderStatus(
	order: Pick<OrderFields, 'status'>,
	to: OrderStatus,
	{ at }: { at: number }
): { ok: true; patch: Partial<OrderFields & OrderStatusFields> } | { ok: false; errors: FieldError[] } {
	const check = orderTransition(order.status, to);
	if (!check.ok) return { ok: false, errors: check.errors };
	return { ok: true, patch: order.status === to ? {} : { status: to, statusChangedAt: at } };
}

/**
 * Checks order fields: a customer, an order date and at least one line when creating; lines as
 * validateLineItems; contract end not before its start (when the edit has both); with `from`
 * (the stored status) a status change must be allowed by orderTransition.
 */
export function validateOrder(
	input: Partial<OrderFields>,
	{ partial = false, from }: { partial?: boolean; from?: OrderStatus } = {}
): { value: Partial<OrderFields>; errors: FieldError[] } {
	const c = new MoneyChecker(input)
		.required('customer', !partial)
		.text('deal')
		.text('owner')
		.date('orderDate', { required: true, always: !partial })
		.choice('status', ORDER_STATUSES)
		.currency('currency', !partial)
		.text('contractNo', NUMBER_MAX)
		.date('contractStart')
		.date('contractEnd')
		.text('invoiceNo', NUMBER_MAX)
		.text('notes', LONG_TEXT);
	const { value, errors } = c;
	if (input.lines !== undefined || !partial) {
		const lines = validateLineItems(input.lines ?? []);
		value.lines = lines.value;
		if (!lines.value.length) errors.push({ field: 'lines', code: 'required' });
		errors.push(...lines.errors);
	}
	const { contractStart: start, contractEnd: end } = value;
	if (start && end && end < start && !errors.some((e) => e.field === 'contractStart' || e.field === 'contractEnd')) {
		errors.push({ field: 'contractEnd', code: 'endBeforeStart' });
	}
	if (from !== undefined && value.status !== undefined && ORDER_STATUSES.includes(value.status)) errors.push(...orderTransition(from, value.status).errors);
	return { value, errors };
}

/** An order's total in its currency: the sum of its line totals. */
export function orderTotal(order: Pick<OrderFields, 'lines'>): number {
	return linesTotal(order.lines ?? []);
}

/**
 * The fields of a new order for a (won) deal, dated `date`: its customer, owner, currency and
 * lines; a deal whose amount was typed becomes one line "title × 1" at that amount.
 */
export function orderFromDeal(
	deal: Pick<DealFields, 'title' | 'customer' | 'owner' | 'currency' | 'amountMode' | 'amount' | 'lines'> & { id: string },
	{ date }: { date: string }
): OrderFields {
	const lines =
		deal.amountMode === 'items' ? deal.lines.map((l) => ({ ...l })) : [{ ...emptyLine(), name: deal.title, unitPrice: dealAmount(deal) }];
	return { ...emptyOrder(deal.owner, { currency: deal.currency, date }), customer: deal.customer, deal: deal.id, lines };
}

export interface PurchaseSummary {
	/** Orders not cancelled. */
	count: number;
	/** Their total in base-currency minor units (orders in a currency without a rate left out). */
	total: number;
	/** First and last order date, "YYYY-MM-DD". */
	first: string;
	last: string;
	/** Currencies of orders left out of `total` for want of a rate. */
	missing: string[];
}

export type SummaryOrder = Pick<OrderFields, 'customer' | 'status' | 'orderDate' | 'currency' | 'lines'>;

/**
 * Purchase totals per customer id, cancelled orders excluded. Each order's total is converted
 * to the base currency and rounded on its own (money.ts), then added exactly.
 */
export function purchaseSummary(orders: Iterable<SummaryOrder>, settings: CurrencySettings): Map<string, PurchaseSummary> {
	const toBaseOf = converter(settings);
	const acc = new Map<string, { count: number; total: bigint; first: string; last: string; missing: Set<string> }>();
	for (const o of orders) {
		if (o.status === 'cancelled') continue;
		let a = acc.get(o.customer);
		if (!a) acc.set(o.customer, (a = { count: 0, total: 0n, first: '', last: '', missing: new Set() }));
		a.count++;
		const v = toBaseOf(orderTotal(o), o.currency);
		if (v === null) a.missing.add(o.currency);
		else a.total += BigInt(v);
		if (o.orderDate && (!a.first || o.orderDate < a.first)) a.first = o.orderDate;
		if (o.orderDate > a.last) a.last = o.orderDate;
	}
	const out = new Map<string, PurchaseSummary>();
	for (const [customer, a] of acc) out.set(customer, { count: a.count, total: toSafeNumber(a.total), first: a.first, last: a.last, missing: [...a.missing].sort() });
	return out;
}

/** A customer's orders, newest first (by order date, then by creation). */
export function purchaseHistory<T extends Pick<OrderFields, 'customer' | 'orderDate'> & Partial<Pick<RecordMeta, 'createdAt'>>>(orders: Iterable<T>, customer: string): T[] {
	const out: T[] = [];
	for (const o of orders) if (o.customer === customer) out.push(o);
	return out.sort((a, b) => (a.orderDate < b.orderDate ? 1 : a.orderDate > b.orderDate ? -1 : (b.createdAt ?? 0) - (a.createdAt ?? 0)));
}

/**
 * Whether saving `order` should suggest moving its customer to the "customer" stage: the
 * customer is potential or a prospect (lifecycle.ts), the order is not cancelled, and the
 * customer has no other order that is not cancelled.
 */
export function suggestsCustomerStage(
	customer: Pick<LifecycleFields, 'stage'>,
	order: Pick<OrderFields, 'customer' | 'status'> & { id?: string },
	orders: Iterable<Pick<OrderFields, 'customer' | 'status'> & { id: string }>
): boolean {
	if (order.status === 'cancelled' || !suggestCustomerOnFirstOrder(customer.stage)) return false;
	for (const o of orders) if (o.customer === order.customer && o.id !== order.id && o.status !== 'cancelled') return false;
	return true;
}
