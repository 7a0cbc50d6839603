// SLA: local wall-clock time in a zone (DST gaps and overlaps), business time across nights,
// weekends, holidays and make-up days (调休) in Shanghai, New York and Berlin, the first-response
// and resolution clocks with waiting periods, reopening and breaches, and policy validation.
import { describe, expect, it } from 'vitest';
import {
	addBusinessTime,
	businessDayMinutes,
	businessTimeBetween,
	DEFAULT_SLA_POLICY,
	isWorkingDay,
	parseClockTime,
	slaStatus,
	targetMs,
	validateSlaPolicy,
	zonedDay,
	zonedInstant,
	zonedParts,
	type SlaInput,
	type SlaPolicy,
	type StatusChange
} from '../../src/lib/domain/sla';

const H = 3_600_000;
const M = 60_000;
/** An instant written with its offset, e.g. "2025-03-10T10:00+08:00". */
const t = (iso: string) => {
	const ms = Date.parse(iso);
	if (Number.isNaN(ms)) throw new Error(iso);
	return ms;
};
const cst = (local: string) => t(`${local}+08:00`);
const policy = (over: Partial<SlaPolicy> = {}): SlaPolicy => ({ ...DEFAULT_SLA_POLICY, ...over });

// The 2025 public-holiday schedule of the State Council: Spring Festival, Labour Day, National Day.
const CHINA_2025 = policy({
	holidays: [
		'2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04',
		'2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05',
		'2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08'
	],
	makeUpDays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']
});
const NEW_YORK = policy({ timeZone: 'America/New_York' });
const BERLIN_24_7 = policy({ timeZone: 'Europe/Berlin', workWeek: [1, 2, 3, 4, 5, 6, 7], dayStart: '00:00', dayEnd: '24:00' });

describe('local time in a zone', () => {
	it('reads the wall clock and ISO weekday of an instant', () => {
		expect(zonedParts(Date.UTC(2025, 0, 1, 0, 0, 5), 'Asia/Shanghai')).toEqual({ year: 2025, month: 1, day: 1, hour: 8, minute: 0, second: 5, weekday: 3 });
		expect(zonedParts(Date.UTC(2025, 0, 5, 16, 0), 'Asia/Shanghai')).toMatchObject({ day: 6, hour: 0, weekday: 1 });
		expect(zonedParts(Date.UTC(2025, 0, 5, 3, 0), 'America/New_York')).toMatchObject({ day: 4, hour: 22, weekday: 6 });
		expect(zonedDay(Date.UTC(2025, 0, 4, 23, 30), 'Europe/Berlin')).toBe('2025-01-05');
		expect(zonedParts(-1, 'UTC')).toMatchObject({ year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59, weekday: 3 });
	});

	it('finds the instant of a local time, without DST in Shanghai', () => {
		expect(zonedInstant('2025-03-10', 9 * 60, 'Asia/Shanghai')).toBe(Date.UTC(2025, 2, 10, 1, 0));
		expect(zonedInstant('2025-03-10', 0, 'Asia/Shanghai')).toBe(Date.UTC(2025, 2, 9, 16, 0));
		// 24:00 is the next midnight.
		expect(zonedInstant('2025-12-31', 1440, 'Asia/Shanghai')).toBe(Date.UTC(2025, 11, 31, 16, 0));
	});

	it('moves a time in a spring-forward gap forward by the gap', () => {
		// Berlin 2025-03-30: 02:00 CET → 03:00 CEST, so 02:30 does not exist; it becomes 03:30 CEST.
		expect(zonedInstant('2025-03-30', 150, 'Europe/Berlin')).toBe(Date.UTC(2025, 2, 30, 1, 30));
		expect(zonedParts(Date.UTC(2025, 2, 30, 1, 30), 'Europe/Berlin')).toMatchObject({ hour: 3, minute: 30 });
		expect(zonedInstant('2025-03-30', 120, 'Europe/Berlin')).toBe(Date.UTC(2025, 2, 30, 1, 0));
		expect(zonedInstant('2025-03-30', 180, 'Europe/Berlin')).toBe(Date.UTC(2025, 2, 30, 1, 0));
		// New York 2025-03-09: 02:00 EST → 03:00 EDT.
		expect(zonedInstant('2025-03-09', 150, 'America/New_York')).toBe(Date.UTC(2025, 2, 9, 7, 30));
		// Either side of the change the offset is the day's own.
		expect(zonedInstant('2025-03-30', 60, 'Europe/Berlin')).toBe(Date.UTC(2025, 2, 30, 0, 0));
		expect(zonedInstant('2025-03-30', 9 * 60, 'Europe/Berlin')).toBe(Date.UTC(2025, 2, 30, 7, 0));
	});

	it('takes the earlier instant of a time repeated when clocks fall back', () => {
		// Berlin 2025-10-26: 03:00 CEST → 02:00 CET, so 02:30 happens at 00:30Z and again at 01:30Z.
		expect(zonedParts(Date.UTC(2025, 9, 26, 0, 30), 'Europe/Berlin')).toMatchObject({ hour: 2, minute: 30 });
		expect(zonedParts(Date.UTC(2025, 9, 26, 1, 30), 'Europe/Berlin')).toMatchObject({ hour: 2, minute: 30 });
		expect(zonedInstant('2025-10-26', 150, 'Europe/Berlin')).toBe(Date.UTC(2025, 9, 26, 0, 30));
		expect(zonedInstant('2025-10-26', 180, 'Europe/Berlin')).toBe(Date.UTC(2025, 9, 26, 2, 0));
		// New York 2025-11-02: 01:30 happens in EDT (05:30Z) and in EST (06:30Z).
		expect(zonedInstant('2025-11-02', 90, 'America/New_York')).toBe(Date.UTC(2025, 10, 2, 5, 30));
		expect(zonedInstant('2025-11-02', 9 * 60, 'America/New_York')).toBe(Date.UTC(2025, 10, 2, 14, 0));
	});

	it('refuses a malformed day or an unknown zone', () => {
		expect(() => zonedInstant('2025-02-30', 0, 'Asia/Shanghai')).toThrow(RangeError);
		expect(() => zonedInstant('2025-03-10', 0, 'Mars/Olympus')).toThrow(RangeError);
		expect(() => zonedParts(0, 'Mars/Olympus')).toThrow(RangeError);
	});

	it('reads "HH:mm" clock times', () => {
		expect(parseClockTime('09:00')).toBe(540);
		expect(parseClockTime('23:59')).toBe(1439);
		expect(parseClockTime('24:00')).toBe(1440);
		for (const bad of ['9:00', '24:01', '25:00', '12:60', '', '12:00:00', ' 09:00']) expect(parseClockTime(bad)).toBeNull();
	});
});

