// Import end to end: a GBK CSV with Chinese headers (made here with the app's own GBK encoder)
// through the Import flow: detected encoding, guessed columns, one bad row reported by row and
// column, confirm, the customers in the list; undo the import, import again; a 375 px phone.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeCsv, writeXlsx } from '../../src/lib/domain/import/export';
import { useAppAndBrowser, withPage } from './harness';
import { customerTable, expectResults, openCustomers, rowNames } from './crm';

const e2e = useAppAndBrowser();

const FILE = encodeCsv(
	[
		['客户名称', '公司', '手机', '邮箱', '地区', '行业', '备注'],
		['张三丰', '武当贸易有限公司', '+86 138 0013 8000', 'zsf@wudang.example.cn', '华中', '贸易', '老客户'],
		['李秋水', '逍遥科技有限公司', '139-0013-9000', 'lqs@xiaoyao.example.cn', '华东', '科技', ''],
		['王语嫣', '曼陀山庄', '12ab', 'not-an-email', '华东', '', '电话写错了'],
		['段誉', '大理实业', '(0871) 6543 2100', 'dy@dali.example.cn', '西南', '制造', '']
	],
	'gbk'
);

async function importFile(page: Page) {
	await page.getByRole('button', { name: 'Import', exact: true }).click();
	await page.waitForURL(/\/import\?kind=customers$/);
	await page.getByLabel('File', { exact: true }).setInputFiles({ name: '客户名单.csv', mimeType: 'text/csv', buffer: Buffer.from(FILE) });
	await page.getByRole('status', { name: 'Import summary' }).filter({ hasText: '3 rows ready to import' }).waitFor({ timeout: 15_000 });
}

async function search(page: Page, text: string, n: number) {
	await page.getByRole('searchbox', { name: 'Search customers' }).fill(text);
	// The count alone may still be the last search's (the same number): wait for this one's answer.
	await page.getByRole('status', { name: 'Results' }).and(page.locator(`[data-results-for="${text}"]`)).waitFor();
	await expectResults(page, n);
}

