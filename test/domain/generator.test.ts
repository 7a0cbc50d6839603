import { describe, expect, it } from 'vitest';
import {
	AGE_GROUPS,
	CAPACITIES,
	CUSTOMER_FIELDS,
	CUSTOMER_TYPES,
	EDUCATIONS,
	GENDERS,
	STAGES,
	validateCustomer,
	type Customer
} from '../../src/lib/domain/customer';
import { ACTIVITY_FIELDS, ACTIVITY_TYPES, DEFAULT_CHANNEL, validateActivity } from '../../src/lib/domain/activity';
import { CONTACT_FIELDS, validateContact } from '../../src/lib/domain/contact';
import { MEMBER_COLORS } from '../../src/lib/domain/member';
import { TASK_FIELDS, validateTask } from '../../src/lib/domain/task';
import { normalizePhone } from '../../src/lib/domain/text';
import { DEFAULT_NOW, generateWorkspace } from '../../src/lib/domain/sample/generator';
import { Random, weightedTable } from '../../src/lib/domain/sample/random';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CJK = /[\u4e00-\u9fff]/;
const LATIN_ONLY = /^[A-Za-z0-9 .,&'-]+$/;

// One 20k workspace shared by the statistical tests: big enough for tight proportions.
const big = generateWorkspace({ seed: 42, customers: 20_000 });
const share = (pred: (c: Customer) => boolean) => big.customers.filter(pred).length / big.customers.length;

describe('Random', () => {
	it('repeats for a seed and differs between seeds and streams', () => {
		const seq = (seed: number, stream = 0) => {
			const r = new Random(seed, stream);
			return Array.from({ length: 8 }, () => r.next());
		};
		expect(seq(5)).toEqual(seq(5));
		expect(seq(5)).not.toEqual(seq(6));
		expect(seq(5)).not.toEqual(seq(5, 1));
		expect(seq(2 ** 32 + 5)).not.toEqual(seq(5));
	});

	it('keeps helpers in range and weights picks', () => {
		const r = new Random(9);
		const table = weightedTable([
			['a', 1],
			['b', 3]
		] as const);
		let b = 0;
		const ints = new Set<number>();
		let floatsOk = true;
		for (let i = 0; i < 20_000; i++) {
			ints.add(r.int(3, 7));
			const f = r.float();
			if (!(f >= 0 && f < 1)) floatsOk = false;
			if (r.weighted(table) === 'b') b++;
		}
		expect([...ints].sort()).toEqual([3, 4, 5, 6, 7]);
		expect(floatsOk).toBe(true);
		expect(b / 20_000).toBeGreaterThan(0.72);
		expect(b / 20_000).toBeLessThan(0.78);
		expect(r.digits(6)).toMatch(/^\d{6}$/);
		expect(r.uuid()).toMatch(UUID_V4);
		expect(() => weightedTable([['x', 0]])).toThrow(RangeError);
	});
});

describe('generateWorkspace', () => {
	it('is deterministic for a seed and differs for another seed', () => {
		const a = generateWorkspace({ seed: 7, customers: 2000 });
		const b = generateWorkspace({ seed: 7, customers: 2000 });
		const c = generateWorkspace({ seed: 8, customers: 2000 });
		expect(b).toEqual(a);
		expect(c.members.map((m) => m.id)).not.toEqual(a.members.map((m) => m.id));
		expect(c.customers[0].id).not.toBe(a.customers[0].id);
		const sameName = c.customers.filter((x, i) => x.name === a.customers[i].name).length;
		expect(sameName).toBeLessThan(200);
	});

	it('makes a smaller workspace a prefix of a larger one', () => {
		const small = generateWorkspace({ seed: 3, customers: 300 });
		const large = generateWorkspace({ seed: 3, customers: 1500 });
		expect(large.members).toEqual(small.members);
		expect(large.customers.slice(0, 300)).toEqual(small.customers);
	});

	it('uses the documented defaults', () => {
		const ws = generateWorkspace();
		expect(ws.members).toHaveLength(8);
		expect(ws.customers).toHaveLength(100_000);
		expect(new Set(ws.customers.map((c) => c.id)).size).toBe(100_000);
		expect(ws.customers.every((c) => c.updatedAt <= DEFAULT_NOW && c.createdAt >= Date.UTC(2024, 10, 1))).toBe(true);
		expect(ws.customers.slice(0, 50)).toEqual(generateWorkspace({ seed: 1, customers: 50 }).customers);
		// The standard workspace's relations, in the default ratios.
		expect(ws.contacts.length).toBeGreaterThan(19_500);
		expect(ws.contacts.length).toBeLessThan(20_500);
		expect(ws.tasks.length).toBeGreaterThan(9_700);
		expect(ws.tasks.length).toBeLessThan(10_300);
		expect(ws.activities.length).toBeGreaterThan(295_000);
		expect(ws.activities.length).toBeLessThan(305_000);
	});

	it('honours sizes and rejects impossible ones', () => {
		expect(generateWorkspace({ customers: 0 }).customers).toEqual([]);
		const ws = generateWorkspace({ customers: 10, members: 1 });
		expect(ws.members).toHaveLength(1);
		expect(ws.customers).toHaveLength(10);
		expect(ws.customers.every((c) => c.owner === ws.members[0].id)).toBe(true);
		expect(generateWorkspace({ customers: 5, members: 20 }).members).toHaveLength(20);
		expect(() => generateWorkspace({ members: 0 })).toThrow(RangeError);
		expect(() => generateWorkspace({ customers: -1 })).toThrow(RangeError);
		expect(() => generateWorkspace({ customers: 1.5 })).toThrow(RangeError);
	});

	it('gives unique UUID v4-shaped ids', () => {
		const ids = [...big.members, ...big.customers].map((r) => r.id);
		expect(ids.every((id) => UUID_V4.test(id))).toBe(true);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('makes a mixed team with an owner, editors and member colours', () => {
		const { members } = big;
		expect(members).toHaveLength(8);
		expect(members[0].role).toBe('owner');
		expect(members.slice(1).every((m) => m.role === 'editor')).toBe(true);
		expect(members.every((m) => (MEMBER_COLORS as readonly string[]).includes(m.color))).toBe(true);
		expect(new Set(members.map((m) => m.name)).size).toBe(members.length);
		expect(members.some((m) => CJK.test(m.name))).toBe(true);
		expect(members.some((m) => LATIN_ONLY.test(m.name))).toBe(true);
		const ids = new Set(members.map((m) => m.id));
		for (const m of members) {
			expect(ids.has(m.createdBy) && ids.has(m.updatedBy)).toBe(true);
			expect(m.updatedAt).toBeGreaterThanOrEqual(m.createdAt);
		}
	});

	it('produces customers that pass validation unchanged', () => {
		const problems: string[] = [];
		for (const c of big.customers) {
			const { value, errors } = validateCustomer(c);
			if (errors.length) problems.push(`${c.name} ${JSON.stringify(c.phones)} ${JSON.stringify(errors)}`);
			// Already clean: validation has nothing to trim or drop.
			for (const f of CUSTOMER_FIELDS) {
				if (JSON.stringify(value[f]) !== JSON.stringify(c[f])) problems.push(`${c.name}: ${f} changed`);
			}
		}
		expect(problems.slice(0, 5)).toEqual([]);
	});

	it('fills every field somewhere and uses every enum value', () => {
		for (const f of CUSTOMER_FIELDS) {
			const filled = big.customers.filter((c) => {
				const v = c[f];
				return Array.isArray(v) ? v.length > 0 : v !== '';
			}).length;
			expect(filled, f).toBeGreaterThan(big.customers.length * 0.1);
		}
		const values = (f: keyof Customer) => new Set(big.customers.map((c) => c[f]));
		expect(values('stage')).toEqual(new Set(STAGES));
		expect(values('type')).toEqual(new Set(CUSTOMER_TYPES));
		expect(values('gender')).toEqual(new Set(GENDERS));
		expect(values('ageGroup')).toEqual(new Set(AGE_GROUPS));
		expect(values('education')).toEqual(new Set(EDUCATIONS));
		expect(values('capacity')).toEqual(new Set(CAPACITIES));
		expect(values('region').size).toBeGreaterThanOrEqual(10);
		expect(values('industry').size).toBeGreaterThanOrEqual(20);
	});

	it('keeps list sizes in their ranges', () => {
		const counts = (f: 'phones' | 'emails' | 'tags') => new Set(big.customers.map((c) => c[f].length));
		expect(counts('phones')).toEqual(new Set([0, 1, 2]));
		expect(counts('emails')).toEqual(new Set([0, 1, 2]));
		expect(counts('tags')).toEqual(new Set([0, 1, 2, 3]));
	});

	it('hits the stage, type, kind and language mix', () => {
		const within = (x: number, lo: number, hi: number) => {
			expect(x).toBeGreaterThan(lo);
			expect(x).toBeLessThan(hi);
		};
		within(share((c) => c.stage === 'potential'), 0.32, 0.38);
		within(share((c) => c.stage === 'prospect'), 0.27, 0.33);
		within(share((c) => c.stage === 'customer'), 0.25, 0.31);
		within(share((c) => c.stage === 'lost'), 0.055, 0.085);
		within(share((c) => c.type === 'end'), 0.67, 0.73);
		within(share((c) => c.type === 'distributor'), 0.13, 0.17);
		within(share((c) => c.kind === 'organization'), 0.67, 0.73);
		within(share((c) => CJK.test(c.name)), 0.57, 0.63);
	});

	it('names companies and people the way the kinds require', () => {
		expect(share((c) => c.name.includes('科技'))).toBeGreaterThan(0.12);
		expect(share((c) => LATIN_ONLY.test(c.name))).toBeGreaterThan(0.3);
		expect(big.customers.some((c) => /有限公司$/.test(c.name))).toBe(true);
		expect(big.customers.some((c) => /(Co\., Ltd\.|Inc\.|Technologies .*)$/.test(c.name))).toBe(true);
		const wrong = big.customers.filter((c) =>
			c.kind === 'organization'
				? !(c.company === '' || c.company === c.name) || c.gender !== '' || c.ageGroup !== ''
				: c.company === c.name
		);
		expect(wrong).toEqual([]);
		const persons = big.customers.filter((c) => c.kind === 'person');
		expect(persons.filter((c) => c.company !== '').length / persons.length).toBeGreaterThan(0.6);
	});

	it('writes phones in varied real-world formats that normalise cleanly', () => {
		const phones = big.customers.flatMap((c) => c.phones);
		const shapes = new Set(phones.map((p) => p.replace(/\d/g, '9')));
		expect(shapes.size).toBeGreaterThan(15);
		expect(shapes).toContain('99999999999');
		expect(shapes).toContain('999-9999-9999');
		expect(shapes).toContain('+99 999 9999 9999');
		expect(phones.some((p) => /^\(0\d{2,3}\) \d{3,4} \d{4}$/.test(p))).toBe(true);
		const intl = phones.filter((p) => /^\+86 1\d{2} \d{4} \d{4}$/.test(p));
		expect(intl.length).toBeGreaterThan(100);
		for (const p of intl) expect(normalizePhone(p)).toMatch(/^1[3-9]\d{9}$/);
		for (const p of phones.filter((p) => /^(\+86|0086)[ -]?1\d{2}[ -]?\d{4}[ -]?\d{4}$/.test(p) || /^1\d{2}[ -]?\d{4}[ -]?\d{4}$/.test(p))) {
			expect(normalizePhone(p)).toMatch(/^1[3-9]\d{9}$/);
		}
		const emails = big.customers.flatMap((c) => c.emails);
		expect(emails.some((e) => /^\d+@qq\.com$/.test(e))).toBe(true);
		expect(emails.some((e) => e.endsWith('@163.com'))).toBe(true);
		expect(emails.some((e) => /@gmail\.com$/.test(e))).toBe(true);
	});

	it('assigns owners and authors from the members, skewed across them', () => {
		const ids = new Set(big.members.map((m) => m.id));
		const perOwner = new Map<string, number>();
		const strangers = big.customers.filter((c) => !(ids.has(c.owner) && ids.has(c.createdBy) && ids.has(c.updatedBy)));
		expect(strangers).toEqual([]);
		for (const c of big.customers) perOwner.set(c.owner, (perOwner.get(c.owner) ?? 0) + 1);
		expect(perOwner.size).toBe(big.members.length);
		const counts = [...perOwner.values()];
		expect(Math.max(...counts) / Math.min(...counts)).toBeGreaterThan(1.5);
	});

	it('spreads timestamps over the 24 months before now, denser lately', () => {
		const now = DEFAULT_NOW;
		const start = Date.UTC(2024, 10, 1);
		const mid = Date.UTC(2025, 10, 1);
		const outside = big.customers.filter((c) => !(c.createdAt >= start && c.updatedAt >= c.createdAt && c.updatedAt <= now));
		expect(outside).toEqual([]);
		const older = big.customers.filter((c) => c.createdAt < mid).length;
		const newer = big.customers.length - older;
		expect(newer / older).toBeGreaterThan(1.3);
		expect(older / big.customers.length).toBeGreaterThan(0.25);
		expect(share((c) => c.updatedAt > c.createdAt)).toBeGreaterThan(0.5);
		// Members join before the first customer.
		const firstCustomer = big.customers.reduce((min, c) => Math.min(min, c.createdAt), Infinity);
		expect(big.members.every((m) => m.createdAt < firstCustomer)).toBe(true);
		// Office days: far fewer records on weekends than 2/7.
		const weekend = share((c) => [0, 6].includes(new Date(c.createdAt).getUTCDay()));
		expect(weekend).toBeLessThan(0.15);
	});

	it('follows a custom now', () => {
		const now = Date.UTC(2020, 5, 15, 12);
		const { customers } = generateWorkspace({ customers: 3000, now });
		const start = Date.UTC(2018, 5, 15, 12);
		expect(customers.filter((c) => !(c.createdAt >= start && c.updatedAt <= now && c.createdAt <= c.updatedAt))).toEqual([]);
		// Nothing piles up at the window's edges.
		expect(customers.filter((c) => c.createdAt < start + 86_400_000).length).toBeLessThan(30);
	});
});

describe('generateWorkspace relations', () => {
	const DAY = 86_400_000;
	const byId = new Map(big.customers.map((c) => [c.id, c]));
	const memberIds = new Set(big.members.map((m) => m.id));
	const contactsById = new Map(big.contacts.map((c) => [c.id, c]));
	const monthly = (at: number[]) => {
		const m = new Map<string, number>();
		for (const t of at) {
			const k = new Date(t).toISOString().slice(0, 7);
			m.set(k, (m.get(k) ?? 0) + 1);
		}
		return (...months: string[]) => months.reduce((s, k) => s + (m.get(k) ?? 0), 0) / months.length;
	};

	it('is deterministic and differs for another seed', () => {
		const a = generateWorkspace({ seed: 7, customers: 1000 });
		expect(generateWorkspace({ seed: 7, customers: 1000 })).toEqual(a);
		const c = generateWorkspace({ seed: 8, customers: 1000 });
		expect(c.activities[0].id).not.toBe(a.activities[0].id);
		expect(c.contacts[0].id).not.toBe(a.contacts[0].id);
		expect(c.tasks[0].id).not.toBe(a.tasks[0].id);
	});

	it('makes the relations of a smaller workspace a prefix of a larger one', () => {
		const small = generateWorkspace({ seed: 3, customers: 300 });
		const large = generateWorkspace({ seed: 3, customers: 1500 });
		for (const k of ['contacts', 'tasks', 'activities'] as const) {
			expect(small[k].length, k).toBeGreaterThan(0);
			expect(large[k].slice(0, small[k].length), k).toEqual(small[k]);
		}
		// Explicit counts spread the records over the same customers (not a prefix of the
		// defaults) and leave members and customers alone.
		const asked = generateWorkspace({ seed: 3, customers: 300, activities: 2000, contacts: 150, tasks: 100 });
		expect(asked.customers).toEqual(small.customers);
		expect(new Set(asked.activities.map((a) => a.customer)).size).toBeGreaterThan(200);
	});

	it('keeps the default ratios and meets explicit counts exactly', () => {
		const n = big.customers.length;
		expect(big.contacts.length / n).toBeGreaterThan(0.18);
		expect(big.contacts.length / n).toBeLessThan(0.22);
		expect(big.tasks.length / n).toBeGreaterThan(0.09);
		expect(big.tasks.length / n).toBeLessThan(0.11);
		expect(big.activities.length / n).toBeGreaterThan(2.85);
		expect(big.activities.length / n).toBeLessThan(3.15);
		const ws = generateWorkspace({ seed: 5, customers: 200, contacts: 500, tasks: 7, activities: 1234 });
		expect([ws.contacts.length, ws.tasks.length, ws.activities.length]).toEqual([500, 7, 1234]);
		const none = generateWorkspace({ seed: 5, customers: 200, contacts: 0, tasks: 0, activities: 0 });
		expect([none.contacts, none.tasks, none.activities]).toEqual([[], [], []]);
		// Nothing to hang records on: none, and no endless loop.
		expect(generateWorkspace({ customers: 0, activities: 10, contacts: 10 }).activities).toEqual([]);
		for (const bad of [{ contacts: -1 }, { tasks: 1.5 }, { activities: Number.NaN }]) {
			expect(() => generateWorkspace({ customers: 5, ...bad })).toThrow(RangeError);
		}
	});

	it('gives every record unique ids and links that point at existing records', () => {
		const ids = [...big.members, ...big.customers, ...big.contacts, ...big.tasks, ...big.activities].map((r) => r.id);
		expect(ids.every((id) => UUID_V4.test(id))).toBe(true);
		expect(new Set(ids).size).toBe(ids.length);
		const bad: string[] = [];
		const meta = (r: { id: string; createdBy: string; updatedBy: string }) => {
			if (!memberIds.has(r.createdBy) || !memberIds.has(r.updatedBy)) bad.push(`${r.id} by`);
		};
		for (const c of big.contacts) {
			if (byId.get(c.customer)?.kind !== 'organization') bad.push(`${c.id} customer`);
			meta(c);
		}
		for (const t of big.tasks) {
			const c = byId.get(t.customer);
			if (!c || t.assignee !== c.owner) bad.push(`${t.id} customer/assignee`);
			if (t.contact && contactsById.get(t.contact)?.customer !== t.customer) bad.push(`${t.id} contact`);
			meta(t);
		}
		for (const a of big.activities) {
			if (!byId.has(a.customer)) bad.push(`${a.id} customer`);
			if (!memberIds.has(a.member)) bad.push(`${a.id} member`);
			if (a.contact && contactsById.get(a.contact)?.customer !== a.customer) bad.push(`${a.id} contact`);
			meta(a);
		}
		expect(bad.slice(0, 5)).toEqual([]);
	});

	it('produces contacts, tasks and activities that pass validation unchanged', () => {
		const problems: string[] = [];
		const check = <T extends object>(records: T[], validate: (r: T) => { value: Partial<T>; errors: unknown[] }, fields: readonly (keyof T)[]) => {
			for (const r of records) {
				const { value, errors } = validate(r);
				if (errors.length) problems.push(`${JSON.stringify(r)} ${JSON.stringify(errors)}`);
				for (const f of fields) if (JSON.stringify(value[f]) !== JSON.stringify(r[f])) problems.push(`${String(f)} changed in ${JSON.stringify(r)}`);
			}
		};
		check(big.contacts, (r) => validateContact(r), CONTACT_FIELDS);
		check(big.tasks, (r) => validateTask(r), TASK_FIELDS);
		check(big.activities, (r) => validateActivity(r), ACTIVITY_FIELDS);
		expect(problems.slice(0, 5)).toEqual([]);
	});

	it('keeps every date in range', () => {
		const now = DEFAULT_NOW;
		const bad: string[] = [];
		for (const x of big.contacts) {
			const c = byId.get(x.customer)!;
			if (!(x.createdAt >= c.createdAt && x.createdAt < now && x.updatedAt >= x.createdAt && x.updatedAt <= now)) bad.push(x.id);
		}
		for (const t of big.tasks) {
			const c = byId.get(t.customer)!;
			if (!(t.due >= Math.max(now - 61 * DAY, c.createdAt) && t.due < now + 31 * DAY)) bad.push(`${t.id} due`);
			if (!(t.createdAt >= c.createdAt && t.createdAt <= Math.min(t.due, now) && t.updatedAt >= t.createdAt && t.updatedAt <= now)) bad.push(`${t.id} created`);
			if (t.done ? !(t.doneAt >= t.createdAt && t.doneAt <= now) : t.doneAt !== 0) bad.push(`${t.id} doneAt`);
		}
		for (const a of big.activities) {
			const c = byId.get(a.customer)!;
			if (!(a.at >= c.createdAt && a.at < now && a.createdAt >= a.at && a.updatedAt >= a.createdAt && a.updatedAt <= now)) bad.push(a.id);
		}
		expect(bad.slice(0, 5)).toEqual([]);
		// Tasks: due over the last two months and the next one, done and open on both sides of now.
		const past = big.tasks.filter((t) => t.due < now);
		const future = big.tasks.filter((t) => t.due >= now);
		expect(past.length / big.tasks.length).toBeGreaterThan(0.5);
		expect(future.length / big.tasks.length).toBeGreaterThan(0.2);
		const doneShare = (ts: typeof past) => ts.filter((t) => t.done).length / ts.length;
		expect(doneShare(past)).toBeGreaterThan(0.7);
		expect(doneShare(past)).toBeLessThan(0.9);
		expect(doneShare(future)).toBeLessThan(0.15);
		expect(new Set(big.tasks.map((t) => t.priority)).size).toBe(3);
		expect(big.tasks.some((t) => t.allDay) && big.tasks.some((t) => !t.allDay)).toBe(true);
		// Activities fill the whole window, most on weekdays in office hours (UTC+8).
		expect(Math.min(...big.activities.map((a) => a.at))).toBeLessThan(Date.UTC(2024, 11, 1));
		const weekday = big.activities.filter((a) => ![0, 6].includes(new Date(a.at).getUTCDay())).length;
		expect(weekday / big.activities.length).toBeGreaterThan(0.9);
	});

	it('trends upwards with fewer activities around Spring Festival and more in September–December', () => {
		const avg = monthly(big.activities.map((a) => a.at));
		// The later year is busier…
		const first = avg('2024-11', '2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10');
		const second = avg('2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10');
		expect(second / first).toBeGreaterThan(1.4);
		// …yet January–February 2026 (Spring Festival on Feb 17) falls well below the months before it,
		expect(avg('2026-01', '2026-02')).toBeLessThan(0.8 * avg('2025-10', '2025-11', '2025-12'));
		expect(avg('2026-02')).toBeLessThan(0.6 * avg('2026-03'));
		expect(avg('2025-01', '2025-02')).toBeLessThan(avg('2024-12'));
		// …and the year's autumn is busier than its summer despite being only weeks later.
		expect(avg('2025-09', '2025-10', '2025-11', '2025-12')).toBeGreaterThan(1.15 * avg('2025-05', '2025-06', '2025-07', '2025-08'));
		// Across the window, October–December beats January–February.
		expect(avg('2024-11', '2024-12', '2025-10', '2025-11', '2025-12', '2026-10')).toBeGreaterThan(avg('2025-01', '2025-02', '2026-01', '2026-02'));
	});

	it('mixes activity types, channels, outcomes and durations, mostly by the owner', () => {
		const acts = big.activities;
		expect(new Set(acts.map((a) => a.type))).toEqual(new Set(ACTIVITY_TYPES));
		const usual = acts.filter((a) => a.channel === DEFAULT_CHANNEL[a.type]).length;
		expect(usual / acts.length).toBeGreaterThan(0.75);
		expect(acts.some((a) => a.type === 'meeting' && a.channel === 'video')).toBe(true);
		expect(acts.some((a) => a.type === 'call' && a.outcome === 'noAnswer')).toBe(true);
		const calls = acts.filter((a) => a.type === 'call' && a.outcome !== 'noAnswer');
		expect(calls.every((a) => a.duration > 0)).toBe(true);
		expect(acts.filter((a) => a.type === 'visit').every((a) => a.duration >= 30)).toBe(true);
		const byOwner = acts.filter((a) => a.member === byId.get(a.customer)!.owner).length;
		expect(byOwner / acts.length).toBeGreaterThan(0.8);
		expect(byOwner / acts.length).toBeLessThan(0.98);
		// Chinese customers talk on WeChat, foreign ones write e-mails.
		const share = (zh: boolean, type: string) => {
			const of = acts.filter((a) => CJK.test(byId.get(a.customer)!.name) === zh);
			return of.filter((a) => a.type === type).length / of.length;
		};
		expect(share(true, 'message')).toBeGreaterThan(share(false, 'message'));
		expect(share(false, 'email')).toBeGreaterThan(share(true, 'email'));
		// Customers with contacts get them named on most activities; busy accounts have many.
		const withContacts = new Set(big.contacts.map((c) => c.customer));
		const eligible = acts.filter((a) => withContacts.has(a.customer));
		expect(eligible.filter((a) => a.contact).length / eligible.length).toBeGreaterThan(0.5);
		const per = new Map<string, number>();
		for (const a of acts) per.set(a.customer, (per.get(a.customer) ?? 0) + 1);
		expect(Math.max(...per.values())).toBeGreaterThan(30);
		expect(per.size / big.customers.length).toBeGreaterThan(0.6);
	});

	it('names contacts like real people with titles, phones, e-mails and some birthdays', () => {
		const cs = big.contacts;
		expect(cs.some((c) => CJK.test(c.name)) && cs.some((c) => LATIN_ONLY.test(c.name))).toBe(true);
		const positions = new Set(cs.map((c) => c.position));
		for (const p of ['采购经理', '总经理', 'Purchasing Manager']) expect(positions).toContain(p);
		expect(cs.filter((c) => c.phones.length > 0).length / cs.length).toBeGreaterThan(0.8);
		expect(cs.filter((c) => c.emails.length > 0).length / cs.length).toBeGreaterThan(0.6);
		// Company addresses on the customer's own domain.
		const sameDomain = cs.filter((c) => {
			const domains = byId.get(c.customer)!.emails.map((e) => e.split('@')[1]);
			return c.emails.some((e) => domains.includes(e.split('@')[1]) && !/qq|163|126|gmail|outlook|hotmail|yahoo|sina|foxmail|139|icloud/.test(e));
		});
		expect(sameDomain.length / cs.length).toBeGreaterThan(0.2);
		const birthdays = cs.filter((c) => c.birthday);
		expect(birthdays.length / cs.length).toBeGreaterThan(0.28);
		expect(birthdays.length / cs.length).toBeLessThan(0.42);
		expect(birthdays.every((c) => /^(\d{4}-)?\d{2}-\d{2}$/.test(c.birthday))).toBe(true);
		expect(birthdays.some((c) => /^\d{2}-\d{2}$/.test(c.birthday)) && birthdays.some((c) => /^\d{4}-/.test(c.birthday))).toBe(true);
		// Some organisations have several people, most have none.
		const per = new Map<string, number>();
		for (const c of cs) per.set(c.customer, (per.get(c.customer) ?? 0) + 1);
		expect(Math.max(...per.values())).toBeGreaterThanOrEqual(4);
		const orgs = big.customers.filter((c) => c.kind === 'organization').length;
		expect(per.size / orgs).toBeLessThan(0.4);
	});

	it('generates the full standard workspace quickly', () => {
		const t0 = performance.now();
		const ws = generateWorkspace({ customers: 20_000 });
		const ms = performance.now() - t0;
		expect(ws.activities.length).toBeGreaterThan(50_000);
		// Generous: this machine is shared; the bench reports real figures.
		expect(ms).toBeLessThan(5000);
	});
});
