// The deals board end to end: a deal walks across the pipeline by drag and by keyboard to won,
// becomes an order, and its prospect becomes a customer; a lost deal needs a reason; each
// checked after a reload.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppAndBrowser, waitForAppRendered, withPage } from './harness';
import { createCustomer, detail, openCustomers } from './crm';

const e2e = useAppAndBrowser();

const column = (page: Page, stage: string) => page.getByRole('list', { name: stage, exact: true });
const card = (page: Page, stage: string, title: string) => column(page, stage).getByRole('listitem').filter({ hasText: title });

async function openBoard(page: Page) {
	await page.getByRole('navigation').getByRole('link', { name: 'Deals' }).click();
	await page.getByRole('group', { name: 'Deal board' }).waitFor();
}

describe('deals board', () => {
	test('walks a deal by drag and by keyboard to won, orders it, and the prospect becomes a customer', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			const customer = await createCustomer(page, { name: '苏州精工机械有限公司', stage: 'Prospect' });

			await openBoard(page);
			await page.getByRole('button', { name: 'New deal' }).click();
			await page.getByRole('textbox', { name: 'Deal title' }).fill('数控机床 3 台');
			await page.getByRole('searchbox', { name: 'Customer' }).fill('精工');
			await page.getByRole('list', { name: 'Matching customers' }).getByRole('button', { name: /苏州精工/ }).click();
			await page.getByRole('combobox', { name: 'Currency' }).selectOption('CNY');
			await page.getByRole('textbox', { name: 'Amount' }).fill('1.2万');
			await page.getByRole('button', { name: 'Save' }).click();
			await page.waitForURL((u) => /^\/deals\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'));

			// The deal prints as a quote: the document stays, the app around it does not.
			await page.getByRole('button', { name: 'Quote' }).click();
			const quote = page.getByRole('article', { name: 'Quote' });
			await quote.waitFor();
			expect(await quote.textContent()).toContain('12,000.00');
			expect(await quote.textContent()).toContain('苏州精工机械有限公司');
			await page.emulateMedia({ media: 'print' });
			expect(await page.locator('header.app').isVisible()).toBe(false);
			expect(await page.getByRole('textbox', { name: 'Deal title' }).isVisible()).toBe(false);
			expect(await quote.isVisible()).toBe(true);
			await page.emulateMedia({ media: 'screen' });

			await openBoard(page);
			const first = card(page, 'Qualification', '数控机床 3 台');
			await first.waitFor();
			expect(await first.textContent()).toContain('12,000.00');

			// By drag: to Needs analysis.
			await first.dragTo(column(page, 'Needs analysis'));
			await card(page, 'Needs analysis', '数控机床 3 台').waitFor();
			// By keyboard: Shift+Right twice, to Proposal then Negotiation, then to Won.
			for (const stage of ['Proposal', 'Negotiation', 'Won']) {
				await card(page, stage === 'Proposal' ? 'Needs analysis' : stage === 'Negotiation' ? 'Proposal' : 'Negotiation', '数控机床 3 台').focus();
				await page.keyboard.press('Shift+ArrowRight');
				await card(page, stage, '数控机床 3 台').waitFor();
			}
			await expect.poll(() => page.getByRole('status').filter({ hasText: 'moved to Won' }).count()).toBeGreaterThan(0);

			// Won: create the order from the message, and make the prospect a customer.
			await page.getByRole('button', { name: 'Create order' }).click();
			await page.getByRole('button', { name: 'Make customer' }).click();

			await page.reload();
			await waitForAppRendered(page);
			await card(page, 'Won', '数控机床 3 台').waitFor();
			await page.goto(e2e.app.at(`/customers/${customer}`));
			await waitForAppRendered(page);
			await expect.poll(() => detail(page, 'Stage')).toBe('Customer');
			const purchases = page.getByRole('region', { name: 'Purchases' });
			await expect.poll(() => purchases.textContent()).toContain('12,000.00');
		});
	});

	test('a deal moved to lost asks why; reopening a lost deal asks first', async () => {
		await withPage(e2e.browser, async (page) => {
			await page.goto(e2e.app.at('/deals/new'));
			await waitForAppRendered(page);
			await page.getByRole('textbox', { name: 'Deal title' }).fill('Pumps for Lakeside');
			await page.getByRole('textbox', { name: 'Amount' }).fill('5000');
			await page.getByRole('button', { name: 'Save' }).click();
			await page.waitForURL((u) => /^\/deals\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'));
			await openBoard(page);
			const lost = column(page, 'Lost');
			await card(page, 'Qualification', 'Pumps for Lakeside').dragTo(lost);
			const dialog = page.getByRole('dialog', { name: 'Why was “Pumps for Lakeside” lost?' });
			await dialog.getByRole('button', { name: 'Mark lost' }).click();
			await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('Why lost is required');
			await dialog.getByRole('textbox', { name: 'Lost reason' }).fill('Price too high');
			await dialog.getByRole('button', { name: 'Mark lost' }).click();
			await card(page, 'Lost', 'Pumps for Lakeside').waitFor();

			await page.reload();
			await waitForAppRendered(page);
			await card(page, 'Lost', 'Pumps for Lakeside').focus();
			await page.keyboard.press('Shift+ArrowLeft');
			const reopen = page.getByRole('dialog', { name: 'Reopen “Pumps for Lakeside”?' });
			await reopen.getByRole('button', { name: 'Reopen' }).click();
			await card(page, 'Won', 'Pumps for Lakeside').waitFor();
		});
	});

	test('the team names its stages and adds one; the board follows after a reload', async () => {
		await withPage(e2e.browser, async (page) => {
			await page.goto(e2e.app.at('/settings'));
			await waitForAppRendered(page);
			const pipe = page.getByRole('region', { name: 'Deal pipeline' });
			await pipe.getByRole('textbox', { name: 'Name of stage 1' }).fill('初次接触');
			await pipe.getByRole('button', { name: 'Add stage' }).click();
			await pipe.getByRole('textbox', { name: 'Name of stage 5' }).fill('Contract review');
			await pipe.getByRole('spinbutton', { name: 'Probability of stage 5' }).fill('90');
			await pipe.getByRole('button', { name: 'Save pipeline' }).click();
			await page.getByText('Saved.').waitFor();
			// A new stage without a name is refused with a message.
			await pipe.getByRole('button', { name: 'Add stage' }).click();
			await pipe.getByRole('button', { name: 'Save pipeline' }).click();
			await expect.poll(() => pipe.getByRole('alert').textContent()).toContain('is required');

			await page.reload();
			await waitForAppRendered(page);
			await openBoard(page);
			const names = await page.getByRole('group', { name: 'Deal board' }).getByRole('heading', { level: 2 }).allTextContents();
			expect(names.map((n) => n.replace(/\s*\d+$/, ''))).toEqual(['初次接触', 'Needs analysis', 'Proposal', 'Negotiation', 'Contract review', 'Won', 'Lost']);
		});
	});
});
