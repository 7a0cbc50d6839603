// The "standard workspace": one seeded generator shared by every bench, by the tests and by
// "Load sample data". Pure TypeScript so it runs in Node, a worker or the page alike.
//
// Each collection draws from its own stream of the seed, and records are generated in order,
// so a smaller workspace is a prefix of a larger one and adding a collection later does not
// change the ones already here.

import {
	type AgeGroup,
	type Capacity,
	type Customer,
	type CustomerType,
	type Education,
	type Gender,
	type Stage
} from '../customer';
import type { Activity } from '../activity';
import type { Contact } from '../contact';
import type { Deal } from '../deal';
import type { Order } from '../order';
import type { Product } from '../product';
import { MEMBER_COLORS, type Member } from '../member';
import type { Task } from '../task';
import { normalizePhone } from '../text';
import { cat, DAY, email, enPerson, lower, numeric, ORG_SHARE, phone, STAGE_MIX, T, windowStart, zhPerson, type Person } from './parts';
import * as P from './pools';
import { Random } from './random';
import { accounts, generateActivities, generateContacts, generateTasks } from './relations';
import { Demand, generateDeals, generateOrders, generateProducts } from './sales';
import { generateTickets } from './tickets';
import type { Ticket } from '../ticket';
import type { Competitor } from '../competitor';
import { generateCompetitors, linkDealCompetitors } from './competitors';

export interface WorkspaceOptions {
	/** Seed of every stream; default 1. */
	seed?: number;
	/** Number of customers; default 100,000. */
	customers?: number;
	/** Number of members (≥ 1); default 8. */
	members?: number;
	/** The workspace's "today"; records fall in the 24 months before it. Default 2026-11-01 UTC. */
	now?: number;
	/** Contact persons of organisation customers; default about 1 per 5 customers. */
	contacts?: number;
	/** Tasks; default about 1 per 10 customers, due over the last 2 months and the next one. */
	tasks?: number;
	/** Activities over the 24 months; default about 3 per customer. */
	activities?: number;
	/** Deals, closing over the 24 months and the next four; default about 1 per 5 customers. */
	deals?: number;
	/** Orders over the 24 months, from won deals and direct; default about 1 per 2 customers. */
	orders?: number;
	/** After-sales tickets; default about 1 per 10 orders. */
	tickets?: number;
}

export interface SampleWorkspace {
	members: Member[];
	customers: Customer[];
	contacts: Contact[];
	tasks: Task[];
	activities: Activity[];
	/** The catalogue (the same for every size). */
	products: Product[];
	deals: Deal[];
	orders: Order[];
	/** After-sales tickets about the orders (tickets.ts). */
	tickets: Ticket[];
	/** The rivals, linked by id from the deals that name them (competitors.ts). */
	competitors: Competitor[];
}

export const DEFAULT_SEED = 1;
export const DEFAULT_CUSTOMERS = 100_000;
export const DEFAULT_MEMBERS = 8;
export const DEFAULT_NOW = Date.UTC(2026, 10, 1);

/** Which stream of the seed each collection uses; never renumber, only append. */
const STREAM = { members: 1, customers: 2, engagement: 3, contacts: 4, tasks: 5, activities: 6, products: 7, deals: 8, orders: 9, directOrders: 10, tickets: 11, competitors: 12 } as const;

// Lookup tables are built once per module so a customer costs only draws and short concats.
const STAGE_T = T<Stage>(STAGE_MIX);
const TYPE_T = T<CustomerType>([
	['end', 70],
	['distributor', 15],
	['supplier', 8],
	['partner', 7]
]);
const GENDER_T = T<Gender>([
	['female', 45],
	['male', 45],
	['other', 1],
	['', 9]
]);
const AGE_T = T<AgeGroup>([
	['', 15],
	['under25', 8],
	['25to34', 27],
	['35to44', 25],
	['45to54', 17],
	['55plus', 8]
]);
const EDU_T = T<Education>([
	['', 20],
	['secondary', 15],
	['college', 20],
	['bachelor', 30],
	['master', 12],
	['doctorate', 3]
]);
const CAPACITY_T = T<Capacity>([
	['', 15],
	['low', 30],
	['medium', 40],
	['high', 15]
]);
const ZH_BUSINESS_T = T(P.ZH_BUSINESS.map((b) => [b, b[2]] as const));
const ZH_SUFFIX_T = T(P.ZH_COMPANY_SUFFIXES);
const EN_SUFFIX_T = T(P.EN_COMPANY_SUFFIXES);
const CN_REGION_T = T(P.CN_REGIONS.map((r) => [r, r.weight] as const));
const FOREIGN_REGION_T = T(P.FOREIGN_REGIONS.map((r) => [r, r.weight] as const));
const ZH_SOURCE_T = numeric(P.ZH_SOURCES);
const EN_SOURCE_T = numeric(P.EN_SOURCES);
const PHONE_COUNT_T = T([
	[0, 10],
	[1, 65],
	[2, 25]
]);
const EMAIL_COUNT_T = T([
	[0, 25],
	[1, 60],
	[2, 15]
]);
const TAG_COUNT_T = T([
	[0, 35],
	[1, 35],
	[2, 20],
	[3, 10]
]);
const EN_BRAND_1_LC = lower(P.EN_BRAND_1);
const EN_BRAND_2_LC = lower(P.EN_BRAND_2);
const BUILDINGS = ['A', 'B', 'C', 'D'];

