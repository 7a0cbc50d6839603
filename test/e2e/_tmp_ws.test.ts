// Workspaces end to end: create a second workspace in Settings (it opens empty), switch with the
// header's workspace select, and remove it from this device after confirming.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Dialog } from 'playwright-core';
import { collectConsoleErrors, launchBrowser, newContext, startApp, type App } from './harness';
import {
	createCustomer,
	customerTable,
	expectResults,
	gotoCustomersViaNav,
	openCustomers,
	rowNames,
	workspaceNames,
	workspaceSwitcher
} from './crm';

let app: App;
let browser: Browser;

beforeAll(async () => {
	app = await startApp();
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
	await app?.close();
});

describe('workspaces', () => {
	test('creates "Team B" (empty), switches back, and removes it after confirming', async () => {
		const context = await newContext(browser);
		try {
			const page = await context.newPage();
			const errors = collectConsoleErrors(page); page.on('pageerror', (e) => console.log('PAGEERROR', Date.now(), e.stack)); const mark = (s: string) => console.log('STEP', Date.now(), s);
			await openCustomers(page, app);
			const switcher = workspaceSwitcher(page);
			expect(await workspaceNames(page)).toEqual(['My workspace']);
			await createCustomer(page, { name: '孙悦', company: '北京悦达咨询' });
			await gotoCustomersViaNav(page);
			await expectResults(page, 1);

			// Create "Team B": it opens, empty.
			mark(`Create "Team B": it opens, empty.`);
			await page.getByRole('link', { name: 'Settings', exact: true }).click();
			await page.waitForURL(/\/settings$/);
			await page.getByRole('textbox', { name: 'Name of the new workspace' }).fill('Team B');
			await page.getByRole('button', { name: 'New workspace', exact: true }).click();
			await expect.poll(() => workspaceNames(page)).toEqual(['My workspace', 'Team B']);
			await expect
				.poll(async () => switcher.locator('option:checked').textContent())
				.toBe('Team B');
			await expect.poll(() => page.getByRole('textbox', { name: 'Workspace name' }).inputValue()).toBe('Team B');
			await gotoCustomersViaNav(page);
			await expectResults(page, 0);
			await page.getByRole('button', { name: 'Load sample data' }).waitFor();

			// Switch back with the header's select: the first workspace's customer is there.
			mark(`Switch back with the header's select: the first workspace's customer is there.`);
			await switcher.selectOption({ label: 'My workspace' });
			await expectResults(page, 1);
			await expect.poll(() => rowNames(customerTable(page))).toEqual(['孙悦']);

			// And back again: Team B is still empty.
			mark(`And back again: Team B is still empty.`);
			await switcher.selectOption({ label: 'Team B' });
			await expectResults(page, 0);
			await switcher.selectOption({ label: 'My workspace' });
			await expectResults(page, 1);

			// Remove Team B after confirming.
			mark(`Remove Team B after confirming.`);
			const dialogs: string[] = [];
			page.on('dialog', (dialog: Dialog) => {
				dialogs.push(`${dialog.type()}: ${dialog.message()}`);
				void dialog.accept();
			});
			await page.getByRole('link', { name: 'Settings', exact: true }).click();
			await page.waitForURL(/\/settings$/);
			const teamB = page.getByRole('listitem').filter({ hasText: 'Team B' });
			await teamB.getByRole('button', { name: 'Remove from this device' }).click();
			await expect.poll(() => workspaceNames(page)).toEqual(['My workspace']);
			expect(dialogs).toHaveLength(1);
			expect(dialogs[0]).toMatch(/^confirm: Remove “Team B” from this device\?/);
			expect(await page.getByRole('listitem').filter({ hasText: 'Team B' }).count()).toBe(0);

			// The remaining workspace still has its customer, also after a reload.
			mark(`The remaining workspace still has its customer, also after a reload.`);
			await gotoCustomersViaNav(page);
			await expectResults(page, 1);
			await page.reload();
			await expectResults(page, 1);
			expect(await workspaceNames(page)).toEqual(['My workspace']);
			expect(errors).toEqual([]);
		} finally {
			await context.close();
		}
	});

	test('cancelling the confirm dialog keeps the workspace', async () => {
		const context = await newContext(browser);
		try {
			const page = await context.newPage();
			const errors = collectConsoleErrors(page); page.on('pageerror', (e) => console.log('PAGEERROR', Date.now(), e.stack)); const mark = (s: string) => console.log('STEP', Date.now(), s);
			await openCustomers(page, app);
			await page.getByRole('link', { name: 'Settings', exact: true }).click();
			await page.getByRole('textbox', { name: 'Name of the new workspace' }).fill('Team C');
			await page.getByRole('button', { name: 'New workspace', exact: true }).click();
			await expect.poll(() => workspaceNames(page)).toEqual(['My workspace', 'Team C']);
			page.on('dialog', (dialog: Dialog) => void dialog.dismiss());
			await page.getByRole('listitem').filter({ hasText: 'Team C' }).getByRole('button', { name: 'Remove from this device' }).click();
			// Give the app a chance to (wrongly) act on a dismissed dialog.
			mark(`Give the app a chance to (wrongly) act on a dismissed dialog.`);
			await page.waitForTimeout(300);
			expect(await workspaceNames(page)).toEqual(['My workspace', 'Team C']);
			expect(errors).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