describe('business time (Mon–Fri 09:00–18:00, Asia/Shanghai)', () => {
	const p = DEFAULT_SLA_POLICY;

	it('counts within a day, across the night and over the weekend', () => {
		expect(addBusinessTime(p, cst('2025-03-10T10:00'), 2 * H)).toBe(cst('2025-03-10T12:00'));
		expect(addBusinessTime(p, cst('2025-03-10T17:00'), 2 * H)).toBe(cst('2025-03-11T10:00'));
		expect(addBusinessTime(p, cst('2025-03-14T17:00'), 2 * H)).toBe(cst('2025-03-17T10:00'));
		expect(addBusinessTime(p, cst('2025-03-15T11:00'), 30 * M)).toBe(cst('2025-03-17T09:30'));
	});

	it('starts counting when the working day starts', () => {
		expect(addBusinessTime(p, cst('2025-03-10T07:00'), H)).toBe(cst('2025-03-10T10:00'));
		expect(addBusinessTime(p, cst('2025-03-10T20:00'), H)).toBe(cst('2025-03-11T10:00'));
		expect(addBusinessTime(p, cst('2025-03-10T00:00'), H)).toBe(cst('2025-03-10T10:00'));
	});

	it('ends a target that fills the day at the end of that day, not the next morning', () => {
		expect(addBusinessTime(p, cst('2025-03-10T09:00'), 9 * H)).toBe(cst('2025-03-10T18:00'));
		expect(addBusinessTime(p, cst('2025-03-15T09:00'), 9 * H)).toBe(cst('2025-03-17T18:00'));
		expect(addBusinessTime(p, cst('2025-03-10T09:00'), 9 * H + 1)).toBe(cst('2025-03-11T09:00') + 1);
	});

	it('keeps the start for no time', () => {
		expect(addBusinessTime(p, cst('2025-03-15T11:00'), 0)).toBe(cst('2025-03-15T11:00'));
		expect(addBusinessTime(p, cst('2025-03-15T11:00'), -5)).toBe(cst('2025-03-15T11:00'));
	});

	it('measures business time between two instants', () => {
		expect(businessTimeBetween(p, cst('2025-03-14T17:00'), cst('2025-03-17T10:00'))).toBe(2 * H);
		expect(businessTimeBetween(p, cst('2025-03-10T00:00'), cst('2025-03-17T00:00'))).toBe(45 * H);
		expect(businessTimeBetween(p, cst('2025-03-15T08:00'), cst('2025-03-16T20:00'))).toBe(0);
		expect(businessTimeBetween(p, cst('2025-03-17T10:00'), cst('2025-03-14T17:00'))).toBe(0);
		expect(businessTimeBetween(p, cst('2025-03-10T12:34'), cst('2025-03-10T12:34'))).toBe(0);
	});

	it('adding and measuring agree', () => {
		const from = cst('2025-03-12T16:27');
		for (const ms of [1, 59 * M, 95 * M, 9 * H, 10 * H, 27 * H, 45 * H + 7]) {
			const due = addBusinessTime(p, from, ms);
			expect(businessTimeBetween(p, from, due)).toBe(ms);
			expect(businessTimeBetween(p, from, due - 1)).toBe(ms - 1);
		}
	});

	it('reports the length of a business day and converts targets', () => {
		expect(businessDayMinutes(p)).toBe(540);
		expect(targetMs({ amount: 1, unit: 'days' }, p)).toBe(9 * H);
		expect(targetMs({ amount: 3, unit: 'days' }, policy({ dayStart: '08:30', dayEnd: '17:00' }))).toBe(3 * 8.5 * H);
		expect(targetMs({ amount: 240, unit: 'minutes' }, p)).toBe(4 * H);
	});
});

