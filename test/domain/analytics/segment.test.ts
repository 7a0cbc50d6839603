import { describe, expect, it } from 'vitest';
import { compileRule, describeRule, segmentFields, validateRule, type RuleSubject } from '../../../src/lib/domain/analytics/segment';
import type { Condition, CustomerFacts, RuleGroup, Tier } from '../../../src/lib/domain/analytics/types';
import type { CustomFieldDef } from '../../../src/lib/domain/custom-fields';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 15, 12);
const defs: CustomFieldDef[] = [
	{ id: 'size', recordType: 'customer', label: 'Size', kind: 'number', options: [] },
	{ id: 'level', recordType: 'customer', label: 'Level', kind: 'select', options: ['gold', 'silver'] },
	{ id: 'lines', recordType: 'customer', label: 'Lines', kind: 'multiselect', options: ['x', 'y', 'z'] },
	{ id: 'since', recordType: 'customer', label: 'Since', kind: 'date', options: [] }
];
const fields = segmentFields(defs, ['m1', 'm2']);

function facts(p: Partial<CustomerFacts> = {}): CustomerFacts {
	return { id: 'c', orderCount: 0, orderTotal: 0, firstOrder: 0, lastOrder: 0, usualInterval: null, lastContact: 0, openDeals: 0, openTickets: 0, stage: 'customer', stageSince: 0, ...p };
}
function subject(record: Record<string, unknown>, f: Partial<CustomerFacts> = {}, tier: Tier = 'C', rfm = { r: 0, f: 0, m: 0 }): RuleSubject {
	return { record, facts: facts(f), tier: () => tier, rfm: () => rfm };
}
const cond = (field: string, op: Condition['op'], extra: Partial<Condition> = {}): Condition => ({ kind: 'condition', field, op, ...extra });
const all = (...rules: RuleGroup['rules']): RuleGroup => ({ kind: 'group', join: 'and', rules });
const any = (...rules: RuleGroup['rules']): RuleGroup => ({ kind: 'group', join: 'or', rules });
function matches(rule: RuleGroup, s: RuleSubject): boolean {
	expect(validateRule(rule, fields)).toEqual([]);
	return compileRule(rule, fields, NOW)(s);
}

