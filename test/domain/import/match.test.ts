import { Converter } from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { companyKey, findDuplicates, MatchIndex, nameKey, phoneKey, type MatchRecord } from '../../../src/lib/domain/import/match';

const t2s = Converter({ from: 't', to: 'cn' });

describe('matching normalisation', () => {
	it('phones with spaces, dashes, brackets and country codes', () => {
		for (const p of ['+86 138 0013 8000', '0086-138-0013-8000', '(+86) 13800138000', '138 0013 8000', '１３８００１３８０００']) expect(phoneKey(p), p).toBe('13800138000');
		expect(phoneKey('(021) 5555-1234')).toBe(phoneKey('+86 21 5555 1234'));
		expect(phoneKey('123')).toBe('');
	});
	it('names across width, case and simplified/traditional forms', () => {
		expect(nameKey('陳 大文', t2s)).toBe(nameKey('陈大文'));
		expect(nameKey('ＺＨＡＮＧ  Wei', t2s)).toBe(nameKey('zhang wei'));
		expect(nameKey('陳大文')).not.toBe(nameKey('陈大文'));
	});
	it('companies that differ only in legal suffix, brackets or script', () => {
		const same = ['华为技术有限公司', '華為技術有限公司', '华为技术股份有限公司', '華為技術有限責任公司', '华为技术', '华为技术（深圳）有限公司'];
		for (const c of same) expect(companyKey(c, t2s), c).toBe('华为技术');
		for (const c of ['ACME Co., Ltd.', 'Acme Inc.', 'ACME LLC', 'acme GmbH', 'Acme Corporation', 'ＡＣＭＥ Limited', 'Acme Co. Ltd']) expect(companyKey(c), c).toBe('acme');
		expect(companyKey('华为集团', t2s)).toBe('华为集团');
		expect(companyKey('有限公司')).toBe('有限公司');
	});
});

describe('findDuplicates', () => {
	const records: MatchRecord[] = [
		{ id: 'a', name: '张三', company: '上海华东贸易有限公司', phones: ['+86 138 0013 8000'] },
		{ id: 'b', name: '張三', company: '上海華東貿易股份有限公司', phones: ['13800138000'] },
		{ id: 'c', name: 'Ada', emails: ['Ada@Example.com'] },
		{ id: 'd', name: 'Ada Lovelace', emails: ['ada@example.COM'] },
		{ id: 'e', name: '李四', company: 'X' },
		{ id: 'f', name: '李四', company: 'Y' },
		{ id: 'g', name: '王五', company: 'Acme Co., Ltd.' },
		{ id: 'h', name: '王五', company: 'ACME Inc' }
	];
	it('finds pairs by phone, e-mail and name + company with the evidence and a score', () => {
		const found = findDuplicates(records, { convert: t2s });
		const byIds = new Map(found.map((g) => [g.ids.join(), g]));
		expect([...byIds.keys()].sort()).toEqual(['a,b', 'c,d', 'g,h']);
		expect(byIds.get('a,b')!.evidence.map((e) => e.kind).sort()).toEqual(['nameCompany', 'phone']);
		expect(byIds.get('a,b')!.score).toBeGreaterThan(byIds.get('c,d')!.score);
		expect(byIds.get('c,d')!.evidence).toEqual([{ kind: 'email', value: 'ada@example.com' }]);
		expect(found[0].ids).toEqual(['a', 'b']);
	});
	it('joins chains into one group and skips keys shared by too many records', () => {
		const chain = [
			{ id: '1', name: 'A', phones: ['13800000001'] },
			{ id: '2', name: 'B', phones: ['13800000001'], emails: ['x@y.cn'] },
			{ id: '3', name: 'C', emails: ['X@Y.cn'] }
		];
		expect(findDuplicates(chain).map((g) => g.ids)).toEqual([['1', '2', '3']]);
		const switchboard = Array.from({ length: 60 }, (_, i) => ({ id: `s${i}`, name: `n${i}`, phones: ['400-800-8000'] }));
		expect(findDuplicates(switchboard)).toEqual([]);
	});
	it('checks 100,000 customers by blocking, not all pairs', () => {
		const many: MatchRecord[] = Array.from({ length: 100_000 }, (_, i) => ({
			id: `c${i}`,
			name: `客户${i}`,
			company: `公司${i % 50_000}有限公司`,
			phones: [`139${String(i).padStart(8, '0')}`],
			emails: [`u${i}@example.com`]
		}));
		many.push({ id: 'dup', name: '客户7', company: '公司7', phones: ['+86 139 0000 0007'] });
		const found = findDuplicates(many);
		expect(found).toHaveLength(1);
		expect(found[0].ids).toEqual(['c7', 'dup']);
	});
});

describe('MatchIndex', () => {
	it('finds the existing record an imported row is, by e-mail, phone, then name + company', () => {
		const idx = new MatchIndex(
			[
				{ id: 'x', name: '张三', company: '华东贸易有限公司', phones: ['13800138000'], emails: ['zs@example.com'] },
				{ id: 'y', name: '李四', company: 'ACME Co., Ltd.' }
			],
			t2s
		);
		expect(idx.find({ name: 'Someone', emails: ['ZS@EXAMPLE.COM'] })).toEqual({ id: 'x', by: { kind: 'email', value: 'zs@example.com' } });
		expect(idx.find({ name: '?', phones: ['+86 138-0013-8000'] })?.id).toBe('x');
		expect(idx.find({ name: '張三', company: '華東貿易' })?.by.kind).toBe('nameCompany');
		expect(idx.find({ name: '李四', company: 'Acme Inc.' })?.id).toBe('y');
		expect(idx.find({ name: '李四', company: 'Other' })).toBeNull();
	});
});