interface Company {
	name: string;
	industry: number;
	domain: string;
}

function zhCompany(rng: Random, city: string): Company {
	const [brand, brandPy] = rng.pick(P.ZH_BRANDS);
	const biz = rng.weighted(ZH_BUSINESS_T);
	const suffix = rng.weighted(ZH_SUFFIX_T);
	const style = rng.float();
	// Registered names usually lead with the city, with or without 市.
	const prefix = city === '' ? '' : style < 0.35 ? city + '市' : style < 0.7 ? city : '';
	const sep = biz[3] === '' ? '' : rng.chance(0.5) ? '' : '-';
	return { name: cat(prefix, brand, biz[0], suffix), industry: biz[1], domain: cat(brandPy, sep, biz[3], rng.pick(P.TLDS)) };
}

function enCompany(rng: Random): Company {
	const i = rng.int(0, P.EN_BRAND_1.length - 1);
	const [biz, industry] = rng.pick(P.EN_BUSINESS);
	const suffix = rng.weighted(EN_SUFFIX_T);
	const tld = rng.chance(0.8) ? '.com' : '.net';
	if (rng.chance(0.6)) {
		const j = rng.int(0, P.EN_BRAND_2.length - 1);
		return {
			name: cat(P.EN_BRAND_1[i], ' ', P.EN_BRAND_2[j], ' ', biz, ' ', suffix),
			industry,
			domain: cat(EN_BRAND_1_LC[i], EN_BRAND_2_LC[j], tld)
		};
	}
	return { name: cat(P.EN_BRAND_1[i], ' ', biz, ' ', suffix), industry, domain: EN_BRAND_1_LC[i] + tld };
}

/** Members, the first one the workspace owner; all join in the week before the data starts. */
function generateMembers(rng: Random, count: number, start: number): Member[] {
	const members: Member[] = [];
	const names = new Set<string>();
	const ownerId = rng.uuid();
	for (let i = 0; i < count; i++) {
		let person: Person;
		let tries = 0;
		do {
			const gender = rng.chance(0.5) ? 'female' : 'male';
			// Every third member has an English name, so even a small team is mixed.
			person = i % 3 === 2 ? enPerson(rng, gender) : zhPerson(rng, gender);
		} while (names.has(person.name) && ++tries < 20);
		names.add(person.name);
		const id = i === 0 ? ownerId : rng.uuid();
		const createdAt = i === 0 ? start - 7 * DAY : start - 7 * DAY + rng.between(DAY, 6 * DAY);
		members.push({
			id,
			name: person.name,
			color: MEMBER_COLORS[i % MEMBER_COLORS.length],
			role: i === 0 ? 'owner' : 'editor',
			createdAt,
			createdBy: ownerId,
			updatedAt: createdAt + rng.between(0, DAY),
			updatedBy: id
		});
	}
	return members;
}

