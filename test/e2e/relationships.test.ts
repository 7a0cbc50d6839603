// Relationships end to end: contact persons, the activity timeline, tasks and the calendar,
// each checked after a reload (the data lives in IndexedDB, activities in their own document).
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppAndBrowser, waitForAppRendered, withPage } from './harness';
import { createCustomer, openCustomers, resultsCount } from './crm';

const e2e = useAppAndBrowser();

async function reloadPage(page: Page) {
	await page.reload();
	await waitForAppRendered(page);
}

describe('relationships', () => {
	test('adds a contact person, logs an activity and sees both on the customer after a reload', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			const id = await createCustomer(page, { name: '杭州西湖茶业有限公司', stage: 'Prospect' });

			// A contact person, with a validation error first (bad birthday), then fixed.
			await page.getByRole('button', { name: 'Add contact' }).click();
			await page.getByRole('textbox', { name: 'Contact name' }).fill('李娜');
			await page.getByRole('textbox', { name: 'Job title' }).fill('采购经理');
			await page.getByRole('textbox', { name: 'Birthday' }).fill('13-45');
			await page.getByRole('button', { name: 'Save' }).click();
			await expect.poll(() => page.getByRole('alert').textContent()).toContain('Birthday is not a valid date');
			await page.getByRole('textbox', { name: 'Birthday' }).fill('04-12');
			await page.getByRole('button', { name: 'Save' }).click();
			const contacts = page.getByRole('region', { name: 'Contact persons' });
			await contacts.getByRole('link', { name: '李娜' }).waitFor();

			// An activity: a visit with the contact, 45 minutes, positive.
			await page.getByRole('button', { name: 'Log activity' }).click();
			await page.getByRole('combobox', { name: 'Activity' }).selectOption({ label: 'Visit' });
			expect(await page.getByRole('combobox', { name: 'Channel' }).inputValue()).toBe('inPerson');
			await page.getByRole('spinbutton', { name: 'Duration (minutes)' }).fill('45');
			await page.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'Positive' });
			await page.getByRole('combobox', { name: 'Contact person' }).selectOption({ label: '李娜' });
			await page.getByRole('textbox', { name: 'Subject' }).fill('新茶季报价');
			await page.getByRole('button', { name: 'Save' }).click();
			const timeline = page.getByRole('list', { name: 'Timeline' });
			await timeline.getByText('新茶季报价 · 李娜').waitFor();

			await reloadPage(page);
			expect(new URL(page.url()).pathname).toBe(`/customers/${id}`);
			const item = page.getByRole('list', { name: 'Timeline' }).getByRole('listitem').first();
			await item.getByText('新茶季报价 · 李娜').waitFor();
			expect(await item.textContent()).toContain('Visit');
			expect(await item.textContent()).toContain('45 min');
			expect(await item.textContent()).toContain('Positive');
			await page.getByRole('region', { name: 'Contact persons' }).getByRole('link', { name: '李娜' }).waitFor();

			// Edit it in place, then delete it and undo.
			await page.getByRole('button', { name: 'Edit 新茶季报价' }).click();
			await page.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'Neutral' });
			await page.getByRole('button', { name: 'Save' }).click();
			await expect.poll(() => page.getByRole('list', { name: 'Timeline' }).getByRole('listitem').first().textContent()).toContain('Neutral');
			await page.getByRole('button', { name: 'Delete 新茶季报价' }).click();
			await page.getByText('Nothing logged yet.', { exact: false }).waitFor();
			await page.getByRole('button', { name: 'Undo' }).click();
			await page.getByRole('list', { name: 'Timeline' }).getByText('新茶季报价 · 李娜').waitFor();

			// The Contacts screen lists and searches the person, linked to the company.
			await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
			await page.getByRole('searchbox', { name: 'Search contacts' }).fill('采购');
			await expect.poll(() => page.getByRole('status', { name: 'Results' }).textContent()).toBe('1 contact');
			const row = page.getByRole('list', { name: 'Contacts' }).getByRole('listitem').first();
			expect(await row.getByRole('link', { name: '杭州西湖茶业有限公司' }).getAttribute('href')).toBe(`/customers/${id}`);
			await page.getByRole('searchbox', { name: 'Search contacts' }).fill('nobody');
			await expect.poll(() => page.getByRole('status', { name: 'Results' }).textContent()).toBe('0 contacts');

			// Deleted, the contact waits in the Trash and comes back from there.
			await page.getByRole('searchbox', { name: 'Search contacts' }).fill('');
			await page.getByRole('list', { name: 'Contacts' }).getByRole('link', { name: '李娜' }).click();
			await page.getByRole('button', { name: 'Delete' }).click();
			await page.waitForURL(/\/contacts$/);
			await page.getByRole('navigation').getByRole('link', { name: 'Trash' }).click();
			const trash = page.getByRole('list', { name: 'Other records in the Trash' });
			await trash.getByRole('link', { name: '李娜' }).waitFor();
			await trash.getByRole('button', { name: 'Restore 李娜' }).click();
			await expect.poll(() => trash.count()).toBe(0);
			await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
			await page.getByRole('list', { name: 'Contacts' }).getByRole('link', { name: '李娜' }).waitFor();
		});
	});

	test('creates a task for a customer, sees it in My tasks and the calendar, completes it; kept after a reload', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			await createCustomer(page, { name: 'Orchid Trading Ltd' });
			await page.getByRole('button', { name: 'New task' }).click();
			// Required title first.
			await page.getByRole('button', { name: 'Save' }).click();
			await expect.poll(() => page.getByRole('alert').textContent()).toContain('Title is required');
			await page.getByRole('textbox', { name: 'Task title' }).fill('Send the price list');
			const today = await page.evaluate(() => {
				const d = new Date();
				const p = (n: number) => String(n).padStart(2, '0');
				return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
			});
			await page.getByRole('checkbox', { name: 'All day' }).check();
			await page.locator('input[type="date"]').fill(today);
			await page.getByRole('combobox', { name: 'Priority' }).selectOption({ label: 'High' });
			await page.getByRole('button', { name: 'Save' }).click();
			await page.getByRole('region', { name: 'Tasks' }).getByRole('link', { name: 'Send the price list' }).waitFor();

			await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
			await page.getByRole('heading', { name: 'My tasks' }).waitFor();
			const todays = page.getByRole('region', { name: 'Today' });
			await todays.getByRole('link', { name: 'Send the price list' }).waitFor();
			expect(await todays.textContent()).toContain('High');
			expect(await todays.textContent()).toContain('Orchid Trading Ltd');

			await page.getByRole('navigation').getByRole('link', { name: 'Calendar' }).click();
			await page.getByRole('region', { name: 'Day agenda' }).getByRole('link', { name: 'Send the price list' }).waitFor();

			await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
			await page.waitForURL(/\/tasks$/);
			await page.getByRole('region', { name: 'Today' }).getByRole('link', { name: 'Send the price list' }).waitFor();
			// click, not check(): the done task leaves the "Open" list at once, so there is no
			// checked box left for check() to confirm.
			await page.getByRole('checkbox', { name: 'Done: Send the price list' }).click();
			await expect.poll(() => page.getByRole('status', { name: 'Results' }).textContent()).toBe('0 tasks');

			await reloadPage(page);
			await expect.poll(() => page.getByRole('status', { name: 'Results' }).textContent()).toBe('0 tasks');
			await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Done' });
			const done = page.getByRole('region', { name: 'Done' });
			await done.getByRole('link', { name: 'Send the price list' }).waitFor();
			expect(await page.getByRole('checkbox', { name: 'Done: Send the price list' }).isChecked()).toBe(true);
		});
	});
});

