// Calendar arithmetic: Gregorian days as plain numbers and the Chinese lunisolar calendar
// (农历) for lunar years 1900–2100. Pure integer maths, no Date and no time zones: a day is
// the civil day in China, which is the day greetings are sent on.

/** A Gregorian calendar day. */
export interface SolarDate {
	year: number;
	month: number;
	day: number;
}

/** A lunar calendar day; `leap` marks a day of the year's intercalary month (闰月). */
export interface LunarDate extends SolarDate {
	leap: boolean;
}

export const LUNAR_FIRST_YEAR = 1900;
export const LUNAR_LAST_YEAR = 2100;

/**
 * One entry per lunar year from 1900: bits 15…4 are months 1…12 (set = 30 days, clear = 29),
 * bits 3…0 the leap month (0 = none) and bit 16 the leap month's length (set = 30 days).
 * Checked day by day against ICU's astronomical Chinese calendar in the tests; where the two
 * differ (new moons within minutes of midnight, and the pre-1929 local-time years) this table
 * follows the calendar as published, e.g. Spring Festival 2027-02-06 and 闰六月 in 1987.
 */
const YEAR_INFO = [
	0x04bd8, 0x04ae0, 0x0a570, 0x054d5, 0x0d260, 0x0d950, 0x16554, 0x056a0, 0x09ad0, 0x055d2, // 1900
	0x04ae0, 0x0a5b6, 0x0a4d0, 0x0d250, 0x1d255, 0x0b540, 0x0d6a0, 0x0ada2, 0x095b0, 0x14977, // 1910
	0x04970, 0x0a4b0, 0x0b4b5, 0x06a50, 0x06d40, 0x1ab54, 0x02b60, 0x09570, 0x052f2, 0x04970, // 1920
	0x06566, 0x0d4a0, 0x0ea50, 0x16a95, 0x05ad0, 0x02b60, 0x186e3, 0x092e0, 0x1c8d7, 0x0c950, // 1930
	0x0d4a0, 0x1d8a6, 0x0b550, 0x056a0, 0x1a5b4, 0x025d0, 0x092d0, 0x0d2b2, 0x0a950, 0x0b557, // 1940
	0x06ca0, 0x0b550, 0x15355, 0x04da0, 0x0a5b0, 0x14573, 0x052b0, 0x0a9a8, 0x0e950, 0x06aa0, // 1950
	0x0aea6, 0x0ab50, 0x04b60, 0x0aae4, 0x0a570, 0x05260, 0x0f263, 0x0d950, 0x05b57, 0x056a0, // 1960
	0x096d0, 0x04dd5, 0x04ad0, 0x0a4d0, 0x0d4d4, 0x0d250, 0x0d558, 0x0b540, 0x0b6a0, 0x195a6, // 1970
	0x095b0, 0x049b0, 0x0a974, 0x0a4b0, 0x0b27a, 0x06a50, 0x06d40, 0x0af46, 0x0ab60, 0x09570, // 1980
	0x04af5, 0x04970, 0x064b0, 0x074a3, 0x0ea50, 0x06b58, 0x05ac0, 0x0ab60, 0x096d5, 0x092e0, // 1990
	0x0c960, 0x0d954, 0x0d4a0, 0x0da50, 0x07552, 0x056a0, 0x0abb7, 0x025d0, 0x092d0, 0x0cab5, // 2000
	0x0a950, 0x0b4a0, 0x0baa4, 0x0ad50, 0x055d9, 0x04ba0, 0x0a5b0, 0x15176, 0x052b0, 0x0a930, // 2010
	0x07954, 0x06aa0, 0x0ad50, 0x05b52, 0x04b60, 0x0a6e6, 0x0a4e0, 0x0d260, 0x0ea65, 0x0d530, // 2020
	0x05aa0, 0x076a3, 0x096d0, 0x04afb, 0x04ad0, 0x0a4d0, 0x1d0b6, 0x0d250, 0x0d520, 0x0dd45, // 2030
	0x0b5a0, 0x056d0, 0x055b2, 0x049b0, 0x0a577, 0x0a4b0, 0x0aa50, 0x1b255, 0x06d20, 0x0ada0, // 2040
	0x14b63, 0x09370, 0x049f8, 0x04970, 0x064b0, 0x168a6, 0x0ea50, 0x06b20, 0x1a6c4, 0x0aae0, // 2050
	0x092e0, 0x0d2e3, 0x0c960, 0x0d557, 0x0d4a0, 0x0da50, 0x05d55, 0x056a0, 0x0a6d0, 0x055d4, // 2060
	0x052d0, 0x0a9b8, 0x0a950, 0x0b4a0, 0x0b6a6, 0x0ad50, 0x055a0, 0x0aba4, 0x0a5b0, 0x052b0, // 2070
	0x0b273, 0x06930, 0x07337, 0x06aa0, 0x0ad50, 0x14b55, 0x04b60, 0x0a570, 0x054e4, 0x0d160, // 2080
	0x0e968, 0x0d520, 0x0daa0, 0x16aa6, 0x056d0, 0x04ae0, 0x0a9d4, 0x0a2d0, 0x0d150, 0x0f252, // 2090
	0x0d520 // 2100
];

