// Customers end to end: create, validate, edit with history, search and filter the sample data,
// delete with Undo and restore from the Trash, and the phone layout. Each test has a fresh
// browser context, so it starts with an empty workspace on a "new device".
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppAndBrowser, withPage } from './harness';
import {
	createCustomer,
	customerTable,
	dataRows,
	detail,
	expectResults,
	fillCustomerForm,
	gotoCustomersViaNav,
	openCustomers,
	resultsCount,
	rowNames,
	rowTexts
} from './crm';

const e2e = useAppAndBrowser();

const WANG = {
	name: '王小明 Wang Xiaoming',
	company: '上海晨光贸易有限公司',
	phones: ['+86 138-0013-8000', '021 6234 5678'],
	emails: ['wang@chenguang.example.cn'],
	stage: 'Prospect'
};

describe('customer form', () => {
	test('creates a customer with Chinese name, two phones, an email and a stage; it survives a reload', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			await expectResults(page, 0);

			const id = await createCustomer(page, WANG);
			expect(id).toMatch(/\S{8,}/);

			const checkPage = async () => {
				await page.getByRole('heading', { level: 1, name: WANG.name }).waitFor();
				expect(await detail(page, 'Company')).toBe(WANG.company);
				const phones = await detail(page, 'Phone');
				expect(phones).toContain('+86 138-0013-8000');
				expect(phones).toContain('021 6234 5678');
				expect(await detail(page, 'Email')).toContain('wang@chenguang.example.cn');
				expect(await detail(page, 'Stage')).toBe('Prospect');
				expect(await page.locator('main .badge').first().textContent()).toBe('Prospect');
			};
			await checkPage();

			await page.reload();
			await checkPage();
			expect(new URL(page.url()).pathname).toBe(`/customers/${id}`);

			await gotoCustomersViaNav(page);
			await expectResults(page, 1);
			const table = customerTable(page);
			const row = dataRows(table).filter({ hasText: WANG.name });
			await row.waitFor();
			expect(await row.textContent()).toContain(WANG.company);
			expect(await row.textContent()).toContain('Prospect');
			expect(await row.getByRole('link', { name: WANG.name }).getAttribute('href')).toBe(`/customers/${id}`);
		});
	});

	test('rejects an empty name, a bad e-mail and a short phone with messages naming the field; nothing is saved', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			await page.getByRole('button', { name: 'New customer', exact: true }).click();
			await page.waitForURL(/\/customers\/new$/);

			await fillCustomerForm(page, {
				company: 'Nowhere Ltd',
				phones: ['13800138000', '12'],
				emails: ['not-an-email']
			});
			await page.getByRole('button', { name: 'Save', exact: true }).click();

			const summary = page.getByRole('alert').filter({ hasText: 'to fix before saving' });
			await summary.waitFor();
			const text = (await summary.textContent()) ?? '';
			expect(text).toContain('3 problems');
			expect(text).toContain('Name is required.');
			expect(text).toContain('Email is not a valid e-mail address');
			expect(text).toMatch(/Phone 2 is not a valid phone number/);
			// The first phone is fine: no message names it.
			expect(text).not.toMatch(/Phone is not a valid/);

			// Each box is marked invalid and points at its own message.
			const name = page.getByRole('textbox', { name: 'Name', exact: true });
			expect(await name.getAttribute('aria-invalid')).toBe('true');
			const phone2 = page.getByRole('textbox', { name: 'Phone 2', exact: true });
			expect(await phone2.getAttribute('aria-invalid')).toBe('true');
			const phone2Msg = await page.locator(`#${await phone2.getAttribute('aria-describedby')}`).textContent();
			expect(phone2Msg).toContain('Phone 2 is not a valid phone number');
			expect(await page.getByRole('textbox', { name: 'Phone', exact: true }).getAttribute('aria-invalid')).toBe('false');
			const email = page.getByRole('textbox', { name: 'Email', exact: true });
			expect(await email.getAttribute('aria-invalid')).toBe('true');

			// Still on the form, and nothing was written.
			expect(new URL(page.url()).pathname).toBe('/customers/new');
			await gotoCustomersViaNav(page);
			await expectResults(page, 0);
			await page.getByRole('button', { name: 'Load sample data' }).waitFor();
			expect(await dataRows(customerTable(page)).count()).toBe(0);
		});
	});

	test('editing city and stage shows a "changed" history entry with from → to', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			const id = await createCustomer(page, { name: '李娜', company: '杭州云帆科技', stage: 'Prospect' });
			// Only the creation so far.
			await page.getByText('Me created this record').waitFor();

			await page.getByRole('button', { name: 'Edit', exact: true }).click();
			await page.waitForURL(new RegExp(`/customers/${id}/edit$`));
			const city = page.getByRole('textbox', { name: 'City', exact: true });
			await city.waitFor();
			expect(await city.inputValue()).toBe('');
			expect(await page.getByRole('textbox', { name: 'Name', exact: true }).inputValue()).toBe('李娜');
			await fillCustomerForm(page, { city: '杭州', stage: 'Customer' });
			await page.getByRole('button', { name: 'Save', exact: true }).click();
			await page.waitForURL((url) => url.pathname === `/customers/${id}`);

			expect(await (async () => {
				await page.getByRole('heading', { level: 1, name: '李娜' }).waitFor();
				return detail(page, 'City');
			})()).toBe('杭州');
			expect(await detail(page, 'Stage')).toBe('Customer');

			const changed = page.locator('ol.history > li').filter({ hasText: 'Me changed' });
			await changed.waitFor();
			expect(await changed.count()).toBe(1);
			const changes = await changed.locator('ul > li').evaluateAll((items) =>
				items.map((li) => ({
					field: li.querySelector('strong')?.textContent?.trim(),
					from: li.querySelector('del')?.textContent?.trim(),
					to: li.querySelector('ins')?.textContent?.trim(),
					text: li.textContent?.replace(/\s+/g, ' ').trim()
				}))
			);
			expect(changes).toContainEqual(expect.objectContaining({ field: 'City', from: '(empty)', to: '杭州' }));
			expect(changes).toContainEqual(expect.objectContaining({ field: 'Stage', from: 'Prospect', to: 'Customer' }));
			expect(changes.find((c) => c.field === 'Stage')!.text).toBe('Stage: Prospect → Customer');
			// Unchanged fields are not listed.
			expect(changes.map((c) => c.field)).not.toContain('Name');
			await page.getByText('Me created this record').waitFor();
		});
	});
});

