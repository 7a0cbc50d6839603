// Pieces the generators share: weighted tables, people's names, phone numbers and e-mail
// addresses in the shapes people really use, and the workspace's time window.
import type { Gender, Stage } from '../customer';
import * as P from './pools';
import { Random, weightedTable } from './random';

export const DAY = 86_400_000;

// Strings that outlive the call are built with join(''): it allocates one flat string, where
// `a + b + c` keeps a tree of cons strings (over 12 characters) that the GC then copies around.
// At 100k customers that tree was the largest part of the heap and of the generation time.
export const cat = (...parts: string[]): string => parts.join('');
export const T = <K>(entries: readonly (readonly [K, number])[]) => weightedTable(entries);
export const numeric = <K>(entries: readonly (readonly [K, string])[]) => T(entries.map(([k, n]) => [k, Number(n)] as const));

/** How the customers' stages are mixed (weights). */
export const STAGE_MIX: readonly (readonly [Stage, number])[] = [
	['potential', 35],
	['prospect', 30],
	['customer', 28],
	['lost', 7]
];
/** The share of customers that are organisations (the rest are persons). */
export const ORG_SHARE = 0.7;

export const lower = (list: readonly string[]) => list.map((s) => s.toLowerCase());

// Common surnames really are far more common: weight by rank.
const ZH_SURNAME_T = T(P.ZH_SURNAMES.map((s, i) => [s, 1 / (i + 4)] as const));
const ZH_MAIL_T = numeric(P.ZH_MAIL);
const EN_MAIL_T = numeric(P.EN_MAIL);
const EN_FIRST_F_LC = lower(P.EN_FIRST_FEMALE);
const EN_FIRST_M_LC = lower(P.EN_FIRST_MALE);

/** A person's display name plus the ASCII pieces e-mail addresses are made of. */
export interface Person {
	name: string;
	/** Given name, lower-case ASCII (pinyin or English). */
	first: string;
	/** Family name, lower-case ASCII. */
	last: string;
	zh: boolean;
}

export function zhPerson(rng: Random, gender: Gender): Person {
	const [sur, surPy] = rng.weighted(ZH_SURNAME_T);
	const pool =
		gender === 'female' ? P.ZH_GIVEN_FEMALE : gender === 'male' ? P.ZH_GIVEN_MALE : rng.chance(0.5) ? P.ZH_GIVEN_FEMALE : P.ZH_GIVEN_MALE;
	const [g1, p1] = rng.pick(pool);
	// Compound surnames already make a three-character name; most others get two given characters.
	if (sur.length > 1 || rng.chance(0.3)) return { name: sur + g1, first: p1, last: surPy, zh: true };
	const [g2, p2] = rng.pick(pool);
	return { name: sur + g1 + g2, first: cat(p1, p2), last: surPy, zh: true };
}

export function enPerson(rng: Random, gender: Gender): Person {
	const female = gender === 'female' || (gender !== 'male' && rng.chance(0.5));
	const i = rng.int(0, (female ? P.EN_FIRST_FEMALE : P.EN_FIRST_MALE).length - 1);
	const first = female ? P.EN_FIRST_FEMALE[i] : P.EN_FIRST_MALE[i];
	// Many English-named contacts of Chinese teams are overseas or Hong Kong Chinese.
	const last = rng.chance(0.3) ? rng.pick(P.EN_LAST_CHINESE) : rng.pick(P.EN_LAST);
	return {
		name: cat(first, ' ', last),
		first: female ? EN_FIRST_F_LC[i] : EN_FIRST_M_LC[i],
		last: last.toLowerCase(),
		zh: false
	};
}

