// One room's live document on the relay (a workspace's main document, or one of its
// sub-documents, see rooms.ts): the Y.Doc, its awareness (presence), the connected peers, and the write-behind queue that makes acknowledgements honest.
//
// Acknowledgement by state vector: an update a peer sends is applied and forwarded at once,
// and queued. Within `flushDelayMs` the queue is merged and written to the store (and
// fsynced); only then does every peer whose updates were in it get sync step 1 carrying the
// state vector taken when the queue was cut. That vector — the room's *durable* vector — is
// also what a newly connected peer is greeted with, so no vector the relay sends ever covers
// an update that a crash could lose.
//
// Back-pressure: a peer with more than its limit of output it has not read yet
// (`--max-buffered-bytes`, or its share of `--max-total-buffered-bytes`) is *behind*. The room
// stops sending it updates, presence and acknowledgements, and remembers the state vector the
// peer had been sent up to (the document's before the first update it missed). Once the peer
// has read everything queued for it, the room sends it one sync step 2 with what the document
// gained since that vector, everyone's presence (and the removal of whoever left), and the
// durable state vector if an acknowledgement was held back. So a peer that stops reading holds
// at most about its limit plus one message of the relay's memory, the other peers are not
// slowed by it, and it converges once it reads again. Each update and presence message is encoded and framed once
// for all of the room's peers (frame.ts).

import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { awarenessFrame, syncStep1Frame, updateFrame } from './frame.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';
import {
	CLOSE,
	encodeAwareness,
	encodeSyncStep1,
	encodeSyncStep2,
	validateAwareness,
	validateUpdate,
	type ClientMessage
} from './protocol.js';
import type { Storage } from './storage.js';
import type { Role } from './tokens.js';

/** What a room needs from a connection. */
export interface Peer {
	readonly id: number;
	/** The workspace: what the peer is authorised for. */
	readonly workspace: string;
	/** The room it syncs: the workspace id, or `<workspace id>/<part>` for a sub-document. */
	readonly room: string;
	readonly member: string;
	role: Role;
	/** Send one message to this peer. */
	send(message: Uint8Array): void;
	/**
	 * Send a message framed once for all recipients (frame.ts); with `hold` it may wait a little
	 * to go out with the peer's next message (presence, acknowledgements: connection.ts).
	 */
	sendFrame(frame: Buffer, hold?: boolean): void;
	/** More output waits for the peer than the relay holds for one: skip it for now. */
	readonly backlogged: boolean;
	/** Close the connection (a message of its could not be applied). */
	close(code: number, reason: string): void;
	/** Call `then` once the peer has taken everything sent to it so far. */
	whenDrained(then: () => void): void;
}

/** What a peer that is behind has missed. */
interface Lag {
	/** The document's state vector before the first update it was not sent (client → clock). */
	since: Map<number, number>;
	/** An acknowledgement was held back. */
	ack: boolean;
	/** Awareness clients removed meanwhile (their removal is sent with the catch-up). */
	removed: Set<number>;
}

export interface RoomOptions {
	name: string;
	doc: Y.Doc;
	storage: Storage;
	log: Logger;
	metrics: Metrics;
	flushDelayMs: number;
	/** Merge the room's stored updates after this many more are stored. */
	compactEvery: number;
}

const RETRY_MS = 1000;

/** A peer that controls no awareness client yet. */
const NO_CLIENTS: readonly number[] = Object.freeze([]);

/**
 * Updates forwarded and queued are applied to the room's document in batches (Room#settle): at
 * the latest this long after the first of a batch, or once this many wait, or as soon as the
 * document is read (a sync answer, a catch-up) or an update needs it.
 */
const SETTLE_MS = 1000;
const SETTLE_MAX = 256;

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;
/** Deleted clock ranges of one client, sorted and merged. */
type Deletions = readonly { clock: number; len: number }[];

/**
 * Whether applying `update` to `doc` would change nothing: it adds no structs, and every
 * deletion it carries is either in `pending` (deletions of updates not applied to `doc` yet,
 * see Room#settle) or of structs `doc` has and holds deleted. Skipping such an update spares
 * its application and its fan-out (a stock client answers every acknowledgement with one).
 * Anything else, including deletions of structs `doc` does not have yet, is applied as usual.
 */
