// Selling end to end: products, an order entered directly with line items and discounts, the
// first order making a prospect a customer, the customer's purchases, printing, currencies and
// a phone-sized screen — each checked after a reload (the sales live in their own document).
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppAndBrowser, waitForAppRendered, withPage } from './harness';
import { createCustomer, openCustomers } from './crm';

const e2e = useAppAndBrowser();

async function open(page: Page, path: string) {
	await page.goto(e2e.app.at(path));
	await waitForAppRendered(page);
}

async function reloadPage(page: Page) {
	await page.reload();
	await waitForAppRendered(page);
}

const results = (page: Page) => page.getByRole('status', { name: 'Results' });

/** Creates a product from the Products page; lands back on the list. */
async function createProduct(page: Page, p: { name: string; sku?: string; unit?: string; price: string; currency?: string }) {
	await page.getByRole('button', { name: 'New product' }).click();
	await page.waitForURL(/\/products\/new$/);
	await fillProduct(page, p);
	await page.getByRole('button', { name: 'Save' }).click();
	await page.waitForURL(/\/products$/);
	await page.getByRole('list', { name: 'Products' }).getByRole('link', { name: p.name }).waitFor();
}

async function fillProduct(page: Page, p: { name: string; sku?: string; unit?: string; price: string; currency?: string }) {
	await page.getByRole('textbox', { name: 'Product name' }).fill(p.name);
	if (p.sku !== undefined) await page.getByRole('textbox', { name: 'SKU' }).fill(p.sku);
	if (p.unit !== undefined) await page.getByRole('textbox', { name: 'Unit', exact: true }).fill(p.unit);
	if (p.currency !== undefined) await page.getByRole('combobox', { name: 'Currency' }).selectOption(p.currency);
	await page.getByRole('textbox', { name: 'Unit price' }).fill(p.price);
}

/** Picks a customer in the order form's customer picker by part of its name. */
async function pickCustomer(page: Page, text: string, name: string) {
	await page.getByRole('searchbox', { name: 'Customer' }).fill(text);
	await page.getByRole('list', { name: 'Matching customers' }).getByRole('button', { name }).click();
}

const line = (page: Page, n: number) => page.getByRole('group', { name: `Line ${n}`, exact: true });