export function mobile(rng: Random): string {
	const p = rng.pick(P.MOBILE_PREFIXES);
	const a = rng.digits(4);
	const b = rng.digits(4);
	// The shapes people actually type or paste from business cards and WeChat.
	const f = rng.float();
	if (f < 0.45) return cat(p, a, b);
	if (f < 0.6) return cat(p, '-', a, '-', b);
	if (f < 0.72) return cat(p, ' ', a, ' ', b);
	if (f < 0.84) return cat('+86 ', p, ' ', a, ' ', b);
	if (f < 0.9) return cat('+86', p, a, b);
	if (f < 0.95) return cat('+86-', p, '-', a, '-', b);
	return cat('0086 ', p, a, b);
}

export function landline(rng: Random, area: string): string {
	// Area codes 010 and 02x belong to the biggest cities, whose numbers all have 8 digits.
	const head = String(rng.int(2, 8)) + (area.length === 3 || rng.chance(0.6) ? rng.digits(3) : rng.digits(2));
	const tail = rng.digits(4);
	const f = rng.float();
	const ext = rng.chance(0.12) ? ' 转 ' + rng.int(800, 899) : '';
	if (f < 0.3) return cat('(', area, ') ', head, ' ', tail, ext);
	if (f < 0.6) return cat(area, '-', head, tail, ext);
	if (f < 0.8) return cat(area, '-', head, ' ', tail, ext);
	return cat('+86 ', area.slice(1), ' ', head, ' ', tail, ext);
}

export function foreignPhone(rng: Random, cc: string, area: string): string {
	if (cc === '1') {
		const ex = String(rng.int(200, 999));
		const line = rng.digits(4);
		const f = rng.float();
		if (f < 0.4) return cat('+1 ', area, '-', ex, '-', line);
		if (f < 0.75) return cat('(', area, ') ', ex, '-', line);
		if (f < 0.9) return cat(area, '.', ex, '.', line);
		return cat('+1 (', area, ') ', ex, '-', line, ' ext. ', String(rng.int(10, 299)));
	}
	const head = String(rng.int(2, 9)) + rng.digits(3);
	const tail = rng.digits(4);
	if (rng.chance(0.8)) return cat('+', cc, area === '' ? ' ' : ' ' + area + ' ', head, ' ', tail);
	return cat('+', cc, area === '' ? '-' : '-' + area + '-', head, tail);
}

export function phone(rng: Random, zh: boolean, org: boolean, abroad: boolean, area: string, cc: string): string {
	// Abroad, Chinese customers often keep a mainland mobile; at home people hand out mobiles
	// and companies their switchboard.
	if (abroad) return zh && rng.chance(0.5) ? mobile(rng) : foreignPhone(rng, cc, area);
	return rng.chance(org ? 0.5 : 0.9) ? mobile(rng) : landline(rng, area);
}

export function email(rng: Random, p: Person, org: boolean, domain: string): string {
	const f = rng.float();
	if (domain !== '' && (org || f < 0.4)) {
		// Company mailboxes: a role address or the contact's own.
		const g = rng.float();
		if (org && g < 0.45) return cat(rng.pick(P.ORG_MAILBOXES), '@', domain);
		if (g < 0.7) return cat(p.first, '.', p.last, '@', domain);
		return p.zh ? cat(p.last, p.first, '@', domain) : cat(p.first[0], p.last, '@', domain);
	}
	if (p.zh) {
		// Numeric QQ mailboxes are everywhere on Chinese business cards.
		if (f < 0.65) return cat(String(rng.int(10000, 3999999999)), '@qq.com');
		const year = rng.chance(0.6) ? (rng.chance(0.5) ? String(rng.int(1965, 2002)) : rng.digits(2)) : '';
		return cat(p.last, p.first, year, '@', rng.weighted(ZH_MAIL_T));
	}
	const dot = rng.chance(0.5) ? '.' : '';
	const num = rng.chance(0.3) ? rng.digits(2) : '';
	return cat(p.first, dot, p.last, num, '@', rng.weighted(EN_MAIL_T));
}

/** The timestamp 24 calendar months before `now`. */
export function windowStart(now: number): number {
	const d = new Date(now);
	d.setUTCMonth(d.getUTCMonth() - 24);
	return d.getTime();
}