describe('lifecycle', () => {
	test('marks a customer lost only with a reason, wins it back, and lists it with the reason; kept after a reload', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			const id = await createCustomer(page, { name: '宁波港机械有限公司', stage: 'Customer' });
			const stage = page.getByRole('region', { name: 'Lifecycle stage' });
			await stage.getByRole('combobox', { name: 'New stage' }).selectOption({ label: 'Lost' });
			await stage.getByRole('button', { name: 'Change stage' }).click();
			await expect.poll(() => stage.getByRole('alert').textContent()).toContain('give a reason for marking the customer lost');
			expect(await page.locator('main .badge').first().textContent()).toBe('Customer');
			await stage.getByRole('textbox', { name: 'Reason' }).fill('价格被竞争对手压低');
			await stage.getByRole('button', { name: 'Change stage' }).click();
			await expect.poll(() => page.locator('main .badge').first().textContent()).toBe('Lost');
			await stage.getByText('价格被竞争对手压低').waitFor();

			await reloadPage(page);
			await page.getByRole('button', { name: 'Win back' }).click();
			await page.getByRole('textbox', { name: 'Reason' }).fill('新的采购负责人');
			await page.getByRole('button', { name: 'Win back as prospect' }).click();
			await expect.poll(() => page.locator('main .badge').first().textContent()).toBe('Prospect');
			// The history says who moved it, when and why.
			const history = page.locator('ol.history');
			await expect.poll(() => history.textContent()).toContain('新的采购负责人');
			expect(await history.textContent()).toContain('价格被竞争对手压低');

			await reloadPage(page);
			await page.getByRole('link', { name: 'Back to customers' }).click();
			await page.getByRole('link', { name: 'Win-back list' }).click();
			const row = page.getByRole('list', { name: 'Win-back list' }).getByRole('listitem').first();
			await row.getByRole('link', { name: '宁波港机械有限公司' }).waitFor();
			expect(await row.textContent()).toContain('Lost because: 价格被竞争对手压低');
			expect(await row.getByRole('link').getAttribute('href')).toBe(`/customers/${id}`);
		});
	});
});