describe('selling', () => {
	test('products, an order for a prospect with two lines and discounts, Make customer, the purchases; kept after a reload', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			const customerId = await createCustomer(page, { name: '杭州西湖茶业有限公司', stage: 'Prospect' });

			// Products: two, then a third whose SKU repeats the first one's (refused), then fixed.
			await open(page, '/products');
			await page.getByRole('heading', { level: 1, name: 'Products' }).waitFor();
			await createProduct(page, { name: 'West Lake tea set', sku: 'TS-01', unit: 'set', price: '1,234.56' });
			await createProduct(page, { name: 'Longjing green tea', sku: 'GT-1', unit: 'kg', price: '88' });
			await page.getByRole('button', { name: 'New product' }).click();
			await fillProduct(page, { name: 'Tea room fit-out', sku: 'ｔｓ-01 ', price: '1.2万' });
			await page.getByRole('button', { name: 'Save' }).click();
			await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('SKU repeats another entry.');
			expect(new URL(page.url()).pathname).toBe('/products/new');
			await page.getByRole('textbox', { name: 'SKU' }).fill('FIT-1');
			await page.getByRole('button', { name: 'Save' }).click();
			await page.waitForURL(/\/products$/);

			await reloadPage(page);
			await expect.poll(() => results(page).textContent()).toBe('3 products');
			const products = page.getByRole('list', { name: 'Products' });
			expect(await products.getByRole('listitem').filter({ hasText: 'West Lake tea set' }).textContent()).toContain('$1,234.56 / set');
			expect(await products.getByRole('listitem').filter({ hasText: 'Tea room fit-out' }).textContent()).toContain('$12,000.00');
			await page.getByRole('searchbox', { name: 'Search products' }).fill('gt-1');
			await expect.poll(() => results(page).textContent()).toBe('1 product');
			await page.getByRole('searchbox', { name: 'Search products' }).fill('');
			await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Inactive' });
			await expect.poll(() => results(page).textContent()).toBe('0 products');

			// An order entered directly: two lines, 10 % off the first, 14.00 off the second.
			await open(page, '/orders');
			await page.getByRole('button', { name: 'New order' }).click();
			await page.waitForURL(/\/orders\/new$/);
			await pickCustomer(page, '西湖', '杭州西湖茶业有限公司');
			await line(page, 1).getByRole('combobox', { name: 'Product' }).selectOption({ label: 'West Lake tea set · TS-01' });
			expect(await line(page, 1).getByRole('textbox', { name: 'Unit price' }).inputValue()).toBe('1234.56');
			await line(page, 1).getByRole('textbox', { name: 'Quantity' }).fill('2');
			await line(page, 1).getByRole('textbox', { name: 'Discount' }).fill('10');
			await expect.poll(() => line(page, 1).getByRole('status', { name: 'Line total' }).textContent()).toBe('$2,222.21');
			await page.getByRole('button', { name: 'Add line' }).click();
			await line(page, 2).getByRole('combobox', { name: 'Product' }).selectOption({ label: 'Longjing green tea · GT-1' });
			await line(page, 2).getByRole('textbox', { name: 'Quantity' }).fill('3');
			await line(page, 2).getByRole('combobox', { name: 'Discount type' }).selectOption({ label: 'Amount off (USD)' });
			await line(page, 2).getByRole('textbox', { name: 'Discount' }).fill('14');
			await expect.poll(() => line(page, 2).getByRole('status', { name: 'Line total' }).textContent()).toBe('$250.00');
			expect(await page.getByRole('status', { name: 'Total', exact: true }).textContent()).toBe('$2,472.21');
			// A third line, removed again.
			await page.getByRole('button', { name: 'Add line' }).click();
			await page.getByRole('button', { name: 'Remove line 3' }).click();
			expect(await line(page, 3).count()).toBe(0);
			// Only the statuses a new order may have; a unit price that does not read is refused.
			const statuses = await page.getByRole('combobox', { name: 'Status' }).locator('option').allTextContents();
			expect(statuses).toEqual(['Confirmed', 'Delivered', 'Invoiced', 'Paid']);
			await line(page, 2).getByRole('textbox', { name: 'Unit price' }).fill('88.123');
			await page.getByRole('button', { name: 'Save' }).click();
			await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Unit price on line 2 can have at most 2 decimal places.');
			await line(page, 2).getByRole('textbox', { name: 'Unit price' }).fill('88');
			await page.getByRole('textbox', { name: 'Contract number' }).fill('HT-2026-001');
			await page.getByRole('textbox', { name: 'Invoice number' }).fill('FP-0001');
			await page.getByRole('button', { name: 'Save' }).click();
			await page.waitForURL((url) => /^\/orders\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/new'));
			const orderPath = new URL(page.url()).pathname;

			// The order as a document, and the first-order prompt; both after a reload too.
			await reloadPage(page);
			const doc = page.getByRole('article', { name: 'Order' });
			await doc.getByText('$2,472.21').waitFor();
			expect(await doc.textContent()).toContain('杭州西湖茶业有限公司');
			expect(await doc.textContent()).toContain('HT-2026-001');
			expect(await doc.textContent()).toContain('$2,222.21');
			const prompt = page.getByRole('region', { name: 'First order' });
			await expect.poll(() => prompt.textContent()).toContain('This is 杭州西湖茶业有限公司’s first order. Make it a customer?');

			// Print: the header and the buttons are not printed, the document is.
			await page.getByRole('button', { name: 'Print' }).waitFor();
			await page.emulateMedia({ media: 'print' });
			expect(await page.getByRole('banner').isVisible()).toBe(false);
			expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
			expect(await prompt.isVisible()).toBe(false);
			expect(await doc.isVisible()).toBe(true);
			await page.emulateMedia({ media: 'screen' });
			expect(await page.getByRole('banner').isVisible()).toBe(true);

			await prompt.getByRole('button', { name: 'Make customer' }).click();
			await page.getByText('杭州西湖茶业有限公司 is now a customer.').waitFor();
			await expect.poll(() => prompt.count()).toBe(0);
			await reloadPage(page);
			await doc.getByText('$2,472.21').waitFor();
			expect(await prompt.count()).toBe(0);

			// Status moves forward only: invoiced, after which only paid is offered.
			await page.getByRole('button', { name: 'Edit' }).click();
			await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Invoiced' });
			await page.getByRole('button', { name: 'Save' }).click();
			await expect.poll(() => doc.textContent()).toContain('Invoiced');
			await page.getByRole('button', { name: 'Edit' }).click();
			expect(await page.getByRole('combobox', { name: 'Status' }).locator('option').allTextContents()).toEqual(['Invoiced', 'Paid']);
			await page.getByRole('button', { name: 'Cancel' }).click();

			// The orders list: search and status filter.
			await open(page, '/orders');
			await page.getByRole('searchbox', { name: 'Search orders' }).fill('HT-2026');
			await expect.poll(() => results(page).textContent()).toBe('1 order');
			const row = page.getByRole('list', { name: 'Orders' }).getByRole('listitem').first();
			expect(await row.textContent()).toContain('$2,472.21');
			expect(await row.textContent()).toContain('Invoiced');
			expect(await row.textContent()).toContain('Contract HT-2026-001');
			expect(await row.textContent()).toContain('Invoice FP-0001');
			expect(await row.getByRole('link', { name: '杭州西湖茶业有限公司' }).getAttribute('href')).toBe(orderPath);
			await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Paid' });
			await expect.poll(() => results(page).textContent()).toBe('0 orders');

			// The customer is a customer now, with the purchase in its Purchases.
			await open(page, `/customers/${customerId}`);
			await page.getByRole('heading', { level: 1, name: '杭州西湖茶业有限公司' }).waitFor();
			await expect.poll(() => page.locator('main .badge').first().textContent()).toBe('Customer');
			const purchases = page.getByRole('region', { name: 'Purchases' });
			const bought = purchases.getByRole('list', { name: 'Purchase history' }).getByRole('listitem');
			await expect.poll(() => bought.count()).toBe(1);
			expect(await bought.first().textContent()).toContain('$2,472.21');
			expect(await bought.first().textContent()).toContain('Invoiced');
			const summary = await purchases.getByRole('definition').allTextContents();
			expect(summary.slice(0, 2)).toEqual(['1', '$2,472.21']);
			expect(await purchases.getByRole('button', { name: 'New order' }).isVisible()).toBe(true);
		});
	});

	test('currencies: a rate is refused until it reads, then a product priced in euros fills a dollar order at that rate', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			await createCustomer(page, { name: 'Orchid Trading Ltd' });
			await open(page, '/settings');
			const currencies = page.getByRole('region', { name: 'Currencies' });
			expect(await currencies.getByRole('combobox', { name: 'Base currency' }).inputValue()).toBe('USD');
			await currencies.getByRole('button', { name: 'Add rate' }).click();
			await currencies.getByRole('combobox', { name: 'Currency 1' }).selectOption('EUR');
			await currencies.getByRole('textbox', { name: 'Rate 1' }).fill('abc');
			await currencies.getByRole('button', { name: 'Save currencies' }).click();
			await expect.poll(() => currencies.getByRole('alert').textContent()).toContain('Rate in rate row 1 must be a number within the allowed range.');
			await currencies.getByRole('textbox', { name: 'Rate 1' }).fill('1.08');
			await currencies.getByText('1 EUR = 1.08 USD').waitFor();
			await currencies.getByRole('button', { name: 'Save currencies' }).click();
			await page.getByText('Saved.').first().waitFor();

			await reloadPage(page);
			await expect.poll(() => page.getByRole('region', { name: 'Currencies' }).getByRole('textbox', { name: 'Rate 1' }).inputValue()).toBe('1.08');

			await open(page, '/products/new');
			await fillProduct(page, { name: 'Porcelain vase', price: '100', currency: 'EUR' });
			await page.getByRole('button', { name: 'Save' }).click();
			await page.waitForURL(/\/products$/);
			await page.getByRole('button', { name: 'New product' }).click();
			await fillProduct(page, { name: 'Silk scarf', price: '30', currency: 'GBP' });
			await page.getByRole('button', { name: 'Save' }).click();
			await page.waitForURL(/\/products$/);

			await open(page, '/orders/new');
			await pickCustomer(page, 'Orchid', 'Orchid Trading Ltd');
			await line(page, 1).getByRole('combobox', { name: 'Product' }).selectOption({ label: 'Porcelain vase' });
			expect(await line(page, 1).getByRole('textbox', { name: 'Unit price' }).inputValue()).toBe('108.00');
			await page.getByRole('button', { name: 'Add line' }).click();
			await line(page, 2).getByRole('combobox', { name: 'Product' }).selectOption({ label: 'Silk scarf' });
			await expect.poll(() => line(page, 2).getByRole('alert').textContent()).toContain('There is no exchange rate for GBP');
			await page.getByRole('button', { name: 'Remove line 2' }).click();
			await page.getByRole('button', { name: 'Save' }).click();
			await page.getByRole('article', { name: 'Order' }).getByText('$108.00').first().waitFor();
			// A potential customer's first order asks too.
			await page.getByRole('region', { name: 'First order' }).waitFor();
		});
	});
});

