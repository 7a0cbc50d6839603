// The message API between the main thread and the two workers. The data worker owns the
// Y.Doc (store, persistence, later sync); the query worker owns the list projection and
// answers list queries, so the list works while the CRDT is still loading.
import type { Customer, CustomerFields } from '../domain/customer';
import type { CustomerQuery, CustomerRow } from '../domain/customer-query';
import type { Deletion, RecordMeta } from '../domain/record';
import type { FieldError } from '../domain/validate';
import type { Encoding } from '../domain/import/encoding';
import type { MatchRecord } from '../domain/import/match';
import type { RowProblem } from '../domain/import/rows';
import type { FileError } from '../domain/import/table';
import type { Activity } from '../domain/activity';
import type { Contact } from '../domain/contact';
import type { ContactRow, ListPage, ListQuery, TaskRow } from '../domain/lists';
import type { Task } from '../domain/task';
import type { Deal, Pipeline, PipelineBucket, PipelineStage, WeightedPipeline } from '../domain/deal';
import type { CurrencySettings } from '../domain/money';
import type { Order, PurchaseSummary } from '../domain/order';
import type { CustomFieldDef } from '../domain/custom-fields';
import type { SatisfactionStats, Ticket } from '../domain/ticket';
import type { SlaPolicy, SlaStatus } from '../domain/sla';
import type { Occasion } from '../domain/holidays';
import type { OccasionRecord } from '../domain/occasion';
import type { ReassignError } from '../domain/reassign';
import type { Member, Role } from '../domain/member';
import type { PresenceFocus, PresenceState } from '../sync/presence';
import type { SyncStatus } from '../sync/status';
import type { BackupError } from '../store/backup';
import type { HistoryEntry } from '../store/history';
import type { Profile } from '../store/workspace';
import type { AnalyticsSettings, AttentionLists, CustomerInsight, Dashboard, DashboardFilters, ForecastResult, ForecastTarget, RuleError, SegmentField, SegmentRule, Tier } from '../domain/analytics/types';
import type { TaskFields } from '../domain/task';

/** Stable codes of errors the data worker's commands throw (`RpcError.code`). */
export type DataErrorCode = 'readOnly';

export type { CommandResult } from '../store/customers';
import type { CommandResult, StageChangeInput } from '../store/customers';

export interface CustomerView {
	record: Customer;
	deletion: Deletion | null;
	editedAfterDelete: boolean;
	history: HistoryEntry[];
}

/** Any record as the detail screens read it. */
export interface RecordView {
	record: RecordMeta & Record<string, unknown>;
	deletion: Deletion | null;
	editedAfterDelete: boolean;
	history: HistoryEntry[];
}

/** What a customer page shows below the fields. */
export interface TimelineData {
	activities: Activity[];
	tasks: Task[];
	contacts: Contact[];
	/** False while older activity partitions are still loading. */
	complete: boolean;
}

/** One deal as a card on the board. */
export interface DealCard {
	id: string;
	title: string;
	customer: string;
	customerName: string;
	owner: string;
	amount: number;
	currency: string;
	expectedClose: string;
	probability: number;
}

/** The deals board: a column per pipeline stage, with totals in the base currency. */
export interface Board {
	pipeline: Pipeline;
	currency: CurrencySettings;
	columns: Array<{ stage: PipelineStage; cards: DealCard[]; totals: PipelineBucket | null }>;
	byMonth: WeightedPipeline['byMonth'];
	total: PipelineBucket;
}

/** A customer's selling side: deals, orders (with totals) and the purchase summary. */
export interface CustomerSales {
	currency: CurrencySettings;
	deals: Deal[];
	orders: Array<Order & { total: number }>;
	summary: PurchaseSummary | null;
}

/** A record in the Trash (customers have their own Trash view). */
export interface TrashItem {
	collection: RecordCollection;
	id: string;
	title: string;
	deletedAt: number;
	by: string;
}

/** A competitor in the list, with the team's record against it. */
export interface CompetitorRow {
	id: string;
	name: string;
	priceLevel: string;
	products: string[];
	won: number;
	lost: number;
	open: number;
	winRate: number | null;
}

