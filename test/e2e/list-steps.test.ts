// Long lists open in short main-thread tasks: the customer list renders 8 rows first, the deals
// board and the ticket list a screenful (3 cards per column, 20 tickets), the dashboard four of its
// customer charts, and the rest a step after each frame, until every card and row the worker sent
// is on screen (the board's columns: until their end is half a screen below the screen, the rest
// as they are scrolled to); a new search starts from a screenful again.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppAndBrowser, withPage } from './harness';
import { customerTable, openCustomers, resultsCount, rowNames } from './crm';

const e2e = useAppAndBrowser();

/** Records how many items match `selector` in the first DOM change that shows any (before any frame). */
async function watchFirst(page: Page, selector: string) {
	await page.evaluate((sel) => {
		const w = window as unknown as { __first?: number[] };
		delete w.__first;
		const mo = new MutationObserver(() => {
			const items = [...document.querySelectorAll(sel)];
			if (!items.length) return;
			mo.disconnect();
			// Per parent list: a board column or the ticket list.
			const per = new Map<Element | null, number>();
			for (const el of items) per.set(el.parentElement, (per.get(el.parentElement) ?? 0) + 1);
			w.__first = [...per.values()];
		});
		mo.observe(document.body, { childList: true, subtree: true });
	}, selector);
	return () => page.evaluate(() => (window as unknown as { __first?: number[] }).__first ?? null);
}

/** Each board column's cards on screen and the count in its heading. */
const columns = (page: Page) =>
	page.locator('.board section').evaluateAll((cols) =>
		cols.map((c) => ({ shown: c.querySelectorAll('ol > li').length, count: Number(c.querySelector('h2 .count')?.textContent?.replace(/\D/g, '') ?? 0) }))
	);

/** Scrolls to the bottom of the page; whether every column shows all its cards, up to `limit`. */
async function scrolledFull(page: Page, limit: number) {
	await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
	return (await columns(page)).every((c) => c.shown === Math.min(c.count, limit));
}