function changesNothing(doc: Y.Doc, { structs, ds }: DecodedUpdate, pending: (client: number) => Deletions): boolean {
	if (structs.length > 0) return false;
	for (const [client, ranges] of ds.clients) {
		const covered = pending(client);
		for (const { clock, len } of ranges) {
			// The parts of [clock, clock + len) that `pending` does not delete (it is sorted and merged).
			let from = clock;
			const end = clock + len;
			for (const item of covered) {
				if (item.clock + item.len <= from) continue;
				if (item.clock >= end) break;
				if (item.clock > from && !deletedIn(doc, client, from, item.clock)) return false;
				from = Math.max(from, item.clock + item.len);
			}
			if (from < end && !deletedIn(doc, client, from, end)) return false;
		}
	}
	return true;
}

/** Whether `doc` has every struct of `client` from `clock` to `end` and holds it deleted. */
function deletedIn(doc: Y.Doc, client: number, clock: number, end: number): boolean {
	const known = doc.store.clients.get(client);
	if (!known) return false;
	const last = known[known.length - 1];
	if (last.id.clock + last.length < end) return false;
	for (let i = Y.findIndexSS(known, clock); i < known.length && known[i].id.clock < end; i++) {
		if (!known[i].deleted) return false;
	}
	return true;
}

/** One client's structs in an update: its first clock and the clock after its last struct. */
interface Run {
	client: number;
	start: number;
	end: number;
}

/**
 * The runs of `structs` if Yjs will integrate every one of them as it is into a document at
 * `state` (client → clock) with no pending structs: each client's structs start exactly at its
 * clock there (nothing already known, no gap), and every struct another client's struct refers
 * to (origin, right origin, parent) is there already. Then the update, as received, is exactly
 * what applying it adds (Yjs's integrateStructs integrates a struct exactly when those hold),
 * and it can be forwarded and stored as it is. Otherwise null.
 */
function exactRuns(state: (client: number) => number, structs: DecodedUpdate['structs']): Run[] | null {
	const runs: Run[] = [];
	let run: Run | null = null;
	const known = (id: Y.ID | null | string | Y.AbstractType<unknown>, own: number) =>
		!(id instanceof Y.ID) || id.client === own || id.clock < state(id.client);
	for (const struct of structs) {
		const { client, clock } = struct.id;
		if (struct instanceof Y.Skip) return null;
		if (run === null || run.client !== client) {
			if (runs.some((r) => r.client === client) || clock !== state(client)) return null;
			run = { client, start: clock, end: clock };
			runs.push(run);
		}
		if (struct instanceof Y.Item) {
			if (!known(struct.origin, client) || !known(struct.rightOrigin, client) || !known(struct.parent, client)) return null;
		}
		run.end = clock + struct.length;
	}
	return runs;
}

/** Add [clock, clock + len) to `ranges` (sorted and merged), keeping them so. */
function addRange(ranges: { clock: number; len: number }[], clock: number, len: number): void {
	let end = clock + len;
	// Usually the new range comes after all the others: look from the end.
	let lo = ranges.length;
	while (lo > 0 && ranges[lo - 1].clock + ranges[lo - 1].len >= clock) lo -= 1;
	let hi = lo;
	while (hi < ranges.length && ranges[hi].clock <= end) {
		clock = Math.min(clock, ranges[hi].clock);
		end = Math.max(end, ranges[hi].clock + ranges[hi].len);
		hi += 1;
	}
	ranges.splice(lo, hi - lo, { clock, len: end - clock });
}

/** A document's state vector (client → clock). */
const stateOf = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));

export class Room {
	readonly name: string;
	/** The document; the updates in #unapplied are not in it yet (read it through `doc`). */
	readonly #doc: Y.Doc;
	readonly awareness: awarenessProtocol.Awareness;
	/**
	 * Connected peers and the awareness client ids each one controls (usually one: a small array,
	 * replaced when it changes, costs a fraction of a Set per peer).
	 */
	readonly peers = new Map<Peer, readonly number[]>();
	#durableStateVector: Uint8Array;
	#queue: Uint8Array[] = [];
	#waiting = new Set<Peer>();
	#timer: NodeJS.Timeout | null = null;
	#flushing: Promise<void> = Promise.resolve();
	#storedSinceCompact = 0;
	#closed = false;
	/** The awareness update being applied, while it is (forwarded as it is). */
	#receivedAwareness: Uint8Array | null = null;
	/** Peers that are behind (see the top of this file). */
	#behind = new Map<Peer, Lag>();
	/** The room's state vector: the document's and the updates in #unapplied. */
	#sv: Map<number, number>;
	/** Updates forwarded and queued, not yet applied to the document (#settle), in order. */
	#unapplied: { update: Uint8Array; origin: Peer }[] = [];
	/** The deletions of #unapplied by client, sorted and merged. */
	#unappliedDeletes = new Map<number, { clock: number; len: number }[]>();
	#settleTimer: NodeJS.Timeout | null = null;

