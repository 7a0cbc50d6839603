import { describe, expect, it } from 'vitest';
import {
	annualDateIn,
	careOccasions,
	contactDates,
	holidayDate,
	holidaysInYear,
	parseMonthDay,
	type PersonalDate,
	type WorkspaceDate
} from '../../src/lib/domain/holidays';

describe('holidays of a year', () => {
	it('lists 2025 in date order', () => {
		expect(holidaysInYear(2025)).toEqual([
			{ key: 'newYear', date: '2025-01-01' },
			{ key: 'springFestival', date: '2025-01-29' },
			{ key: 'lantern', date: '2025-02-12' },
			{ key: 'dragonBoat', date: '2025-05-31' },
			{ key: 'midAutumn', date: '2025-10-06' },
			{ key: 'christmas', date: '2025-12-25' }
		]);
	});
	it('follows the lunar calendar from year to year', () => {
		const table: Array<[number, string, string, string, string]> = [
			// year, Spring Festival, Lantern, Dragon Boat, Mid-Autumn
			[2023, '2023-01-22', '2023-02-05', '2023-06-22', '2023-09-29'],
			[2024, '2024-02-10', '2024-02-24', '2024-06-10', '2024-09-17'],
			[2026, '2026-02-17', '2026-03-03', '2026-06-19', '2026-09-25']
		];
		for (const [year, spring, lantern, dragon, moon] of table) {
			expect(holidayDate('springFestival', year)).toBe(spring);
			expect(holidayDate('lantern', year)).toBe(lantern);
			expect(holidayDate('dragonBoat', year)).toBe(dragon);
			expect(holidayDate('midAutumn', year)).toBe(moon);
		}
	});
	it('keeps only the Gregorian holidays outside the lunar table', () => {
		expect(holidaysInYear(1850).map((h) => h.key)).toEqual(['newYear', 'christmas']);
		expect(holidaysInYear(2150)).toEqual([
			{ key: 'newYear', date: '2150-01-01' },
			{ key: 'christmas', date: '2150-12-25' }
		]);
	});
});

describe('yearly dates', () => {
	it('moves Feb 29 to Feb 28 in other years', () => {
		expect(annualDateIn({ month: 2, day: 29 }, 2024)).toBe('2024-02-29');
		expect(annualDateIn({ month: 2, day: 29 }, 2025)).toBe('2025-02-28');
		expect(annualDateIn({ month: 2, day: 29 }, 1900)).toBe('1900-02-28');
		expect(annualDateIn({ month: 2, day: 29 }, 2000)).toBe('2000-02-29');
	});
	it('refuses month-days that never exist', () => {
		for (const [month, day] of [[4, 31], [2, 30], [13, 1], [0, 5], [1, 0], [1.5, 2]]) {
			expect(annualDateIn({ month, day }, 2024), `${month}-${day}`).toBeNull();
		}
	});
	it('puts a lunar day 30 on day 29 of a short month', () => {
		// 除夕: lunar 2024 ends with a 29-day twelfth month, so New Year's Eve is 12/29.
		expect(annualDateIn({ month: 12, day: 30, lunar: true }, 2024)).toBe('2025-01-28');
		expect(annualDateIn({ month: 12, day: 30, lunar: true }, 2022)).toBe('2023-01-21');
		expect(annualDateIn({ month: 12, day: 31, lunar: true }, 2024)).toBeNull();
		expect(annualDateIn({ month: 1, day: 1, lunar: true }, 2101)).toBeNull();
	});
	it('reads stored month-days', () => {
		expect(parseMonthDay('02-29')).toEqual({ month: 2, day: 29 });
		expect(parseMonthDay(' 1985-03-05 ')).toEqual({ month: 3, day: 5, year: 1985 });
		expect(parseMonthDay('2000-02-29')).toEqual({ month: 2, day: 29, year: 2000 });
		for (const bad of ['1990-02-29', '02-30', '13-01', '3-5', '', '1985/03/05']) expect(parseMonthDay(bad), bad).toBeNull();
	});
	it('collects contacts’ birthdays and anniversaries, skipping empty and broken ones', () => {
		const dates = contactDates([
			{ id: 'c1', name: '王芳', customer: 'k1', birthday: '1985-03-05', anniversary: '' },
			{ id: 'c2', name: '李伟', customer: 'k2', birthday: '02-30', anniversary: '06-18' },
			{ id: 'c3', name: '陈静', customer: '' }
		]);
		expect(dates).toEqual([
			{ kind: 'birthday', contact: 'c1', customer: 'k1', name: '王芳', month: 3, day: 5, year: 1985 },
			{ kind: 'anniversary', contact: 'c2', customer: 'k2', name: '李伟', month: 6, day: 18 }
		]);
	});
});

