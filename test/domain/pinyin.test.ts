import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { customerRow, DEFAULT_QUERY, type CustomerRow } from '../../src/lib/domain/customer-query';
import type { Customer } from '../../src/lib/domain/customer';
import { pinyinKey, pinyinNeedle, type ToSyllables } from '../../src/lib/domain/pinyin';
import { RowIndex } from '../../src/lib/domain/row-index';

const toSyllables: ToSyllables = (han, { name }) => pinyin(han, { toneType: 'none', type: 'array', surname: name ? 'head' : 'off', v: true });

function row(id: string, name: string, company = ''): CustomerRow {
	return customerRow({ id, name, company, phones: [], emails: [], stage: 'potential', type: 'end', owner: '', tags: [], region: '', city: '', createdAt: 1, updatedAt: Number(id.slice(1)) } as unknown as Customer, 0);
}

describe('pinyin keys', () => {
	it('joins syllables and initials of the Han parts of name and company', () => {
		expect(pinyinKey('张三', '', toSyllables)).toBe('zhangsan\u0001zs');
		expect(pinyinKey('王小明 Wang', '上海华东贸易有限公司', toSyllables)).toBe('wangxiaoming\u0001wxm\u0001shanghaihuadongmaoyiyouxiangongsi\u0001shhdmyyxgs');
		expect(pinyinKey('吕布', '', toSyllables)).toBe('lvbu\u0001lb');
		expect(pinyinKey('Ada', 'ACME', toSyllables)).toBe('');
	});
	it('takes plain Latin search text only', () => {
		expect(pinyinNeedle('zhang san')).toBe('zhangsan');
		expect(pinyinNeedle("xi'an")).toBe('xian');
		expect(pinyinNeedle('zs')).toBe('zs');
		expect(pinyinNeedle('138')).toBeNull();
		expect(pinyinNeedle('张')).toBeNull();
	});
});

describe('row index pinyin search', () => {
	const names = (index: RowIndex, text: string) => {
		const hits = index.run({ ...DEFAULT_QUERY, text });
		return hits
			.slice(0, hits.total)
			.map((i) => index.rows[i].name)
			.sort();
	};
	const rows = () => [row('c1', '张三'), row('c2', '李四', '张家口实业'), row('c3', 'Zhang Wei'), row('c4', '赵四'), row('c5', '王五')];

	it('finds 张三 by "zhang", "zhangsan", "zhang san" and "zs" once the keys are built, in slices', () => {
		const index = new RowIndex(new Intl.Collator('zh-CN'));
		index.reset(rows());
		expect(names(index, 'zs')).toEqual([]);
		index.setPinyin((r) => pinyinKey(r.name, r.company, toSyllables));
		expect(index.buildPinyin(2)).toBe(false);
		expect(names(index, 'zs')).toEqual(['张三']);
		expect(index.buildPinyin(100)).toBe(true);
		expect(names(index, 'zhang')).toEqual(['Zhang Wei', '张三', '李四'].sort());
		expect(names(index, 'zhangsan')).toEqual(['张三']);
		expect(names(index, 'zhang san')).toEqual(['张三']);
		expect(names(index, 'zs')).toEqual(['张三', '赵四'].sort());
		expect(names(index, '张')).toEqual(['张三', '李四'].sort());
	});

	it('narrows while typing and keeps keys for edited and new rows', () => {
		const index = new RowIndex(new Intl.Collator('zh-CN'));
		index.reset(rows());
		index.setPinyin((r) => pinyinKey(r.name, r.company, toSyllables));
		index.buildPinyin(100);
		expect(names(index, 'z')).toEqual(['Zhang Wei', '张三', '李四', '赵四'].sort());
		expect(names(index, 'zh')).toEqual(['Zhang Wei', '张三', '李四', '赵四'].sort());
		expect(names(index, 'zha')).toEqual(['Zhang Wei', '张三', '李四', '赵四'].sort());
		expect(names(index, 'zhan')).toEqual(['Zhang Wei', '张三', '李四'].sort());
		expect(names(index, 'zhao')).toEqual(['赵四']);
		index.upsert([row('c5', '周五'), row('c6', '郑六')]);
		expect(names(index, 'zw')).toEqual(['周五']);
		expect(names(index, 'zhengliu')).toEqual(['郑六']);
		// A reset drops the keys until they are built again.
		index.reset(rows());
		expect(names(index, 'zs')).toEqual([]);
		index.buildPinyin(100);
		expect(names(index, 'zs')).toEqual(['张三', '赵四'].sort());
	});
});
