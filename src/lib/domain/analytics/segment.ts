// Segment rules: AND/OR groups of conditions over customer fields, custom fields (`cf_<id>`) and
// computed facts. A rule is checked once (`validateRule`, field-level errors), then compiled into
// a predicate (`compileRule`) that reads no more than the fields it tests, so counting 100k
// customers is one pass of cheap closures.
import { AGE_GROUPS, CAPACITIES, CUSTOMER_TYPES, EDUCATIONS, GENDERS, KINDS, STAGES } from '../customer';
import type { CustomFieldDef } from '../custom-fields';
import { foldText } from '../text';
import { Checker, isCalendarDay, SHORT_TEXT, type FieldError } from '../validate';
import { DAY, dayStart, daysSince } from './time';
import {
	OPERATORS,
	TIERS,
	type Condition,
	type CustomerFacts,
	type Operator,
	type RfmScores,
	type RuleDescription,
	type RuleError,
	type RuleGroup,
	type SegmentField,
	type SegmentFields,
	type SegmentRule,
	type Tier,
	type ValueType
} from './types';

/** Deepest nesting of groups, and most conditions, a rule may have. */
export const MAX_DEPTH = 4;
export const MAX_CONDITIONS = 50;

const nonEmpty = (list: readonly string[]) => list.filter((v) => v !== '');

const CUSTOMER_TEXT = ['name', 'company', 'phones', 'emails', 'address', 'region', 'city', 'industry', 'source', 'occupation', 'preferences', 'notes', 'lostReason'] as const;
const CUSTOMER_DATES = ['createdAt', 'updatedAt', 'stageChangedAt', 'lostAt', 'winBackAt'] as const;
const CUSTOMER_CHOICE: Record<string, readonly string[]> = {
	kind: KINDS,
	stage: STAGES,
	type: CUSTOMER_TYPES,
	gender: nonEmpty(GENDERS),
	ageGroup: nonEmpty(AGE_GROUPS),
	education: nonEmpty(EDUCATIONS),
	capacity: nonEmpty(CAPACITIES)
};

/** Computed facts a rule can test, with their value types. */
export const FACT_FIELDS = {
	tier: 'choice',
	rfmR: 'number',
	rfmF: 'number',
	rfmM: 'number',
	daysSinceContact: 'number',
	daysSinceOrder: 'number',
	orderCount: 'number',
	orderTotal: 'money',
	usualInterval: 'number',
	openDeals: 'number',
	openTickets: 'number',
	daysInStage: 'number',
	lastOrder: 'date',
	lastContact: 'date'
} as const satisfies Record<string, ValueType>;
export type FactField = keyof typeof FACT_FIELDS;

const CUSTOM_TYPE: Record<CustomFieldDef['kind'], ValueType> = { text: 'text', number: 'number', date: 'date', select: 'choice', multiselect: 'multi' };

/**
 * Every field a rule can test: the customer's own fields, the workspace's custom fields of
 * customers and the computed facts. `members` are the owner choices.
 */
export function segmentFields(defs: readonly CustomFieldDef[], members: readonly string[] = []): SegmentField[] {
	const out: SegmentField[] = [];
	for (const key of CUSTOMER_TEXT) out.push({ key, type: 'text', source: 'customer' });
	for (const [key, options] of Object.entries(CUSTOMER_CHOICE)) out.push({ key, type: 'choice', source: 'customer', options: [...options] });
	out.push({ key: 'owner', type: 'choice', source: 'customer', options: [...members] });
	out.push({ key: 'tags', type: 'multi', source: 'customer' });
	for (const key of CUSTOMER_DATES) out.push({ key, type: 'date', source: 'customer' });
	for (const d of defs) {
		if (d.recordType !== 'customer') continue;
		const type = CUSTOM_TYPE[d.kind];
		out.push({ key: `cf_${d.id}`, type, source: 'custom', label: d.label, ...(type === 'choice' || type === 'multi' ? { options: [...d.options] } : {}) });
	}
	for (const [key, type] of Object.entries(FACT_FIELDS)) out.push({ key, type, source: 'fact', ...(key === 'tier' ? { options: [...TIERS] } : {}) });
	return out;
}

