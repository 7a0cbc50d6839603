// Custom field definitions (collection "fields") and the checks of their values on records.
import { newId } from '../domain/ids';
import {
	customFieldId,
	validateCustomValue,
	validateFieldDef,
	type CustomFieldDef,
	type RecordType
} from '../domain/custom-fields';
import type { FieldError } from '../domain/validate';
import type { CommandResult } from './commands';
import type { WriteContext } from './context';
import type { WorkspaceStore } from './workspace';

/** The workspace's active definitions, optionally of one record type, in creation order. */
export function fieldDefs(ws: WorkspaceStore, recordType?: RecordType): CustomFieldDef[] {
	const out: Array<CustomFieldDef & { createdAt: number }> = [];
	for (const id of ws.fields.ids()) {
		const l = ws.fields.load(id);
		if (l && !l.deletion && (!recordType || l.record.recordType === recordType)) out.push(l.record);
	}
	return out.sort((a, b) => a.createdAt - b.createdAt);
}

export function createFieldDef(ws: WorkspaceStore, input: Partial<CustomFieldDef>, ctx: WriteContext): CommandResult<string> {
	const id = newId();
	const { value, errors } = validateFieldDef({ ...input, id }, { others: fieldDefs(ws) });
	if (errors.length) return { ok: false, errors: errors as FieldError[] };
	const { id: _id, ...fields } = value;
	return { ok: true, value: ws.fields.create(fields as never, ctx, undefined, id) };
}

export function updateFieldDef(ws: WorkspaceStore, id: string, input: Partial<CustomFieldDef>, ctx: WriteContext): CommandResult<number> {
	const previous = ws.fields.get(id);
	if (!previous) return { ok: false, errors: [{ field: 'id', code: 'notFound' }] };
	const { value, errors } = validateFieldDef({ ...previous, ...input, id }, { previous, others: fieldDefs(ws).filter((d) => d.id !== id) });
	if (errors.length) return { ok: false, errors: errors as FieldError[] };
	const { label, options, required } = value;
	return { ok: true, value: ws.fields.update(id, { label, options, required: !!required } as never, ctx).length };
}

/**
 * Checks the custom values ("cf_<id>" keys) in a record's input against the definitions of
 * its type. With `creating`, required fields must be there. Unknown cf_ keys are refused.
 */
export function customValues(defs: readonly CustomFieldDef[], creating: boolean) {
	const byId = new Map(defs.map((d) => [d.id, d]));
	return (input: Record<string, unknown>): { value: Record<string, unknown>; errors: FieldError[] } => {
		const value: Record<string, unknown> = {};
		const errors: FieldError[] = [];
		for (const [key, raw] of Object.entries(input)) {
			const id = customFieldId(key);
			if (id === null) continue;
			const def = byId.get(id);
			if (!def) continue;
			const r = validateCustomValue(def, raw);
			errors.push(...(r.errors as FieldError[]));
			value[key] = r.value;
		}
		if (creating) {
			for (const d of defs) {
				const key = `cf_${d.id}`;
				if (d.required && !(key in input)) errors.push({ field: key, code: 'required' });
			}
		}
		return { value, errors };
	};
}
