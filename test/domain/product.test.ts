// Products: validation, SKU uniqueness, what new lines may use.
import { describe, expect, it } from 'vitest';
import { emptyProduct, PRODUCT_FIELDS, productsForSale, skuKey, skuOwner, validateProduct } from '../../src/lib/domain/product';

describe('products', () => {
	it('starts active, priced 0 in the given currency, with every field', () => {
		const p = emptyProduct('CNY');
		expect(p).toMatchObject({ active: true, unitPrice: 0, currency: 'CNY' });
		expect(Object.keys(p).sort()).toEqual([...PRODUCT_FIELDS].sort());
	});

	it('needs a name and a currency when created; prices are whole minor units', () => {
		expect(validateProduct({ ...emptyProduct('CNY'), name: ' 打印机 ', unit: '台', unitPrice: 199900 })).toEqual({
			value: { ...emptyProduct('CNY'), name: '打印机', unit: '台', unitPrice: 199900 },
			errors: []
		});
		expect(validateProduct({ name: '' }).errors).toEqual([
			{ field: 'name', code: 'required' },
			{ field: 'currency', code: 'required' }
		]);
		const bad = validateProduct({ name: 'x', currency: 'RMB', unitPrice: 12.5, unit: '很长的单位名称很长的单位名称很长的单位名称' });
		expect(bad.errors).toEqual([
			{ field: 'unit', code: 'tooLong', max: 20 },
			{ field: 'unitPrice', code: 'numberInvalid' },
			{ field: 'currency', code: 'invalidChoice' }
		]);
		expect(validateProduct({ unitPrice: -1 }, { partial: true }).errors).toEqual([{ field: 'unitPrice', code: 'numberInvalid' }]);
	});

	it('checks only the fields an edit has', () => {
		expect(validateProduct({ active: 0 as unknown as boolean }, { partial: true })).toEqual({ value: { active: false }, errors: [] });
		expect(validateProduct({ currency: 'usd' }, { partial: true })).toEqual({ value: { currency: 'USD' }, errors: [] });
	});

	it('keeps SKUs unique regardless of case, width and spaces, but lets a product keep its own', () => {
		const products = [
			{ id: 'p1', sku: 'AB-100' },
			{ id: 'p2', sku: '' },
			{ id: 'p3', sku: 'cd-7' }
		];
		expect(skuKey(' ａｂ-１００ ')).toBe('AB-100');
		expect(skuOwner('ab-100', products)).toBe('p1');
		expect(skuOwner('ＣＤ-７', products)).toBe('p3');
		expect(skuOwner('AB-100', products, 'p1')).toBeUndefined();
		expect(skuOwner('', products)).toBeUndefined();
		expect(skuOwner('EF-1', products)).toBeUndefined();
		expect(validateProduct({ name: 'n', currency: 'CNY', sku: 'ab-100' }, { products }).errors).toEqual([{ field: 'sku', code: 'duplicateValue' }]);
		expect(validateProduct({ sku: 'ab-100' }, { partial: true, products, id: 'p1' }).errors).toEqual([]);
		expect(validateProduct({ sku: '' }, { partial: true, products }).errors).toEqual([]);
	});

	it('offers active products by name for new lines', () => {
		const list = [
			{ name: 'b', active: true },
			{ name: 'a', active: true },
			{ name: 'c', active: false }
		];
		expect(productsForSale(list).map((p) => p.name)).toEqual(['a', 'b']);
	});
});
