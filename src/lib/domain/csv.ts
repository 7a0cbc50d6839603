// CSV writing (RFC 4180). Parsing, which is where the hard cases are, comes from a library
// in the import feature; writing is a few lines and needs none.

function cell(v: string): string {
	return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Rows to CSV text with a UTF-8 byte order mark, so spreadsheet programs detect UTF-8. */
export function toCsv(rows: readonly (readonly string[])[]): string {
	return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
