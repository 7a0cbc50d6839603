// Segments and the dashboard end to end, on the sample workspace: every chart renders, a filter
// changes them, a bar opens the customers behind it, a saved segment's count equals the
// customers it lists, and a chart exports as SVG.
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectResults, resultsCount } from './crm';
import { useAppAndBrowser, waitForAppRendered, withPage } from './harness';

const e2e = useAppAndBrowser();

const CHARTS = [
	'Lifecycle funnel',
	'Value tiers',
	'Customers by region',
	'Customers by industry',
	'Customers by type',
	'Customers by source',
	'RFM grid',
	'New customers',
	'Activities by channel',
	'Team: activities and deals per member',
	'Revenue by month',
	'Orders by month',
	'Revenue by product category',
	'Revenue by product',
	'Open pipeline by stage',
	'Lost reasons',
	'Wins and losses against competitors',
	'Tickets by type',
	'Average satisfaction',
	'Forecast: All revenue'
];

/** The number in a mark's accessible name ("East China: 1,234" → 1234). */
function countIn(name: string): number {
	const m = /:\s*([\d,]+)/.exec(name);
	if (!m) throw new Error(`no count in "${name}"`);
	return Number(m[1].replace(/,/g, ''));
}

async function markNames(figure: Locator): Promise<string[]> {
	return figure.getByRole('button').evaluateAll((els) => els.filter((e) => e.tagName === 'g').map((e) => e.getAttribute('aria-label') ?? ''));
}

async function funnelTotal(page: Page): Promise<number> {
	const names = await markNames(page.getByRole('figure', { name: 'Lifecycle funnel' }));
	return names.reduce((s, n) => s + countIn(n), 0);
}

