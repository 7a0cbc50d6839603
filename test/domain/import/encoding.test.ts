import { describe, expect, it } from 'vitest';
import { decodeBytes, detectEncoding } from '../../../src/lib/domain/import/encoding';
import { encodeLegacy } from '../../../src/lib/domain/import/legacy-encoder';
import { encodeCsv } from '../../../src/lib/domain/import/export';
import { parseCsv } from '../../../src/lib/domain/import/csv';

const SIMPLIFIED = '客户名称,公司,手机,邮箱,地区\r\n张三,上海华东贸易有限公司,13800138000,zs@example.com,华东\r\n李四,北京科技发展有限公司,13900139000,ls@example.com,华北\r\n';
const TRADITIONAL = '客戶名稱,公司,手機,電子郵件,地區\r\n陳大文,台北貿易有限公司,0912345678,chen@example.com,台灣北部\r\n林小美,高雄電子科技股份有限公司,0987654321,lin@example.com,台灣南部\r\n';

function utf16(text: string, le: boolean, bom: boolean): Uint8Array {
	const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
	let o = 0;
	const put = (c: number) => {
		out[o++] = le ? c & 0xff : c >> 8;
		out[o++] = le ? c >> 8 : c & 0xff;
	};
	if (bom) put(0xfeff);
	for (let i = 0; i < text.length; i++) put(text.charCodeAt(i));
	return out;
}

describe('encoding detection', () => {
	const cases: Array<[string, Uint8Array, string, string]> = [
		['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(SIMPLIFIED)]), 'utf-8', SIMPLIFIED],
		['UTF-8 without BOM', new TextEncoder().encode(SIMPLIFIED), 'utf-8', SIMPLIFIED],
		['UTF-16 LE with BOM', utf16(SIMPLIFIED, true, true), 'utf-16le', SIMPLIFIED],
		['UTF-16 BE with BOM', utf16(SIMPLIFIED, false, true), 'utf-16be', SIMPLIFIED],
		['UTF-16 LE without BOM', utf16(SIMPLIFIED, true, false), 'utf-16le', SIMPLIFIED],
		['UTF-16 BE without BOM', utf16(SIMPLIFIED, false, false), 'utf-16be', SIMPLIFIED],
		['GBK', encodeLegacy(SIMPLIFIED, 'gbk'), 'gb18030', SIMPLIFIED],
		['Big5', encodeLegacy(TRADITIONAL, 'big5'), 'big5', TRADITIONAL],
		['GBK with traditional characters', encodeLegacy(TRADITIONAL, 'gbk'), 'gb18030', TRADITIONAL]
	];
	for (const [label, bytes, enc, text] of cases) {
		it(`detects and decodes ${label}`, () => {
			expect(detectEncoding(bytes)).toBe(enc);
			expect(decodeBytes(bytes).text).toBe(text);
		});
	}

	it('takes a manual choice over detection', () => {
		const bytes = encodeLegacy(SIMPLIFIED, 'gbk');
		const wrong = decodeBytes(bytes, 'big5');
		expect(wrong.encoding).toBe('big5');
		expect(wrong.text).not.toBe(SIMPLIFIED);
		expect(decodeBytes(bytes, 'gb18030').text).toBe(SIMPLIFIED);
	});

	it('plain ASCII is UTF-8', () => {
		expect(detectEncoding(new TextEncoder().encode('name,phone\nAda,123\n'))).toBe('utf-8');
	});
});

describe('CSV export encoders', () => {
	const rows = [
		['姓名', '公司', '备注'],
		['张三', '上海华东贸易有限公司', 'said "hi", then left'],
		['王五', 'ＡＣＭＥ Co., Ltd.', 'line one\nline two']
	];
	it('UTF-8 with BOM round-trips through the reader', () => {
		const bytes = encodeCsv(rows, 'utf-8');
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const res = parseCsv(decodeBytes(bytes).text);
		expect(res.ok && [res.table.headers, ...res.table.rows]).toEqual(rows);
	});
	it('GBK round-trips through detection and the reader', () => {
		const bytes = encodeCsv(rows, 'gbk');
		expect(bytes[0]).toBe(0xd0); // 姓 in GBK, no byte order mark
		const { text, encoding } = decodeBytes(bytes);
		expect(encoding).toBe('gb18030');
		const res = parseCsv(text);
		expect(res.ok && [res.table.headers, ...res.table.rows]).toEqual(rows);
	});
	it('GBK writes "?" for a character it cannot encode', () => {
		expect(new TextDecoder('gbk').decode(encodeLegacy('a😀b', 'gbk'))).toBe('a?b');
	});
});
