// The customer entity: fields, defaults, validation and the text that search matches.
import type { RecordMeta } from './record';
import { foldText, normalizeEmail, normalizePhone } from './text';

export const STAGES = ['potential', 'prospect', 'customer', 'lost'] as const;
export type Stage = (typeof STAGES)[number];

export const CUSTOMER_TYPES = ['end', 'distributor', 'supplier', 'partner'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

export const KINDS = ['organization', 'person'] as const;
export type Kind = (typeof KINDS)[number];

export const GENDERS = ['', 'female', 'male', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

export const AGE_GROUPS = ['', 'under25', '25to34', '35to44', '45to54', '55plus'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export const EDUCATIONS = ['', 'secondary', 'college', 'bachelor', 'master', 'doctorate'] as const;
export type Education = (typeof EDUCATIONS)[number];

export const CAPACITIES = ['', 'low', 'medium', 'high'] as const;
export type Capacity = (typeof CAPACITIES)[number];

/** The fields a person edits on a customer. */
export interface CustomerFields {
	name: string;
	kind: Kind;
	company: string;
	phones: string[];
	emails: string[];
	address: string;
	region: string;
	city: string;
	industry: string;
	source: string;
	stage: Stage;
	type: CustomerType;
	owner: string;
	tags: string[];
	gender: Gender;
	ageGroup: AgeGroup;
	occupation: string;
	education: Education;
	capacity: Capacity;
	preferences: string;
	notes: string;
}

/** A stored customer; fields written by newer app versions are kept as extra keys. */
export type Customer = CustomerFields & RecordMeta & { [extra: string]: unknown };

/** Every editable field, in form order. */
export const CUSTOMER_FIELDS = [
	'name',
	'kind',
	'company',
	'phones',
	'emails',
	'address',
	'region',
	'city',
	'industry',
	'source',
	'stage',
	'type',
	'owner',
	'tags',
	'gender',
	'ageGroup',
	'occupation',
	'education',
	'capacity',
	'preferences',
	'notes'
] as const satisfies readonly (keyof CustomerFields)[];

/** Empty field values for a new customer owned by `owner`. */
export function emptyCustomer(owner: string): CustomerFields {
	return {
		name: '',
		kind: 'organization',
		company: '',
		phones: [],
		emails: [],
		address: '',
		region: '',
		city: '',
		industry: '',
		source: '',
		stage: 'potential',
		type: 'end',
		owner,
		tags: [],
		gender: '',
		ageGroup: '',
		occupation: '',
		education: '',
		capacity: '',
		preferences: '',
		notes: ''
	};
}

/** A validation problem: which field (with index for lists) and a message code for i18n. */
export interface FieldError {
	field: string;
	index?: number;
	code:
		| 'required'
		| 'tooLong'
		| 'emailInvalid'
		| 'phoneInvalid'
		| 'invalidChoice'
		| 'duplicateValue';
	max?: number;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;
const PHONE_CHARS_RE = /^[+\d\s\-().\/]*(?:(?:ext|x|转|分机)\.?\s*\d+)?$/i;
const LONG_TEXT = 4000;
const SHORT_TEXT = 200;

/**
 * Trims text, drops empty list entries and returns the cleaned fields with every problem
 * found. Nothing is written when the error list is not empty.
 */
export function validateCustomer(
	input: Partial<CustomerFields>,
	{ partial = false }: { partial?: boolean } = {}
): {
	value: Partial<CustomerFields>;
	errors: FieldError[];
} {
	const errors: FieldError[] = [];
	const value: Partial<CustomerFields> = {};
	const text = (f: keyof CustomerFields, max: number) => {
		const raw = input[f];
		if (raw === undefined) return;
		const v = String(raw).trim();
		if (v.length > max) errors.push({ field: f, code: 'tooLong', max });
		(value as Record<string, unknown>)[f] = v;
	};
	const choice = <T extends string>(f: keyof CustomerFields, options: readonly T[]) => {
		const raw = input[f];
		if (raw === undefined) return;
		if (!options.includes(raw as T)) errors.push({ field: f, code: 'invalidChoice' });
		(value as Record<string, unknown>)[f] = raw;
	};
	const list = (f: 'phones' | 'emails' | 'tags') => {
		const raw = input[f];
		if (raw === undefined) return;
		value[f] = raw.map((s) => String(s).trim()).filter((s) => s !== '');
	};

	if (!partial || input.name !== undefined) {
		text('name', SHORT_TEXT);
		if (!value.name) errors.push({ field: 'name', code: 'required' });
	}
	for (const f of ['company', 'address', 'region', 'city', 'industry', 'source', 'occupation', 'owner'] as const) {
		text(f, SHORT_TEXT);
	}
	for (const f of ['preferences', 'notes'] as const) text(f, LONG_TEXT);
	choice('kind', KINDS);
	choice('stage', STAGES);
	choice('type', CUSTOMER_TYPES);
	choice('gender', GENDERS);
	choice('ageGroup', AGE_GROUPS);
	choice('education', EDUCATIONS);
	choice('capacity', CAPACITIES);

	// Phones and e-mails keep their position so errors point at the box the user typed in.
	if (input.phones !== undefined) {
		const seen = new Set<string>();
		input.phones.forEach((raw, index) => {
			const p = String(raw).trim();
			if (!p) return;
			const n = normalizePhone(p);
			if (!PHONE_CHARS_RE.test(p) || n.length < 5 || n.length > 20) {
				errors.push({ field: 'phones', index, code: 'phoneInvalid' });
			} else if (seen.has(n)) {
				errors.push({ field: 'phones', index, code: 'duplicateValue' });
			}
			seen.add(n);
		});
		list('phones');
	}
	if (input.emails !== undefined) {
		const seen = new Set<string>();
		input.emails.forEach((raw, index) => {
			const e = String(raw).trim();
			if (!e) return;
			if (!EMAIL_RE.test(e) || e.length > SHORT_TEXT) {
				errors.push({ field: 'emails', index, code: 'emailInvalid' });
			} else if (seen.has(normalizeEmail(e))) {
				errors.push({ field: 'emails', index, code: 'duplicateValue' });
			}
			seen.add(normalizeEmail(e));
		});
		list('emails');
	}
	if (input.tags !== undefined) {
		list('tags');
		value.tags = [...new Set(value.tags)];
		if (value.tags.some((t) => t.length > 60)) errors.push({ field: 'tags', code: 'tooLong', max: 60 });
	}
	return { value, errors };
}

/**
 * The lower-cased text a search matches: name, company, e-mails, phones as typed and as
 * bare digits (so "13800138000" finds "+86 138-0013-8000").
 */
export function customerSearchText(c: Pick<CustomerFields, 'name' | 'company' | 'phones' | 'emails'>): string {
	const phones = c.phones ?? [];
	return foldText(
		[c.name, c.company, ...(c.emails ?? []), ...phones, ...phones.map(normalizePhone)]
			.filter(Boolean)
			.join('\u0001')
	);
}
