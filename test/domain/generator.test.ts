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
import { MEMBER_COLORS } from '../../src/lib/domain/member';
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
