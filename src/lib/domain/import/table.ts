// What every reader produces: a header row and data rows of text cells, or a file-level problem
// with where it is. Row numbers are the file's own (header = 1), as a spreadsheet shows them.

/** Why a file cannot be read at all; translated as `import.error.<code>`. */
export type FileErrorCode =
	| 'empty'
	| 'headerOnly'
	| 'binary'
	| 'unclosedQuote'
	| 'cellTooLong'
	| 'tooManyColumns'
	| 'notXlsx'
	| 'noSheet'
	| 'notVcard'
	| 'unreadable';

export interface FileError {
	code: FileErrorCode;
	/** 1-based file row (the header is row 1). */
	row?: number;
	/** 1-based column. */
	column?: number;
}

export interface Table {
	headers: string[];
	/** Data rows; each as long as the file row was (ragged rows are kept and reported later). */
	rows: string[][];
	/** The file row number of each data row. */
	lines: number[];
}

export type ReadResult = { ok: true; table: Table } | { ok: false; error: FileError };

/** Excel's own limit for one cell. */
export const MAX_CELL = 32767;
export const MAX_COLUMNS = 500;

/** Turns raw rows (first non-empty one the header) into a Table, or the file-level problem. */
export function toTable(raw: string[][], lineOf: (i: number) => number = (i) => i + 1): ReadResult {
	let h = 0;
	while (h < raw.length && raw[h].every((c) => c.trim() === '')) h++;
	if (h >= raw.length) return { ok: false, error: { code: 'empty' } };
	const headers = raw[h].map((c) => c.trim());
	while (headers.length && headers[headers.length - 1] === '') headers.pop();
	if (headers.length > MAX_COLUMNS) return { ok: false, error: { code: 'tooManyColumns', row: lineOf(h) } };
	const rows: string[][] = [];
	const lines: number[] = [];
	for (let i = h + 1; i < raw.length; i++) {
		const r = raw[i];
		if (r.every((c) => c.trim() === '')) continue;
		for (let c = 0; c < r.length; c++) if (r[c].length > MAX_CELL) return { ok: false, error: { code: 'cellTooLong', row: lineOf(i), column: c + 1 } };
		rows.push(r);
		lines.push(lineOf(i));
	}
	if (!rows.length) return { ok: false, error: { code: 'headerOnly', row: lineOf(h) } };
	return { ok: true, table: { headers, rows, lines } };
}
