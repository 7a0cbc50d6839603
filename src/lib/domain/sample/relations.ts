// Contacts, tasks and activities of the standard workspace, hung off its customers.
//
// Each generator walks the customers in order and draws each one's records (how many depends
// on the customer's stage, age and engagement), so with the default ratios the records of a
// smaller workspace are a prefix of a larger one's. An explicit count scales the ratio to it
// and is then met exactly: the walk stops there, or goes round the customers again when one
// pass gives too few (so explicit counts are deterministic, but not prefixes of each other).

import type { Activity, ActivityType, Channel, Outcome } from '../activity';
import type { Contact } from '../contact';
import type { Customer, Stage } from '../customer';
import { daysInMonth, fromDayNumber, lunarToSolar, toDayNumber } from '../lunar';
import type { Priority, Task } from '../task';
import { normalizePhone } from '../text';
import { cat, DAY, email, enPerson, foreignPhone, landline, mobile, numeric, ORG_SHARE, STAGE_MIX, T, zhPerson } from './parts';
import * as P from './pools';
import type { Random } from './random';
import type { WeightedTable } from './random';

/** Records per customer when no count is given. */
export const RATIOS = { contacts: 0.2, tasks: 0.1, activities: 3 } as const;

const HOUR = 3_600_000;
const CJK = /[\u4e00-\u9fff]/;

/** What the relation generators need to know about the customers, worked out once. */
export interface Accounts {
	customers: readonly Customer[];
	memberIds: readonly string[];
	now: number;
	/** Start of the 24-month window, and its first day (days since the epoch, UTC). */
	start: number;
	startDay: number;
	/** 1 where the customer's name is Chinese: its people and notes are mostly Chinese too. */
	zh: Uint8Array;
	/** How much the team deals with each customer (mean 1): key accounts get far more of everything. */
	engagement: Float64Array;
	/** Contact ids by customer index, filled in by `generateContacts`. */
	contacts: Map<number, string[]>;
}

/** Works out the per-customer facts; `rng` is the engagement stream (one draw pair per customer). */
export function accounts(rng: Random, customers: readonly Customer[], memberIds: readonly string[], now: number, start: number): Accounts {
	const zh = new Uint8Array(customers.length);
	const engagement = new Float64Array(customers.length);
	for (let i = 0; i < customers.length; i++) {
		zh[i] = CJK.test(customers[i].name) ? 1 : 0;
		// Log-normal with mean 1 (σ = 0.9): most accounts are quiet, a few are very busy.
		const z = Math.sqrt(-2 * Math.log(1 - rng.float())) * Math.cos(2 * Math.PI * rng.float());
		engagement[i] = Math.exp(0.9 * z - 0.405);
	}
	return { customers, memberIds, now, start, startDay: Math.floor(start / DAY), zh, engagement, contacts: new Map() };
}

/** Stage factors scaled so that their mean over the customers' stage mix is 1. */
export function stageFactors(w: Record<Stage, number>): Record<Stage, number> {
	let total = 0;
	let sum = 0;
	for (const [stage, share] of STAGE_MIX) {
		total += share;
		sum += share * w[stage];
	}
	const out = { ...w };
	for (const s of Object.keys(out) as Stage[]) out[s] = (w[s] * total) / sum;
	return out;
}

export function poisson(rng: Random, lambda: number): number {
	let k = 0;
	// Knuth's method underflows for large means; a sum of Poisson draws is Poisson.
	for (; lambda > 30; lambda -= 30) k += poisson(rng, 30);
	const limit = Math.exp(-lambda);
	for (let p = rng.float(); p > limit; p *= rng.float()) k++;
	return k;
}

/**
 * Walks the customers in order, drawing each one's number of records from `lambda` (given the
 * records per customer: `exact` spread over the customers, else `ratio`) and asking `make(i)`
 * for each; stops after `exact` records when given (going round again while there are too
 * few), else after one pass.
 */
