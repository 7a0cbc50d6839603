// Activities live in their own documents, one per quarter ("act-2026q3"), so the main
// document (customers, contacts, tasks) stays small enough to open fast. The main document
// lists the partitions that exist (map "partitions"), so every device knows what to open and
// sync. Each partition document has the usual collection layout ("activities" + overlay)
// and its own change log.
import type * as Y from 'yjs';
import { ACTIVITY_FIELDS, activityPeriod, emptyActivity, PERIOD_RE, validateActivity, type Activity, type ActivityFields } from '../domain/activity';
import { Collection, type Loaded } from './collection';
import { createRecord, updateRecord, type CommandResult, type RecordRules } from './commands';
import { stamp, type WriteContext } from './context';
import { HistoryLog, type HistoryEntry } from './history';
import { ORIGIN } from './schema';
import { foldText } from '../domain/text';

export const PARTITIONS = 'partitions';
export const ACTIVITIES = 'activities';

export const ACTIVITY_RULES: RecordRules<ActivityFields> = {
	fields: ACTIVITY_FIELDS,
	empty: (ctx) => emptyActivity(ctx.memberId, '', stamp(ctx).at),
	validate: validateActivity
};

interface Partition {
	doc: Y.Doc;
	coll: Collection<Activity>;
}

export class ActivityStore {
	readonly index: Y.Map<{ createdAt: number }>;
	#parts = new Map<string, Partition>();
	/** Activity id → its partition. */
	#where = new Map<string, string>();
	/** Customer id → its activities' ids; built on first use, then kept current. */
	#byCustomer: Map<string, Set<string>> | null = null;
	#customerOf = new Map<string, string>();
	/** Activity id → its folded subject and notes ('' when in the Trash), for `search`; dropped on change. */
	#folded = new Map<string, string>();

	constructor(mainDoc: Y.Doc) {
		this.index = mainDoc.getMap(PARTITIONS);
	}

	/** Partitions the workspace has, newest first. */
	periods(): string[] {
		return [...this.index.keys()].filter((p) => PERIOD_RE.test(p)).sort().reverse();
	}

	attached(period: string): boolean {
		return this.#parts.has(period);
	}

