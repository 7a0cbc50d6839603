// The care calendar: the holidays a team sends greetings on, the workspace's own dates, and
// contacts' birthdays and anniversaries, as "YYYY-MM-DD" days in a date range.
import { daysInMonth, formatDay, isSolarDate, lunarMonthDays, lunarToSolar, parseDay } from './lunar';

export const HOLIDAY_KEYS = ['newYear', 'springFestival', 'lantern', 'dragonBoat', 'midAutumn', 'christmas'] as const;
export type HolidayKey = (typeof HOLIDAY_KEYS)[number];

/** Month and day of each holiday; `lunar` ones follow the lunar calendar (农历). */
const HOLIDAY_RULES: Record<HolidayKey, AnnualDate> = {
	newYear: { month: 1, day: 1 },
	springFestival: { month: 1, day: 1, lunar: true },
	lantern: { month: 1, day: 15, lunar: true },
	dragonBoat: { month: 5, day: 5, lunar: true },
	midAutumn: { month: 8, day: 15, lunar: true },
	christmas: { month: 12, day: 25 }
};

/** A date that comes back every year, on the Gregorian or (with `lunar`) the lunar calendar. */
export interface AnnualDate {
	month: number;
	day: number;
	lunar?: boolean;
}

/** One of the workspace's own dates (founding day, a trade fair): yearly, or once when `year` is set. */
export interface WorkspaceDate extends AnnualDate {
	id: string;
	name: string;
	year?: number;
}

export const PERSONAL_KINDS = ['birthday', 'anniversary'] as const;
export type PersonalKind = (typeof PERSONAL_KINDS)[number];

/** A person's yearly date: a contact's, or a person customer's own (then `contact` is ''). */
export interface PersonalDate extends AnnualDate {
	kind: PersonalKind;
	contact: string;
	/** The customer the greeting is for: the contact's company, or the person customer. */
	customer: string;
	/** The person's name, for the task title. */
	name: string;
	/** Year of birth or of the event, when known: occasions then carry the count of years. */
	year?: number;
}

/** A day worth a greeting. `key` is stable from year to year and contains no ":". */
export type Occasion =
	| { type: 'holiday'; key: HolidayKey; date: string }
	| { type: 'workspace'; key: string; id: string; name: string; date: string }
	| {
			type: PersonalKind;
			key: string;
			contact: string;
			customer: string;
			name: string;
			date: string;
			/** Age at the birthday, or years since the anniversary, when the year is known. */
			years?: number;
	  };

/**
 * The Gregorian day a yearly date falls on in `year` (for lunar dates, the lunar year), or
 * null when there is none. Feb 29 falls on Feb 28 in other years; a lunar day 30 falls on
 * day 29 of a short month; a lunar date never falls in a leap month (闰月).
 */
export function annualDateIn(d: AnnualDate, year: number): string | null {
	if (!Number.isInteger(d.month) || !Number.isInteger(d.day) || d.month < 1 || d.month > 12 || d.day < 1) return null;
	if (d.lunar) {
		const len = lunarMonthDays(year, d.month);
		if (!len || d.day > 30) return null;
		const s = lunarToSolar(year, d.month, Math.min(d.day, len));
		return s && formatDay(s);
	}
	if (!isSolarDate(2000, d.month, d.day)) return null;
	return formatDay({ year, month: d.month, day: Math.min(d.day, daysInMonth(year, d.month)) });
}

/** The day a holiday falls on in a Gregorian year, or null when it cannot be computed. */
export function holidayDate(key: HolidayKey, year: number): string | null {
	return annualDateIn(HOLIDAY_RULES[key], year);
}

