// Care (客户关怀) tasks: the greetings a team sends on an occasion, one task per customer, due
// a few days before. Each carries a care key, so generating them again adds no copies.
import type { HolidayKey, Occasion } from './holidays';
import { addDays } from './lunar';

export const DEFAULT_LEAD_DAYS = 3;

/** A customer as care planning needs it. */
export interface CareCustomer {
	id: string;
	name: string;
	owner: string;
}

export type CareTitleCode = `care.${HolidayKey}` | 'care.workspaceDate' | 'care.birthday' | 'care.anniversary';

/** A task title as a message code and its parameters; the UI translates it. */
export interface CareTitle {
	code: CareTitleCode;
	params: Record<string, string>;
}

/** A care task to create; `due` is an all-day "YYYY-MM-DD", `contact` is '' for none. */
export interface CareTaskDraft {
	title: CareTitle;
	customer: string;
	contact: string;
	assignee: string;
	due: string;
	careKey: string;
}

export interface CareTaskOptions {
	occasion: Occasion;
	/** The customers chosen for a holiday or workspace date; a birthday or anniversary goes only to its own customer, when listed. */
	customers: readonly CareCustomer[];
	/** Days before the occasion the task is due (whole days, at least 0). */
	leadDays?: number;
	/** Care tasks already in the workspace, including those in the Trash, so a deleted greeting stays deleted. */
	existing: Iterable<{ careKey?: string }>;
	/** Today, "YYYY-MM-DD": past occasions give nothing and no task is due before today. */
	today?: string;
	/** Who gets tasks for customers without an owner, and for contacts without a company. */
	fallbackAssignee?: string;
}

/** The care key of one occasion's greeting to one customer in one year. */
export function careKey(occasionKey: string, year: number, customerId: string): string {
	return `${occasionKey}:${year}:${customerId}`;
}

/** The tasks to create for an occasion, skipping every care key that already exists. */
export function careTasks({ occasion, customers, leadDays = DEFAULT_LEAD_DAYS, existing, today, fallbackAssignee = '' }: CareTaskOptions): CareTaskDraft[] {
	if (today !== undefined && occasion.date < today) return [];
	const seen = new Set<string>();
	for (const t of existing) if (t.careKey) seen.add(t.careKey);
	const lead = Number.isFinite(leadDays) ? Math.max(0, Math.floor(leadDays)) : DEFAULT_LEAD_DAYS;
	let due = addDays(occasion.date, -lead);
	if (today !== undefined && due < today) due = today;
	const year = Number(occasion.date.slice(0, 4));

	const out: CareTaskDraft[] = [];
	const add = (customer: string, contact: string, owner: string, title: CareTitle) => {
		const key = careKey(occasion.key, year, customer);
		if (seen.has(key)) return;
		seen.add(key);
		out.push({ title, customer, contact, assignee: owner || fallbackAssignee, due, careKey: key });
	};

	if (occasion.type === 'birthday' || occasion.type === 'anniversary') {
		const title: CareTitle = { code: `care.${occasion.type}`, params: { name: occasion.name } };
		if (!occasion.customer) {
			if (occasion.contact) add('', occasion.contact, '', title);
			return out;
		}
		const c = customers.find((c) => c.id === occasion.customer);
		if (c) add(c.id, occasion.contact, c.owner, title);
		return out;
	}
	for (const c of customers) {
		if (!c.id) continue;
		const title: CareTitle =
			occasion.type === 'holiday'
				? { code: `care.${occasion.key}`, params: { customer: c.name } }
				: { code: 'care.workspaceDate', params: { occasion: occasion.name, customer: c.name } };
		add(c.id, '', c.owner, title);
	}
	return out;
}