export function walk<R>(
	acc: Accounts,
	rng: Random,
	exact: number | undefined,
	ratio: number,
	lambda: (c: Customer, i: number, ratio: number) => number,
	make: (i: number) => R
): R[] {
	const out: R[] = [];
	const limit = exact ?? Infinity;
	const n = acc.customers.length;
	const perCustomer = exact === undefined || n === 0 ? ratio : exact / n;
	while (out.length < limit) {
		const before = out.length;
		for (let i = 0; i < n && out.length < limit; i++) {
			const l = lambda(acc.customers[i], i, perCustomer);
			const k = l > 0 ? poisson(rng, l) : 0;
			for (let m = 0; m < k && out.length < limit; m++) out.push(make(i));
		}
		if (exact === undefined || out.length === before) break;
	}
	return out;
}

const pick = <T>(rng: Random, list: readonly T[]) => list[Math.floor(rng.float() * list.length)];
const someone = (rng: Random, acc: Accounts, owner: string, p: number) => (rng.chance(p) ? owner : pick(rng, acc.memberIds));
/** A moment after `t` and before `now`, skewed towards `t`. */
const later = (rng: Random, t: number, now: number, power: number) => t + Math.floor((now - t) * rng.float() ** power);

/** A moment in the customer's life, most often in its first weeks (`burst` share, mean 10 days). */
function lifeTime(rng: Random, createdAt: number, now: number, burst: number): number {
	const t = rng.chance(burst) ? createdAt + Math.floor(-Math.log(1 - rng.float()) * 10 * DAY) : createdAt + rng.between(0, now - createdAt);
	return t < now ? t : createdAt + rng.between(0, now - createdAt);
}

/** Moves a Saturday or Sunday to the Friday before, with probability `p`. */
function weekday(rng: Random, day: number, p: number): number {
	const dow = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
	return (dow === 0 || dow === 6) && rng.chance(p) ? day - (dow === 6 ? 1 : 2) : day;
}

/** A time on `day` in office hours in China (09:00–18:00 UTC+8), or now and then any time. */
export function officeTime(rng: Random, day: number): number {
	return day * DAY + (rng.chance(0.9) ? HOUR + rng.between(0, 9 * HOUR) : rng.between(0, DAY));
}

// ——— contacts ———

const CONTACT_STAGE = stageFactors({ potential: 0.6, prospect: 1, customer: 1.5, lost: 0.8 });
const ZH_POSITION_T = numeric(P.ZH_POSITIONS);
const EN_POSITION_T = numeric(P.EN_POSITIONS);
const FREE_MAIL = new Set([...P.ZH_MAIL, ...P.EN_MAIL].map(([d]) => d));
/** City → [country calling code ('' on the mainland), area code]. */
const PLACES = new Map<string, readonly [string, string]>([
	...P.CN_REGIONS.flatMap((r) => r.cities.map(([city, area]) => [city, ['', area]] as const)),
	...P.FOREIGN_REGIONS.flatMap((r) => r.cities.map(([city, cc, area]) => [city, [cc, area]] as const))
]);
const PAD2 = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

/** The company's own mail domain, taken from the customer's addresses; '' when it has none. */
function companyDomain(c: Customer): string {
	for (const e of c.emails) {
		const d = e.slice(e.indexOf('@') + 1);
		if (!FREE_MAIL.has(d)) return d;
	}
	return '';
}

/** "MM-DD", or now and then "YYYY-MM-DD". */
function yearlyDay(rng: Random, withYear: boolean): string {
	const m = rng.int(1, 12);
	const d = rng.int(1, daysInMonth(2001, m));
	return withYear ? cat(String(rng.int(1960, 1998)), '-', PAD2[m], '-', PAD2[d]) : cat(PAD2[m], '-', PAD2[d]);
}

