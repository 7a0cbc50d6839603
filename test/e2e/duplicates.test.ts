// Duplicates end to end: the new-customer form warns about a likely duplicate; the Duplicates
// screen lists the pair with its evidence; merging keeps one record with both records'
// activities, still after a reload; the merge can be undone from its notice.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppAndBrowser, waitForAppRendered, withPage } from './harness';
import { createCustomer, fillCustomerForm, openCustomers } from './crm';

const e2e = useAppAndBrowser();

async function logActivity(page: Page, subject: string) {
	await page.getByRole('button', { name: 'Log activity' }).click();
	await page.getByRole('textbox', { name: 'Subject' }).fill(subject);
	await page.getByRole('button', { name: 'Save' }).click();
	await page.getByRole('list', { name: 'Timeline' }).getByText(subject, { exact: false }).waitFor();
}

async function timelineText(page: Page): Promise<string> {
	return (await page.getByRole('list', { name: 'Timeline' }).textContent()) ?? '';
}

describe('duplicates and merge', () => {
	test('warns while creating, merges two customers with their activities, undoes and merges again', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			const first = await createCustomer(page, { name: '张伟', phones: ['13800138000'], city: '杭州' });
			await logActivity(page, '第一次拜访');

			await page.getByRole('navigation').getByRole('link', { name: 'Customers', exact: true }).click();
			await page.getByRole('button', { name: 'New customer', exact: true }).click();
			await fillCustomerForm(page, { name: '張偉', phones: ['+86 138-0013-8000'], emails: ['zhangwei@example.com'] });
			const warning = page.getByRole('status').filter({ hasText: 'This looks like an existing customer' });
			await warning.waitFor();
			expect(await warning.getByRole('link', { name: '张伟' }).count()).toBe(1);
			await page.getByRole('button', { name: 'Save', exact: true }).click();
			await page.waitForURL((url) => /^\/customers\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/new'));
			await page.getByRole('heading', { level: 1, name: '張偉' }).waitFor();
			await logActivity(page, '电话跟进');

			await page.getByRole('navigation').getByRole('link', { name: 'Duplicates' }).click();
			const groups = page.getByRole('list', { name: 'Likely duplicates' });
			await groups.getByRole('listitem').first().waitFor();
			expect(await groups.getByRole('listitem').count()).toBe(1);
			expect(await groups.textContent()).toContain('Same phone: 13800138000');

			const merge = async (phone = false) => {
				await groups.getByRole('button', { name: /^Review/ }).click();
				const preview = page.locator('[aria-label="Merged result"]');
				await preview.waitFor();
				if (phone) {
					// The merge view fits a 375 px phone.
					await page.setViewportSize({ width: 375, height: 740 });
					expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
					await page.setViewportSize({ width: 1280, height: 800 });
				}
				// Keep the first record's name, take the e-mail of the second (kept by default).
				await page.getByRole('group', { name: 'Name' }).getByRole('radio', { name: /张伟/ }).check();
				const result = (await preview.textContent()) ?? '';
				expect(result).toContain('张伟');
				expect(result).toContain('zhangwei@example.com');
				await page.getByRole('button', { name: 'Merge', exact: true }).click();
				await page.getByText('2 records merged.').waitFor();
			};
			await merge(true);
			await page.getByText('No likely duplicates.').waitFor();

			// Undo from the notice: the pair is back.
			await page.getByRole('button', { name: 'Undo' }).click();
			await page.getByText('Merge undone.').waitFor();
			await groups.getByRole('listitem').first().waitFor();

			await merge();
			await page.goto(e2e.app.at(`/customers/${first}`));
			await waitForAppRendered(page);
			await page.reload();
			await waitForAppRendered(page);
			await page.getByRole('heading', { level: 1, name: '张伟' }).waitFor();
			await expect.poll(() => timelineText(page), { timeout: 15_000 }).toContain('第一次拜访');
			expect(await timelineText(page)).toContain('电话跟进');
			// The merged-away customer is out of the list.
			await openCustomers(page, e2e.app);
			await expect.poll(async () => (await page.getByRole('table', { name: 'Customer list' }).textContent()) ?? '').not.toContain('張偉');
		});
	});

	test('the Duplicates screen fits a 375 px phone', async () => {
		await withPage(
			e2e.browser,
			async (page) => {
				await page.goto(e2e.app.at('/duplicates'));
				await waitForAppRendered(page);
				await page.getByRole('heading', { level: 1, name: 'Duplicates' }).waitFor();
				const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
				expect(overflow).toBeLessThanOrEqual(0);
			},
			{ viewport: { width: 375, height: 740 } }
		);
	});
});
