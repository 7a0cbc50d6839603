// Products: the catalogue a team sells from, each with a unit price in its own currency.
import { MoneyChecker } from './money';
import type { RecordMeta } from './record';
import { foldText } from './text';
import { LONG_TEXT, type FieldError } from './validate';

export interface ProductFields {
	name: string;
	/** Stock-keeping unit; unique in the workspace when set (compared without case or width). */
	sku: string;
	category: string;
	/** Free text: 件, 箱, 台, kg, 小时… */
	unit: string;
	/** Minor units of `currency`. */
	unitPrice: number;
	currency: string;
	/** Inactive products stay on old deals and orders but are not offered for new lines. */
	active: boolean;
	description: string;
}

export type Product = ProductFields & RecordMeta & { [extra: string]: unknown };

export const PRODUCT_FIELDS = ['name', 'sku', 'category', 'unit', 'unitPrice', 'currency', 'active', 'description'] as const satisfies readonly (keyof ProductFields)[];

export const SKU_MAX = 64;
export const UNIT_MAX = 20;

export function emptyProduct(currency: string): ProductFields {
	return { name: '', sku: '', category: '', unit: '', unitPrice: 0, currency, active: true, description: '' };
}

/** The form of a SKU that uniqueness compares: NFKC, trimmed, upper case ("ａｂ-1 " = "AB-1"). */
export function skuKey(sku: string): string {
	return foldText(sku.trim()).toUpperCase();
}

/** The id of another product already using `sku` (not the product `id` itself); undefined if none or blank. */
export function skuOwner(sku: string, products: Iterable<Pick<Product, 'id' | 'sku'>>, id = ''): string | undefined {
	const key = skuKey(sku);
	if (!key) return undefined;
	for (const p of products) if (p.id !== id && skuKey(p.sku ?? '') === key) return p.id;
	return undefined;
}

/**
 * Checks product fields; with `products` (the workspace's other products) and the product's
 * own `id` when editing, a SKU another product has is a `duplicateValue`.
 */
export function validateProduct(
	input: Partial<ProductFields>,
	{ partial = false, products, id = '' }: { partial?: boolean; products?: Iterable<Pick<Product, 'id' | 'sku'>>; id?: string } = {}
): { value: Partial<ProductFields>; errors: FieldError[] } {
	const c = new MoneyChecker(input)
		.required('name', !partial)
		.text('sku', SKU_MAX)
		.text('category')
		.text('unit', UNIT_MAX)
		.amount('unitPrice')
		.currency('currency', !partial)
		.bool('active')
		.text('description', LONG_TEXT);
	if (products && c.value.sku && skuOwner(c.value.sku, products, id) !== undefined) c.errors.push({ field: 'sku', code: 'duplicateValue' });
	return { value: c.value, errors: c.errors };
}

/** Products a new line may use: active ones, by name in the locale's order. */
export function productsForSale<T extends Pick<ProductFields, 'active' | 'name'>>(products: Iterable<T>, locale?: string): T[] {
	return [...products].filter((p) => p.active).sort((a, b) => a.name.localeCompare(b.name, locale));
}
