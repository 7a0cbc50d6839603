// Service tickets end to end: open an urgent complaint for a customer, see its SLA due time,
// move it through statuses and resolve it with a satisfaction score — each after a reload; on
// a 375 px phone too.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppAndBrowser, waitForAppRendered, withPage } from './harness';
import { createCustomer, detail, openCustomers } from './crm';

const e2e = useAppAndBrowser();

const sla = (page: Page) => page.getByRole('region', { name: 'Service level' });
const statusGroup = (page: Page) => page.getByRole('group', { name: 'Change status' });

async function reload(page: Page, title: string) {
	await page.reload();
	await waitForAppRendered(page);
	await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

async function newComplaint(page: Page, title: string, customer?: string) {
	await page.getByRole('button', { name: 'New ticket' }).click();
	await page.waitForURL(/\/tickets\/new$/);
	await page.getByRole('textbox', { name: 'Title' }).fill(title);
	await page.getByRole('combobox', { name: 'Ticket type' }).selectOption({ label: 'Complaint' });
	await page.getByRole('combobox', { name: 'Priority' }).selectOption({ label: 'Urgent' });
	if (customer) {
		await page.getByRole('searchbox', { name: 'Customer' }).fill(customer);
		await page.getByRole('list', { name: 'Matching customers' }).getByRole('button').first().click();
	}
	await page.getByRole('textbox', { name: 'Description' }).fill('Two boxes crushed in transit.');
	await page.getByRole('button', { name: 'Save' }).click();
	await page.waitForURL((u) => /^\/tickets\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'));
	await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

/** Walks the open ticket on screen to resolved with a score of 4, checking after each reload. */
async function walk(page: Page, title: string) {
	await expect.poll(() => sla(page).textContent()).toMatch(/First response.*due /);
	await reload(page, title);
	await expect.poll(() => sla(page).textContent()).toMatch(/Resolution.*due /);
	expect(await detail(page, 'Status')).toBe('Open');
	// Closing is only offered once resolved.
	expect(await statusGroup(page).getByRole('button', { name: 'Close ticket' }).count()).toBe(0);

	await statusGroup(page).getByRole('button', { name: 'Start work' }).click();
	await expect.poll(() => detail(page, 'Status')).toBe('In progress');
	await reload(page, title);
	expect(await detail(page, 'Status')).toBe('In progress');

	await statusGroup(page).getByRole('button', { name: 'Wait on customer' }).click();
	await expect.poll(() => detail(page, 'Status')).toBe('Waiting on customer');
	await reload(page, title);
	await expect.poll(() => sla(page).textContent()).toContain('Paused while waiting on the customer');

	await statusGroup(page).getByRole('button', { name: 'Resolve' }).click();
	const form = page.getByRole('form', { name: 'Resolve ticket' });
	await form.getByRole('radio', { name: '4 of 5' }).check();
	await form.getByRole('textbox', { name: 'Customer feedback' }).fill('Replacement came the next day.');
	await form.getByRole('button', { name: 'Resolve ticket' }).click();
	await expect.poll(() => detail(page, 'Status')).toBe('Resolved');
	await reload(page, title);
	expect(await detail(page, 'Status')).toBe('Resolved');
	const csat = page.getByRole('region', { name: 'Customer satisfaction' });
	await expect.poll(() => csat.textContent()).toContain('Satisfaction 4 of 5');
	expect(await csat.textContent()).toContain('Replacement came the next day.');
	await expect.poll(() => sla(page).textContent()).toContain('Met');
	await statusGroup(page).getByRole('button', { name: 'Close ticket' }).waitFor();
}

describe('tickets', () => {
	test('opens a complaint, sees its SLA due time, moves it through statuses and resolves it with a score', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			const customer = await createCustomer(page, { name: '杭州西湖茶业有限公司', stage: 'Customer' });
			await page.getByRole('navigation').getByRole('link', { name: 'Tickets' }).click();
			await page.waitForURL(/\/tickets$/);
			await newComplaint(page, 'Tea arrived broken', '西湖');
			await page.getByRole('link', { name: '杭州西湖茶业有限公司' }).waitFor();

			// The list shows the due time, and filters by SLA state.
			await page.getByRole('link', { name: 'Back to tickets' }).click();
			const row = page.getByRole('list', { name: 'Tickets' }).getByRole('listitem').filter({ hasText: 'Tea arrived broken' });
			await expect.poll(() => row.textContent()).toMatch(/Due /);
			expect(await row.textContent()).toContain('杭州西湖茶业有限公司');
			await page.getByRole('combobox', { name: 'SLA state' }).selectOption({ label: 'Breached' });
			await expect.poll(() => row.count()).toBe(0);
			await page.getByRole('combobox', { name: 'SLA state' }).selectOption({ label: 'On track' });
			await expect.poll(() => row.count()).toBe(1);
			await row.getByRole('link', { name: 'Tea arrived broken' }).click();
			await page.getByRole('heading', { level: 1, name: 'Tea arrived broken' }).waitFor();

			await walk(page, 'Tea arrived broken');

			await page.getByRole('link', { name: 'Back to tickets' }).click();
			await expect.poll(() => page.getByRole('region', { name: 'Customer satisfaction' }).textContent()).toContain('Average 4.0 of 5 from 1 rating; 100% satisfied');
			await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Resolved' });
			await expect.poll(() => page.getByRole('list', { name: 'Tickets' }).getByRole('listitem').count()).toBe(1);

			// The customer's page lists its tickets and opens a new one for it.
			await page.goto(e2e.app.at(`/customers/${customer}`));
			await waitForAppRendered(page);
			const theirs = page.getByRole('region', { name: 'Tickets' });
			await theirs.getByRole('link', { name: 'Tea arrived broken' }).waitFor();
			await theirs.getByRole('button', { name: 'New ticket' }).click();
			await page.waitForURL(/\/tickets\/new\?customer=/);
			await expect.poll(() => page.getByRole('form', { name: 'New ticket' }).textContent()).toContain('杭州西湖茶业有限公司');
		});
	});

	test("links a ticket to the customer's contact and order and a product through the pickers, kept after a reload (375 px phone)", async () => {
		await withPage(
			e2e.browser,
			async (page) => {
				await page.goto(e2e.app.at('/tickets'));
				await waitForAppRendered(page);
				await page.waitForFunction(() => window.__rapport?.session.ready);
				// A customer with a contact and an order of a catalogue product, written through the worker API.
				const ids = await page.evaluate(async () => {
					const data = window.__rapport!.session.client!.data;
					const value = <T,>(r: { ok: true; value: T } | { ok: false; errors: unknown }) => {
						if (!r.ok) throw new Error(JSON.stringify(r.errors));
						return r.value;
					};
					const customer = value(await data.call('createCustomer', { fields: { name: '苏州精工机械', stage: 'customer' } as never }));
					const contact = value(await data.call('createRecord', { collection: 'contacts', fields: { name: '王芳', position: '采购经理', customer } }));
					const product = value(await data.call('createRecord', { collection: 'products', fields: { name: '数控铣床 CNC-1', sku: 'CNC-1', unitPrice: 100_000, currency: 'CNY' } }));
					const line = { product, name: '数控铣床 CNC-1', quantity: 1, unitPrice: 100_000 };
					const order = value(await data.call('createRecord', { collection: 'orders', fields: { customer, orderDate: '2026-03-02', contractNo: 'HT-7', currency: 'CNY', lines: [line] } }));
					return { customer, contact, product, order };
				});
				const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);

				// N opens a new ticket on the Tickets screen.
				await page.getByRole('button', { name: 'New ticket' }).waitFor();
				await page.keyboard.press('n');
				await page.waitForURL(/\/tickets\/new$/);
				await page.getByRole('textbox', { name: 'Title' }).fill('Spindle noise');
				await page.getByRole('combobox', { name: 'Ticket type' }).selectOption({ label: 'Repair' });
				// Contact and order wait for a customer.
				expect(await page.getByRole('combobox', { name: 'Contact person' }).isDisabled()).toBe(true);
				await page.getByRole('searchbox', { name: 'Customer' }).fill('苏州精工');
				await page.getByRole('list', { name: 'Matching customers' }).getByRole('button').first().click();
				const contact = page.getByRole('combobox', { name: 'Contact person' });
				await expect.poll(() => contact.locator('option').allTextContents()).toEqual(['None', '王芳 · 采购经理']);
				await contact.selectOption({ label: '王芳 · 采购经理' });
				const order = page.getByRole('combobox', { name: 'Order' });
				await expect.poll(() => order.locator('option').count()).toBe(2);
				expect(await order.locator('option').nth(1).textContent()).toContain('Contract HT-7');
				await order.selectOption({ index: 1 });
				await page.getByRole('searchbox', { name: 'Product' }).fill('cnc');
				await page.getByRole('list', { name: 'Matching products' }).getByRole('button', { name: '数控铣床 CNC-1' }).click();
				expect(await scrollWidth()).toBeLessThanOrEqual(375);
				await page.getByRole('button', { name: 'Save' }).click();
				await page.waitForURL((u) => /^\/tickets\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'));

				await reload(page, 'Spindle noise');
				await expect.poll(() => detail(page, 'Contact person')).toBe('王芳');
				await expect.poll(() => detail(page, 'Product')).toBe('数控铣床 CNC-1');
				await expect.poll(() => detail(page, 'Order')).toContain('Contract HT-7');
				expect(await page.getByRole('link', { name: '王芳' }).getAttribute('href')).toBe(`/contacts/${ids.contact}`);
				expect(await page.getByRole('link', { name: '数控铣床 CNC-1' }).getAttribute('href')).toBe(`/products/${ids.product}`);
				expect(await page.getByRole('link', { name: /Contract HT-7/ }).getAttribute('href')).toBe(`/orders/${ids.order}`);
				expect(await scrollWidth()).toBeLessThanOrEqual(375);
				// The conversation: an activity logged on the ticket is with its contact.
				await page.getByRole('button', { name: 'Log activity' }).click();
				expect(await page.getByRole('form', { name: 'Log activity' }).getByRole('combobox', { name: 'Contact person' }).inputValue()).toBe(ids.contact);
				await page.getByRole('textbox', { name: 'Subject' }).fill('Engineer booked for Friday');
				await page.getByRole('button', { name: 'Save' }).click();
				await expect.poll(() => page.getByRole('region', { name: 'Conversation' }).textContent()).toContain('Engineer booked for Friday');
				// Editing keeps the links as picked.
				await page.getByRole('button', { name: 'Edit' }).click();
				await expect.poll(() => page.getByRole('combobox', { name: 'Contact person' }).inputValue()).toBe(ids.contact);
				expect(await page.getByRole('combobox', { name: 'Order' }).inputValue()).toBe(ids.order);
				await expect.poll(() => page.getByRole('form', { name: 'Edit ticket' }).textContent()).toContain('数控铣床 CNC-1');
			},
			{ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true }
		);
	});

	test('sets the service hours the SLA clocks run in', async () => {
		await withPage(e2e.browser, async (page) => {
			await page.goto(e2e.app.at('/settings'));
			await waitForAppRendered(page);
			const hours = page.getByRole('region', { name: 'Service hours' });
			await expect.poll(() => hours.getByRole('textbox', { name: 'Time zone' }).inputValue()).toBe('Asia/Shanghai');
			await hours.getByRole('textbox', { name: 'Time zone' }).fill('Mars/Olympus');
			await hours.getByRole('button', { name: 'Save service hours' }).click();
			await expect.poll(() => hours.getByRole('alert').textContent()).toContain('Time zone');
			await hours.getByRole('textbox', { name: 'Time zone' }).fill('Europe/Berlin');
			await hours.getByRole('textbox', { name: 'Day ends' }).fill('17:30');
			await hours.getByRole('checkbox', { name: 'Saturday' }).check();
			await hours.getByRole('textbox', { name: 'Holidays' }).fill('2026-12-25\n2026-12-26');
			await hours.getByRole('spinbutton', { name: 'First response (Urgent)' }).fill('30');
			await hours.getByRole('combobox', { name: 'Unit: Resolution (Low)' }).selectOption({ label: 'working minutes' });
			await hours.getByRole('spinbutton', { name: 'Resolution (Low)' }).fill('600');
			await hours.getByRole('button', { name: 'Save service hours' }).click();
			await expect.poll(() => hours.getByRole('alert').count()).toBe(0);
			await page.getByRole('status').filter({ hasText: 'Service hours saved.' }).waitFor();

			await page.reload();
			await waitForAppRendered(page);
			await expect.poll(() => hours.getByRole('textbox', { name: 'Time zone' }).inputValue()).toBe('Europe/Berlin');
			expect(await hours.getByRole('textbox', { name: 'Day ends' }).inputValue()).toBe('17:30');
			expect(await hours.getByRole('checkbox', { name: 'Saturday' }).isChecked()).toBe(true);
			expect(await hours.getByRole('checkbox', { name: 'Sunday' }).isChecked()).toBe(false);
			expect(await hours.getByRole('textbox', { name: 'Holidays' }).inputValue()).toBe('2026-12-25\n2026-12-26');
			expect(await hours.getByRole('spinbutton', { name: 'First response (Urgent)' }).inputValue()).toBe('30');
			expect(await hours.getByRole('spinbutton', { name: 'Resolution (Low)' }).inputValue()).toBe('600');
			expect(await hours.getByRole('combobox', { name: 'Unit: Resolution (Low)' }).inputValue()).toBe('minutes');
		});
	});

	test('works on a 375 px phone', async () => {
		await withPage(
			e2e.browser,
			async (page) => {
				const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
				await page.goto(e2e.app.at('/tickets'));
				await waitForAppRendered(page);
				expect(await scrollWidth()).toBeLessThanOrEqual(375);
				await newComplaint(page, 'Kettle leaks');
				expect(await scrollWidth()).toBeLessThanOrEqual(375);
				await walk(page, 'Kettle leaks');
				expect(await scrollWidth()).toBeLessThanOrEqual(375);
				await page.goto(e2e.app.at('/settings'));
				await waitForAppRendered(page);
				await page.getByRole('region', { name: 'Service hours' }).getByRole('button', { name: 'Save service hours' }).waitFor();
				expect(await scrollWidth()).toBeLessThanOrEqual(375);
			},
			{ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true }
		);
	});
});
