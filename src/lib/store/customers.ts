// Customer commands: validate with the domain rules, then write through the collection.
import { CUSTOMER_FIELDS, emptyCustomer, validateCustomer, type Customer, type CustomerFields } from '../domain/customer';
import { changeStage } from '../domain/lifecycle';
import { createRecord, updateRecord, type CommandResult, type RecordRules } from './commands';
import { stamp, type WriteContext } from './context';
import { customValues, fieldDefs } from './custom-fields';
import type { WorkspaceStore } from './workspace';

export type { CommandResult } from './commands';

export const CUSTOMER_RULES: RecordRules<CustomerFields> = {
	fields: CUSTOMER_FIELDS,
	empty: (ctx) => emptyCustomer(ctx.memberId),
	validate: validateCustomer
};

/** Customer rules with the workspace's custom fields for customers. */
export function customerRules(ws: WorkspaceStore, creating: boolean): RecordRules<CustomerFields> {
	return { ...CUSTOMER_RULES, extra: customValues(fieldDefs(ws, 'customer'), creating) };
}

export function createCustomer(ws: WorkspaceStore, input: Partial<CustomerFields>, ctx: WriteContext): CommandResult<string> {
	return createRecord(ws.customers, customerRules(ws, true), input, ctx);
}

/**
 * Rules for writing fields over an existing customer outside the form (an import's update): a
 * new stage goes through the lifecycle rules like a form's change (lost or a step back without a
 * `reason` is refused on the stage field), and its lifecycle fields are written with it.
 */
export function customerPatchRules(ws: WorkspaceStore, cur: Customer, ctx: WriteContext, reason?: string): RecordRules<CustomerFields> {
	const rules = customerRules(ws, false);
	return {
		...rules,
		validate: (input, o) => {
			const r = rules.validate(input, o);
			if (input.stage === undefined || input.stage === cur.stage || r.errors.length) return r;
			const { at } = stamp(ctx);
			const change = changeStage(cur, input.stage, { at, by: ctx.memberId, reason });
			if (!change.ok) return { value: r.value, errors: change.errors.map((code) => ({ field: 'stage', code })) };
			return { value: { ...r.value, ...change.patch, stageReason: change.change.reason ?? '' } as Partial<CustomerFields>, errors: [] };
		}
	};
}

/** What a stage change carries besides the new stage. */
export interface StageChangeInput {
	/** Why (required to mark lost and to go back a stage; recorded in the history). */
	stageReason?: string;
	/** Bring a lost customer back as a prospect. */
	winBack?: boolean;
}

/**
 * Saves changed fields. A new stage goes through the lifecycle rules (domain/lifecycle.ts):
 * the reason and the lifecycle fields are written in the same change, so the history entry
 * says who moved it, when and why.
 */
export function updateCustomer(
	ws: WorkspaceStore,
	id: string,
	patch: Partial<CustomerFields> & StageChangeInput,
	ctx: WriteContext
): CommandResult<number> {
	const { stageReason, winBack, ...fields } = patch;
	const cur = ws.customers.get(id);
	if (!cur || fields.stage === undefined || fields.stage === cur.stage) {
		const { stage: _same, ...rest } = fields;
		return updateRecord(ws.customers, customerRules(ws, false), id, cur && fields.stage === cur.stage ? rest : fields, ctx);
	}
	const { at } = stamp(ctx);
	const change = changeStage(cur, fields.stage, { at, by: ctx.memberId, reason: stageReason, winBack });
	if (!change.ok) return { ok: false, errors: change.errors.map((code) => ({ field: 'stage', code })) };
	const extra = { ...change.patch, stageReason: change.change.reason ?? '' };
	// The lifecycle fields are not form fields: validate the form's, then add them.
	const { value, errors } = validateCustomer(fields, { partial: true });
	const custom = customValues(fieldDefs(ws, 'customer'), false)(fields as Record<string, unknown>);
	errors.push(...custom.errors);
	if (errors.length) return { ok: false, errors };
	return { ok: true, value: ws.customers.update(id, { ...value, ...custom.value, ...extra } as Partial<Customer>, ctx).length };
}