/** What a competitor's page shows besides its fields. */
export interface CompetitorDetail {
	observations: Array<{ at: number; by: string; text: string }>;
	won: number;
	lost: number;
	open: number;
	winRate: number | null;
	deals: Array<{ id: string; title: string; stage: string; customerName: string; amount: number; currency: string }>;
}

/** What the calendar shows for a range of days. */
export interface Agenda {
	tasks: TaskRow[];
	activities: Array<Pick<Activity, 'id' | 'at' | 'type' | 'subject' | 'customer'> & { customerName: string }>;
	/** False while older activity partitions are still loading. */
	complete: boolean;
}

export type RecordCollection = 'contacts' | 'tasks' | 'occasions' | 'fields' | 'activities' | 'products' | 'deals' | 'orders' | 'competitors' | 'tickets' | 'segments';

/** A segment rule's answer, or why the rule is refused (field-level, translated by code). */
export type RuleResult<T> = { ok: true; value: T } | { ok: false; errors: RuleError[] };

/** The tasks created for a segment, or what was wrong with the rule or the task template (nothing written). */
export type SegmentTasksResult = { ok: true; value: { ids: string[] } } | { ok: false; errors: RuleError[]; taskErrors: FieldError[] };

/** A saved segment as the Segments screen lists it. */
export interface SegmentSummary {
	id: string;
	name: string;
	description: string;
	rule: SegmentRule;
	updatedAt: number;
	updatedBy: string;
}

/** What can be forecast: products and categories that have orders. */
export interface ForecastOptions {
	products: Array<{ id: string; name: string; category: string }>;
	categories: string[];
}

/** The ticket list's search and filters ('' or absent = any). */
export interface TicketQuery {
	text: string;
	filters?: { status?: string; priority?: string; type?: string; assignee?: string; sla?: string; customer?: string };
	/** At most this many rows (the most urgent); all when absent. */
	limit?: number;
}

/** The most urgent tickets matching a query, and how many match in all. */
export interface TicketPage {
	rows: TicketRow[];
	total: number;
}

/** What a ticket can link to for one customer: its contacts (by name) and its orders (newest first). */
export interface CustomerLinks {
	contacts: Array<{ id: string; name: string; position: string }>;
	orders: Array<{ id: string; orderDate: string; contractNo: string; status: string; total: number; currency: string }>;
}

/**
 * A ticket in the list: the fields a list shows (not its status history or description: 5,000
 * full tickets are megabytes to copy to the page), its customer's name and its SLA clocks now.
 */
export type TicketRow = Pick<Ticket, 'id' | 'title' | 'type' | 'priority' | 'status' | 'assignee' | 'customer' | 'firstResponseAt' | 'resolvedAt' | 'satisfaction' | 'createdAt' | 'updatedAt'> & {
	customerName: string;
	sla: SlaStatus;
};

/** What "Load sample data" added. */
export interface SampleCounts {
	customers: number;
	contacts: number;
	tasks: number;
	activities: number;
	products: number;
	deals: number;
	orders: number;
	tickets: number;
	competitors: number;
}

export interface BulkChange {
	owner?: string;
	stage?: Customer['stage'];
	stageReason?: string;
	addTag?: string;
	removeTag?: string;
}

/** How many customers changed, and those refused (e.g. a stage the lifecycle does not allow). */
export interface BulkResult {
	changed: number;
	refused: number;
}

export type ReassignOutcome = { ok: true; counts: Record<string, number> } | { ok: false; errors: ReassignError[] };

export interface WinBackRow {
	id: string;
	name: string;
	company: string;
	owner: string;
	lostReason: string;
	lostAt: number;
	winBackAt: number;
	stage: Customer['stage'];
}

export interface WorkspaceInfo {
	name: string;
	/** The deal pipeline's stages. */
	pipeline: Pipeline;
	/** Custom field definitions of every record type. */
	fields: CustomFieldDef[];
	schemaVersion: number;
	members: Member[];
	customers: number;
	/** The base currency and the team's rates (sales totals, line prices from products). */
	currency: CurrencySettings;
}

