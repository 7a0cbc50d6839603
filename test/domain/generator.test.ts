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
import { CATALOG } from '../../src/lib/domain/sample/catalog';
import { fitPipeline, SAMPLE_CURRENCY, sampleCurrencySettings } from '../../src/lib/domain/sample/sales';
import { comparePositions, DEAL_FIELDS, DEFAULT_PIPELINE, DEFAULT_STAGE_IDS, isOrderKey, placeAt, validateDeal, type Deal } from '../../src/lib/domain/deal';
import { ORDER_FIELDS, ORDER_STATUSES, orderTotal, validateOrder } from '../../src/lib/domain/order';
import { PRODUCT_FIELDS, skuKey, validateProduct } from '../../src/lib/domain/product';
import { toBase } from '../../src/lib/domain/money';
import { lunarToSolar, toDayNumber } from '../../src/lib/domain/lunar';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CJK = /[\u4e00-\u9fff]/;
const LATIN_ONLY = /^[A-Za-z0-9 .,&'-]+$/;

// One 20k workspace shared by the statistical tests: big enough for tight proportions.
const big = generateWorkspace({ seed: 42, customers: 20_000 });
const share = (pred: (c: Customer) => boolean) => big.customers.filter(pred).length / big.customers.length;
const within = (x: number, lo: number, hi: number) => {
	expect(x).toBeGreaterThan(lo);
	expect(x).toBeLessThan(hi);
};
/** What validation would still change or refuse in generated records (should be nothing). */
function validationProblems<T extends object>(records: T[], validate: (r: T) => { value: Partial<T>; errors: unknown[] }, fields: readonly (keyof T)[]): string[] {
	const problems: string[] = [];
	for (const r of records) {
		const { value, errors } = validate(r);
		if (errors.length) problems.push(`${JSON.stringify(r)} ${JSON.stringify(errors)}`);
		for (const f of fields) if (JSON.stringify(value[f]) !== JSON.stringify(r[f])) problems.push(`${String(f)} changed in ${JSON.stringify(r)}`);
	}
	return problems;
}

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
		expect(ws.deals.length).toBeGreaterThan(19_000);
		expect(ws.deals.length).toBeLessThan(21_000);
		expect(ws.orders.length).toBeGreaterThan(47_500);
		expect(ws.orders.length).toBeLessThan(52_500);
		// 100,000 customers and everything hanging off them: generous on a shared machine.
	}, 30_000);

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
		const problems = [
			...validationProblems(big.contacts, (r) => validateContact(r), CONTACT_FIELDS),
			...validationProblems(big.tasks, (r) => validateTask(r), TASK_FIELDS),
			...validationProblems(big.activities, (r) => validateActivity(r), ACTIVITY_FIELDS)
		];
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

	it('generates the full standard workspace at 20,000 customers (npm run bench measures its speed)', () => {
		const ws = generateWorkspace({ customers: 20_000 });
		expect(ws.customers).toHaveLength(20_000);
		expect(ws.activities.length).toBeGreaterThan(50_000);
	});
});

