// Customer commands: validate with the domain rules, then write through the collection.
import {
	CUSTOMER_FIELDS,
	emptyCustomer,
	validateCustomer,
	type Customer,
	type CustomerFields,
	type FieldError
} from '../domain/customer';
import type { RecordMeta } from '../domain/record';
import type { WriteContext } from './context';
import type { WorkspaceStore } from './workspace';

export type CommandResult<T = void> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Keeps only known customer fields, so a form cannot write metadata or strangers. */
function pickFields(input: Partial<CustomerFields>): Partial<CustomerFields> {
	const out: Record<string, unknown> = {};
	for (const f of CUSTOMER_FIELDS) if (input[f] !== undefined) out[f] = input[f];
	return out as Partial<CustomerFields>;
}

export function createCustomer(
	ws: WorkspaceStore,
	input: Partial<CustomerFields>,
	ctx: WriteContext
): CommandResult<string> {
	const merged = { ...emptyCustomer(ctx.memberId), ...pickFields(input) };
	const { value, errors } = validateCustomer(merged);
	if (errors.length) return { ok: false, errors };
	return { ok: true, value: ws.customers.create({ ...merged, ...value } as Omit<Customer, keyof RecordMeta>, ctx) };
}

export function updateCustomer(
	ws: WorkspaceStore,
	id: string,
	patch: Partial<CustomerFields>,
	ctx: WriteContext
): CommandResult<number> {
	if (!ws.customers.has(id)) return { ok: false, errors: [{ field: 'id', code: 'required' }] };
	const { value, errors } = validateCustomer(pickFields(patch), { partial: true });
	if (errors.length) return { ok: false, errors };
	return { ok: true, value: ws.customers.update(id, value, ctx).length };
}
