import { Converter } from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { guessMapping, mappingKey } from '../../../src/lib/domain/import/mapping';
import { choiceLabels, parseDay, RowBuilder, type ImportContext } from '../../../src/lib/domain/import/rows';
import { parseCsv } from '../../../src/lib/domain/import/csv';
import { CUSTOMER_TYPES, STAGES } from '../../../src/lib/domain/customer';
import { en } from '../../../src/lib/i18n/en';
import { zhCN } from '../../../src/lib/i18n/zh-CN';
import type { Table } from '../../../src/lib/domain/import/table';

const t2s = Converter({ from: 't', to: 'cn' });

function table(csv: string): Table {
	const r = parseCsv(csv);
	if (!r.ok) throw new Error(r.error.code);
	return r.table;
}

describe('column mapping', () => {
	it('guesses customer fields from simplified, traditional and English headers', () => {
		expect(guessMapping(['客户名称', '公司', '手机', '电话', '邮箱', '地址', '地区', '行业', '负责人', '来源', '标签', '备注', '随便'], 'customers')).toEqual([
			'name', 'company', 'phones', '', 'emails', 'address', 'region', 'industry', 'owner', 'source', 'tags', 'notes', ''
		]);
		expect(guessMapping(['客戶名稱', '手機號碼', '電子郵件', '地區', '行業', '負責人', '標籤', '備註'], 'customers')).toEqual(['name', 'phones', 'emails', 'region', 'industry', 'owner', 'tags', 'notes']);
		expect(guessMapping(['Customer Name', 'E-mail', 'Mobile Phone', 'Account Manager', 'Lead source'], 'customers')).toEqual(['name', 'emails', 'phones', 'owner', 'source']);
		expect(guessMapping(['姓名*', '手机号（必填）', '联系人邮箱'], 'customers')).toEqual(['name', 'phones', 'emails']);
		expect(guessMapping(['客户名称', '阶段', '流失原因'], 'customers')).toEqual(['name', 'stage', 'stageReason']);
		const t = table('客户名称,阶段,流失原因\n张三,流失客户,价格太高\n');
		const [r] = new RowBuilder(t, guessMapping(t.headers, 'customers'), ctx('customers')).all();
		expect(r.fields).toMatchObject({ stage: 'lost', stageReason: '价格太高' });
	});
	it('guesses contacts, products, orders with lines and activities', () => {
		expect(guessMapping(['联系人', '职位', '公司', '手机', '生日'], 'contacts')).toEqual(['name', 'position', 'customer', 'phones', 'birthday']);
		expect(guessMapping(['产品名称', '货号', '单价', '单位', '类别'], 'products')).toEqual(['name', 'sku', 'unitPrice', 'unit', 'category']);
		expect(guessMapping(['订单号', '客户名称', '下单日期', '产品', '数量', '单价'], 'orders')).toEqual(['orderNo', 'customer', 'orderDate', 'product', 'quantity', 'unitPrice']);
		expect(guessMapping(['跟进时间', '客户', '跟进方式', '跟进内容', '跟进人'], 'activities')).toEqual(['at', 'customer', 'type', 'notes', 'member']);
	});
	it('keys a remembered mapping by the record type and the set of headers, in any order', () => {
		expect(mappingKey(['手机', '客户名称'], 'customers')).toBe(mappingKey(['客户名称 ', '手机'], 'customers'));
		expect(mappingKey(['手机'], 'customers')).not.toBe(mappingKey(['手机'], 'contacts'));
	});
});

const members = [
	{ id: 'm1', name: '王经理', email: 'wang@team.cn' },
	{ id: 'm2', name: 'Li Lei' }
];
const choices = choiceLabels([en, zhCN] as unknown as Record<string, string>[], { stage: { prefix: 'stage', values: STAGES }, type: { prefix: 'type', values: CUSTOMER_TYPES } });
const ctx = (kind: ImportContext['kind'], extra: Partial<ImportContext> = {}): ImportContext => ({
	kind,
	members,
	customers: [{ id: 'c1', name: '张三', company: '上海华东贸易有限公司', phones: ['13800138000'], emails: ['zs@example.com'] }],
	owner: 'me',
	currency: 'CNY',
	choices,
	convert: t2s,
	...extra
});