/** Fields whose choice values are checked against their options (owners and tags are open lists). */
const CLOSED = new Set([...Object.keys(CUSTOMER_CHOICE), 'tier']);

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a rule against the fields; every problem with its place in the rule. */
export function validateRule(rule: unknown, fields: readonly SegmentField[]): RuleError[] {
	const byKey = new Map(fields.map((f) => [f.key, f]));
	const errors: RuleError[] = [];
	let conditions = 0;
	const group = (g: RuleGroup, path: number[]) => {
		if (!g || typeof g !== 'object' || g.kind !== 'group' || !Array.isArray(g.rules)) return void errors.push({ path, part: 'rule', code: 'required' });
		if (g.join !== 'and' && g.join !== 'or') errors.push({ path, part: 'rule', code: 'joinInvalid' });
		if (path.length >= MAX_DEPTH) return void errors.push({ path, part: 'rule', code: 'tooDeep' });
		if (g.rules.length === 0 && path.length > 0) errors.push({ path, part: 'rule', code: 'emptyGroup' });
		g.rules.forEach((r, i) => (r && (r as RuleGroup).kind === 'group' ? group(r as RuleGroup, [...path, i]) : condition(r as Condition, [...path, i])));
	};
	const condition = (c: Condition, path: number[]) => {
		if (++conditions === MAX_CONDITIONS + 1) errors.push({ path, part: 'rule', code: 'tooManyConditions' });
		if (!c || typeof c !== 'object' || c.kind !== 'condition') return void errors.push({ path, part: 'rule', code: 'required' });
		const f = byKey.get(c.field);
		if (!f) return void errors.push({ path, part: 'field', code: c.field ? 'unknownField' : 'required' });
		if (!(OPERATORS[f.type] as readonly string[]).includes(c.op)) return void errors.push({ path, part: 'op', code: c.op ? 'opNotAllowed' : 'required' });
		const err = (part: RuleError['part'], code: RuleError['code']) => errors.push({ path, part, code });
		switch (c.op) {
			case 'empty':
			case 'notEmpty':
				return;
			case 'eq':
			case 'neq':
			case 'contains':
			case 'startsWith':
				if (f.type === 'text') {
					if (typeof c.value !== 'string' || (c.op !== 'eq' && c.op !== 'neq' && !c.value.trim())) err('value', 'required');
					else if (c.value.length > SHORT_TEXT) err('value', 'tooLong');
					return;
				}
				return numberValue(c.value, err);
			case 'lt':
			case 'lte':
			case 'gt':
			case 'gte':
				return numberValue(c.value, err);
			case 'between':
				numberValue(c.value, err);
				numberValue(c.to, err, 'to');
				if (isNumber(c.value) && isNumber(c.to) && c.to < c.value) err('to', 'rangeInvalid');
				return;
			case 'before':
			case 'after':
				if (typeof c.value !== 'string' || !c.value) err('value', 'required');
				else if (!DAY_RE.test(c.value) || !isCalendarDay(c.value)) err('value', 'dateInvalid');
				return;
			case 'withinDays':
			case 'moreThanDaysAgo':
				if (c.value === undefined || c.value === '') err('value', 'required');
				else if (!Number.isInteger(c.value) || (c.value as number) < 0) err('value', 'numberInvalid');
				return;
			case 'inList':
			case 'anyOf':
			case 'noneOf':
			case 'allOf': {
				const values = Array.isArray(c.values) ? c.values.filter((v) => typeof v === 'string' && v !== '') : [];
				if (!values.length) err('values', 'required');
				else if (values.length > 500 || values.some((v) => v.length > SHORT_TEXT)) err('values', 'tooLong');
				else if (CLOSED.has(f.key) || (f.source === 'custom' && f.options)) {
					if (f.options && values.some((v) => !f.options!.includes(v))) err('values', 'invalidChoice');
				}
				return;
			}
		}
	};
	const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
	const numberValue = (v: unknown, err: (part: RuleError['part'], code: RuleError['code']) => void, part: RuleError['part'] = 'value') => {
		if (v === undefined || v === '' || v === null) err(part, 'required');
		else if (!isNumber(v)) err(part, 'numberInvalid');
	};
	group(rule as RuleGroup, []);
	return errors;
}

/** What a compiled rule reads of one customer: its record, its facts and (lazily) scores. */
export interface RuleSubject {
	record: Record<string, unknown>;
	facts: CustomerFacts | undefined;
	tier(): Tier;
	rfm(): RfmScores;
}

type Getter = (s: RuleSubject) => unknown;

