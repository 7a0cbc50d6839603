// Export encoders: CSV as UTF-8 with a byte order mark (what current spreadsheet programs
// detect) or GBK (what older Chinese Excel versions open without asking), .xlsx, vCard 3.0.
import { toCsv } from '../csv';
import { encodeLegacy } from './legacy-encoder';

export { writeXlsx } from './xlsx';
export { writeVcards } from './vcard';

export type CsvEncoding = 'utf-8' | 'gbk';

/** Rows (the first is the header) as CSV bytes in the chosen encoding. */
export function encodeCsv(rows: readonly (readonly string[])[], encoding: CsvEncoding = 'utf-8'): Uint8Array {
	const text = toCsv(rows);
	return encoding === 'gbk' ? encodeLegacy(text.slice(1), 'gbk') : new TextEncoder().encode(text);
}