describe('holidays and make-up working days (调休)', () => {
	it('skips holidays and works make-up days', () => {
		expect(isWorkingDay(CHINA_2025, '2025-10-01')).toBe(false);
		expect(isWorkingDay(CHINA_2025, '2025-10-09')).toBe(true);
		expect(isWorkingDay(CHINA_2025, '2025-10-11')).toBe(true); // a Saturday
		expect(isWorkingDay(CHINA_2025, '2025-10-12')).toBe(false); // a Sunday
		expect(isWorkingDay(DEFAULT_SLA_POLICY, '2025-10-01')).toBe(true);
		expect(isWorkingDay(DEFAULT_SLA_POLICY, '2025-10-11')).toBe(false);
		expect(isWorkingDay(CHINA_2025, 'not a day')).toBe(false);
	});

	it('carries a due time over National Day to the first working day after it', () => {
		// High priority: resolution in 1 business day (9 h): 2 h on Sep 30, then Oct 1–8 are off.
		expect(addBusinessTime(CHINA_2025, cst('2025-09-30T16:00'), 9 * H)).toBe(cst('2025-10-09T16:00'));
		expect(addBusinessTime(DEFAULT_SLA_POLICY, cst('2025-09-30T16:00'), 9 * H)).toBe(cst('2025-10-01T16:00'));
	});

	it('counts the Saturday make-up day', () => {
		expect(addBusinessTime(CHINA_2025, cst('2025-10-10T16:00'), 9 * H)).toBe(cst('2025-10-11T16:00'));
		expect(addBusinessTime(DEFAULT_SLA_POLICY, cst('2025-10-10T16:00'), 9 * H)).toBe(cst('2025-10-13T16:00'));
		expect(businessTimeBetween(CHINA_2025, cst('2025-09-27T00:00'), cst('2025-09-29T00:00'))).toBe(9 * H);
	});

	it('spans the Spring Festival week with make-up Sunday and Saturday', () => {
		// 5 business days = 45 h from Fri Jan 24 09:00: Jan 24, Sun Jan 26, Jan 27, Feb 5, Feb 6.
		expect(addBusinessTime(CHINA_2025, cst('2025-01-24T09:00'), 45 * H)).toBe(cst('2025-02-06T18:00'));
		expect(businessTimeBetween(CHINA_2025, cst('2025-01-27T18:00'), cst('2025-02-05T09:00'))).toBe(0);
		// Feb 5, 6, 7 and the make-up Saturday Feb 8.
		expect(businessTimeBetween(CHINA_2025, cst('2025-02-01T00:00'), cst('2025-02-10T00:00'))).toBe(4 * 9 * H);
	});

	it('never reaches a target when no day is a working day', () => {
		const none = policy({ workWeek: [], makeUpDays: ['2025-03-15'] });
		expect(addBusinessTime(none, cst('2025-03-10T09:00'), 9 * H)).toBe(cst('2025-03-15T18:00'));
		expect(addBusinessTime(none, cst('2025-03-16T09:00'), H)).toBe(Infinity);
	});
});