/** Generates `count` customers owned and edited by `members`, created in the 24 months before `now`. */
export function generateCustomers(
	rng: Random,
	members: readonly Pick<Member, 'id'>[],
	count: number,
	now: number
): Customer[] {
	if (members.length === 0) throw new RangeError('customers need at least one member');
	const start = windowStart(now);
	const span = now - start;
	const days = Math.floor(span / DAY);
	const ids = members.map((m) => m.id);
	// Books differ in size: the owner (index 0) mostly manages, and later reps carry fewer accounts.
	const ownerT = T(ids.map((id, i) => [id, i === 0 && ids.length > 1 ? 0.5 : 1 / (1 + 0.25 * i)] as const));
	// push, not new Array(count): a pre-sized array starts holey and, this large, may go slow-mode.
	const out: Customer[] = [];

	for (let n = 0; n < count; n++) {
		const id = rng.uuid();
		const zh = rng.chance(0.6);
		const org = rng.chance(ORG_SHARE);

		// Place: Chinese names are mostly on the mainland, English ones mostly abroad.
		const abroad = rng.chance(zh ? 0.03 : 0.7);
		let region: string;
		let city: string;
		let area = '';
		let cc = '';
		if (abroad) {
			const r = rng.weighted(FOREIGN_REGION_T);
			const c = rng.pick(r.cities);
			region = r.name;
			city = c[0];
			cc = c[1];
			area = c[2];
		} else {
			const r = rng.weighted(CN_REGION_T);
			const c = rng.pick(r.cities);
			region = r.name;
			city = c[0];
			area = c[1];
		}

		// Organisations get a contact person too: it only shapes their e-mail addresses.
		const gender = org ? '' : rng.weighted(GENDER_T);
		const person = zh ? zhPerson(rng, gender) : enPerson(rng, gender);
		const employer = org || rng.chance(0.8) ? (zh ? zhCompany(rng, abroad ? '' : city) : enCompany(rng)) : null;
		const name = org ? employer!.name : person.name;
		const company = org ? (rng.chance(0.5) ? name : '') : employer ? employer.name : '';
		const industryPair = P.INDUSTRIES[employer ? employer.industry : rng.int(0, P.INDUSTRIES.length - 1)];

		// Lists are built at their final length: a push onto [] reserves 16 slots per array.
		// Phones must stay distinct after normalisation, because validation rejects duplicates;
		// every format ends in a digit, so comparing last characters skips most of that work.
		const phoneCount = rng.weighted(PHONE_COUNT_T);
		let phones: string[] = [];
		if (phoneCount > 0) {
			const p0 = phone(rng, zh, org, abroad, area, cc);
			phones = [p0];
			if (phoneCount > 1) {
				const p1 = phone(rng, zh, org, abroad, area, cc);
				if (p1.charCodeAt(p1.length - 1) !== p0.charCodeAt(p0.length - 1) || normalizePhone(p1) !== normalizePhone(p0)) {
					phones = [p0, p1];
				}
			}
		}

		const emailCount = rng.weighted(EMAIL_COUNT_T);
		let emails: string[] = [];
		if (emailCount > 0) {
			const domain = employer ? employer.domain : '';
			const e0 = email(rng, person, org, domain);
			emails = [e0];
			if (emailCount > 1) {
				const e1 = email(rng, person, org, domain);
				if (e1 !== e0) emails = [e0, e1];
			}
		}

		// 85% of tags are in the customer's language; the rest cross over.
		const tagCount = rng.weighted(TAG_COUNT_T);
		let tags: string[] = [];
		if (tagCount > 0) {
			const t0 = rng.pick(zh === rng.chance(0.85) ? P.ZH_TAGS : P.EN_TAGS);
			const t1 = tagCount > 1 ? rng.pick(zh === rng.chance(0.85) ? P.ZH_TAGS : P.EN_TAGS) : t0;
			const t2 = tagCount > 2 ? rng.pick(zh === rng.chance(0.85) ? P.ZH_TAGS : P.EN_TAGS) : t0;
			tags = t1 === t0 ? (t2 === t0 ? [t0] : [t0, t2]) : t2 === t0 || t2 === t1 ? [t0, t1] : [t0, t1, t2];
		}

		let address = '';
		if (rng.chance(0.85)) {
			address = abroad
				? cat(String(rng.int(1, 2400)), ' ', rng.pick(P.EN_STREETS), ', ', city)
				: cat(
						city,
						'市',
						rng.pick(P.ZH_DISTRICTS),
						rng.pick(P.ZH_ROADS),
						rng.pick(P.ZH_ROAD_KINDS),
						String(rng.int(1, 999)),
						'号',
						rng.chance(0.4) ? rng.pick(BUILDINGS) + '座' + rng.int(1, 28) + '0' + rng.int(1, 9) + '室' : ''
					);
		}

		let preferences = '';
		if (rng.chance(0.55)) {
			const pool = zh ? P.ZH_PREFERENCES : P.EN_PREFERENCES;
			preferences = rng.pick(pool);
			if (rng.chance(0.3)) {
				const more = rng.pick(pool);
				if (more !== preferences) preferences = cat(preferences, zh ? '；' : '; ', more);
			}
		}

		const createdAt = createdTime(rng, start, span, days, now);
		const updatedAt = rng.chance(0.35) ? createdAt : createdAt + Math.floor((now - createdAt) * rng.float() ** 1.5);
		const owner = rng.weighted(ownerT);

		out.push({
			id,
			name,
			kind: org ? 'organization' : 'person',
			company,
			phones,
			emails,
			address,
			region,
			city,
			industry: zh ? industryPair[0] : industryPair[1],
			source: rng.weighted(zh ? ZH_SOURCE_T : EN_SOURCE_T),
			stage: rng.weighted(STAGE_T),
			type: rng.weighted(TYPE_T),
			owner,
			tags,
			gender,
			ageGroup: org ? '' : rng.weighted(AGE_T),
			occupation: org ? '' : rng.pick(zh ? P.ZH_OCCUPATIONS : P.EN_OCCUPATIONS),
			education: org ? '' : rng.weighted(EDU_T),
			capacity: rng.weighted(CAPACITY_T),
			preferences,
			notes: rng.chance(0.4) ? rng.pick(zh ? P.ZH_NOTES : P.EN_NOTES) : '',
			createdAt,
			createdBy: rng.chance(0.8) ? owner : rng.pick(ids),
			updatedAt,
			updatedBy: rng.chance(0.6) ? owner : rng.pick(ids)
		});
	}
	return out;
}

