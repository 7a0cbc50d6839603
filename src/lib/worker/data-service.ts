// The data worker's logic: owns the workspace's Y.Doc, persists it with y-indexeddb, keeps
// the query worker's projection current, and runs every write command.
import { IndexeddbPersistence } from 'y-indexeddb';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CUSTOMER_FIELDS, type Customer, type CustomerFields } from '../domain/customer';
import { customerRow, type CustomerRow } from '../domain/customer-query';
import { toCsv } from '../domain/csv';
import { generateWorkspace } from '../domain/sample/generator';
import { exportBackup, parseBackup, restoreBackup, type BackupFile } from '../store/backup';
import type { WriteContext } from '../store/context';
import { createCustomer, updateCustomer } from '../store/customers';
import { ORIGIN } from '../store/schema';
import { WorkspaceStore, type Profile } from '../store/workspace';
import type { Member } from '../domain/member';
import { dbNames } from '../persistence/idb';
import { Presence, type PresenceFocus } from '../sync/presence';
import { RelaySync } from '../sync/relay-sync';
import { RpcClient, RpcError, type Endpoint } from './rpc';
import type {
	CustomerView,
	DataErrorCode,
	DataEvents,
	OpenArgs,
	OpenResult,
	ProjectionApi,
	StorageProblem,
	SyncTarget,
	WorkspaceInfo
} from './protocol';

/** Where the relay's last known state vector is kept (y-indexeddb's custom store). */
const RELAY_VECTOR_KEY = 'relayVector';

type Emit = <K extends keyof DataEvents & string>(name: K, data: DataEvents[K]) => void;

export function toBase64(bytes: Uint8Array): string {
	let s = '';
	for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
	return btoa(s);
}

/** Update-log rows after which the log is folded into one (y-indexeddb uses the same). */
const COMPACT_ROWS = 500;

