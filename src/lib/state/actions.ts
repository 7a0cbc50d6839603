// User actions that span workers and UI feedback. Errors end here as one translated toast.
import { t } from '../i18n/index.svelte';
import { saveFile } from './download';
import type { MessageKey } from '../i18n/en';
import {
	CUSTOMER_FIELDS,
	AGE_GROUPS,
	CAPACITIES,
	CUSTOMER_TYPES,
	EDUCATIONS,
	GENDERS,
	KINDS,
	STAGES,
	type CustomerFields,
	type FieldError
} from '../domain/customer';
import { diffFields } from '../domain/record';
import { CONTACT_FIELDS } from '../domain/contact';
import { PRIORITIES, TASK_FIELDS } from '../domain/task';
import type { BulkChange, CommandResult, DataErrorCode, ExportListArgs } from '../worker/protocol';
import { session } from './session.svelte';
import { toasts } from './toasts.svelte';

/** Shows a failure to the user in their language. */
export function handleError(err: unknown): void {
	console.error(err);
	if ((err as { code?: string } | null)?.code === ('readOnly' satisfies DataErrorCode)) {
		toasts.show(t('workspace.readOnly'), { kind: 'error' });
		return;
	}
	toasts.show(t('error.generic', { message: String((err as Error)?.message ?? err) }), { kind: 'error' });
}

function data() {
	const c = session.client;
	if (!c) throw new Error('No workspace is open');
	return c.data;
}

/**
 * Runs a form's save command: field errors go back to the form, other failures to a toast.
 * Resolves to the saved value, or null when the form should stay open.
 */
export async function formCommand<T>(
	command: (c: NonNullable<typeof session.client>) => Promise<CommandResult<T>>,
	onErrors: (errors: FieldError[]) => void
): Promise<{ value: T } | null> {
	const client = session.client;
	if (!client) return null;
	try {
		const res = await command(client);
		if (res.ok) return { value: res.value };
		onErrors(res.errors);
	} catch (e) {
		handleError(e);
	}
	return null;
}

/** Creates a customer from the form; resolves to its id once saved. */
export function createCustomerFromForm(fields: CustomerFields, onErrors: (errors: FieldError[]) => void) {
	return formCommand((c) => c.data.call('createCustomer', { fields }), onErrors);
}

/**
 * Saves only the fields this person changed since the form opened, so a teammate's concurrent
 * edit of another field is not overwritten with the value the form started from.
 */
export function saveCustomerChanges(
	id: string,
	before: CustomerFields,
	fields: CustomerFields,
	onErrors: (errors: FieldError[]) => void,
	stageReason = ''
) {
	const custom = Object.keys(fields).filter((k) => k.startsWith('cf_'));
	const changes = diffFields(before as unknown as Record<string, unknown>, fields as unknown as Record<string, unknown>, [...CUSTOMER_FIELDS, ...custom]);
	const patch = Object.fromEntries(changes.map(([f, , to]) => [f, to])) as Partial<CustomerFields> & { stageReason?: string };
	if (patch.stage !== undefined) patch.stageReason = stageReason;
	return formCommand((c) => c.data.call('updateCustomer', { id, patch }), onErrors);
}

/** Moves a customer to another lifecycle stage; resolves to the problems, or null when done. */
export async function changeCustomerStage(id: string, stage: CustomerFields['stage'], reason: string, winBack: boolean): Promise<FieldError[] | null> {
	let errors: FieldError[] | null = null;
	const res = await formCommand((c) => c.data.call('updateCustomer', { id, patch: { stage, stageReason: reason, winBack } }), (e) => (errors = e));
	if (res) toasts.show(t(winBack ? 'lifecycle.wonBackToast' : 'toast.saved'));
	return errors;
}

/** Applies one change to several customers; says how many changed and how many were refused. */
export async function bulkUpdate(ids: string[], change: BulkChange): Promise<void> {
	try {
		const r = await data().call('bulkUpdateCustomers', { ids, change });
		toasts.show(t('bulk.done', { count: r.changed }));
		if (r.refused) toasts.show(t('bulk.refused', { count: r.refused }), { kind: 'error' });
	} catch (e) {
		handleError(e);
	}
}

