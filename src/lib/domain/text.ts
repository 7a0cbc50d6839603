// Text normalisation shared by search, matching and validation. Pure functions.

/** Lower-cased NFKC form: full-width letters and digits become half-width. */
export function foldText(s: string): string {
	return s.normalize('NFKC').toLowerCase();
}

/** Only the digits of a string (after full-width folding). */
export function digitsOnly(s: string): string {
	return s.normalize('NFKC').replace(/\D+/g, '');
}

/**
 * A phone number reduced to the digits that identify it, so "+86 138-0013-8000",
 * "0086 13800138000" and "(138) 0013 8000" all match "13800138000".
 */
export function normalizePhone(s: string): string {
	const d = digitsOnly(s);
	if (d.startsWith('0086') && d.length > 12) return d.slice(4);
	if (d.startsWith('86') && d.length === 13 && d[2] === '1') return d.slice(2);
	return d;
}

/** E-mail for matching: trimmed, NFKC, lower case. */
export function normalizeEmail(s: string): string {
	return foldText(s.trim());
}