describe('segments and dashboard', () => {
	test('dashboard charts, filters, drill-down, a saved segment and an SVG export', async () => {
		await withPage(e2e.browser, async (page) => {
			page.setDefaultTimeout(20_000);
			await page.goto(e2e.app.at('/customers'));
			await waitForAppRendered(page);
			await page.getByRole('button', { name: 'Load sample data' }).click();
			await expectResults(page, 300, 60_000);

			await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
			await expect.poll(() => page.getByRole('status', { name: 'Dashboard status' }).textContent(), { timeout: 60_000 }).toContain('300 customers');
			// Every chart is drawn once scrolled to (charts are drawn as they come near the screen).
			for (const name of CHARTS) {
				const figure = page.getByRole('figure', { name, exact: true });
				await figure.scrollIntoViewIfNeeded();
				await figure.locator('svg').first().waitFor();
			}
			await page.evaluate(() => window.scrollTo(0, 0));
			// Charts carry their data as a table too (the text alternative).
			const region = page.getByRole('figure', { name: 'Customers by region' });
			await region.getByText('Data table').click();
			await expect.poll(() => region.getByRole('table').getByRole('row').count()).toBeGreaterThan(2);
			expect(await funnelTotal(page)).toBe(300);

			// A filter applies to every chart: one owner's customers only.
			const owner = page.getByRole('combobox', { name: 'Owner' });
			const members = await owner.getByRole('option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value).filter(Boolean));
			expect(members.length).toBeGreaterThan(1);
			await owner.selectOption(members[0]);
			await expect.poll(() => funnelTotal(page)).toBeLessThan(300);
			const owned = await funnelTotal(page);
			expect(owned).toBeGreaterThan(0);
			await expect.poll(() => page.getByRole('status', { name: 'Dashboard status' }).textContent()).toContain(`${owned} customer`);
			await owner.selectOption('');
			await expect.poll(() => funnelTotal(page)).toBe(300);

			// An SVG export of a chart downloads a standalone SVG with the chart's title.
			const [download] = await Promise.all([page.waitForEvent('download'), region.getByRole('button', { name: 'Export SVG' }).click()]);
			expect(download.suggestedFilename()).toMatch(/\.svg$/);
			const svg = await readFile((await download.path())!, 'utf8');
			expect(svg).toContain('<svg');
			expect(svg).toContain('<title>Customers by region</title>');
			const [csv] = await Promise.all([page.waitForEvent('download'), region.getByRole('button', { name: 'Export data (CSV)' }).click()]);
			expect(csv.suggestedFilename()).toMatch(/\.csv$/);

			// A bar opens the customers behind it.
			const bars = await markNames(region);
			const biggest = bars.sort((a, b) => countIn(b) - countIn(a))[0];
			await region.getByRole('button', { name: biggest, exact: true }).click();
			await page.waitForURL((u) => u.pathname === '/customers' && u.searchParams.has('drill'));
			await expectResults(page, countIn(biggest));
			await expect.poll(() => page.getByRole('status', { name: 'List scope' }).textContent()).toContain(biggest.split(':')[0]);
			await page.getByRole('link', { name: 'Show all customers' }).click();
			await expectResults(page, 300);

			// A month of a trend is a button too: the last month of orders opens the customers who ordered then.
			await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
			const orders = page.getByRole('figure', { name: 'Orders by month', exact: true });
			await orders.scrollIntoViewIfNeeded();
			const months = orders.getByRole('button', { name: /: Orders by month \d+$/ });
			await expect.poll(() => months.count()).toBeGreaterThan(12);
			const last = months.last();
			const ordered = Number(/(\d+)$/.exec((await last.getAttribute('aria-label'))!)![1]);
			expect(ordered).toBeGreaterThan(0);
			await last.click();
			await page.waitForURL((u) => u.pathname === '/customers' && u.searchParams.has('drill'));
			await expect.poll(() => resultsCount(page)).toBeGreaterThan(0);
			expect(await resultsCount(page)).toBeLessThanOrEqual(ordered);
			await page.getByRole('link', { name: 'Show all customers' }).click();
			await expectResults(page, 300);

			// A saved segment: A-tier customers; its count is the number of customers it lists.
			await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Segments' }).click();
			await page.getByRole('button', { name: 'New segment' }).click();
			await page.getByRole('textbox', { name: 'Segment name' }).fill('A-tier 重点客户');
			await page.getByRole('button', { name: 'Add condition' }).click();
			await expect.poll(() => page.getByRole('combobox', { name: 'Field' }).inputValue()).toBe('tier');
			await page.getByRole('group', { name: 'Value' }).getByRole('checkbox', { name: 'Tier A' }).check();
			await expect.poll(() => page.getByRole('status', { name: 'Matching customers' }).textContent()).toMatch(/^\s*\d+ customers?\s*$/);
			const count = Number(/\d+/.exec((await page.getByRole('status', { name: 'Matching customers' }).textContent())!)![0]);
			expect(count).toBeGreaterThan(0);
			expect(count).toBeLessThan(300);
			await page.getByRole('button', { name: 'Save' }).click();
			await page.waitForURL((u) => /^\/segments\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'));
			await page.reload();
			await waitForAppRendered(page);
			await expect.poll(() => page.getByRole('status', { name: 'Matching customers' }).textContent()).toContain(`${count} customer`);
			// Its customers export as a workbook.
			await page.getByText('Export', { exact: true }).click();
			const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Excel (.xlsx)' }).click()]);
			expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
			const book = await readFile((await xlsx.path())!);
			expect(book.subarray(0, 2).toString('latin1')).toBe('PK');
			await page.getByRole('link', { name: 'Open as list' }).click();
			await page.waitForURL((u) => u.pathname === '/customers' && u.searchParams.has('segment'));
			await expectResults(page, count);
			expect(await resultsCount(page)).toBe(count);
			await expect.poll(() => page.getByRole('status', { name: 'List scope' }).textContent()).toContain('A-tier 重点客户');

			// A customer's tier, set by hand with a reason, shows with that reason after a reload.
			await page.goto(e2e.app.at('/customers'));
			await waitForAppRendered(page);
			await expectResults(page, 300);
			const first = page.getByRole('table', { name: 'Customer list' }).getByRole('row').filter({ has: page.getByRole('cell') }).first().getByRole('link').first();
			await first.click();
			await page.waitForURL((u) => /^\/customers\/[^/]+$/.test(u.pathname));
			const tierBadge = page.getByLabel('Value tier', { exact: true });
			await tierBadge.waitFor();
			await page.getByRole('button', { name: 'Set tier' }).click();
			await page.getByRole('combobox', { name: 'Value tier set by hand' }).selectOption({ label: 'Tier A' });
			await page.getByRole('button', { name: 'Save' }).click();
			await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Why this tier');
			await page.getByRole('textbox', { name: 'Why this tier' }).fill('战略合作伙伴');
			await page.getByRole('button', { name: 'Save' }).click();
			await expect.poll(() => tierBadge.textContent()).toBe('Tier A');
			await page.reload();
			await waitForAppRendered(page);
			await expect.poll(() => tierBadge.textContent()).toBe('Tier A');
			await page.getByText('set by hand: 战略合作伙伴').waitFor();

			// Analytics settings: a refused tier split says where; a good one is kept.
			await page.goto(e2e.app.at('/settings'));
			await waitForAppRendered(page);
			const analytics = page.getByRole('region', { name: 'Analytics' });
			await analytics.getByRole('spinbutton', { name: 'A-tier share of revenue (%)' }).fill('90');
			await analytics.getByRole('spinbutton', { name: 'B-tier share of revenue (%)' }).fill('15');
			await analytics.getByRole('button', { name: 'Save analytics settings' }).click();
			await expect.poll(() => analytics.getByRole('alert').textContent()).toContain('B-tier share of revenue');
			await analytics.getByRole('spinbutton', { name: 'A-tier share of revenue (%)' }).fill('60');
			await analytics.getByRole('button', { name: 'Save analytics settings' }).click();
			await page.getByText('Analytics settings saved.').waitFor();
			await page.reload();
			await waitForAppRendered(page);
			await expect.poll(() => page.getByRole('region', { name: 'Analytics' }).getByRole('spinbutton', { name: 'A-tier share of revenue (%)' }).inputValue()).toBe('60');
		});
	});
});
