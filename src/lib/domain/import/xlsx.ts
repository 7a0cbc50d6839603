// A small .xlsx reader and writer over fflate's zip. Reads what Excel, LibreOffice and WPS
// write: the first sheet of the workbook, shared strings (rich text runs joined, phonetic runs
// dropped), inline strings, numbers, booleans, formula results, and dates recognised by the
// cell's number format (built-in ids and custom codes), in the 1900 or 1904 date system.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { toTable, type ReadResult } from './table';

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
	return s
		.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
			if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
			return ENTITY[e] ?? m;
		})
		// OOXML escapes characters XML cannot hold as _xHHHH_.
		.replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function attr(tag: string, name: string): string | undefined {
	const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
	return m ? unescapeXml(m[1]) : undefined;
}

/** Text of the <t> elements in a string item, skipping phonetic (<rPh>) runs. */
function itemText(xml: string): string {
	const body = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
	let out = '';
	for (const m of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += unescapeXml(m[1]);
	return out;
}

/** "A" → 0, "Z" → 25, "AA" → 26 … */
export function columnIndex(letters: string): number {
	let n = 0;
	for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
	return n - 1;
}

/** 0 → "A", 26 → "AA" … */
export function columnLetters(index: number): string {
	let s = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
	return s;
}

// Built-in number formats that are dates or times (ECMA-376 18.8.30, plus the ids East Asian
// versions of Excel and WPS use for 年月日 formats).
const DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

function isDateCode(code: string): boolean {
	// Drop quoted text, escapes and colours/conditions before looking for date letters.
	const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
	return /[ymdhs年月日]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

function dateStyles(styles: string | undefined): boolean[] {
	if (!styles) return [];
	const custom = new Map<number, string>();
	for (const m of styles.matchAll(/<numFmt\b[^>]*>/g)) custom.set(Number(attr(m[0], 'numFmtId')), attr(m[0], 'formatCode') ?? '');
	const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
	return [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
		const id = Number(attr(m[0], 'numFmtId') ?? 0);
		return DATE_IDS.has(id) || (custom.has(id) && isDateCode(custom.get(id)!));
	});
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date serial as "YYYY-MM-DD", with " HH:MM" when it has a time of day (or the time alone). */
export function serialToText(serial: number, date1904 = false): string {
	// 1900 system: day 1 is 1900-01-01 and Excel counts a 29 February 1900 that never was.
	let days = Math.floor(serial);
	if (!date1904 && days < 60) days += 1;
	const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
	const ms = epoch + days * 86400000;
	const minutes = Math.round((serial - Math.floor(serial)) * 1440);
	const d = new Date(ms);
	const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
	if (!minutes) return day;
	const time = `${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}`;
	return serial < 1 ? time : `${day} ${time}`;
}

function numberText(v: string): string {
	const n = Number(v);
	// Spreadsheet float noise (0.1+0.2) rounded to 15 significant digits, as Excel shows it.
	return Number.isFinite(n) ? String(Number(n.toPrecision(15))) : v;
}

function sheetPath(files: Record<string, Uint8Array>): string | null {
	const wb = files['xl/workbook.xml'] && strFromU8(files['xl/workbook.xml']);
	const rels = files['xl/_rels/workbook.xml.rels'] && strFromU8(files['xl/_rels/workbook.xml.rels']);
	const first = wb && /<sheet\b[^>]*>/.exec(wb)?.[0];
	const rid = first && attr(first, 'r:id');
	if (rid && rels) {
		for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
			if (attr(m[0], 'Id') !== rid) continue;
			const target = attr(m[0], 'Target') ?? '';
			const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
			if (files[path]) return path;
		}
	}
	if (files['xl/worksheets/sheet1.xml']) return 'xl/worksheets/sheet1.xml';
	return Object.keys(files).find((p) => /^xl\/worksheets\/[^/]+\.xml$/.test(p)) ?? null;
}

/** Reads the first sheet of an .xlsx file. */
export function readXlsx(bytes: Uint8Array): ReadResult {
	let files: Record<string, Uint8Array>;
	try {
		files = unzipSync(bytes, { filter: (f) => f.name.startsWith('xl/') });
	} catch {
		return { ok: false, error: { code: 'notXlsx' } };
	}
	try {
		const path = sheetPath(files);
		if (!path) return { ok: false, error: { code: 'noSheet' } };
		const text = (p: string) => (files[p] ? strFromU8(files[p]) : undefined);
		const sst = text('xl/sharedStrings.xml');
		const shared = sst ? [...sst.matchAll(/<si\b[^>]*>([\s\S]*?)<\/si>|<si\s*\/>/g)].map((m) => itemText(m[1] ?? '')) : [];
		const dates = dateStyles(text('xl/styles.xml'));
		const date1904 = /<workbookPr\b[^>]*date1904="(1|true)"/.test(text('xl/workbook.xml') ?? '');
		const sheet = text(path)!;
		const raw: string[][] = [];
		let next = 0;
		for (const rm of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
			const r = Number(attr(rm[0].slice(0, rm[0].indexOf('>') + 1), 'r') ?? next + 1) - 1;
			while (raw.length < r) raw.push([]);
			next = r + 1;
			const cells: string[] = [];
			let col = 0;
			for (const cm of (rm[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
				const open = `<c${cm[1]}>`;
				const ref = attr(open, 'r');
				if (ref) col = columnIndex(/^[A-Z]+/i.exec(ref)?.[0] ?? 'A');
				const body = cm[2] ?? '';
				const t = attr(open, 't') ?? 'n';
				const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(body)?.[1];
				let value = '';
				if (t === 's') value = v === undefined ? '' : (shared[Number(v)] ?? '');
				else if (t === 'inlineStr') value = itemText(/<is\b[^>]*>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
				else if (t === 'b') value = v === '1' ? 'TRUE' : v === undefined ? '' : 'FALSE';
				else if (t === 'str' || t === 'e' || t === 'd') value = v === undefined ? '' : unescapeXml(v);
				else if (v !== undefined) {
					const s = Number(attr(open, 's') ?? 0);
					value = dates[s] && Number.isFinite(Number(v)) ? serialToText(Number(v), date1904) : numberText(v);
				}
				while (cells.length < col) cells.push('');
				cells[col] = value;
				col++;
			}
			raw[r] = cells;
		}
		return toTable(raw);
	} catch {
		return { ok: false, error: { code: 'unreadable' } };
	}
}

function escapeXml(s: string): string {
	// Characters XML 1.0 cannot hold at all are dropped.
	return s.replace(/[&<>"]/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' } as const)[c as '&']};`).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** Rows (the first is the header) as an .xlsx file: text as inline strings, numbers as numbers. */
export function writeXlsx(rows: readonly (readonly (string | number)[])[], { sheet = 'Sheet1' }: { sheet?: string } = {}): Uint8Array {
	const body = rows
		.map((r, i) => {
			const cells = r
				.map((v, c) => {
					const ref = `${columnLetters(c)}${i + 1}`;
					if (typeof v === 'number' && Number.isFinite(v)) return `<c r="${ref}"><v>${v}</v></c>`;
					const s = String(v);
					return s === '' ? '' : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(s)}</t></is></c>`;
				})
				.join('');
			return `<row r="${i + 1}">${cells}</row>`;
		})
		.join('');
	const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
	const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
	const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
	return zipSync({
		'[Content_Types].xml': strToU8(
			`${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`
		),
		'_rels/.rels': strToU8(`${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
		'xl/workbook.xml': strToU8(`${xml}<workbook ${ns} xmlns:r="${rel}"><sheets><sheet name="${escapeXml(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>`),
		'xl/_rels/workbook.xml.rels': strToU8(`${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
		'xl/worksheets/sheet1.xml': strToU8(`${xml}<worksheet ${ns}><sheetData>${body}</sheetData></worksheet>`)
	});
}
