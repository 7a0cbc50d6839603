// Custom fields: the fields a workspace adds to a record type, the checking of their values
// and the list filters on them. A record keeps a value under `cf_<definition id>`.
import type { FieldError } from './customer';
import { formatDay, isSolarDate, parseDay } from './lunar';
import { foldText } from './text';

export const RECORD_TYPES = ['customer', 'contact', 'task', 'activity'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export const FIELD_KINDS = ['text', 'number', 'date', 'select', 'multiselect'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** A custom field of one record type; `options` are used by select kinds only. */
export interface CustomFieldDef {
	id: string;
	recordType: RecordType;
	label: string;
	kind: FieldKind;
	options: string[];
	required?: boolean;
}

/** A stored value: text and select are strings, dates "YYYY-MM-DD", multiselect a list; null is unset. */
export type CustomValue = string | number | string[] | null;

/** A FieldError whose code may also be one of the custom-field codes. */
export type CustomFieldError = Omit<FieldError, 'code'> & {
	code: FieldError['code'] | 'numberInvalid' | 'dateInvalid' | 'cannotChange';
};

export const LABEL_MAX = 60;
export const OPTION_MAX = 100;
export const CUSTOM_TEXT_MAX = 2000;

const KEY_PREFIX = 'cf_';

/** The key a record stores a custom field's value under. */
export function customFieldKey(defId: string): string {
	return KEY_PREFIX + defId;
}

/** The definition id in a record key, or null when the key is not a custom field's. */
export function customFieldId(key: string): string | null {
	return key.startsWith(KEY_PREFIX) && key.length > KEY_PREFIX.length ? key.slice(KEY_PREFIX.length) : null;
}

const isSelect = (kind: FieldKind) => kind === 'select' || kind === 'multiselect';

/**
 * Checks and cleans a definition. `previous` is the stored definition when editing: its kind
 * and record type cannot change, since stored values would no longer fit. `others` are the
 * workspace's other definitions, whose labels must not repeat within a record type.
 */
export function validateFieldDef(
	input: Partial<CustomFieldDef>,
	{ previous, others = [] }: { previous?: CustomFieldDef; others?: readonly CustomFieldDef[] } = {}
): { value: CustomFieldDef; errors: CustomFieldError[] } {
	const errors: CustomFieldError[] = [];
	const id = String(input.id ?? '').trim();
	if (!id) errors.push({ field: 'id', code: 'required' });
	const recordType = input.recordType as RecordType;
	if (!RECORD_TYPES.includes(recordType)) errors.push({ field: 'recordType', code: 'invalidChoice' });
	else if (previous && previous.recordType !== recordType) errors.push({ field: 'recordType', code: 'cannotChange' });
	const kind = input.kind as FieldKind;
	if (!FIELD_KINDS.includes(kind)) errors.push({ field: 'kind', code: 'invalidChoice' });
	else if (previous && previous.kind !== kind) errors.push({ field: 'kind', code: 'cannotChange' });

	const label = String(input.label ?? '').trim();
	if (!label) errors.push({ field: 'label', code: 'required' });
	else if (label.length > LABEL_MAX) errors.push({ field: 'label', code: 'tooLong', max: LABEL_MAX });
	else if (others.some((o) => o.id !== id && o.recordType === recordType && foldText(o.label.trim()) === foldText(label))) {
		errors.push({ field: 'label', code: 'duplicateValue' });
	}

	const options: string[] = [];
	if (isSelect(kind)) {
		// Errors keep the position of the option box typed in.
		const seen = new Set<string>();
		(input.options ?? []).forEach((raw, index) => {
			const o = String(raw ?? '').trim();
			if (!o) return;
			if (o.length > OPTION_MAX) errors.push({ field: 'options', index, code: 'tooLong', max: OPTION_MAX });
			else if (seen.has(foldText(o))) errors.push({ field: 'options', index, code: 'duplicateValue' });
			seen.add(foldText(o));
			options.push(o);
		});
		if (options.length === 0) errors.push({ field: 'options', code: 'required' });
	}
	return { value: { id, recordType, label, kind, options, required: input.required === true }, errors };
}

/**
 * A number as people type it: full-width digits, thousands separators ("1,234.5"), a
 * currency sign, "元", and 万/亿 (ten thousand, hundred million). Null when it is not one.
 */
export function parseNumber(s: string): number | null {
	const t = s.normalize('NFKC').replace(/\s+/g, '');
	const m = /^([+-]?)[¥$€£]?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)([万萬亿億]?)元?$/.exec(t);
	if (!m) return null;
	// Scaling by exponent keeps "1.1万" exactly 11000.
	const exp = m[3] === '万' || m[3] === '萬' ? 'e4' : m[3] ? 'e8' : '';
	const n = Number(m[1] + m[2].replace(/,/g, '') + exp);
	return Number.isFinite(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER ? n : null;
}

/** A date as "YYYY-MM-DD", also read from "2025/3/5", "2025.3.5" and "2025年3月5日"; null when not a real day. */
export function parseDateValue(s: string): string | null {
	const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号號]?$/.exec(s.normalize('NFKC').trim());
	if (!m) return null;
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	return isSolarDate(year, month, day) ? formatDay({ year, month, day }) : null;
}

function isEmpty(raw: unknown): boolean {
	return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '') || (Array.isArray(raw) && raw.length === 0);
}