describe('segment rules: operators', () => {
	const c = subject({ name: 'Ｈｕａ Xin 华新', region: 'East China', city: '', stage: 'customer', type: 'end', owner: 'm1', tags: ['vip', 'export'], createdAt: NOW - 10 * DAY, cf_size: 120, cf_level: 'gold', cf_lines: ['x', 'y'], cf_since: '2026-01-10' });

	it('text: equals, not equals, contains, starts with, empty, not empty, in list (case and width folded)', () => {
		expect(matches(all(cond('region', 'eq', { value: 'east china' })), c)).toBe(true);
		expect(matches(all(cond('region', 'neq', { value: 'East China' })), c)).toBe(false);
		expect(matches(all(cond('name', 'contains', { value: 'hua x' })), c)).toBe(true);
		expect(matches(all(cond('name', 'startsWith', { value: 'xin' })), c)).toBe(false);
		expect(matches(all(cond('name', 'startsWith', { value: 'hua' })), c)).toBe(true);
		expect(matches(all(cond('city', 'empty')), c)).toBe(true);
		expect(matches(all(cond('city', 'notEmpty')), c)).toBe(false);
		expect(matches(all(cond('region', 'inList', { values: ['North China', 'EAST CHINA'] })), c)).toBe(true);
		expect(matches(all(cond('region', 'inList', { values: ['North China'] })), c)).toBe(false);
		const withPhones = subject({ phones: ['+86 138 0013 8000', '021-5555'], emails: [] });
		expect(matches(all(cond('phones', 'contains', { value: '021' })), withPhones)).toBe(true);
		expect(matches(all(cond('emails', 'empty')), withPhones)).toBe(true);
	});

	it('number and money: =, ≠, <, ≤, >, ≥, between (inclusive)', () => {
		expect(matches(all(cond('cf_size', 'eq', { value: 120 })), c)).toBe(true);
		expect(matches(all(cond('cf_size', 'neq', { value: 120 })), c)).toBe(false);
		expect(matches(all(cond('cf_size', 'lt', { value: 120 })), c)).toBe(false);
		expect(matches(all(cond('cf_size', 'lte', { value: 120 })), c)).toBe(true);
		expect(matches(all(cond('cf_size', 'gt', { value: 100 })), c)).toBe(true);
		expect(matches(all(cond('cf_size', 'gte', { value: 121 })), c)).toBe(false);
		expect(matches(all(cond('cf_size', 'between', { value: 120, to: 130 })), c)).toBe(true);
		expect(matches(all(cond('cf_size', 'between', { value: 121, to: 130 })), c)).toBe(false);
		const rich = subject({}, { orderTotal: 500_00 });
		expect(matches(all(cond('orderTotal', 'gte', { value: 500_00 })), rich)).toBe(true);
		expect(matches(all(cond('orderTotal', 'lt', { value: 500_00 })), rich)).toBe(false);
		// A missing number fails every comparison but "≠".
		const none = subject({});
		expect(matches(all(cond('cf_size', 'lt', { value: 1e9 })), none)).toBe(false);
		expect(matches(all(cond('cf_size', 'neq', { value: 1 })), none)).toBe(true);
		expect(matches(all(cond('cf_size', 'empty')), none)).toBe(true);
	});

	it('date: before, after, within the last N days, more than N days ago', () => {
		expect(matches(all(cond('cf_since', 'before', { value: '2026-01-11' })), c)).toBe(true);
		expect(matches(all(cond('cf_since', 'before', { value: '2026-01-10' })), c)).toBe(false);
		expect(matches(all(cond('cf_since', 'after', { value: '2026-01-09' })), c)).toBe(true);
		expect(matches(all(cond('cf_since', 'after', { value: '2026-01-10' })), c)).toBe(false);
		expect(matches(all(cond('createdAt', 'withinDays', { value: 10 })), c)).toBe(true);
		expect(matches(all(cond('createdAt', 'withinDays', { value: 9 })), c)).toBe(false);
		expect(matches(all(cond('createdAt', 'moreThanDaysAgo', { value: 9 })), c)).toBe(true);
		expect(matches(all(cond('createdAt', 'moreThanDaysAgo', { value: 10 })), c)).toBe(false);
		expect(matches(all(cond('lastContact', 'empty')), c)).toBe(true);
	});

	it('choice, multi-choice and tags: any of, none of, all of', () => {
		expect(matches(all(cond('stage', 'anyOf', { values: ['prospect', 'customer'] })), c)).toBe(true);
		expect(matches(all(cond('stage', 'noneOf', { values: ['customer'] })), c)).toBe(false);
		expect(matches(all(cond('cf_level', 'anyOf', { values: ['silver'] })), c)).toBe(false);
		expect(matches(all(cond('cf_lines', 'allOf', { values: ['x', 'y'] })), c)).toBe(true);
		expect(matches(all(cond('cf_lines', 'allOf', { values: ['x', 'z'] })), c)).toBe(false);
		expect(matches(all(cond('tags', 'anyOf', { values: ['export', 'new'] })), c)).toBe(true);
		expect(matches(all(cond('tags', 'noneOf', { values: ['new'] })), c)).toBe(true);
		expect(matches(all(cond('owner', 'anyOf', { values: ['m2'] })), c)).toBe(false);
	});
});

