import { describe, expect, it } from 'vitest';
import {
	customFieldId,
	customFieldKey,
	matchesCustomFilter,
	parseDateValue,
	parseNumber,
	validateCustomValue,
	validateFieldDef,
	type CustomFieldDef
} from '../../src/lib/domain/custom-fields';

const def = (kind: CustomFieldDef['kind'], extra: Partial<CustomFieldDef> = {}): CustomFieldDef => ({
	id: `f-${kind}`,
	recordType: 'customer',
	label: kind,
	kind,
	options: kind === 'select' || kind === 'multiselect' ? ['A类', 'B类', 'C类'] : [],
	...extra
});

describe('storage keys', () => {
	it('stores a value under cf_<id> and reads the id back', () => {
		expect(customFieldKey('abc-123')).toBe('cf_abc-123');
		expect(customFieldId('cf_abc-123')).toBe('abc-123');
		expect(customFieldId('cf_')).toBeNull();
		expect(customFieldId('name')).toBeNull();
	});
});

describe('field definitions', () => {
	it('cleans a good select definition', () => {
		const r = validateFieldDef({ id: 'f1', recordType: 'customer', label: ' 客户等级 ', kind: 'select', options: [' A类', '', 'B类 '], required: true });
		expect(r).toEqual({ value: { id: 'f1', recordType: 'customer', label: '客户等级', kind: 'select', options: ['A类', 'B类'], required: true }, errors: [] });
	});
	it('drops options from kinds that have none', () => {
		const r = validateFieldDef({ id: 'f2', recordType: 'task', label: 'Budget', kind: 'number', options: ['x'] });
		expect(r.errors).toEqual([]);
		expect(r.value.options).toEqual([]);
		expect(r.value.required).toBe(false);
	});
	it('needs an id, a label, a known record type and kind', () => {
		expect(validateFieldDef({ label: ' ', recordType: 'deal' as never, kind: 'color' as never, options: [] }).errors).toEqual([
			{ field: 'id', code: 'required' },
			{ field: 'recordType', code: 'invalidChoice' },
			{ field: 'kind', code: 'invalidChoice' },
			{ field: 'label', code: 'required' }
		]);
		expect(validateFieldDef({ id: 'f', recordType: 'contact', kind: 'text', label: 'x'.repeat(61) }).errors).toEqual([{ field: 'label', code: 'tooLong', max: 60 }]);
	});
	it('needs unique options for select kinds, pointing at the repeated box', () => {
		expect(validateFieldDef({ id: 'f', recordType: 'customer', label: 'L', kind: 'multiselect', options: ['', ' '] }).errors).toEqual([{ field: 'options', code: 'required' }]);
		expect(validateFieldDef({ id: 'f', recordType: 'customer', label: 'L', kind: 'select' }).errors).toEqual([{ field: 'options', code: 'required' }]);
		expect(validateFieldDef({ id: 'f', recordType: 'customer', label: 'L', kind: 'select', options: ['VIP', 'Gold', 'vip', 'ＧＯＬＤ'] }).errors).toEqual([
			{ field: 'options', index: 2, code: 'duplicateValue' },
			{ field: 'options', index: 3, code: 'duplicateValue' }
		]);
		expect(validateFieldDef({ id: 'f', recordType: 'customer', label: 'L', kind: 'select', options: ['y'.repeat(101)] }).errors).toEqual([
			{ field: 'options', index: 0, code: 'tooLong', max: 100 }
		]);
	});
	it('keeps kind and record type fixed once created', () => {
		const previous = def('number');
		expect(validateFieldDef({ ...previous, kind: 'text' }, { previous }).errors).toEqual([{ field: 'kind', code: 'cannotChange' }]);
		expect(validateFieldDef({ ...previous, recordType: 'task' }, { previous }).errors).toEqual([{ field: 'recordType', code: 'cannotChange' }]);
		expect(validateFieldDef({ ...previous, label: 'Renamed', required: true }, { previous }).errors).toEqual([]);
	});
	it('refuses a label already used on the same record type', () => {
		const others = [def('text', { id: 'o1', label: '微信号' }), def('text', { id: 'o2', label: 'Size', recordType: 'task' })];
		expect(validateFieldDef({ id: 'n', recordType: 'customer', kind: 'text', label: ' 微信号' }, { others }).errors).toEqual([{ field: 'label', code: 'duplicateValue' }]);
		expect(validateFieldDef({ id: 'n', recordType: 'customer', kind: 'text', label: 'SIZE' }, { others }).errors).toEqual([]);
		// Saving a definition again does not clash with itself.
		expect(validateFieldDef({ ...others[0] }, { others, previous: others[0] }).errors).toEqual([]);
	});
});

