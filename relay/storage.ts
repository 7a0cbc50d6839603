// The embedded store: y-leveldb (LevelDB) in `<dataDir>/store`, one document per room.
//
// y-leveldb swallows errors inside its transactions (it logs them and resolves null), so
// every call here checks the result and throws instead: the relay must never acknowledge
// an update whose write failed. LevelDB writes reach the kernel before they resolve, which
// is what survives `kill -9`; with `fsync` on, `sync()` also forces them to disk (one synced
// write covers every earlier write in the log, so concurrent flushes share one fsync).

import path from 'node:path';
import { Level } from 'level';
import { LeveldbPersistence } from 'y-leveldb';
import * as Y from 'yjs';

export const STORE_DIR = 'store';

/** The store is open in another process (normally: the relay is running on this data dir). */
export class StoreLockedError extends Error {
	constructor(dir: string) {
		super(`the store in ${dir} is in use by another process (is the relay running on this data directory?)`);
		this.name = 'StoreLockedError';
	}
}

type Db = Level<unknown, Uint8Array>;

const SYNC_KEY = ['rapport', 'fsync'];

export class Storage {
	#syncing: Promise<void> | null = null;
	#syncQueued: Promise<void> | null = null;

	private constructor(
		readonly dir: string,
		readonly fsync: boolean,
		private readonly persistence: LeveldbPersistence,
		private readonly db: Db
	) {}

	/** Open (creating if needed) the store in `<dataDir>/store`. Throws StoreLockedError. */
	static async open({ dataDir, fsync = true }: { dataDir: string; fsync?: boolean }): Promise<Storage> {
		const dir = path.join(dataDir, STORE_DIR);
		let db: Db | null = null;
		class CapturedLevel extends Level<unknown, Uint8Array> {
			constructor(location: string, options: object) {
				super(location, options);
				db = this;
			}
		}
		const persistence = new LeveldbPersistence(dir, { Level: CapturedLevel });
		const opened = db as Db | null;
		if (!opened) throw new Error('y-leveldb did not create its database');
		try {
			await opened.open();
		} catch (err) {
			const cause = (err as { cause?: { code?: string } }).cause;
			if (cause?.code === 'LEVEL_LOCKED') throw new StoreLockedError(dir);
			throw err;
		}
		return new Storage(dir, fsync, persistence, opened);
	}

	/** The room's document as stored (empty for a new room). */
	async load(room: string): Promise<Y.Doc> {
		const doc = await this.persistence.getYDoc(room);
		if (!doc) throw new Error(`could not read room ${room} from the store`);
		return doc;
	}

	/** The room's whole state as one update. */
	async readState(room: string): Promise<Uint8Array> {
		const doc = await this.load(room);
		try {
			return Y.encodeStateAsUpdate(doc);
		} finally {
			doc.destroy();
		}
	}

	/** Append an update to the room; resolves once LevelDB accepted the write. */
	async store(room: string, update: Uint8Array): Promise<void> {
		const clock: unknown = await this.persistence.storeUpdate(room, update);
		if (typeof clock !== 'number') throw new Error(`could not store an update of room ${room}`);
	}

	/** Force every write so far to disk (no-op with fsync off). Concurrent callers share one fsync. */
	sync(): Promise<void> {
		if (!this.fsync) return Promise.resolve();
		if (this.#syncQueued) return this.#syncQueued;
		if (!this.#syncing) return this.#startSync();
		// A sync is running but may have started before our writes: queue one more after it.
		const queued = this.#syncing.catch(() => {}).then(() => {
			this.#syncQueued = null;
			return this.#startSync();
		});
		this.#syncQueued = queued;
		return queued;
	}

	#startSync(): Promise<void> {
		const run = this.db.put(SYNC_KEY, Buffer.from([1]), { sync: true } as object).finally(() => {
			if (this.#syncing === run) this.#syncing = null;
		});
		this.#syncing = run;
		return run;
	}

	/** Merge the room's stored updates into one (y-leveldb also does this on load past 500). */
	async compact(room: string): Promise<void> {
		await this.persistence.flushDocument(room);
	}

	/** Names of every stored room. */
	async roomNames(): Promise<string[]> {
		const names: unknown = await this.persistence.getAllDocNames();
		if (!Array.isArray(names)) throw new Error('could not list the rooms in the store');
		return names;
	}

	/** Replace the room's stored state with `state` (restore). */
	async replace(room: string, state: Uint8Array): Promise<void> {
		await this.persistence.clearDocument(room);
		await this.store(room, state);
	}

	/** Delete every room. */
	async clearAll(): Promise<void> {
		await this.persistence.clearAll();
	}

	async close(): Promise<void> {
		await this.sync();
		await this.persistence.destroy();
	}
}