describe('long lists', () => {
	test('the board and the ticket list show a screenful first, then every card and row', async () => {
		await withPage(e2e.browser, async (page) => {
			page.setDefaultTimeout(30_000);
			await openCustomers(page, e2e.app);
			const sample = await page.evaluate(() =>
				(window as unknown as { __rapport: { session: { client: { data: { call(m: string, a: unknown): Promise<{ deals: number; tickets: number }> } } } } }).__rapport.session.client.data.call('loadSample', { customers: 2000, seed: 1 })
			);
			expect(sample.tickets).toBeGreaterThan(40);

			// The customer list, opened again: a few rows first, then the whole window.
			await page.getByRole('navigation').getByRole('link', { name: 'Deals' }).click();
			await page.getByRole('group', { name: 'Deal board' }).waitFor();
			const firstCustomers = await watchFirst(page, '.viewport .spacer > [role="row"]');
			await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
			await expect.poll(firstCustomers).not.toBeNull();
			expect((await firstCustomers())?.[0]).toBeLessThanOrEqual(8);
			await expect.poll(() => page.locator('.viewport .spacer > [role="row"] a').count(), { timeout: 30_000 }).toBeGreaterThan(12);

			const firstCards = await watchFirst(page, '[data-deal]');
			await page.getByRole('navigation').getByRole('link', { name: 'Deals' }).click();
			await page.getByRole('group', { name: 'Deal board' }).waitFor();
			await expect.poll(firstCards).not.toBeNull();
			expect(Math.max(...((await firstCards()) ?? []))).toBeLessThanOrEqual(3);
			// Then the columns fill the screen and half a screen below it, and stop there: the
			// cards further down are rendered when scrolled to.
			const filled = () =>
				page.locator('.board section').evaluateAll((cols) =>
					cols.every((c) => {
						const cards = c.querySelectorAll('ol > li').length;
						const count = Number(c.querySelector('h2 .count')?.textContent?.replace(/\D/g, '') ?? 0);
						// The column's end (after its last card) is more than half a screen below.
						const end = c.querySelector('.end');
						return cards === Math.min(count, 40) || (!!end && end.getBoundingClientRect().top > innerHeight * 1.5 - 1);
					})
				);
			await expect.poll(filled, { timeout: 30_000 }).toBe(true);
			await page.waitForTimeout(300);
			const before = await columns(page);
			expect(before.some((c) => c.count > 40 && c.shown < 40)).toBe(true);
			// A card moved down past the cards rendered so far is rendered in its new place and keeps
			// the focus (focused without scrolling, so the column's end stays where it was). The
			// first column is an open stage, where cards are ordered by hand.
			const ci = 0;
			expect(before[ci].shown).toBeLessThan(before[ci].count);
			const cards = page.locator('.board section').nth(ci).locator('ol > li');
			const lastShown = cards.nth(before[ci].shown - 1);
			const moved = await lastShown.getAttribute('data-deal');
			await lastShown.evaluate((el) => (el as HTMLElement).focus({ preventScroll: true }));
			await page.keyboard.press('Shift+ArrowDown');
			await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-deal'))).toBe(moved);
			expect(await cards.nth(before[ci].shown).getAttribute('data-deal')).toBe(moved);
			// Scrolled to the bottom, every column fills up to the 40 cards the worker sends, with
			// "more" for the rest.
			await expect.poll(() => scrolledFull(page, 40), { timeout: 30_000 }).toBe(true);
			const cols = await columns(page);
			expect(cols.some((c) => c.count > 40)).toBe(true);
			// More cards on request come in steps too and end with 80 in a column of more than 80;
			// the button asked stays (with the focus) while there are more still.
			const more = page.getByRole('button', { name: /^Show \d+ more/ });
			expect((await columns(page)).find((c) => c.count > 40)?.count).toBeGreaterThan(80);
			await more.first().click();
			await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('more'))).toBe(true);
			await expect.poll(() => scrolledFull(page, 80), { timeout: 30_000 }).toBe(true);

			const firstRows = await watchFirst(page, 'ul[aria-label="Tickets"] > li');
			await page.getByRole('navigation').getByRole('link', { name: 'Tickets' }).click();
			const list = page.getByRole('list', { name: 'Tickets' });
			await list.waitFor();
			await expect.poll(firstRows).not.toBeNull();
			expect((await firstRows())?.[0]).toBe(20);
			await expect.poll(() => list.getByRole('listitem').count(), { timeout: 30_000 }).toBe(Math.min(sample.tickets, 100));
			// A search answers with a screenful again: rows when its answer is first rendered.
			await page.evaluate(() => {
				const w = window as unknown as { __answered?: number };
				const status = document.querySelector('p[data-results-for]')!;
				const mo = new MutationObserver(() => {
					if (status.getAttribute('data-results-for') !== 'e') return;
					mo.disconnect();
					w.__answered = document.querySelectorAll('ul[aria-label="Tickets"] > li').length;
				});
				mo.observe(status, { attributes: true });
			});
			await page.getByRole('searchbox', { name: 'Search tickets' }).fill('e');
			const answered = () => page.evaluate(() => (window as unknown as { __answered?: number }).__answered ?? null);
			await expect.poll(answered).not.toBeNull();
			expect(await answered()).toBeLessThanOrEqual(20);
			expect(await answered()).toBeGreaterThan(0);

			// The dashboard's first answer shows four customer charts first, the other charts after.
			const firstFigures = await watchFirst(page, 'main figure');
			await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
			await expect.poll(firstFigures, { timeout: 30_000 }).not.toBeNull();
			const first = ((await firstFigures()) ?? []).reduce((a, b) => a + b, 0);
			expect(first).toBeGreaterThan(0);
			expect(first).toBeLessThanOrEqual(4);
			await expect.poll(() => page.locator('main figure').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(18);
		});
	});

	test('a reopened list shows its saved first screen before the query worker has started', async () => {
		await withPage(
			e2e.browser,
			async (page) => {
				page.setDefaultTimeout(30_000);
				await openCustomers(page, e2e.app);
				await page.evaluate(() =>
					(window as unknown as { __rapport: { session: { client: { data: { call(m: string, a: unknown): Promise<unknown> } } } } }).__rapport.session.client.data.call('loadSample', { customers: 300, seed: 2 })
				);
				await expect.poll(() => resultsCount(page)).toBe(300);
				// The query worker saves the list (with its first screen) shortly after it changes.
				const saved = () =>
					page.evaluate(async () => {
						const ws = JSON.parse(localStorage.getItem('rapport.registry')!).currentId;
						const db = await new Promise<IDBDatabase>((res, rej) => {
							const r = indexedDB.open(`rapport-list-${ws}`);
							r.onsuccess = () => res(r.result);
							r.onerror = () => rej(r.error);
						});
						const head = await new Promise<{ total: number } | undefined>((res) => {
							const r = db.transaction('kv').objectStore('kv').get('head');
							r.onsuccess = () => res(r.result);
							r.onerror = () => res(undefined);
						});
						db.close();
						return head?.total ?? 0;
					});
				await expect.poll(saved, { timeout: 30_000 }).toBe(300);
				const names = await rowNames(customerTable(page));

				// Reopen with the query worker's script held back: the rows can only come from the
				// first screen the main thread reads from disk.
				let release = () => {};
				const held = new Promise<void>((r) => (release = r));
				let asked = false;
				await page.route(/query\.worker-[^/]*\.js$/, async (route) => {
					asked = true;
					await held;
					await route.continue();
				});
				await page.reload();
				await expect.poll(() => resultsCount(page)).toBe(300);
				expect((await rowNames(customerTable(page))).slice(0, 5)).toEqual(names.slice(0, 5));
				expect(asked).toBe(true);
				expect(await page.evaluate(() => performance.getEntriesByName('rapport:list-ready').length)).toBe(0);

				// Once the worker runs, it takes over the list.
				release();
				await expect.poll(() => page.evaluate(() => performance.getEntriesByName('rapport:list-ready').length)).toBe(1);
				// A new search starts at the top of the list, wherever it was scrolled to.
				await page.locator('.viewport').evaluate((el) => (el.scrollTop = 2000));
				await expect.poll(() => page.locator('.viewport').evaluate((el) => el.scrollTop)).toBe(2000);
				await page.getByRole('searchbox', { name: 'Search customers' }).fill('e');
				await expect.poll(() => page.locator('p[data-results-for]').getAttribute('data-results-for')).toBe('e');
				expect(await resultsCount(page)).toBeGreaterThan(100);
				expect(await page.locator('.viewport').evaluate((el) => el.scrollTop)).toBe(0);
				await page.getByRole('searchbox', { name: 'Search customers' }).fill(names[0]);
				await expect.poll(() => rowNames(customerTable(page))).toContain(names[0]);
				expect((await resultsCount(page)) ?? 0).toBeLessThan(300);
			},
			// Without the service worker, the route sees the worker's script request.
			{ serviceWorkers: 'block' }
		);
	});
});
