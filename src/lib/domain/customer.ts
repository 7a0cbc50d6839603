// The customer entity: fields, defaults, validation and the text that search matches.
import type { LifecycleFields } from './lifecycle';
import type { RecordMeta } from './record';
import { foldText, normalizePhone } from './text';
import { Checker, LONG_TEXT, type FieldError } from './validate';

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

/**
 * A stored customer: its fields, the lifecycle fields stage changes write (domain/lifecycle.ts)
 * plus the reason of the latest change, and extra keys written by newer app versions (kept).
 */
export type Customer = CustomerFields & RecordMeta & Partial<LifecycleFields> & { stageReason?: string } & { [extra: string]: unknown };

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

export type { FieldError } from './validate';

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
	const c = new Checker(input).required('name', !partial);
	for (const f of ['company', 'address', 'region', 'city', 'industry', 'source', 'occupation', 'owner'] as const) c.text(f);
	for (const f of ['preferences', 'notes'] as const) c.text(f, LONG_TEXT);
	c.choice('kind', KINDS)
		.choice('stage', STAGES)
		.choice('type', CUSTOMER_TYPES)
		.choice('gender', GENDERS)
		.choice('ageGroup', AGE_GROUPS)
		.choice('education', EDUCATIONS)
		.choice('capacity', CAPACITIES)
		.phones('phones')
		.emails('emails')
		.list('tags');
	return { value: c.value, errors: c.errors };
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
