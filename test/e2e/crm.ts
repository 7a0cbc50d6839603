// App-level helpers shared by the CRM end-to-end tests (customers, offline data, backup, i18n,
// workspaces). Everything goes through accessible names, the same way a person (or a screen
// reader) finds things: those names are the contract these tests rely on.
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { waitForAppRendered, type App } from './harness';

export interface NewCustomer {
	name: string;
	company?: string;
	phones?: string[];
	emails?: string[];
	/** Visible option label, e.g. "Prospect". */
	stage?: string;
	city?: string;
}

/** The number in the "Results" status ("300 customers" → 300), or null while loading. */
export async function resultsCount(page: Page): Promise<number | null> {
	const text = (await page.getByRole('status', { name: 'Results' }).textContent()) ?? '';
	const m = /\d[\d,]*/.exec(text);
	return m ? Number(m[0].replace(/,/g, '')) : null;
}

/** Waits until the Results status reports exactly `n` customers. */
export async function expectResults(page: Page, n: number, timeout = 15_000): Promise<void> {
	await expect.poll(() => resultsCount(page), { timeout, interval: 50 }).toBe(n);
}

/** The customer table (role=table) on the Customers page. */
export function customerTable(page: Page): Locator {
	return page.getByRole('table', { name: 'Customer list' });
}

/** Data rows (not the header row) currently rendered in a table; the list is virtualized. */
export function dataRows(table: Locator): Locator {
	return table.getByRole('row').filter({ has: table.page().getByRole('cell') });
}

/** Text of every rendered data row. */
export async function rowTexts(table: Locator): Promise<string[]> {
	return dataRows(table).evaluateAll((rows) => rows.map((r) => r.textContent ?? ''));
}

/** Names (first cell link text) of the rendered rows. */
export async function rowNames(table: Locator): Promise<string[]> {
	return dataRows(table).evaluateAll((rows) =>
		rows.map((r) => r.querySelector('[role="cell"] a')?.textContent?.trim() ?? '')
	);
}

/** Opens /customers in a fresh page and waits for the list to have answered. */
export async function openCustomers(page: Page, app: App): Promise<void> {
	await page.goto(app.at('/customers'));
	await waitForAppRendered(page);
	await expect.poll(() => resultsCount(page), { timeout: 15_000, interval: 50 }).not.toBeNull();
}

/** Goes to the Customers page via the navigation link and waits for its list. */
export async function gotoCustomersViaNav(page: Page): Promise<void> {
	await page.getByRole('navigation').getByRole('link', { name: 'Customers', exact: true }).click();
	await page.waitForURL(/\/customers$/);
	await expect.poll(() => resultsCount(page), { timeout: 15_000, interval: 50 }).not.toBeNull();
}

/** Fills the customer form (new or edit) with what is given. Phones/emails fill boxes 1…n. */
export async function fillCustomerForm(page: Page, c: Partial<NewCustomer>): Promise<void> {
	if (c.name !== undefined) await page.getByRole('textbox', { name: 'Name', exact: true }).fill(c.name);
	if (c.company !== undefined) await page.getByRole('textbox', { name: 'Company', exact: true }).fill(c.company);
	for (const [label, addLabel, values] of [
		['Phone', 'Add phone', c.phones],
		['Email', 'Add email', c.emails]
	] as const) {
		for (const [i, value] of (values ?? []).entries()) {
			const boxName = i === 0 ? label : `${label} ${i + 1}`;
			const box = page.getByRole('textbox', { name: boxName, exact: true });
			if ((await box.count()) === 0) await page.getByRole('button', { name: addLabel, exact: true }).click();
			await box.fill(value);
		}
	}
	if (c.city !== undefined) await page.getByRole('textbox', { name: 'City', exact: true }).fill(c.city);
	if (c.stage !== undefined) {
		await page.getByRole('combobox', { name: 'Stage', exact: true }).selectOption({ label: c.stage });
	}
}

/**
 * Creates a customer through the "New customer" form, starting from the Customers page, and
 * returns its id once the app has landed on the customer's own page.
 */
export async function createCustomer(page: Page, c: NewCustomer): Promise<string> {
	await page.getByRole('button', { name: 'New customer', exact: true }).click();
	await page.waitForURL(/\/customers\/new$/);
	await fillCustomerForm(page, c);
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await page.waitForURL((url) => /^\/customers\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/new'));
	await page.getByRole('heading', { level: 1, name: c.name }).waitFor();
	return decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
}

/** The text shown for one field on a customer's page (the <dd> next to its <dt>). */
export async function detail(page: Page, label: string): Promise<string> {
	const dd = page.locator('dl div').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
	return ((await dd.textContent()) ?? '').trim();
}

/** Goes to Settings via its link and waits for the page. */
export async function openSettings(page: Page): Promise<void> {
	await page.getByRole('link', { name: 'Settings', exact: true }).click();
	await page.waitForURL(/\/settings$/);
	await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
}

/** The header's workspace switcher. */
export function workspaceSwitcher(page: Page): Locator {
	return page.getByRole('banner').getByRole('combobox', { name: 'Workspace' });
}

/** Labels of the workspace switcher's options. */
export async function workspaceNames(page: Page): Promise<string[]> {
	return workspaceSwitcher(page)
		.locator('option')
		.evaluateAll((opts) => opts.map((o) => o.textContent?.trim() ?? ''));
}

/**
 * Waits until the workspace called `name` is fully open: the page title names it only once the
 * data worker has loaded the workspace and reported its info.
 */
export async function waitForWorkspaceOpen(page: Page, name: string, timeout = 15_000): Promise<void> {
	await page.waitForFunction((title) => document.title === title, `${name} · Rapport`, { timeout, polling: 50 });
}