describe('business time across daylight-saving changes', () => {
	it('keeps New York working hours at 09:00–18:00 local over the spring-forward weekend', () => {
		// Fri 2025-03-07 17:00 EST + 4 h → 1 h on Friday, 3 h on Monday → Mon 12:00 EDT (16:00Z).
		expect(addBusinessTime(NEW_YORK, t('2025-03-07T17:00-05:00'), 4 * H)).toBe(t('2025-03-10T12:00-04:00'));
		expect(addBusinessTime(NEW_YORK, t('2025-03-07T17:00-05:00'), 4 * H)).toBe(Date.UTC(2025, 2, 10, 16, 0));
		expect(businessTimeBetween(NEW_YORK, t('2025-03-07T00:00-05:00'), t('2025-03-11T00:00-04:00'))).toBe(18 * H);
	});

	it('and over the fall-back weekend', () => {
		expect(addBusinessTime(NEW_YORK, t('2025-10-31T17:00-04:00'), 4 * H)).toBe(t('2025-11-03T12:00-05:00'));
		expect(addBusinessTime(NEW_YORK, t('2025-10-31T17:00-04:00'), 4 * H)).toBe(Date.UTC(2025, 10, 3, 17, 0));
		expect(businessTimeBetween(NEW_YORK, t('2025-10-31T17:00-04:00'), t('2025-11-03T12:00-05:00'))).toBe(4 * H);
	});

	it('counts real time on a 24-hour Berlin day with a DST change: 23 h in March, 25 h in October', () => {
		expect(businessTimeBetween(BERLIN_24_7, zonedInstant('2025-03-30', 0, 'Europe/Berlin'), zonedInstant('2025-03-31', 0, 'Europe/Berlin'))).toBe(23 * H);
		expect(businessTimeBetween(BERLIN_24_7, zonedInstant('2025-10-26', 0, 'Europe/Berlin'), zonedInstant('2025-10-27', 0, 'Europe/Berlin'))).toBe(25 * H);
		// Sat 12:00 CET + 24 h of business time = Sun 13:00 CEST: 24 real hours later.
		expect(addBusinessTime(BERLIN_24_7, t('2025-03-29T12:00+01:00'), 24 * H)).toBe(t('2025-03-30T13:00+02:00'));
		expect(targetMs({ amount: 1, unit: 'days' }, BERLIN_24_7)).toBe(24 * H);
	});

	it('starts a working day that begins in a gap at the end of the gap, and in an overlap at its first occurrence', () => {
		const early = policy({ timeZone: 'Europe/Berlin', workWeek: [1, 2, 3, 4, 5, 6, 7], dayStart: '02:30', dayEnd: '10:00' });
		const day = (d: string) => businessTimeBetween(early, zonedInstant(d, 0, 'Europe/Berlin'), zonedInstant(d, 1440, 'Europe/Berlin'));
		expect(day('2025-03-29')).toBe(7.5 * H);
		expect(day('2025-03-30')).toBe(6.5 * H); // 03:30 CEST to 10:00 CEST
		expect(day('2025-10-26')).toBe(8.5 * H); // 02:30 CEST to 10:00 CET
		expect(addBusinessTime(early, t('2025-03-30T00:00+01:00'), 30 * M)).toBe(t('2025-03-30T04:00+02:00'));
	});
});