describe('selling on a phone', () => {
	test('products, the order form with lines, an order, the customer with purchases and the currencies fit a 375 px screen', async () => {
		await withPage(
			e2e.browser,
			async (page) => {
				const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
				await openCustomers(page, e2e.app);
				const id = await createCustomer(page, { name: '深圳华强北电子贸易有限公司' });
				await open(page, '/products');
				await createProduct(page, { name: 'A rather long product name for a small screen', sku: 'LONG-SKU-0001', unit: 'piece', price: '99,999.99' });
				expect(await scrollWidth()).toBeLessThanOrEqual(375);
				await page.getByRole('button', { name: 'New product' }).click();
				expect(await scrollWidth()).toBeLessThanOrEqual(375);

				await open(page, '/orders/new');
				await pickCustomer(page, '华强北', '深圳华强北电子贸易有限公司');
				await line(page, 1).getByRole('combobox', { name: 'Product' }).selectOption({ index: 1 });
				await line(page, 1).getByRole('textbox', { name: 'Quantity' }).fill('12345');
				await page.getByRole('button', { name: 'Add line' }).click();
				await line(page, 2).getByRole('textbox', { name: 'Item' }).fill('Installation');
				await line(page, 2).getByRole('textbox', { name: 'Unit price' }).fill('500');
				expect(await scrollWidth()).toBeLessThanOrEqual(375);
				await page.getByRole('button', { name: 'Save' }).click();
				await page.getByRole('article', { name: 'Order' }).waitFor();
				expect(await scrollWidth()).toBeLessThanOrEqual(375);

				for (const path of ['/orders', `/customers/${id}`, '/settings']) {
					await open(page, path);
					await page.getByRole('heading', { level: 1 }).first().waitFor();
					if (path === '/settings') await page.getByRole('region', { name: 'Currencies' }).getByRole('button', { name: 'Add rate' }).click();
					else if (path !== '/orders') await page.getByRole('region', { name: 'Purchases' }).getByRole('listitem').first().waitFor();
					expect(await scrollWidth(), path).toBeLessThanOrEqual(375);
				}
			},
			{ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true }
		);
	});
});