function getter(key: string, type: ValueType, now: number): Getter {
	switch (key as FactField) {
		case 'tier':
			return (s) => s.tier();
		case 'rfmR':
			return (s) => s.rfm().r;
		case 'rfmF':
			return (s) => s.rfm().f;
		case 'rfmM':
			return (s) => s.rfm().m;
		case 'daysSinceContact':
			return (s) => daysSince(s.facts?.lastContact ?? 0, now);
		case 'daysSinceOrder':
			return (s) => daysSince(s.facts?.lastOrder ?? 0, now);
		case 'orderCount':
			return (s) => s.facts?.orderCount ?? 0;
		case 'orderTotal':
			return (s) => s.facts?.orderTotal ?? 0;
		case 'usualInterval':
			return (s) => s.facts?.usualInterval ?? null;
		case 'openDeals':
			return (s) => s.facts?.openDeals ?? 0;
		case 'openTickets':
			return (s) => s.facts?.openTickets ?? 0;
		case 'daysInStage':
			return (s) => daysSince(s.facts?.stageSince || Number(s.record.stageChangedAt) || Number(s.record.createdAt) || 0, now);
		case 'lastOrder':
			return (s) => s.facts?.lastOrder || null;
		case 'lastContact':
			return (s) => s.facts?.lastContact || null;
	}
	if (type === 'date') return (s) => toTime(s.record[key]);
	// Phones and e-mails are lists: a text test reads them as one line.
	if (type === 'text') {
		return (s) => {
			const v = s.record[key];
			return Array.isArray(v) ? v.join(' ') : v;
		};
	}
	return (s) => s.record[key];
}

/** A date value as epoch ms: numbers as they are, "YYYY-MM-DD" at UTC midnight; null when none. */
function toTime(v: unknown): number | null {
	if (typeof v === 'number') return v > 0 ? v : null;
	if (typeof v === 'string' && DAY_RE.test(v)) {
		const t = Date.parse(`${v}T00:00:00Z`);
		return Number.isNaN(t) ? null : t;
	}
	return null;
}

// Field values repeat (regions, industries), and NFKC folding is the costly part of a text test.
const folded = new Map<string, string>();
function fold(s: string): string {
	let f = folded.get(s);
	if (f === undefined) {
		if (folded.size > 200_000) folded.clear();
		folded.set(s, (f = foldText(s)));
	}
	return f;
}

const isEmptyValue = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

function conditionTest(c: Condition, f: SegmentField, now: number): (s: RuleSubject) => boolean {
	const get = getter(f.key, f.type, now);
	const num = (s: RuleSubject): number | null => {
		const v = get(s);
		return typeof v === 'number' && Number.isFinite(v) ? v : null;
	};
	const n = Number(c.value);
	switch (c.op) {
		case 'empty':
			return (s) => isEmptyValue(get(s));
		case 'notEmpty':
			return (s) => !isEmptyValue(get(s));
		case 'eq':
		case 'neq': {
			const neq = c.op === 'neq';
			if (f.type === 'text') {
				const want = foldText(String(c.value ?? '').trim());
				return (s) => (fold(String(get(s) ?? '').trim()) === want) !== neq;
			}
			return (s) => {
				const v = num(s);
				return neq ? v !== n : v === n;
			};
		}
		case 'contains':
		case 'startsWith': {
			const want = foldText(String(c.value ?? '').trim());
			const starts = c.op === 'startsWith';
			return (s) => {
				const v = fold(String(get(s) ?? ''));
				return starts ? v.startsWith(want) : v.includes(want);
			};
		}
		case 'inList': {
			const want = new Set((c.values ?? []).map((v) => foldText(v.trim())));
			return (s) => want.has(fold(String(get(s) ?? '').trim()));
		}
		case 'lt':
			return (s) => (num(s) ?? NaN) < n;
		case 'lte':
			return (s) => (num(s) ?? NaN) <= n;
		case 'gt':
			return (s) => (num(s) ?? NaN) > n;
		case 'gte':
			return (s) => (num(s) ?? NaN) >= n;
		case 'between': {
			const to = Number(c.to);
			return (s) => {
				const v = num(s);
				return v !== null && v >= n && v <= to;
			};
		}
		case 'before':
		case 'after': {
			const t = toTime(c.value) ?? 0;
			// "after 2026-03-01" starts the next day; "before" ends at its start.
			return c.op === 'before' ? (s) => (num(s) ?? Infinity) < t : (s) => (num(s) ?? -Infinity) >= t + DAY;
		}
		case 'withinDays': {
			const since = dayStart(now) - n * DAY;
			return (s) => {
				const v = num(s);
				return v !== null && v >= since && v <= now + DAY;
			};
		}
		case 'moreThanDaysAgo': {
			const before = dayStart(now) - n * DAY;
			return (s) => {
				const v = num(s);
				return v !== null && v < before;
			};
		}
		case 'anyOf':
		case 'noneOf':
		case 'allOf': {
			const want = c.values ?? [];
			const set = new Set(want);
			const have = (s: RuleSubject): string[] => {
				const v = get(s);
				return Array.isArray(v) ? (v as string[]) : typeof v === 'string' && v ? [v] : [];
			};
			if (c.op === 'anyOf') return (s) => have(s).some((v) => set.has(v));
			if (c.op === 'noneOf') return (s) => !have(s).some((v) => set.has(v));
			return (s) => {
				const h = have(s);
				return want.every((w) => h.includes(w));
			};
		}
	}
	return () => false;
}

