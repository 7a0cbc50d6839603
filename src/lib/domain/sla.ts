// Service levels for tickets (工单): per priority, a target time to the first response and to
// the resolution, counted in business time — the workspace's working hours on its working days,
// in its time zone, without its holidays and with its make-up working days (调休) — and paused
// while the ticket waits on the customer.
//
// Business time is real elapsed time inside working hours: a working day runs from the instant
// of its local start to the instant of its local end, so a ticket opened on the Friday before a
// daylight-saving change is due at the right local time on Monday. A target in business days is
// that many times the working day's length (end − start), so "1 business day" from Friday 15:00
// is Monday 15:00. Where a DST change falls inside working hours (24-hour teams) that day is an
// hour shorter or longer in real time than its nominal length.
//
// Local times that do not exist or exist twice resolve like Temporal's "compatible": a time in
// a spring-forward gap moves forward by the gap (02:30 → 03:30), a time in a fall-back overlap
// takes the earlier of its two instants.
import { formatDay, parseDay, toDayNumber } from './lunar';
import type { FieldError } from './validate';

export const TICKET_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const TICKET_STATUSES = ['open', 'inProgress', 'waitingOnCustomer', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses in which the clocks run; waitingOnCustomer pauses them, resolved and closed stop them. */
export const RUNNING_STATUSES: readonly TicketStatus[] = ['open', 'inProgress'];
/** Entering one of these answers the customer: it counts as the first response if none came sooner. */
export const RESPONDED_STATUSES: readonly TicketStatus[] = ['waitingOnCustomer', 'resolved', 'closed'];
const DONE_STATUSES: readonly TicketStatus[] = ['resolved', 'closed'];

export const SLA_UNITS = ['minutes', 'days'] as const;
export type SlaUnit = (typeof SLA_UNITS)[number];

/** A target in business minutes, or in business days (each the length of one working day). */
export interface SlaTarget {
	amount: number;
	unit: SlaUnit;
}

export interface SlaTargets {
	firstResponse: SlaTarget;
	resolution: SlaTarget;
}

export interface SlaPolicy {
	/** IANA time zone the working hours and holidays are in. */
	timeZone: string;
	/** Working weekdays, ISO numbers: 1 = Monday … 7 = Sunday. */
	workWeek: number[];
	/** Start and end of the working day, local "HH:mm"; the end may be "24:00". */
	dayStart: string;
	dayEnd: string;
	/** Days off ("YYYY-MM-DD"), e.g. 国庆节. */
	holidays: string[];
	/** Make-up working days (调休, "YYYY-MM-DD"), worked with the usual hours even on a weekend. */
	makeUpDays: string[];
	targets: Record<TicketPriority, SlaTargets>;
	/** A running clock is at risk when less than this percentage of its target is left (0–100). */
	atRiskPercent: number;
}

const minutes = (amount: number): SlaTarget => ({ amount, unit: 'minutes' });
const days = (amount: number): SlaTarget => ({ amount, unit: 'days' });

/**
 * The targets (urgent 4 h, high 1 business day, normal 3, low 5) are resolution
 * targets; the first response is due sooner: urgent 1 h, high 4 h, normal 1 business day, low 2.
 */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
	timeZone: 'Asia/Shanghai',
	workWeek: [1, 2, 3, 4, 5],
	dayStart: '09:00',
	dayEnd: '18:00',
	holidays: [],
	makeUpDays: [],
	targets: {
		urgent: { firstResponse: minutes(60), resolution: minutes(240) },
		high: { firstResponse: minutes(240), resolution: days(1) },
		normal: { firstResponse: days(1), resolution: days(3) },
		low: { firstResponse: days(2), resolution: days(5) }
	},
	atRiskPercent: 20
};

/** Largest target amounts: a year of business days, or of minutes around the clock. */
export const MAX_TARGET: Record<SlaUnit, number> = { minutes: 60 * 24 * 365, days: 365 };

const MINUTE = 60_000;
const DAY_MS = 86_400_000;

// ——— local wall-clock time in a zone ———

/** Local date and time of an instant in a zone; `weekday` is ISO (1 = Monday … 7 = Sunday). */
export interface ZonedParts {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
		formatters.set(timeZone, f);
	}
	return f;
}

/** ISO weekday of a day number (1970-01-01, day 0, was a Thursday). */
function isoWeekday(n: number): number {
	return ((((n + 3) % 7) + 7) % 7) + 1;
}

