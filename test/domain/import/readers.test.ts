import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/lib/domain/import/csv';
import { decodeBytes } from '../../../src/lib/domain/import/encoding';
import { encodeLegacy } from '../../../src/lib/domain/import/legacy-encoder';
import { columnIndex, columnLetters, readXlsx, serialToText, writeXlsx } from '../../../src/lib/domain/import/xlsx';
import { parseVcards, writeVcards } from '../../../src/lib/domain/import/vcard';

describe('CSV and TSV', () => {
	it('detects comma, tab and semicolon delimiters and keeps quoted line breaks', () => {
		for (const d of [',', '\t', ';']) {
			const res = parseCsv(`name${d}phone${d}notes\n张三${d}138 0013 8000${d}"a${d} b\nc"\n`);
			expect(res.ok && res.table.rows, JSON.stringify(d)).toEqual([['张三', '138 0013 8000', `a${d} b\nc`]]);
		}
	});
	it('keeps ragged rows as they are (reported per row later) and numbers rows as the file does', () => {
		const res = parseCsv('a,b,c\n1,2\n\n3,4,5,6\n');
		expect(res.ok).toBe(true);
		if (!res.ok) return;
		expect(res.table.rows).toEqual([['1', '2'], ['3', '4', '5', '6']]);
		expect(res.table.lines).toEqual([2, 4]);
	});
	it('refuses empty, header-only, unclosed quotes, binary junk and 1 MB cells with where', () => {
		expect(parseCsv('')).toEqual({ ok: false, error: { code: 'empty' } });
		expect(parseCsv(' \r\n\r\n')).toEqual({ ok: false, error: { code: 'empty' } });
		expect(parseCsv('name,phone\r\n')).toEqual({ ok: false, error: { code: 'headerOnly', row: 1 } });
		expect(parseCsv('name,phone\n张三,1\n李四,"2\n王五,3\n')).toEqual({ ok: false, error: { code: 'unclosedQuote', row: 3 } });
		const junk = String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256));
		expect(parseCsv(junk)).toEqual({ ok: false, error: { code: 'binary' } });
		expect(parseCsv(`name,notes\nA,${'x'.repeat(1024 * 1024)}\n`)).toEqual({ ok: false, error: { code: 'cellTooLong', row: 2, column: 2 } });
	});
	it('reads binary junk decoded by any encoding as an error, never a throw', () => {
		const bytes = new Uint8Array(4096).map((_, i) => (i * 31 + 7) % 256);
		for (const enc of ['auto', 'utf-8', 'gb18030', 'big5', 'utf-16le'] as const) {
			const res = parseCsv(decodeBytes(bytes, enc).text);
			expect(res.ok, enc).toBe(false);
		}
	});
});

