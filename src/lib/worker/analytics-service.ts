// The data worker's analytics (docs/ANALYTICS.md). Once the customers, the sales document and
// the activity quarters have loaded, it feeds every record into one Aggregator — in chunks,
// yielding between them so commands keep their turns — and from then on feeds only the records
// each transaction changed (customers, activities, deals, orders, tickets), so the dashboard's
// totals stay current without rescans. Nothing here runs on the main thread.
import type * as Y from 'yjs';
import { Aggregator } from '../domain/analytics/aggregator';
import { attentionLists } from '../domain/analytics/attention';
import { buildDashboard, drillIds } from '../domain/analytics/dashboard';
import type { ActivityIn, CustomerIn, DealIn, OrderIn, TicketIn } from '../domain/analytics/facts';
import { backtest, forecastSeries, nextMonths } from '../domain/analytics/forecast';
import { segmentFields } from '../domain/analytics/segment';
import { dayToMs, monthOf, monthRange } from '../domain/analytics/time';
import type { AnalyticsSettings, AttentionLists, CustomerInsight, Dashboard, DashboardFilters, ForecastResult, ForecastTarget, SegmentField, SegmentRule, Tier } from '../domain/analytics/types';
import type { Activity } from '../domain/activity';
import { dealAmount, dealCompetitors, findStage, lineTotal, type Deal } from '../domain/deal';
import { competitorKey, type Competitor } from '../domain/competitor';
import { converter } from '../domain/money';
import { orderTotal, type Order } from '../domain/order';
import type { TaskFields } from '../domain/task';
import { ticketSla, type Ticket } from '../domain/ticket';
import type { ActivityStore } from '../store/activities';
import { ANALYTICS_KEY, analyticsSettings, setAnalyticsSettings, setTierOverride } from '../store/analytics';
import type { Collection } from '../store/collection';
import { createRecord, pickFields, type CommandResult, type RecordRules } from '../store/commands';
import type { WriteContext } from '../store/context';
import { fieldDefs } from '../store/custom-fields';
import { TASK_RULES } from '../store/records';
import { CURRENCY_KEY, PIPELINE_KEY, SLA_KEY, type SalesStore } from '../store/sales';
import { fieldKey, ORIGIN } from '../store/schema';
import type { WorkspaceStore } from '../store/workspace';
import type { DataEvents, ForecastOptions, RuleResult, SegmentTasksResult } from './protocol';

/** What the analytics need of the data service. */
export interface AnalyticsHost {
	ws: WorkspaceStore;
	activities: ActivityStore;
	/** The main document has loaded. */
	ready(): Promise<void>;
	sales(): Promise<SalesStore>;
	/** Every activity quarter known at open has loaded. */
	activitiesLoaded(): Promise<void>;
	ctx(): WriteContext;
	/** Throws for a read-only member. */
	writable(): void;
	emit<K extends keyof DataEvents & string>(name: K, data: DataEvents[K]): void;
	/** The task rules with the workspace's custom fields of tasks (TASK_RULES when absent). */
	taskRules?: () => RecordRules<TaskFields>;
	/** Injectable clock (tests). */
	now?: () => number;
}

/** Records fed per turn while building. */
const CHUNK = 2000;
const EMIT_DELAY = 250;
const CLOSED_TICKET = new Set(['resolved', 'closed']);

const turn = () => new Promise<void>((r) => setTimeout(r, 0));

export class AnalyticsService {
	readonly agg = new Aggregator();
	#built: Promise<void> | null = null;
	#sales: SalesStore | null = null;
	#conv: ReturnType<typeof converter> = () => null;
	/** Product id → category, for the orders' lines. */
	#categories = new Map<string, string>();
	/** Tickets not resolved → whether their SLA was breached when fed: it changes with time alone. */
	#openTickets = new Map<string, boolean>();
	#watched = new Set<Y.Doc>();
	/** Competitor profile ids by id and by folded name, so a deal naming a profile counts for it. */
	#competitorIds = new Map<string, string>();
	#emitTimer: ReturnType<typeof setTimeout> | null = null;
	#ready = false;

	constructor(readonly host: AnalyticsHost) {}