/** Hands one member's customers and tasks to another; true when done. */
export async function reassignAll(from: string, to: string): Promise<boolean> {
	try {
		const r = await data().call('reassign', { from, to });
		if (!r.ok) {
			toasts.show(r.errors.map((e) => t(`reassign.${e}` as MessageKey)).join(' '), { kind: 'error' });
			return false;
		}
		toasts.show(t('reassign.done', { customers: r.counts.customers ?? 0, tasks: r.counts.tasks ?? 0, deals: r.counts.deals ?? 0, tickets: r.counts.tickets ?? 0 }));
		return true;
	} catch (e) {
		handleError(e);
		return false;
	}
}

export async function loadSample(customers: number, seed?: number): Promise<number> {
	try {
		const r = await data().call('loadSample', { customers, seed });
		return r.customers;
	} catch (e) {
		handleError(e);
		return 0;
	}
}

/** Moves customers to the Trash and offers to undo it. */
export async function deleteCustomers(ids: string[]): Promise<void> {
	try {
		await data().call('removeCustomers', { ids });
		toasts.show(t('toast.deleted', { count: ids.length }), {
			action: { label: t('toast.undo'), run: () => restoreCustomers(ids, false) }
		});
	} catch (e) {
		handleError(e);
	}
}

export async function restoreCustomers(ids: string[], announce = true): Promise<void> {
	try {
		await data().call('restoreCustomers', { ids });
		if (announce) toasts.show(t('toast.restored', { count: ids.length }));
	} catch (e) {
		handleError(e);
	}
}

const download = saveFile;

function fileStem(): string {
	const name = (session.info?.name ?? 'rapport').replace(/[\\/:*?"<>|]+/g, '_').trim() || 'rapport';
	return `${name}-${new Date().toISOString().slice(0, 10)}`;
}

export async function exportBackup(): Promise<void> {
	try {
		const text = await data().call('exportBackup', undefined);
		download(`${fileStem()}.rapport.json`, text, 'application/json');
	} catch (e) {
		handleError(e);
	}
}

const CSV_CHOICES = {
	customers: { stage: STAGES, type: CUSTOMER_TYPES, kind: KINDS, gender: GENDERS, ageGroup: AGE_GROUPS, education: EDUCATIONS, capacity: CAPACITIES },
	contacts: {},
	tasks: { priority: PRIORITIES }
} as const;
const CSV_FIELDS = { customers: CUSTOMER_FIELDS, contacts: CONTACT_FIELDS, tasks: TASK_FIELDS } as const;

/** Translated column headers and choice labels of a list's export. */
function exportLabels(collection: keyof typeof CSV_FIELDS): { headers: Record<string, string>; values: Record<string, string> } {
	const headers: Record<string, string> = {};
	for (const f of [...CSV_FIELDS[collection], 'createdAt', 'updatedAt']) headers[f] = t(`field.${f}` as MessageKey);
	const values: Record<string, string> = {};
	for (const [field, options] of Object.entries(CSV_CHOICES[collection] as Record<string, readonly string[]>)) {
		for (const o of options) if (o) values[`${field}.${o}`] = t(`${field}.${o}` as MessageKey);
	}
	return { headers, values };
}

/** Exports active customers, contacts or tasks as CSV with translated headers and labels. */
export async function exportCsv(collection: keyof typeof CSV_FIELDS = 'customers'): Promise<void> {
	try {
		const { headers, values } = exportLabels(collection);
		const csv = await data().call('exportCsv', { locale: '', headers, values, collection });
		download(`${fileStem()}-${collection}.csv`, csv, 'text/csv;charset=utf-8');
	} catch (e) {
		handleError(e);
	}
}

export type ExportFormat = ExportListArgs['format'];

const EXPORT_FILES: Record<ExportFormat, { ext: string; type: string }> = {
	csv: { ext: 'csv', type: 'text/csv;charset=utf-8' },
	'csv-gbk': { ext: 'csv', type: 'text/csv;charset=gbk' },
	xlsx: { ext: 'xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
	vcard: { ext: 'vcf', type: 'text/vcard;charset=utf-8' }
};

/** Exports a list as CSV (UTF-8 or GBK), .xlsx, or contacts as vCard. */
export async function exportList(collection: keyof typeof CSV_FIELDS, format: ExportFormat, ids?: string[]): Promise<void> {
	try {
		const bytes = await data().call('exportList', { collection, format, ids, ...exportLabels(collection) });
		const file = EXPORT_FILES[format];
		saveFile(`${fileStem()}-${collection}${format === 'csv-gbk' ? '-gbk' : ''}.${file.ext}`, new Blob([bytes as BlobPart], { type: file.type }), file.type);
	} catch (e) {
		handleError(e);
	}
}
