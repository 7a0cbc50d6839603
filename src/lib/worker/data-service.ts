// The data worker's logic: owns the workspace's Y.Doc, persists it with y-indexeddb, keeps
// the query worker's projection current, and runs every write command.
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CUSTOMER_FIELDS, emptyCustomer, type Customer, type CustomerFields } from '../domain/customer';
import { customerRow, type CustomerRow } from '../domain/customer-query';
import { toCsv } from '../domain/csv';
import type { BackupFile } from '../store/backup';
import type { WriteContext } from '../store/context';
import { createCustomer, customerPatchRules, customerRules, updateCustomer, type StageChangeInput } from '../store/customers';
import { wonBack } from '../domain/lifecycle';
import { memberRefs, planReassign } from '../domain/reassign';
import { ORIGIN } from '../store/schema';
import { WorkspaceStore, type Profile } from '../store/workspace';
import type { Member } from '../domain/member';
import { dbNames } from '../persistence/idb';
import { Presence, type PresenceFocus } from '../sync/presence';
import type { SyncStatus } from '../sync/status';
import { activityPeriod, type Activity } from '../domain/activity';
import { CONTACT_FIELDS, type Contact } from '../domain/contact';
import { contactRow, runQuery, taskRow, type ContactRow, type ListPage, type ListQuery, type TaskRow } from '../domain/lists';
import type { Deletion, RecordMeta } from '../domain/record';
import type { FieldError } from '../domain/validate';
import { compareTasks, emptyTask, TASK_FIELDS, type Task, type TaskFields } from '../domain/task';
import type { CareCustomer } from '../domain/care';
import type { Occasion } from '../domain/holidays';
import { toWorkspaceDate, type OccasionRecord } from '../domain/occasion';
import { ACTIVITIES, ActivityStore } from '../store/activities';
import type { Collection } from '../store/collection';
import { createRecord, updateRecord, type CommandResult, type RecordRules } from '../store/commands';
import { RULES } from '../store/records';
import type { SatisfactionStats, TicketFields } from '../domain/ticket';
import type { SlaCache } from '../domain/sla-cache';
import type { SlaPolicy, SlaStatus } from '../domain/sla';
import type { CustomerLinks, TicketPage, TicketQuery, TicketRow } from './protocol';
import { CURRENCY_KEY, PIPELINE_KEY, SALES_COLLECTIONS, SALES_PART, SLA_KEY, type SalesCollection } from '../store/sales-keys';
import type { SalesStore } from '../store/sales';
import { DEFAULT_PIPELINE, findStage, type Pipeline } from '../domain/pipeline';
import type { Deal } from '../domain/deal';
import type { Order } from '../domain/order';
import type { CurrencySettings } from '../domain/money';
import { defaultCurrencySettings } from '../domain/currency-default';
import { foldText } from '../domain/text';
import { createFieldDef, customValues, fieldDefs, updateFieldDef } from '../store/custom-fields';
import type { CustomFieldDef, RecordType } from '../domain/custom-fields';
import type { ActivityFields } from '../domain/activity';
import { DocHost } from './doc-host';
import type { ImportTarget } from '../store/imports';
import { isMergedAway, mergeRecords as mergeInto, mergesMap, reconcileMerges, resolveRecord, undoMerge as unmerge, type LinkRef, type MergeScope } from '../store/merge';
import type { Convert, MatchRecord } from '../domain/import/match';
import type { VcardContact } from '../domain/import/vcard';
import { loadT2s } from './t2s';
import type { SimilarIndex } from './similar-index';
import { newId } from '../domain/ids';
import { lazyAnalytics } from './analytics-lazy';
import { lazyModule } from './lazy-module';
import { RpcClient, RpcError, type Endpoint } from './rpc';
import type {
	CustomerView,
	DataErrorCode,
	DataEvents,
	OpenArgs,
	OpenResult,
	ProjectionApi,
	RecordView,
	SampleCounts,
	StorageProblem,
	TimelineData,
	Agenda,
	Board,
	CompetitorDetail,
	CompetitorRow,
	CustomerSales,
	TrashItem,
	SegmentSummary,
	ActivityHit,
	GlobalSearchResult,
	WinBackRow,
	BulkChange,
	BulkResult,
	ReassignOutcome,
	SyncTarget,
	WorkspaceInfo,
	ImportBatchArgs,
	ImportCollection,
	ExportListArgs,
	ImportOutcome,
	ImportBatchInfo,
	MergeArgs,
	MergeOutcome,
	MergeCollection,
	DuplicateGroup
} from './protocol';

type AnyRecord = RecordMeta & Record<string, unknown>;

/** The selling code (worker/sales-lib.ts), loaded with the sales document after the customers are live. */
const salesCode = lazyModule('worker/sales-lib.ts', () => import('./sales-lib'));
/** A segment's record rules with the rule engine (worker/segment-lib.ts), loaded when a segment is first written. */
const segmentCode = lazyModule('worker/segment-lib.ts', () => import('./segment-lib'));

type Emit = <K extends keyof DataEvents & string>(name: K, data: DataEvents[K]) => void;

export function toBase64(bytes: Uint8Array): string {
	let s = '';
	for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
	return btoa(s);
}

/** The record type whose custom fields each collection has. */
const RECORD_TYPE_OF: Record<string, RecordType | undefined> = { contacts: 'contact', tasks: 'task', activities: 'activity' };

/** What each exportable collection writes as CSV columns. */
const CSV_SPEC = {
	customers: { fields: CUSTOMER_FIELDS, type: 'customer' },
	contacts: { fields: CONTACT_FIELDS, type: 'contact' },
	tasks: { fields: TASK_FIELDS.filter((f) => f !== 'careKey'), type: 'task' }
} as const satisfies Record<string, { fields: readonly string[]; type: RecordType }>;
export type CsvCollection = keyof typeof CSV_SPEC;
const MEMBER_FIELDS = new Set(['owner', 'assignee', 'member']);
const TIME_FIELDS = new Set(['due', 'doneAt', 'at']);

const isSales = (c: string): c is SalesCollection => (SALES_COLLECTIONS as readonly string[]).includes(c);

/** The collections the generic record commands serve. */
import type { RecordCollection } from './protocol';
export type { RecordCollection };

/** Combines the sync status of every document: the worst state, the sum of pending changes. */
export function combineStatus(all: SyncStatus[]): SyncStatus {
	if (all.length === 0) return { state: 'local' };
	const refused = all.find((s) => s.state === 'refused');
	if (refused) return refused;
	let pending = 0;
	for (const s of all) if ('pending' in s) pending += s.pending;
	if (all.some((s) => s.state === 'offline')) return { state: 'offline', pending };
	if (all.some((s) => s.state === 'connecting')) return { state: 'connecting', pending };
	return pending ? { state: 'unacknowledged', pending } : { state: 'synced' };
}

export class DataService {
	doc = new Y.Doc();
	ws = new WorkspaceStore(this.doc);
	activities = new ActivityStore(this.doc);
	#main: DocHost | null = null;
	/** Activity partitions being opened or open, by period. */
	#parts = new Map<string, Promise<DocHost>>();
	#hosts = new Map<string, DocHost>();
	#proj: RpcClient<ProjectionApi, Record<string, never>> | null = null;
	#ctx: WriteContext = { memberId: '' };
	#workspaceId = '';
	#ready!: () => void;
	#whenReady = new Promise<void>((r) => (this.#ready = r));
	#actsLoaded!: () => void;
	/** Resolves once every activity partition known at open is loaded. */
	#whenActivities = new Promise<void>((r) => (this.#actsLoaded = r));
	#activitiesComplete = false;
	/** The selling document (products, deals, orders), opened right after the main one. */
	#sales: Promise<SalesStore> | null = null;
	#salesStore: SalesStore | null = null;
	#changed = new Set<string>();
	/** Changed records of the other collections, by collection. */
	#changedRecords = new Map<string, Set<string>>();
	#membersChanged = false;
	#flushTimer: ReturnType<typeof setTimeout> | null = null;
	/** The list projection's catch-up after open; later row updates chain behind it. */
	#projSynced: Promise<unknown> = Promise.resolve();
	/** Documents whose storing currently fails. */
	#problems = new Map<DocHost, StorageProblem>();
	#syncTarget: SyncTarget | null = null;
	#statuses = new Map<DocHost, SyncStatus>();
	#lastStatus = '';
	#online = true;
	#profile: Profile = { name: '', color: '' };
	#name = '';
	/** Syncing as a viewer: the relay drops whatever this device writes, so nothing is written. */
	#readOnly = false;
	#presence: Presence | null = null;
	/** One awareness for the document's lifetime (see RelaySyncOptions.awareness). */
	#awareness = new Awareness(this.doc);
	#focus: PresenceFocus = { viewing: null, editing: null };
	/** Dashboards, segments, tiers and forecasts (worker/analytics-service.ts). */
	readonly analytics = lazyAnalytics({
		ws: this.ws,
		activities: this.activities,
		ready: () => this.#whenReady,
		sales: () => this.sales(),
		activitiesLoaded: () => this.#whenActivities,
		ctx: () => this.#ctx,
		writable: () => this.#writable(),
		emit: (name, data) => this.emit(name, data),
		taskRules: () => this.#rules('tasks', true) as RecordRules<TaskFields>
	});
	/** Cached list rows of contacts and tasks; dropped per record when it changes. */
	#rows = { contacts: new Map<string, ContactRow>(), tasks: new Map<string, TaskRow>() };

	/**
	 * @param retryMs how long to wait before storing again after a failed write
	 * @param webSocket the WebSocket class for sync (Node tests; workers have their own)
	 */
	constructor(
		readonly emit: Emit,
		readonly retryMs = 5000,
		readonly webSocket?: typeof WebSocket
	) {}

	#host(dbName: string, room: string, doc?: Y.Doc): DocHost {
		const host: DocHost = new DocHost(dbName, room, (p) => this.#onProblem(host, p), this.retryMs, this.webSocket, doc);
		return host;
	}