function makeContact(rng: Random, acc: Accounts, i: number): Contact {
	const c = acc.customers[i];
	const zh = acc.zh[i] === 1 ? rng.chance(0.92) : rng.chance(0.1);
	const person = zh ? zhPerson(rng, rng.chance(0.5) ? 'female' : 'male') : enPerson(rng, rng.chance(0.5) ? 'female' : 'male');
	const [cc, area] = PLACES.get(c.city) ?? ['', '010'];
	let phones: string[] = [];
	if (rng.chance(0.88)) {
		const p0 = cc === '' || (zh && rng.chance(0.5)) ? mobile(rng) : foreignPhone(rng, cc, area);
		phones = [p0];
		if (rng.chance(0.2)) {
			const p1 = cc === '' ? landline(rng, area) : foreignPhone(rng, cc, area);
			if (normalizePhone(p1) !== normalizePhone(p0)) phones = [p0, p1];
		}
	}
	let emails: string[] = [];
	if (rng.chance(0.7)) {
		const domain = companyDomain(c);
		if (domain !== '' && rng.chance(0.75)) {
			const f = rng.float();
			emails = [
				f < 0.5 ? cat(person.first, '.', person.last, '@', domain) : person.zh ? cat(person.last, person.first, '@', domain) : cat(person.first[0], person.last, '@', domain)
			];
		} else emails = [email(rng, person, false, '')];
	}
	const b = rng.float();
	const birthday = b < 0.3 ? yearlyDay(rng, false) : b < 0.35 ? yearlyDay(rng, true) : '';
	const anniversary = rng.chance(0.04) ? yearlyDay(rng, false) : '';
	const notes = rng.chance(0.15) ? pick(rng, zh ? P.ZH_CONTACT_NOTES : P.EN_CONTACT_NOTES) : '';
	const createdAt = lifeTime(rng, c.createdAt, acc.now, 0.6);
	return {
		id: rng.uuid(),
		name: person.name,
		position: rng.chance(0.9) ? rng.weighted(zh ? ZH_POSITION_T : EN_POSITION_T) : '',
		customer: c.id,
		phones,
		emails,
		birthday,
		anniversary,
		notes,
		createdAt,
		createdBy: someone(rng, acc, c.owner, 0.85),
		updatedAt: rng.chance(0.7) ? createdAt : later(rng, createdAt, acc.now, 1.5),
		updatedBy: someone(rng, acc, c.owner, 0.8)
	};
}

/** Contact persons of organisation customers, about `RATIOS.contacts` per customer. */
export function generateContacts(rng: Random, acc: Accounts, exact?: number): Contact[] {
	return walk(
		acc,
		rng,
		exact,
		RATIOS.contacts,
		(c, i, ratio) => (c.kind === 'organization' ? (ratio / ORG_SHARE) * CONTACT_STAGE[c.stage] * (0.6 + 0.4 * acc.engagement[i]) : 0),
		(i) => {
			const contact = makeContact(rng, acc, i);
			const list = acc.contacts.get(i);
			if (list) list.push(contact.id);
			else acc.contacts.set(i, [contact.id]);
			return contact;
		}
	);
}

// ——— tasks ———

const TASK_STAGE = stageFactors({ potential: 0.6, prospect: 1.3, customer: 1.4, lost: 0.3 });
const PRIORITY_T = T<Priority>([
	['high', 20],
	['normal', 65],
	['low', 15]
]);
const REMINDERS = [15, 30, 60, 1440];

function makeTask(rng: Random, acc: Accounts, i: number): Task {
	const c = acc.customers[i];
	const { now } = acc;
	const zh = acc.zh[i] === 1;
	// Due over the last two months and the next one, never before the customer existed.
	const from = Math.max(now - 60 * DAY, c.createdAt);
	const to = now + 30 * DAY;
	const allDay = rng.chance(0.4);
	const day = weekday(rng, Math.floor((from + rng.between(0, to - from)) / DAY), 0.85);
	// An all-day task is due at noon UTC: the same calendar day in every time zone within ±11 h.
	let due = allDay ? day * DAY + 12 * HOUR : day * DAY + HOUR + rng.int(0, 17) * (HOUR / 2);
	if (due < from) due = from + rng.between(0, to - from);
	const past = due < now;
	const done = rng.chance(past ? 0.8 : 0.08);
	const createdAt = Math.max(c.createdAt, Math.min(due, now) - rng.between(HOUR, 14 * DAY));
	const doneAt = !done ? 0 : past ? Math.min(now - 1, Math.max(createdAt, due - 2 * DAY + rng.between(0, 3 * DAY))) : later(rng, createdAt, now, 1);
	const list = acc.contacts.get(i);
	return {
		id: rng.uuid(),
		title: pick(rng, zh ? P.ZH_TASKS : P.EN_TASKS),
		due,
		allDay,
		assignee: c.owner,
		priority: rng.weighted(PRIORITY_T),
		done,
		doneAt,
		customer: c.id,
		contact: list && rng.chance(0.4) ? pick(rng, list) : '',
		notes: rng.chance(0.2) ? pick(rng, zh ? P.ZH_TASK_NOTES : P.EN_TASK_NOTES) : '',
		remind: rng.chance(0.35) ? pick(rng, REMINDERS) : -1,
		careKey: '',
		createdAt,
		createdBy: someone(rng, acc, c.owner, 0.8),
		updatedAt: done ? Math.max(doneAt, createdAt) : rng.chance(0.7) ? createdAt : later(rng, createdAt, now, 2),
		updatedBy: c.owner
	};
}