describe('SLA clocks', () => {
	const ticket = (over: Partial<SlaInput> = {}): SlaInput => ({ priority: 'normal', createdAt: cst('2025-03-10T10:00'), ...over });
	const go = (status: StatusChange['status'], local: string): StatusChange => ({ status, at: cst(local) });

	it('uses the documented default targets', () => {
		const { targets } = DEFAULT_SLA_POLICY;
		expect(Object.fromEntries(Object.entries(targets).map(([k, v]) => [k, [targetMs(v.firstResponse, DEFAULT_SLA_POLICY) / H, targetMs(v.resolution, DEFAULT_SLA_POLICY) / H]]))).toEqual({
			urgent: [1, 4],
			high: [4, 9],
			normal: [9, 27],
			low: [18, 45]
		});
		expect(DEFAULT_SLA_POLICY).toMatchObject({ timeZone: 'Asia/Shanghai', workWeek: [1, 2, 3, 4, 5], dayStart: '09:00', dayEnd: '18:00', atRiskPercent: 20 });
	});

	it('runs both clocks on a new ticket', () => {
		const s = slaStatus(ticket(), { policy: DEFAULT_SLA_POLICY, now: cst('2025-03-10T12:00') });
		expect(s.status).toBe('open');
		expect(s.state).toBe('onTrack');
		expect(s.firstResponse).toEqual({ target: 9 * H, elapsed: 2 * H, remaining: 7 * H, due: cst('2025-03-11T10:00'), metAt: 0, breached: false, state: 'onTrack' });
		// 27 h: 8 on Monday, 9 on Tuesday, 9 on Wednesday, 1 on Thursday.
		expect(s.resolution).toEqual({ target: 27 * H, elapsed: 2 * H, remaining: 25 * H, due: cst('2025-03-13T10:00'), metAt: 0, breached: false, state: 'onTrack' });
	});

	it('is at risk with less than 20 % of the target left, and breached after the due time', () => {
		const urgent = ticket({ priority: 'urgent' });
		expect(slaStatus(urgent, { policy: DEFAULT_SLA_POLICY, now: cst('2025-03-10T10:47') }).firstResponse.state).toBe('onTrack');
		// Exactly 20 % (12 of 60 min) left is not yet at risk; a second less is.
		expect(slaStatus(urgent, { policy: DEFAULT_SLA_POLICY, now: cst('2025-03-10T10:48') }).firstResponse).toMatchObject({ state: 'onTrack', remaining: 12 * M });
		expect(slaStatus(urgent, { policy: DEFAULT_SLA_POLICY, now: cst('2025-03-10T10:48') + 1000 }).firstResponse.state).toBe('atRisk');
		const risky = slaStatus(urgent, { policy: DEFAULT_SLA_POLICY, now: cst('2025-03-10T10:49') });
		expect(risky.firstResponse).toMatchObject({ state: 'atRisk', remaining: 11 * M, due: cst('2025-03-10T11:00') });
		expect(risky.resolution.state).toBe('onTrack');
		expect(risky.state).toBe('atRisk');
		expect(slaStatus(urgent, { policy: DEFAULT_SLA_POLICY, now: cst('2025-03-10T11:00') }).firstResponse).toMatchObject({ state: 'atRisk', breached: false, remaining: 0 });
		const late = slaStatus(urgent, { policy: DEFAULT_SLA_POLICY, now: cst('2025-03-10T11:01') });
		expect(late.firstResponse).toMatchObject({ state: 'breached', breached: true, remaining: -M, due: cst('2025-03-10T11:00') });
		expect(late.state).toBe('breached');
		expect(slaStatus(urgent, { policy: policy({ atRiskPercent: 0 }), now: cst('2025-03-10T10:59') }).firstResponse.state).toBe('onTrack');
	});

	it('is breached once the due time has passed, even outside working hours', () => {
		// Due Fri 18:00; at 19:00 the business time used equals the target but the time is past.
		const s = slaStatus(ticket({ priority: 'urgent', createdAt: cst('2025-03-14T17:00') }), { policy: DEFAULT_SLA_POLICY, now: cst('2025-03-14T19:00') });
		expect(s.firstResponse).toMatchObject({ elapsed: H, remaining: 0, due: cst('2025-03-14T18:00'), breached: true, state: 'breached' });
		const weekend = slaStatus(ticket({ priority: 'urgent', createdAt: cst('2025-03-14T17:30') }), { policy: DEFAULT_SLA_POLICY, now: cst('2025-03-15T12:00') });
		expect(weekend.firstResponse).toMatchObject({ elapsed: 30 * M, due: cst('2025-03-17T09:30'), state: 'onTrack' });
	});

	it('pauses while waiting on the customer and shifts the due times', () => {
		const history = [go('waitingOnCustomer', '2025-03-10T11:00'), go('inProgress', '2025-03-12T11:00')];
		const t0 = ticket({ createdAt: cst('2025-03-10T09:00'), history });
		// While waiting: 2 h used; due if it resumed now.
		const paused = slaStatus(t0, { policy: DEFAULT_SLA_POLICY, now: cst('2025-03-11T10:00') });
		expect(paused.state).toBe('paused');
		expect(paused.status).toBe('waitingOnCustomer');
		expect(paused.resolution).toMatchObject({ state: 'paused', elapsed: 2 * H, remaining: 25 * H, due: cst('2025-03-13T17:00') });
		// Asking the customer was the first response.
		expect(paused.firstResponse).toMatchObject({ state: 'met', metAt: cst('2025-03-10T11:00'), elapsed: 2 * H, due: cst('2025-03-10T18:00'), breached: false });
		// Back in progress on Wednesday 11:00 with 25 h left: Wed 7, Thu 9, Fri 9 → Fri 18:00 (not Wed 18:00).
		const resumed = slaStatus(t0, { policy: DEFAULT_SLA_POLICY, now: cst('2025-03-12T12:00') });
		expect(resumed.resolution).toMatchObject({ state: 'onTrack', elapsed: 3 * H, remaining: 24 * H, due: cst('2025-03-14T18:00') });
		expect(slaStatus(ticket({ createdAt: cst('2025-03-10T09:00') }), { policy: DEFAULT_SLA_POLICY, now: cst('2025-03-12T12:00') }).resolution.due).toBe(cst('2025-03-12T18:00'));
	});

	it('stays breached when the due time passed before the wait began', () => {
		const s = slaStatus(
			ticket({ priority: 'urgent', createdAt: cst('2025-03-10T09:00'), firstResponseAt: cst('2025-03-10T09:10'), history: [go('waitingOnCustomer', '2025-03-10T14:00')] }),
			{ policy: DEFAULT_SLA_POLICY, now: cst('2025-03-11T09:00') }
		);
		expect(s.resolution).toMatchObject({ state: 'breached', elapsed: 5 * H, remaining: -H, due: cst('2025-03-10T13:00') });
		expect(s.state).toBe('breached');
	});

	it('stops the resolution clock at resolution; a reopen restarts it without the time spent resolved', () => {
		const history = [go('inProgress', '2025-03-10T09:30'), go('resolved', '2025-03-11T10:00'), go('open', '2025-03-12T10:00'), go('resolved', '2025-03-12T12:00'), go('closed', '2025-03-14T09:00')];
		const t0 = ticket({ createdAt: cst('2025-03-10T09:00'), firstResponseAt: cst('2025-03-10T09:40'), history });
		const first = slaStatus(t0, { policy: DEFAULT_SLA_POLICY, now: cst('2025-03-11T15:00') });
		expect(first.resolution).toMatchObject({ state: 'met', metAt: cst('2025-03-11T10:00'), elapsed: 10 * H, remaining: 17 * H });
		expect(first.state).toBe('met');
		const reopened = slaStatus(t0, { policy: DEFAULT_SLA_POLICY, now: cst('2025-03-12T11:00') });
		expect(reopened.status).toBe('open');
		expect(reopened.resolution).toMatchObject({ state: 'onTrack', metAt: 0, elapsed: 11 * H, due: cst('2025-03-13T18:00') });
		// Resolved again, then closed: met at the second resolution.
		const closed = slaStatus(t0, { policy: DEFAULT_SLA_POLICY, now: cst('2025-03-20T09:00') });
		expect(closed.status).toBe('closed');
		expect(closed.resolution).toMatchObject({ state: 'met', metAt: cst('2025-03-12T12:00'), elapsed: 12 * H, breached: false });
		expect(closed.firstResponse).toMatchObject({ state: 'met', metAt: cst('2025-03-10T09:40') });
		// Without the recorded answer, resolving on Tuesday 10:00 (10 h) was a late first response.
		const unanswered = slaStatus({ ...t0, firstResponseAt: 0 }, { policy: DEFAULT_SLA_POLICY, now: cst('2025-03-11T15:00') });
		expect(unanswered.firstResponse).toMatchObject({ state: 'breached', metAt: cst('2025-03-11T10:00'), due: cst('2025-03-10T18:00') });
		expect(unanswered.state).toBe('breached');
		expect(closed.state).toBe('met');
	});

	it('keeps a late resolution breached', () => {
		const s = slaStatus(ticket({ priority: 'urgent', createdAt: cst('2025-03-10T10:00'), firstResponseAt: cst('2025-03-10T10:30'), history: [go('resolved', '2025-03-10T15:00')] }), { policy: DEFAULT_SLA_POLICY, now: cst('2025-03-11T10:00') });
		expect(s.resolution).toMatchObject({ metAt: cst('2025-03-10T15:00'), due: cst('2025-03-10T14:00'), breached: true, state: 'breached', remaining: -H });
		expect(s.firstResponse).toMatchObject({ state: 'met', breached: false });
		expect(s.state).toBe('breached');
	});

	it('takes the recorded first response when it came before any status change', () => {
		const s = slaStatus(ticket({ firstResponseAt: cst('2025-03-10T10:20'), history: [go('waitingOnCustomer', '2025-03-10T15:00')] }), { policy: DEFAULT_SLA_POLICY, now: cst('2025-03-10T16:00') });
		expect(s.firstResponse).toMatchObject({ metAt: cst('2025-03-10T10:20'), elapsed: 20 * M, state: 'met' });
		// In progress is not an answer to the customer.
		const working = slaStatus(ticket({ history: [go('inProgress', '2025-03-10T10:05')] }), { policy: DEFAULT_SLA_POLICY, now: cst('2025-03-10T16:00') });
		expect(working.firstResponse).toMatchObject({ metAt: 0, elapsed: 6 * H, state: 'onTrack' });
	});

	it('answers as of `now`: later changes and a later first response are not yet known', () => {
		const t0 = ticket({ priority: 'urgent', firstResponseAt: cst('2025-03-10T12:00'), history: [go('resolved', '2025-03-10T13:00')] });
		const before = slaStatus(t0, { policy: DEFAULT_SLA_POLICY, now: cst('2025-03-10T10:30') });
		expect(before.status).toBe('open');
		expect(before.firstResponse).toMatchObject({ metAt: 0, elapsed: 30 * M, state: 'onTrack' });
		expect(before.resolution.metAt).toBe(0);
		const after = slaStatus(t0, { policy: DEFAULT_SLA_POLICY, now: cst('2025-03-10T13:30') });
		expect(after.firstResponse).toMatchObject({ metAt: cst('2025-03-10T12:00'), breached: true, due: cst('2025-03-10T11:00') });
		expect(after.resolution).toMatchObject({ metAt: cst('2025-03-10T13:00'), state: 'met' });
	});

	it('reads the history in time order whatever order it is stored in', () => {
		const history = [go('inProgress', '2025-03-12T11:00'), go('waitingOnCustomer', '2025-03-10T11:00')];
		const sorted = [...history].reverse();
		const now = cst('2025-03-12T12:00');
		expect(slaStatus(ticket({ history }), { policy: DEFAULT_SLA_POLICY, now })).toEqual(slaStatus(ticket({ history: sorted }), { policy: DEFAULT_SLA_POLICY, now }));
		// Two changes at the same moment: the later entry wins.
		const same = [go('waitingOnCustomer', '2025-03-10T11:00'), go('inProgress', '2025-03-10T11:00')];
		expect(slaStatus(ticket({ history: same }), { policy: DEFAULT_SLA_POLICY, now }).status).toBe('inProgress');
	});

	it('falls back to the normal targets for an unknown priority', () => {
		const s = slaStatus(ticket({ priority: 'whenever' as SlaInput['priority'] }), { policy: DEFAULT_SLA_POLICY, now: cst('2025-03-10T12:00') });
		expect(s.resolution.target).toBe(27 * H);
	});

	it('computes due times across a DST change and a holiday', () => {
		const ny = slaStatus({ priority: 'urgent', createdAt: t('2025-03-07T17:00-05:00') }, { policy: NEW_YORK, now: t('2025-03-10T09:30-04:00') });
		expect(ny.resolution).toMatchObject({ due: t('2025-03-10T12:00-04:00'), elapsed: 90 * M, state: 'onTrack' });
		expect(ny.firstResponse).toMatchObject({ due: t('2025-03-07T18:00-05:00'), breached: true });
		const high = slaStatus({ priority: 'high', createdAt: cst('2025-09-30T16:00') }, { policy: CHINA_2025, now: cst('2025-10-05T12:00') });
		expect(high.resolution).toMatchObject({ due: cst('2025-10-09T16:00'), elapsed: 2 * H, state: 'onTrack' });
		expect(high.firstResponse).toMatchObject({ due: cst('2025-10-09T11:00'), state: 'onTrack' });
	});

	it('treats a `now` before the ticket existed as its creation', () => {
		const s = slaStatus(ticket(), { policy: DEFAULT_SLA_POLICY, now: cst('2025-03-01T00:00') });
		expect(s.resolution).toMatchObject({ elapsed: 0, due: cst('2025-03-13T10:00') });
	});
});

