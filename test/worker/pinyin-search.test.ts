// Pinyin search in the query worker: keys are built in the background once the list is
// ready, and then "zhang" and "zs" find 张三 (the customer list and the search dialog both
// ask the query worker's `query`).
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_QUERY } from '../../src/lib/domain/customer-query';
import { openPair, until } from './helpers';

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
	await close?.();
	close = null;
});

describe('pinyin search', () => {
	it('finds 张三 by "zhang" and "zs", and a customer added later by its initials', async () => {
		const p = await openPair('pinyin-1');
		close = p.close;
		await p.opened;
		for (const name of ['张三', '李四', 'Zhang Wei']) expect((await p.data.createCustomer({ name })).ok).toBe(true);
		await until(async () => (await p.query.query(DEFAULT_QUERY, 0, 10, 1)).total === 3);
		await p.query.pinyinReady();
		const names = async (text: string) => (await p.query.query({ ...DEFAULT_QUERY, text }, 0, 10, 1)).rows.map((r) => r.name).sort();
		expect(await names('zs')).toEqual(['张三']);
		expect(await names('zhang')).toEqual(['Zhang Wei', '张三'].sort());
		expect(await names('lisi')).toEqual(['李四']);
		await p.data.createCustomer({ name: '王五', company: '上海华东贸易有限公司' });
		await until(async () => (await names('ww')).length === 1);
		expect(await names('shanghai')).toEqual(['王五']);
	});
});
