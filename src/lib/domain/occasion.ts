// The workspace's own dates worth a greeting (founding day, a trade fair, a local festival):
// yearly, on the Gregorian or the lunar calendar, or once in a given year.
import type { WorkspaceDate } from './holidays';
import type { RecordMeta } from './record';
import { isSolarDate, lunarToSolar } from './lunar';
import { Checker, type FieldError } from './validate';

export interface OccasionFields {
	name: string;
	month: number;
	day: number;
	lunar: boolean;
	/** 0 = every year. */
	year: number;
}

export type OccasionRecord = OccasionFields & RecordMeta & { [extra: string]: unknown };

export const OCCASION_FIELDS = ['name', 'month', 'day', 'lunar', 'year'] as const satisfies readonly (keyof OccasionFields)[];

export function emptyOccasion(): OccasionFields {
	return { name: '', month: 1, day: 1, lunar: false, year: 0 };
}

export function validateOccasion(input: Partial<OccasionFields>, { partial = false } = {}): { value: Partial<OccasionFields>; errors: FieldError[] } {
	const c = new Checker(input).required('name', !partial).number('month', { min: 1, max: 12 }).number('day', { min: 1, max: 31 }).bool('lunar').number('year', { max: 2100 });
	const v = { ...emptyOccasion(), ...input, ...c.value };
	const real = v.lunar ? lunarToSolar(v.year || 2000, v.month, v.day) !== null || v.day <= 30 : isSolarDate(v.year || 2000, v.month, v.day);
	if (!c.errors.some((e) => e.field === 'day' || e.field === 'month') && !real) c.errors.push({ field: 'day', code: 'dateInvalid' });
	return { value: c.value, errors: c.errors };
}

/** The form a care calendar reads. */
export function toWorkspaceDate(o: OccasionRecord): WorkspaceDate {
	return { id: o.id, name: o.name, month: o.month, day: o.day, lunar: o.lunar || undefined, year: o.year || undefined };
}
