// Syncs one Y.Doc with the relay through the stock y-websocket provider, and keeps a typed
// status. Runs in the data worker (workers have WebSocket).
//
// Acknowledgement: after storing updates durably the relay sends this client a sync step 1
// carrying the state vector its store covers (the greeting on connect carries it too). Each
// local transaction is remembered by the clock it ended at; whatever a received vector covers is
// on the relay, the rest counts as "not yet on the relay". Step 1 messages are peeked at, then
// handed to the provider's own handler, which answers them as usual.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Awareness } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { refusalFor, syncEndpoint, type RefusalReason, type SyncStatus } from './status';

const MESSAGE_SYNC = 0;
/**
 * The provider drops a connection that received nothing for 30 s, and the relay's pings are
 * websocket frames a browser never surfaces. Asking for the relay's state now and then keeps an
 * idle connection alive (the relay answers with a small step 2).
 */
const KEEPALIVE_MS = 15_000;

export interface RelaySyncOptions {
	doc: Y.Doc;
	workspaceId: string;
	/** The relay's address, http(s)://host:port (or its ws(s)://host:port/sync endpoint). */
	relayUrl: string;
	token: string;
	onStatus: (status: SyncStatus) => void;
	/** Called once the first full exchange with the relay is done after connecting. */
	onSynced?: () => void;
	/** For Node tests (`ws`); browsers and workers have WebSocket. */
	WebSocketPolyfill?: typeof WebSocket;
	maxBackoffTime?: number;
	/**
	 * Presence to share. Keep one per document across reconnects: peers ignore a fresh
	 * awareness whose clock restarts below the one they last saw for this client.
	 */
	awareness?: Awareness;
	/**
	 * The relay's state vector as last seen (kept across reloads). Whatever the document holds
	 * beyond it counts as not yet on the relay, until the relay says otherwise.
	 */
	relayVector?: Map<number, number>;
	/** Called with the relay's state vector (merged with what came from it) when it is told. */
	onRelayVector?: (vector: Map<number, number>) => void;
}

export class RelaySync {
	readonly provider: WebsocketProvider;
	#doc: Y.Doc;
	#onStatus: (s: SyncStatus) => void;
	#onSynced: () => void;
	/** End clocks (of this doc's client id) of local transactions the relay has not covered. */
	#pending: number[] = [];
	/** What the relay is known to hold, by client id. */
	#relayVector = new Map<number, number>();
	/**
	 * Changes from before this sync started (an earlier session) the relay had not covered:
	 * the document's clock per client when syncing started, for clients beyond the relay's.
	 */
	#inherited = new Map<number, number>();
	#onRelayVector: (v: Map<number, number>) => void;
	#refused: RefusalReason | null = null;
	#online = true;
	/** No connection attempt failed since connecting was (re)started. */
	#fresh = true;
	#last = '';
	#keepalive: ReturnType<typeof setInterval>;
	#destroyed = false;

