// The customer list as rows: what the list, filters, search and sort need, nothing more.
// Built from full records in the data worker, kept by the query worker.
import type { Customer, CustomerType, Stage } from './customer';
import { customerSearchText } from './customer';
import { digitsOnly, foldText, normalizePhone } from './text';
import { matchesCustomFilter, type CustomFilter, type FieldKind } from './custom-fields';

/** 0 = active, 1 = in the Trash, 2 = in the Trash and edited after it was deleted, 3 = merged into another (in no list). */
export type RowState = 0 | 1 | 2 | 3;

export interface CustomerRow {
	id: string;
	name: string;
	company: string;
	phones: string[];
	emails: string[];
	stage: Stage;
	type: CustomerType;
	owner: string;
	tags: string[];
	region: string;
	city: string;
	createdAt: number;
	updatedAt: number;
	state: RowState;
	deletedAt: number;
	/** Custom field values ("cf_<id>" → value), when the customer has any. */
	custom?: Record<string, unknown>;
}

/** A row plus its pre-folded search text and position (kept only in the query worker). */
export interface IndexedRow extends CustomerRow {
	search: string;
	i: number;
}

/** The row for one customer. */
export function customerRow(c: Customer, state: RowState, deletedAt = 0): CustomerRow {
	return {
		id: c.id,
		name: c.name ?? '',
		company: c.company ?? '',
		phones: c.phones ?? [],
		emails: c.emails ?? [],
		stage: c.stage,
		type: c.type,
		owner: c.owner ?? '',
		tags: c.tags ?? [],
		region: c.region ?? '',
		city: c.city ?? '',
		createdAt: c.createdAt ?? 0,
		updatedAt: c.updatedAt ?? 0,
		state,
		deletedAt,
		...customOf(c)
	};
}

/** The custom field values of a record, or nothing when it has none. */
export function customOf(c: Record<string, unknown>): { custom?: Record<string, unknown> } {
	let custom: Record<string, unknown> | undefined;
	for (const k in c) {
		if (k.startsWith('cf_') && c[k] !== null && c[k] !== undefined) (custom ??= {})[k] = c[k];
	}
	return custom ? { custom } : {};
}

/** Attach search text to a row: name, company and every phone and e-mail. */
export function indexRow(r: CustomerRow, i = 0): IndexedRow {
	return Object.assign(r, { search: customerSearchText(r), i });
}

export const SORT_KEYS = ['updatedAt', 'createdAt', 'name', 'company', 'stage', 'type', 'owner', 'region', 'city'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface CustomerQuery {
	text: string;
	stage: '' | Stage;
	type: '' | CustomerType;
	owner: string;
	tag: string;
	region: string;
	/** Show the Trash instead of active customers. */
	trash: boolean;
	/** A filter on one custom field. */
	custom: CustomQuery | null;
	/**
	 * Only the customers of a scope set in the query worker (a segment, a chart's drill-down),
	 * by its key; '' = all.
	 */
	scope: string;
	sort: SortKey;
	dir: 'asc' | 'desc';
}

export const DEFAULT_QUERY: CustomerQuery = {
	text: '',
	stage: '',
	type: '',
	owner: '',
	tag: '',
	region: '',
	trash: false,
	custom: null,
	scope: '',
	sort: 'updatedAt',
	dir: 'desc'
};

/** True when the query has no text and no filters (the default view). */
export function isDefaultQuery(q: CustomerQuery): boolean {
	return (
		!q.text.trim() && !q.stage && !q.type && !q.owner && !q.tag && !q.region && !q.trash && !q.custom && !q.scope &&
		q.sort === DEFAULT_QUERY.sort && q.dir === DEFAULT_QUERY.dir
	);
}

/**
 * What a text query looks for in the folded search text: the folded text itself and, for a
 * query of phone characters only, the phone's bare digits.
 */
export function searchNeedles(text: string): string[] {
	const folded = foldText(text.trim());
	if (!folded) return [];
	const phoneLike = /^[+\d\s\-().]+$/.test(folded) && digitsOnly(folded).length >= 3;
	const digits = phoneLike ? normalizePhone(folded) : '';
	return digits && digits !== folded ? [folded, digits] : [folded];
}

/**
 * A predicate for rows, compiled once per keystroke. `textMatch`, when given, answers the
 * text part (the query worker passes a precomputed corpus match).
 */
export function compileFilter(q: CustomerQuery, textMatch?: (r: IndexedRow) => boolean): (r: IndexedRow) => boolean {
	const needles = searchNeedles(q.text);
	const text = needles.length > 0;
	const matches = textMatch ?? ((r: IndexedRow) => needles.some((n) => r.search.includes(n)));
	const { stage, type, owner, tag, region, trash } = q;
	const custom = customPredicate(q.custom);
	return (r) => {
		if (custom && !custom(r)) return false;
		if (trash ? r.state === 0 || r.state === 3 : r.state !== 0) return false;
		if (stage && r.stage !== stage) return false;
		if (type && r.type !== type) return false;
		if (owner && r.owner !== owner) return false;
		if (region && r.region !== region) return false;
		if (tag && !r.tags.includes(tag)) return false;
		if (text && !matches(r)) return false;
		return true;
	};
}

/** A custom field filter: which field (its kind) and what to match. */
export interface CustomQuery {
	key: string;
	kind: FieldKind;
	filter: CustomFilter;
}

/** A predicate for a custom field filter, or null for none. */
export function customPredicate(c: CustomQuery | null | undefined): ((r: { custom?: Record<string, unknown> }) => boolean) | null {
	if (!c) return null;
	const def = { kind: c.kind };
	return (r) => matchesCustomFilter(def, r.custom?.[c.key], c.filter);
}

const STAGE_ORDER: Record<string, number> = { potential: 0, prospect: 1, customer: 2, lost: 3 };
const TYPE_ORDER: Record<string, number> = { end: 0, distributor: 1, supplier: 2, partner: 3 };

/** A comparator for one sort key, ascending; ties fall back to id for a stable order. */
export function comparator(key: SortKey, collator: Intl.Collator): (a: CustomerRow, b: CustomerRow) => number {
	const tie = (a: CustomerRow, b: CustomerRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
	switch (key) {
		case 'updatedAt':
		case 'createdAt':
			return (a, b) => a[key] - b[key] || tie(a, b);
		case 'stage':
			return (a, b) => (STAGE_ORDER[a.stage] ?? 9) - (STAGE_ORDER[b.stage] ?? 9) || tie(a, b);
		case 'type':
			return (a, b) => (TYPE_ORDER[a.type] ?? 9) - (TYPE_ORDER[b.type] ?? 9) || tie(a, b);
		default:
			// Empty values sort last whatever the direction a user picks for the rest.
			return (a, b) => {
				const x = a[key];
				const y = b[key];
				if (!x !== !y) return x ? -1 : 1;
				return collator.compare(x, y) || tie(a, b);
			};
	}
}