describe('SLA policy validation', () => {
	it('fills what is left out with the defaults', () => {
		expect(validateSlaPolicy({})).toEqual({ value: DEFAULT_SLA_POLICY, errors: [] });
		expect(validateSlaPolicy(DEFAULT_SLA_POLICY)).toEqual({ value: DEFAULT_SLA_POLICY, errors: [] });
		const { value } = validateSlaPolicy({ targets: { urgent: { firstResponse: { amount: 30, unit: 'minutes' } } } as unknown as SlaPolicy['targets'] });
		expect(value.targets.urgent).toEqual({ firstResponse: { amount: 30, unit: 'minutes' }, resolution: { amount: 240, unit: 'minutes' } });
		expect(value.targets.low).toEqual(DEFAULT_SLA_POLICY.targets.low);
	});

	it('checks and canonicalises the time zone', () => {
		expect(validateSlaPolicy({ timeZone: ' europe/berlin ' })).toMatchObject({ value: { timeZone: 'Europe/Berlin' }, errors: [] });
		expect(validateSlaPolicy({ timeZone: 'Mars/Olympus' }).errors).toEqual([{ field: 'timeZone', code: 'invalidChoice' }]);
		expect(validateSlaPolicy({ timeZone: '' }).errors).toEqual([{ field: 'timeZone', code: 'invalidChoice' }]);
	});

	it('checks the working week', () => {
		expect(validateSlaPolicy({ workWeek: [6, 1, 1, 2] })).toMatchObject({ value: { workWeek: [1, 2, 6] }, errors: [] });
		expect(validateSlaPolicy({ workWeek: [] }).errors).toEqual([{ field: 'workWeek', code: 'required' }]);
		expect(validateSlaPolicy({ workWeek: [0, 1] }).errors).toEqual([{ field: 'workWeek', code: 'invalidChoice' }]);
		expect(validateSlaPolicy({ workWeek: [1.5] }).errors).toEqual([{ field: 'workWeek', code: 'invalidChoice' }]);
	});

	it('checks the working hours', () => {
		expect(validateSlaPolicy({ dayStart: '00:00', dayEnd: '24:00' }).errors).toEqual([]);
		expect(validateSlaPolicy({ dayStart: '9:00' }).errors).toEqual([{ field: 'dayStart', code: 'hoursInvalid' }]);
		expect(validateSlaPolicy({ dayStart: '24:00', dayEnd: '24:00' }).errors).toEqual([{ field: 'dayStart', code: 'hoursInvalid' }]);
		expect(validateSlaPolicy({ dayStart: '18:00', dayEnd: '09:00' }).errors).toEqual([{ field: 'dayEnd', code: 'hoursInvalid' }]);
		expect(validateSlaPolicy({ dayStart: '09:00', dayEnd: '09:00' }).errors).toEqual([{ field: 'dayEnd', code: 'hoursInvalid' }]);
		expect(validateSlaPolicy({ dayEnd: '6pm' }).errors).toEqual([{ field: 'dayEnd', code: 'hoursInvalid' }]);
	});

	it('checks holidays and make-up days, pointing at the entry', () => {
		expect(validateSlaPolicy({ holidays: [' 2025-10-01 ', '2025-10-02'], makeUpDays: ['2025-10-11'] })).toMatchObject({
			value: { holidays: ['2025-10-01', '2025-10-02'], makeUpDays: ['2025-10-11'] },
			errors: []
		});
		expect(validateSlaPolicy({ holidays: ['2025-10-01', '2025-02-30', '10-01', '2025-10-01'] }).errors).toEqual([
			{ field: 'holidays', index: 1, code: 'dateInvalid' },
			{ field: 'holidays', index: 2, code: 'dateInvalid' },
			{ field: 'holidays', index: 3, code: 'duplicateValue' }
		]);
		expect(validateSlaPolicy({ holidays: ['2025-10-01'], makeUpDays: ['2025-10-11', '2025-10-01'] }).errors).toEqual([{ field: 'makeUpDays', index: 1, code: 'duplicateValue' }]);
	});

	it('checks every target and the at-risk share', () => {
		const targets = {
			...DEFAULT_SLA_POLICY.targets,
			urgent: { firstResponse: { amount: 0, unit: 'minutes' }, resolution: { amount: 1.5, unit: 'days' } },
			high: { firstResponse: { amount: 4, unit: 'hours' }, resolution: { amount: 366, unit: 'days' } },
			low: { firstResponse: { amount: 525_600, unit: 'minutes' }, resolution: { amount: 365, unit: 'days' } }
		} as unknown as SlaPolicy['targets'];
		expect(validateSlaPolicy({ targets, atRiskPercent: 101 }).errors).toEqual([
			{ field: 'firstResponse.urgent', code: 'numberInvalid' },
			{ field: 'resolution.urgent', code: 'numberInvalid' },
			{ field: 'firstResponse.high', code: 'invalidChoice' },
			{ field: 'resolution.high', code: 'numberInvalid' },
			{ field: 'atRiskPercent', code: 'numberInvalid' }
		]);
		expect(validateSlaPolicy({ atRiskPercent: 0 }).errors).toEqual([]);
		expect(validateSlaPolicy({ atRiskPercent: 12.5 }).errors).toEqual([{ field: 'atRiskPercent', code: 'numberInvalid' }]);
	});
});