	constructor(o: RelaySyncOptions) {
		this.#doc = o.doc;
		this.#onStatus = o.onStatus;
		this.#onSynced = o.onSynced ?? (() => {});
		this.#onRelayVector = o.onRelayVector ?? (() => {});
		if (o.relayVector) {
			this.#relayVector = new Map(o.relayVector);
			for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(o.doc))) {
				if (clock > (this.#relayVector.get(client) ?? 0)) this.#inherited.set(client, clock);
			}
		}
		this.provider = new WebsocketProvider(syncEndpoint(o.relayUrl), o.workspaceId, o.doc, {
			params: { token: o.token },
			disableBc: true,
			...(o.awareness ? { awareness: o.awareness } : {}),
			maxBackoffTime: o.maxBackoffTime ?? 5000,
			...(o.WebSocketPolyfill ? { WebSocketPolyfill: o.WebSocketPolyfill } : {})
		});
		const p = this.provider;
		const handleSync = p.messageHandlers[MESSAGE_SYNC];
		p.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, provider, emitSynced, type) => {
			this.#peek(decoder);
			handleSync(encoder, decoder, provider, emitSynced, type);
		};
		o.doc.on('afterTransaction', this.#onTransaction);
		p.on('status', () => this.#emit());
		p.on('connection-close', () => {
			this.#fresh = false;
			queueMicrotask(() => this.#emit());
		});
		p.on('sync', (synced: boolean) => {
			this.#emit();
			if (synced) this.#onSynced();
		});
		p.on('closed', ({ code, reason }: { code: number; reason: string }) => {
			this.#refused = refusalFor(code, reason) ?? 'forbidden';
			p.disconnect();
			this.#emit();
		});
		this.#keepalive = setInterval(() => this.#ping(), KEEPALIVE_MS);
		this.#emit();
	}

	/** Local changes the relay has not acknowledged yet. */
	get pending(): number {
		let n = this.#pending.length;
		// Earlier sessions' changes are counted by clock: a sum of what the relay lacks.
		for (const [client, clock] of this.#inherited) n += clock - (this.#relayVector.get(client) ?? 0);
		return n;
	}

	get status(): SyncStatus {
		const p = this.provider;
		const pending = this.pending;
		if (this.#refused) return { state: 'refused', reason: this.#refused };
		if (!this.#online || !p.shouldConnect) return { state: 'offline', pending };
		if (p.wsconnected && !p.synced) return { state: 'connecting', pending };
		// After a failed attempt the provider retries with backoff: show that as offline rather
		// than flickering between the two.
		if (!p.wsconnected) return this.#fresh ? { state: 'connecting', pending } : { state: 'offline', pending };
		return pending ? { state: 'unacknowledged', pending } : { state: 'synced' };
	}

	/** The network came or went (the worker hears it from the page). */
	setOnline(online: boolean): void {
		if (online === this.#online || this.#destroyed) return;
		this.#online = online;
		if (this.#refused) return;
		// Waiting for the socket to time out would leave "Up to date" on screen for 30 s.
		this.#fresh = true;
		if (online) this.provider.connect();
		else this.provider.disconnect();
		this.#emit();
	}

	destroy(): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		clearInterval(this.#keepalive);
		this.#doc.off('afterTransaction', this.#onTransaction);
		this.provider.destroy();
	}

	#onTransaction = (tr: Y.Transaction) => {
		if (tr.origin === this.provider) {
			// What came from the relay is on the relay (only the clients it brought changes of).
			let grew = false;
			for (const [client, clock] of tr.afterState) {
				if (clock > (tr.beforeState.get(client) ?? 0) && clock > (this.#relayVector.get(client) ?? 0)) {
					this.#relayVector.set(client, clock);
					grew = true;
				}
			}
			// Kept at once, so a reload right after a teammate's edit does not count it as ours.
			if (grew) this.#onRelayVector(new Map(this.#relayVector));
			return;
		}
		if (!tr.local) return;
		const id = this.#doc.clientID;
		const after = tr.afterState.get(id) ?? 0;
		if (after > (tr.beforeState.get(id) ?? 0)) {
			this.#pending.push(after);
			this.#emit();
		}
	};

	/** Reads the relay's state vector out of a sync step 1 without consuming the message. */
	#peek(decoder: decoding.Decoder) {
		const d = decoding.clone(decoder);
		if (decoding.readVarUint(d) !== syncProtocol.messageYjsSyncStep1) return;
		const vector = Y.decodeStateVector(decoding.readVarUint8Array(d));
		const covered = vector.get(this.#doc.clientID) ?? 0;
		const before = this.pending;
		this.#pending = this.#pending.filter((clock) => clock > covered);
		for (const [client, clock] of vector) {
			if (clock > (this.#relayVector.get(client) ?? 0)) this.#relayVector.set(client, clock);
		}
		for (const [client, clock] of this.#inherited) {
			if ((this.#relayVector.get(client) ?? 0) >= clock) this.#inherited.delete(client);
		}
		this.#onRelayVector(new Map(this.#relayVector));
		if (this.pending !== before) queueMicrotask(() => this.#emit());
	}

	#ping() {
		const ws = this.provider.ws;
		if (!ws || !this.provider.wsconnected || ws.readyState !== 1) return;
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(e, this.#doc);
		ws.send(encoding.toUint8Array(e));
	}

	#emit() {
		if (this.#destroyed) return;
		const s = this.status;
		const key = JSON.stringify(s);
		if (key === this.#last) return;
		this.#last = key;
		this.#onStatus(s);
	}
}
