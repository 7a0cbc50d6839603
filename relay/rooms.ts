// Which rooms are in memory. A workspace has a main room, named by its id, and any number of
// sub-document rooms (a large collection kept in its own Y.Doc), named `<workspace id>/<part>`;
// each is a room of its own here (document, peers, store, acknowledgements, idle unloading);
// access is decided by the workspace alone (server.ts). A room loads when its first peer
// joins and unloads after it has had no peer for `idleMs`; a peer joining during an unload
// waits for the flush to finish and then loads the room afresh from the store.

import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';
import { Room, type Peer } from './room.js';
import type { Storage } from './storage.js';

/** The part of a sub-document room's name after the workspace id, e.g. `act-2026q3`. */
export const PART_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** The room a connection to `/sync/<workspace>[/<part>]` syncs. */
export function roomName(workspace: string, part?: string): string {
	return part === undefined ? workspace : `${workspace}/${part}`;
}

export interface RoomsOptions {
	storage: Storage;
	log: Logger;
	metrics: Metrics;
	flushDelayMs: number;
	idleMs: number;
	compactEvery: number;
}

export class Rooms {
	#loaded = new Map<string, Room>();
	#loading = new Map<string, Promise<Room>>();
	#unloading = new Map<string, Promise<void>>();
	#peers = new Map<string, Set<Peer & { ready(room: Room): void }>>();
	#idle = new Map<string, NodeJS.Timeout>();

	constructor(readonly options: RoomsOptions) {}

	/** Rooms in memory. */
	get loadedCount(): number {
		return this.#loaded.size;
	}

	/** The loaded room, if any (tests and metrics). */
	loaded(name: string): Room | undefined {
		return this.#loaded.get(name);
	}

	/** Peers joined or joining `name`. */
	count(name: string): number {
		return this.#peers.get(name)?.size ?? 0;
	}

	/** Add a peer to its room, loading the room if needed; the peer is told via `ready`. */
	async join(peer: Peer & { ready(room: Room): void }): Promise<void> {
		const name = peer.room;
		let peers = this.#peers.get(name);
		if (!peers) this.#peers.set(name, (peers = new Set()));
		peers.add(peer);
		this.#cancelIdle(name);
		const room = await this.#room(name);
		if (this.#peers.get(name)?.has(peer)) peer.ready(room);
	}

	/** Remove a peer; the room unloads once it stays empty. */
	leave(peer: Peer): void {
		const name = peer.room;
		const peers = this.#peers.get(name);
		if (!peers?.delete(peer as Peer & { ready(room: Room): void })) return;
		this.#loaded.get(name)?.detach(peer);
		if (peers.size === 0) {
			this.#peers.delete(name);
			this.#scheduleIdle(name);
		}
	}

	async #room(name: string): Promise<Room> {
		const loaded = this.#loaded.get(name);
		if (loaded) return loaded;
		let loading = this.#loading.get(name);
		if (!loading) {
			loading = this.#load(name);
			this.#loading.set(name, loading);
		}
		return loading;
	}

	async #load(name: string): Promise<Room> {
		const { storage, log, metrics, flushDelayMs, compactEvery } = this.options;
		try {
			await this.#unloading.get(name);
			const started = performance.now();
			const doc = await storage.load(name, (skipped, stored) =>
				log.error('room loaded without stored updates that cannot be applied', { room: name, skipped, stored })
			);
			const room = new Room({ name, doc, storage, log, metrics, flushDelayMs, compactEvery });
			this.#loaded.set(name, room);
			metrics.roomsLoaded += 1;
			log.info('room loaded', { room: name, ms: Math.round(performance.now() - started) });
			if (!this.#peers.has(name)) this.#scheduleIdle(name);
			return room;
		} finally {
			this.#loading.delete(name);
		}
	}

	#scheduleIdle(name: string): void {
		this.#cancelIdle(name);
		const timer = setTimeout(() => {
			this.#idle.delete(name);
			void this.#unload(name);
		}, this.options.idleMs);
		timer.unref();
		this.#idle.set(name, timer);
	}

	#cancelIdle(name: string): void {
		const timer = this.#idle.get(name);
		if (timer) {
			clearTimeout(timer);
			this.#idle.delete(name);
		}
	}

	async #unload(name: string): Promise<void> {
		const room = this.#loaded.get(name);
		if (!room || this.#peers.has(name)) return;
		this.#loaded.delete(name);
		const closing = room
			.close({ compact: true })
			.then(() => {
				this.options.metrics.roomsUnloaded += 1;
				this.options.log.info('room unloaded', { room: name });
			})
			.catch((err) => this.options.log.error('room unload failed', { room: name, error: err }))
			.finally(() => this.#unloading.delete(name));
		this.#unloading.set(name, closing);
		await closing;
	}

	/** Store every loaded room's queue (backups, shutdown). */
	async flushAll(): Promise<void> {
		await Promise.all([...this.#loaded.values()].map((room) => room.flush()));
	}

	/** Flush and release every room. */
	async closeAll(): Promise<void> {
		for (const timer of this.#idle.values()) clearTimeout(timer);
		this.#idle.clear();
		await Promise.allSettled([...this.#loading.values()]);
		const rooms = [...this.#loaded.values()];
		this.#loaded.clear();
		await Promise.all([...this.#unloading.values(), ...rooms.map((room) => room.close())]);
	}
}