// Later months are denser (density rises linearly to twice the oldest month's), work happens
// on weekdays and in office hours (Beijing time), so charts over createdAt look like real ones.
function createdTime(rng: Random, start: number, span: number, days: number, now: number): number {
	const x = -1 + Math.sqrt(1 + 3 * rng.float()); // inverse CDF of the density (1 + x) / 1.5 on [0, 1)
	let day = Math.floor(start / DAY) + Math.floor(x * days); // days since the epoch (UTC)
	const dow = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
	if ((dow === 0 || dow === 6) && rng.chance(0.75)) day -= dow === 6 ? 1 : 2;
	const offset = rng.chance(0.85) ? 3_600_000 + rng.between(0, 9 * 3_600_000) : rng.between(0, DAY);
	const t = day * DAY + offset;
	// Only the window's ragged first and last days can fall outside it.
	return t >= start && t < now ? t : start + rng.between(0, span);
}

/**
 * Generates the seeded standard workspace: members first (index 0 is the owner), then
 * customers, then their contacts, tasks and activities, then the product catalogue, deals
 * and orders (sales.ts). Without explicit counts those come in the default ratios (`RATIOS`,
 * `SALES_RATIOS`), about 20,000 contacts, 10,000 tasks, 300,000 activities, 20,000 deals and
 * 50,000 orders at 100,000 customers; an explicit count is met exactly as long as there are
 * customers to hang the records on (organisations, for contacts; customers that buy, for
 * direct orders).
 */
export function generateWorkspace(options: WorkspaceOptions = {}): SampleWorkspace {
	const seed = options.seed ?? DEFAULT_SEED;
	const customerCount = options.customers ?? DEFAULT_CUSTOMERS;
	const memberCount = options.members ?? DEFAULT_MEMBERS;
	const now = options.now ?? DEFAULT_NOW;
	if (!Number.isInteger(customerCount) || customerCount < 0) throw new RangeError('customers must be an integer ≥ 0');
	if (!Number.isInteger(memberCount) || memberCount < 1) throw new RangeError('members must be an integer ≥ 1');
	if (!Number.isFinite(now)) throw new RangeError('now must be a finite timestamp');
	for (const k of ['contacts', 'tasks', 'activities', 'deals', 'orders'] as const) {
		const v = options[k];
		if (v !== undefined && !(Number.isInteger(v) && v >= 0)) throw new RangeError(`${k} must be an integer ≥ 0`);
	}
	const start = windowStart(now);
	const members = generateMembers(new Random(seed, STREAM.members), memberCount, start);
	const customers = generateCustomers(new Random(seed, STREAM.customers), members, customerCount, now);
	const acc = accounts(new Random(seed, STREAM.engagement), customers, members.map((m) => m.id), now, start);
	// Contacts first: tasks and activities name them.
	const contacts = generateContacts(new Random(seed, STREAM.contacts), acc, options.contacts);
	const tasks = generateTasks(new Random(seed, STREAM.tasks), acc, options.tasks);
	const activities = generateActivities(new Random(seed, STREAM.activities), acc, options.activities);
	// The selling side: the catalogue, deals on it, and the orders of the won ones plus reorders.
	const demand = new Demand(start, now);
	const memberIds = members.map((m) => m.id);
	const products = generateProducts(new Random(seed, STREAM.products), members[0].id, memberIds, demand, start, now);
	const { deals, info } = generateDeals(new Random(seed, STREAM.deals), acc, demand, products, options.deals);
	const orders = generateOrders(new Random(seed, STREAM.orders), new Random(seed, STREAM.directOrders), acc, demand, products, deals, info, options.orders);
	const index = new Map(customers.map((c, i) => [c.id, i]));
	const tickets = generateTickets(new Random(seed, STREAM.tickets), orders, memberIds, (id) => acc.zh[index.get(id) ?? -1] === 1, now, options.tickets);
	const rivals = new Random(seed, STREAM.competitors);
	const competitors = generateCompetitors(rivals, memberIds, start, now);
	linkDealCompetitors(rivals, deals, competitors);
	return { members, customers, contacts, tasks, activities, products, deals, orders, tickets, competitors };
}