/** True for a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a Gregorian month (1–12). */
export function daysInMonth(year: number, month: number): number {
	return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** True when year, month and day are integers naming a real Gregorian day. */
export function isSolarDate(year: number, month: number, day: number): boolean {
	return (
		Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
		month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
	);
}

/** Days since 1970-01-01 (proleptic Gregorian; negative before 1970). */
export function toDayNumber(year: number, month: number, day: number): number {
	// Howard Hinnant's days_from_civil: years start in March so leap days fall at the end.
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146097 + doe - 719468;
}

/** The Gregorian day a day number names (the inverse of `toDayNumber`). */
export function fromDayNumber(n: number): SolarDate {
	const z = n + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** "YYYY-MM-DD" for a Gregorian day. */
export function formatDay({ year, month, day }: SolarDate): string {
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The day a "YYYY-MM-DD" string names, or null when it is malformed or not a real day. */
export function parseDay(s: string): SolarDate | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	if (!m) return null;
	const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
	return isSolarDate(d.year, d.month, d.day) ? d : null;
}

/** The "YYYY-MM-DD" day `n` days after (or before, when negative) a valid "YYYY-MM-DD" day. */
export function addDays(day: string, n: number): string {
	const d = parseDay(day);
	if (!d) throw new RangeError(`not a day: ${day}`);
	return formatDay(fromDayNumber(toDayNumber(d.year, d.month, d.day) + n));
}

function info(year: number): number {
	return YEAR_INFO[year - LUNAR_FIRST_YEAR];
}

function inRange(year: number): boolean {
	return Number.isInteger(year) && year >= LUNAR_FIRST_YEAR && year <= LUNAR_LAST_YEAR;
}

/** The leap month of a lunar year (1–12), or 0 when it has none or is out of range. */
export function leapMonth(year: number): number {
	return inRange(year) ? info(year) & 0xf : 0;
}

/** Days in a lunar month (29 or 30), or 0 when that month does not exist. */
export function lunarMonthDays(year: number, month: number, leap = false): number {
	if (!inRange(year) || !Number.isInteger(month) || month < 1 || month > 12) return 0;
	if (leap) return leapMonth(year) === month ? (info(year) & 0x10000 ? 30 : 29) : 0;
	return info(year) & (0x10000 >> month) ? 30 : 29;
}

/** The months of a lunar year in order, the leap month right after its namesake. */
function monthsOf(year: number): Array<{ month: number; leap: boolean; days: number }> {
	const out = [];
	const leap = leapMonth(year);
	for (let month = 1; month <= 12; month++) {
		out.push({ month, leap: false, days: lunarMonthDays(year, month) });
		if (month === leap) out.push({ month, leap: true, days: lunarMonthDays(year, month, true) });
	}
	return out;
}

/** Days in a lunar year (353–385), or 0 out of range. */
export function lunarYearDays(year: number): number {
	return inRange(year) ? monthsOf(year).reduce((sum, m) => sum + m.days, 0) : 0;
}

// Day number of lunar new year for each year 1900…2101 (the last is the end of the range).
const NEW_YEAR: number[] = [toDayNumber(1900, 1, 31)];
for (let y = LUNAR_FIRST_YEAR; y <= LUNAR_LAST_YEAR; y++) NEW_YEAR.push(NEW_YEAR[NEW_YEAR.length - 1] + lunarYearDays(y));

/**
 * The Gregorian day of a lunar date, or null when the date does not exist: a year out of
 * 1900–2100, day 30 of a 29-day month, or `leap` for a month that is not that year's leap month.
 */
export function lunarToSolar(year: number, month: number, day: number, leap = false): SolarDate | null {
	const len = lunarMonthDays(year, month, leap);
	if (!len || !Number.isInteger(day) || day < 1 || day > len) return null;
	let n = NEW_YEAR[year - LUNAR_FIRST_YEAR];
	for (const m of monthsOf(year)) {
		if (m.month === month && m.leap === leap) break;
		n += m.days;
	}
	return fromDayNumber(n + day - 1);
}

/** The lunar date of a Gregorian day, or null when it is not a real day or is out of range. */
export function solarToLunar(year: number, month: number, day: number): LunarDate | null {
	if (!isSolarDate(year, month, day)) return null;
	const n = toDayNumber(year, month, day);
	if (n < NEW_YEAR[0] || n >= NEW_YEAR[NEW_YEAR.length - 1]) return null;
	// A lunar year averages a solar year, so the estimate is close; the loops correct it.
	let y = Math.min(LUNAR_LAST_YEAR, LUNAR_FIRST_YEAR + Math.floor((n - NEW_YEAR[0]) / 365.25));
	while (NEW_YEAR[y - LUNAR_FIRST_YEAR] > n) y--;
	while (NEW_YEAR[y + 1 - LUNAR_FIRST_YEAR] <= n) y++;
	let rest = n - NEW_YEAR[y - LUNAR_FIRST_YEAR];
	for (const m of monthsOf(y)) {
		if (rest < m.days) return { year: y, month: m.month, day: rest + 1, leap: m.leap };
		rest -= m.days;
	}
	return null; // unreachable: the year's months add up to its length
}
