// Import messages: file errors and row problems as sentences that say where (row, column).
import { fieldLabel } from './errors';
import type { RowProblem } from '../domain/import/rows';
import type { FileError } from '../domain/import/table';
import type { MessageKey } from './en';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A target field's name in the mapping step. */
export function targetLabel(t: T, field: string): string {
	return field === 'orderNo' || field === 'member' ? t(`import.field.${field}` as MessageKey) : fieldLabel(t, field);
}

export function fileErrorText(t: T, e: FileError): string {
	return t(`import.error.${e.code}` as MessageKey, { row: e.row ?? 0, column: e.column ?? 0 });
}

/** "Row 3, column 2 (手机): 手机 is not a valid phone number…" */
export function problemText(t: T, p: RowProblem, header: string): string {
	const field = header || (p.field ? targetLabel(t, p.field.replace(/^lines\./, '')) : '');
	const own = p.code === 'ownerUnknown' || p.code === 'customerUnknown' || p.code === 'tooManyCells' || p.code === 'duplicateInFile';
	let reason = own ? t(`import.problem.${p.code}` as MessageKey, { field, other: p.other ?? 0 }) : t(`error.${p.code}` as MessageKey, { field, max: p.max ?? 0 });
	if (p.warning) reason = t('import.warning', { text: reason });
	return p.column ? t('import.problem', { row: p.line, column: p.column, reason }) : t('import.problemRow', { row: p.line, reason });
}