/** Where and as whom a workspace syncs. */
export interface SyncTarget {
	/** The relay's address, http(s)://host:port. */
	relayUrl: string;
	token: string;
	role: Role;
	/**
	 * This device joined through an invite: the workspace's settings come from the relay, so
	 * nothing is initialised locally before the first sync.
	 */
	joined: boolean;
}

export interface OpenArgs {
	workspaceId: string;
	memberId: string;
	profile: Profile;
	/** Name for a workspace created now. */
	name: string;
	/** Port to the query worker, for projection updates. */
	port: MessagePort;
	/** A backup file's text to restore into this new workspace before first use. */
	restore?: string;
	/** Connect to this relay once the document is loaded. */
	sync?: SyncTarget;
	/** The person's language: a new workspace's base currency follows it (CNY for zh-CN…). */
	locale?: string;
}

export type OpenResult = { ok: true; loadMs: number; memberId: string } | { ok: false; error: BackupError };

/** Collections an import can write (issue 8). */
export type ImportCollection = 'customers' | 'contacts' | 'products' | 'orders' | 'activities';

/**
 * What an import does with a row whose `match` names an existing record: `update` writes the
 * row's fields over it (the default), `skip` leaves it alone, `add` creates a new record anyway.
 * Rows without `match` are always added.
 */
export type ImportMode = 'skip' | 'update' | 'add';

/** One row to import: field values as the record type's form takes them. */
export interface ImportRow {
	fields: Record<string, unknown>;
	/** The id of an existing record this row matches (from duplicate detection). */
	match?: string;
}

export interface ImportBatchArgs {
	collection: ImportCollection;
	rows: ImportRow[];
	mode?: ImportMode;
	/** Chosen by the caller (so it can cancel and follow progress before the answer); generated when absent. */
	batchId?: string;
	/** Shown in the history entry, e.g. the file name. */
	label?: string;
}

/** A row the store refused, by its index in `rows`; nothing of the batch is written then. */
export interface ImportRowError {
	row: number;
	field: string;
	code: FieldError['code'];
	index?: number;
}

export interface ImportSummary {
	batchId: string;
	added: number;
	updated: number;
	skipped: number;
	/** Cancelled while writing: everything written so far was taken back. */
	cancelled: boolean;
}

export type ImportOutcome = ({ ok: true } & ImportSummary) | { ok: false; errors: ImportRowError[] };

/** A past import, for the undo offer and the history. */
export interface ImportBatchInfo {
	id: string;
	collection: ImportCollection;
	label: string;
	at: number;
	by: string;
	added: number;
	updated: number;
	state: 'writing' | 'done' | 'cancelled' | 'undone';
}

/** Collections whose records can be merged. */
export type MergeCollection = 'customers' | 'contacts';

export interface MergeArgs {
	collection?: MergeCollection;
	/** The record that stays. */
	survivor: string;
	/** Records merged into it (they keep `mergedInto` and leave every list). */
	others: string[];
	/** The chosen field values written on the survivor. */
	fields: Record<string, unknown>;
}

export type MergeOutcome = { ok: true; mergeId: string; moved: Record<string, number> } | { ok: false; errors: FieldError[] };

/** A likely group of duplicates with the evidence (e.g. `phone: 13800138000`). */
export interface DuplicateGroup {
	ids: string[];
	/** How sure, 0–1. */
	score: number;
	records: Array<Record<string, unknown> & { id: string }>;
	evidence: Array<{ kind: string; value: string }>;
}

/** A list exported as a file (the customer and contact lists' Export menu). */
export interface ExportListArgs {
	collection?: 'customers' | 'contacts' | 'tasks';
	format: 'csv' | 'csv-gbk' | 'xlsx' | 'vcard';
	/** Translated column headers and choice labels, as for exportCsv. */
	headers: Record<string, string>;
	values: Record<string, string>;
	/** Only these records (a segment, a selection). */
	ids?: string[];
}