/** Follow-ups assigned to each customer's owner, about `RATIOS.tasks` per customer. */
export function generateTasks(rng: Random, acc: Accounts, exact?: number): Task[] {
	return walk(
		acc,
		rng,
		exact,
		RATIOS.tasks,
		(c, i, ratio) => ratio * TASK_STAGE[c.stage] * (0.5 + 0.5 * acc.engagement[i]),
		(i) => makeTask(rng, acc, i)
	);
}

// ——— activities ———

const ACTIVITY_STAGE = stageFactors({ potential: 0.5, prospect: 1, customer: 1.65, lost: 0.9 });
// Chinese teams live on WeChat; with foreign customers e-mail and video meetings take over.
const ZH_TYPE_T = T<ActivityType>([
	['call', 28],
	['message', 26],
	['visit', 12],
	['meeting', 8],
	['email', 10],
	['note', 16]
]);
const EN_TYPE_T = T<ActivityType>([
	['call', 24],
	['message', 10],
	['visit', 7],
	['meeting', 14],
	['email', 30],
	['note', 15]
]);
type ChannelTables = Record<ActivityType, WeightedTable<Channel>>;
const ZH_CHANNEL: ChannelTables = {
	call: T<Channel>([['phone', 82], ['wechat', 18]]),
	visit: T<Channel>([['inPerson', 1]]),
	meeting: T<Channel>([['inPerson', 75], ['video', 25]]),
	email: T<Channel>([['email', 1]]),
	message: T<Channel>([['wechat', 90], ['sms', 10]]),
	note: T<Channel>([['', 1]])
};
const EN_CHANNEL: ChannelTables = {
	...ZH_CHANNEL,
	call: T<Channel>([['phone', 85], ['video', 15]]),
	meeting: T<Channel>([['inPerson', 45], ['video', 55]]),
	message: T<Channel>([['wechat', 45], ['sms', 25], ['other', 30]])
};
const TALK_OUTCOME = T<Outcome>([['positive', 50], ['neutral', 35], ['negative', 10], ['', 5]]);
const WRITTEN_OUTCOME = T<Outcome>([['', 40], ['positive', 25], ['neutral', 30], ['negative', 5]]);
const OUTCOME: Record<ActivityType, WeightedTable<Outcome>> = {
	call: T<Outcome>([['positive', 35], ['neutral', 35], ['negative', 10], ['noAnswer', 20]]),
	visit: TALK_OUTCOME,
	meeting: TALK_OUTCOME,
	email: WRITTEN_OUTCOME,
	message: WRITTEN_OUTCOME,
	note: T<Outcome>([['', 1]])
};
const MEETING_MINUTES = [30, 45, 60, 60, 90, 120];

/**
 * How busy each day of the window is: more in September–December, fewer around Spring
 * Festival (the week before it to the week after the Lantern Festival) and in the National Day week.
 */
export function seasonWeights(startDay: number, endDay: number): Float64Array {
	const MONTH = [0.95, 0.9, 1, 1, 0.95, 1, 0.95, 0.95, 1.2, 1.2, 1.3, 1.3];
	const springFestivals: number[] = [];
	for (let y = fromDayNumber(startDay).year; y <= fromDayNumber(endDay).year; y++) {
		const s = lunarToSolar(y, 1, 1);
		if (s) springFestivals.push(toDayNumber(s.year, s.month, s.day));
	}
	const out = new Float64Array(Math.max(0, endDay - startDay + 1));
	for (let d = startDay; d <= endDay; d++) {
		const { month, day } = fromDayNumber(d);
		let w = MONTH[month - 1];
		for (const sf of springFestivals) {
			const off = d - sf;
			if (off >= -7 && off <= 7) w *= 0.25;
			else if (off >= -14 && off <= 20) w *= 0.6;
		}
		if (month === 10 && day <= 7) w *= 0.3;
		out[d - startDay] = w;
	}
	return out;
}

