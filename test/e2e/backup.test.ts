// Backup and export end to end: a JSON backup downloaded from Settings restores into a new
// workspace with the same customers; a file that is not a backup is refused without leaving a
// workspace behind; the CSV export is UTF-8 with a BOM (so Excel reads Chinese correctly).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppAndBrowser, withPage } from './harness';
import {
	createCustomer,
	customerTable,
	dataRows,
	expectResults,
	gotoCustomersViaNav,
	openCustomers,
	openSettings,
	rowNames,
	workspaceNames,
	workspaceSwitcher
} from './crm';

const e2e = useAppAndBrowser();
let tmp: string;

beforeAll(async () => {
	tmp = await mkdtemp(path.join(tmpdir(), 'rapport-e2e-backup-'));
});

afterAll(async () => {
	if (tmp) await rm(tmp, { recursive: true, force: true });
});

const CUSTOMERS = [
	{ name: '周杰 Zhou Jie', company: '成都天府茶业', phones: ['028 8765 4321'], emails: ['zhou@tianfu.example.cn'], stage: 'Customer' },
	{ name: 'Anna Müller', company: 'Müller & Söhne GmbH, "Export"', phones: ['+49 30 1234567'], stage: 'Prospect' }
];

/** Opens the Customers page and creates CUSTOMERS through the form. */
async function openWithCustomers(page: Page): Promise<void> {
	await openCustomers(page, e2e.app);
	for (const c of CUSTOMERS) {
		await gotoCustomersViaNav(page);
		await createCustomer(page, c);
	}
}

async function download(page: Page, button: string, file: string): Promise<Buffer> {
	const [dl] = await Promise.all([
		page.waitForEvent('download', { timeout: 15_000 }),
		page.getByRole('button', { name: button, exact: true }).click()
	]);
	expect(await dl.failure()).toBeNull();
	const target = path.join(tmp, file);
	await dl.saveAs(target);
	return readFile(target);
}

describe('backup and export', () => {
	test('exports a JSON backup and restores it into a new workspace; refuses a file that is not a backup', async () => {
		await withPage(e2e.browser, async (page) => {
			await openWithCustomers(page);
			await gotoCustomersViaNav(page);
			await expectResults(page, 2);
			const names = (await rowNames(customerTable(page))).sort();
			expect(names).toEqual(CUSTOMERS.map((c) => c.name).sort());
			expect(await workspaceNames(page)).toHaveLength(1);

			await openSettings(page);
			const bytes = await download(page, 'Export backup (JSON)', 'backup.json');
			const backup = JSON.parse(bytes.toString('utf8'));
			expect(JSON.stringify(backup)).toContain('rapport.backup');
			for (const c of CUSTOMERS) {
				expect(JSON.stringify(backup)).toContain(JSON.stringify(c.name));
				expect(JSON.stringify(backup)).toContain(JSON.stringify(c.company));
			}

			// Restore on the same page: a second workspace opens with the same customers.
			await page.getByLabel('Backup file', { exact: true }).setInputFiles(path.join(tmp, 'backup.json'));
			await expect.poll(() => workspaceNames(page), { timeout: 15_000 }).toHaveLength(2);
			await page.getByRole('status').filter({ hasText: /Restored 2 customers/ }).waitFor();
			const switcher = workspaceSwitcher(page);
			const options = await switcher.locator('option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
			expect(await switcher.inputValue()).toBe(options[1]);
			await gotoCustomersViaNav(page);
			await expectResults(page, 2);
			await dataRows(customerTable(page)).nth(1).waitFor();
			expect((await rowNames(customerTable(page))).sort()).toEqual(names);

			// The original workspace is untouched and still selectable.
			await switcher.selectOption(options[0]);
			await expectResults(page, 2);
			await expect.poll(async () => (await rowNames(customerTable(page))).sort()).toEqual(names);

			// Not a backup: an alert, and no extra workspace left behind.
			await openSettings(page);
			await page.getByLabel('Backup file', { exact: true }).setInputFiles({
				name: 'not-a-backup.json',
				mimeType: 'application/json',
				buffer: Buffer.from('{"format": "rapport.backup", this is not JSON')
			});
			const alert = page.getByRole('alert').filter({ hasText: 'This file is not a Rapport backup' });
			await alert.waitFor();
			expect(await alert.textContent()).toContain('not valid JSON');
			expect(await workspaceNames(page)).toHaveLength(2);
			expect(await switcher.inputValue()).toBe(options[0]);

			// Valid JSON, wrong format.
			await page.getByLabel('Backup file', { exact: true }).setInputFiles({
				name: 'other.json',
				mimeType: 'application/json',
				buffer: Buffer.from(JSON.stringify({ customers: [] }))
			});
			await page.getByRole('alert').filter({ hasText: 'rapport.backup' }).waitFor();
			expect(await workspaceNames(page)).toHaveLength(2);
			await gotoCustomersViaNav(page);
			await expectResults(page, 2);
		}, { acceptDownloads: true });
	});

	test('exports customers as CSV with a UTF-8 BOM and the names', async () => {
		await withPage(e2e.browser, async (page) => {
			await openWithCustomers(page);
			await openSettings(page);
			const bytes = await download(page, 'Export customers (CSV)', 'customers.csv');
			expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
			const text = bytes.subarray(3).toString('utf8');
			const lines = text.split(/\r?\n/).filter(Boolean);
			expect(lines).toHaveLength(3);
			expect(lines[0]).toContain('Name');
			expect(lines[0]).toContain('Company');
			expect(text).toContain('周杰 Zhou Jie');
			expect(text).toContain('成都天府茶业');
			expect(text).toContain('Anna Müller');
			// A value with a comma and quotes is quoted and its quotes doubled.
			expect(text).toContain('"Müller & Söhne GmbH, ""Export"""');
			// Choices are exported as their labels in the current language.
			expect(text).toContain('Prospect');
		}, { acceptDownloads: true });
	});
});