export interface DataApi {
	[m: string]: (arg: never) => unknown;
	open(a: OpenArgs): Promise<OpenResult>;
	getCustomer(a: { id: string }): Promise<CustomerView | null>;
	createCustomer(a: { fields: Partial<CustomerFields> }): Promise<CommandResult<string>>;
	updateCustomer(a: { id: string; patch: Partial<CustomerFields> & StageChangeInput }): Promise<CommandResult<number>>;
	/** Lost customers won back (not lost since), with why they had been lost. */
	winBackList(a: void): Promise<WinBackRow[]>;
	/** Changes several customers at once; each change is one history entry per customer. */
	bulkUpdateCustomers(a: { ids: string[]; change: BulkChange }): Promise<BulkResult>;
	/** Hands every customer and task of one member over to another (the hand-over when a rep leaves). */
	reassign(a: { from: string; to: string }): Promise<ReassignOutcome>;
	/** Holidays, the workspace's own dates and contacts' birthdays/anniversaries from `from` to `to` ("YYYY-MM-DD"). */
	careOccasions(a: { from: string; to: string }): Promise<{ occasions: Occasion[]; dates: OccasionRecord[] }>;
	/**
	 * Creates greeting tasks for an occasion and the chosen customers, skipping those made
	 * before (care keys); `titles` are the translated title templates by code.
	 */
	createCareTasks(a: { occasion: Occasion; customers: string[]; leadDays: number; today: string; titles: Record<string, string> }): Promise<{ created: number; skipped: number }>;
	removeCustomers(a: { ids: string[] }): Promise<void>;
	restoreCustomers(a: { ids: string[] }): Promise<void>;
	getRecord(a: { collection: RecordCollection; id: string }): Promise<RecordView | null>;
	createRecord(a: { collection: RecordCollection; fields: Record<string, unknown> }): Promise<CommandResult<string>>;
	updateRecord(a: { collection: RecordCollection; id: string; patch: Record<string, unknown> }): Promise<CommandResult<number>>;
	/** Moves records to the Trash, or with `restore` brings them back. */
	removeRecords(a: { collection: RecordCollection; ids: string[]; restore?: boolean }): Promise<void>;
	listRecords(a: { collection: 'contacts' | 'tasks'; q: ListQuery; offset: number; limit: number }): Promise<ListPage<ContactRow | TaskRow>>;
	timeline(a: { customer: string }): Promise<TimelineData>;
	/** Custom field definitions of every record type. */
	fieldDefs(a: void): Promise<CustomFieldDef[]>;
	agenda(a: { from: number; to: number; member: string }): Promise<Agenda>;
	/** The board; each column lists its first `limit` cards (default 100) and counts all. */
	board(a: { text: string; owner: string; limit?: number }): Promise<Board>;
	moveDeal(a: { id: string; stage: string; index: number; reason?: string; reopen?: boolean }): Promise<CommandResult<number>>;
	orderForDeal(a: { deal: string }): Promise<CommandResult<{ order: string; suggestCustomer: boolean }>>;
	customerSales(a: { customer: string }): Promise<CustomerSales>;
	salesList(a: { collection: 'products' | 'deals' | 'orders' | 'tickets' | 'competitors'; text: string }): Promise<Array<Record<string, unknown>>>;
	setCurrency(a: CurrencySettings): Promise<CommandResult<void>>;
	setPipeline(a: Pipeline): Promise<CommandResult<void>>;
	competitorList(a: { text: string }): Promise<CompetitorRow[]>;
	competitorDetail(a: { id: string }): Promise<CompetitorDetail | null>;
	/** Adds a dated observation (who noted what) to a competitor. */
	observeCompetitor(a: { id: string; text: string }): Promise<CommandResult<string>>;
	/** Tickets matching a search and filters, with their SLA clocks and customer names. */
	ticketList(a: TicketQuery): Promise<TicketPage>;
	/** Customer satisfaction over the rated tickets, overall and per type. */
	ticketSatisfaction(a: void): Promise<SatisfactionStats>;
	/** One ticket's SLA clocks now. */
	ticketSla(a: { id: string }): Promise<SlaStatus | null>;
	/** A customer's contacts and orders, for the ticket form's pickers and the ticket page's links. */
	customerLinks(a: { customer: string }): Promise<CustomerLinks>;
	/** The activities linked to a ticket (its conversation), newest first; `complete` once every activity quarter has loaded. */
	ticketActivities(a: { id: string }): Promise<{ activities: Activity[]; complete: boolean }>;
	slaPolicy(a: void): Promise<SlaPolicy>;
	setSlaPolicy(a: Partial<SlaPolicy>): Promise<CommandResult<void>>;
	// ——— analytics (docs/ANALYTICS.md); answered once the analytics are built, after the sales document and activities load ———
	/** Every dashboard aggregate under the filters. */
	dashboard(a: DashboardFilters): Promise<RuleResult<Dashboard>>;
	/** The customers behind one bucket of the dashboard (its `drill`), under the same filters. */
	dashboardCustomers(a: { filters: DashboardFilters; drill: string }): Promise<RuleResult<string[]>>;
	/** The saved segments, by name. */
	segmentList(a: void): Promise<SegmentSummary[]>;
	/** The fields a segment rule can test: customer fields, custom fields, computed facts. */
	segmentFields(a: void): Promise<SegmentField[]>;
	/** How many active customers match a rule. */
	segmentCount(a: { rule: SegmentRule }): Promise<RuleResult<number>>;
	/** The ids of active customers matching a rule (open as a list, export as CSV). */
	segmentIds(a: { rule: SegmentRule }): Promise<RuleResult<string[]>>;
	/**
	 * Creates one task per customer matching the rule from a template (title, due, assignee —
	 * '' = the customer's owner —, priority, notes), in one transaction; undo with removeRecords.
	 */
	createSegmentTasks(a: { rule: SegmentRule; task: Partial<TaskFields> }): Promise<SegmentTasksResult>;
	/** A-tier customers not contacted lately, churn risks, lost customers worth winning back; each list cut to `limit` (default 50). */
	attention(a: { limit?: number }): Promise<AttentionLists>;
	/** Products and categories with orders, for the forecast picker. */
	forecastOptions(a: void): Promise<ForecastOptions>;
	/** Monthly demand for the next `horizon` months (3–6), with its accuracy on held-out months. */
	forecast(a: { target: ForecastTarget; horizon: number }): Promise<ForecastResult>;
	/** A customer's facts, RFM scores and tier (with the override and its reason). */
	customerFacts(a: { id: string }): Promise<CustomerInsight | null>;
	/** Sets ('' clears) a customer's tier by hand; a reason is required to set one. */
	setTierOverride(a: { id: string; tier: Tier | ''; reason: string }): Promise<CommandResult<number>>;
	analyticsSettings(a: void): Promise<AnalyticsSettings>;
	setAnalyticsSettings(a: Partial<AnalyticsSettings>): Promise<CommandResult<void>>;
	/** Contacts, tasks, activities, products, deals and orders in the Trash, newest first. */
	trash(a: void): Promise<TrashItem[]>;
	/** Contacts, tasks and activities matching a search typed anywhere (customers: the query worker). */
	globalSearch(a: { text: string; limit: number }): Promise<GlobalSearchResult>;
	workspaceInfo(a: void): Promise<WorkspaceInfo>;
	renameWorkspace(a: { name: string }): Promise<void>;
	updateProfile(a: { profile: Profile }): Promise<void>;
	loadSample(a: { customers: number; seed?: number }): Promise<SampleCounts>;
	/**
	 * Writes rows as one undoable batch: everything is checked first (any refused row: nothing
	 * written), then written in chunks with `import` progress events; one history entry.
	 */
	importBatch(a: ImportBatchArgs): Promise<ImportOutcome>;
	/** A list as CSV (UTF-8 with BOM or GBK), .xlsx, or contacts as vCard. */
	exportList(a: ExportListArgs): Promise<Uint8Array>;
	/** Stops a batch being written and takes back what it wrote. */
	cancelImport(a: { batchId: string }): Promise<void>;
	/** Removes every record a batch added and reverts every field it updated (unless edited since). */
	undoImport(a: { batchId: string }): Promise<CommandResult<{ removed: number; reverted: number }>>;
	/** Recent imports, newest first. */
	importBatches(a: void): Promise<ImportBatchInfo[]>;
	/** Merges records into a survivor: chosen values, every link moved, the others marked `mergedInto`. */
	mergeRecords(a: MergeArgs): Promise<MergeOutcome>;
	/** Takes a merge back: the survivor's fields, the links and the merged-away records as before. */
	undoMerge(a: { mergeId: string }): Promise<CommandResult<void>>;
	/** Likely duplicate customers (or contacts) with the evidence. */
	duplicates(a: { collection?: MergeCollection; limit?: number }): Promise<DuplicateGroup[]>;
	/** Existing customers that look like these fields (the warning in the customer form). */
	similarCustomers(a: { fields: Record<string, unknown>; exclude?: string }): Promise<DuplicateGroup[]>;
	/** Serves ImportPortApi on a port to the import worker. */
	attachImport(a: { port: MessagePort }): Promise<void>;
	exportBackup(a: void): Promise<string>;
	exportCsv(a: { locale: string; headers: Record<string, string>; values: Record<string, string>; collection?: 'customers' | 'contacts' | 'tasks'; ids?: string[] }): Promise<string>;
	/** Starts syncing with a relay (replacing any earlier connection). */
	connect(a: SyncTarget): Promise<void>;
	/** Stops syncing; the workspace stays on this device. */
	disconnect(a: void): Promise<void>;
	/** The page's network state, so sync stops and resumes at once rather than timing out. */
	setOnline(a: { online: boolean }): Promise<void>;
	/** What this device is looking at, published to the other members online. */
	setPresence(a: PresenceFocus): Promise<void>;
	close(a: void): Promise<void>;
}