/** Waits until the list shows some but not all of the 300 samples, every rendered row containing `text`. */
async function expectNarrowedTo(page: Page, text: string): Promise<void> {
	const table = customerTable(page);
	await expect
		.poll(async () => {
			const n = await resultsCount(page);
			const texts = await rowTexts(table);
			return n !== null && n > 0 && n < 300 && texts.length > 0 && texts.every((t) => t.includes(text));
		}, { timeout: 10_000, interval: 50 })
		.toBe(true);
}

describe('search and filters', () => {
	test('searches 300 sample customers by Chinese text and by phone digits; filters by stage', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			await page.getByRole('button', { name: 'Load sample data' }).click();
			await expectResults(page, 300, 30_000);
			const table = customerTable(page);
			const search = page.getByRole('searchbox', { name: 'Search customers' });

			// Chinese substring: fewer, but some, and every visible row contains it.
			await search.fill('科技');
			await expectNarrowedTo(page, '科技');
			const techCount = (await resultsCount(page))!;
			expect(await dataRows(table).count()).toBeLessThanOrEqual(techCount);
			for (const text of await rowTexts(table)) expect(text).toContain('科技');

			// Phone digits without separators find the customer whose phone is shown with them.
			await search.fill('');
			await expectResults(page, 300);
			const withPhone = await dataRows(table).evaluateAll((rows) =>
				rows
					.map((r) => {
						const cells = r.querySelectorAll('[role="cell"]');
						return {
							href: cells[0]?.querySelector('a')?.getAttribute('href') ?? '',
							name: cells[0]?.querySelector('a')?.textContent?.trim() ?? '',
							phone: cells[2]?.textContent?.trim() ?? ''
						};
					})
					.find((r) => r.href && /\D/.test(r.phone) && r.phone.replace(/\D/g, '').length >= 7)
			);
			expect(withPhone, 'a visible row shows a phone with separators').toBeTruthy();
			const digits = withPhone!.phone.replace(/\D/g, '');
			expect(digits).not.toBe(withPhone!.phone);
			await search.fill(digits);
			await expect
				.poll(async () => {
					const hrefs = await dataRows(table).evaluateAll((rows) =>
						rows.map((r) => r.querySelector('[role="cell"] a')?.getAttribute('href') ?? '')
					);
					return hrefs.includes(withPhone!.href);
				}, { timeout: 10_000, interval: 50 })
				.toBe(true);
			const phoneCount = (await resultsCount(page))!;
			expect(phoneCount).toBeGreaterThanOrEqual(1);
			expect(phoneCount).toBeLessThan(300);

			// Clearing the search brings back everyone.
			await search.fill('');
			await expectResults(page, 300);

			// Stage filter.
			const stage = page.getByRole('combobox', { name: 'Stage', exact: true });
			await stage.selectOption({ label: 'Lost' });
			await expectNarrowedTo(page, 'Lost');
			const lost = (await resultsCount(page))!;
			await stage.selectOption({ label: 'Prospect' });
			await expect
				.poll(async () => {
					const texts = await rowTexts(table);
					return texts.length > 0 && texts.every((t) => t.includes('Prospect'));
				}, { timeout: 10_000, interval: 50 })
				.toBe(true);
			const prospects = (await resultsCount(page))!;
			expect(prospects).toBeGreaterThan(0);
			expect(prospects + lost).toBeLessThanOrEqual(300);
			await stage.selectOption({ label: 'All' });
			await expectResults(page, 300);
			// Filter and search combine.
			await stage.selectOption({ label: 'Prospect' });
			await search.fill('科技');
			await expect
				.poll(async () => {
					const n = await resultsCount(page);
					return n !== null && n <= Math.min(prospects, techCount);
				}, { timeout: 10_000, interval: 50 })
				.toBe(true);
			for (const text of await rowTexts(table)) {
				expect(text).toContain('科技');
				expect(text).toContain('Prospect');
			}
		});
	});
});