/** The option a typed value names, ignoring width and case ("ａ类" finds "A类"). */
function findOption(def: Pick<CustomFieldDef, 'options'>, raw: unknown): string | undefined {
	const folded = foldText(String(raw ?? '').trim());
	return def.options.find((o) => foldText(o) === folded);
}

/** Checks one value for a definition and returns it cleaned; an empty value becomes null. */
export function validateCustomValue(def: CustomFieldDef, raw: unknown): { value: CustomValue; errors: CustomFieldError[] } {
	const field = customFieldKey(def.id);
	const fail = (code: CustomFieldError['code'], extra: Partial<CustomFieldError> = {}) => ({ value: null, errors: [{ field, code, ...extra }] });
	if (isEmpty(raw)) return def.required ? fail('required') : { value: null, errors: [] };
	switch (def.kind) {
		case 'text': {
			const v = String(raw).trim();
			return v.length > CUSTOM_TEXT_MAX ? { value: v, errors: [{ field, code: 'tooLong', max: CUSTOM_TEXT_MAX }] } : { value: v, errors: [] };
		}
		case 'number': {
			const n = typeof raw === 'number' ? (Number.isFinite(raw) ? raw : null) : parseNumber(String(raw));
			return n === null ? fail('numberInvalid') : { value: n, errors: [] };
		}
		case 'date': {
			const d = parseDateValue(String(raw));
			return d === null ? fail('dateInvalid') : { value: d, errors: [] };
		}
		case 'select': {
			const o = findOption(def, raw);
			return o === undefined ? fail('invalidChoice') : { value: o, errors: [] };
		}
		case 'multiselect': {
			// A pasted or imported "A、B" is a list, unless the whole text is one option.
			const items = Array.isArray(raw) ? raw : findOption(def, raw) !== undefined ? [raw] : String(raw).split(/\s*[,，;；、]\s*/);
			const errors: CustomFieldError[] = [];
			const picked = new Set<string>();
			items.forEach((item, index) => {
				const o = findOption(def, item);
				if (o === undefined) errors.push({ field, index, code: 'invalidChoice' });
				else if (picked.has(o)) errors.push({ field, index, code: 'duplicateValue' });
				else picked.add(o);
			});
			// Options order, so equal choices store equal lists.
			return { value: def.options.filter((o) => picked.has(o)), errors };
		}
		default:
			return fail('invalidChoice');
	}
}

/** A list filter on a custom field; a filter with nothing to compare against matches everything. */
export type CustomFilter =
	| { op: 'contains'; text: string }
	| { op: 'range'; min?: number | null; max?: number | null }
	| { op: 'dateRange'; from?: string; to?: string }
	| { op: 'equals'; value: string }
	| { op: 'anyOf'; values: readonly string[] }
	| { op: 'empty' }
	| { op: 'notEmpty' };

/**
 * True when a stored value passes a filter. Text "contains" ignores case and width; ranges
 * include their bounds; on a multiselect, "equals" means "includes". A filter that does not
 * fit the field's kind matches nothing.
 */
export function matchesCustomFilter(def: Pick<CustomFieldDef, 'kind'>, value: unknown, filter: CustomFilter): boolean {
	const empty = isEmpty(value);
	switch (filter.op) {
		case 'empty':
			return empty;
		case 'notEmpty':
			return !empty;
		case 'contains': {
			if (def.kind !== 'text') return false;
			const needle = foldText(filter.text.trim());
			return !needle || (typeof value === 'string' && foldText(value).includes(needle));
		}
		case 'range': {
			if (def.kind !== 'number') return false;
			const { min, max } = filter;
			if (min == null && max == null) return true;
			if (typeof value !== 'number' || !Number.isFinite(value)) return false;
			return (min == null || value >= min) && (max == null || value <= max);
		}
		case 'dateRange': {
			if (def.kind !== 'date') return false;
			const { from, to } = filter;
			if (!from && !to) return true;
			if (typeof value !== 'string' || !parseDay(value)) return false;
			return (!from || value >= from) && (!to || value <= to);
		}
		case 'equals':
		case 'anyOf': {
			if (!isSelect(def.kind)) return false;
			const wanted = filter.op === 'equals' ? (filter.value ? [filter.value] : []) : filter.values;
			if (wanted.length === 0) return true;
			const have = def.kind === 'multiselect' ? (Array.isArray(value) ? value : []) : typeof value === 'string' ? [value] : [];
			return have.some((v) => wanted.includes(v));
		}
	}
}