export interface StorageProblem {
	kind: 'quota' | 'other';
	message: string;
}

export type DataEvents = {
	/** The CRDT is loaded; edits and (later) sync are live. */
	ready: { loadMs: number; customers: number };
	/** Customers that changed (locally or merged from elsewhere). */
	changed: { ids: string[] };
	/** Records of another collection that changed; an empty list means "many". */
	records: { collection: string; ids: string[] };
	/** Every activity partition known at open is loaded. */
	activities: { loaded: boolean; count: number };
	workspace: WorkspaceInfo;
	storage: { problem: StorageProblem | null };
	sync: SyncStatus;
	/** An import being written: rows done of total. */
	import: { batchId: string; done: number; total: number };
	/** The other members online in this workspace now (empty when not syncing). */
	presence: { members: PresenceState[] };
	/** The analytics changed (debounced): refresh the dashboard, counts and lists. `ready` once built. */
	analytics: { ready: boolean; version: number };
};

export interface ListResult {
	total: number;
	offset: number;
	rows: CustomerRow[];
	/** False while answering from the saved first screen before the projection loads. */
	complete: boolean;
	/** Echo of the request's sequence number, so stale answers can be dropped. */
	seq: number;
}

export interface QueryApi {
	[m: string]: (arg: never) => unknown;
	open(a: { workspaceId: string; locale: string }): Promise<{ cached: number }>;
	query(a: { q: CustomerQuery; offset: number; limit: number; seq: number }): Promise<ListResult>;
	rows(a: { offset: number; limit: number; seq: number }): Promise<ListResult>;
	ids(a: { q: CustomerQuery }): Promise<string[]>;
	/** Limits queries with `scope: key` to these customers (a segment, a chart's drill-down). */
	scope(a: { key: string; ids: string[] }): Promise<void>;
	facets(a: void): Promise<{ tags: string[]; regions: string[] }>;
	attach(a: { port: MessagePort }): Promise<void>;
	close(a: void): Promise<void>;
}