/**
 * The rule as a predicate, evaluated "as of" `now` (days since…, within the last N days). An
 * empty top group matches every customer. The rule must have passed `validateRule`.
 */
export function compileRule(rule: SegmentRule, fields: readonly SegmentField[], now: number): (s: RuleSubject) => boolean {
	const byKey = new Map(fields.map((f) => [f.key, f]));
	const compile = (r: Condition | RuleGroup): ((s: RuleSubject) => boolean) => {
		if (r.kind === 'group') {
			const parts = r.rules.map(compile);
			if (parts.length === 0) return () => true;
			if (parts.length === 1) return parts[0];
			const n = parts.length;
			// Plain loops: this runs once per customer per condition.
			if (r.join === 'or') {
				return (s) => {
					for (let i = 0; i < n; i++) if (parts[i](s)) return true;
					return false;
				};
			}
			return (s) => {
				for (let i = 0; i < n; i++) if (!parts[i](s)) return false;
				return true;
			};
		}
		const f = byKey.get(r.field);
		return f ? conditionTest(r, f, now) : () => false;
	};
	return compile(rule);
}

/** Whether a rule reads computed facts (scores and tiers need every customer's facts first). */
export function usesFacts(rule: SegmentRule): boolean {
	return rule.rules.some((r) => (r.kind === 'group' ? usesFacts(r) : r.field in FACT_FIELDS));
}

/** The rule in words, for the UI to translate: field keys (custom fields with their labels), operators and values. */
export function describeRule(rule: SegmentRule, fields: readonly SegmentField[]): RuleDescription {
	const byKey = new Map(fields.map((f) => [f.key, f]));
	const walk = (r: Condition | RuleGroup): RuleDescription => {
		if (r.kind === 'group') return { kind: 'group', join: r.join, parts: r.rules.map(walk) };
		const values = r.op === 'between' ? [String(r.value ?? ''), String(r.to ?? '')] : r.values ? [...r.values] : r.value === undefined ? [] : [String(r.value)];
		const label = byKey.get(r.field)?.label;
		return { kind: 'condition', field: r.field, op: r.op, values, ...(label ? { label } : {}) };
	};
	return walk(rule);
}

export { emptyRule, emptySegment, SEGMENT_FIELDS } from './segment-record';

/** The nearest record-field code of a rule problem (a segment saved with a bad rule). */
const FIELD_CODE: Partial<Record<RuleError['code'], FieldError['code']>> = {
	required: 'required',
	numberInvalid: 'numberInvalid',
	dateInvalid: 'dateInvalid',
	rangeInvalid: 'endBeforeStart',
	tooLong: 'tooLong',
	emptyGroup: 'required'
};

/**
 * Checks a segment: a name; the rule against `fields`. Each rule problem is also a FieldError on
 * `rule` (index: the top-level condition or group it is in); `ruleErrors` has them in detail.
 */
export function validateSegment(
	input: Partial<SegmentFields>,
	{ partial = false, fields }: { partial?: boolean; fields: readonly SegmentField[] }
): { value: Partial<SegmentFields>; errors: FieldError[]; ruleErrors: RuleError[] } {
	const c = new Checker(input).required('name', !partial).text('description', 1000);
	let ruleErrors: RuleError[] = [];
	if (input.rule !== undefined || !partial) {
		ruleErrors = validateRule(input.rule, fields);
		for (const e of ruleErrors) {
			const code = FIELD_CODE[e.code] ?? 'invalidChoice';
			c.errors.push({ field: 'rule', code, ...(e.path.length ? { index: e.path[0] } : {}), ...(code === 'tooLong' ? { max: SHORT_TEXT } : {}) });
		}
		if (!ruleErrors.length) c.value.rule = input.rule;
	}
	return { value: c.value, errors: c.errors, ruleErrors };
}

export type { Operator };