/** When an activity happened: in the customer's life, on a busy enough day, in office hours. */
function activityTime(rng: Random, acc: Accounts, createdAt: number, season: Float64Array, busiest: number): number {
	const { now } = acc;
	for (let tries = 0; tries < 8; tries++) {
		const day = weekday(rng, Math.floor(lifeTime(rng, createdAt, now, 0.35) / DAY), 0.85);
		const w = season[day - acc.startDay] ?? 0;
		if (rng.float() * busiest >= w) continue;
		const at = officeTime(rng, day);
		if (at >= createdAt && at < now) return at;
	}
	return createdAt + rng.between(0, now - createdAt);
}

function makeActivity(rng: Random, acc: Accounts, i: number, season: Float64Array, busiest: number): Activity {
	const c = acc.customers[i];
	const { now } = acc;
	const zh = acc.zh[i] === 1;
	const type = rng.weighted(zh ? ZH_TYPE_T : EN_TYPE_T);
	const channel = rng.weighted((zh ? ZH_CHANNEL : EN_CHANNEL)[type]);
	const at = activityTime(rng, acc, c.createdAt, season, busiest);
	const outcome = rng.weighted(OUTCOME[type]);
	const duration =
		type === 'call'
			? outcome === 'noAnswer'
				? 0
				: Math.min(120, 1 + Math.floor(-Math.log(1 - rng.float()) * 6))
			: type === 'visit'
				? 15 * rng.int(2, 12)
				: type === 'meeting'
					? pick(rng, MEETING_MINUTES)
					: 0;
	const member = someone(rng, acc, c.owner, 0.85);
	const list = acc.contacts.get(i);
	// Logged soon after, except notes, which are written as they happen.
	const createdAt = type === 'note' ? at : Math.min(now, at + rng.between(0, 2 * HOUR));
	return {
		id: rng.uuid(),
		type,
		channel,
		at,
		duration,
		outcome,
		subject: pick(rng, (zh ? P.ZH_SUBJECTS : P.EN_SUBJECTS)[type]),
		notes: type === 'note' || rng.chance(0.3) ? pick(rng, zh ? P.ZH_ACTIVITY_NOTES : P.EN_ACTIVITY_NOTES) : '',
		member,
		customer: c.id,
		contact: list && rng.chance(type === 'note' ? 0.3 : 0.7) ? pick(rng, list) : '',
		deal: '',
		ticket: '',
		createdAt,
		createdBy: member,
		updatedAt: rng.chance(0.9) ? createdAt : createdAt + rng.between(0, Math.min(3 * DAY, now - createdAt)),
		updatedBy: member
	};
}

/**
 * What happened with the customers, about `RATIOS.activities` per customer over the window:
 * busier accounts and older ones have more, and each customer's first weeks are the busiest,
 * so the months trend upwards as the customer base grows; see `seasonWeights` for the year.
 */
export function generateActivities(rng: Random, acc: Accounts, exact?: number): Activity[] {
	const season = seasonWeights(acc.startDay, Math.floor(acc.now / DAY));
	let busiest = 0;
	for (const w of season) busiest = Math.max(busiest, w);
	const span = acc.now - acc.start;
	return walk(
		acc,
		rng,
		exact,
		RATIOS.activities,
		(c, i, ratio) => {
			// Older customers have had more time: 0.2 + 1.8 × their share of the window has
			// mean 1 over customers created with density rising 1 → 2 across it.
			const age = 0.2 + (1.8 * (acc.now - c.createdAt)) / span;
			return ratio * ACTIVITY_STAGE[c.stage] * acc.engagement[i] * age;
		},
		(i) => makeActivity(rng, acc, i, season, busiest)
	);
}
