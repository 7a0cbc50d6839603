// Offline with real data: once the service worker controls the page and customers exist in
// IndexedDB, the list and a customer's page open with the network cut off.
import { describe, expect, test } from 'vitest';
import {
	collectConsoleErrors,
	useAppAndBrowser,
	waitForAppRendered,
	waitForServiceWorker,
	withPage
} from './harness';
import { createCustomer, customerTable, dataRows, detail, expectResults, gotoCustomersViaNav, openCustomers, resultsCount, rowNames } from './crm';

// Expected while offline: Chromium logs the failed update check of the service worker script
// and failed network requests. Uncaught page errors are never ignored.
const OFFLINE_NOISE = [/An unknown error occurred when fetching the script/, /net::ERR_INTERNET_DISCONNECTED/];

const e2e = useAppAndBrowser();

describe('offline with data', () => {
	test('the customer list and a customer deep link open offline', async () => {
		await withPage(e2e.browser, async (page, context) => {
			await openCustomers(page, e2e.app);
			await waitForServiceWorker(page);
			await openCustomers(page, e2e.app);

			const name = '赵丽华';
			const id = await createCustomer(page, { name, company: '深圳华南电子', phones: ['0755 8888 1234'], stage: 'Customer' });
			await gotoCustomersViaNav(page);
			await expectResults(page, 1);
			expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

			await context.setOffline(true);
			expect(await page.evaluate(() => navigator.onLine)).toBe(false);

			// Reload the list offline.
			const listResponse = await page.goto(e2e.app.at('/customers'));
			expect(listResponse?.fromServiceWorker()).toBe(true);
			await waitForAppRendered(page);
			await page.getByRole('navigation').getByRole('link', { name: 'Customers', exact: true }).waitFor();
			await expectResults(page, 1);
			const table = customerTable(page);
			await dataRows(table).first().waitFor();
			expect(await rowNames(table)).toEqual([name]);

			// A deep link to the customer, offline.
			const deepResponse = await page.goto(e2e.app.at(`/customers/${id}`));
			expect(deepResponse?.fromServiceWorker()).toBe(true);
			await page.getByRole('heading', { level: 1, name }).waitFor();
			expect(await detail(page, 'Company')).toBe('深圳华南电子');
			expect(await detail(page, 'Phone')).toBe('0755 8888 1234');
			expect(await detail(page, 'Stage')).toBe('Customer');

			// And in a new tab, cold.
			const tab = await context.newPage();
			const tabErrors = collectConsoleErrors(tab, OFFLINE_NOISE);
			await tab.goto(e2e.app.at(`/customers/${id}`));
			await tab.getByRole('heading', { level: 1, name }).waitFor();
			expect(await detail(tab, 'Company')).toBe('深圳华南电子');

			// Changes made offline are kept: edit the list, reload, still there.
			await tab.getByRole('link', { name: 'Customers', exact: true }).click();
			await expect.poll(() => resultsCount(tab)).toBe(1);
			await createCustomer(tab, { name: '离线客户 Offline', company: '无网络有限公司' });
			await tab.reload();
			await tab.getByRole('heading', { level: 1, name: '离线客户 Offline' }).waitFor();
			await gotoCustomersViaNav(tab);
			await expectResults(tab, 2);

			// The dashboard and the segment editor work offline too, computed on the device.
			await tab.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
			await expect.poll(() => tab.getByRole('status', { name: 'Dashboard status' }).textContent(), { timeout: 20_000 }).toContain('2 customers');
			await tab.getByRole('figure', { name: 'Lifecycle funnel' }).getByRole('button', { name: /^Customer: 1/ }).waitFor();
			await tab.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Segments' }).click();
			await tab.getByRole('button', { name: 'New segment' }).click();
			await tab.getByRole('button', { name: 'Add condition' }).click();
			await expect.poll(() => tab.getByRole('status', { name: 'Matching customers' }).textContent()).toMatch(/Fix the rule|\d+ customers?/);

			expect(tabErrors).toEqual([]);
		}, { ignore: OFFLINE_NOISE });
	});

	test('a customer deep link opened cold registers the service worker at /sw.js', async () => {
		await withPage(e2e.browser, async (page, context) => {
			const swRequests: string[] = [];
			context.on('request', (req) => {
				// The file named sw.js, not a chunk whose hash happens to end in "sw".
				if (/\/sw\.js$/.test(new URL(req.url()).pathname)) swRequests.push(new URL(req.url()).pathname);
			});
			await openCustomers(page, e2e.app);
			const name = '冷启动 Cold Start';
			const id = await createCustomer(page, { name });
			await waitForServiceWorker(page);
			// A link someone sent: opened directly (and reloaded) on the customer's page.
			const tab = await context.newPage();
			const tabErrors = collectConsoleErrors(tab);
			await tab.goto(e2e.app.at(`/customers/${id}`));
			await tab.getByRole('heading', { level: 1, name }).waitFor();
			await tab.reload();
			await tab.getByRole('heading', { level: 1, name }).waitFor();
			await expect
				.poll(() => tab.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL ?? ''))
				.toBe(e2e.app.at('/sw.js'));
			expect([...new Set(swRequests)], 'service worker script URLs requested').toEqual(['/sw.js']);
			expect(tabErrors).toEqual([]);
		});
	});
});