describe('generateWorkspace sales', () => {
	const DAY = 86_400_000;
	const now = DEFAULT_NOW;
	const nowDay = Math.floor(now / DAY);
	const dayOf = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY);
	const byId = new Map(big.customers.map((c) => [c.id, c]));
	const memberIds = new Set(big.members.map((m) => m.id));
	const contactsById = new Map(big.contacts.map((c) => [c.id, c]));
	const products = new Map(big.products.map((p) => [p.id, p]));
	const deals = new Map(big.deals.map((d) => [d.id, d]));
	const bySku = new Map(big.products.map((p) => [p.sku, p]));
	const live = big.orders.filter((o) => o.status !== 'cancelled');

	it('is deterministic, differs for another seed, and keeps smaller workspaces a prefix', () => {
		const a = generateWorkspace({ seed: 7, customers: 1000 });
		const b = generateWorkspace({ seed: 7, customers: 1000 });
		expect([b.products, b.deals, b.orders]).toEqual([a.products, a.deals, a.orders]);
		const c = generateWorkspace({ seed: 8, customers: 1000 });
		expect(c.deals[0].id).not.toBe(a.deals[0].id);
		expect(c.orders[0].id).not.toBe(a.orders[0].id);
		// The catalogue is the same product list for every size (ids follow the seed).
		expect(c.products.map((p) => p.sku)).toEqual(a.products.map((p) => p.sku));
		const small = generateWorkspace({ seed: 3, customers: 300 });
		const large = generateWorkspace({ seed: 3, customers: 1500 });
		expect(large.products).toEqual(small.products);
		// Deals and orders come per customer; only the board's order keys depend on the whole column.
		const unplaced = (ds: Deal[]) => ds.map(({ position: _p, ...d }) => d);
		expect(small.deals.length).toBeGreaterThan(20);
		expect(unplaced(large.deals.slice(0, small.deals.length))).toEqual(unplaced(small.deals));
		expect(small.orders.length).toBeGreaterThan(50);
		expect(large.orders.slice(0, small.orders.length)).toEqual(small.orders);
	});

	it('keeps the default ratios and meets explicit counts exactly', () => {
		const n = big.customers.length;
		within(big.deals.length / n, 0.19, 0.21);
		within(big.orders.length / n, 0.46, 0.54);
		const ws = generateWorkspace({ seed: 5, customers: 300, deals: 500, orders: 1234 });
		expect([ws.deals.length, ws.orders.length]).toEqual([500, 1234]);
		// Fewer orders than the won deals bring: the last customers' go.
		expect(generateWorkspace({ seed: 5, customers: 300, deals: 500, orders: 7 }).orders).toHaveLength(7);
		const none = generateWorkspace({ seed: 5, customers: 300, deals: 0, orders: 0 });
		expect([none.deals, none.orders]).toEqual([[], []]);
		expect(none.products.length).toBe(CATALOG.length);
		const empty = generateWorkspace({ customers: 0, deals: 10, orders: 10 });
		expect([empty.deals, empty.orders]).toEqual([[], []]);
		for (const bad of [{ deals: -1 }, { orders: 2.5 }]) expect(() => generateWorkspace({ customers: 5, ...bad })).toThrow(RangeError);
	});

	it('has a catalogue of about 60 products with unique SKUs, the usual units, CNY and some USD prices', () => {
		const ps = big.products;
		expect(ps.length).toBeGreaterThanOrEqual(50);
		expect(ps.length).toBeLessThanOrEqual(70);
		expect(new Set(ps.map((p) => skuKey(p.sku))).size).toBe(ps.length);
		expect(new Set(ps.map((p) => p.unit))).toEqual(new Set(['件', '箱', '台', '套']));
		expect(new Set(ps.map((p) => p.category)).size).toBeGreaterThanOrEqual(6);
		within(ps.filter((p) => p.currency === 'USD').length / ps.length, 0, 0.2);
		expect(ps.every((p) => p.currency === 'CNY' || p.currency === 'USD')).toBe(true);
		expect(ps.every((p) => Number.isSafeInteger(p.unitPrice) && p.unitPrice > 0)).toBe(true);
		// A model replaced part-way through stays, inactive.
		expect(ps.filter((p) => !p.active).map((p) => p.sku)).toEqual(['SEC-5001']);
	});

	it('produces products, deals and orders that pass validation unchanged', () => {
		const problems = [
			...validationProblems(big.products, (r) => validateProduct(r, { products: big.products, id: r.id }), PRODUCT_FIELDS),
			...validationProblems(big.deals, (r) => validateDeal(r), DEAL_FIELDS),
			...validationProblems(big.orders, (r) => validateOrder(r), ORDER_FIELDS)
		];
		expect(problems.slice(0, 5)).toEqual([]);
		expect(big.deals.every((d) => d.probability === null)).toBe(true);
	});

	it('links deals and orders to existing customers, contacts, members, products and won deals', () => {
		const ids = [...big.products, ...big.deals, ...big.orders].map((r) => r.id);
		expect(ids.every((id) => UUID_V4.test(id))).toBe(true);
		expect(new Set([...ids, ...big.customers.map((c) => c.id)]).size).toBe(ids.length + big.customers.length);
		const bad: string[] = [];
		const meta = (r: { id: string; createdBy: string; updatedBy: string }) => {
			if (!memberIds.has(r.createdBy) || !memberIds.has(r.updatedBy)) bad.push(`${r.id} by`);
		};
		big.products.forEach(meta);
		for (const d of big.deals) {
			if (!byId.has(d.customer)) bad.push(`${d.id} customer`);
			if (d.contact && contactsById.get(d.contact)?.customer !== d.customer) bad.push(`${d.id} contact`);
			if (!memberIds.has(d.owner)) bad.push(`${d.id} owner`);
			if (d.lines.some((l) => !products.has(l.product))) bad.push(`${d.id} product`);
			meta(d);
		}
		for (const o of big.orders) {
			if (!byId.has(o.customer)) bad.push(`${o.id} customer`);
			if (!memberIds.has(o.owner)) bad.push(`${o.id} owner`);
			if (o.deal) {
				const d = deals.get(o.deal);
				if (!d || d.stage !== 'won' || d.customer !== o.customer || d.currency !== o.currency) bad.push(`${o.id} deal`);
			}
			if (o.lines.length === 0 || o.lines.some((l) => l.product && !products.has(l.product))) bad.push(`${o.id} lines`);
			if (orderTotal(o) <= 0) bad.push(`${o.id} total`);
			meta(o);
		}
		expect(bad.slice(0, 5)).toEqual([]);
		// Every won deal became an order; most orders come from deals, the rest are reorders.
		const ordered = new Set(big.orders.map((o) => o.deal));
		expect(big.deals.filter((d) => d.stage === 'won' && !ordered.has(d.id))).toEqual([]);
		within(big.orders.filter((o) => o.deal).length / big.orders.length, 0.5, 0.7);
		// Customers that buy are mostly at stage customer (the customers' stages are given).
		const buyers = [...new Set(live.map((o) => o.customer))].map((id) => byId.get(id)!);
		expect(buyers.filter((c) => c.stage === 'customer').length / buyers.length).toBeGreaterThan(0.7);
		expect(buyers.filter((c) => c.stage === 'potential').length / buyers.length).toBeLessThan(0.02);
		// Amounts are in CNY, or in USD for customers abroad.
		const abroad = new Set(['North America', 'Europe', 'Southeast Asia']);
		expect(big.orders.filter((o) => o.currency === 'USD').every((o) => abroad.has(byId.get(o.customer)!.region))).toBe(true);
		expect(big.deals.every((d) => d.currency === 'CNY' || d.currency === 'USD')).toBe(true);
		expect(big.orders.every((o) => toBase({ amount: orderTotal(o), currency: o.currency }, SAMPLE_CURRENCY) !== null)).toBe(true);
	});

	it('keeps every date in range', () => {
		const bad: string[] = [];
		for (const d of big.deals) {
			const c = byId.get(d.customer)!;
			const closed = d.stage === 'won' || d.stage === 'lost';
			if (!(d.createdAt >= c.createdAt && d.createdAt < now && d.updatedAt >= d.createdAt && d.updatedAt <= now)) bad.push(`${d.id} created`);
			if (closed ? !(d.closedAt! >= d.createdAt && d.closedAt! < now) : d.closedAt !== 0) bad.push(`${d.id} closedAt`);
			if (!(d.stageChangedAt! >= d.createdAt && d.stageChangedAt! <= now)) bad.push(`${d.id} stageChangedAt`);
			const close = dayOf(d.expectedClose);
			if (!(close >= Math.floor(c.createdAt / DAY) && close <= nowDay + 120)) bad.push(`${d.id} expectedClose`);
			if (closed && close >= nowDay) bad.push(`${d.id} closed in the future`);
		}
		for (const o of big.orders) {
			const c = byId.get(o.customer)!;
			const day = dayOf(o.orderDate);
			if (!(day >= Math.floor(c.createdAt / DAY) && day <= nowDay)) bad.push(`${o.id} orderDate`);
			if (o.deal && day < dayOf(deals.get(o.deal)!.expectedClose)) bad.push(`${o.id} before its deal`);
			if (!(o.createdAt >= c.createdAt && o.createdAt < now && o.statusChangedAt! >= o.createdAt && o.updatedAt >= o.statusChangedAt! && o.updatedAt <= now)) bad.push(`${o.id} times`);
			if (o.contractEnd && !(o.contractStart && o.contractEnd > o.contractStart)) bad.push(`${o.id} contract`);
		}
		expect(bad.slice(0, 5)).toEqual([]);
		expect(Math.min(...big.orders.map((o) => dayOf(o.orderDate)))).toBeLessThan(dayOf('2025-01-01'));
	});

	it('closes older deals as won or lost and keeps recent ones open across the pipeline', () => {
		const closed = (d: Deal) => d.stage === 'won' || d.stage === 'lost';
		expect(new Set(big.deals.map((d) => d.stage))).toEqual(new Set(DEFAULT_STAGE_IDS));
		const old = big.deals.filter((d) => dayOf(d.expectedClose) < nowDay - 90);
		expect(old.filter(closed).length / old.length).toBeGreaterThan(0.88);
		const ahead = big.deals.filter((d) => dayOf(d.expectedClose) >= nowDay);
		expect(ahead.length).toBeGreaterThan(big.deals.length * 0.1);
		expect(ahead.every((d) => !closed(d))).toBe(true);
		const open = big.deals.filter((d) => !closed(d));
		within(open.length / big.deals.length, 0.15, 0.4);
		within(big.deals.filter((d) => d.stage === 'won').length / big.deals.filter(closed).length, 0.3, 0.6);
		// Lost deals say why, open ones what comes next; competitors now and then.
		expect(big.deals.filter((d) => d.stage === 'lost').every((d) => d.lostReason)).toBe(true);
		expect(big.deals.filter((d) => d.stage !== 'lost').every((d) => !d.lostReason)).toBe(true);
		expect(open.filter((d) => d.nextStep).length / open.length).toBeGreaterThan(0.7);
		within(big.deals.filter((d) => d.competitors.length).length / big.deals.length, 0.15, 0.6);
		// Amounts from lines mostly, some typed by hand.
		const manual = big.deals.filter((d) => d.amountMode === 'manual');
		expect(manual.length / big.deals.length).toBeGreaterThan(0.05);
		expect(manual.every((d) => d.amount > 0 && d.lines.length === 0)).toBe(true);
		expect(big.deals.filter((d) => d.amountMode === 'items').every((d) => d.lines.length > 0)).toBe(true);
		expect(big.deals.some((d) => d.lines.some((l) => l.discountKind === 'percent' && l.discount)) && big.deals.some((d) => d.lines.some((l) => l.discountKind === 'amount'))).toBe(true);
	});

	it('gives every board column strictly ordered, valid order keys', () => {
		const columns = new Map<string, Deal[]>();
		for (const d of big.deals) columns.set(d.stage, [...(columns.get(d.stage) ?? []), d]);
		expect(columns.size).toBe(DEFAULT_STAGE_IDS.length);
		for (const [stage, col] of columns) {
			expect(col.every((d) => isOrderKey(d.position)), stage).toBe(true);
			const sorted = [...col].sort(comparePositions);
			for (let k = 1; k < sorted.length; k++) expect(sorted[k - 1].position < sorted[k].position, stage).toBe(true);
			// Soonest expected close first in open columns, latest closed first in won and lost.
			const closed = stage === 'won' || stage === 'lost';
			for (let k = 1; k < sorted.length; k++) {
				const [a, b] = [sorted[k - 1], sorted[k]];
				expect(closed ? a.closedAt! >= b.closedAt! : a.expectedClose <= b.expectedClose, stage).toBe(true);
			}
			// A move into the column writes only the moved card.
			const mover = big.deals.find((d) => d.stage !== stage)!;
			for (const index of [0, 1, Math.floor(sorted.length / 2), sorted.length]) expect(placeAt(sorted, mover.id, index)).toHaveLength(1);
		}
	});

	it('fits the deals onto a workspace pipeline of its own', () => {
		const ws = generateWorkspace({ seed: 11, customers: 2000 });
		const before = new Map(ws.deals.map((d) => [d.id, d.stage]));
		fitPipeline(ws.deals, DEFAULT_PIPELINE);
		expect(ws.deals.every((d) => d.stage === before.get(d.id))).toBe(true);
		const pipeline = {
			stages: [
				{ id: 'lead', name: 'Lead', probability: 20, kind: 'open' as const },
				{ id: 'demo', name: 'Demo', probability: 60, kind: 'open' as const },
				{ id: 'signed', name: 'Signed', probability: 100, kind: 'won' as const },
				{ id: 'dropped', name: 'Dropped', probability: 0, kind: 'lost' as const }
			]
		};
		fitPipeline(ws.deals, pipeline);
		const to = { qualification: 'lead', needsAnalysis: 'lead', proposal: 'demo', negotiation: 'demo', won: 'signed', lost: 'dropped' } as Record<string, string>;
		expect(ws.deals.every((d) => d.stage === to[before.get(d.id)!])).toBe(true);
		for (const stage of ['lead', 'demo', 'signed', 'dropped']) {
			const col = ws.deals.filter((d) => d.stage === stage).sort(comparePositions);
			expect(col.length, stage).toBeGreaterThan(10);
			expect(col.every((d, k) => isOrderKey(d.position) && (k === 0 || col[k - 1].position < d.position)), stage).toBe(true);
		}
		expect(ws.deals.every((d) => validateDeal(d, { pipeline }).errors.length === 0)).toBe(true);
	});

	it('dates orders by status: old ones paid, recent ones confirmed or delivered', () => {
		expect(new Set(big.orders.map((o) => o.status))).toEqual(new Set(ORDER_STATUSES));
		const old = big.orders.filter((o) => dayOf(o.orderDate) < nowDay - 90);
		expect(old.filter((o) => o.status === 'paid').length / old.length).toBeGreaterThan(0.85);
		const recent = big.orders.filter((o) => dayOf(o.orderDate) > nowDay - 7);
		expect(recent.filter((o) => o.status === 'confirmed' || o.status === 'delivered').length / recent.length).toBeGreaterThan(0.8);
		within(big.orders.filter((o) => o.status === 'cancelled').length / big.orders.length, 0.01, 0.06);
		const invoiced = big.orders.filter((o) => o.status === 'paid' || o.status === 'invoiced');
		expect(invoiced.filter((o) => o.invoiceNo).length / invoiced.length).toBeGreaterThan(0.7);
		expect(big.orders.filter((o) => o.status === 'confirmed').every((o) => !o.invoiceNo)).toBe(true);
		// Framework contracts: several orders under one contract number over its year.
		const perContract = new Map<string, number>();
		for (const o of big.orders) if (o.contractNo) perContract.set(o.contractNo, (perContract.get(o.contractNo) ?? 0) + 1);
		expect(Math.max(...perContract.values())).toBeGreaterThan(5);
	});

	it('trends upwards with a Q4 peak and a Spring Festival dip in monthly order totals', () => {
		// Classical decomposition: each month against its centred 12-month moving average.
		const months: string[] = [];
		for (let m = 0; m < 24; m++) months.push(new Date(Date.UTC(2024, 10 + m, 1)).toISOString().slice(0, 7));
		const series = (value: (o: (typeof live)[number]) => number) => {
			const sums = new Map(months.map((m) => [m, 0]));
			for (const o of live) {
				const k = o.orderDate.slice(0, 7);
				if (sums.has(k)) sums.set(k, sums.get(k)! + value(o));
			}
			const x = months.map((m) => sums.get(m)!);
			const trend = (t: number) => (0.5 * x[t - 6] + x.slice(t - 5, t + 6).reduce((a, b) => a + b, 0) + 0.5 * x[t + 6]) / 12;
			const at = (m: string) => months.indexOf(m);
			return { trend: (m: string) => trend(at(m)), season: (m: string) => x[at(m)] / trend(at(m)) };
		};
		const counts = series(() => 1);
		const amounts = series((o) => toBase({ amount: orderTotal(o), currency: o.currency }, SAMPLE_CURRENCY)!);
		for (const s of [counts, amounts]) {
			expect(s.trend('2026-04') / s.trend('2025-05')).toBeGreaterThan(1.8);
			expect(s.season('2025-12')).toBeGreaterThan(1.3);
			expect(s.season('2026-02')).toBeLessThan(0.7);
			expect(s.season('2025-11') + s.season('2025-12')).toBeGreaterThan(s.season('2025-07') + s.season('2025-08') + 0.5);
		}
		// The weeks before Spring Festival (17 Feb 2026) beat the weeks after it.
		const sf = lunarToSolar(2026, 1, 1)!;
		const sfDay = toDayNumber(sf.year, sf.month, sf.day);
		const orders = (lo: number, hi: number) => live.filter((o) => dayOf(o.orderDate) >= sfDay + lo && dayOf(o.orderDate) < sfDay + hi).length;
		expect(orders(-35, -7)).toBeGreaterThan(2 * orders(-7, 21));
	});

	it('gives products their own trends and seasons', () => {
		const sf = [lunarToSolar(2025, 1, 1)!, lunarToSolar(2026, 1, 1)!].map((s) => toDayNumber(s.year, s.month, s.day));
		const days = (sku: string) => {
			const id = bySku.get(sku)!.id;
			return live.filter((o) => o.lines.some((l) => l.product === id)).map((o) => dayOf(o.orderDate));
		};
		const share = (xs: number[], pred: (d: number) => boolean) => xs.filter(pred).length / xs.length;
		// Spring Festival gifts: most in the five weeks before the festival (about 10 % of the year).
		expect(share(days('GFT-7002'), (d) => sf.some((s) => d >= s - 36 && d < s - 3))).toBeGreaterThan(0.4);
		// Fans in May–August rather than November–February.
		const month = (d: number) => new Date(d * DAY).getUTCMonth() + 1;
		const fans = days('IND-6003');
		expect(share(fans, (d) => month(d) >= 5 && month(d) <= 8)).toBeGreaterThan(3 * share(fans, (d) => month(d) >= 11 || month(d) <= 2));
		// One camera model replaces the other.
		const old = days('SEC-5001');
		const next = days('SEC-5002');
		expect(Math.max(...old)).toBeLessThan(Math.min(...next) + 120);
		expect(Math.max(...old)).toBeLessThan(nowDay - 180);
		expect(Math.min(...next)).toBeGreaterThan(dayOf('2025-10-01'));
		// Cloud storage grows fast, desktops decline relative to laptops.
		const cloud = days('SVC-4003');
		const year2 = (d: number) => d >= dayOf('2025-11-01');
		expect(share(cloud, year2)).toBeGreaterThan(0.8);
		expect(share(days('ITN-3002'), year2)).toBeLessThan(share(days('ITN-3001'), year2));
	});

	it('asks for the sample currencies only where the workspace lacks them', () => {
		expect(sampleCurrencySettings(undefined)).toEqual(SAMPLE_CURRENCY);
		expect(sampleCurrencySettings({ base: 'USD', rates: [] })).toEqual(SAMPLE_CURRENCY);
		expect(sampleCurrencySettings({ base: 'CNY', rates: [{ currency: 'USD', rate: '7' }] })).toBeNull();
		expect(sampleCurrencySettings({ base: 'CNY', rates: [{ currency: 'EUR', rate: '7.8' }] })).toEqual({ base: 'CNY', rates: [{ currency: 'EUR', rate: '7.8' }, ...SAMPLE_CURRENCY.rates] });
		expect(sampleCurrencySettings({ base: 'USD', rates: [{ currency: 'EUR', rate: '1.1' }] })?.rates.map((r) => r.currency)).toEqual(['EUR', 'CNY']);
		expect(sampleCurrencySettings({ base: 'EUR', rates: [{ currency: 'USD', rate: '0.9' }] })).toBeNull();
	});
});