export type QueryEvents = {
	/** The full projection is in memory: every query now covers all customers. */
	loaded: { ms: number; count: number };
	/** The projection changed; re-run the visible query. */
	changed: { count: number };
};

/** What the data worker tells the query worker over their private port. */
export interface ProjectionApi {
	[m: string]: (arg: never) => unknown;
	/** Whether the saved projection was made from exactly this document state. */
	matches(a: { sv: string }): Promise<boolean>;
	replace(a: { rows: CustomerRow[]; sv: string }): Promise<void>;
	upsert(a: { rows: CustomerRow[]; sv: string }): Promise<void>;
}

/** An activity found by a search, with its customer's name. */
export type ActivityHit = Agenda['activities'][number];

/** What the data worker finds for the search dialog, per record type, best first. */
export interface GlobalSearchResult {
	contacts: ContactRow[];
	tasks: TaskRow[];
	activities: ActivityHit[];
	/** Deals, orders and products (sales document; empty until it has loaded). */
	deals: SalesHit[];
	orders: SalesHit[];
	products: SalesHit[];
	tickets: SalesHit[];
	competitors: SalesHit[];
}

/** A deal, order or product found by a search. */
export interface SalesHit {
	id: string;
	title: string;
	customerName: string;
	amount: number;
	currency: string;
}

