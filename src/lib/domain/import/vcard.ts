// vCard 2.1, 3.0 and 4.0 (.vcf, what phones and mail programs export) to contact rows, and
// contacts to vCard 3.0. Handles folded lines, QUOTED-PRINTABLE values with a CHARSET (2.1,
// often GB2312 or Big5 from Chinese phones), escaped commas and semicolons, grouped properties
// ("item1.TEL") and several TEL/EMAIL per card.
import { toTable, type ReadResult } from './table';

/** The columns a vCard becomes (English headers, so the mapping step recognises them). */
export const VCARD_HEADERS = ['Name', 'Title', 'Company', 'Phone', 'Email', 'Address', 'Birthday', 'Notes'] as const;

interface Prop {
	name: string;
	params: Map<string, string[]>;
	value: string;
}

function unescapeValue(s: string): string {
	return s.replace(/\\([nN,;:\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Splits on unescaped `sep`, unescaping each part. */
function split(s: string, sep: string): string[] {
	const out: string[] = [];
	let cur = '';
	for (let i = 0; i < s.length; i++) {
		if (s[i] === '\\' && i + 1 < s.length) cur += s[i] + s[++i];
		else if (s[i] === sep) (out.push(cur), (cur = ''));
		else cur += s[i];
	}
	out.push(cur);
	return out.map(unescapeValue);
}

function decodeQp(value: string, charset: string): string {
	const bytes: number[] = [];
	for (let i = 0; i < value.length; i++) {
		const m = value[i] === '=' ? /^[0-9A-Fa-f]{2}/.exec(value.slice(i + 1, i + 3)) : null;
		if (m) (bytes.push(parseInt(m[0], 16)), (i += 2));
		else bytes.push(...new TextEncoder().encode(value[i]));
	}
	try {
		return new TextDecoder(charset).decode(new Uint8Array(bytes));
	} catch {
		return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
	}
}

/** Physical lines to logical ones: folded continuations and QUOTED-PRINTABLE soft breaks joined. */
function unfold(text: string): string[] {
	const out: string[] = [];
	for (const line of text.split(/\r\n|\r|\n/)) {
		const prev = out.length ? out[out.length - 1] : null;
		if (prev !== null && /^[ \t]/.test(line)) out[out.length - 1] = prev + line.slice(1);
		else if (prev !== null && /ENCODING=QUOTED-PRINTABLE|;QUOTED-PRINTABLE/i.test(prev.slice(0, prev.indexOf(':') + 1)) && prev.endsWith('=')) out[out.length - 1] = prev.slice(0, -1) + line;
		else out.push(line);
	}
	return out;
}

function parseLine(line: string): Prop | null {
	const colon = line.search(/:(?=(?:[^"]*"[^"]*")*[^"]*$)/);
	if (colon < 0) return null;
	const [head, ...paramParts] = line.slice(0, colon).split(';');
	const name = head.replace(/^[^.]*\./, '').toUpperCase();
	const params = new Map<string, string[]>();
	for (const p of paramParts) {
		const eq = p.indexOf('=');
		// vCard 2.1 writes bare parameter values: "TEL;CELL;VOICE:".
		const key = eq < 0 ? (/^(QUOTED-PRINTABLE|BASE64|8BIT|7BIT|B)$/i.test(p) ? 'ENCODING' : 'TYPE') : p.slice(0, eq).toUpperCase();
		const vals = (eq < 0 ? p : p.slice(eq + 1)).replace(/"/g, '').split(',');
		params.set(key, [...(params.get(key) ?? []), ...vals]);
	}
	let value = line.slice(colon + 1);
	const enc = params.get('ENCODING')?.[0]?.toUpperCase();
	if (enc === 'QUOTED-PRINTABLE') value = decodeQp(value, params.get('CHARSET')?.[0] ?? 'utf-8');
	return { name, params, value };
}

function birthday(v: string): string {
	const s = v.trim();
	let m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(s);
	if (m) return `${m[1]}-${m[2]}-${m[3]}`;
	m = /^--(\d{2})-?(\d{2})/.exec(s);
	return m ? `${m[1]}-${m[2]}` : s;
}

const HAN = /\p{Script=Han}/u;

/** The cards of a .vcf file as a table with VCARD_HEADERS; several phones or e-mails joined by "; ". */
export function parseVcards(text: string): ReadResult {
	try {
		const rows: string[][] = [];
		let card: Prop[] | null = null;
		let sawCard = false;
		for (const line of unfold(text.replace(/^\uFEFF/, ''))) {
			if (/^BEGIN:VCARD\s*$/i.test(line)) (card = []), (sawCard = true);
			else if (/^END:VCARD\s*$/i.test(line)) {
				if (card) rows.push(cardRow(card));
				card = null;
			} else if (card && line.trim()) {
				const p = parseLine(line);
				if (p) card.push(p);
			}
		}
		if (!sawCard) return { ok: false, error: { code: text.trim() ? 'notVcard' : 'empty' } };
		return toTable([[...VCARD_HEADERS], ...rows]);
	} catch {
		return { ok: false, error: { code: 'unreadable' } };
	}
}

function cardRow(props: Prop[]): string[] {
	const get = (n: string) => props.filter((p) => p.name === n);
	const first = (n: string) => get(n)[0]?.value ?? '';
	let name = unescapeValue(first('FN')).trim();
	if (!name) {
		const [family = '', given = '', middle = ''] = split(first('N'), ';').map((s) => s.trim());
		// Chinese names are written family name first, without a space.
		name = HAN.test(family + given) ? family + middle + given : [given, middle, family].filter(Boolean).join(' ');
	}
	const org = split(first('ORG'), ';')[0]?.trim() ?? '';
	const phones = get('TEL').map((p) => unescapeValue(p.value).replace(/^tel:/i, '').trim()).filter(Boolean);
	const emails = get('EMAIL').map((p) => unescapeValue(p.value).replace(/^mailto:/i, '').trim()).filter(Boolean);
	const address = get('ADR')
		.map((p) => split(p.value, ';').map((s) => s.trim()).filter(Boolean).join(' '))
		.filter(Boolean)
		.join('\n');
	const notes = get('NOTE').map((p) => unescapeValue(p.value)).join('\n');
	return [name, unescapeValue(first('TITLE')).trim(), org, phones.join('; '), emails.join('; '), address, birthday(first('BDAY')), notes];
}

function escapeValue(s: string): string {
	return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/([,;])/g, '\\$1');
}

/** Folds a line at 75 octets without splitting a character (RFC 6350 3.2). */
function fold(line: string): string {
	const enc = new TextEncoder();
	const parts: string[] = [];
	let cur = '';
	let size = 0;
	for (const ch of line) {
		const n = enc.encode(ch).length;
		if (size + n > (parts.length ? 74 : 75)) (parts.push(cur), (cur = ''), (size = 0));
		cur += ch;
		size += n;
	}
	parts.push(cur);
	return parts.join('\r\n ');
}

export interface VcardContact {
	name: string;
	position?: string;
	company?: string;
	phones?: string[];
	emails?: string[];
	birthday?: string;
	notes?: string;
}

/** Contacts as vCard 3.0 text (UTF-8, CRLF line ends). */
export function writeVcards(contacts: readonly VcardContact[]): string {
	const out: string[] = [];
	for (const c of contacts) {
		const lines = ['BEGIN:VCARD', 'VERSION:3.0', `FN:${escapeValue(c.name)}`];
		// N is required in 3.0; a Chinese name is family name (first character) + given name.
		lines.push(HAN.test(c.name) && !/\s/.test(c.name) ? `N:${escapeValue(c.name.slice(0, 1))};${escapeValue(c.name.slice(1))};;;` : `N:${escapeValue(c.name.split(' ').slice(-1)[0])};${escapeValue(c.name.split(' ').slice(0, -1).join(' '))};;;`);
		if (c.company) lines.push(`ORG:${escapeValue(c.company)}`);
		if (c.position) lines.push(`TITLE:${escapeValue(c.position)}`);
		for (const p of c.phones ?? []) lines.push(`TEL;TYPE=CELL:${escapeValue(p)}`);
		for (const e of c.emails ?? []) lines.push(`EMAIL;TYPE=INTERNET:${escapeValue(e)}`);
		if (c.birthday) lines.push(`BDAY:${/^\d{2}-\d{2}$/.test(c.birthday) ? `--${c.birthday.replace('-', '')}` : c.birthday}`);
		if (c.notes) lines.push(`NOTE:${escapeValue(c.notes)}`);
		lines.push('END:VCARD');
		out.push(lines.map(fold).join('\r\n'));
	}
	return out.join('\r\n') + '\r\n';
}
