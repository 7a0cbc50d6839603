// The import worker's service joined to a real DataService by a MessageChannel, as in the
// browser: read a GBK file, check it (progress, cancel), confirm, re-run to update.
import { afterEach, describe, expect, it } from 'vitest';
import { encodeCsv } from '../../src/lib/domain/import/export';
import { ImportService } from '../../src/lib/worker/import-service';
import { importSource } from '../../src/lib/worker/import-source';
import type { ImportPortApi } from '../../src/lib/worker/protocol';
import { RpcClient, serve, type Endpoint } from '../../src/lib/worker/rpc';
import { en } from '../../src/lib/i18n/en';
import { zhCN } from '../../src/lib/i18n/zh-CN';
import { DEFAULT_QUERY } from '../../src/lib/domain/customer-query';
import { openPair, until } from './helpers';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	for (const c of cleanup) await c();
	cleanup = [];
});

async function setup(id: string) {
	const p = await openPair(id);
	await p.opened;
	const channel = new MessageChannel();
	serve<ImportPortApi, Record<string, never>>(channel.port1 as unknown as Endpoint, {
		importContext: ({ kind }) => importSource(p.data, kind),
		importBatch: (a) => p.data.importBatch(a)
	});
	const progress: Array<{ job: number; done: number; total: number }> = [];
	const svc = new ImportService(async () => [en, zhCN] as unknown as Record<string, string>[], (e) => progress.push(e));
	svc.attach(new RpcClient<ImportPortApi, Record<string, never>>(channel.port2 as unknown as Endpoint));
	cleanup.push(async () => {
		channel.port1.close();
		channel.port2.close();
		await p.close();
	});
	return { p, svc, progress };
}

const file = (rows: string[][]) => encodeCsv(rows, 'gbk').buffer as ArrayBuffer;