describe('account managers and bulk edits', () => {
	test('reassigns all of one member’s customers to another, and bulk-edits selected customers', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			await page.getByRole('button', { name: 'Load sample data' }).click();
			await expect.poll(() => resultsCount(page), { timeout: 30_000 }).toBe(300);
			const owner = page.getByRole('combobox', { name: 'Owner', exact: true });
			const names = await owner.locator('option').allTextContents();
			const leaver = names.find((n) => n !== 'All' && n !== 'Me')!;
			await owner.selectOption({ label: leaver });
			await expect.poll(() => resultsCount(page)).not.toBe(300);
			const theirs = (await resultsCount(page))!;
			expect(theirs).toBeGreaterThan(0);
			// Each filter answers on its own: read my count once its answer is in, from "All" (300,
			// which mine cannot be while the leaver has customers) rather than from the leaver's
			// count, which mine may equal.
			await owner.selectOption({ label: 'All' });
			await expect.poll(() => resultsCount(page)).toBe(300);
			await owner.selectOption({ label: 'Me' });
			await expect.poll(() => resultsCount(page)).not.toBe(300);
			const mine = (await resultsCount(page))!;

			await page.getByRole('button', { name: 'Reassign' }).click();
			const panel = page.getByRole('region', { name: 'Hand over a member’s customers' });
			await panel.getByRole('combobox', { name: 'From' }).selectOption({ label: leaver });
			await panel.getByRole('combobox', { name: 'To' }).selectOption({ label: 'Me' });
			await panel.getByRole('button', { name: 'Hand over' }).click();
			await page.getByText(`Handed over ${theirs} customers`).waitFor();
			await expect.poll(() => resultsCount(page)).toBe(mine + theirs);
			await owner.selectOption({ label: leaver });
			await expect.poll(() => resultsCount(page)).toBe(0);

			// Bulk edit: select two of my customers, tag them and mark them lost with a reason.
			await owner.selectOption({ label: 'Me' });
			const table = page.getByRole('table', { name: 'Customer list' });
			const boxes = table.getByRole('checkbox');
			await boxes.nth(0).check();
			await boxes.nth(1).check();
			const bulk = page.getByRole('region', { name: 'Selected customers' });
			await expect.poll(() => bulk.getByRole('status').textContent()).toContain('2 selected');
			await bulk.getByRole('textbox', { name: 'Tag' }).fill('春节重点');
			await bulk.getByRole('button', { name: 'Add tag' }).click();
			await page.getByText('Changed 2 customers.').waitFor();
			await bulk.getByRole('combobox', { name: 'New stage' }).selectOption({ label: 'Lost' });
			await bulk.getByRole('textbox', { name: 'Reason' }).fill('Moved abroad');
			await bulk.getByRole('button', { name: 'Set stage' }).click();
			await page.getByRole('combobox', { name: 'Tag', exact: true }).selectOption({ label: '春节重点' });
			await expect.poll(() => resultsCount(page)).toBe(2);
			await page.getByRole('combobox', { name: 'Stage', exact: true }).selectOption({ label: 'Lost' });
			await expect.poll(() => resultsCount(page)).toBe(2);

			await reloadPage(page);
			await page.getByRole('combobox', { name: 'Tag', exact: true }).selectOption({ label: '春节重点' });
			await expect.poll(() => resultsCount(page)).toBe(2);
		});
	});
});