function isQuotaError(e: unknown): boolean {
	const name = (e as { name?: string } | null)?.name;
	return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

export class DataService {
	doc = new Y.Doc();
	ws = new WorkspaceStore(this.doc);
	#persistence: IndexeddbPersistence | null = null;
	#proj: RpcClient<ProjectionApi, Record<string, never>> | null = null;
	#ctx: WriteContext = { memberId: '' };
	#workspaceId = '';
	#ready!: () => void;
	#whenReady = new Promise<void>((r) => (this.#ready = r));
	#changed = new Set<string>();
	#membersChanged = false;
	#flushTimer: ReturnType<typeof setTimeout> | null = null;
	/** The list projection's catch-up after open; later row updates chain behind it. */
	#projSynced: Promise<unknown> = Promise.resolve();
	#problem: StorageProblem | null = null;
	#retryTimer: ReturnType<typeof setTimeout> | null = null;
	#compactTimer: ReturnType<typeof setTimeout> | null = null;
	#sync: RelaySync | null = null;
	#online = true;
	#profile: Profile = { name: '', color: '' };
	#name = '';
	/** Syncing as a viewer: the relay drops whatever this device writes, so nothing is written. */
	#readOnly = false;
	#presence: Presence | null = null;
	/** One awareness for the document's lifetime (see RelaySyncOptions.awareness). */
	#awareness = new Awareness(this.doc);
	#focus: PresenceFocus = { viewing: null, editing: null };
	/** The relay's state vector as stored on this device, read at open. */
	#relayVector: Map<number, number> | null = null;

	/**
	 * @param retryMs how long to wait before storing again after a failed write
	 * @param webSocket the WebSocket class for sync (Node tests; workers have their own)
	 */
	constructor(
		readonly emit: Emit,
		readonly retryMs = 5000,
		readonly webSocket?: typeof WebSocket
	) {}

	async open({ workspaceId, memberId, profile, name, port, restore, sync }: OpenArgs): Promise<OpenResult> {
		const t0 = performance.now();
		this.#workspaceId = workspaceId;
		this.#proj = new RpcClient(port as unknown as Endpoint);
		let backup: BackupFile | null = null;
		if (restore !== undefined) {
			// Check the whole file before anything is written.
			const parsed = parseBackup(restore);
			if (!parsed.ok) return { ok: false, error: parsed.error };
			backup = parsed.value;
		}
		const p = new IndexeddbPersistence(dbNames(workspaceId).doc, this.doc);
		this.#persistence = p;
		this.#guardWrites(p);
		await p.whenSynced;
		if (sync) this.#relayVector = await this.#loadRelayVector(p);
		if (backup) {
			restoreBackup(this.doc, backup);
			// Whoever restores their backup is its first owner on this device.
			const owner = this.ws.memberList().find((m) => m.role === 'owner');
			if (owner) memberId = owner.id;
		}
		this.#ctx = { memberId };
		this.#readOnly = sync?.role === 'viewer';
		this.#profile = profile;
		this.#name = name;
		// A joined workspace takes its settings from the relay; a viewer writes nothing.
		if (!sync?.joined && sync?.role !== 'viewer') this.ws.init({ memberId, profile, name });
		this.doc.on('afterTransaction', (tr: Y.Transaction) => {
			for (const id of this.ws.customers.changedIds(tr)) this.#changed.add(id);
			if (this.ws.members.changedIds(tr).size || tr.changed.has(this.ws.settings as never)) this.#membersChanged = true;
			if (this.#changed.size || this.#membersChanged) this.#scheduleFlush();
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
		return { ok: true, loadMs, memberId };
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
		this.#relayVector = null;
		this.#persistence?.del(RELAY_VECTOR_KEY).catch(() => undefined);
		// What stays on this device is the member's own copy again.
		this.#readOnly = false;
		this.emit('sync', { state: 'local' });
	}

	setOnline(online: boolean): void {
		this.#online = online;
		this.#sync?.setOnline(online);
	}

	/** What this device looks at now; kept across reconnects. */
	setPresence(focus: PresenceFocus): void {
		this.#focus = { viewing: focus.viewing, editing: focus.editing };
		this.#presence?.set(this.#focus);
	}

	#stopSync() {
		this.#presence?.destroy();
		this.#presence = null;
		this.#sync?.destroy();
		this.#sync = null;
		this.emit('presence', { members: [] });
	}

	#startSync(target: SyncTarget) {
		this.#stopSync();
		let first = true;
		// Statuses from before construction returns are emitted below, once `sync` is set.
		let sync: RelaySync | null = null;
		sync = new RelaySync({
			doc: this.doc,
			workspaceId: this.#workspaceId,
			relayUrl: target.relayUrl,
			token: target.token,
			WebSocketPolyfill: this.webSocket,
			awareness: this.#awareness,
			relayVector: this.#relayVector ?? undefined,
			onRelayVector: (v) => this.#saveRelayVector(v),
			onStatus: (s) => {
				if (sync && this.#sync === sync) this.emit('sync', s);
			},
			onSynced: () => {
				if (!first) return;
				first = false;
				// A member who joined becomes a member of the document once its settings are here.
				if (target.role !== 'viewer') this.ws.init({ memberId: this.#ctx.memberId, profile: this.#profile, name: this.#name });
			}
		});
		this.#sync = sync;
		this.#presence = new Presence({
			awareness: this.#awareness,
			self: { memberId: this.#ctx.memberId, name: this.#profile.name, color: this.#profile.color },
			focus: this.#focus,
			onChange: (members) => this.emit('presence', { members })
		});
		if (!this.#online) sync.setOnline(false);
		this.emit('sync', sync.status);
	}

	async #loadRelayVector(p: IndexeddbPersistence): Promise<Map<number, number> | null> {
		try {
			const stored: unknown = await p.get(RELAY_VECTOR_KEY);
			return stored instanceof ArrayBuffer ? Y.decodeStateVector(new Uint8Array(stored)) : null;
		} catch {
			return null;
		}
	}

	/** Keeps the relay's state vector, so changes it lacks are still counted after a reload. */
	#saveRelayVector(vector: Map<number, number>) {
		this.#relayVector = vector;
		const bytes = Y.encodeStateVector(vector);
		this.#persistence?.set(RELAY_VECTOR_KEY, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer).catch(() => undefined);
	}

	/**
	 * y-indexeddb writes each update as it happens and does not report failures. Take over
	 * that write so a full disk becomes a visible problem: the update stays in memory, and
	 * the whole state is stored again once space is back (a failed IndexedDB transaction
	 * writes nothing, so what was saved before stays intact).
	 */
	#guardWrites(p: IndexeddbPersistence) {
		const internal = p as unknown as {
			_storeUpdate: (u: Uint8Array, origin: unknown) => void;
			db: IDBDatabase | null;
			_dbsize: number;
		};
		this.doc.off('update', internal._storeUpdate);
		const store = (update: Uint8Array, origin: unknown) => {
			if (origin === p || !internal.db) return;
			if (this.#problem) return void this.#retrySoon(0);
			try {
				const tx = internal.db.transaction('updates', 'readwrite');
				tx.objectStore('updates').add(update);
				tx.onabort = tx.onerror = () => this.#failed(tx.error);
			} catch (e) {
				this.#failed(e);
			}
			// Like y-indexeddb, fold a long log into one row, but when the worker is idle.
			if (++internal._dbsize >= COMPACT_ROWS) this.#compactSoon();
		};
		internal._storeUpdate = store;
		this.doc.on('update', store);
	}

	#failed(err: unknown) {
		const problem: StorageProblem = {
			kind: isQuotaError(err) ? 'quota' : 'other',
			message: String((err as Error | null)?.message ?? err)
		};
		if (!this.#problem) this.emit('storage', { problem });
		this.#problem = problem;
		this.#retrySoon(this.retryMs);
	}

	#retrySoon(ms: number) {
		if (this.#retryTimer) return;
		this.#retryTimer = setTimeout(async () => {
			this.#retryTimer = null;
			if (!this.#persistence || !this.#problem) return;
			try {
				await this.#storeWholeState();
				this.#problem = null;
				this.emit('storage', { problem: null });
			} catch (e) {
				this.#failed(e);
			}
		}, ms);
	}

	/**
	 * Stores the complete document as one row and drops the rows before it, in one transaction
	 * that succeeds or fails whole. The document in memory holds everything the log had.
	 */
	#storeWholeState(): Promise<void> {
		const p = this.#persistence as unknown as { db: IDBDatabase; _dbsize: number };
		return new Promise((resolve, reject) => {
			const tx = p.db.transaction('updates', 'readwrite');
			const updates = tx.objectStore('updates');
			const req = updates.add(Y.encodeStateAsUpdate(this.doc));
			req.onsuccess = () => updates.delete(IDBKeyRange.upperBound(req.result, true));
			tx.oncomplete = () => {
				p._dbsize = 1;
				resolve();
			};
			tx.onabort = tx.onerror = () => reject(tx.error);
		});
	}

	#compactSoon() {
		if (this.#compactTimer) clearTimeout(this.#compactTimer);
		this.#compactTimer = setTimeout(() => {
			this.#compactTimer = null;
			if (!this.#problem) this.#storeWholeState().catch((e) => this.#failed(e));
		}, 2000);
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
			const rows = ids.map((id) => this.#row(id)).filter((r): r is CustomerRow => !!r);
			const sv = toBase64(Y.encodeStateVector(this.doc));
			const proj = this.#proj;
			this.#projSynced = this.#projSynced.then(() => proj?.call('upsert', { rows, sv })).catch(() => undefined);
			this.emit('changed', { ids: ids.length > 500 ? [] : ids });
		}
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
			schemaVersion: this.ws.schemaVersion,
			members: this.ws.memberList(),
			customers: this.ws.customers.size
		};
	}

	async getCustomer(id: string): Promise<CustomerView | null> {
		await this.#whenReady;
		const l = this.ws.customers.load(id);
		if (!l) return null;
		return { ...l, history: this.ws.history.forRecord(id) };
	}

	async createCustomer(fields: Partial<CustomerFields>) {
		await this.#whenReady;
		this.#writable();
		return createCustomer(this.ws, fields, this.#ctx);
	}

	async updateCustomer(id: string, patch: Partial<CustomerFields>) {
		await this.#whenReady;
		this.#writable();
		return updateCustomer(this.ws, id, patch, this.#ctx);
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

	/** Fills the workspace with the standard generator; the local member owns a share. */
	async loadSample(customers: number, seed = 1): Promise<{ customers: number }> {
		await this.#whenReady;
		this.#writable();
		const data = generateWorkspace({ seed, customers, now: Date.now() });
		const me = this.#ctx.memberId;
		const first = data.members[0]?.id;
		const swap = (id: string) => (id === first ? me : id);
		this.doc.transact(() => {
			for (const m of data.members.slice(1)) if (!this.ws.members.has(m.id)) this.ws.members.put(m);
			for (const c of data.customers) {
				this.ws.customers.put({ ...c, owner: swap(c.owner), createdBy: swap(c.createdBy), updatedBy: swap(c.updatedBy) } as Customer);
			}
		}, ORIGIN.sample);
		return { customers: data.customers.length };
	}

	async exportBackup(): Promise<string> {
		await this.#whenReady;
		return JSON.stringify(exportBackup(this.ws, this.#workspaceId));
	}

	/** Active customers as CSV with translated headers and choice labels. */
	async exportCsv(headers: Record<string, string>, values: Record<string, string>): Promise<string> {
		await this.#whenReady;
		const members = new Map(this.ws.memberList().map((m) => [m.id, m.name]));
		const fields = CUSTOMER_FIELDS;
		const rows: string[][] = [[...fields.map((f) => headers[f] ?? f), headers.createdAt ?? 'createdAt', headers.updatedAt ?? 'updatedAt']];
		for (const id of this.ws.customers.ids()) {
			const l = this.ws.customers.load(id);
			if (!l || l.deletion) continue;
			const c = l.record;
			rows.push([
				...fields.map((f) => {
					const v = c[f];
					if (Array.isArray(v)) return v.join('; ');
					if (f === 'owner') return members.get(String(v)) ?? String(v ?? '');
					const s = String(v ?? '');
					return values[`${f}.${s}`] ?? s;
				}),
				new Date(c.createdAt).toISOString(),
				new Date(c.updatedAt).toISOString()
			]);
		}
		return toCsv(rows);
	}

	/** Waits until every update written so far is on disk, then closes the database. */
	async close(): Promise<void> {
		await this.#projSynced.catch(() => undefined);
		this.#stopSync();
		const db = (this.#persistence as unknown as { db: IDBDatabase | null } | null)?.db;
		if (db) {
			await new Promise<void>((resolve) => {
				const tx = db.transaction('updates', 'readonly');
				tx.oncomplete = tx.onabort = tx.onerror = () => resolve();
			});
		}
		if (this.#compactTimer) clearTimeout(this.#compactTimer);
		if (this.#retryTimer) clearTimeout(this.#retryTimer);
		await this.#persistence?.destroy();
		this.#awareness.destroy();
		this.doc.destroy();
	}
}