describe('care occasions in a range', () => {
	it('lists the holidays of a year by date, both bounds included', () => {
		const all = careOccasions('2025-01-01', '2025-12-25');
		expect(all.map((o) => `${o.date} ${o.key}`)).toEqual([
			'2025-01-01 newYear',
			'2025-01-29 springFestival',
			'2025-02-12 lantern',
			'2025-05-31 dragonBoat',
			'2025-10-06 midAutumn',
			'2025-12-25 christmas'
		]);
		expect(careOccasions('2025-01-02', '2025-12-24')).toHaveLength(4);
	});
	it('crosses the turn of the year', () => {
		expect(careOccasions('2025-12-20', '2026-03-05').map((o) => `${o.date} ${o.key}`)).toEqual([
			'2025-12-25 christmas',
			'2026-01-01 newYear',
			'2026-02-17 springFestival',
			'2026-03-03 lantern'
		]);
	});
	it('keeps only the chosen holidays', () => {
		expect(careOccasions('2024-01-01', '2026-12-31', { holidays: ['midAutumn'] }).map((o) => o.date)).toEqual([
			'2024-09-17',
			'2025-10-06',
			'2026-09-25'
		]);
		expect(careOccasions('2024-01-01', '2026-12-31', { holidays: [] })).toEqual([]);
	});
	it('repeats workspace dates yearly, or once when they have a year', () => {
		const dates: WorkspaceDate[] = [
			{ id: 'w1', name: '公司周年庆', month: 6, day: 18 },
			{ id: 'w2', name: '双十一', month: 11, day: 11, year: 2025 },
			{ id: 'w3', name: 'bad', month: 2, day: 29, year: 2025 },
			{ id: 'w4', name: '腊八', month: 12, day: 8, lunar: true }
		];
		const got = careOccasions('2024-06-01', '2026-06-30', { holidays: [], workspaceDates: dates });
		expect(got.map((o) => `${o.date} ${o.key}`)).toEqual([
			'2024-06-18 date.w1',
			'2025-01-07 date.w4',
			'2025-06-18 date.w1',
			'2025-11-11 date.w2',
			'2026-01-26 date.w4',
			'2026-06-18 date.w1'
		]);
		expect(got[0]).toEqual({ type: 'workspace', key: 'date.w1', id: 'w1', name: '公司周年庆', date: '2024-06-18' });
	});
	it('finds a lunar date of the previous lunar year early in January', () => {
		const laba: WorkspaceDate = { id: 'w4', name: '腊八', month: 12, day: 8, lunar: true };
		expect(careOccasions('2025-01-01', '2025-01-31', { holidays: [], workspaceDates: [laba] }).map((o) => o.date)).toEqual(['2025-01-07']);
	});
	it('gives birthdays and anniversaries, with the years when known', () => {
		const people: PersonalDate[] = [
			{ kind: 'birthday', contact: 'c1', customer: 'k1', name: '王芳', month: 2, day: 29, year: 1988 },
			{ kind: 'anniversary', contact: '', customer: 'p9', name: '赵敏', month: 12, day: 25, year: 2025 },
			{ kind: 'birthday', contact: 'c2', customer: 'k1', name: '李伟', month: 12, day: 25 }
		];
		const got = careOccasions('2025-01-01', '2026-12-31', { personalDates: people, holidays: ['christmas'] });
		expect(got).toEqual([
			{ type: 'birthday', key: 'birthday.c1', contact: 'c1', customer: 'k1', name: '王芳', date: '2025-02-28', years: 37 },
			{ type: 'holiday', key: 'christmas', date: '2025-12-25' },
			{ type: 'birthday', key: 'birthday.c2', contact: 'c2', customer: 'k1', name: '李伟', date: '2025-12-25' },
			{ type: 'birthday', key: 'birthday.c1', contact: 'c1', customer: 'k1', name: '王芳', date: '2026-02-28', years: 38 },
			{ type: 'holiday', key: 'christmas', date: '2026-12-25' },
			{ type: 'birthday', key: 'birthday.c2', contact: 'c2', customer: 'k1', name: '李伟', date: '2026-12-25' },
			// The anniversary's own day in 2025 is the event itself, not an anniversary.
			{ type: 'anniversary', key: 'anniversary.p9', contact: '', customer: 'p9', name: '赵敏', date: '2026-12-25', years: 1 }
		]);
		const leap = careOccasions('2028-02-01', '2028-03-01', { personalDates: people, holidays: [] });
		expect(leap.map((o) => o.date)).toEqual(['2028-02-29']);
	});
	it('gives nothing for a reversed or malformed range', () => {
		expect(careOccasions('2025-12-31', '2025-01-01')).toEqual([]);
		expect(careOccasions('2025-02-30', '2025-12-31')).toEqual([]);
		expect(careOccasions('2025-01-01', 'soon')).toEqual([]);
	});
	it('uses keys without ":" so they can be part of a care key', () => {
		const got = careOccasions('2025-01-01', '2025-12-31', {
			workspaceDates: [{ id: 'w1', name: 'x', month: 3, day: 1 }],
			personalDates: [{ kind: 'birthday', contact: 'c1', customer: 'k1', name: 'y', month: 3, day: 1 }]
		});
		expect(got.length).toBe(8);
		for (const o of got) expect(o.key).not.toContain(':');
	});
});