describe('customer care', () => {
	test('generates Spring Festival greeting tasks for a filtered set of customers, once', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			await page.getByRole('button', { name: 'Load sample data' }).click();
			await expect.poll(() => resultsCount(page), { timeout: 30_000 }).toBe(300);
			await page.getByRole('navigation').getByRole('link', { name: 'Calendar' }).click();
			await page.getByRole('link', { name: 'Customer care' }).click();
			await page.getByRole('radiogroup', { name: 'Upcoming occasions' }).getByRole('radio', { name: /Spring Festival/ }).check();
			await page.getByRole('combobox', { name: 'Stage', exact: true }).selectOption({ label: 'Customer' });
			await expect.poll(() => resultsCount(page)).toBeLessThan(300);
			const customers = (await resultsCount(page))!;
			// Each filter answers on its own: read the count once the region's answer is in too.
			await page.getByRole('combobox', { name: 'Region', exact: true }).selectOption({ index: 1 });
			await expect.poll(() => resultsCount(page)).toBeLessThan(customers);
			const n = (await resultsCount(page))!;
			expect(n).toBeGreaterThan(0);
			await page.getByRole('button', { name: 'Create greeting tasks' }).click();
			await page.getByText(`Created ${n} greeting tasks (0 already had one).`).waitFor();
			// Running it again adds nothing.
			await page.getByRole('button', { name: 'Create greeting tasks' }).click();
			await page.getByText(`Created 0 greeting tasks (${n} already had one).`).waitFor();

			await reloadPage(page);
			await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
			await page.getByRole('combobox', { name: 'Assigned to' }).selectOption({ label: 'All' });
			await page.getByRole('searchbox', { name: 'Search tasks' }).fill('Spring Festival greetings');
			await expect.poll(() => page.getByRole('status', { name: 'Results' }).textContent()).toBe(`${n} task${n === 1 ? '' : 's'}`);
		});
	});
});

describe('custom fields', () => {
	test('adds a choice field in Settings, fills it on customers and filters the list by it; kept after a reload', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
			const add = page.getByRole('form', { name: 'Add field' });
			await add.getByRole('textbox', { name: 'Field name' }).fill('Customer level');
			await add.getByRole('combobox', { name: 'Field type' }).selectOption({ label: 'Single choice' });
			await add.getByRole('textbox', { name: 'Choices' }).fill('Gold, Silver, Bronze');
			await add.getByRole('button', { name: 'Add field' }).click();
			await page.getByRole('button', { name: 'Delete field Customer level' }).waitFor();

			await page.getByRole('navigation').getByRole('link', { name: 'Customers', exact: true }).click();
			await createCustomer(page, { name: 'Golden Dragon Foods' });
			await page.getByRole('button', { name: 'Edit' }).click();
			await page.getByRole('combobox', { name: 'Customer level' }).selectOption('Gold');
			await page.getByRole('button', { name: 'Save' }).click();
			await page.getByRole('heading', { level: 1, name: 'Golden Dragon Foods' }).waitFor();
			await expect.poll(() => page.locator('dl.fields').textContent()).toContain('Customer levelGold');
			await page.getByRole('link', { name: 'Back to customers' }).click();
			await createCustomer(page, { name: 'Silver Lake Trading' });
			await page.getByRole('link', { name: 'Back to customers' }).click();
			await expect.poll(() => resultsCount(page)).toBe(2);

			await reloadPage(page);
			await page.getByRole('combobox', { name: 'Custom field' }).selectOption({ label: 'Customer level' });
			await page.getByRole('combobox', { name: 'Value' }).selectOption('Gold');
			await expect.poll(() => resultsCount(page)).toBe(1);
			expect(await page.getByRole('table', { name: 'Customer list' }).getByRole('link').allTextContents()).toEqual(['Golden Dragon Foods']);
		});
	});
});

describe('on a phone', () => {
	test('contacts, tasks, calendar, care, a customer with its timeline and the bulk bar fit a 375 px screen', async () => {
		await withPage(
			e2e.browser,
			async (page) => {
				const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
				await openCustomers(page, e2e.app);
				await page.getByRole('button', { name: 'Load sample data' }).click();
				await expect.poll(() => resultsCount(page), { timeout: 30_000 }).toBe(300);
				await page.getByRole('table', { name: 'Customer list' }).getByRole('checkbox').first().check();
				await page.getByRole('region', { name: 'Selected customers' }).waitFor();
				expect(await scrollWidth()).toBeLessThanOrEqual(375);
				await page.getByRole('button', { name: 'Reassign' }).click();
				expect(await scrollWidth()).toBeLessThanOrEqual(375);

				await page.getByRole('table', { name: 'Customer list' }).getByRole('link').first().click();
				await page.getByRole('button', { name: 'Log activity' }).click();
				await page.getByRole('textbox', { name: 'Subject' }).fill('A fairly long subject line to see that nothing overflows on a phone');
				await page.getByRole('button', { name: 'Save' }).click();
				await page.getByRole('list', { name: 'Timeline' }).getByRole('listitem').first().waitFor();
				await page.getByRole('button', { name: 'Add contact' }).click();
				expect(await scrollWidth()).toBeLessThanOrEqual(375);

				for (const path of ['/contacts', '/tasks', '/calendar', '/care', '/tasks/new', '/contacts/new', '/customers/win-back', '/settings']) {
					await page.goto(e2e.app.at(path));
					await waitForAppRendered(page);
					await page.getByRole('heading', { level: 1 }).first().waitFor();
					expect(await scrollWidth(), path).toBeLessThanOrEqual(375);
				}
			},
			{ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true }
		);
	});
});