describe('row validation', () => {
	it('customers: cleaned fields, owners by name or e-mail, translated stage labels, problems by row and column, matches', () => {
		const t = table(
			'客户名称,手机,邮箱,负责人,阶段,标签\n' +
				'張三,+86 138 0013 8000,,王经理,意向客户,VIP;老客户\n' +
				'李四,12ab,li@example,nobody,,\n' +
				',13900139000,,wang@team.cn,customer,\n' +
				'王五,13700137000,w5@example.com,,Prospect,a,b\n'
		);
		const b = new RowBuilder(t, guessMapping(t.headers, 'customers'), ctx('customers'));
		const rows = b.all();
		expect(rows[0].fields).toMatchObject({ name: '張三', phones: ['+86 138 0013 8000'], owner: 'm1', stage: 'prospect', tags: ['VIP', '老客户'] });
		expect(rows[0].problems).toEqual([]);
		expect(rows[0].match).toEqual({ id: 'c1', by: { kind: 'phone', value: '13800138000' } });
		expect(rows[1].problems.map((p) => [p.line, p.column, p.field, p.code])).toEqual([
			[3, 4, 'owner', 'ownerUnknown'],
			[3, 2, 'phones', 'phoneInvalid'],
			[3, 3, 'emails', 'emailInvalid']
		]);
		expect(rows[1].match).toBeNull();
		expect(rows[2].problems.map((p) => [p.column, p.code])).toEqual([[1, 'required']]);
		expect(rows[2].fields.owner).toBe('m1');
		// One cell more than the header: reported where it starts.
		expect(rows[3].problems.map((p) => [p.line, p.column, p.code])).toEqual([[5, 7, 'tooManyCells']]);
		expect(rows[3].fields).toMatchObject({ owner: 'me', stage: 'prospect' });
	});

	it('warns about a second row with the same phone in the file', () => {
		const t = table('name,phone\nA,13900000001\nB,139 0000 0001\n');
		const rows = new RowBuilder(t, ['name', 'phones'], ctx('customers')).all();
		expect(rows[1].problems).toEqual([{ line: 3, column: 0, field: '', code: 'duplicateInFile', other: 2, warning: true }]);
	});

	it('contacts: customer by name or company (unknown is a warning), dates, vCard addresses kept in the notes', () => {
		const t = table('姓名,公司,生日,地址\n小明,上海華東貿易,1990/5/6,上海市\n小红,不存在公司,5月6日,\n小刚,,1990-02-30,\n');
		const rows = new RowBuilder(t, guessMapping(t.headers, 'contacts'), ctx('contacts')).all();
		expect(rows[0].fields).toMatchObject({ name: '小明', customer: 'c1', birthday: '1990-05-06', notes: '上海市' });
		expect(rows[1].problems).toEqual([{ line: 3, column: 2, field: 'customer', code: 'customerUnknown', warning: true }]);
		expect(rows[1].fields.birthday).toBe('05-06');
		expect(rows[2].problems.map((p) => [p.column, p.code])).toEqual([[3, 'dateInvalid']]);
	});

	it('products: prices into minor units, yes/no, SKU', () => {
		const t = table('产品名称,货号,单价,启用\n茶叶,T-1,"1,234.5",是\n茶具,T-2,12.345,否\n');
		const rows = new RowBuilder(t, guessMapping(t.headers, 'products'), ctx('products')).all();
		expect(rows[0].fields).toMatchObject({ name: '茶叶', sku: 'T-1', unitPrice: 123450, currency: 'CNY', active: true });
		expect(rows[1].fields.active).toBe(false);
		expect(rows[1].problems.map((p) => [p.column, p.code, p.max])).toEqual([[3, 'tooManyDecimals', 2]]);
	});

	it('orders: lines joined by order number, products by SKU or name, customers by name', () => {
		const products = [{ id: 'p1', name: '茶叶', sku: 'T-1', unit: '盒', unitPrice: 5000, currency: 'CNY' }];
		const t = table('订单号,客户名称,下单日期,产品,数量,单价\nSO-1,张三,2024/3/5,T-1,2,\nSO-1,张三,2024/3/5,手写项目,1,99\nSO-2,无名,2024-13-01,茶叶,0,\n');
		const rows = new RowBuilder(t, guessMapping(t.headers, 'orders'), ctx('orders', { products })).all();
		expect(rows).toHaveLength(2);
		expect(rows[0].fields).toMatchObject({ customer: 'c1', orderDate: '2024-03-05', status: 'confirmed', owner: 'me', contractNo: 'SO-1' });
		expect((rows[0].fields.lines as Array<{ product: string; quantity: string; unitPrice: number }>).map((l) => [l.product, l.quantity, l.unitPrice])).toEqual([
			['p1', '2', 5000],
			['', '1', 9900]
		]);
		expect(rows[0].problems).toEqual([]);
		expect(rows[0].match).toBeNull();
		// An order number an existing order has as its contract number: that order is updated.
		const again = new RowBuilder(t, guessMapping(t.headers, 'orders'), ctx('orders', { products, orders: [{ id: 'o9', contractNo: 'so-1' }] })).all();
		expect(again[0].match).toEqual({ id: 'o9', by: { kind: 'orderNo', value: 'SO-1' } });
		expect(rows[1].problems.map((p) => [p.line, p.column, p.code]).sort()).toEqual([
			[4, 2, 'customerUnknown'],
			[4, 2, 'required'],
			[4, 3, 'dateInvalid'],
			[4, 5, 'numberInvalid']
		]);
	});

	it('activities: date and time, member by name, type labels', () => {
		const c = choiceLabels([en, zhCN] as unknown as Record<string, string>[], { type: { prefix: 'activity', values: ['call', 'visit', 'note'] } });
		const t = table('跟进时间,客户,跟进方式,跟进内容,跟进人\n2024-03-05 14:30,张三,拜访,谈了价格,Li Lei\n昨天,张三,call,,\n');
		const rows = new RowBuilder(t, guessMapping(t.headers, 'activities'), ctx('activities', { choices: c })).all();
		expect(rows[0].fields).toMatchObject({ at: new Date(2024, 2, 5, 14, 30).getTime(), customer: 'c1', notes: '谈了价格', member: 'm2' });
		expect(rows[1].problems.map((p) => [p.column, p.code])).toEqual([[1, 'dateInvalid']]);
		expect(rows[1].fields.member).toBe('me');
	});

	it('reads the ways people write dates', () => {
		for (const s of ['2024-03-05', '2024/3/5', '2024.3.5', '2024年3月5日', '２０２４-03-05']) expect(parseDay(s), s).toBe('2024-03-05');
		for (const s of ['2024-02-30', '05/03/2024', 'soon', '2024-3']) expect(parseDay(s), s).toBeNull();
	});
});

describe('product matching', () => {
	it('matches by SKU (or by name without one), and refuses a SKU twice in the file', () => {
		const products = [{ id: 'p1', name: '茶叶', sku: 'T-1', unitPrice: 5000, currency: 'CNY' }];
		const t = table('产品名称,货号,单价\n新茶叶,ｔ-1,60\n茶叶,,55\n茶具,T-9,10\n茶壶,T-9,12\n');
		const rows = new RowBuilder(t, guessMapping(t.headers, 'products'), ctx('products', { products })).all();
		expect(rows.map((r) => r.match?.id ?? null)).toEqual(['p1', 'p1', null, null]);
		expect(rows[0].match?.by).toEqual({ kind: 'sku', value: 'T-1' });
		expect(rows[1].match?.by.kind).toBe('name');
		expect(rows[3].problems).toEqual([{ line: 5, column: 2, field: 'sku', code: 'duplicateInFile', other: 4 }]);
	});
});