	#onProblem(host: DocHost, problem: StorageProblem | null) {
		const had = this.#problems.size > 0;
		if (problem) this.#problems.set(host, problem);
		else this.#problems.delete(host);
		if (!had && problem) this.emit('storage', { problem });
		else if (had && this.#problems.size === 0) this.emit('storage', { problem: null });
	}

	async open({ workspaceId, memberId, profile, name, port, restore, sync, locale }: OpenArgs): Promise<OpenResult> {
		const t0 = performance.now();
		this.#workspaceId = workspaceId;
		this.#proj = new RpcClient(port as unknown as Endpoint);
		let backup: BackupFile | null = null;
		if (restore !== undefined) {
			// Check the whole file before anything is written.
			const { parseBackup } = await import('../store/backup');
			const parsed = parseBackup(restore);
			if (!parsed.ok) return { ok: false, error: parsed.error };
			backup = parsed.value;
		}
		const main = this.#host(dbNames(workspaceId).doc, workspaceId, this.doc);
		this.#main = main;
		this.#hosts.set('', main);
		await main.open(!!sync);
		if (backup) {
			const { restoreBackup } = await import('../store/backup');
			restoreBackup(this.doc, backup, [ACTIVITIES, ...SALES_COLLECTIONS]);
			// Whoever restores their backup is its first owner on this device.
			const owner = this.ws.memberList().find((m) => m.role === 'owner');
			if (owner) memberId = owner.id;
		}
		this.#ctx = { memberId };
		this.#readOnly = sync?.role === 'viewer';
		this.#profile = profile;
		this.#name = name;
		// A joined workspace takes its settings from the relay; a viewer writes nothing.
		if (!sync?.joined && sync?.role !== 'viewer') {
			this.ws.init({ memberId, profile, name });
			if (!this.ws.settings.has(CURRENCY_KEY)) this.doc.transact(() => this.ws.settings.set(CURRENCY_KEY, defaultCurrencySettings(locale ?? 'en')), ORIGIN.init);
		}
		this.doc.on('afterTransaction', (tr: Y.Transaction) => {
			const changedCustomers = this.ws.customers.changedIds(tr);
			for (const id of changedCustomers) this.#changed.add(id);
			this.#similar?.touch(changedCustomers);
			for (const name of ['contacts', 'tasks'] as const) {
				const ids = this.ws[name].changedIds(tr);
				if (ids.size) this.#noteChanged(name, ids);
			}
			if (this.ws.members.changedIds(tr).size || this.ws.fields.changedIds(tr).size || tr.changed.has(this.ws.settings as never)) this.#membersChanged = true;
			this.#noteForMerges(tr, [this.ws.customers, this.ws.contacts, this.ws.tasks] as unknown as Array<Collection<AnyRecord>>);
			if (this.#changed.size || this.#membersChanged) this.#scheduleFlush();
		});
		// A partition another device created is opened (and synced) as soon as it is known.
		this.activities.index.observe((ev) => {
			for (const key of ev.keysChanged) if (this.activities.index.has(key)) void this.#partition(key);
		});
		// Edits are live now. Bringing the list up to date can wait for the query worker to
		// finish reading its saved copy; row updates queue behind it, in order.
		const proj = this.#proj;
		this.#projSynced = (async () => {
			const sv = toBase64(Y.encodeStateVector(this.doc));
			if (!(await proj.call('matches', { sv }))) {
				await proj.call('replace', { rows: this.#allRows(), sv: toBase64(Y.encodeStateVector(this.doc)) });
			}
		})();
		const loadMs = performance.now() - t0;
		this.#ready();
		this.emit('ready', { loadMs, customers: this.ws.customers.size });
		this.emit('workspace', this.info());
		if (sync) this.#startSync(sync);
		else this.emit('sync', { state: 'local' });
		this.#sales = this.#openSales(backup);
		// Activities load after: newest partition first, one at a time, so commands get turns.
		void (async () => {
			await this.#sales?.catch(() => undefined);
			for (const period of this.activities.periods()) await this.#partition(period);
			if (backup) await this.#restoreActivities(backup);
			this.#activitiesComplete = true;
			this.#actsLoaded();
			this.emit('activities', { loaded: true, count: this.activities.size });
			void this.analytics.start();
		})();
		return { ok: true, loadMs, memberId };
	}

	async #restoreActivities(backup: BackupFile) {
		const rows = (backup.collections[ACTIVITIES] ?? []) as unknown as Array<Activity & { _deleted?: Deletion }>;
		const byPeriod = new Map<string, typeof rows>();
		for (const r of rows) {
			const p = activityPeriod(Number(r.at) || 0);
			byPeriod.set(p, [...(byPeriod.get(p) ?? []), r]);
		}
		const { restoreCollection } = await import('../store/backup');
		const history = backup.history.filter((h) => h.c === ACTIVITIES);
		for (const [period, list] of byPeriod) {
			this.activities.register(period, this.#ctx);
			const host = await this.#partition(period);
			const ids = new Set(list.map((r) => r.id));
			restoreCollection(host.doc, ACTIVITIES, list, history.filter((h) => ids.has(h.r)));
		}
	}

	async #openSales(backup: BackupFile | null): Promise<SalesStore> {
		const host = this.#host(`${dbNames(this.#workspaceId).doc}~${SALES_PART}`, `${this.#workspaceId}/${SALES_PART}`);
		const [{ SalesStore }] = await Promise.all([salesCode.load(), host.open(!!this.#syncTarget)]);
		this.#hosts.set(SALES_PART, host);
		const store = new SalesStore(host.doc, this.ws.settings);
		this.#salesStore = store;
		if (backup) {
			const { restoreCollection } = await import('../store/backup');
			for (const name of SALES_COLLECTIONS) {
				const rows = backup.collections[name] ?? [];
				const ids = new Set(rows.map((r) => String(r.id)));
				if (rows.length) restoreCollection(host.doc, name, rows, backup.history.filter((h) => h.c === name && ids.has(h.r)));
			}
		}
		host.doc.on('afterTransaction', (tr: Y.Transaction) => {
			for (const name of SALES_COLLECTIONS) {
				const ids = store[name].changedIds(tr);
				if (ids.size) this.#noteChanged(name, ids);
			}
			this.#noteForMerges(tr, [store.deals, store.orders, store.tickets] as unknown as Array<Collection<AnyRecord>>);
		});
		if (!this.#online) host.setOnline(false);
		if (this.#syncTarget) this.#syncHost(host);
		if (host.doc.share.size) this.#noteChanged('deals', new Set());
		return store;
	}

	/** The selling document, once loaded. */
	sales(): Promise<SalesStore> {
		return this.#whenReady.then(() => this.#sales!);
	}

	/** Opens an activity partition's document (once), and syncs it when the workspace syncs. */
	#partition(period: string): Promise<DocHost> {
		let p = this.#parts.get(period);
		if (!p) {
			p = (async () => {
				const host = this.#host(`${dbNames(this.#workspaceId).doc}~${period}`, `${this.#workspaceId}/${period}`);
				await host.open(!!this.#syncTarget);
				this.#hosts.set(period, host);
				this.activities.attach(period, host.doc);
				void this.analytics.watchPartition(period);
				// Views showing activities refresh as each quarter arrives.
				if (host.doc.share.size) this.#noteChanged(ACTIVITIES, new Set());
				host.doc.on('afterTransaction', (tr: Y.Transaction) => {
					const coll = this.activities.partition(period)?.coll;
					const ids = coll ? coll.changedIds(tr) : new Set<string>();
					if (ids.size) this.#noteChanged(ACTIVITIES, ids);
					if (coll) this.#noteForMerges(tr, [coll] as unknown as Array<Collection<AnyRecord>>);
				});
				if (!this.#online) host.setOnline(false);
				if (this.#syncTarget) this.#syncHost(host);
				return host;
			})();
			this.#parts.set(period, p);
		}
		return p;
	}

	#noteChanged(name: string, ids: Set<string>) {
		let s = this.#changedRecords.get(name);
		if (!s) this.#changedRecords.set(name, (s = new Set()));
		for (const id of ids) {
			s.add(id);
			if (name === 'contacts' || name === 'tasks') this.#rows[name].delete(id);
		}
		// A customer's new name shows in the contact and task rows that name it.
		this.#scheduleFlush();
	}

	/** Starts syncing with a relay once the document is loaded. */
	async connect(target: SyncTarget): Promise<void> {
		await this.#whenReady;
		this.#readOnly = target.role === 'viewer';
		this.#startSync(target);
	}

	disconnect(): void {
		this.#stopSync();
		// What the relay held no longer says anything about this copy.
		for (const h of this.#hosts.values()) h.forgetRelay();
		// What stays on this device is the member's own copy again.
		this.#readOnly = false;
		this.#emitStatus();
	}

	setOnline(online: boolean): void {
		this.#online = online;
		for (const h of this.#hosts.values()) h.setOnline(online);
	}

	/** What this device looks at now; kept across reconnects. */
	setPresence(focus: PresenceFocus): void {
		this.#focus = { viewing: focus.viewing, editing: focus.editing };
		this.#presence?.set(this.#focus);
	}

	#stopSync() {
		this.#presence?.destroy();
		this.#presence = null;
		for (const h of this.#hosts.values()) h.stopSync();
		this.#syncTarget = null;
		this.#statuses.clear();
		this.emit('presence', { members: [] });
	}

	#emitStatus() {
		const s = this.#syncTarget ? combineStatus([...this.#statuses.values()]) : ({ state: 'local' } as SyncStatus);
		const key = JSON.stringify(s);
		if (key === this.#lastStatus) return;
		this.#lastStatus = key;
		this.emit('sync', s);
	}

	#syncHost(host: DocHost, onSynced?: () => void) {
		const target = this.#syncTarget!;
		const sync = host.startSync({
			relayUrl: target.relayUrl,
			token: target.token,
			awareness: host === this.#main ? this.#awareness : undefined,
			onStatus: (s) => {
				this.#statuses.set(host, s);
				this.#emitStatus();
			},
			onSynced
		});
		this.#statuses.set(host, sync.status);
	}

	#startSync(target: SyncTarget) {
		this.#stopSync();
		this.#syncTarget = target;
		let first = true;
		this.#syncHost(this.#main!, () => {
			if (!first) return;
			first = false;
			// A member who joined becomes a member of the document once its settings are here.
			if (target.role !== 'viewer') this.ws.init({ memberId: this.#ctx.memberId, profile: this.#profile, name: this.#name });
		});
		for (const [period, h] of this.#hosts) if (period) this.#syncHost(h);
		this.#presence = new Presence({
			awareness: this.#awareness,
			self: { memberId: this.#ctx.memberId, name: this.#profile.name, color: this.#profile.color },
			focus: this.#focus,
			onChange: (members) => this.emit('presence', { members })
		});
		this.#lastStatus = '';
		this.#emitStatus();
	}

	#allRows(): CustomerRow[] {
		const rows: CustomerRow[] = [];
		for (const id of this.ws.customers.ids()) {
			const r = this.#row(id);
			if (r) rows.push(r);
		}
		return rows;
	}

	#row(id: string): CustomerRow | null {
		const l = this.ws.customers.load(id);
		if (!l) return null;
		if (l.record.mergedInto && isMergedAway(this.ws.customers as unknown as Collection<AnyRecord>, id)) return customerRow(l.record, 3, 0);
		return customerRow(l.record, l.deletion ? (l.editedAfterDelete ? 2 : 1) : 0, l.deletion?.at ?? 0);
	}

	#scheduleFlush() {
		if (this.#flushTimer) return;
		this.#flushTimer = setTimeout(() => this.#flush(), 0);
	}

	#flush() {
		this.#flushTimer = null;
		const ids = [...this.#changed];
		this.#changed.clear();
		if (ids.length) {
			// A customer removed outright (an undone import) stays in the projection as a hidden row.
			const rows = ids.map((id) => this.#row(id) ?? customerRow({ ...emptyCustomer(''), id } as Customer, 3));
			const sv = toBase64(Y.encodeStateVector(this.doc));
			const proj = this.#proj;
			this.#projSynced = this.#projSynced.then(() => proj?.call('upsert', { rows, sv })).catch(() => undefined);
			this.emit('changed', { ids: ids.length > 500 ? [] : ids });
		}
		if (ids.length) {
			// Contact and task rows show customer names.
			this.#rows.contacts.clear();
			this.#rows.tasks.clear();
		}
		for (const [collection, set] of this.#changedRecords) {
			this.emit('records', { collection, ids: set.size > 500 ? [] : [...set] });
		}
		this.#changedRecords.clear();
		if (this.#membersChanged) {
			this.#membersChanged = false;
			this.emit('workspace', this.info());
		}
	}

	/** Resolves once the CRDT is loaded; commands wait for it, so edits made early are kept. */
	ready(): Promise<void> {
		return this.#whenReady;
	}

	/** Refuses a write command for a viewer, with the stable code 'readOnly'. */
	#writable() {
		if (this.#readOnly) throw new RpcError('This workspace is read-only for a viewer', 'readOnly' satisfies DataErrorCode);
	}

	info(): WorkspaceInfo {
		return {
			name: this.ws.name,
			pipeline: (this.ws.settings.get(PIPELINE_KEY) as Pipeline | undefined) ?? DEFAULT_PIPELINE,
			fields: fieldDefs(this.ws),
			schemaVersion: this.ws.schemaVersion,
			members: this.ws.memberList(),
			customers: this.ws.customers.size,
			currency: (this.ws.settings.get(CURRENCY_KEY) as CurrencySettings | undefined) ?? defaultCurrencySettings('en')
		};
	}

	async getCustomer(id: string): Promise<CustomerView | null> {
		await this.#whenReady;
		// A merged-away customer reads as the one it was merged into.
		const rid = this.#resolve('customers', id);
		const l = this.ws.customers.load(rid);
		if (!l) return null;
		return { ...l, history: this.ws.history.forRecord(rid) };
	}

	async createCustomer(fields: Partial<CustomerFields>) {
		await this.#whenReady;
		this.#writable();
		return createCustomer(this.ws, fields, this.#ctx);
	}

	/** Customers won back and not lost since, most recently won back first. */
	async winBackList(): Promise<WinBackRow[]> {
		await this.#whenReady;
		// A win-back is a field edit, so the overlay names every candidate without decoding all
		// customers; records restored from a backup carry it in their base.
		const ids = new Set<string>();
		for (const key of this.ws.customers.edits.keys()) if (key.endsWith('\u0000winBack')) ids.add(key.slice(0, key.indexOf('\u0000')));
		for (const [id, base] of this.ws.customers.base.entries()) if (typeof base === 'string' && base.includes('"winBack":true')) ids.add(id);
		const rows: WinBackRow[] = [];
		for (const c of wonBack([...ids].map((id) => this.ws.customers.load(id)).filter((l) => l && !l.deletion).map((l) => l!.record))) {
			rows.push({ id: c.id, name: c.name, company: c.company, owner: c.owner, lostReason: c.lostReason ?? '', lostAt: c.lostAt ?? 0, winBackAt: c.winBackAt ?? 0, stage: c.stage });
		}
		return rows;
	}

	async bulkUpdateCustomers(ids: string[], change: BulkChange): Promise<BulkResult> {
		await this.#whenReady;
		this.#writable();
		let changed = 0;
		let refused = 0;
		this.doc.transact(() => {
			for (const id of ids) {
				const cur = this.ws.customers.get(id);
				if (!cur) continue;
				const patch: Partial<CustomerFields> & StageChangeInput = {};
				if (change.owner) patch.owner = change.owner;
				if (change.stage && change.stage !== cur.stage) Object.assign(patch, { stage: change.stage, stageReason: change.stageReason ?? '' });
				const tag = (change.addTag ?? change.removeTag ?? '').trim();
				if (tag && change.addTag && !cur.tags.includes(tag)) patch.tags = [...cur.tags, tag];
				if (tag && change.removeTag && cur.tags.includes(tag)) patch.tags = cur.tags.filter((t) => t !== tag);
				const r = updateCustomer(this.ws, id, patch, this.#ctx);
				if (!r.ok) refused++;
				else if (r.value) changed++;
			}
		}, ORIGIN.local);
		return { changed, refused };
	}

	async reassign(from: string, to: string): Promise<ReassignOutcome> {
		await this.#whenReady;
		this.#writable();
		const sales = await this.sales();
		const members = new Set(this.ws.memberList().map((m) => m.id));
		const refs = [
			...memberRefs('customers', this.#loadAll(this.ws.customers), ['owner']),
			...memberRefs('tasks', this.#loadAll(this.ws.tasks), ['assignee']),
			// Open deals follow the customers; won and lost ones keep who closed them.
			...memberRefs('deals', sales.activeDeals().filter((d) => findStage(sales.pipeline, d.stage)?.kind !== 'won' && findStage(sales.pipeline, d.stage)?.kind !== 'lost'), ['owner']),
			// Open tickets too; resolved and closed ones keep who handled them.
			...memberRefs('tickets', sales.activeTickets().filter((k) => k.status !== 'resolved' && k.status !== 'closed'), ['assignee'])
		];
		const plan = planReassign(refs, { from, to, members });
		if (!plan.ok) return plan;
		const counts: Record<string, number> = {};
		const write = (name: string, coll: Collection<AnyRecord>) => {
			const list = plan.plan[name] ?? [];
			for (const { id, patch } of list) coll.update(id, patch, this.#ctx);
			counts[name] = list.length;
		};
		this.doc.transact(() => {
			write('customers', this.ws.customers as unknown as Collection<AnyRecord>);
			write('tasks', this.ws.tasks as unknown as Collection<AnyRecord>);
		}, ORIGIN.local);
		sales.doc.transact(() => {
			write('deals', sales.deals as unknown as Collection<AnyRecord>);
			write('tickets', sales.tickets as unknown as Collection<AnyRecord>);
		}, ORIGIN.local);
		return { ok: true, counts };
	}

	async careOccasions(from: string, to: string): Promise<{ occasions: Occasion[]; dates: OccasionRecord[] }> {
		await this.#whenReady;
		const holidays = await import('../domain/holidays');
		const dates = [...this.#loadAll(this.ws.occasions)].sort((a, b) => a.month - b.month || a.day - b.day);
		const contacts = [...this.#loadAll(this.ws.contacts)];
		// A person customer's own birthday is not stored yet; contacts carry theirs.
		const occasions = holidays.careOccasions(from, to, { workspaceDates: dates.map(toWorkspaceDate), personalDates: holidays.contactDates(contacts) });
		return { occasions, dates };
	}

	async createCareTasks(occasion: Occasion, customerIds: string[], leadDays: number, today: string, titles: Record<string, string>) {
		await this.#whenReady;
		this.#writable();
		const customers: CareCustomer[] = [];
		for (const id of customerIds) {
			const c = this.ws.customers.get(id);
			if (c) customers.push({ id, name: c.name, owner: c.owner });
		}
		// Every care task counts, those in the Trash too: a deleted greeting stays deleted.
		const existing: Array<{ careKey?: string }> = [];
		for (const id of this.ws.tasks.ids()) existing.push({ careKey: this.ws.tasks.get(id)?.careKey });
		const { careTasks } = await import('../domain/care');
		const drafts = careTasks({ occasion, customers, leadDays, existing, today, fallbackAssignee: this.#ctx.memberId });
		const fill = (tpl: string, params: Record<string, string>) => tpl.replace(/\{(\w+)\}/g, (m, k: string) => params[k] ?? m);
		this.doc.transact(() => {
			for (const d of drafts) {
				const [y, m, day] = d.due.split('-').map(Number);
				this.ws.tasks.create(
					{ ...emptyTask(d.assignee), title: fill(titles[d.title.code] ?? d.title.code, d.title.params), due: new Date(y, m - 1, day).getTime(), allDay: true, customer: d.customer, contact: d.contact, careKey: d.careKey },
					this.#ctx
				);
			}
		}, ORIGIN.local);
		return { created: drafts.length, skipped: customers.length - drafts.length };
	}

	/** Active records of a collection. */
	*#loadAll<T extends RecordMeta>(coll: Collection<T>): Generator<T> {
		for (const id of coll.ids()) {
			const l = coll.load(id);
			if (l && !l.deletion) yield l.record;
		}
	}

	async updateCustomer(id: string, patch: Partial<CustomerFields> & StageChangeInput) {
		await this.#whenReady;
		this.#writable();
		return updateCustomer(this.ws, this.#resolve('customers', id), patch, this.#ctx);
	}

	async removeCustomers(ids: string[]) {
		await this.#whenReady;
		this.#writable();
		this.ws.customers.remove(ids, this.#ctx);
	}

	async restoreCustomers(ids: string[]) {
		await this.#whenReady;
		this.#writable();
		this.ws.customers.restore(ids, this.#ctx);
	}

	/** The record a (possibly merged-away) customer or contact id stands for. */
	#resolve(name: MergeCollection, id: string): string {
		// Not gated on the merges map: a restored backup has merged-away records but no manifests.
		return resolveRecord(this.ws[name] as unknown as Collection<AnyRecord>, id);
	}

	/** Links to merged-away customers or contacts point at their survivors before they are written. */
	#resolveLinks<T extends Record<string, unknown>>(fields: T): T {
		const out: Record<string, unknown> = { ...fields };
		if (typeof out.customer === 'string') out.customer = this.#resolve('customers', out.customer);
		if (typeof out.contact === 'string') out.contact = this.#resolve('contacts', out.contact);
		return out as T;
	}

	#collection(name: RecordCollection): Collection<AnyRecord> {
		if (name === 'activities') throw new Error('activities are not in the main document');
		if (isSales(name)) return this.#salesStore!.collection(name) as unknown as Collection<AnyRecord>;
		if (name === 'fields') return this.ws.fields as unknown as Collection<AnyRecord>;
		return this.ws[name] as unknown as Collection<AnyRecord>;
	}

	async getRecord(collection: RecordCollection, id: string): Promise<RecordView | null> {
		await this.#whenReady;
		if (isSales(collection)) {
			const sales = await this.sales();
			const l = sales.collection(collection).load(id);
			return l ? { ...(l as unknown as Omit<RecordView, 'history'>), history: sales.history.forRecord(id) } : null;
		}
		if (collection === 'activities') {
			await this.#whenActivities;
			const l = this.activities.load(id);
			return l ? { ...l, history: this.activities.history(id) } : null;
		}
		// A merged-away contact reads as the one it was merged into.
		if (collection === 'contacts') id = this.#resolve('contacts', id);
		const l = this.#collection(collection).load(id);
		return l ? { ...l, history: this.ws.history.forRecord(id) } : null;
	}

	async createRecord(collection: RecordCollection, fields: Record<string, unknown>): Promise<CommandResult<string>> {
		await this.#whenReady;
		this.#writable();
		fields = this.#resolveLinks(fields);
		if (collection === 'activities') {
			const period = this.activities.periodFor(fields, this.#ctx);
			this.activities.register(period, this.#ctx);
			await this.#partition(period);
			return this.activities.create(fields, this.#ctx, this.#rules('activities', true) as RecordRules<ActivityFields>);
		}
		if (collection === 'fields') return createFieldDef(this.ws, fields, this.#ctx);
		if (isSales(collection)) {
			const sales = await this.sales();
			if (collection === 'deals') return sales.createDeal(fields, this.#ctx);
			if (collection === 'orders') return sales.createOrder(fields, this.#ctx);
			if (collection === 'tickets') {
				const links = this.#ticketLinkErrors(sales, fields as Partial<TicketFields>, salesCode.get().emptyTicket(''));
				return links.length ? { ok: false, errors: links } : sales.createTicket(fields, this.#ctx);
			}
			if (collection === 'competitors') return createRecord(sales.competitors, sales.competitorRules(), fields, this.#ctx);
			return createRecord(sales.products, sales.productRules(), fields, this.#ctx);
		}
		if (collection === 'segments') await segmentCode.load();
		return createRecord(this.#collection(collection), this.#rules(collection, true), fields, this.#ctx);
	}

	async updateRecord(collection: RecordCollection, id: string, patch: Record<string, unknown>): Promise<CommandResult<number>> {
		await this.#whenReady;
		this.#writable();
		patch = this.#resolveLinks(patch);
		if (collection === 'contacts') id = this.#resolve('contacts', id);
		if (collection === 'activities') {
			await this.#whenActivities;
			return this.activities.update(id, patch, this.#ctx, this.#rules('activities', false) as RecordRules<ActivityFields>);
		}
		if (collection === 'fields') return updateFieldDef(this.ws, id, patch, this.#ctx);
		if (isSales(collection)) {
			const sales = await this.sales();
			if (collection === 'deals') return sales.updateDeal(id, patch, this.#ctx);
			if (collection === 'orders') return sales.updateOrder(id, patch, this.#ctx);
			if (collection === 'tickets') {
				const cur = sales.tickets.get(id);
				const links = cur ? this.#ticketLinkErrors(sales, patch as Partial<TicketFields>, cur) : [];
				return links.length ? { ok: false, errors: links } : sales.updateTicket(id, patch, this.#ctx);
			}
			if (collection === 'competitors') return updateRecord(sales.competitors, sales.competitorRules(id), id, patch, this.#ctx);
			return updateRecord(sales.products, sales.productRules(id), id, patch, this.#ctx);
		}
		if (collection === 'segments') await segmentCode.load();
		return updateRecord(this.#collection(collection), this.#rules(collection, false), id, patch, this.#ctx);
	}

	/** A collection's rules, with the workspace's custom fields of its record type. */
	#rules(collection: 'contacts' | 'tasks' | 'occasions' | 'activities' | 'segments', creating: boolean): RecordRules<object> {
		if (collection === 'segments') {
			const { segmentRules, segmentFields } = segmentCode.get();
			return segmentRules(segmentFields(fieldDefs(this.ws, 'customer'), this.ws.memberList().map((m) => m.id))) as unknown as RecordRules<object>;
		}
		const rules = RULES[collection] as RecordRules<object>;
		const type = RECORD_TYPE_OF[collection];
		return type ? { ...rules, extra: customValues(fieldDefs(this.ws, type), creating) } : rules;
	}

	/** The workspace's custom field definitions (all record types). */
	async fieldDefs(): Promise<CustomFieldDef[]> {
		await this.#whenReady;
		return fieldDefs(this.ws);
	}

	async removeRecords(collection: RecordCollection, ids: string[], restore = false): Promise<void> {
		await this.#whenReady;
		this.#writable();
		if (collection === 'activities') {
			await this.#whenActivities;
			if (restore) this.activities.restore(ids, this.#ctx);
			else this.activities.remove(ids, this.#ctx);
			return;
		}
		if (isSales(collection)) await this.sales();
		const coll = this.#collection(collection);
		if (restore) coll.restore(ids, this.#ctx);
		else coll.remove(ids, this.#ctx);
	}

	#customerName(id: string): string {
		return id ? String(this.ws.customers.get(id)?.name ?? '') : '';
	}

	#rowsOf(name: 'contacts' | 'tasks'): Iterable<ContactRow | TaskRow> {
		const cache = this.#rows[name] as Map<string, ContactRow | TaskRow>;
		const coll = this.ws[name] as unknown as Collection<AnyRecord>;
		if (cache.size !== coll.size) {
			for (const id of coll.ids()) {
				if (cache.has(id)) continue;
				const l = coll.load(id);
				// A merged-away contact is in no list (it reads as its survivor).
				if (!l || (l.record.mergedInto && isMergedAway(coll, id))) continue;
				const cname = this.#customerName(String(l.record.customer ?? ''));
				cache.set(id, name === 'contacts' ? contactRow(l.record as unknown as Contact, cname, !!l.deletion) : taskRow(l.record as unknown as Task, cname, !!l.deletion));
			}
		}
		return cache.values();
	}

	/** A window of the contact or task list for a query. */
	async listRecords(collection: 'contacts' | 'tasks', q: ListQuery, offset: number, limit: number): Promise<ListPage<ContactRow | TaskRow>> {
		await this.#whenReady;
		const all = runQuery<ContactRow | TaskRow>(this.#rowsOf(collection), q);
		return { total: all.length, offset, rows: all.slice(offset, offset + limit) };
	}

	/** Moves a deal on the board: to a stage and a place in its column. */
	async moveDeal(id: string, stage: string, index: number, opts: { reason?: string; reopen?: boolean }): Promise<CommandResult<number>> {
		await this.#whenReady;
		this.#writable();
		return (await this.sales()).moveDeal(id, stage, index, opts, this.#ctx);
	}

	/** Creates the order for a won deal; says whether its customer should become a customer. */
	async orderForDeal(dealId: string): Promise<CommandResult<{ order: string; suggestCustomer: boolean }>> {
		await this.#whenReady;
		this.#writable();
		const sales = await this.sales();
		const r = sales.orderForDeal(dealId, this.#ctx);
		if (!r.ok) return r;
		return { ok: true, value: { order: r.value, suggestCustomer: this.#suggestsCustomer(sales, r.value) } };
	}

	#suggestsCustomer(sales: SalesStore, orderId: string): boolean {
		const order = sales.orders.get(orderId);
		const customer = order && this.ws.customers.get(order.customer);
		return !!(order && customer && salesCode.get().suggestsCustomerStage(customer, order, sales.activeOrders()));
	}

	/** The board: every stage's deals in order (as cards), with counts and weighted totals. */
	async board(q: { text: string; owner: string; limit?: number }): Promise<Board> {
		await this.#whenReady;
		const sales = await this.sales();
		const { weightedPipeline, comparePositions, dealAmount, dealProbability } = salesCode.get();
		const pipeline = sales.pipeline;
		const currency = sales.currency;
		const needles = foldText(q.text).split(/\s+/).filter(Boolean);
		const deals = sales.activeDeals().filter((d) => (!q.owner || d.owner === q.owner) && needles.every((n) => foldText(`${d.title} ${this.#customerName(d.customer)}`).includes(n)));
		const weighted = weightedPipeline(deals, pipeline, currency);
		const columns = pipeline.stages.map((st) => ({
			stage: st,
			cards: deals
				.filter((d) => d.stage === st.id)
				.sort(comparePositions)
				// A column shows its first cards; the rest are counted (20,000 deals must not all
				// cross to the page and into the DOM).
				.slice(0, q.limit ?? 100)
				.map((d) => ({ id: d.id, title: d.title, customer: d.customer, customerName: this.#customerName(d.customer), owner: d.owner, amount: dealAmount(d), currency: d.currency, expectedClose: d.expectedClose, probability: dealProbability(d, pipeline) })),
			totals: weighted.byStage.find((b) => b.stage === st.id) ?? null
		}));
		return { pipeline, currency, columns, byMonth: weighted.byMonth, total: weighted.total };
	}

	/** A customer's deals and orders (newest first) with the purchase totals. */
	async customerSales(customerId: string): Promise<CustomerSales> {
		await this.#whenReady;
		const sales = await this.sales();
		const { purchaseHistory, orderTotal, purchaseSummary } = salesCode.get();
		const orders = purchaseHistory(sales.activeOrders(), customerId);
		return {
			currency: sales.currency,
			deals: sales.activeDeals().filter((d) => d.customer === customerId),
			orders: orders.map((o) => ({ ...o, total: orderTotal(o) })),
			summary: purchaseSummary(orders, sales.currency).get(customerId) ?? null
		};
	}

	/** Products, deals or orders as a list, filtered by text (and `active` for products). */
	async salesList(collection: SalesCollection, text: string): Promise<Array<Record<string, unknown>>> {
		await this.#whenReady;
		const sales = await this.sales();
		const { orderTotal, dealAmount } = salesCode.get();
		const needles = foldText(text).split(/\s+/).filter(Boolean);
		const out: Array<Record<string, unknown>> = [];
		for (const id of sales[collection].ids()) {
			const l = sales[collection].load(id);
			if (!l || l.deletion) continue;
			const r = l.record as unknown as Record<string, unknown>;
			const customerName = this.#customerName(String(r.customer ?? ''));
			const hay = foldText([r.name, r.sku, r.category, r.title, customerName, r.contractNo, r.invoiceNo, r.description, r.strategy].filter(Boolean).join(' '));
			if (!needles.every((n) => hay.includes(n))) continue;
			out.push({ ...r, customerName, total: collection === 'orders' ? orderTotal(r as unknown as Order) : collection === 'deals' ? dealAmount(r as unknown as Deal) : undefined });
		}
		const key = collection === 'products' ? 'name' : collection === 'orders' ? 'orderDate' : 'updatedAt';
		return out.sort((a, b) => (collection === 'products' ? String(a[key]).localeCompare(String(b[key])) : String(b[key]) < String(a[key]) ? -1 : String(b[key]) > String(a[key]) ? 1 : 0));
	}

	/** Competitors with their won/lost record against the team's deals. */
	async competitorList(text: string): Promise<CompetitorRow[]> {
		await this.#whenReady;
		const sales = await this.sales();
		const competitors = sales.activeCompetitors();
		const records = salesCode.get().competitorRecords(sales.activeDeals(), competitors, { pipeline: sales.pipeline });
		const needles = foldText(text).split(/\s+/).filter(Boolean);
		return competitors
			.filter((c) => needles.every((n) => foldText([c.name, c.strategy, ...(c.products ?? [])].join(' ')).includes(n)))
			.map((c) => {
				const r = records.get(c.id);
				return { id: c.id, name: c.name, priceLevel: c.priceLevel ?? '', products: c.products ?? [], won: r?.won ?? 0, lost: r?.lost ?? 0, open: r?.open ?? 0, winRate: r?.winRate ?? null };
			})
			.sort((a, b) => a.name.localeCompare(b.name));
	}

	/** A competitor's observations (newest first) and the deals it competed in, with the record. */
	async competitorDetail(id: string): Promise<CompetitorDetail | null> {
		await this.#whenReady;
		const sales = await this.sales();
		const { competitorRecord, observationLog, observationsOf, dealAmount } = salesCode.get();
		const c = sales.competitors.get(id);
		if (!c) return null;
		const rec = competitorRecord(sales.activeDeals(), c, { pipeline: sales.pipeline });
		return {
			observations: observationLog(observationsOf(c)),
			won: rec.won,
			lost: rec.lost,
			open: rec.open,
			winRate: rec.winRate,
			deals: rec.deals.map((d) => ({ id: d.id, title: d.title, stage: d.stage, customerName: this.#customerName(d.customer), amount: dealAmount(d), currency: d.currency }))
		};
	}

	async observeCompetitor(id: string, text: string): Promise<CommandResult<string>> {
		await this.#whenReady;
		this.#writable();
		return (await this.sales()).observe(id, text, this.#ctx);
	}

	/** The saved segments (not those in the Trash), by name. */
	async segmentList(): Promise<SegmentSummary[]> {
		await this.#whenReady;
		const out: SegmentSummary[] = [];
		for (const id of this.ws.segments.ids()) {
			const l = this.ws.segments.load(id);
			if (!l || l.deletion) continue;
			const r = l.record;
			out.push({ id, name: r.name, description: r.description ?? '', rule: r.rule, updatedAt: r.updatedAt, updatedBy: r.updatedBy });
		}
		return out.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
	}

	/** Records in the Trash other than customers (those are in the customer list's Trash view). */
	async trash(): Promise<TrashItem[]> {
		await this.#whenReady;
		const sales = await this.sales();
		const out: TrashItem[] = [];
		const scan = (collection: RecordCollection, coll: Collection<AnyRecord>, title: (r: AnyRecord) => string) => {
			for (const id of coll.ids()) {
				const l = coll.load(id);
				if (l?.deletion) out.push({ collection, id, title: title(l.record), deletedAt: l.deletion.at, by: l.deletion.by });
			}
		};
		const main = (n: 'contacts' | 'tasks') => this.ws[n] as unknown as Collection<AnyRecord>;
		scan('contacts', main('contacts'), (r) => String(r.name ?? ''));
		scan('tasks', main('tasks'), (r) => String(r.title ?? ''));
		scan('segments', this.ws.segments as unknown as Collection<AnyRecord>, (r) => String(r.name ?? ''));
		scan('products', sales.products as unknown as Collection<AnyRecord>, (r) => String(r.name ?? ''));
		scan('deals', sales.deals as unknown as Collection<AnyRecord>, (r) => String(r.title ?? ''));
		scan('tickets', sales.tickets as unknown as Collection<AnyRecord>, (r) => String(r.title ?? ''));
		scan('competitors', sales.competitors as unknown as Collection<AnyRecord>, (r) => String(r.name ?? ''));
		scan('orders', sales.orders as unknown as Collection<AnyRecord>, (r) => `${r.orderDate ?? ''} ${this.#customerName(String(r.customer ?? ''))}`.trim());
		for (const l of this.activities.all()) {
			if (l.deletion) out.push({ collection: 'activities', id: l.record.id, title: l.record.subject || l.record.type, deletedAt: l.deletion.at, by: l.deletion.by });
		}
		return out.sort((a, b) => b.deletedAt - a.deletedAt);
	}

	/**
	 * Tickets matching a search and filters, each with its SLA clocks now (the workspace's
	 * policy) and its customer's name; most urgent first: breached, at risk, then by due time.
	 */
	/** Tickets' SLA clocks between list calls (domain/sla-cache.ts): a changed ticket or policy is computed again. */
	#sla: SlaCache | null = null;

	async ticketList(q: TicketQuery): Promise<TicketPage> {
		await this.#whenReady;
		const sales = await this.sales();
		const policy = sales.slaPolicy;
		const now = Date.now();
		const f = q.filters ?? {};
		const needles = foldText(q.text ?? '').split(/\s+/).filter(Boolean);
		const out: TicketRow[] = [];
		const tickets = sales.activeTickets();
		const { SlaCache } = salesCode.get();
		const cache = (this.#sla ??= new SlaCache());
		cache.keepOnly(new Set(tickets.map((t) => t.id)));
		for (const t of tickets) {
			if ((f.status && t.status !== f.status) || (f.priority && t.priority !== f.priority) || (f.type && t.type !== f.type) || (f.assignee && t.assignee !== f.assignee) || (f.customer && t.customer !== f.customer)) continue;
			const customerName = this.#customerName(t.customer);
			if (!needles.every((n) => foldText(`${t.title} ${customerName} ${t.description}`).includes(n))) continue;
			const sla = cache.statusOf(t.id, t, policy, now);
			if (f.sla && sla.state !== f.sla) continue;
			const { id, title, type, priority, status, assignee, customer, firstResponseAt, resolvedAt, satisfaction, createdAt, updatedAt } = t;
			out.push({ id, title, type, priority, status, assignee, customer, firstResponseAt, resolvedAt, satisfaction, createdAt, updatedAt, customerName, sla });
		}
		const rank = { breached: 0, atRisk: 1, onTrack: 2, paused: 3, met: 4 } as const;
		const due = (r: TicketRow) => (r.sla.firstResponse.metAt ? r.sla.resolution.due : Math.min(r.sla.firstResponse.due, r.sla.resolution.due));
		out.sort((a, b) => rank[a.sla.state] - rank[b.sla.state] || due(a) - due(b));
		// Only the rows asked for cross to the page (5,000 rows with their clocks are megabytes).
		return { rows: q.limit === undefined ? out : out.slice(0, Math.max(0, q.limit)), total: out.length };
	}

	/** Customer satisfaction over the rated tickets (not in the Trash): overall and per type. */
	async ticketSatisfaction(): Promise<SatisfactionStats> {
		await this.#whenReady;
		const sales = await this.sales();
		return salesCode.get().satisfactionStats(sales.activeTickets());
	}

	/** A ticket's SLA clocks now, under the workspace's policy. */
	async ticketSla(id: string): Promise<SlaStatus | null> {
		await this.#whenReady;
		const sales = await this.sales();
		const t = sales.tickets.get(id);
		return t ? salesCode.get().ticketSla(t, { policy: sales.slaPolicy, now: Date.now() }) : null;
	}

	/**
	 * Link errors of a ticket after `patch`: the links it changes, and the contact and order again
	 * when it changes the customer (a link made earlier to a record deleted since is left alone).
	 */
	#ticketLinkErrors(sales: SalesStore, patch: Partial<TicketFields>, cur: Pick<TicketFields, 'customer' | 'contact' | 'product' | 'order'>): FieldError[] {
		const next = (f: 'customer' | 'contact' | 'product' | 'order') => String(patch[f] ?? cur[f] ?? '');
		const customerChanged = next('customer') !== (cur.customer ?? '');
		const changed = (f: 'contact' | 'product' | 'order') => next(f) !== (cur[f] ?? '') || (f !== 'product' && customerChanged);
		const live = <T extends RecordMeta>(coll: Collection<T>, id: string) => {
			const l = coll.load(id);
			return l && !l.deletion ? l.record : undefined;
		};
		return salesCode.get().ticketLinkErrors(
			{ customer: next('customer'), contact: changed('contact') ? next('contact') : '', product: changed('product') ? next('product') : '', order: changed('order') ? next('order') : '' },
			{
				contactCustomer: (cid) => live(this.ws.contacts, cid)?.customer,
				orderCustomer: (oid) => live(sales.orders, oid)?.customer,
				hasProduct: (pid) => live(sales.products, pid) !== undefined
			}
		);
	}

	/** A customer's contacts (by name) and orders (newest first), for the ticket pickers. */
	async customerLinks(customer: string): Promise<CustomerLinks> {
		await this.#whenReady;
		const sales = await this.sales();
		const { purchaseHistory, orderTotal } = salesCode.get();
		const contacts: CustomerLinks['contacts'] = [];
		if (customer) for (const r of this.#rowsOf('contacts') as Iterable<ContactRow>) if (r.customer === customer && !r.deleted) contacts.push({ id: r.id, name: r.name, position: r.position });
		const orders = customer ? purchaseHistory(sales.activeOrders(), customer) : [];
		return {
			contacts: contacts.sort((a, b) => a.name.localeCompare(b.name)),
			orders: orders.map((o) => ({ id: o.id, orderDate: o.orderDate, contractNo: o.contractNo, status: o.status, total: orderTotal(o), currency: o.currency }))
		};
	}

	/** A ticket's conversation: the activities linked to it, newest first, in the quarters loaded so far. */
	async ticketActivities(id: string): Promise<{ activities: Activity[]; complete: boolean }> {
		await this.#whenReady;
		// `complete` is false while older quarters are still loading (the page asks again when they are).
		return { activities: this.activities.forTicket(id), complete: this.#activitiesComplete };
	}

	/** The workspace's service hours and SLA targets. */
	async slaPolicy(): Promise<SlaPolicy> {
		await this.#whenReady;
		const { DEFAULT_SLA_POLICY } = await salesCode.load();
		return (this.ws.settings.get(SLA_KEY) as SlaPolicy | undefined) ?? DEFAULT_SLA_POLICY;
	}

	/** Sets the workspace's service hours and SLA targets. */
	async setSlaPolicy(policy: Partial<SlaPolicy>): Promise<CommandResult<void>> {
		await this.#whenReady;
		this.#writable();
		const { validateSlaPolicy } = await salesCode.load();
		const { value, errors } = validateSlaPolicy(policy);
		if (errors.length) return { ok: false, errors };
		this.doc.transact(() => this.ws.settings.set(SLA_KEY, value), ORIGIN.local);
		return { ok: true, value: undefined };
	}

	/** Sets the deal pipeline's stages (names, probabilities, order). */
	async setPipeline(pipeline: Pipeline): Promise<CommandResult<void>> {
		await this.#whenReady;
		this.#writable();
		const { validatePipeline } = await salesCode.load();
		const { value, errors } = validatePipeline(pipeline);
		if (errors.length) return { ok: false, errors };
		this.doc.transact(() => this.ws.settings.set(PIPELINE_KEY, value), ORIGIN.local);
		return { ok: true, value: undefined };
	}

	/** Sets the workspace's base currency and exchange rates. */
	async setCurrency(settings: CurrencySettings): Promise<CommandResult<void>> {
		await this.#whenReady;
		this.#writable();
		const { validateCurrencySettings } = await salesCode.load();
		const { value, errors } = validateCurrencySettings(settings);
		if (errors.length) return { ok: false, errors };
		this.doc.transact(() => this.ws.settings.set(CURRENCY_KEY, { base: value.base, rates: value.rates ?? [] }), ORIGIN.local);
		return { ok: true, value: undefined };
	}

	/** Everything that happened with a customer, newest first: activities, tasks, stage changes. */
	async timeline(customerId: string): Promise<TimelineData> {
		await this.#whenReady;
		// Answered from the partitions loaded so far (newest first); `complete` says whether
		// older ones are still loading, and each partition that arrives is announced.
		const contacts: Contact[] = [];
		for (const r of this.#rowsOf('contacts') as Iterable<ContactRow>) {
			if (r.customer === customerId && !r.deleted) contacts.push(this.ws.contacts.get(r.id)!);
		}
		const tasks: Task[] = [];
		for (const r of this.#rowsOf('tasks') as Iterable<TaskRow>) {
			if (r.customer === customerId && !r.deleted) tasks.push(this.ws.tasks.get(r.id)!);
		}
		return {
			activities: this.activities.forCustomer(customerId),
			tasks: tasks.sort(compareTasks),
			contacts: contacts.sort((a, b) => a.name.localeCompare(b.name)),
			complete: this.#activitiesComplete
		};
	}

	/** Tasks due and activities done in [from, to), optionally of one member, for the calendar. */
	async agenda(from: number, to: number, member: string): Promise<Agenda> {
		await this.#whenReady;
		const tasks = [...(this.#rowsOf('tasks') as Iterable<TaskRow>)].filter(
			(r) => !r.deleted && r.due >= from && r.due < to && (!member || r.assignee === member)
		);
		const activities = this.activities
			.between(from, to)
			.filter((a) => !member || a.member === member)
			.map((a) => this.#activityHit(a));
		return { tasks: tasks.sort((a, b) => a.due - b.due), activities, complete: this.#activitiesComplete };
	}

	#activityHit(a: Activity): ActivityHit {
		return { id: a.id, at: a.at, type: a.type, subject: a.subject, customer: a.customer, customerName: this.#customerName(a.customer) };
	}

	/**
	 * Contacts, tasks (open ones first) and activities (newest first; those loaded so far)
	 * matching every word of `text`, at most `limit` of each.
	 */
	async globalSearch(text: string, limit: number): Promise<GlobalSearchResult> {
		await this.#whenReady;
		if (!text.trim()) return { contacts: [], tasks: [], activities: [], deals: [], orders: [], products: [], tickets: [], competitors: [] };
		const q = (sort: string): ListQuery => ({ text, filters: {}, sort, dir: 'asc' });
		const contacts = runQuery(this.#rowsOf('contacts') as Iterable<ContactRow>, q('name')).slice(0, limit);
		const tasks = runQuery(this.#rowsOf('tasks') as Iterable<TaskRow>, q('due'));
		return {
			contacts,
			tasks: [...tasks.filter((r) => !r.done), ...tasks.filter((r) => r.done)].slice(0, limit),
			activities: this.activities.search(text, limit).map((a) => this.#activityHit(a)),
			...(await this.#salesHits(text, limit))
		};
	}

	/** Deals, orders and products matching a search (nothing until the sales document is in). */
	async #salesHits(text: string, limit: number): Promise<Pick<GlobalSearchResult, 'deals' | 'orders' | 'products' | 'tickets' | 'competitors'>> {
		if (!this.#salesStore) return { deals: [], orders: [], products: [], tickets: [], competitors: [] };
		const hit = (collection: SalesCollection) =>
			this.salesList(collection, text).then((rows) =>
				rows.slice(0, limit).map((r) => ({
					id: String(r.id),
					title: String(r.title ?? r.name ?? r.contractNo ?? r.orderDate ?? ''),
					customerName: String(r.customerName ?? ''),
					amount: Number(r.total ?? r.unitPrice ?? 0),
					currency: String(r.currency ?? '')
				}))
			);
		const [deals, orders, products, tickets, competitors] = await Promise.all([hit('deals'), hit('orders'), hit('products'), hit('tickets'), hit('competitors')]);
		return { deals, orders, products, tickets, competitors };
	}

	async rename(name: string) {
		await this.#whenReady;
		this.#writable();
		this.ws.rename(name, this.#ctx);
	}

	/** Updates this device's member record from the local profile. */
	async updateProfile(profile: Profile) {
		await this.#whenReady;
		this.#profile = { name: profile.name.trim() || this.#profile.name, color: profile.color || this.#profile.color };
		this.#presence?.set(this.#profile);
		// A viewer has no member record to keep current; the profile stays local.
		if (this.#readOnly) return;
		const patch: Partial<Member> = {};
		if (profile.name.trim()) patch.name = profile.name.trim();
		if (profile.color) patch.color = profile.color;
		this.ws.members.update(this.#ctx.memberId, patch, this.#ctx);
	}

	/**
	 * Fills the workspace with the standard generator: members, customers, contacts and tasks
	 * in one transaction of the main document (with the sample's currencies where the
	 * workspace has no rates for them), then products, deals and orders into the sales
	 * document in chunks, then the activities partition by partition (newest first), one
	 * transaction each. The generator's owner becomes the local member.
	 */
	async loadSample(customers: number, seed = 1): Promise<SampleCounts> {
		await this.#whenReady;
		this.#writable();
		// Loaded on demand, so the generator and its word lists stay out of the worker's start-up.
		const { generateWorkspace } = await import('../domain/sample/generator');
		const { fitPipeline, sampleCurrencySettings } = await import('../domain/sample/sales');
		const data = generateWorkspace({ seed, customers, now: Date.now() });
		const currency = sampleCurrencySettings(this.ws.settings.get(CURRENCY_KEY) as CurrencySettings | undefined);
		const me = this.#ctx.memberId;
		const first = data.members[0]?.id;
		// The records are fresh from the generator: swap the member ids in place.
		const own = <T extends RecordMeta>(r: T, ...fields: Array<keyof T & string>): T => {
			for (const f of ['createdBy', 'updatedBy', ...fields] as Array<keyof T & string>) if (r[f] === first) (r as Record<string, unknown>)[f] = me;
			return r;
		};
		const byPeriod = new Map<string, Activity[]>();
		for (const a of data.activities) {
			const period = activityPeriod(a.at);
			const list = byPeriod.get(period);
			if (list) list.push(a);
			else byPeriod.set(period, [a]);
		}
		const periods = [...byPeriod.keys()].sort().reverse();
		this.doc.transact(() => {
			for (const m of data.members.slice(1)) if (!this.ws.members.has(m.id)) this.ws.members.put(m);
			for (const c of data.customers) this.ws.customers.put(own(c, 'owner'));
			for (const c of data.contacts) this.ws.contacts.put(own(c));
			for (const t of data.tasks) this.ws.tasks.put(own(t, 'assignee'));
			for (const period of periods) this.activities.register(period, this.#ctx);
			if (currency) this.ws.settings.set(CURRENCY_KEY, currency);
		}, ORIGIN.sample);
		// Selling: a transaction per chunk of records, and other commands get a turn between chunks.
		const SAMPLE_CHUNK = 1000;
		const sales = await this.sales();
		fitPipeline(data.deals, sales.pipeline);
		const putAll = async <T extends RecordMeta>(coll: Collection<T>, rows: T[], fields: Array<keyof T & string>) => {
			for (let i = 0; i < rows.length; i += SAMPLE_CHUNK) {
				sales.doc.transact(() => {
					for (const r of rows.slice(i, i + SAMPLE_CHUNK)) coll.put(own(r, ...fields) as T & Record<string, unknown>);
				}, ORIGIN.sample);
				await new Promise((r) => setTimeout(r, 0));
			}
		};
		await putAll(sales.products, data.products, []);
		await putAll(sales.deals, data.deals, ['owner']);
		await putAll(sales.orders, data.orders, ['owner']);
		await putAll(sales.tickets, data.tickets, ['assignee']);
		// Observations name their member inside the record.
		for (const c of data.competitors) for (const o of salesCode.get().observationsOf(c)) if (o.by === first) o.by = me;
		await putAll(sales.competitors, data.competitors, []);
		for (const period of periods) {
			const host = await this.#partition(period);
			host.doc.transact(() => {
				for (const a of byPeriod.get(period)!) this.activities.put(own(a, 'member'));
			}, ORIGIN.sample);
			// Other commands get a turn between partitions.
			await new Promise((r) => setTimeout(r, 0));
		}
		return {
			customers: data.customers.length,
			contacts: data.contacts.length,
			tasks: data.tasks.length,
			activities: data.activities.length,
			products: data.products.length,
			deals: data.deals.length,
			orders: data.orders.length,
			tickets: data.tickets.length,
			competitors: data.competitors.length
		};
	}

	/** Where an import of `collection` writes, with the rules that check its rows. */
	async #importTarget(collection: ImportCollection): Promise<ImportTarget> {
		const any = <T>(c: T) => c as unknown as Collection<AnyRecord>;
		const fixed = (coll: Collection<AnyRecord>, rules: ImportTarget['rules']): ImportTarget => ({
			name: collection,
			find: (id) => (coll.has(id) ? coll : undefined),
			place: () => coll,
			rules
		});
		if (collection === 'customers') {
			// An update's stage change follows the lifecycle rules, with the row's `stageReason` if any.
			return fixed(any(this.ws.customers), (creating, cur, row) =>
				(cur && !creating ? customerPatchRules(this.ws, cur as unknown as Customer, this.#ctx, typeof row?.stageReason === 'string' ? row.stageReason : undefined) : customerRules(this.ws, creating)) as RecordRules<object>
			);
		}
		if (collection === 'contacts') return fixed(any(this.ws.contacts), (creating) => this.#rules('contacts', creating));
		if (collection === 'activities') {
			await this.#whenActivities;
			return {
				name: collection,
				find: (id) => (this.activities.has(id) ? any(this.activities.collectionOf(id)) : undefined),
				place: (r) => any(this.activities.partition(activityPeriod(Number(r.at) || 0))!.coll),
				rules: (creating) => this.#rules('activities', creating)
			};
		}
		const sales = await this.sales();
		if (collection === 'products') return fixed(any(sales.products), (_c, cur) => sales.productRules(cur?.id ?? '') as RecordRules<object>);
		return fixed(any(sales.orders), (_c, cur) => sales.orderRules(cur?.status as Order['status'] | undefined) as RecordRules<object>);
	}

	/** Imports rows as one batch (see store/imports.ts); progress as `import` events. */
	async importBatch(a: ImportBatchArgs): Promise<ImportOutcome> {
		await this.#whenReady;
		this.#writable();
		const target = await this.#importTarget(a.collection);
		const scope = a.collection === 'customers' || a.collection === 'contacts' ? this.#mergeScope(a.collection) : null;
		// Matches and links naming a merged-away record go to its survivor.
		const rows = a.rows.map((r) => ({ fields: this.#resolveLinks(r.fields ?? {}), match: scope && r.match ? resolveRecord(scope.records, r.match) : r.match }));
		const { planImportInTurns, writeImport } = await import('../store/imports');
		const planned = await planImportInTurns(target, rows, a.mode ?? 'update', this.#ctx, () => new Promise((r) => setTimeout(r, 0)));
		if (!planned.ok) return { ok: false, errors: planned.errors.map(({ row, field, code, index }) => ({ row, field, code, index })) };
		if (a.collection === 'activities') {
			// New activities go to the quarters of their dates: open those first.
			for (const r of planned.plan.rows) {
				if (r.kind !== 'add') continue;
				const period = activityPeriod(Number(r.record.at) || 0);
				if (this.activities.attached(period)) continue;
				this.activities.register(period, this.#ctx);
				await this.#partition(period);
			}
		}
		const batchId = a.batchId ?? newId();
		this.#writing.add(batchId);
		try {
			const done = await writeImport({
				main: this.doc,
				history: this.ws.history,
				target,
				plan: planned.plan,
				batchId,
				label: a.label,
				ctx: this.#ctx,
				cancelled: () => this.#cancelled.has(batchId),
				pause: async (n, total) => {
					this.emit('import', { batchId, done: n, total });
					await new Promise((r) => setTimeout(r, 0));
				}
			});
			return { ok: true, ...done };
		} finally {
			this.#cancelled.delete(batchId);
			this.#writing.delete(batchId);
		}
	}

	/** Batches asked to stop. */
	#cancelled = new Set<string>();
	/** Batches this device is writing now. */
	#writing = new Set<string>();

	async cancelImport(batchId: string): Promise<void> {
		this.#cancelled.add(batchId);
	}

	async undoImport(batchId: string): Promise<CommandResult<{ removed: number; reverted: number }>> {
		await this.#whenReady;
		this.#writable();
		const { importBatches: batchesOf, undoImport: undoBatch } = await import('../store/imports');
		const meta = batchesOf(this.doc).find((b) => b.id === batchId);
		// A batch left 'writing' by a closed tab or a crash can be taken back too.
		const undoable = meta && (meta.state === 'done' || (meta.state === 'writing' && !this.#writing.has(batchId)));
		if (!undoable) return { ok: false, errors: [{ field: 'batchId', code: 'notFound' }] };
		const target = await this.#importTarget(meta.collection as ImportCollection);
		const r = undoBatch({ main: this.doc, history: this.ws.history, target, batchId, ctx: this.#ctx });
		return r ? { ok: true, value: r } : { ok: false, errors: [{ field: 'batchId', code: 'notFound' }] };
	}

	async importBatches(): Promise<ImportBatchInfo[]> {
		await this.#whenReady;
		const { importBatches: batchesOf } = await import('../store/imports');
		return batchesOf(this.doc).map(({ id, collection, label, at, by, added, updated, state }) => ({ id, collection: collection as ImportCollection, label, at, by, added, updated, state }));
	}

	/** Customers or contacts with everything that links to them, for merging. */
	#mergeScope(collection: MergeCollection): MergeScope {
		const field = collection === 'customers' ? 'customer' : 'contact';
		const any = <T>(c: T) => c as unknown as Collection<AnyRecord>;
		const scan = (coll: Collection<AnyRecord>, id: string, out: LinkRef[]) => {
			for (const rid of coll.ids()) if (coll.get(rid)?.[field] === id) out.push({ coll, id: rid, field });
		};
		return {
			main: this.doc,
			records: any(this.ws[collection]),
			rules: collection === 'customers' ? (customerRules(this.ws, false) as RecordRules<object>) : this.#rules('contacts', false),
			linksTo: (id) => {
				const out: LinkRef[] = [];
				if (collection === 'customers') {
					for (const r of this.#rowsOf('contacts') as Iterable<ContactRow>) if (r.customer === id) out.push({ coll: any(this.ws.contacts), id: r.id, field });
					for (const aid of this.activities.idsOfCustomer(id)) out.push({ coll: any(this.activities.collectionOf(aid)), id: aid, field });
				} else for (const coll of this.activities.collections()) scan(any(coll), id, out);
				for (const r of this.#rowsOf('tasks') as Iterable<TaskRow>) if (r[field] === id) out.push({ coll: any(this.ws.tasks), id: r.id, field });
				// Records in the Trash keep their link; restoring one re-links it (reconcileMerges).
				const sales = this.#salesStore;
				if (sales) {
					const active = { deals: sales.activeDeals(), orders: sales.activeOrders(), tickets: sales.activeTickets() } as const;
					for (const name of ['deals', 'orders', 'tickets'] as const) {
						if (field === 'contact' && name === 'orders') continue;
						for (const r of active[name] as unknown as AnyRecord[]) if (r[field] === id) out.push({ coll: any(sales[name]), id: r.id, field });
					}
				}
				return out;
			}
		};
	}

	async mergeRecords(a: MergeArgs): Promise<MergeOutcome> {
		await this.#whenReady;
		this.#writable();
		await this.sales();
		await this.#whenActivities;
		return mergeInto(this.#mergeScope(a.collection ?? 'customers'), this.ws.history, a, this.#ctx);
	}

	async undoMerge(mergeId: string): Promise<CommandResult<void>> {
		await this.#whenReady;
		this.#writable();
		await this.sales();
		await this.#whenActivities;
		const m = mergesMap(this.doc).get(mergeId);
		if (!m) return { ok: false, errors: [{ field: 'mergeId', code: 'notFound' }] };
		return unmerge(this.#mergeScope(m.collection as MergeCollection), this.ws.history, mergeId, this.#ctx);
	}

	/** Records of the merged types and links that changed, re-linked in the next task. */
	#toReconcile = { customers: new Set<string>(), contacts: new Set<string>(), links: [] as Array<{ coll: Collection<AnyRecord>; ids: Set<string> }> };
	#reconcileTimer: ReturnType<typeof setTimeout> | null = null;

	/** Notes what a transaction changed that may name a merged-away record (see store/merge.ts). */
	#noteForMerges(tr: Y.Transaction, colls: Array<Collection<AnyRecord>>) {
		if (tr.origin === ORIGIN.merge || this.#readOnly || mergesMap(this.doc).size === 0) return;
		for (const coll of colls) {
			const ids = coll.changedIds(tr);
			if (!ids.size) continue;
			if (coll === (this.ws.customers as unknown) || coll === (this.ws.contacts as unknown)) for (const id of ids) this.#toReconcile[coll.name as MergeCollection].add(id);
			if (coll !== (this.ws.customers as unknown)) this.#toReconcile.links.push({ coll, ids });
		}
		this.#reconcileTimer ??= setTimeout(() => this.#reconcile(), 0);
	}

	#reconcile() {
		this.#reconcileTimer = null;
		const { customers, contacts, links } = this.#toReconcile;
		this.#toReconcile = { customers: new Set(), contacts: new Set(), links: [] };
		for (const [name, records, field] of [['customers', customers, 'customer'], ['contacts', contacts, 'contact']] as const) {
			const linkIds = links.filter((l) => l.coll.name !== name).map((l) => ({ coll: l.coll, ids: l.ids, field }));
			reconcileMerges(this.#mergeScope(name), { records, links: linkIds }, this.#ctx);
		}
	}

	/** Traditional → simplified Chinese for matching (worker/t2s.ts, loaded on first use); identity if it fails to load. */
	#convert(): Promise<Convert> {
		return loadT2s().catch(() => (s: string) => s);
	}

	/** Active records of a mergeable collection that are not merged away. */
	#mergeable(name: MergeCollection): Array<AnyRecord & MatchRecord> {
		const records = this.#mergeScope(name).records;
		const out: Array<AnyRecord & MatchRecord> = [];
		for (const l of this.#loadAll(records)) {
			if (l.mergedInto && isMergedAway(records, l.id)) continue;
			// A contact is matched with its customer's name as its company, and shows it.
			if (name === 'contacts') {
				const customerName = this.#customerName(String(l.customer ?? ''));
				out.push({ ...l, customerName, company: customerName } as AnyRecord & MatchRecord);
			} else out.push(l as AnyRecord & MatchRecord);
		}
		return out;
	}

	/** Likely duplicate customers (or contacts), with the evidence (domain/import/match.ts). */
	async duplicates(a: { collection?: MergeCollection; limit?: number }): Promise<DuplicateGroup[]> {
		await this.#whenReady;
		const convert = await this.#convert();
		const { findDuplicates } = await import('../domain/import/match');
		const records = this.#mergeable(a.collection ?? 'customers');
		const byId = new Map(records.map((r) => [r.id, r]));
		return findDuplicates(records, { convert })
			.slice(0, a.limit ?? 200)
			.map((g) => ({ ids: g.ids, score: g.score, records: g.ids.map((id) => byId.get(id)!), evidence: g.evidence }));
	}

	/** Matching keys of the customers, for the form's warning (built on first use). */
	#similar: SimilarIndex | null = null;

	/** Existing customers that look like these fields (the customer form's warning). */
	async similarCustomers(fields: Record<string, unknown>, exclude?: string): Promise<DuplicateGroup[]> {
		await this.#whenReady;
		const customers = this.ws.customers as unknown as Collection<AnyRecord>;
		if (!this.#similar) {
			const read = (id: string) => {
				const l = customers.load(id);
				return l && !l.deletion && !(l.record.mergedInto && isMergedAway(customers, id)) ? (l.record as AnyRecord & MatchRecord) : null;
			};
			const { SimilarIndex } = await import('./similar-index');
			this.#similar = new SimilarIndex(read, () => customers.ids(), await this.#convert());
		}
		return this.#similar.similar(fields as Omit<MatchRecord, 'id'>, { exclude }).map((h) => ({ ids: [h.id], score: h.score, evidence: h.evidence, records: [customers.get(h.id)!] }));
	}

	async exportBackup(): Promise<string> {
		await this.#whenReady;
		await this.#whenActivities;
		const { backupRow, backupRows, exportBackup } = await import('../store/backup');
		const backup = exportBackup(this.ws, this.#workspaceId);
		backup.collections[ACTIVITIES] = [...this.activities.all()].map(backupRow);
		const sales = await this.sales();
		for (const name of SALES_COLLECTIONS) backup.collections[name] = backupRows(sales[name] as unknown as Collection<RecordMeta>);
		backup.history.push(...sales.history.map.values());
		for (const period of this.activities.periods()) {
			const part = this.activities.partition(period);
			if (part) backup.history.push(...part.coll.history.map.values());
		}
		return JSON.stringify(backup);
	}

	/** Active customers as CSV with translated headers and choice labels. */
	/**
	 * Active records of a collection as CSV: translated headers and choice labels (`values`,
	 * keyed "field.value"), member and customer names instead of ids, times as ISO 8601, then
	 * the custom fields of that record type.
	 */
	async exportCsv(headers: Record<string, string>, values: Record<string, string>, collection: CsvCollection = 'customers', only?: readonly string[]): Promise<string> {
		await this.#whenReady;
		return toCsv(this.#exportRows(headers, values, collection, only));
	}

	/** A list's rows for export: the header row, then each active record (merged-away ones left out). */
	#exportRows(headers: Record<string, string>, values: Record<string, string>, collection: CsvCollection, only?: readonly string[]): string[][] {
		const members = new Map(this.ws.memberList().map((m) => [m.id, m.name]));
		const spec = CSV_SPEC[collection];
		const coll = this.ws[collection] as unknown as Collection<AnyRecord>;
		const custom = fieldDefs(this.ws, spec.type);
		const rows: string[][] = [[...spec.fields.map((f) => headers[f] ?? f), ...custom.map((d) => d.label), headers.createdAt ?? 'createdAt', headers.updatedAt ?? 'updatedAt']];
		const cell = (f: string, v: unknown): string => {
			if (Array.isArray(v)) return v.join('; ');
			if (MEMBER_FIELDS.has(f)) return members.get(String(v)) ?? String(v ?? '');
			if (f === 'customer') return this.#customerName(String(v ?? ''));
			if (TIME_FIELDS.has(f)) return typeof v === 'number' && v > 0 ? new Date(v).toISOString() : '';
			if (typeof v === 'boolean') return v ? '1' : '0';
			const s = String(v ?? '');
			return values[`${f}.${s}`] ?? s;
		};
		const keep = only ? new Set(only) : null;
		for (const r of this.#loadAll(coll)) {
			if ((keep && !keep.has(r.id)) || (r.mergedInto && isMergedAway(coll, r.id))) continue;
			rows.push([
				...spec.fields.map((f) => cell(f, r[f])),
				...custom.map((d) => cell('', r[`cf_${d.id}`])),
				new Date(r.createdAt).toISOString(),
				new Date(r.updatedAt).toISOString()
			]);
		}
		return rows;
	}

	/**
	 * A list as a file: CSV in UTF-8 with a BOM or in GBK (older Excel), .xlsx, or contacts as
	 * vCard 3.0. The encoders load on first use.
	 */
	async exportList(a: ExportListArgs): Promise<Uint8Array> {
		await this.#whenReady;
		const { encodeCsv, writeXlsx, writeVcards } = await import('../domain/import/export');
		if (a.format === 'vcard') {
			const keep = a.ids ? new Set(a.ids) : null;
			const people: VcardContact[] = [];
			for (const c of this.#loadAll(this.ws.contacts as unknown as Collection<AnyRecord>)) {
				if ((keep && !keep.has(c.id)) || (c.mergedInto && isMergedAway(this.ws.contacts as unknown as Collection<AnyRecord>, c.id))) continue;
				const r = c as unknown as Contact;
				people.push({ name: r.name, position: r.position, company: this.#customerName(r.customer), phones: r.phones, emails: r.emails, birthday: r.birthday, notes: r.notes });
			}
			return new TextEncoder().encode(writeVcards(people));
		}
		const rows = this.#exportRows(a.headers, a.values, a.collection ?? 'customers', a.ids);
		if (a.format === 'xlsx') return writeXlsx(rows);
		return encodeCsv(rows, a.format === 'csv-gbk' ? 'gbk' : 'utf-8');
	}

	/** Waits until every update written so far is on disk, then closes the databases. */
	async close(): Promise<void> {
		await this.#projSynced.catch(() => undefined);
		this.#stopSync();
		await Promise.all([...this.#parts.values()].map((p) => p.then((h) => h.close()).catch(() => undefined)));
		// The sales document too (opened separately from the partitions).
		await this.#sales?.catch(() => undefined);
		await this.#hosts.get(SALES_PART)?.close();
		await this.#main?.close();
		this.#awareness.destroy();
	}
}

