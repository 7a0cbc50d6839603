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
	let rest: string | null = null;
	if (d.startsWith('0086')) rest = d.slice(4);
	else if (/^\s*\+\s*86/.test(s.normalize('NFKC')) || (d.startsWith('86') && d.length === 13 && d[2] === '1')) rest = d.slice(2);
	if (rest === null) return d;
	// Without the country code a mobile is its 11 digits; a landline takes its trunk 0 back,
	// so "+86 21 5555 1234" matches "021-5555 1234".
	return rest.startsWith('1') && rest.length === 11 ? rest : `0${rest.replace(/^0/, '')}`;
}

/** E-mail for matching: trimmed, NFKC, lower case. */
export function normalizeEmail(s: string): string {
	return foldText(s.trim());
}
