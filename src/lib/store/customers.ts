// Customer commands: validate with the domain rules, then write through the collection.
import { CUSTOMER_FIELDS, emptyCustomer, validateCustomer, type CustomerFields } from '../domain/customer';
import { createRecord, updateRecord, type CommandResult, type RecordRules } from './commands';
import type { WriteContext } from './context';
import type { WorkspaceStore } from './workspace';

export type { CommandResult } from './commands';

export const CUSTOMER_RULES: RecordRules<CustomerFields> = {
	fields: CUSTOMER_FIELDS,
	empty: (ctx) => emptyCustomer(ctx.memberId),
	validate: validateCustomer
};

export function createCustomer(ws: WorkspaceStore, input: Partial<CustomerFields>, ctx: WriteContext): CommandResult<string> {
	return createRecord(ws.customers, CUSTOMER_RULES, input, ctx);
}

export function updateCustomer(ws: WorkspaceStore, id: string, patch: Partial<CustomerFields>, ctx: WriteContext): CommandResult<number> {
	return updateRecord(ws.customers, CUSTOMER_RULES, id, patch, ctx);
}