describe('segment rules: computed facts and nesting', () => {
	it('reads tier, RFM scores, days since contact/order, counts, open deals/tickets, days in stage', () => {
		const s = subject({ stage: 'customer', createdAt: NOW - 400 * DAY }, { orderCount: 4, orderTotal: 9000, lastOrder: NOW - 40 * DAY, lastContact: NOW - 31 * DAY, openDeals: 2, openTickets: 1, stageSince: NOW - 100 * DAY }, 'A', { r: 3, f: 5, m: 4 });
		expect(matches(all(cond('tier', 'anyOf', { values: ['A'] }), cond('daysSinceContact', 'gt', { value: 30 }), cond('rfmF', 'eq', { value: 5 })), s)).toBe(true);
		expect(matches(all(cond('rfmR', 'gte', { value: 4 })), s)).toBe(false);
		expect(matches(all(cond('rfmM', 'eq', { value: 4 })), s)).toBe(true);
		expect(matches(all(cond('daysSinceOrder', 'between', { value: 40, to: 40 })), s)).toBe(true);
		expect(matches(all(cond('orderCount', 'eq', { value: 4 }), cond('openDeals', 'eq', { value: 2 }), cond('openTickets', 'gt', { value: 0 })), s)).toBe(true);
		expect(matches(all(cond('daysInStage', 'eq', { value: 100 })), s)).toBe(true);
		expect(matches(all(cond('lastOrder', 'withinDays', { value: 30 })), s)).toBe(false);
		// Never contacted: "days since contact" is empty, and comparisons fail.
		const never = subject({}, {});
		expect(matches(all(cond('daysSinceContact', 'gt', { value: 30 })), never)).toBe(false);
		expect(matches(all(cond('daysSinceContact', 'empty')), never)).toBe(true);
	});

	it('nests AND and OR groups', () => {
		const east = subject({ region: 'East', tags: ['vip'] }, {}, 'B');
		const west = subject({ region: 'West', tags: [] }, {}, 'A');
		const rule = any(all(cond('region', 'eq', { value: 'East' }), cond('tags', 'anyOf', { values: ['vip'] })), all(cond('tier', 'anyOf', { values: ['A'] }), any(cond('region', 'eq', { value: 'North' }), cond('region', 'eq', { value: 'West' }))));
		expect(matches(rule, east)).toBe(true);
		expect(matches(rule, west)).toBe(true);
		expect(matches(rule, subject({ region: 'West' }, {}, 'B'))).toBe(false);
		expect(matches(all(), west)).toBe(true);
	});
});

describe('segment rules: validation and description', () => {
	it('reports each problem with its place in the rule', () => {
		const rule = all(
			cond('nope', 'eq', { value: 'x' }),
			cond('region', 'gt', { value: 3 }),
			any(cond('cf_size', 'between', { value: 10, to: 5 }), cond('cf_since', 'before', { value: '2026-02-30' })),
			cond('cf_level', 'anyOf', { values: ['bronze'] }),
			cond('daysSinceOrder', 'lt', { value: 'soon' as unknown as number }),
			cond('tags', 'anyOf', { values: [] }),
			any()
		);
		expect(validateRule(rule, fields)).toEqual([
			{ path: [0], part: 'field', code: 'unknownField' },
			{ path: [1], part: 'op', code: 'opNotAllowed' },
			{ path: [2, 0], part: 'to', code: 'rangeInvalid' },
			{ path: [2, 1], part: 'value', code: 'dateInvalid' },
			{ path: [3], part: 'values', code: 'invalidChoice' },
			{ path: [4], part: 'value', code: 'numberInvalid' },
			{ path: [5], part: 'values', code: 'required' },
			{ path: [6], part: 'rule', code: 'emptyGroup' }
		]);
		expect(validateRule(null, fields)).toEqual([{ path: [], part: 'rule', code: 'required' }]);
		expect(validateRule(all(cond('name', 'contains', { value: 'x'.repeat(201) })), fields)).toEqual([{ path: [0], part: 'value', code: 'tooLong' }]);
		expect(validateRule(all(all(all(all(all())))), fields)).toContainEqual({ path: [0, 0, 0, 0], part: 'rule', code: 'tooDeep' });
	});

	it('describes a rule with field keys, custom labels, operators and values', () => {
		const rule = any(cond('tier', 'anyOf', { values: ['A'] }), all(cond('cf_size', 'between', { value: 1, to: 9 }), cond('region', 'empty')));
		expect(describeRule(rule, fields)).toEqual({
			kind: 'group',
			join: 'or',
			parts: [
				{ kind: 'condition', field: 'tier', op: 'anyOf', values: ['A'] },
				{
					kind: 'group',
					join: 'and',
					parts: [
						{ kind: 'condition', field: 'cf_size', label: 'Size', op: 'between', values: ['1', '9'] },
						{ kind: 'condition', field: 'region', op: 'empty', values: [] }
					]
				}
			]
		});
	});
});