	constructor(readonly options: RoomOptions) {
		this.name = options.name;
		this.#doc = options.doc;
		this.#durableStateVector = Y.encodeStateVector(this.#doc);
		this.#sv = stateOf(this.#doc);
		this.awareness = new awarenessProtocol.Awareness(this.#doc);
		this.awareness.setLocalState(null);
		this.awareness.on('update', this.#onAwareness);
	}

	/** The room's document, with every update the room has forwarded applied. */
	get doc(): Y.Doc {
		this.#settle();
		return this.#doc;
	}

	/** The state vector covered by the store. */
	get durableStateVector(): Uint8Array {
		return this.#durableStateVector;
	}

	/** Updates applied but not yet stored. */
	get queued(): number {
		return this.#queue.length;
	}

	/** Greet a peer: our durable state vector, then everyone's presence. */
	attach(peer: Peer): void {
		this.peers.set(peer, NO_CLIENTS);
		peer.send(encodeSyncStep1(this.#durableStateVector));
		const states = this.awareness.getStates();
		if (states.size > 0) {
			peer.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])));
		}
	}

	/** Forget a peer and the presence it published. */
	detach(peer: Peer): void {
		const clients = this.peers.get(peer);
		this.peers.delete(peer);
		this.#waiting.delete(peer);
		this.#behind.delete(peer);
		if (clients && clients.length > 0) {
			awarenessProtocol.removeAwarenessStates(this.awareness, [...clients], null);
		}
	}