	/** Makes a loaded partition document part of the store. */
	attach(period: string, doc: Y.Doc): void {
		if (this.#parts.has(period)) return;
		const coll = new Collection<Activity>(doc, ACTIVITIES, new HistoryLog(doc), emptyActivity('', '', 0) as unknown as Record<string, unknown>);
		this.#parts.set(period, { doc, coll });
		for (const id of coll.ids()) this.#where.set(id, period);
		if (this.#byCustomer) this.#indexFast(coll);
		doc.on('afterTransaction', (tr: Y.Transaction) => {
			for (const id of coll.changedIds(tr)) {
				this.#where.set(id, period);
				this.#folded.delete(id);
				if (this.#byCustomer) this.#reindex(period, id);
			}
		});
	}

	/** Records a partition in the main document (so other devices open and sync it). */
	register(period: string, ctx: WriteContext): void {
		if (this.index.has(period)) return;
		const { at } = stamp(ctx);
		this.index.doc!.transact(() => this.index.set(period, { createdAt: at }), ORIGIN.local);
	}

	#reindex(period: string, id: string) {
		const customer = String(this.#parts.get(period)?.coll.get(id)?.customer ?? '');
		const before = this.#customerOf.get(id);
		if (before === customer) return;
		if (before !== undefined) this.#byCustomer!.get(before)?.delete(id);
		this.#customerOf.set(id, customer);
		let s = this.#byCustomer!.get(customer);
		if (!s) this.#byCustomer!.set(customer, (s = new Set()));
		s.add(id);
	}

	/**
	 * Indexes a partition by customer without decoding its records: the customer id is read out
	 * of each base JSON string, then the (rare) edits of the customer field are laid over it.
	 * Hundreds of thousands of activities take milliseconds instead of seconds.
	 */
	#indexFast(coll: Collection<Activity>) {
		const KEY = '"customer":"';
		const set = (id: string, customer: string) => {
			const before = this.#customerOf.get(id);
			if (before === customer) return;
			if (before !== undefined) this.#byCustomer!.get(before)?.delete(id);
			this.#customerOf.set(id, customer);
			let s = this.#byCustomer!.get(customer);
			if (!s) this.#byCustomer!.set(customer, (s = new Set()));
			s.add(id);
		};
		for (const [id, base] of coll.base.entries()) {
			if (typeof base === 'string') {
				const i = base.indexOf(KEY);
				// JSON escapes only matter for ids with quotes or backslashes, which ids never have.
				set(id, i < 0 ? '' : base.slice(i + KEY.length, base.indexOf('"', i + KEY.length)));
			} else set(id, String((base as { customer?: unknown }).customer ?? ''));
		}
		for (const [key, edit] of coll.edits.entries()) {
			if (key.endsWith('\u0000customer')) set(key.slice(0, key.indexOf('\u0000')), String(edit.v ?? ''));
		}
	}

	#partOf(id: string): Partition | undefined {
		const p = this.#where.get(id);
		return p ? this.#parts.get(p) : undefined;
	}

	has(id: string): boolean {
		return !!this.#partOf(id)?.coll.has(id);
	}

	load(id: string): Loaded<Activity> | undefined {
		return this.#partOf(id)?.coll.load(id);
	}

	get size(): number {
		let n = 0;
		for (const p of this.#parts.values()) n += p.coll.size;
		return n;
	}

	/** Every loaded activity (deleted ones included), partition by partition. */
	*all(): Generator<Loaded<Activity>> {
		for (const { coll } of this.#parts.values()) {
			for (const id of coll.ids()) {
				const l = coll.load(id);
				if (l) yield l;
			}
		}
	}

	/** Ids of a customer's activities, the Trash included (index built on first use). */
	idsOfCustomer(customerId: string): string[] {
		if (!this.#byCustomer) {
			this.#byCustomer = new Map();
			for (const { coll } of this.#parts.values()) this.#indexFast(coll);
		}
		return [...(this.#byCustomer.get(customerId) ?? [])];
	}

	/** The partition collection holding an activity (imports and merges write through it). */
	collectionOf(id: string): Collection<Activity> | undefined {
		return this.#partOf(id)?.coll;
	}

	/** Every open partition's collection. */
	collections(): Array<Collection<Activity>> {
		return [...this.#parts.values()].map((p) => p.coll);
	}

	/** A customer's activities, newest first (not those in the Trash). */
	forCustomer(customerId: string): Activity[] {
		const out: Activity[] = [];
		for (const id of this.idsOfCustomer(customerId)) {
			const l = this.load(id);
			if (l && !l.deletion) out.push(l.record);
		}
		return out.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
	}

	/**
	 * A ticket's activities in the partitions loaded so far, newest first (not those in the
	 * Trash). Found without decoding every record: the ticket id is looked for in each base JSON
	 * string and in the edits of the ticket field, and only those records are read.
	 */
	forTicket(ticketId: string): Activity[] {
		if (!ticketId) return [];
		const needle = `"ticket":${JSON.stringify(ticketId)}`;
		const out: Activity[] = [];
		for (const { coll } of this.#parts.values()) {
			const ids = new Set<string>();
			for (const [id, base] of coll.base.entries()) if (typeof base === 'string' ? base.includes(needle) : (base as { ticket?: unknown }).ticket === ticketId) ids.add(id);
			for (const [key, edit] of coll.edits.entries()) if (key.endsWith('\u0000ticket') && edit.v === ticketId) ids.add(key.slice(0, key.indexOf('\u0000')));
			for (const id of ids) {
				const l = coll.load(id);
				if (l && !l.deletion && l.record.ticket === ticketId) out.push(l.record);
			}
		}
		return out.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
	}

	/** Activities (not in the Trash) with `from <= at < to`, oldest first. */
	between(from: number, to: number): Activity[] {
		const out: Activity[] = [];
		for (const [period, { coll }] of this.#parts) {
			// A partition holds what was created for its quarter; later date edits may move an
			// activity out of it, so only partitions entirely outside are skipped by name.
			const [y, q] = [Number(period.slice(4, 8)), Number(period.slice(9))];
			const start = Date.UTC(y, (q - 1) * 3, 1) - 14 * 86_400_000;
			const end = Date.UTC(y, q * 3, 1) + 14 * 86_400_000;
			if (end <= from || start >= to) continue;
			for (const id of coll.ids()) {
				const l = coll.load(id);
				if (l && !l.deletion && l.record.at >= from && l.record.at < to) out.push(l.record);
			}
		}
		return out.sort((a, b) => a.at - b.at);
	}

	/** Loaded activities (not in the Trash) whose subject or notes contain every word of `text`, newest first. */
	search(text: string, limit: number): Activity[] {
		const needles = foldText(text).split(/\s+/).filter(Boolean);
		if (!needles.length || limit <= 0) return [];
		const out: Activity[] = [];
		for (const { coll } of this.#parts.values()) {
			for (const id of coll.ids()) {
				const folded = this.#folded.get(id) ?? this.#fold(coll, id);
				if (!folded || !needles.every((n) => folded.includes(n))) continue;
				const r = coll.get(id);
				if (r) out.push(r);
			}
		}
		return out.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1)).slice(0, limit);
	}

	#fold(coll: Collection<Activity>, id: string): string {
		const l = coll.load(id);
		const folded = l && !l.deletion ? foldText(`${l.record.subject}\u0001${l.record.notes}`) : '';
		this.#folded.set(id, folded);
		return folded;
	}

	history(id: string): HistoryEntry[] {
		return this.#partOf(id)?.coll.history.forRecord(id) ?? [];
	}

	/** The partition a new activity at `at` goes to; it must be attached before `create`. */
	periodFor(fields: Partial<ActivityFields>, ctx: WriteContext): string {
		return activityPeriod(Number(fields.at) || stamp(ctx).at);
	}

	create(input: Partial<ActivityFields>, ctx: WriteContext, rules: RecordRules<ActivityFields> = ACTIVITY_RULES): CommandResult<string> {
		const period = this.periodFor(input, ctx);
		const part = this.#parts.get(period);
		if (!part) throw new Error(`Partition ${period} is not open`);
		const r = createRecord(part.coll, rules, input, ctx);
		if (r.ok) this.#where.set(r.value, period);
		return r;
	}

	update(id: string, patch: Partial<ActivityFields>, ctx: WriteContext, rules: RecordRules<ActivityFields> = ACTIVITY_RULES): CommandResult<number> {
		const part = this.#partOf(id);
		if (!part) return { ok: false, errors: [{ field: 'id', code: 'notFound' }] };
		return updateRecord(part.coll, rules, id, patch, ctx);
	}

	remove(ids: string[], ctx: WriteContext): void {
		for (const id of ids) this.#partOf(id)?.coll.remove([id], ctx);
	}

	restore(ids: string[], ctx: WriteContext): void {
		for (const id of ids) this.#partOf(id)?.coll.restore([id], ctx);
	}

	/** Writes a whole record as it is (sample data, restore) into its partition. */
	put(record: Activity): void {
		const period = activityPeriod(record.at);
		const part = this.#parts.get(period);
		if (!part) throw new Error(`Partition ${period} is not open`);
		part.coll.put(record);
		this.#where.set(record.id, period);
	}

	partition(period: string): Partition | undefined {
		return this.#parts.get(period);
	}
}