/** The holidays of a Gregorian year in date order (lunar ones only within 1900–2100). */
export function holidaysInYear(year: number): Array<{ key: HolidayKey; date: string }> {
	const out: Array<{ key: HolidayKey; date: string }> = [];
	for (const key of HOLIDAY_KEYS) {
		const date = holidayDate(key, year);
		if (date) out.push({ key, date });
	}
	return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** A stored "MM-DD" or "YYYY-MM-DD" (as on a contact's birthday), or null when it is not a real day. */
export function parseMonthDay(s: string): { month: number; day: number; year?: number } | null {
	const m = /^(?:(\d{4})-)?(\d{2})-(\d{2})$/.exec(s.trim());
	if (!m) return null;
	const month = Number(m[2]);
	const day = Number(m[3]);
	if (!m[1]) return isSolarDate(2000, month, day) ? { month, day } : null;
	const year = Number(m[1]);
	return isSolarDate(year, month, day) ? { month, day, year } : null;
}

/** The birthdays and anniversaries stored on contacts ("MM-DD" or "YYYY-MM-DD"; others skipped). */
export function contactDates(
	contacts: Iterable<{ id: string; name: string; customer: string; birthday?: string; anniversary?: string }>
): PersonalDate[] {
	const out: PersonalDate[] = [];
	for (const c of contacts) {
		for (const kind of PERSONAL_KINDS) {
			const d = parseMonthDay(c[kind] ?? '');
			if (d) out.push({ kind, contact: c.id, customer: c.customer, name: c.name, ...d });
		}
	}
	return out;
}

export interface CareCalendarOptions {
	/** Which holidays to include; all by default. */
	holidays?: readonly HolidayKey[];
	workspaceDates?: readonly WorkspaceDate[];
	personalDates?: readonly PersonalDate[];
}

const TYPE_ORDER: Record<Occasion['type'], number> = { holiday: 0, workspace: 1, birthday: 2, anniversary: 3 };

/**
 * Every occasion from `from` to `to` ("YYYY-MM-DD", both included), by date; holidays first
 * on a shared day. Empty when either bound is not a real day or `from` is after `to`.
 */
export function careOccasions(from: string, to: string, opts: CareCalendarOptions = {}): Occasion[] {
	const start = parseDay(from);
	const end = parseDay(to);
	if (!start || !end || from > to) return [];
	const out: Occasion[] = [];
	const inRange = (date: string | null): date is string => date !== null && date >= from && date <= to;
	// A lunar date late in lunar year Y falls early in Gregorian year Y + 1, so start a year sooner.
	const years = (d: AnnualDate) => {
		const ys: number[] = [];
		for (let y = start.year - (d.lunar ? 1 : 0); y <= end.year; y++) ys.push(y);
		return ys;
	};

	const holidays = opts.holidays ?? HOLIDAY_KEYS;
	for (const key of HOLIDAY_KEYS) {
		if (!holidays.includes(key)) continue;
		for (const y of years(HOLIDAY_RULES[key])) {
			const date = holidayDate(key, y);
			if (inRange(date)) out.push({ type: 'holiday', key, date });
		}
	}
	for (const w of opts.workspaceDates ?? []) {
		const base = { type: 'workspace', key: `date.${w.id}`, id: w.id, name: w.name } as const;
		if (w.year !== undefined) {
			// A one-off date is a real calendar day, never moved to a neighbour.
			const once = { year: w.year, month: w.month, day: w.day };
			const s = w.lunar ? lunarToSolar(once.year, once.month, once.day) : isSolarDate(once.year, once.month, once.day) ? once : null;
			const date = s && formatDay(s);
			if (inRange(date)) out.push({ ...base, date });
			continue;
		}
		for (const y of years(w)) {
			const date = annualDateIn(w, y);
			if (inRange(date)) out.push({ ...base, date });
		}
	}
	for (const p of opts.personalDates ?? []) {
		const base = { type: p.kind, key: `${p.kind}.${p.contact || p.customer}`, contact: p.contact, customer: p.customer, name: p.name };
		for (const y of years(p)) {
			const date = annualDateIn(p, y);
			if (!inRange(date)) continue;
			// The first occasion is a year after the event itself (or a birth).
			if (p.year !== undefined) {
				const years = y - p.year;
				if (years >= 1) out.push({ ...base, date, years });
			} else out.push({ ...base, date });
		}
	}
	return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
}