	/** Handle one parsed message from `peer`. Throws ProtocolError for bad payloads. */
	receive(peer: Peer, message: ClientMessage): void {
		switch (message.kind) {
			case 'sync-step-1': {
				const lag = this.#behind.get(peer);
				if (lag) {
					// Answered by the catch-up, from the older of the two vectors (a client missing
					// from a vector is at clock 0: nothing of it is there).
					const asked = Y.decodeStateVector(message.stateVector);
					for (const [client, clock] of lag.since) lag.since.set(client, Math.min(clock, asked.get(client) ?? 0));
					break;
				}
				peer.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)));
				break;
			}
			case 'update':
				if (peer.role === 'viewer') {
					this.#dropViewerUpdate(peer, message.update);
					return;
				}
				const decoded = validateUpdate(message.update);
				if (changesNothing(this.#doc, decoded, this.#pendingDeletes)) {
					// Typically a stock client's answer to an acknowledgement: its delete set.
					this.options.metrics.updatesUnchanged += 1;
					return;
				}
				this.#apply(peer, message.update, decoded);
				break;
			case 'awareness':
				validateAwareness(message.update);
				this.#receivedAwareness = message.update;
				try {
					awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, peer);
				} finally {
					this.#receivedAwareness = null;
				}
				break;
			case 'query-awareness': {
				if (this.#behind.has(peer)) break; // the catch-up carries everyone's presence
				const clients = [...this.awareness.getStates().keys()];
				peer.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)));
				break;
			}
		}
	}

	#dropped = new WeakMap<Peer, number>();

	#dropViewerUpdate(peer: Peer, update: Uint8Array): void {
		// A stock client answers our step 1 with an empty step 2 ([0, 0]); that is no write.
		if (update.length <= 2) return;
		this.options.metrics.viewerUpdatesDropped += 1;
		const n = (this.#dropped.get(peer) ?? 0) + 1;
		this.#dropped.set(peer, n);
		if (n === 1 || n % 100 === 0) {
			this.options.log.warn('viewer update dropped', {
				room: this.name,
				member: peer.member,
				connection: peer.id,
				bytes: update.length,
				droppedOnConnection: n
			});
		}
	}

	/**
	 * Take a checked update from `origin`: forward and queue what it adds. The common case
	 * (exactRuns against the room's state vector) is forwarded and stored as it came, and
	 * applied to the document later with others in one transaction (#settle): a Yjs transaction
	 * per update cost more than the rest of handling it. Anything else — already known or
	 * missing structs, or a document holding pending structs — is applied at once after the
	 * waiting ones, and forwarded and stored as Yjs encodes what it added.
	 */
	#apply(origin: Peer, update: Uint8Array, decoded: DecodedUpdate): void {
		const runs = this.#doc.store.pendingStructs
			? null
			: exactRuns((client) => this.#sv.get(client) ?? 0, decoded.structs);
		if (runs === null) {
			this.#settle();
			this.#doc.on('update', this.#onUpdate);
			try {
				Y.applyUpdate(this.#doc, update, origin);
			} finally {
				this.#doc.off('update', this.#onUpdate);
				this.#sv = stateOf(this.#doc);
			}
			return;
		}
		this.#accept(update, origin, () => new Map(this.#sv));
		for (const { client, end } of runs) this.#sv.set(client, end);
		this.#unapplied.push({ update, origin });
		for (const [client, ranges] of decoded.ds.clients) {
			let into = this.#unappliedDeletes.get(client);
			if (!into) this.#unappliedDeletes.set(client, (into = []));
			for (const { clock, len } of ranges) addRange(into, clock, len);
		}
		if (this.#unapplied.length >= SETTLE_MAX) this.#settle();
		else {
			this.#settleTimer ??= setTimeout(() => {
				this.#settleTimer = null;
				this.#settle();
			}, SETTLE_MS);
		}
	}

	/** The deletions of `client`'s structs that the document does not have yet (of #unapplied). */
	#pendingDeletes = (client: number): Deletions => this.#unappliedDeletes.get(client) ?? [];

	/**
	 * Apply the forwarded updates the document does not have yet, in one transaction. They were
	 * checked (exactRuns) to add exactly their structs; should one fail or the document end up
	 * elsewhere than the room's state vector says, that is logged, the sender closed, and the
	 * vector taken from the document from then on.
	 */
	#settle(): void {
		if (this.#settleTimer) {
			clearTimeout(this.#settleTimer);
			this.#settleTimer = null;
		}
		if (this.#unapplied.length === 0) return;
		const batch = this.#unapplied;
		this.#unapplied = [];
		this.#unappliedDeletes.clear();
		const failed: Peer[] = [];
		Y.transact(this.#doc, () => {
			for (const { update, origin } of batch) {
				try {
					Y.applyUpdate(this.#doc, update, origin);
				} catch (err) {
					failed.push(origin);
					this.options.log.error('forwarded update could not be applied', { room: this.name, connection: origin.id, error: err });
				}
			}
		});
		const { store } = this.#doc;
		const differs =
			store.pendingStructs !== null ||
			[...this.#sv].some(([client, clock]) => Y.getState(store, client) !== clock) ||
			[...store.clients.keys()].some((client) => !this.#sv.has(client));
		if (differs) {
			this.options.log.error('document differs from the updates forwarded', { room: this.name });
			this.#sv = stateOf(this.#doc);
		}
		for (const peer of failed) peer.close(CLOSE.protocolError, 'message could not be applied');
	}

	/** Yjs's encoding of what a transaction added (only listened to while #apply needs it). */
	#onUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction): void => {
		this.#accept(update, origin, () => transaction.beforeState);
	};

	/**
	 * `update` was applied: forward it to every other peer and queue it for the store; `before`
	 * gives the state vector before it, for a peer that falls behind now.
	 */
	#accept(update: Uint8Array, origin: unknown, before: () => Map<number, number>): void {
		this.options.metrics.updatesApplied += 1;
		let frame: Buffer | null = null;
		for (const peer of this.peers.keys()) {
			if (peer === origin || this.#behind.has(peer)) continue;
			if (peer.backlogged) this.#fallBehind(peer, before());
			else peer.sendFrame((frame ??= updateFrame(update)));
		}
		this.#queue.push(update);
		if (this.peers.has(origin as Peer)) this.#waiting.add(origin as Peer);
		this.#schedule(this.options.flushDelayMs);
	}

	#onAwareness = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		const controlled = this.peers.get(origin as Peer);
		if (controlled) {
			let ids = controlled;
			for (const id of added) if (!ids.includes(id)) ids = ids.concat(id);
			for (const id of updated) if (!ids.includes(id)) ids = ids.concat(id);
			if (removed.length > 0) ids = ids.filter((id) => !removed.includes(id));
			if (ids !== controlled) this.peers.set(origin as Peer, ids);
		}
		// A peer's presence update is forwarded as it came (already checked, and it changed
		// something); entries in it the relay found stale, receivers find stale too. Changes the
		// relay makes itself (a peer left, a state timed out) are encoded here.
		const frame = awarenessFrame(
			this.#receivedAwareness ??
				awarenessProtocol.encodeAwarenessUpdate(this.awareness, added.concat(updated, removed))
		);
		// Echoed to the sender too: a stock client reconnects after 30 s without any message.
		for (const peer of this.peers.keys()) {
			const lag = this.#behind.get(peer);
			if (lag) for (const id of removed) lag.removed.add(id);
			else if (peer.backlogged) this.#fallBehind(peer, new Map(this.#sv), removed);
			else peer.sendFrame(frame, true);
		}
	};

	/**
	 * Stop sending `peer` anything until it has read its backlog; `since`: the document as it was
	 * sent to it; `removed`: presence removals in the message it is not sent.
	 */
	#fallBehind(peer: Peer, since: Map<number, number>, removed: number[] = []): void {
		this.#behind.set(peer, { since: new Map(since), ack: false, removed: new Set(removed) });
		this.options.metrics.peersBehind += 1;
		peer.whenDrained(() => this.#catchUp(peer));
	}

	/** Send a peer that has read its backlog everything it missed, as one sync step 2. */
	#catchUp(peer: Peer): void {
		const lag = this.#behind.get(peer);
		if (!lag || this.#closed || !this.peers.has(peer)) return;
		this.#behind.delete(peer);
		this.options.metrics.catchUps += 1;
		peer.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(lag.since))));
		// Everyone's presence, and the removal of those who left meanwhile and did not come back.
		const clients = new Set([...lag.removed, ...this.awareness.getStates().keys()]);
		if (clients.size > 0) {
			const known = [...clients].filter((id) => this.awareness.meta.has(id));
			peer.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, known)));
		}
		if (lag.ack) peer.send(encodeSyncStep1(this.#durableStateVector));
	}

	#schedule(delay: number): void {
		if (this.#timer || this.#closed) return;
		this.#timer = setTimeout(() => {
			this.#timer = null;
			this.flush().catch(() => this.#schedule(RETRY_MS));
		}, delay);
	}

	/** Store everything queued so far, then acknowledge it. Flushes run one at a time. */
	flush(): Promise<void> {
		if (this.#timer) {
			clearTimeout(this.#timer);
			this.#timer = null;
		}
		const run = this.#flushing.then(() => this.#flushOnce());
		this.#flushing = run.catch(() => {});
		return run;
	}

	async #flushOnce(): Promise<void> {
		if (this.#queue.length === 0) return;
		const { storage, metrics, log } = this.options;
		const batch = this.#queue;
		const waiting = this.#waiting;
		// Everything the room's state vector covers is in `batch` or already stored.
		const stateVector = Y.encodeStateVector(this.#sv);
		this.#queue = [];
		this.#waiting = new Set();
		try {
			// The room's document was loaded from the store: the vector cut with the batch is the
			// store's once the batch is in (what a new room's first entry records). The updates are
			// stored as they are, one entry each, in one write (merging them cost more CPU than
			// the rest of the flush; compaction merges them later).
			await storage.store(this.name, batch, stateVector);
		} catch (err) {
			metrics.flushErrors += 1;
			log.error('store failed; will retry', { room: this.name, updates: batch.length, error: err });
			this.#queue = batch.concat(this.#queue);
			for (const peer of waiting) this.#waiting.add(peer);
			throw err;
		}
		metrics.flushes += 1;
		metrics.updatesStored += batch.length;
		for (const update of batch) metrics.bytesStored += update.length;
		this.#durableStateVector = stateVector;
		let ack: Buffer | null = null;
		for (const peer of waiting) {
			if (!this.peers.has(peer)) continue;
			const lag = this.#behind.get(peer);
			if (lag) lag.ack = true;
			else peer.sendFrame((ack ??= syncStep1Frame(stateVector)), true);
			metrics.acksSent += 1;
		}
		this.#storedSinceCompact += batch.length;
		if (this.#storedSinceCompact >= this.options.compactEvery) {
			this.#storedSinceCompact = 0;
			await storage.compact(this.name);
		}
	}

	/**
	 * Flush and release the document (the room is being unloaded or the relay stops). An idle
	 * unload also merges the room's stored updates, while nobody waits on the room.
	 */
	async close({ compact = false }: { compact?: boolean } = {}): Promise<void> {
		try {
			await this.flush();
			if (compact && this.#storedSinceCompact > 0) await this.options.storage.compact(this.name);
		} finally {
			// Even if the store failed: nothing unacknowledged is lost, clients send it again.
			this.#closed = true;
			this.#settle();
			this.awareness.off('update', this.#onAwareness);
			this.awareness.destroy();
			this.#doc.destroy();
		}
	}
}
