// List exports end to end: the customer list's Export menu writes what the list shows (search
// applied) as GBK CSV and .xlsx; the contact list writes vCards with the contact's customer.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppAndBrowser, withPage } from './harness';
import { createCustomer, expectResults, gotoCustomersViaNav, openCustomers } from './crm';

const e2e = useAppAndBrowser();

async function exported(page: Page, item: string): Promise<{ name: string; bytes: Buffer }> {
	await page.getByText('Export', { exact: true }).click();
	const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.getByRole('button', { name: item, exact: true }).click()]);
	expect(await dl.failure()).toBeNull();
	const stream = await dl.createReadStream();
	const chunks: Buffer[] = [];
	for await (const c of stream) chunks.push(c as Buffer);
	return { name: dl.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

describe('list export', () => {
	test('GBK CSV and .xlsx of the searched customer list, vCard of the contacts', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			await createCustomer(page, { name: '杭州西湖茶业', phones: ['13800138000'] });
			await page.getByRole('button', { name: 'Add contact' }).click();
			await page.getByRole('textbox', { name: 'Contact name' }).fill('李娜');
			await page.getByRole('button', { name: 'Save' }).click();
			await page.getByRole('region', { name: 'Contact persons' }).getByRole('link', { name: '李娜' }).waitFor();
			await gotoCustomersViaNav(page);
			await createCustomer(page, { name: 'Blue Ocean Ltd' });
			await gotoCustomersViaNav(page);
			await expectResults(page, 2);
			await page.getByRole('searchbox', { name: 'Search customers' }).fill('西湖');
			await expectResults(page, 1);

			const gbk = await exported(page, 'CSV (GBK, older Excel)');
			expect(gbk.name).toMatch(/-gbk\.csv$/);
			const text = new TextDecoder('gbk').decode(gbk.bytes);
			expect(text).toContain('杭州西湖茶业');
			expect(text).not.toContain('Blue Ocean');
			const xlsx = await exported(page, 'Excel (.xlsx)');
			expect(xlsx.name).toMatch(/\.xlsx$/);
			expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

			await page.getByRole('navigation').getByRole('link', { name: 'Contacts', exact: true }).click();
			await page.waitForURL(/\/contacts$/);
			const vcf = await exported(page, 'vCard (.vcf)');
			expect(vcf.name).toMatch(/\.vcf$/);
			const card = vcf.bytes.toString('utf8');
			expect(card).toContain('BEGIN:VCARD');
			expect(card).toContain('FN:李娜');
			expect(card).toContain('ORG:杭州西湖茶业');
		});
	});
});