// Parts of a workbook the way Excel writes them: shared strings, a styles part whose cellXfs
// give dates a built-in format id (14) or a custom code, `t="s"` cells, numbers without `t`.
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
function book(sheet: string, { shared = '', styles = '', workbookPr = '', sheetPath = 'worksheets/sheet1.xml' } = {}): Uint8Array {
	const files: Record<string, Uint8Array> = {
		'[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
		'_rels/.rels': strToU8('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
		'xl/workbook.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<workbook ${NS}><fileVersion appName="xl"/>${workbookPr}<bookViews><workbookView/></bookViews><sheets><sheet name="客户" sheetId="1" r:id="rId3"/></sheets></workbook>`),
		'xl/_rels/workbook.xml.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${sheetPath}"/></Relationships>`),
		[`xl/${sheetPath}`]: strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet ${NS}><dimension ref="A1:C3"/><sheetData>${sheet}</sheetData><pageMargins left="0.7"/></worksheet>`)
	};
	if (shared) files['xl/sharedStrings.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<sst ${NS} count="9" uniqueCount="9">${shared}</sst>`);
	if (styles) files['xl/styles.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<styleSheet ${NS}>${styles}</styleSheet>`);
	return zipSync(files);
}

describe('xlsx reader', () => {
	it('reads an Excel-style workbook: shared strings, rich text, numbers, booleans, dates, gaps', () => {
		const shared = '<si><t>客户名称</t></si><si><t>手机</t></si><si><t>成交日期</t></si><si><r><rPr><b/></rPr><t>张</t></r><r><t xml:space="preserve">三 </t></r></si><si><t>金额</t></si><si><t>VIP</t></si><si><t>A&amp;B &lt;Ltd&gt;</t><phoneticPr fontId="1"/></si><si><t>李四</t><rPh sb="0" eb="2"><t>リシ</t></rPh></si>';
		const styles = '<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><fonts count="1"><font/></fonts><cellXfs count="4"><xf numFmtId="0" fontId="0"/><xf numFmtId="14" fontId="0" applyNumberFormat="1"/><xf numFmtId="176" fontId="0" applyNumberFormat="1"/><xf numFmtId="4" fontId="0" applyNumberFormat="1"/></cellXfs>';
		const sheet =
			'<row r="1" spans="1:6"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>4</v></c><c r="E1" t="s"><v>5</v></c><c r="F1" t="s"><v>6</v></c></row>' +
			'<row r="2" spans="1:6"><c r="A2" t="s"><v>3</v></c><c r="B2"><v>13800138000</v></c><c r="C2" s="1"><v>45366</v></c><c r="D2" s="3"><v>1234.5</v></c><c r="E2" t="b"><v>1</v></c><c r="F2" t="str"><f>UPPER("x")</f><v>X</v></c></row>' +
			'<row r="4"><c r="A4" t="s"><v>7</v></c><c r="C4" s="2"><v>45292.5</v></c><c r="D4"><v>0.30000000000000004</v></c><c r="E4" t="b"><v>0</v></c><c r="F4"/></row>';
		const res = readXlsx(book(sheet, { shared, styles }));
		expect(res.ok).toBe(true);
		if (!res.ok) return;
		expect(res.table.headers).toEqual(['客户名称', '手机', '成交日期', '金额', 'VIP', 'A&B <Ltd>']);
		expect(res.table.rows).toEqual([
			['张三 ', '13800138000', '2024-03-15', '1234.5', 'TRUE', 'X'],
			['李四', '', '2024-01-01 12:00', '0.3', 'FALSE', '']
		]);
		expect(res.table.lines).toEqual([2, 4]);
	});

	it('reads a LibreOffice/WPS-style sheet: inline strings, no shared strings, columns beyond Z, a custom sheet path, 1904 dates', () => {
		const sheet =
			'<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="AA1" t="inlineStr"><is><t>生日</t></is></c></row>' +
			'<row r="2"><c r="A2" t="inlineStr"><is><t>王&#20116;</t></is></c><c r="AA2" s="1" t="n"><v>0</v></c></row>';
		const styles = '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>';
		const res = readXlsx(book(sheet, { styles, workbookPr: '<workbookPr date1904="1"/>', sheetPath: 'worksheets/data.xml' }));
		expect(res.ok && res.table.headers.length).toBe(27);
		expect(res.ok && res.table.rows[0][0]).toBe('王五');
		expect(res.ok && res.table.rows[0][26]).toBe('1904-01-01');
	});

	it('turns date serials into days in the 1900 system, including its phantom leap day', () => {
		expect(serialToText(1)).toBe('1900-01-01');
		expect(serialToText(59)).toBe('1900-02-28');
		expect(serialToText(61)).toBe('1900-03-01');
		expect(serialToText(45366)).toBe('2024-03-15');
		expect(serialToText(0.75)).toBe('18:00');
	});

	it('converts column letters both ways beyond Z', () => {
		expect(columnIndex('A')).toBe(0);
		expect(columnIndex('Z')).toBe(25);
		expect(columnIndex('AA')).toBe(26);
		expect(columnIndex('XFD')).toBe(16383);
		for (const i of [0, 25, 26, 701, 702, 16383]) expect(columnIndex(columnLetters(i))).toBe(i);
	});

	it('refuses what is not a workbook, and an empty or header-only sheet', () => {
		expect(readXlsx(new TextEncoder().encode('name,phone'))).toEqual({ ok: false, error: { code: 'notXlsx' } });
		expect(readXlsx(zipSync({ 'xl/other.xml': strToU8('<x/>') }))).toEqual({ ok: false, error: { code: 'noSheet' } });
		expect(readXlsx(book(''))).toEqual({ ok: false, error: { code: 'empty' } });
		expect(readXlsx(book('<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>'))).toEqual({ ok: false, error: { code: 'headerOnly', row: 1 } });
	});

	it('round-trips the writer', () => {
		const rows = [['名称', '数量', '备注'], ['张三 & 李四', 3, '<b>"x"</b>\nnext'], ['', 0.5, '']];
		const res = readXlsx(writeXlsx(rows));
		expect(res.ok && [res.table.headers, ...res.table.rows]).toEqual([['名称', '数量', '备注'], ['张三 & 李四', '3', '<b>"x"</b>\nnext'], ['', '0.5']]);
	});
});

describe('vCard', () => {
	it('reads 2.1 with QUOTED-PRINTABLE in GB2312 and UTF-8, bare parameters and soft line breaks', () => {
		const gb = [...encodeLegacy('张三', 'gbk')].map((b) => '=' + b.toString(16).toUpperCase()).join('');
		const utf = [...new TextEncoder().encode('上海华东贸易有限公司')].map((b) => '=' + b.toString(16).toUpperCase()).join('');
		const text = [
			'BEGIN:VCARD',
			'VERSION:2.1',
			`N;CHARSET=GB2312;ENCODING=QUOTED-PRINTABLE:${gb.slice(0, 6)};${gb.slice(6)};;;`,
			`ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${utf.slice(0, 30)}=`,
			`${utf.slice(30)}`,
			'TEL;CELL;VOICE:+86 138 0013 8000',
			'TEL;WORK:021-5555 1234',
			'EMAIL;INTERNET:zs@example.com',
			'BDAY:19850314',
			'END:VCARD'
		].join('\r\n');
		const res = parseVcards(text);
		expect(res.ok && res.table.rows).toEqual([['张三', '', '上海华东贸易有限公司', '+86 138 0013 8000; 021-5555 1234', 'zs@example.com', '', '1985-03-14', '']]);
	});

	it('reads 3.0 and 4.0: folded lines, escapes, grouped properties, ADR, tel: URIs, dates without a year', () => {
		const text = [
			'BEGIN:VCARD',
			'VERSION:3.0',
			'FN:Ada Lovelace',
			'N:Lovelace;Ada;;;',
			'ORG:Analytical Engines\\, Ltd.;Research',
			'TITLE:Chief',
			'  Programmer',
			'item1.EMAIL;TYPE=INTERNET:ada@example.com',
			'item1.X-ABLabel:work',
			'EMAIL;TYPE=HOME:ada@home.example',
			'ADR;TYPE=WORK:;;12 St James\\, Square;London;;SW1;UK',
			'NOTE:first line\\nsecond line',
			'END:VCARD',
			'BEGIN:VCARD',
			'VERSION:4.0',
			'FN:林小美',
			'TEL;VALUE=uri;TYPE="cell,voice":tel:+886-912-345-678',
			'BDAY:--0314',
			'END:VCARD'
		].join('\n');
		const res = parseVcards(text);
		expect(res.ok && res.table.rows).toEqual([
			['Ada Lovelace', 'Chief Programmer', 'Analytical Engines, Ltd.', '', 'ada@example.com; ada@home.example', '12 St James, Square London SW1 UK', '', 'first line\nsecond line'],
			['林小美', '', '', '+886-912-345-678', '', '', '03-14', '']
		]);
	});

	it('says what is wrong with a file that is not a vCard or has no cards', () => {
		expect(parseVcards('name,phone\n')).toEqual({ ok: false, error: { code: 'notVcard' } });
		expect(parseVcards('')).toEqual({ ok: false, error: { code: 'empty' } });
		expect(parseVcards('BEGIN:VCARD\nVERSION:3.0\nEND:VCARD\n')).toEqual({ ok: false, error: { code: 'headerOnly', row: 1 } });
	});

	it('writes vCard 3.0 that the reader reads back, folding long lines at 75 octets', () => {
		const contacts = [
			{ name: '张三', company: '上海华东贸易有限公司', position: '采购经理', phones: ['+86 138 0013 8000', '021-5555 1234'], emails: ['zs@example.com'], birthday: '1985-03-14', notes: '喜欢喝茶; 周末不打扰, 谢谢\n第二行' + '很长'.repeat(40) },
			{ name: 'Ada Lovelace', birthday: '12-10' }
		];
		const text = writeVcards(contacts);
		expect(text).toContain('VERSION:3.0');
		for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
		const res = parseVcards(text);
		expect(res.ok && res.table.rows).toEqual([
			['张三', '采购经理', '上海华东贸易有限公司', '+86 138 0013 8000; 021-5555 1234', 'zs@example.com', '', '1985-03-14', contacts[0].notes],
			['Ada Lovelace', '', '', '', '', '', '12-10', '']
		]);
	});
});