	#now(): number {
		return (this.host.now ?? Date.now)();
	}

	/** Builds the aggregates once (started by the first request or by `start`). */
	built(): Promise<void> {
		return (this.#built ??= this.#build());
	}

	/** Starts building in the background. */
	start(): void {
		void this.built().catch(() => undefined);
	}

	async #build(): Promise<void> {
		const { ws } = this.host;
		await this.host.ready();
		const sales = await this.host.sales();
		this.#sales = sales;
		this.#readSettings();
		// Watch first: what changes while the build runs is fed as it happens (feeding is idempotent).
		this.#watch(ws.doc, (tr) => {
			for (const id of ws.customers.changedIds(tr)) this.#feedCustomer(id);
			if (ws.fields.changedIds(tr).size || ws.members.changedIds(tr).size) this.#readFields();
			const keys = tr.changed.get(ws.settings as never);
			if (keys) this.#settingsChanged(keys);
		});
		this.#watch(sales.doc, (tr) => {
			for (const id of sales.products.changedIds(tr)) this.#readProduct(id);
			if (sales.competitors.changedIds(tr).size && this.#readCompetitors()) for (const id of sales.deals.ids()) this.#feedDeal(id);
			for (const id of sales.orders.changedIds(tr)) this.#feedOrder(id);
			for (const id of sales.deals.changedIds(tr)) this.#feedDeal(id);
			for (const id of sales.tickets.changedIds(tr)) this.#feedTicket(id);
		});
		for (const id of sales.products.ids()) this.#readProduct(id);
		this.#readCompetitors();
		await this.#chunked(ws.customers.ids(), (id) => this.#feedCustomer(id));
		await this.#chunked(sales.orders.ids(), (id) => this.#feedOrder(id));
		await this.#chunked(sales.deals.ids(), (id) => this.#feedDeal(id));
		await this.#chunked(sales.tickets.ids(), (id) => this.#feedTicket(id));
		await this.host.activitiesLoaded();
		for (const period of this.host.activities.periods()) await this.watchPartition(period);
		this.#ready = true;
		this.#changed();
	}

	/** Feeds an activity quarter's records and follows its changes (new quarters arrive later too). */
	async watchPartition(period: string): Promise<void> {
		const part = this.host.activities.partition(period);
		// Before the build starts, the build will feed it.
		if (!this.#built || !part || this.#watched.has(part.doc)) return;
		const coll = part.coll;
		this.#watch(part.doc, (tr) => {
			for (const id of coll.changedIds(tr)) this.#feedActivity(coll, id);
		});
		await this.#chunked(coll.ids(), (id) => this.#feedActivity(coll, id));
	}

	#watch(doc: Y.Doc, fn: (tr: Y.Transaction) => void) {
		if (this.#watched.has(doc)) return;
		this.#watched.add(doc);
		doc.on('afterTransaction', (tr: Y.Transaction) => {
			const v = this.agg.version;
			// One batch per transaction: a big one (sample data, a sync catching up) counts each customer once.
			this.agg.beginBatch();
			try {
				fn(tr);
			} finally {
				this.agg.endBatch();
			}
			if (this.agg.version !== v) this.#changed();
		});
	}

	/** Feeds records a chunk at a time; each chunk is one batch, so answers between chunks are whole. */
	async #chunked(ids: Iterable<string>, feed: (id: string) => void) {
		const all = [...ids];
		for (let i = 0; i < all.length; i += CHUNK) {
			if (i) await turn();
			this.agg.beginBatch();
			try {
				for (const id of all.slice(i, i + CHUNK)) feed(id);
			} finally {
				this.agg.endBatch();
			}
		}
	}

	/** Tells the pages (debounced) that answers may have changed. */
	#changed() {
		if (this.#emitTimer) return;
		this.#emitTimer = setTimeout(() => {
			this.#emitTimer = null;
			this.host.emit('analytics', { ready: this.#ready, version: this.agg.version });
		}, EMIT_DELAY);
	}

	// ——— feeding ———

	#readSettings() {
		const { ws } = this.host;
		this.#conv = converter(this.#sales!.currency);
		this.agg.setSettings(analyticsSettings(ws));
		this.#readFields();
	}

	#readFields() {
		const { ws } = this.host;
		this.agg.setFields(segmentFields(fieldDefs(ws, 'customer'), ws.memberList().map((m) => m.id)));
	}

	#settingsChanged(keys: Set<string | null>) {
		const sales = this.#sales!;
		if (keys.has(ANALYTICS_KEY)) this.agg.setSettings(analyticsSettings(this.host.ws));
		// Amounts and deal kinds depend on the rates and the pipeline: feed those again (rare).
		if (keys.has(CURRENCY_KEY) || keys.has(PIPELINE_KEY)) {
			this.#conv = converter(sales.currency);
			for (const id of sales.orders.ids()) this.#feedOrder(id);
			for (const id of sales.deals.ids()) this.#feedDeal(id);
		}
		if (keys.has(SLA_KEY)) for (const id of sales.tickets.ids()) this.#feedTicket(id);
	}

	#live<T>(coll: Collection<T & { id: string; createdAt: number; createdBy: string; updatedAt: number; updatedBy: string }>, id: string): T | null {
		const l = coll.load(id);
		// A record merged into another (store/merge.ts) counts as gone: its links moved to the survivor.
		return l && !l.deletion && !(l.record as { mergedInto?: string }).mergedInto ? l.record : null;
	}

	/**
	 * A record in its compact form, or null when it cannot be read (a malformed record written by
	 * another program): it is left out rather than stopping the analytics.
	 */
	#compact<T, R>(record: T | null, shape: (r: T) => R): R | null {
		if (!record) return null;
		try {
			return shape(record);
		} catch {
			return null;
		}
	}

	#feedCustomer(id: string) {
		this.agg.setCustomer(id, this.#compact(this.#live(this.host.ws.customers, id), (c): CustomerIn => ({ ...c, id, stage: c.stage, createdAt: Number(c.createdAt) || 0 })));
	}

	/** Reads a product's category; when it changes, the orders with that product are fed again. */
	#readProduct(id: string) {
		const p = this.#sales!.products.get(id);
		if (!p) return;
		const before = this.#categories.get(id);
		this.#categories.set(id, p.category ?? '');
		if (before !== undefined && before !== (p.category ?? '')) for (const order of this.agg.ordersWithProduct(id)) this.#feedOrder(order);
	}

	#feedOrder(id: string) {
		const coll = this.#sales!.orders;
		this.agg.setOrder(id, this.#compact(this.#live<Order>(coll, id), (o) => this.#orderIn(coll, o)));
	}

	#orderIn(coll: Collection<Order>, o: Order): OrderIn {
		return {
			id: o.id,
			customer: o.customer ?? '',
			day: dayToMs(o.orderDate),
			cancelled: o.status === 'cancelled',
			corrected: coll.edits.has(fieldKey(o.id, 'lines')) || coll.edits.has(fieldKey(o.id, 'currency')),
			total: this.#conv(orderTotal(o), o.currency),
			owner: o.owner ?? '',
			lines: (o.lines ?? []).map((l) => ({
				product: l.product ?? '',
				category: this.#categories.get(l.product) ?? '',
				quantity: Number(l.quantity) || 0,
				amount: this.#conv(lineTotal(l), o.currency)
			}))
		};
	}

	/** Reads the competitor profiles; true when what deals' entries resolve to changed. */
	#readCompetitors(): boolean {
		const coll = this.#sales!.competitors;
		const next = new Map<string, string>();
		for (const id of coll.ids()) {
			const c = this.#live<Competitor>(coll, id);
			if (!c) continue;
			next.set(id, id);
			const key = competitorKey(c.name ?? '');
			if (key && !next.has(key)) next.set(key, id);
		}
		const same = next.size === this.#competitorIds.size && [...next].every(([k, v]) => this.#competitorIds.get(k) === v);
		this.#competitorIds = next;
		return !same;
	}

	/** A deal's competitor entry as the profile id it names (by id or name), else as typed. */
	#competitor(entry: string): string {
		return this.#competitorIds.get(entry) ?? this.#competitorIds.get(competitorKey(entry)) ?? entry;
	}

	#feedDeal(id: string) {
		const sales = this.#sales!;
		this.agg.setDeal(id, this.#compact(this.#live<Deal>(sales.deals, id), (d) => this.#dealIn(d)));
	}

	#dealIn(d: Deal): DealIn {
		return {
			id: d.id,
			customer: d.customer ?? '',
			stage: d.stage,
			kind: findStage(this.#sales!.pipeline, d.stage)?.kind ?? 'open',
			amount: this.#conv(dealAmount(d), d.currency),
			owner: d.owner ?? '',
			createdAt: d.createdAt,
			closedAt: d.closedAt || d.stageChangedAt || 0,
			lostReason: d.lostReason ?? '',
			competitors: [...new Set(dealCompetitors(d).map((e) => this.#competitor(e)))],
			hasNextStep: !!String(d.nextStep ?? '').trim()
		};
	}

	#feedTicket(id: string) {
		const sales = this.#sales!;
		const rec = this.#compact(this.#live<Ticket>(sales.tickets, id), (t) => this.#ticketIn(t));
		if (rec?.open) this.#openTickets.set(id, rec.breached);
		else this.#openTickets.delete(id);
		this.agg.setTicket(id, rec);
	}

	#ticketIn(t: Ticket): TicketIn {
		return {
			id: t.id,
			customer: t.customer ?? '',
			type: t.type,
			open: !CLOSED_TICKET.has(t.status),
			createdAt: t.createdAt,
			resolvedAt: t.resolvedAt || 0,
			satisfaction: t.satisfaction || 0,
			breached: ticketSla(t, { policy: this.#sales!.slaPolicy, now: this.#now() }).state === 'breached'
		};
	}

	#feedActivity(coll: Collection<Activity>, id: string) {
		const rec = this.#compact(this.#live<Activity>(coll, id), (a): ActivityIn => ({ id, customer: String(a.customer ?? ''), at: Number(a.at) || 0, channel: String(a.channel ?? ''), member: String(a.member ?? '') }));
		this.agg.setActivity(id, rec);
	}

	/** Open tickets breach with time alone: read their SLA state again. */
	#refreshOpenTickets() {
		const sales = this.#sales!;
		const now = this.#now();
		for (const [id, breached] of this.#openTickets) {
			const t = sales.tickets.get(id);
			if (t && (ticketSla(t, { policy: sales.slaPolicy, now }).state === 'breached') !== breached) this.#feedTicket(id);
		}
	}

	// ——— answers ———

	async #checked<T>(rule: SegmentRule | null | undefined, answer: () => T): Promise<RuleResult<T>> {
		await this.built();
		if (rule) {
			const errors = this.agg.checkRule(rule);
			if (errors.length) return { ok: false, errors };
		}
		return { ok: true, value: answer() };
	}

	async dashboard(filters: DashboardFilters): Promise<RuleResult<Dashboard>> {
		await this.built();
		this.#refreshOpenTickets();
		return this.#checked(filters.segment, () => {
			const d = buildDashboard(this.agg, filters, { now: this.#now(), currency: this.#sales!.currency.base, stages: this.#sales!.pipeline.stages.map((s) => s.id) });
			// Competitors are counted by profile id: give each its profile's name to show.
			const profiles = this.#sales!.competitors;
			for (const c of d.pipeline.competitors) c.label = (profiles.has(c.name) && this.#live<Competitor>(profiles, c.name)?.name) || c.name;
			return d;
		});
	}

	async dashboardCustomers(filters: DashboardFilters, drill: string): Promise<RuleResult<string[]>> {
		return this.#checked(filters.segment, () => drillIds(this.agg, filters, drill, this.#now()) ?? []);
	}

	async segmentFields(): Promise<SegmentField[]> {
		await this.host.ready();
		const { ws } = this.host;
		return segmentFields(fieldDefs(ws, 'customer'), ws.memberList().map((m) => m.id));
	}

	async segmentCount(rule: SegmentRule): Promise<RuleResult<number>> {
		return this.#checked(rule, () => this.agg.count({ rule }, this.#now()));
	}

	async segmentIds(rule: SegmentRule): Promise<RuleResult<string[]>> {
		return this.#checked(rule, () => this.agg.ids({ rule }, this.#now()));
	}

	/**
	 * One task per member of the segment from the template, all in one transaction of the main
	 * document. The assignee is the template's, else the customer's owner, else the member
	 * asking. Nothing is written when the rule or the template is wrong.
	 */
	async createSegmentTasks(rule: SegmentRule, template: Partial<TaskFields>): Promise<SegmentTasksResult> {
		await this.built();
		this.host.writable();
		const ruleErrors = this.agg.checkRule(rule);
		const { ws } = this.host;
		const ctx = this.host.ctx();
		const rules = this.host.taskRules?.() ?? TASK_RULES;
		// The template as a task of some customer: the same checks as each task will pass.
		const probe = { ...rules.empty(ctx), ...pickFields(rules.fields, template), customer: 'x' };
		const taskErrors = [...rules.validate(probe, { partial: false }).errors, ...(rules.extra?.({ ...template }).errors ?? [])];
		if (ruleErrors.length || taskErrors.length) return { ok: false, errors: ruleErrors, taskErrors };
		const ids: string[] = [];
		ws.doc.transact(() => {
			for (const customer of this.agg.ids({ rule }, this.#now())) {
				const owner = this.agg.record(customer)?.owner;
				const assignee = template.assignee || (typeof owner === 'string' && owner) || ctx.memberId;
				const r = createRecord(ws.tasks, rules, { ...template, customer, assignee }, ctx);
				if (r.ok) ids.push(r.value);
			}
		}, ORIGIN.local);
		return { ok: true, value: { ids } };
	}

	async attention(limit = 50): Promise<AttentionLists> {
		await this.built();
		return attentionLists(this.agg, this.#now(), Math.max(1, Math.min(1000, limit)));
	}

	async forecastOptions(): Promise<ForecastOptions> {
		await this.built();
		const sales = this.#sales!;
		const products: ForecastOptions['products'] = [];
		const categories: string[] = [];
		for (const t of this.agg.demandTargets()) {
			if (t.startsWith('p:')) {
				const p = sales.products.get(t.slice(2));
				if (p) products.push({ id: p.id, name: p.name, category: p.category ?? '' });
			} else if (t.startsWith('c:')) categories.push(t.slice(2));
		}
		return { products: products.sort((a, b) => a.name.localeCompare(b.name)), categories: categories.sort() };
	}

	/**
	 * Demand per month for a product or category (quantities) or revenue (base-currency minor
	 * units): the history from the first month with orders to the last complete month, then
	 * `horizon` (3–6) months from the current one (domain/analytics/forecast.ts).
	 */
	async forecast(target: ForecastTarget, horizon: number): Promise<ForecastResult> {
		await this.built();
		const h = Math.max(3, Math.min(6, Math.round(horizon) || 6));
		const key = target.kind === 'revenue' ? 'rev' : `${target.kind === 'product' ? 'p' : 'c'}:${target.id}`;
		const series = this.agg.demand(key);
		const lastMonth = monthOf(Date.UTC(new Date(this.#now()).getUTCFullYear(), new Date(this.#now()).getUTCMonth(), 0));
		const months = [...series.keys()].filter((m) => series.get(m) && m <= lastMonth).sort();
		const history = months.length ? monthRange(months[0], lastMonth).map((month) => ({ month, value: series.get(month) ?? 0 })) : [];
		const y = history.map((p) => p.value);
		const f = forecastSeries(y, h);
		const labels = nextMonths(lastMonth, h);
		return {
			target,
			method: f.method,
			simple: f.simple,
			history,
			forecast: f.values.map((v, i) => ({ month: labels[i], ...v })),
			accuracy: backtest(y)
		};
	}

	async customerFacts(id: string): Promise<CustomerInsight | null> {
		await this.built();
		return this.agg.insight(id, this.#now());
	}

	async setTierOverride(id: string, tier: Tier | '', reason: string): Promise<CommandResult<number>> {
		await this.host.ready();
		this.host.writable();
		return setTierOverride(this.host.ws, id, tier, reason, this.host.ctx());
	}

	async settings(): Promise<AnalyticsSettings> {
		await this.host.ready();
		return analyticsSettings(this.host.ws);
	}

	async setSettings(input: Partial<AnalyticsSettings>): Promise<CommandResult<void>> {
		await this.host.ready();
		this.host.writable();
		return setAnalyticsSettings(this.host.ws, input);
	}
}
