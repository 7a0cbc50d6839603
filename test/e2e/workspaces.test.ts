// Workspaces end to end: create a second workspace in Settings (it opens empty), switch with the
// header's workspace select, and remove it from this device after confirming.
import { describe, expect, test } from 'vitest';
import type { Dialog, Page } from 'playwright-core';
import { useAppAndBrowser, withPage } from './harness';
import {
	createCustomer,
	customerTable,
	expectResults,
	gotoCustomersViaNav,
	openCustomers,
	openSettings,
	rowNames,
	waitForWorkspaceOpen,
	workspaceNames,
	workspaceSwitcher
} from './crm';

const e2e = useAppAndBrowser();

/** Creates a workspace in Settings; the app then opens it. */
async function createWorkspace(page: Page, name: string): Promise<void> {
	await openSettings(page);
	await page.getByRole('textbox', { name: 'Name of the new workspace' }).fill(name);
	await page.getByRole('button', { name: 'New workspace', exact: true }).click();
}

describe('workspaces', () => {
	test('creates "Team B" (empty), switches back, and removes it after confirming', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			const switcher = workspaceSwitcher(page);
			expect(await workspaceNames(page)).toEqual(['My workspace']);
			await createCustomer(page, { name: '孙悦', company: '北京悦达咨询' });
			await gotoCustomersViaNav(page);
			await expectResults(page, 1);

			// Create "Team B": it opens, empty.
			await createWorkspace(page, 'Team B');
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
			await openSettings(page);
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
		});
	});

	test('cancelling the confirm dialog keeps the workspace', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			await createWorkspace(page, 'Team C');
			await expect.poll(() => workspaceNames(page)).toEqual(['My workspace', 'Team C']);
			page.on('dialog', (dialog: Dialog) => void dialog.dismiss());
			await page.getByRole('listitem').filter({ hasText: 'Team C' }).getByRole('button', { name: 'Remove from this device' }).click();
			// Give the app a chance to (wrongly) act on a dismissed dialog.
			await page.waitForTimeout(300);
			expect(await workspaceNames(page)).toEqual(['My workspace', 'Team C']);
		});
	});

	test('switching back before the other workspace has finished opening ends in the chosen one, without errors', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			await createCustomer(page, { name: '钱多多', company: '苏州多多纺织' });
			await createWorkspace(page, 'Team D');
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
		});
	});
});
