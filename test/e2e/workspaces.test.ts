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
	waitForWorkspaceOpen,
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
			const errors = collectConsoleErrors(page);
			await openCustomers(page, app);
			const switcher = workspaceSwitcher(page);
			expect(await workspaceNames(page)).toEqual(['My workspace']);
			await createCustomer(page, { name: '孙悦', company: '北京悦达咨询' });
			await gotoCustomersViaNav(page);
			await expectResults(page, 1);

			// Create "Team B": it opens, empty.
			await page.getByRole('link', { name: 'Settings', exact: true }).click();
			await page.waitForURL(/\/settings$/);
			await page.getByRole('textbox', { name: 'Name of the new workspace' }).fill('Team B');
			await page.getByRole('button', { name: 'New workspace', exact: true }).click();
			await expect.poll(() => workspaceNames(page)).toEqual(['My workspace', 'Team B']);
			await waitForWorkspaceOpen(page, 'Team B');
			await expect
				.poll(async () => switcher.locator('option:checked').textContent())
				.toBe('Team B');
			await expect.poll(() => page.getByRole('textbox', { name: 'Workspace name' }).inputValue()).toBe('Team B');
			await gotoCustomersViaNav(page);
			await expectResults(page, 0);
			await page.getByRole('button', { name: 'Load sample data' }).waitFor();

			// Switch back with the header's select: the first workspace's customer is there.
			await switcher.selectOption({ label: 'My workspace' });
			await waitForWorkspaceOpen(page, 'My workspace');
			await expectResults(page, 1);
			await expect.poll(() => rowNames(customerTable(page))).toEqual(['孙悦']);

			// And back again: Team B is still empty.
			await switcher.selectOption({ label: 'Team B' });
			await waitForWorkspaceOpen(page, 'Team B');
			await expectResults(page, 0);
			await switcher.selectOption({ label: 'My workspace' });
			await waitForWorkspaceOpen(page, 'My workspace');
			await expectResults(page, 1);

			// Remove Team B after confirming.
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
			await waitForWorkspaceOpen(page, 'My workspace');
			expect(dialogs).toHaveLength(1);
			expect(dialogs[0]).toMatch(/^confirm: Remove “Team B” from this device\?/);
			expect(await page.getByRole('listitem').filter({ hasText: 'Team B' }).count()).toBe(0);

			// The remaining workspace still has its customer, also after a reload.
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
			const errors = collectConsoleErrors(page);
			await openCustomers(page, app);
			await page.getByRole('link', { name: 'Settings', exact: true }).click();
			await page.getByRole('textbox', { name: 'Name of the new workspace' }).fill('Team C');
			await page.getByRole('button', { name: 'New workspace', exact: true }).click();
			await expect.poll(() => workspaceNames(page)).toEqual(['My workspace', 'Team C']);
			page.on('dialog', (dialog: Dialog) => void dialog.dismiss());
			await page.getByRole('listitem').filter({ hasText: 'Team C' }).getByRole('button', { name: 'Remove from this device' }).click();
			// Give the app a chance to (wrongly) act on a dismissed dialog.
			await page.waitForTimeout(300);
			expect(await workspaceNames(page)).toEqual(['My workspace', 'Team C']);
			expect(errors).toEqual([]);
		} finally {
			await context.close();
		}
	});

	test('switching back before the other workspace has finished opening ends in the chosen one, without errors', async () => {
		const context = await newContext(browser);
		try {
			const page = await context.newPage();
			const errors = collectConsoleErrors(page);
			await openCustomers(page, app);
			await createCustomer(page, { name: '钱多多', company: '苏州多多纺织' });
			await page.getByRole('link', { name: 'Settings', exact: true }).click();
			await page.getByRole('textbox', { name: 'Name of the new workspace' }).fill('Team D');
			await page.getByRole('button', { name: 'New workspace', exact: true }).click();
			await waitForWorkspaceOpen(page, 'Team D');
			await gotoCustomersViaNav(page);
			await expectResults(page, 0);

			const switcher = workspaceSwitcher(page);
			const ids = await switcher.locator('option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
			// With the keyboard on the switcher: up to "My workspace" and, as soon as the app has
			// started opening it (it is saved as the current workspace), straight back down to
			// "Team D" — what a person does after picking the wrong item.
			await switcher.focus();
			await page.keyboard.press('ArrowUp');
			await page.waitForFunction(
				(id) => JSON.parse(localStorage.getItem('rapport.registry') ?? '{}').currentId === id,
				ids[0],
				{ polling: 'raf' }
			);
			await page.keyboard.press('ArrowDown');
			await waitForWorkspaceOpen(page, 'Team D');
			expect(await switcher.inputValue()).toBe(ids[1]);
			await expectResults(page, 0);
			// Both workspaces still work afterwards.
			await switcher.selectOption({ label: 'My workspace' });
			await waitForWorkspaceOpen(page, 'My workspace');
			await expectResults(page, 1);
			expect(errors).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