describe('delete, undo and the Trash', () => {
	test('deletes from the customer page with Undo, then restores from the Trash', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			const name = '陈建国';
			const id = await createCustomer(page, { name, company: '广州陈氏五金' });
			const table = customerTable(page);

			// Delete → list without it, and a toast offering Undo.
			await page.getByRole('button', { name: 'Delete', exact: true }).click();
			await page.waitForURL(/\/customers$/);
			const undo = page.getByRole('button', { name: 'Undo', exact: true });
			await undo.waitFor();
			expect(await page.getByRole('status').filter({ hasText: 'Moved 1 customer to the Trash.' }).count()).toBe(1);
			await expectResults(page, 0);

			await undo.click();
			await expectResults(page, 1);
			await dataRows(table).filter({ hasText: name }).waitFor();
			await undo.waitFor({ state: 'detached' });

			// Delete again, this time restore from the Trash.
			await dataRows(table).getByRole('link', { name }).click();
			await page.waitForURL((url) => url.pathname === `/customers/${id}`);
			await page.getByRole('button', { name: 'Delete', exact: true }).click();
			await page.waitForURL(/\/customers$/);
			await expectResults(page, 0);

			await page.getByRole('link', { name: 'Trash', exact: true }).click();
			await page.waitForURL(/\/trash$/);
			const trash = page.getByRole('table', { name: 'Trash' });
			await dataRows(trash).filter({ hasText: name }).waitFor();
			await expectResults(page, 1);
			await page.getByRole('button', { name: `Restore ${name}`, exact: true }).click();
			await page.getByText('The Trash is empty.').waitFor();
			await expectResults(page, 0);
			expect(await page.getByRole('button', { name: `Restore ${name}` }).count()).toBe(0);

			await gotoCustomersViaNav(page);
			await expectResults(page, 1);
			expect(await rowNames(table)).toEqual([name]);

			// The customer's page no longer says it is in the Trash, and the history tells the story.
			await dataRows(table).getByRole('link', { name }).click();
			await page.getByRole('heading', { level: 1, name }).waitFor();
			await page.getByRole('button', { name: 'Delete', exact: true }).waitFor();
			expect(await page.getByText('This customer is in the Trash.').count()).toBe(0);
			expect(await page.getByText('Me moved it to the Trash').count()).toBe(2);
			expect(await page.getByText('Me restored it from the Trash').count()).toBe(2);
		});
	});
});

describe('phone layout', () => {
	test('the list and the form fit a 375 px wide screen', async () => {
		await withPage(
			e2e.browser,
			async (page) => {
				const overflow = () =>
					page.evaluate(() => ({
						scroll: document.documentElement.scrollWidth,
						client: document.documentElement.clientWidth
					}));
				await openCustomers(page, e2e.app);
				const newButton = page.getByRole('button', { name: 'New customer', exact: true });
				expect(await newButton.isVisible()).toBe(true);
				expect((await overflow()).scroll).toBeLessThanOrEqual(375);

				await page.getByRole('button', { name: 'Load sample data' }).click();
				await expectResults(page, 300, 30_000);
				await dataRows(customerTable(page)).first().waitFor();
				expect((await overflow()).scroll).toBeLessThanOrEqual(375);
				expect(await newButton.isVisible()).toBe(true);
				const box = (await newButton.boundingBox())!;
				expect(box.x).toBeGreaterThanOrEqual(0);
				expect(box.x + box.width).toBeLessThanOrEqual(375);

				await newButton.click();
				await page.waitForURL(/\/customers\/new$/);
				await page.getByRole('button', { name: 'Save', exact: true }).waitFor();
				expect((await overflow()).scroll).toBeLessThanOrEqual(375);
				// With a second phone and validation messages showing too.
				await fillCustomerForm(page, { phones: ['1', '2'], emails: ['x'] });
				await page.getByRole('button', { name: 'Save', exact: true }).click();
				await page.getByRole('alert').filter({ hasText: 'to fix before saving' }).waitFor();
				expect((await overflow()).scroll).toBeLessThanOrEqual(375);
			},
			{ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true }
		);
	});
});