describe('import', () => {
	test('a GBK CSV with Chinese headers: mapped preview with the bad row, confirm, find, undo, import again', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			await importFile(page);

			expect(await page.getByRole('combobox', { name: 'Encoding' }).inputValue()).toBe('auto');
			expect(await page.getByRole('status').filter({ hasText: 'GBK / GB18030' }).textContent()).toContain('4 rows');
			const fieldOf = (header: string) => page.getByRole('combobox', { name: `Field for column ${header}` }).inputValue();
			expect(await fieldOf('客户名称')).toBe('name');
			expect(await fieldOf('公司')).toBe('company');
			expect(await fieldOf('手机')).toBe('phones');
			expect(await fieldOf('邮箱')).toBe('emails');
			expect(await fieldOf('地区')).toBe('region');
			expect(await fieldOf('备注')).toBe('notes');
			// The first rows as the file has them, decoded.
			expect(await page.getByRole('cell', { name: '武当贸易有限公司' }).count()).toBe(1);

			const problems = page.getByRole('list', { name: 'Problems' }).getByRole('listitem');
			expect(await problems.allTextContents()).toEqual([
				'Row 4, column 3: 手机 is not a valid phone number: use digits, spaces, +, - and brackets.',
				'Row 4, column 4: 邮箱 is not a valid e-mail address (for example name@example.com).'
			]);
			expect(await page.getByRole('status', { name: 'Import summary' }).textContent()).toContain('1 row with problems will be skipped');

			await page.getByRole('button', { name: 'Confirm import' }).click();
			const result = page.getByRole('status', { name: 'Import result' });
			await result.filter({ hasText: 'Imported: 3 added, 0 updated, 0 skipped.' }).waitFor({ timeout: 15_000 });
			expect(await result.textContent()).toContain('1 row with problems was not imported.');

			// Undo the import: every row it added is gone; importing the same file again adds them back.
			await page.getByRole('button', { name: 'Undo import' }).click();
			await result.filter({ hasText: 'The import was undone.' }).waitFor();
			await page.getByRole('navigation').getByRole('link', { name: 'Customers', exact: true }).click();
			await expectResults(page, 0);

			await importFile(page);
			await page.getByRole('button', { name: 'Confirm import' }).click();
			await result.filter({ hasText: 'Imported: 3 added' }).waitFor({ timeout: 15_000 });
			await page.getByRole('navigation').getByRole('link', { name: 'Customers', exact: true }).click();
			await expectResults(page, 3);
			expect((await rowNames(customerTable(page))).sort()).toEqual(['张三丰', '李秋水', '段誉'].sort());
			await search(page, '13800138000', 1);
			await search(page, '王语嫣', 0);
		});
	});

	test('pinyin: "zsf" and "zhang" find 张三丰 in the customer list and in the search dialog', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			await importFile(page);
			await page.getByRole('button', { name: 'Confirm import' }).click();
			await page.getByRole('status', { name: 'Import result' }).filter({ hasText: 'Imported: 3 added' }).waitFor({ timeout: 15_000 });
			await page.getByRole('navigation').getByRole('link', { name: 'Customers', exact: true }).click();
			await expectResults(page, 3);
			// The keys are built in the background after the list is ready; the list follows.
			await search(page, 'zsf', 1);
			expect(await rowNames(customerTable(page))).toEqual(['张三丰']);
			await search(page, 'duan yu', 1);
			expect(await rowNames(customerTable(page))).toEqual(['段誉']);

			await page.keyboard.press('Control+k');
			const dialog = page.getByRole('dialog', { name: 'Search everything' });
			await dialog.getByRole('searchbox', { name: 'Search' }).fill('zhang');
			await dialog.getByRole('region', { name: 'Customers' }).getByRole('link', { name: '张三丰' }).waitFor();
		});
	});

	test('fits a 375 px phone: the flow, the column choices (scrolling inside their box), problems and Confirm import', async () => {
		await withPage(
			e2e.browser,
			async (page) => {
				const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
				await openCustomers(page, e2e.app);
				const button = page.getByRole('button', { name: 'Import', exact: true });
				const box = (await button.boundingBox())!;
				expect(box.x + box.width).toBeLessThanOrEqual(375);
				await importFile(page);
				expect(await scrollWidth()).toBeLessThanOrEqual(375);
				const confirm = page.getByRole('button', { name: 'Confirm import' });
				await confirm.scrollIntoViewIfNeeded();
				const c = (await confirm.boundingBox())!;
				expect(c.x + c.width).toBeLessThanOrEqual(375);
				await confirm.click();
				await page.getByRole('status', { name: 'Import result' }).filter({ hasText: 'Imported: 3 added' }).waitFor({ timeout: 15_000 });
				expect(await scrollWidth()).toBeLessThanOrEqual(375);
			},
			{ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true }
		);
	});

	test('contacts from a vCard: the record type choice, the vCard columns guessed, a contact linked to an imported customer', async () => {
		await withPage(e2e.browser, async (page) => {
			await openCustomers(page, e2e.app);
			await importFile(page);
			await page.getByRole('button', { name: 'Confirm import' }).click();
			await page.getByRole('status', { name: 'Import result' }).filter({ hasText: 'Imported: 3 added' }).waitFor({ timeout: 15_000 });

			await page.getByRole('combobox', { name: 'Record type' }).selectOption('contacts');
			const vcf = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:周芷若', 'ORG:武当贸易有限公司', 'TITLE:采购', 'TEL;TYPE=CELL:13700137000', 'END:VCARD', ''].join('\r\n');
			await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'contacts.vcf', mimeType: 'text/vcard', buffer: Buffer.from(vcf) });
			await page.getByRole('status', { name: 'Import summary' }).filter({ hasText: '1 row ready to import' }).waitFor({ timeout: 15_000 });
			expect(await page.getByRole('combobox', { name: 'Field for column Company' }).inputValue()).toBe('customer');
			await page.getByRole('button', { name: 'Confirm import' }).click();
			await page.getByRole('status', { name: 'Import result' }).filter({ hasText: 'Imported: 1 added' }).waitFor({ timeout: 15_000 });
			await page.getByRole('link', { name: 'Contacts', exact: true }).last().click();
			await page.waitForURL(/\/contacts$/);
			await page.getByRole('link', { name: '周芷若' }).waitFor();
			expect(await page.getByRole('main').textContent()).toContain('张三丰');
		});
	});

	test('products from an .xlsx workbook; a header-only file is refused saying why and where', async () => {
		await withPage(e2e.browser, async (page) => {
			await page.goto(e2e.app.at('/import?kind=products'));
			const file = page.getByLabel('File', { exact: true });
			await file.setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('产品名称,货号\r\n') });
			await page.getByRole('alert').filter({ hasText: 'The file has a header (row 1) but no rows of data.' }).waitFor({ timeout: 15_000 });
			expect(await page.getByRole('button', { name: 'Confirm import' }).count()).toBe(0);

			const xlsx = writeXlsx([
				['产品名称', '货号', '单价', '单位'],
				['铁观音', 'TEA-1', 128, '盒'],
				['紫砂壶', 'POT-1', 560.5, '把']
			]);
			await file.setInputFiles({ name: '产品.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(xlsx) });
			await page.getByRole('status', { name: 'Import summary' }).filter({ hasText: '2 rows ready to import' }).waitFor({ timeout: 15_000 });
			expect(await page.getByRole('alert').count()).toBe(0);
			expect(await page.getByRole('combobox', { name: 'Field for column 单价' }).inputValue()).toBe('unitPrice');
			await page.getByRole('button', { name: 'Confirm import' }).click();
			await page.getByRole('status', { name: 'Import result' }).filter({ hasText: 'Imported: 2 added' }).waitFor({ timeout: 15_000 });
			await page.goto(e2e.app.at('/products'));
			await page.getByRole('link', { name: '紫砂壶' }).waitFor({ timeout: 15_000 });
			expect(await page.getByRole('main').textContent()).toContain('560.50');
		});
	});
});
