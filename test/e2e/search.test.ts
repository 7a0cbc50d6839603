// Everywhere: the search dialog (Ctrl+K) over customers, contacts, tasks and activities, the
// keyboard shortcuts and their help, and task reminders while the app is open.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppAndBrowser, waitForAppRendered, withPage } from './harness';
import { createCustomer, openCustomers } from './crm';

const e2e = useAppAndBrowser();

/** The browser's local time a minute ago, as a datetime-local value. */
function aMinuteAgo(page: Page): Promise<string> {
	return page.evaluate(() => {
		const d = new Date(Date.now() - 60_000);
		const p = (n: number) => String(n).padStart(2, '0');
		return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
	});
}

function searchDialog(page: Page) {
	return page.getByRole('dialog', { name: 'Search everything' });
}

/** Opens the search with Ctrl+K, types `text` and waits until every kind of record answered. */
async function search(page: Page, text: string) {
	await page.keyboard.press('Control+k');
	const dialog = searchDialog(page);
	await dialog.waitFor();
	const box = dialog.getByRole('searchbox', { name: 'Search' });
	expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
	await box.fill(text);
	await expect.poll(() => dialog.getByRole('status').textContent()).toMatch(/\d+ results?/);
	return dialog;
}

describe('search everything', () => {
	test('finds a customer, a contact, a task and an activity; arrows and Enter open each; Escape closes', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			const customerId = await createCustomer(page, { name: 'Lotus Tea House' });

			await page.getByRole('button', { name: 'Add contact' }).click();
			await page.getByRole('textbox', { name: 'Contact name' }).fill('Zhang Wei');
			await page.getByRole('button', { name: 'Save' }).click();
			await page.getByRole('region', { name: 'Contact persons' }).getByRole('link', { name: 'Zhang Wei' }).waitFor();

			await page.getByRole('button', { name: 'New task' }).click();
			await page.getByRole('textbox', { name: 'Task title' }).fill('Send the autumn price list');
			await page.getByRole('button', { name: 'Save' }).click();
			await page.getByRole('region', { name: 'Tasks' }).getByRole('link', { name: 'Send the autumn price list' }).waitFor();

			await page.getByRole('button', { name: 'Log activity' }).click();
			await page.getByRole('textbox', { name: 'Subject' }).fill('Oolong tasting for Lotus');
			await page.getByRole('button', { name: 'Save' }).click();
			await page.getByRole('list', { name: 'Timeline' }).getByText('Oolong tasting for Lotus').waitFor();

			// One word finds all four, grouped by kind (the contact and the task by their customer).
			const dialog = await search(page, 'lotus');
			for (const [group, name] of [
				['Customers', 'Lotus Tea House'],
				['Contacts', 'Zhang Wei'],
				['Tasks', 'Send the autumn price list'],
				['Activities', 'Oolong tasting for Lotus']
			]) {
				await dialog.getByRole('region', { name: group }).getByRole('link', { name }).waitFor();
			}
			// Down once is the contact; Enter opens it.
			await page.keyboard.press('ArrowDown');
			await page.keyboard.press('Enter');
			await page.waitForURL(/\/contacts\/[^/]+$/);
			await page.getByRole('heading', { level: 1, name: 'Zhang Wei' }).waitFor();
			expect(await searchDialog(page).isVisible()).toBe(false);

			// Words of the title find the task; Enter opens the first result.
			await search(page, 'autumn price');
			expect(await searchDialog(page).getByRole('region').count()).toBe(1);
			await page.keyboard.press('Enter');
			await page.waitForURL(/\/tasks\/[^/]+$/);

			// The header button opens it too; Up from the first result wraps to the last (the activity).
			await page.getByRole('banner').getByRole('button', { name: 'Search', exact: true }).click();
			await searchDialog(page).getByRole('searchbox', { name: 'Search' }).fill('lotus');
			await searchDialog(page).getByRole('region', { name: 'Activities' }).getByRole('link').waitFor();
			await page.keyboard.press('ArrowUp');
			await page.keyboard.press('Enter');
			await page.waitForURL((url) => url.pathname === `/customers/${customerId}`);

			// Nothing found says so; Escape closes, even with text in the box.
			const again = searchDialog(page);
			await page.keyboard.press('Control+k');
			await again.getByRole('searchbox', { name: 'Search' }).fill('no such thing');
			await expect.poll(() => again.getByRole('status').textContent()).toBe('Nothing found for “no such thing”.');
			await page.keyboard.press('Escape');
			await expect.poll(() => again.isVisible()).toBe(false);
		});
	});

	test('fits a 375 px wide phone', async () => {
		await withPage(
			e2e.browser,
			async (page) => {
				await openCustomers(page, e2e.app);
				await createCustomer(page, { name: 'Narrow Screen Trading Company With A Long Name' });
				await page.getByRole('banner').getByRole('button', { name: 'Search', exact: true }).click();
				const dialog = searchDialog(page);
				await dialog.getByRole('searchbox', { name: 'Search' }).fill('narrow');
				const link = dialog.getByRole('link', { name: /Narrow Screen Trading/ });
				await link.waitFor();
				const box = (await dialog.boundingBox())!;
				expect(box.x).toBeGreaterThanOrEqual(0);
				expect(box.x + box.width).toBeLessThanOrEqual(375);
				expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
				await link.click();
				await page.waitForURL(/\/customers\/[^/]+$/);
				expect(await dialog.isVisible()).toBe(false);
			},
			{ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true }
		);
	});
});

