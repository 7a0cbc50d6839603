// One Yjs document on this device: persisted with y-indexeddb (with failed writes reported
// and retried, and the log compacted when idle), and synced with one relay room. The
// workspace's main document and each activity partition are one DocHost each.
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { RelaySync } from '../sync/relay-sync';
import type { SyncStatus } from '../sync/status';
import type { StorageProblem } from './protocol';

/** Where the relay's last known state vector is kept (y-indexeddb's custom store). */
const RELAY_VECTOR_KEY = 'relayVector';

/** Update-log rows after which the log is folded into one (y-indexeddb uses the same). */
const COMPACT_ROWS = 500;

function isQuotaError(e: unknown): boolean {
	const name = (e as { name?: string } | null)?.name;
	return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

export interface HostSyncOptions {
	relayUrl: string;
	token: string;
	awareness?: Awareness;
	onStatus: (s: SyncStatus) => void;
	onSynced?: () => void;
}

export class DocHost {
	readonly doc: Y.Doc;
	#persistence: IndexeddbPersistence | null = null;
	#problem: StorageProblem | null = null;
	#retryTimer: ReturnType<typeof setTimeout> | null = null;
	#compactTimer: ReturnType<typeof setTimeout> | null = null;
	#sync: RelaySync | null = null;
	/** The relay's state vector as stored on this device. */
	#relayVector: Map<number, number> | null = null;
	#online = true;

	/**
	 * @param dbName the IndexedDB database of this document's update log
	 * @param room the relay room ("<workspace>" or "<workspace>/<part>")
	 * @param onProblem told when storing starts failing (with the problem) and when it works again (null)
	 */
	constructor(
		readonly dbName: string,
		readonly room: string,
		readonly onProblem: (p: StorageProblem | null) => void,
		readonly retryMs = 5000,
		readonly webSocket?: typeof WebSocket,
		doc?: Y.Doc
	) {
		this.doc = doc ?? new Y.Doc();
	}

	/** Loads the stored document; with `withRelayVector`, also what the relay was known to hold. */
	async open(withRelayVector: boolean): Promise<void> {
		const p = new IndexeddbPersistence(this.dbName, this.doc);
		this.#persistence = p;
		this.#guardWrites(p);
		await p.whenSynced;
		if (withRelayVector) this.#relayVector = await this.#loadRelayVector(p);
	}

	get syncing(): RelaySync | null {
		return this.#sync;
	}

	startSync(o: HostSyncOptions): RelaySync {
		this.stopSync();
		// Statuses from before construction returns are dropped; the caller reads `status`.
		let sync: RelaySync | null = null;
		sync = new RelaySync({
			doc: this.doc,
			workspaceId: this.room,
			relayUrl: o.relayUrl,
			token: o.token,
			WebSocketPolyfill: this.webSocket,
			awareness: o.awareness,
			relayVector: this.#relayVector ?? undefined,
			onRelayVector: (v) => this.#saveRelayVector(v),
			onStatus: (s) => {
				if (sync && this.#sync === sync) o.onStatus(s);
			},
			onSynced: o.onSynced
		});
		this.#sync = sync;
		if (!this.#online) sync.setOnline(false);
		return sync;
	}

	stopSync(): void {
		this.#sync?.destroy();
		this.#sync = null;
	}

	/** Stops syncing and forgets what the relay held: this copy is the device's own again. */
	forgetRelay(): void {
		this.stopSync();
		this.#relayVector = null;
		this.#persistence?.del(RELAY_VECTOR_KEY).catch(() => undefined);
	}

	setOnline(online: boolean): void {
		this.#online = online;
		this.#sync?.setOnline(online);
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
		if (!this.#problem) this.onProblem(problem);
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
				this.onProblem(null);
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

	/** Waits until every update written so far is on disk, then closes the database. */
	async close(): Promise<void> {
		this.stopSync();
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
		this.doc.destroy();
	}
}