describe('ImportService', () => {
	it('reads a GBK file with Chinese headers, checks it with progress, writes the good rows, then updates them on a re-run', async () => {
		const { p, svc, progress } = await setup('imp-1');
		const rows = [['客户名称', '手机', '邮箱', '阶段', '负责人']];
		for (let i = 0; i < 2500; i++) rows.push([`客户${i}`, `139${String(i).padStart(8, '0')}`, `c${i}@example.com`, i % 2 ? '意向客户' : '', 'Ann']);
		rows.push(['', '12ab', 'bad', '', 'Nobody']);
		const read = svc.read({ bytes: file(rows), name: '客户.csv', encoding: 'auto', kind: 'customers' });
		expect(read).toMatchObject({ ok: true, format: 'csv', encoding: 'gb18030', rows: 2501, mapping: ['name', 'phones', 'emails', 'stage', 'owner'] });
		if (!read.ok) return;
		const check = await svc.check({ job: 1, kind: 'customers', mapping: read.mapping, owner: 'member-1' });
		expect(check).toMatchObject({ cancelled: false, total: 2501, valid: 2500, withErrors: 1, matches: [] });
		expect(check.problems.map((x) => [x.line, x.column, x.code])).toEqual([
			[2502, 5, 'ownerUnknown'],
			[2502, 1, 'required'],
			[2502, 2, 'phoneInvalid'],
			[2502, 3, 'emailInvalid']
		]);
		expect(progress.filter((e) => e.job === 1).map((e) => e.done)).toEqual([0, 1000, 2000, 2501]);
		const done = await svc.confirm({ mode: 'update', modes: {}, label: '客户.csv', batchId: 'b1' });
		expect(done).toMatchObject({ ok: true, added: 2500, updated: 0, skippedErrors: 1 });
		await until(async () => (await p.query.query({ ...DEFAULT_QUERY, text: '客户1234' }, 0, 5, 1)).rows.some((r) => r.name === '客户1234'));

		// Checking the same file again after the write sees the rows it added (nothing stale is kept).
		const recheck = await svc.check({ job: 3, kind: 'customers', mapping: read.mapping, owner: 'member-1' });
		expect(recheck.matches.length + recheck.moreMatches).toBe(2500);

		// The same file again: every row matches (by e-mail) and updates instead of adding.
		rows[1][3] = '成交客户';
		const again = svc.read({ bytes: file(rows), name: '客户.csv', encoding: 'auto', kind: 'customers' });
		if (!again.ok) throw new Error('unreadable');
		const check2 = await svc.check({ job: 2, kind: 'customers', mapping: again.mapping, owner: 'member-1' });
		expect(check2.matches.length + check2.moreMatches).toBe(2500);
		expect(check2.matches[0]).toMatchObject({ line: 2, label: '客户0', by: 'email' });
		const done2 = await svc.confirm({ mode: 'update', modes: { 3: 'skip' }, label: 'again', batchId: 'b2' });
		expect(done2).toMatchObject({ ok: true, added: 0, skipped: 1 });
		expect(done2.ok && done2.updated).toBeGreaterThanOrEqual(1);
		expect(p.data.ws.customers.size).toBe(2500);
	}, 60_000);

	it('products: a re-import updates by SKU instead of refusing the batch for a SKU already taken', async () => {
		const { p, svc } = await setup('imp-4');
		const rows = [['产品名称', '货号', '单价', '单位'], ['乌龙茶', 'T-1', '58', '盒'], ['茶具', 'T-2', '1,200.50', '套']];
		const run = async (label: string) => {
			const read = svc.read({ bytes: file(rows), name: `${label}.csv`, encoding: 'auto', kind: 'products' });
			if (!read.ok) throw new Error(read.error.code);
			const check = await svc.check({ job: 10, kind: 'products', mapping: read.mapping, owner: 'member-1' });
			return { check, done: await svc.confirm({ mode: 'update', modes: {}, label, batchId: label }) };
		};
		const first = await run('p1');
		expect(first.done).toMatchObject({ ok: true, added: 2 });
		rows[1][2] = '60';
		const second = await run('p2');
		expect(second.check.matches.map((m) => [m.line, m.by])).toEqual([[2, 'sku'], [3, 'sku']]);
		// The store counts a row as updated when it changed something: only 乌龙茶's price did.
		expect(second.done).toMatchObject({ ok: true, added: 0, updated: 1 });
		// Adding a matched product as new anyway: the store refuses its SKU, named by file row and column.
		const read = svc.read({ bytes: file(rows), name: 'p3.csv', encoding: 'auto', kind: 'products' });
		if (!read.ok) throw new Error(read.error.code);
		await svc.check({ job: 11, kind: 'products', mapping: read.mapping, owner: 'member-1' });
		expect(await svc.confirm({ mode: 'update', modes: { 3: 'add' }, label: 'p3', batchId: 'p3' })).toEqual({
			ok: false,
			problems: [{ line: 3, column: 2, field: 'sku', code: 'duplicateValue' }]
		});
		const products = await p.data.salesList('products', '');
		expect(products.map((x) => [x.sku, x.unitPrice]).sort()).toEqual([['T-1', 6000], ['T-2', 120050]]);
	});

	it('stops a check when cancelled between chunks and keeps nothing of it', async () => {
		const { svc, progress } = await setup('imp-2');
		const rows = [['name', 'phone']];
		for (let i = 0; i < 5000; i++) rows.push([`n${i}`, `138${String(i).padStart(8, '0')}`]);
		const read = svc.read({ bytes: file(rows), name: 'a.csv', encoding: 'auto', kind: 'customers' });
		if (!read.ok) throw new Error('unreadable');
		const running = svc.check({ job: 7, kind: 'customers', mapping: read.mapping, owner: 'member-1' });
		// Cancel once the first chunk has been reported.
		while (!progress.some((e) => e.job === 7 && e.done >= 1000)) await new Promise((r) => setTimeout(r, 0));
		svc.cancel(7);
		const res = await running;
		expect(res.cancelled).toBe(true);
		expect(progress.at(-1)!.done).toBeLessThan(5000);
		const done = await svc.confirm({ mode: 'update', modes: {}, label: 'a', batchId: 'b3' });
		expect(done).toMatchObject({ ok: true, added: 0 });
	});

	it('reports file problems with where they are, never throws', async () => {
		const { svc } = await setup('imp-3');
		expect(svc.read({ bytes: new TextEncoder().encode('name,phone\n').buffer as ArrayBuffer, name: 'x.csv', encoding: 'auto', kind: 'customers' })).toEqual({ ok: false, error: { code: 'headerOnly', row: 1 } });
		expect(svc.read({ bytes: new Uint8Array([1, 2, 3]).buffer as ArrayBuffer, name: 'x.xlsx', encoding: 'auto', kind: 'customers' })).toEqual({ ok: false, error: { code: 'notXlsx' } });
		expect(svc.read({ bytes: new ArrayBuffer(0), name: 'x.vcf', encoding: 'auto', kind: 'contacts' })).toEqual({ ok: false, error: { code: 'empty' } });
	});
});