/** The local wall-clock parts of instant `ms` in `timeZone` (throws a RangeError for an unknown zone). */
export function zonedParts(ms: number, timeZone: string): ZonedParts {
	const p = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
	for (const part of formatter(timeZone).formatToParts(ms)) {
		if (part.type in p) p[part.type as keyof typeof p] = Number(part.value);
	}
	if (p.hour === 24) p.hour = 0;
	return { ...p, weekday: isoWeekday(toDayNumber(p.year, p.month, p.day)) };
}

/** The local "YYYY-MM-DD" of an instant in a zone. */
export function zonedDay(ms: number, timeZone: string): string {
	return formatDay(zonedParts(ms, timeZone));
}

// Local time minus UTC at an instant, in ms (whole seconds).
function offsetAt(ms: number, timeZone: string): number {
	const p = zonedParts(ms, timeZone);
	const wall = toDayNumber(p.year, p.month, p.day) * DAY_MS + ((p.hour * 60 + p.minute) * 60 + p.second) * 1000;
	return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

// The instant of `minute` minutes after local midnight of day number `n` (see the file comment).
function instantAt(n: number, minute: number, timeZone: string): number {
	const wall = n * DAY_MS + minute * MINUTE;
	// Zones change offset at most once within a day either side of a wall time.
	const before = offsetAt(wall - DAY_MS, timeZone);
	const after = before === offsetAt(wall + DAY_MS, timeZone) ? before : offsetAt(wall + DAY_MS, timeZone);
	const early = wall - before;
	const late = wall - after;
	const earlyOk = offsetAt(early, timeZone) === before;
	const lateOk = offsetAt(late, timeZone) === after;
	if (earlyOk && lateOk) return Math.min(early, late);
	if (lateOk) return late;
	// Valid with the earlier offset, or in a gap: the earlier offset moves it forward by the gap.
	return early;
}

/**
 * The instant (epoch ms) of local time `minutes` after midnight of `day` ("YYYY-MM-DD") in
 * `timeZone`; 1440 is the next midnight. A time skipped by DST moves forward by the gap; a
 * repeated one takes its first occurrence. Throws a RangeError for a malformed day or zone.
 */
export function zonedInstant(day: string, minutes: number, timeZone: string): number {
	const d = parseDay(day);
	if (!d) throw new RangeError(`not a day: ${day}`);
	return instantAt(toDayNumber(d.year, d.month, d.day), minutes, timeZone);
}

// ——— business time ———

const TIME_RE = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

/** Minutes after midnight of a "HH:mm" time ("24:00" = 1440), or null when malformed. */
export function parseClockTime(s: string): number | null {
	const m = TIME_RE.exec(s);
	if (!m) return null;
	return Number(m[1] ?? m[3]) * 60 + Number(m[2] ?? m[4]);
}

// Past this many days without working time a target is unreachable (Infinity).
const MAX_SCAN_DAYS = 40_000;

type Span = readonly [number, number];

// A working day's hours as instants depend only on the zone and the hours, so they are shared
// by every policy object (settings snapshots are often new objects); the cache is bounded.
const spans = new Map<string, Map<number, Span | null>>();
const SPAN_CACHE_DAYS = 50_000;
let spanCount = 0;

function spanCache(zone: string, start: number, end: number): Map<number, Span | null> {
	const key = `${zone}|${start}|${end}`;
	let days = spans.get(key);
	if (!days) spans.set(key, (days = new Map()));
	return days;
}

function daySpan(days: Map<number, Span | null>, zone: string, start: number, end: number, n: number): Span | null {
	let span = days.get(n);
	if (span !== undefined) return span;
	if (spanCount >= SPAN_CACHE_DAYS) {
		for (const d of spans.values()) d.clear();
		spanCount = 0;
	}
	const s = instantAt(n, start, zone);
	const e = instantAt(n, end, zone);
	span = e > s ? [s, e] : null;
	days.set(n, span);
	spanCount++;
	return span;
}

// The local day of an instant is its UTC day or one either side (offsets stay within ±14 h), so
// scans start a day early and end a day late rather than asking Intl; the extra days add nothing.
const utcDay = (ms: number) => Math.floor(ms / DAY_MS);

/** Working days and hours of a policy. */
class BusinessCalendar {
	readonly #zone: string;
	readonly #start: number;
	readonly #end: number;
	readonly #week: Set<number>;
	readonly #off: Set<number>;
	readonly #on: Set<number>;
	readonly #spans: Map<number, Span | null>;

	constructor(policy: SlaPolicy) {
		this.#zone = policy.timeZone;
		this.#start = parseClockTime(policy.dayStart) ?? 0;
		this.#end = parseClockTime(policy.dayEnd) ?? 0;
		this.#week = new Set(policy.workWeek);
		const dayNumbers = (list: readonly string[]) =>
			new Set(list.map(parseDay).flatMap((d) => (d ? [toDayNumber(d.year, d.month, d.day)] : [])));
		this.#off = dayNumbers(policy.holidays);
		this.#on = dayNumbers(policy.makeUpDays);
		this.#spans = spanCache(this.#zone, this.#start, this.#end);
	}

	/** The working hours of day number `n` as instants, or null on a day off. */
	hours(n: number): Span | null {
		const working = this.#on.has(n) || (!this.#off.has(n) && this.#week.has(isoWeekday(n)));
		return working ? daySpan(this.#spans, this.#zone, this.#start, this.#end, n) : null;
	}

	/** The first instant by which `ms` of business time has passed since `from`. */
	add(from: number, ms: number): number {
		if (!(ms > 0)) return from;
		let left = ms;
		for (let n = utcDay(from) - 1, i = 0; i < MAX_SCAN_DAYS; n++, i++) {
			const h = this.hours(n);
			if (!h) continue;
			const s = Math.max(h[0], from);
			if (s >= h[1]) continue;
			if (h[1] - s >= left) return s + left;
			left -= h[1] - s;
		}
		return Infinity;
	}

	/** Business time (ms) from `a` to `b`. */
	between(a: number, b: number): number {
		if (!(b > a)) return 0;
		let sum = 0;
		const last = utcDay(b) + 1;
		for (let n = utcDay(a) - 1; n <= last; n++) {
			const h = this.hours(n);
			if (!h) continue;
			const s = Math.max(h[0], a);
			const e = Math.min(h[1], b);
			if (e > s) sum += e - s;
		}
		return sum;
	}
}

const calendars = new WeakMap<SlaPolicy, BusinessCalendar>();

function calendarOf(policy: SlaPolicy): BusinessCalendar {
	let c = calendars.get(policy);
	if (!c) calendars.set(policy, (c = new BusinessCalendar(policy)));
	return c;
}

/** Whether local day "YYYY-MM-DD" is a working day under the policy. */
export function isWorkingDay(policy: SlaPolicy, day: string): boolean {
	const d = parseDay(day);
	return d !== null && calendarOf(policy).hours(toDayNumber(d.year, d.month, d.day)) !== null;
}

/**
 * The first instant by which `ms` of business time has passed since `from` (`from` itself for
 * 0; Infinity when the policy has no working time left within a century).
 */
export function addBusinessTime(policy: SlaPolicy, from: number, ms: number): number {
	return calendarOf(policy).add(from, ms);
}

/** Business time (ms) between two instants; 0 when `to` is not after `from`. */
export function businessTimeBetween(policy: SlaPolicy, from: number, to: number): number {
	return calendarOf(policy).between(from, to);
}

/** Length of one working day in minutes. */
export function businessDayMinutes(policy: Pick<SlaPolicy, 'dayStart' | 'dayEnd'>): number {
	return Math.max(0, (parseClockTime(policy.dayEnd) ?? 0) - (parseClockTime(policy.dayStart) ?? 0));
}

/** A target in business ms. */
export function targetMs(target: SlaTarget, policy: Pick<SlaPolicy, 'dayStart' | 'dayEnd'>): number {
	return target.amount * (target.unit === 'days' ? businessDayMinutes(policy) : 1) * MINUTE;
}

// ——— the clocks of a ticket ———

/** A status the ticket entered, and when (epoch ms). */
export interface StatusChange {
	status: TicketStatus;
	at: number;
}

export interface SlaInput {
	priority: TicketPriority;
	createdAt: number;
	/** Status changes, in any order; before the first the ticket is open. */
	history?: readonly StatusChange[];
	/** When the customer first got an answer; 0 = not yet. */
	firstResponseAt?: number;
}

/** met: stopped within target; paused: waiting on the customer; atRisk: running with little left. */
export type SlaClockState = 'met' | 'breached' | 'atRisk' | 'onTrack' | 'paused';

export interface SlaClock {
	/** The target in business ms. */
	target: number;
	/** Business time counted so far (until met, or now). */
	elapsed: number;
	/** target − elapsed in business ms; negative when over. */
	remaining: number;
	/**
	 * When the target is (or was) reached: the fixed instant once it has passed; while paused,
	 * the due time if the clock resumed now; once met, the due time it was held to.
	 */
	due: number;
	/** When it stopped: the first response or the resolution (0 = not yet). */
	metAt: number;
	/** The clock ran past its due time (even if met later). */
	breached: boolean;
	state: SlaClockState;
}

/** A ticket's SLA state for lists and filters: breached if either clock is. */
export type TicketSlaState = 'breached' | 'atRisk' | 'onTrack' | 'paused' | 'met';
export const TICKET_SLA_STATES = ['breached', 'atRisk', 'onTrack', 'paused', 'met'] as const satisfies readonly TicketSlaState[];

export interface SlaStatus {
	/** The status at `now`. */
	status: TicketStatus;
	firstResponse: SlaClock;
	resolution: SlaClock;
	state: TicketSlaState;
}

function runClock(cal: BusinessCalendar, runs: readonly Span[], target: number, mode: 'running' | 'paused' | 'met', end: number, atRiskPercent: number): Omit<SlaClock, 'metAt'> {
	let remaining = target;
	let elapsed = 0;
	let due = 0;
	let breached = false;
	for (const [s, e] of runs) {
		const b = cal.between(s, e);
		elapsed += b;
		if (breached) continue;
		const d = cal.add(s, remaining);
		if (d < e) {
			breached = true;
			due = d;
		} else remaining -= b;
	}
	// Not reached yet: due once the remaining time has run from where the clock stands.
	if (!breached) due = cal.add(end, remaining);
	const left = target - elapsed;
	const state: SlaClockState = breached
		? 'breached'
		: mode === 'met'
			? 'met'
			: mode === 'paused'
				? 'paused'
				: left * 100 < target * atRiskPercent
					? 'atRisk'
					: 'onTrack';
	return { target, elapsed, remaining: left, due, breached, state };
}

/**
 * A ticket's first-response and resolution clocks at `now` (changes after `now` are ignored).
 * Both run while the ticket is open or in progress; waiting on the customer pauses them;
 * resolved and closed stop the resolution clock (a reopen restarts it, and the time spent
 * resolved does not count). The first response is `firstResponseAt`, or the first time the
 * ticket went to waiting on customer, resolved or closed, whichever came first. An unknown
 * priority uses the normal targets.
 */
export function slaStatus(input: SlaInput, { policy, now: at }: { policy: SlaPolicy; now: number }): SlaStatus {
	const cal = calendarOf(policy);
	const created = input.createdAt;
	const now = Math.max(at, created);
	const changes = (input.history ?? [])
		.map((c, i) => ({ ...c, i }))
		.filter((c) => c.at <= now && TICKET_STATUSES.includes(c.status))
		.sort((a, b) => a.at - b.at || a.i - b.i);

	// Periods in one status, in order; the last one lasts until now.
	const periods: Array<{ status: TicketStatus; from: number; to: number }> = [];
	let status: TicketStatus = 'open';
	let from = created;
	for (const c of changes) {
		const at = Math.max(c.at, created);
		if (at > from) periods.push({ status, from, to: at });
		status = c.status;
		from = at;
	}
	periods.push({ status, from, to: now });

	const given = input.firstResponseAt ?? 0;
	let responded = given > 0 && given <= now ? Math.max(given, created) : Infinity;
	const firstAnswer = periods.find((p) => RESPONDED_STATUSES.includes(p.status));
	if (firstAnswer) responded = Math.min(responded, firstAnswer.from);

	let resolved = 0;
	for (let i = periods.length - 1; i >= 0 && DONE_STATUSES.includes(periods[i].status); i--) resolved = periods[i].from;

	const running = periods.filter((p) => RUNNING_STATUSES.includes(p.status));
	const runsUntil = (stop: number): Span[] => running.filter((p) => p.from < stop).map((p) => [p.from, Math.min(p.to, stop)]);
	const modeOf = (metAt: number) => (metAt ? 'met' : RUNNING_STATUSES.includes(status) ? 'running' : 'paused');
	const targets = policy.targets[input.priority] ?? policy.targets.normal;

	const frMet = Number.isFinite(responded) ? responded : 0;
	const frStop = frMet || now;
	const firstResponse = { ...runClock(cal, runsUntil(frStop), targetMs(targets.firstResponse, policy), modeOf(frMet), frStop, policy.atRiskPercent), metAt: frMet };
	const resStop = resolved || now;
	const resolution = { ...runClock(cal, runsUntil(resStop), targetMs(targets.resolution, policy), modeOf(resolved), resStop, policy.atRiskPercent), metAt: resolved };

	const state: TicketSlaState =
		firstResponse.breached || resolution.breached
			? 'breached'
			: DONE_STATUSES.includes(status)
				? 'met'
				: status === 'waitingOnCustomer'
					? 'paused'
					: firstResponse.state === 'atRisk' || resolution.state === 'atRisk'
						? 'atRisk'
						: 'onTrack';
	return { status, firstResponse, resolution, state };
}

// ——— validation ———

function validZone(zone: string): string | null {
	try {
		return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
	} catch {
		return null;
	}
}

function dayList(field: 'holidays' | 'makeUpDays', raw: readonly unknown[] | undefined, errors: FieldError[], taken = new Set<string>()): string[] {
	const seen = new Set<string>();
	return (raw ?? []).map((r, index) => {
		const day = String(r ?? '').trim();
		if (!parseDay(day)) errors.push({ field, index, code: 'dateInvalid' });
		else if (seen.has(day) || taken.has(day)) errors.push({ field, index, code: 'duplicateValue' });
		seen.add(day);
		return day;
	});
}

/**
 * Checks an SLA policy; fields left out take the defaults. Errors: "timeZone" invalidChoice
 * (not an IANA zone; the value is its canonical name); "workWeek" required (no day) or
 * invalidChoice (not 1–7); "dayStart"/"dayEnd" hoursInvalid (not "HH:mm", or the end not after
 * the start); "holidays"/"makeUpDays" with the index: dateInvalid, or duplicateValue for a day
 * listed twice or both as a holiday and a make-up day; "firstResponse.<priority>" /
 * "resolution.<priority>": numberInvalid (a whole number from 1 to MAX_TARGET) or invalidChoice
 * (unit); "atRiskPercent" numberInvalid (a whole number 0–100).
 */
export function validateSlaPolicy(input: Partial<SlaPolicy>): { value: SlaPolicy; errors: FieldError[] } {
	const errors: FieldError[] = [];
	const d = DEFAULT_SLA_POLICY;

	let timeZone = String(input.timeZone ?? d.timeZone).trim();
	const zone = validZone(timeZone);
	if (zone === null) errors.push({ field: 'timeZone', code: 'invalidChoice' });
	else timeZone = zone;

	const week = input.workWeek ?? d.workWeek;
	if (!week.length) errors.push({ field: 'workWeek', code: 'required' });
	else if (week.some((n) => !Number.isInteger(n) || n < 1 || n > 7)) errors.push({ field: 'workWeek', code: 'invalidChoice' });
	const workWeek = [...new Set(week)].sort((a, b) => a - b);

	const dayStart = String(input.dayStart ?? d.dayStart).trim();
	const dayEnd = String(input.dayEnd ?? d.dayEnd).trim();
	const start = parseClockTime(dayStart);
	const end = parseClockTime(dayEnd);
	if (start === null || start === 1440) errors.push({ field: 'dayStart', code: 'hoursInvalid' });
	if (end === null || (start !== null && start !== 1440 && end <= start)) errors.push({ field: 'dayEnd', code: 'hoursInvalid' });

	const holidays = dayList('holidays', input.holidays ?? d.holidays, errors);
	const makeUpDays = dayList('makeUpDays', input.makeUpDays ?? d.makeUpDays, errors, new Set(holidays));

	const targets = {} as Record<TicketPriority, SlaTargets>;
	for (const p of TICKET_PRIORITIES) {
		const given = input.targets?.[p];
		const t: SlaTargets = { firstResponse: { ...d.targets[p].firstResponse }, resolution: { ...d.targets[p].resolution } };
		for (const kind of ['firstResponse', 'resolution'] as const) {
			const raw = given?.[kind];
			if (!raw) continue;
			const amount = Number(raw.amount);
			const unit = raw.unit;
			if (!SLA_UNITS.includes(unit)) errors.push({ field: `${kind}.${p}`, code: 'invalidChoice' });
			else if (!Number.isInteger(amount) || amount < 1 || amount > MAX_TARGET[unit]) errors.push({ field: `${kind}.${p}`, code: 'numberInvalid' });
			t[kind] = { amount, unit };
		}
		targets[p] = t;
	}

	const atRiskPercent = Number(input.atRiskPercent ?? d.atRiskPercent);
	if (!Number.isInteger(atRiskPercent) || atRiskPercent < 0 || atRiskPercent > 100) errors.push({ field: 'atRiskPercent', code: 'numberInvalid' });

	return { value: { timeZone, workWeek, dayStart, dayEnd, holidays, makeUpDays, targets, atRiskPercent }, errors };
}