describe('keyboard shortcuts', () => {
	test('"?" lists the shortcuts; "g" sequences go to the screens; "n" starts a new record on its list', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			await page.keyboard.press('?');
			const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
			await help.getByText('Go to Contacts').waitFor();
			expect(await help.textContent()).toContain('Search everything');
			await page.keyboard.press('Escape');
			await expect.poll(() => help.isVisible()).toBe(false);
			// The header button opens the same list.
			await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
			await help.waitFor();
			await help.getByRole('button', { name: 'Close' }).click();
			await expect.poll(() => help.isVisible()).toBe(false);

			await page.keyboard.press('g');
			await page.keyboard.press('t');
			await page.waitForURL(/\/tasks$/);
			await page.keyboard.press('g');
			await page.keyboard.press('o');
			await page.waitForURL(/\/contacts$/);
			// Typing in a field is typing, not a shortcut.
			const box = page.getByRole('searchbox', { name: 'Search contacts' });
			await box.click();
			await page.keyboard.type('gcn?');
			expect(await box.inputValue()).toBe('gcn?');
			expect(new URL(page.url()).pathname).toBe('/contacts');
			await box.blur();
			await page.keyboard.press('g');
			await page.keyboard.press('c');
			await page.waitForURL(/\/customers$/);
			await page.keyboard.press('n');
			await page.waitForURL(/\/customers\/new$/);
		});
	});
});

describe('reminders', () => {
	test('a task whose reminder is due shows a reminder that opens the task, once', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			await page.keyboard.press('g');
			await page.keyboard.press('t');
			await page.getByRole('button', { name: 'New task' }).click();
			await page.getByRole('textbox', { name: 'Task title' }).fill('Call Mr Chen about the samples');
			await page.locator('input[type="datetime-local"]').fill(await aMinuteAgo(page));
			await page.getByRole('combobox', { name: 'Reminder' }).selectOption({ label: 'At the due time' });
			await page.getByRole('button', { name: 'Save' }).click();
			await page.waitForURL(/\/tasks$/);

			const reminder = page.getByRole('status').filter({ hasText: 'Reminder: Call Mr Chen about the samples' });
			await reminder.waitFor();
			await reminder.getByRole('button', { name: 'Open' }).click();
			await page.waitForURL(/\/tasks\/[^/]+$/);
			await expect.poll(() => reminder.count()).toBe(0);

			// Shown once: not again after a reload.
			await page.reload();
			await waitForAppRendered(page);
			await page.getByRole('heading', { level: 1 }).waitFor();
			await page.waitForTimeout(1500);
			expect(await reminder.count()).toBe(0);
		});
	});
});
