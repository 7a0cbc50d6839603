// Language switching end to end: the navigation follows the chosen language, <html lang> is set
// for screen readers and fonts, and the choice survives a reload.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppAndBrowser, withPage } from './harness';
import { openCustomers } from './crm';

const e2e = useAppAndBrowser();

const languageSelect = (page: Page) => page.getByRole('combobox', { name: /Language/ });
const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);
const navFirstLink = (page: Page) => page.getByRole('navigation').getByRole('link').first();

/** Waits for the navigation's customers link to read `text` and <html lang> to be `lang`. */
async function expectLanguage(page: Page, text: string, lang: string): Promise<void> {
	await page.getByRole('navigation').getByRole('link', { name: text, exact: true }).waitFor();
	expect((await navFirstLink(page).textContent())?.trim()).toBe(text);
	await expect.poll(() => htmlLang(page)).toBe(lang);
}

describe('language', () => {
	test('switches between English, 简体中文 and 繁體中文, and remembers the choice', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			await expectLanguage(page, 'Customers', 'en');
			const labels = await languageSelect(page)
				.locator('option')
				.evaluateAll((opts) => opts.map((o) => o.textContent?.trim()));
			expect(labels).toEqual(['English', '简体中文', '繁體中文']);

			await languageSelect(page).selectOption({ label: '简体中文' });
			await expectLanguage(page, '客户', 'zh-CN');
			expect(await page.getByRole('link', { name: 'Customers', exact: true }).count()).toBe(0);

			await languageSelect(page).selectOption({ label: '繁體中文' });
			await expectLanguage(page, '客戶', 'zh-TW');

			await languageSelect(page).selectOption({ label: 'English' });
			await expectLanguage(page, 'Customers', 'en');

			// The choice survives a reload (and a fresh visit of another page).
			await languageSelect(page).selectOption({ label: '繁體中文' });
			await expectLanguage(page, '客戶', 'zh-TW');
			await page.reload();
			await expectLanguage(page, '客戶', 'zh-TW');
			expect(await languageSelect(page).inputValue()).toBe('zh-TW');

			await languageSelect(page).selectOption({ label: '简体中文' });
			await expectLanguage(page, '客户', 'zh-CN');
			await page.goto(e2e.app.at('/settings'));
			await expectLanguage(page, '客户', 'zh-CN');
			expect(await languageSelect(page).inputValue()).toBe('zh-CN');

			await languageSelect(page).selectOption({ label: 'English' });
			await expectLanguage(page, 'Customers', 'en');
			await page.reload();
			await expectLanguage(page, 'Customers', 'en');
		});
	});

	test('a browser set to Chinese starts in Chinese', async () => {
		for (const [locale, text, lang] of [
			['zh-CN', '客户', 'zh-CN'],
			['zh-TW', '客戶', 'zh-TW']
		] as const) {
			await withPage(e2e.browser, async (page) => {
				await page.goto(e2e.app.at('/customers'));
				await expectLanguage(page, text, lang);
				expect(await languageSelect(page).inputValue()).toBe(lang);
			}, { locale });
		}
	});
});
