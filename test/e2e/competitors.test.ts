// Competitors end to end: a profile, an observation, a deal linked to them through the deal
// form's competitor picker (and a rival created from it), marked lost, and their record on
// their page — each after a reload.
import { describe, expect, test } from 'vitest';
import { useAppAndBrowser, waitForAppRendered, withPage } from './harness';

const e2e = useAppAndBrowser();

describe('competitors', () => {
	test('creates a competitor, links it to a lost deal and sees the count on its page', async () => {
		await withPage(e2e.browser, async (page) => {
			page.setDefaultTimeout(12_000);
			await page.goto(e2e.app.at('/competitors'));
			await waitForAppRendered(page);
			await page.getByRole('button', { name: 'New competitor' }).click();
			await page.getByRole('textbox', { name: 'Competitor name' }).fill('华东精密 Huadong Precision');
			await page.getByRole('textbox', { name: 'Main products' }).fill('数控车床, 加工中心');
			await page.getByRole('combobox', { name: 'Price level' }).selectOption({ label: 'Low' });
			await page.getByRole('textbox', { name: 'Website' }).fill('not a site');
			await page.getByRole('button', { name: 'Save' }).click();
			await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Website is not a web address');
			await page.getByRole('textbox', { name: 'Website' }).fill('huadong.example.cn');
			await page.getByRole('button', { name: 'Save' }).click();
			await page.waitForURL((u) => /^\/competitors\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'));
			const url = page.url();
			await page.getByRole('textbox', { name: 'Observation' }).fill('降价 15% 抢华东市场');
			await page.getByRole('button', { name: 'Add observation' }).click();
			await page.getByRole('list', { name: 'Observations' }).getByText('降价 15% 抢华东市场').waitFor();

			// A deal against them, picked in the deal form (N opens a new deal on the Deals screen),
			// with a second rival added from the picker by name.
			await page.goto(e2e.app.at('/deals'));
			await waitForAppRendered(page);
			await page.getByRole('button', { name: 'New deal' }).waitFor();
			await page.keyboard.press('n');
			await page.waitForURL(/\/deals\/new$/);
			await page.getByRole('textbox', { name: 'Deal title' }).fill('Lathes for Ningbo');
			await page.getByRole('textbox', { name: 'Amount' }).fill('80000');
			const picker = page.getByRole('searchbox', { name: 'Competitors' });
			await picker.fill('huadong');
			await page.getByRole('list', { name: 'Matching competitors' }).getByRole('button', { name: '华东精密 Huadong Precision' }).click();
			await picker.fill('Zeta Tools');
			await page.getByRole('button', { name: 'Add “Zeta Tools” as a new competitor' }).click();
			const chosen = page.getByRole('list', { name: 'Chosen competitors' });
			await expect.poll(() => chosen.textContent()).toMatch(/华东精密 Huadong Precision.*Zeta Tools/);
			await page.getByRole('button', { name: 'Save' }).click();
			await page.waitForURL((u) => /^\/deals\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'));
			const dealUrl = page.url();

			// Marked lost on its page; after a reload it keeps both rivals.
			await page.reload();
			await waitForAppRendered(page);
			await expect.poll(() => page.getByRole('list', { name: 'Chosen competitors' }).textContent()).toMatch(/华东精密 Huadong Precision.*Zeta Tools/);
			await page.getByRole('button', { name: 'Remove Zeta Tools' }).click();
			await page.getByRole('combobox', { name: 'Stage' }).selectOption({ label: 'Lost' });
			await page.getByRole('textbox', { name: 'Lost reason' }).fill('Price');
			await page.getByRole('button', { name: 'Save' }).click();
			await page.getByText('Saved.').first().waitFor();
			await page.goto(dealUrl);
			await waitForAppRendered(page);
			await expect.poll(() => page.getByRole('list', { name: 'Chosen competitors' }).getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('华东精密 Huadong Precision')]);
			// The history names the competitors, not their ids.
			await expect.poll(() => page.locator('ol.history').textContent()).toMatch(/Competitors: ?华东精密 Huadong Precision, Zeta Tools ?→ ?华东精密 Huadong Precision/);

			await page.goto(url);
			await waitForAppRendered(page);
			await expect.poll(() => page.getByRole('status', { name: 'Record against them' }).textContent()).toContain('Won 0 · Lost 1');
			await page.getByRole('list', { name: 'Deals where they competed' }).getByRole('link', { name: 'Lathes for Ningbo' }).waitFor();
			await page.getByRole('list', { name: 'Observations' }).getByText('降价 15% 抢华东市场').waitFor();
			await page.getByRole('link', { name: 'Back to competitors' }).click();
			const list = page.getByRole('list', { name: 'Competitors' });
			await expect.poll(() => list.getByRole('listitem').filter({ hasText: 'Huadong' }).textContent()).toContain('Won 0 · Lost 1');
			// The rival added from the deal form is a profile too; unlinked again, it counts no deal.
			await expect.poll(() => list.getByRole('listitem').filter({ hasText: 'Zeta Tools' }).textContent()).toContain('Won 0 · Lost 0');
		});
	});
	test('picks competitors for a deal on a 375 px phone', async () => {
		await withPage(
			e2e.browser,
			async (page) => {
				const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
				await page.goto(e2e.app.at('/deals/new'));
				await waitForAppRendered(page);
				const picker = page.getByRole('searchbox', { name: 'Competitors' });
				for (const name of ['深圳市长城精密机械设备有限公司', 'Northwind Precision Machinery Trading Co.']) {
					await picker.fill(name);
					await page.getByRole('button', { name: `Add “${name}” as a new competitor` }).click();
				}
				await picker.fill('长城');
				// Already chosen: not offered again.
				await expect.poll(() => page.getByRole('list', { name: 'Matching competitors' }).getByRole('button').allTextContents()).toEqual(['Add “长城” as a new competitor']);
				await picker.fill('');
				await expect.poll(() => page.getByRole('list', { name: 'Chosen competitors' }).getByRole('listitem').count()).toBe(2);
				expect(await scrollWidth()).toBeLessThanOrEqual(375);
				await page.getByRole('button', { name: 'Remove 深圳市长城精密机械设备有限公司' }).click();
				await expect.poll(() => page.getByRole('list', { name: 'Chosen competitors' }).getByRole('listitem').count()).toBe(1);
				expect(await scrollWidth()).toBeLessThanOrEqual(375);
			},
			{ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true }
		);
	});
});