describe('numbers as people type them', () => {
	it.each([
		['1234', 1234],
		['１２３４', 1234],
		['1,234,567', 1234567],
		['１，２３４．５', 1234.5],
		[' -12.5 ', -12.5],
		['+3', 3],
		['.5', 0.5],
		['¥1,200', 1200],
		['￥８８', 88],
		['300元', 300],
		['1.5万', 15000],
		['1.1万', 11000],
		['2亿', 200000000],
		['3 萬', 30000],
		['0', 0]
	])('%s → %d', (s, n) => {
		expect(parseNumber(s)).toBe(n);
	});
	it.each(['', 'abc', '1,23', '12,3456', '1.2.3', '--1', '1e5', '万', '1万万', 'NaN', 'Infinity', '9'.repeat(20)])('refuses %j', (s) => {
		expect(parseNumber(s)).toBeNull();
	});
});

describe('dates as people type them', () => {
	it('reads common forms into YYYY-MM-DD', () => {
		expect(parseDateValue('2025-03-05')).toBe('2025-03-05');
		expect(parseDateValue('2025/3/5')).toBe('2025-03-05');
		expect(parseDateValue('2025.12.31')).toBe('2025-12-31');
		expect(parseDateValue('2025年3月5日')).toBe('2025-03-05');
		expect(parseDateValue('２０２４－０２－２９')).toBe('2024-02-29');
	});
	it('refuses days that do not exist and other shapes', () => {
		for (const s of ['2025-02-29', '2025-13-01', '2025-04-31', '25-3-5', '3/5/2025', '2025-3', 'today']) expect(parseDateValue(s), s).toBeNull();
	});
});

describe('values for a definition', () => {
	it('turns empty into null, or "required"', () => {
		for (const raw of [undefined, null, '', '   ', []]) {
			expect(validateCustomValue(def('text'), raw)).toEqual({ value: null, errors: [] });
			expect(validateCustomValue(def('number', { required: true }), raw)).toEqual({ value: null, errors: [{ field: 'cf_f-number', code: 'required' }] });
		}
	});
	it('trims text and limits it to 2000 characters', () => {
		expect(validateCustomValue(def('text'), '  wxid_123 ')).toEqual({ value: 'wxid_123', errors: [] });
		expect(validateCustomValue(def('text'), 'x'.repeat(2000)).errors).toEqual([]);
		expect(validateCustomValue(def('text'), 'x'.repeat(2001)).errors).toEqual([{ field: 'cf_f-text', code: 'tooLong', max: 2000 }]);
	});
	it('parses numbers and dates, or says which is wrong', () => {
		expect(validateCustomValue(def('number'), '１,５００')).toEqual({ value: 1500, errors: [] });
		expect(validateCustomValue(def('number'), 42)).toEqual({ value: 42, errors: [] });
		expect(validateCustomValue(def('number'), Number.NaN).errors).toEqual([{ field: 'cf_f-number', code: 'numberInvalid' }]);
		expect(validateCustomValue(def('number'), 'twelve').errors).toEqual([{ field: 'cf_f-number', code: 'numberInvalid' }]);
		expect(validateCustomValue(def('date'), '2025/6/1')).toEqual({ value: '2025-06-01', errors: [] });
		expect(validateCustomValue(def('date'), '2025-02-30').errors).toEqual([{ field: 'cf_f-date', code: 'dateInvalid' }]);
	});
	it('takes a select value only from the options, as the option is written', () => {
		expect(validateCustomValue(def('select'), ' B类 ')).toEqual({ value: 'B类', errors: [] });
		expect(validateCustomValue(def('select'), 'ｂ类')).toEqual({ value: 'B类', errors: [] });
		expect(validateCustomValue(def('select'), 'D类').errors).toEqual([{ field: 'cf_f-select', code: 'invalidChoice' }]);
	});
	it('takes a multiselect subset without repeats, stored in option order', () => {
		expect(validateCustomValue(def('multiselect'), ['C类', 'A类'])).toEqual({ value: ['A类', 'C类'], errors: [] });
		expect(validateCustomValue(def('multiselect'), 'C类、A类')).toEqual({ value: ['A类', 'C类'], errors: [] });
		expect(validateCustomValue(def('multiselect'), 'B类')).toEqual({ value: ['B类'], errors: [] });
		expect(validateCustomValue(def('multiselect'), ['A类', 'X', 'a类']).errors).toEqual([
			{ field: 'cf_f-multiselect', index: 1, code: 'invalidChoice' },
			{ field: 'cf_f-multiselect', index: 2, code: 'duplicateValue' }
		]);
		// An option may itself contain a separator.
		const sizes = def('multiselect', { options: ['S, M', 'L'] });
		expect(validateCustomValue(sizes, 'S, M').value).toEqual(['S, M']);
	});
});

