// A full disk: Chromium's own quota override makes IndexedDB writes fail for real. The app must
// say so, keep the edits, save them once space is back, and lose nothing saved before.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { collectConsoleErrors, launchBrowser, newContext, startApp, type App } from './harness';
import { createCustomer, expectResults, openCustomers } from './crm';

let app: App;
let browser: Browser;

beforeAll(async () => {
	app = await startApp();
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
	await app?.close();
});

test('a quota error is reported, nothing saved is lost, and the edits are saved once space is back', async () => {
	const context = await newContext(browser);
	const page = await context.newPage();
	const errors = collectConsoleErrors(page);
	await openCustomers(page, app);
	await createCustomer(page, { name: 'Saved before the disk filled' });
	await openCustomers(page, app);
	await expectResults(page, 1);

	const cdp = await context.newCDPSession(page);
	const origin = new URL(app.url).origin;
	const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
	await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + 1024 });

	await page.getByRole('button', { name: 'New customer' }).click();
	await page.getByRole('textbox', { name: 'Name' }).fill('Written while the disk is full');
	await page.getByRole('button', { name: 'Save' }).click();
	const alert = page.getByRole('alert').filter({ hasText: 'Storage is full' });
	await expect.poll(() => alert.count(), { timeout: 15_000 }).toBe(1);
	// The edit is still in this window.
	await page.getByRole('link', { name: 'Customers' }).click();
	await expectResults(page, 2);

	// Space is back: the retry stores everything and the warning goes away.
	await cdp.send('Storage.overrideQuotaForOrigin', { origin });
	await expect.poll(() => alert.count(), { timeout: 20_000 }).toBe(0);

	await page.reload();
	await expectResults(page, 2);
	await expect
		.poll(() => page.getByRole('table', { name: 'Customer list' }).textContent())
		.toContain('Written while the disk is full');
	expect(await page.getByRole('table', { name: 'Customer list' }).textContent()).toContain('Saved before the disk filled');
	expect(errors.filter((e) => !/QuotaExceeded|quota/i.test(e))).toEqual([]);
	await context.close();
});
