// CSV and TSV text to a Table with papaparse (delimiter detected among comma, tab, semicolon
// and bar). File-level problems come back as codes with the row; nothing throws.
import Papa from 'papaparse';
import { MAX_CELL, toTable, type ReadResult } from './table';

// Control characters other than tab and line breaks, or many replacement marks: not text.
function looksBinary(text: string): boolean {
	const sample = text.slice(0, 65536);
	let bad = 0;
	for (let i = 0; i < sample.length; i++) {
		const c = sample.charCodeAt(i);
		if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
	}
	return bad > 0 && bad >= Math.max(2, sample.length * 0.01);
}

/** Parses CSV/TSV text; `delimiter` overrides detection. */
export function parseCsv(text: string, { delimiter = '' }: { delimiter?: string } = {}): ReadResult {
	try {
		if (text.trim() === '') return { ok: false, error: { code: 'empty' } };
		if (looksBinary(text)) return { ok: false, error: { code: 'binary' } };
		const res = Papa.parse<string[]>(text, { delimiter, delimitersToGuess: [',', '\t', ';', '|'], skipEmptyLines: false });
		// papaparse reports an unclosed quote by the data row it started in.
		const quote = res.errors.find((e) => e.type === 'Quotes');
		if (quote) return { ok: false, error: { code: 'unclosedQuote', row: (quote.row ?? 0) + 1 } };
		const raw = res.data;
		for (let i = 0; i < raw.length; i++) {
			const r = raw[i];
			for (let c = 0; c < r.length; c++) if (r[c].length > MAX_CELL) return { ok: false, error: { code: 'cellTooLong', row: i + 1, column: c + 1 } };
		}
		return toTable(raw);
	} catch {
		return { ok: false, error: { code: 'unreadable' } };
	}
}