// ── Import (issue 8, reading side): the import worker parses and checks files off the main
// thread; it reads what rows are checked against from the data worker, and hands the checked
// rows to importBatch, over a private port (ImportPortApi) so large files never cross the main thread.

/** What import rows are checked and matched against (DataService.importContext). */
export interface ImportSource {
	members: Array<{ id: string; name: string }>;
	customers: MatchRecord[];
	contacts: MatchRecord[];
	products: Array<{ id: string; name: string; sku: string; unit: string; unitPrice: number; currency: string }>;
	/** Existing orders' contract numbers, so re-importing an order updates it. */
	orders: Array<{ id: string; contractNo: string }>;
	/** The importing member: owner of rows without one. */
	owner: string;
	currency: string;
}

/** The data worker's side of the import worker's port. */
export interface ImportPortApi {
	[m: string]: (arg: never) => unknown;
	importContext(a: { kind: ImportCollection }): Promise<ImportSource>;
	importBatch(a: ImportBatchArgs): Promise<ImportOutcome>;
}

/** A file read: its columns, the first rows and the guessed mapping. */
export type ImportReadResult =
	| { ok: true; format: 'csv' | 'xlsx' | 'vcard'; encoding: Encoding | null; headers: string[]; sample: string[][]; rows: number; mapping: string[] }
	| { ok: false; error: FileError };

/** The checked rows: counts, problems (first ones, by row), rows matching existing records. */
export interface ImportCheck {
	cancelled: boolean;
	total: number;
	/** Rows without errors (warnings allowed). */
	valid: number;
	withErrors: number;
	problems: RowProblem[];
	/** Problems beyond those listed. */
	moreProblems: number;
	matches: Array<{ line: number; label: string; id: string; by: string }>;
	moreMatches: number;
}

/** The write's outcome; rows the store refused are named by file row and column (nothing was written then). */
export type ImportConfirmResult = ({ ok: true } & ImportSummary & { skippedErrors: number }) | { ok: false; problems: RowProblem[] };

export interface ImportApi {
	[m: string]: (arg: never) => unknown;
	/** The port to the data worker (DataApi.attachImport). */
	attach(a: { port: MessagePort }): Promise<void>;
	read(a: { bytes: ArrayBuffer; name: string; encoding: Encoding | 'auto'; kind: ImportCollection }): Promise<ImportReadResult>;
	/** Checks every row with `mapping` (a target field or '' per column); `progress` events; `cancel` stops it. */
	check(a: { job: number; kind: ImportCollection; mapping: string[]; owner: string }): Promise<ImportCheck>;
	cancel(a: { job: number }): Promise<void>;
	/** Writes the rows without errors: matched rows by `modes[line]` or `mode`; rows with errors are skipped. */
	confirm(a: { mode: ImportMode; modes: Record<number, ImportMode>; label: string; batchId: string }): Promise<ImportConfirmResult>;
}

export type ImportEvents = {
	progress: { job: number; done: number; total: number };
};
