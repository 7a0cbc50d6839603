// Create and update commands shared by every record type: keep only the fields a form may
// write, validate with the domain rules, and write nothing when anything is wrong.
import type { FieldError } from '../domain/validate';
import type { RecordMeta } from '../domain/record';
import type { Collection } from './collection';
import type { WriteContext } from './context';

export type CommandResult<T = void> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export interface RecordRules<F> {
	/** Every field a form may write, in form order. */
	fields: readonly (keyof F & string)[];
	/** A new record's field values before the input is laid over them. */
	empty: (ctx: WriteContext) => F;
	validate: (input: Partial<F>, o: { partial: boolean }) => { value: Partial<F>; errors: FieldError[] };
	/** Custom fields ("cf_…") the workspace defines for this record type, with their checks. */
	extra?: (input: Record<string, unknown>) => { value: Record<string, unknown>; errors: FieldError[] };
}

/** Keeps only known fields, so a form cannot write metadata or strangers. */
export function pickFields<F>(fields: readonly string[], input: Partial<F>): Partial<F> {
	const out: Record<string, unknown> = {};
	for (const f of fields) if ((input as Record<string, unknown>)[f] !== undefined) out[f] = (input as Record<string, unknown>)[f];
	return out as Partial<F>;
}

/** Validates input with a record type's rules and its custom fields; writes nothing. */
export function checkInput<F>(rules: RecordRules<F>, input: Partial<F>, partial: boolean) {
	const { value, errors } = rules.validate(pickFields(rules.fields, input), { partial });
	if (rules.extra) {
		const x = rules.extra(input as Record<string, unknown>);
		Object.assign(value as object, x.value);
		errors.push(...x.errors);
	}
	return { value, errors };
}

export function createRecord<F extends object>(coll: Collection<F & RecordMeta>, rules: RecordRules<F>, input: Partial<F>, ctx: WriteContext): CommandResult<string> {
	const merged = { ...rules.empty(ctx), ...pickFields(rules.fields, input) } as Partial<F>;
	const { value, errors } = checkInput(rules, { ...input, ...merged }, false);
	if (errors.length) return { ok: false, errors };
	return { ok: true, value: coll.create({ ...merged, ...value } as Omit<F & RecordMeta, keyof RecordMeta>, ctx) };
}

export function updateRecord<F extends object>(
	coll: Collection<F & RecordMeta>,
	rules: RecordRules<F>,
	id: string,
	patch: Partial<F>,
	ctx: WriteContext
): CommandResult<number> {
	if (!coll.has(id)) return { ok: false, errors: [{ field: 'id', code: 'notFound' }] };
	const { value, errors } = checkInput(rules, patch, true);
	if (errors.length) return { ok: false, errors };
	return { ok: true, value: coll.update(id, value as Partial<F & RecordMeta>, ctx).length };
}
