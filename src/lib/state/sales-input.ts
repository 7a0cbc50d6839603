// What the selling forms do with what people type, kept pure so it is tested in Node: typed
// amounts into minor units (with the error a form shows), a line's product and discount, the
// order statuses a form may offer, and the open deals of a customer.
import { fromLocalInput } from '../domain/dates';
import { findStage, lineFromProduct, type Deal, type LineItem, type Pipeline } from '../domain/deal';
import { amountToDecimal, parseAmount, type CurrencySettings } from '../domain/money';
import { ORDER_STATUSES, orderTransition, type OrderStatus } from '../domain/order';
import type { ProductFields } from '../domain/product';
import type { FieldError } from '../domain/validate';

export type AmountRead = { ok: true; amount: number } | { ok: false; error: FieldError };

/**
 * Reads a typed amount ("1,234.56", "1.2万", "¥88") into minor units of `currency`; blank is 0.
 * A refusal is the FieldError to show on `field` (with the line's `index`).
 */
export function readAmount(text: string, currency: string, field: string, index?: number): AmountRead {
	if (!text.trim()) return { ok: true, amount: 0 };
	const r = parseAmount(text, currency);
	if (r.ok) return { ok: true, amount: r.amount };
	const error: FieldError = { field, code: r.code };
	if (index !== undefined) error.index = index;
	if (r.max !== undefined) error.max = r.max;
	return { ok: false, error };
}

/** An amount as an input box shows it ("1234.56"); '' for 0 so the box starts empty. */
export function amountInput(amount: number, currency: string): string {
	return amount ? amountToDecimal(amount, currency) : '';
}

/**
 * A line for `product` in a record kept in `currency`: the product's name, unit and price
 * (converted with the team's rates), keeping the quantity and discount already typed; null when
 * the product's currency has no rate.
 */
export function applyProduct(
	line: LineItem,
	product: Pick<ProductFields, 'name' | 'unit' | 'unitPrice' | 'currency'> & { id: string },
	opts: { currency: string; settings: CurrencySettings }
): LineItem | null {
	const fresh = lineFromProduct(product, opts);
	if (!fresh) return null;
	return { ...fresh, quantity: line.quantity, discountKind: line.discountKind, discount: line.discount, discountAmount: line.discountAmount };
}

/**
 * A line with the discount typed in its one box: a percent is kept as typed, an amount is read
 * in `currency`. Also returns the error for an amount that does not read (the line then has none).
 */
export function applyDiscount(line: LineItem, kind: LineItem['discountKind'], text: string, currency: string, index?: number): { line: LineItem; error: FieldError | null } {
	if (kind === 'percent') return { line: { ...line, discountKind: kind, discount: text.trim(), discountAmount: 0 }, error: null };
	const r = readAmount(text, currency, 'lines.discountAmount', index);
	return { line: { ...line, discountKind: kind, discount: '', discountAmount: r.ok ? r.amount : 0 }, error: r.ok ? null : r.error };
}

/** What a line's discount box shows. */
export function discountInput(line: LineItem, currency: string): string {
	return line.discountKind === 'amount' ? amountInput(line.discountAmount, currency) : line.discount;
}

/**
 * The statuses an order form offers: every status but cancelled for a new order; for a saved
 * one, its status and those orderTransition allows from it.
 */
export function statusOptions(from?: OrderStatus): OrderStatus[] {
	if (from === undefined) return ORDER_STATUSES.filter((s) => s !== 'cancelled');
	return ORDER_STATUSES.filter((s) => orderTransition(from, s).ok);
}

/** Epoch ms of a local "YYYY-MM-DD" for date formatting; 0 when blank or malformed. */
export function dayMs(day: string): number {
	const ms = fromLocalInput(day);
	return Number.isFinite(ms) ? ms : 0;
}

/** Deals still being worked: in an open stage of `pipeline` (or one it no longer has) and not closed. */
export function openDeals<T extends Pick<Deal, 'stage'> & Partial<Pick<Deal, 'closedAt'>>>(deals: readonly T[], pipeline: Pipeline): T[] {
	return deals.filter((d) => (findStage(pipeline, d.stage)?.kind ?? 'open') === 'open' && !d.closedAt);
}