describe('filters', () => {
	it('finds text regardless of case and width', () => {
		const d = def('text');
		expect(matchesCustomFilter(d, 'WeChat: ZhangWei88', { op: 'contains', text: 'zhangwei' })).toBe(true);
		expect(matchesCustomFilter(d, '张伟 ＶＩＰ', { op: 'contains', text: 'vip' })).toBe(true);
		expect(matchesCustomFilter(d, '张伟', { op: 'contains', text: '李' })).toBe(false);
		expect(matchesCustomFilter(d, null, { op: 'contains', text: '李' })).toBe(false);
		expect(matchesCustomFilter(d, null, { op: 'contains', text: ' ' })).toBe(true);
	});
	it('keeps numbers in a range, bounds included', () => {
		const d = def('number');
		const range = { op: 'range', min: 100, max: 200 } as const;
		expect([99, 100, 150, 200, 201].map((v) => matchesCustomFilter(d, v, range))).toEqual([false, true, true, true, false]);
		expect(matchesCustomFilter(d, 5, { op: 'range', max: 10 })).toBe(true);
		expect(matchesCustomFilter(d, 5, { op: 'range', min: 10, max: null })).toBe(false);
		expect(matchesCustomFilter(d, null, { op: 'range', min: 0 })).toBe(false);
		expect(matchesCustomFilter(d, null, { op: 'range' })).toBe(true);
	});
	it('keeps dates in a range, bounds included', () => {
		const d = def('date');
		const range = { op: 'dateRange', from: '2025-01-01', to: '2025-03-31' } as const;
		expect(['2024-12-31', '2025-01-01', '2025-03-31', '2025-04-01'].map((v) => matchesCustomFilter(d, v, range))).toEqual([false, true, true, false]);
		expect(matchesCustomFilter(d, '2025-06-01', { op: 'dateRange', from: '2025-05-01' })).toBe(true);
		expect(matchesCustomFilter(d, 'soon', { op: 'dateRange', from: '2025-05-01' })).toBe(false);
	});
	it('matches select values by equality or any of several', () => {
		const d = def('select');
		expect(matchesCustomFilter(d, 'A类', { op: 'equals', value: 'A类' })).toBe(true);
		expect(matchesCustomFilter(d, 'B类', { op: 'equals', value: 'A类' })).toBe(false);
		expect(matchesCustomFilter(d, 'B类', { op: 'anyOf', values: ['A类', 'B类'] })).toBe(true);
		expect(matchesCustomFilter(d, null, { op: 'anyOf', values: ['A类'] })).toBe(false);
		expect(matchesCustomFilter(d, null, { op: 'anyOf', values: [] })).toBe(true);
		expect(matchesCustomFilter(d, 'B类', { op: 'equals', value: '' })).toBe(true);
	});
	it('reads "equals" on a multiselect as "includes"', () => {
		const d = def('multiselect');
		expect(matchesCustomFilter(d, ['A类', 'C类'], { op: 'equals', value: 'C类' })).toBe(true);
		expect(matchesCustomFilter(d, ['A类'], { op: 'equals', value: 'C类' })).toBe(false);
		expect(matchesCustomFilter(d, ['A类'], { op: 'anyOf', values: ['B类', 'A类'] })).toBe(true);
		expect(matchesCustomFilter(d, 'A类', { op: 'anyOf', values: ['A类'] })).toBe(false);
	});
	it('tells empty from set', () => {
		expect(matchesCustomFilter(def('multiselect'), [], { op: 'empty' })).toBe(true);
		expect(matchesCustomFilter(def('text'), '  ', { op: 'empty' })).toBe(true);
		expect(matchesCustomFilter(def('number'), 0, { op: 'notEmpty' })).toBe(true);
		expect(matchesCustomFilter(def('number'), undefined, { op: 'notEmpty' })).toBe(false);
	});
	it('matches nothing with a filter of the wrong kind', () => {
		expect(matchesCustomFilter(def('text'), '5', { op: 'range', min: 1 })).toBe(false);
		expect(matchesCustomFilter(def('number'), 5, { op: 'contains', text: '5' })).toBe(false);
		expect(matchesCustomFilter(def('date'), '2025-01-01', { op: 'equals', value: '2025-01-01' })).toBe(false);
		expect(matchesCustomFilter(def('select'), 'A类', { op: 'dateRange', from: '2025-01-01' })).toBe(false);
	});
});
