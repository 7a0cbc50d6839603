// Turns domain error codes into translated sentences that name the field.
import type { FieldError } from '../domain/customer';
import type { BackupError } from '../store/backup';
import type { MessageKey } from './en';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Labels of the workspace's custom fields by key ("cf_<id>"), kept current by the session. */
export const customLabels = new Map<string, string>();

/** The label of a field as the form shows it ("Phone 2" for the second phone). */
export function fieldLabel(t: T, field: string, index?: number): string {
	const custom = customLabels.get(field);
	if (custom !== undefined) return custom;
	if ((field === 'phones' || field === 'emails') && index !== undefined && index > 0) {
		return t(field === 'phones' ? 'field.phoneN' : 'field.emailN', { n: index + 1 });
	}
	// A field of one row of a list: "Quantity on line 2", "Rate in rate row 1".
	const row = /^(lines|rates)\.(\w+)$/.exec(field);
	if (row) return t(row[1] === 'lines' ? 'field.lineN' : 'field.rateN', { field: t(`field.${row[2]}` as MessageKey), n: (index ?? 0) + 1 });
	return t(`field.${field}` as MessageKey);
}

export function fieldErrorText(t: T, e: FieldError): string {
	return t(`error.${e.code}` as MessageKey, { field: fieldLabel(t, e.field, e.index), max: e.max ?? 0 });
}

export function backupErrorText(t: T, e: BackupError): string {
	const params: Record<string, string | number> =
		e.code === 'badRecord' ? { collection: e.collection, index: e.index + 1 } : e.code === 'newerVersion' ? { version: e.version } : {};
	return t(`backup.${e.code}` as MessageKey, params);
}
