/// <reference path="./y-leveldb.d.ts" />
// The embedded store: y-leveldb (LevelDB) in `<dataDir>/store`, one document per room.
//
// Reads, loads and compaction go through y-leveldb. Appends do not: y-leveldb writes one
// update per call, each after reading the room's last key, in one queue for all rooms, which
// made acknowledgements wait behind each other under load. Here appends are group-committed:
// every update handed in while a batch is being written goes into the next batch, written
// with one LevelDB batch in y-leveldb's own key layout (['v1', room, 'update', clock], and
// ['v1_sv', room] for a new room) and — with fsync on — one fsync. The last clocks of rooms
// that the batch is the first to touch are read concurrently. A write resolves only once LevelDB has it (and the disk, with
// fsync), which is what the relay's acknowledgements rely on. LevelDB writes reach the kernel
// before they resolve, which alone survives `kill -9`.
//
// y-leveldb swallows errors inside its transactions (logs them, resolves null); every call
// here checks the result and throws instead. All operations run one at a time, so the cached
// clock of a room never races a y-leveldb call that rewrites the room's keys (trim, compact).

import path from 'node:path';
import * as encoding from 'lib0/encoding';
import { Level } from 'level';
import { getCurrentUpdateClock, getLevelUpdates, LeveldbPersistence } from 'y-leveldb';
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
type Append = {
	room: string;
	updates: readonly Uint8Array[];
	stateVector?: Uint8Array;
	resolve: () => void;
	reject: (err: unknown) => void;
};

const SYNC_KEY = ['rapport', 'fsync'];
const updateKey = (room: string, clock: number) => ['v1', room, 'update', clock];
const stateVectorKey = (room: string) => ['v1_sv', room];

const view = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * What y-leveldb stores under a new room's state-vector key: [clock of the room's last entry,
 * state vector]. The caller usually knows the vector (a room's document after `updates`);
 * otherwise it is read by applying `updates` to a scratch document, which for a large first
 * sync blocks the event loop.
 */
function firstStateVector(updates: readonly Uint8Array[], clock: number, known?: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, clock);
	if (known) {
		encoding.writeVarUint8Array(encoder, known);
		return encoding.toUint8Array(encoder);
	}
	const doc = new Y.Doc();
	try {
		Y.transact(doc, () => {
			for (const update of updates) Y.applyUpdate(doc, update);
		});
		encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
		return encoding.toUint8Array(encoder);
	} finally {
		doc.destroy();
	}
}

export class Storage {
	#clocks = new Map<string, number>();
	#exclusive: Promise<unknown> = Promise.resolve();
	#appends: Append[] = [];
	#committing = false;

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

	/** Run `fn` after every operation queued before it. */
	#serial<T>(fn: () => Promise<T>): Promise<T> {
		const run = this.#exclusive.then(fn);
		this.#exclusive = run.catch(() => {});
		return run;
	}

	/**
	 * The room's document as stored (empty for a new room). y-leveldb applies every stored update
	 * in one transaction and gives nothing if one of them cannot be applied (a damaged entry):
	 * then they are applied one by one, and `onSkipped` hears how many were left out, so one bad
	 * entry does not keep a whole room from loading.
	 */
	load(room: string, onSkipped?: (skipped: number, stored: number) => void): Promise<Y.Doc> {
		return this.#serial(async () => {
			this.#clocks.delete(room); // y-leveldb may merge the stored updates on load
			const doc = await this.persistence.getYDoc(room);
			if (doc) return doc;
			const updates: Uint8Array[] = await getLevelUpdates(this.db, room);
			const tolerant = new Y.Doc();
			let skipped = 0;
			for (const update of updates) {
				try {
					Y.applyUpdate(tolerant, update);
				} catch {
					skipped++;
				}
			}
			if (skipped === updates.length && updates.length > 0) {
				tolerant.destroy();
				throw new Error(`could not read room ${room} from the store`);
			}
			if (skipped > 0) onSkipped?.(skipped, updates.length);
			return tolerant;
		});
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

	/**
	 * Append updates to the room, one entry each, in order; resolves once they are stored (and
	 * synced, with fsync on). `stateVector`, if given, is the room's state vector once they are
	 * applied (used when they are the first stored for the room).
	 */
	store(room: string, updates: Uint8Array | readonly Uint8Array[], stateVector?: Uint8Array): Promise<void> {
		return new Promise((resolve, reject) => {
			this.#appends.push({ room, updates: updates instanceof Uint8Array ? [updates] : updates, stateVector, resolve, reject });
			if (!this.#committing) void this.#commitLoop();
		});
	}

	async #commitLoop(): Promise<void> {
		this.#committing = true;
		while (this.#appends.length > 0) {
			const batch = this.#appends;
			this.#appends = [];
			try {
				await this.#serial(() => this.#write(batch));
				for (const a of batch) a.resolve();
			} catch (err) {
				for (const a of batch) this.#clocks.delete(a.room);
				for (const a of batch) a.reject(err);
			}
		}
		this.#committing = false;
	}

	async #write(batch: Append[]): Promise<void> {
		// Rooms not written since they were loaded: read their last clocks all at once (one by
		// one, each read would wait a turn of a busy event loop: minutes for hundreds of rooms).
		const uncached = [...new Set(batch.map((a) => a.room))].filter((room) => !this.#clocks.has(room));
		const read = await Promise.all(uncached.map((room) => getCurrentUpdateClock(this.db, room)));
		/** The last clock of each room of the batch, as the batch goes. */
		const last = new Map(uncached.map((room, i) => [room, read[i]]));
		const ops: { type: 'put'; key: unknown; value: Uint8Array }[] = [];
		for (const { room, updates, stateVector } of batch) {
			let clock = last.get(room) ?? this.#clocks.get(room)!;
			if (clock === -1 && updates.length > 0) {
				// A new room: y-leveldb also records its state vector (as of its last entry here),
				// which lists the room.
				const sv = firstStateVector(updates, updates.length - 1, stateVector);
				ops.push({ type: 'put', key: stateVectorKey(room), value: Buffer.from(sv) });
			}
			for (const update of updates) {
				clock += 1;
				// A view, not a copy: LevelDB copies the bytes when it takes the batch.
				ops.push({ type: 'put', key: updateKey(room, clock), value: view(update) });
			}
			last.set(room, clock);
		}
		ops.push({ type: 'put', key: SYNC_KEY, value: Buffer.from([1]) });
		await this.db.batch(ops as never, { sync: this.fsync } as object);
		for (const [room, clock] of last) this.#clocks.set(room, clock);
	}

	/** Force every write so far to disk (no-op with fsync off). */
	sync(): Promise<void> {
		if (!this.fsync) return this.#serial(async () => {});
		return this.#serial(() => this.db.put(SYNC_KEY, Buffer.from([1]), { sync: true } as object));
	}

	/** Merge the room's stored updates into one (y-leveldb also does this on load past 500). */
	compact(room: string): Promise<void> {
		return this.#serial(async () => {
			this.#clocks.delete(room);
			await this.persistence.flushDocument(room);
		});
	}

	/** Names of every stored room. */
	roomNames(): Promise<string[]> {
		return this.#serial(async () => {
			const names: unknown = await this.persistence.getAllDocNames();
			if (!Array.isArray(names)) throw new Error('could not list the rooms in the store');
			return names;
		});
	}

	/** Delete every room. */
	clearAll(): Promise<void> {
		return this.#serial(async () => {
			this.#clocks.clear();
			await this.persistence.clearAll();
		});
	}

	async close(): Promise<void> {
		await this.sync();
		await this.#serial(() => this.persistence.destroy());
	}
}
