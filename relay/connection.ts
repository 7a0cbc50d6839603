// One authenticated websocket: frames in (checked, rate-limited, queued until the room has
// loaded), messages out (corked until the event loop is idle; a peer with more than
// its share of unread output (`buffer.limit`) is skipped by its room and caught up once it has read, see room.ts).
// Presence and acknowledgements may be *held* up to HOLD_MS so that they go out in the same
// write as the peer's next update instead of a system call of their own.

import type { Duplex } from 'node:stream';
import WebSocket from 'ws';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';
import { CLOSE, parseClientMessage, ProtocolError } from './protocol.js';
import { RateLimiter, type RateLimit } from './rate-limit.js';
import type { Peer, Room } from './room.js';
import type { Role } from './tokens.js';

export interface ConnectionContext {
	log: Logger;
	metrics: Metrics;
	rateLimit: RateLimit;
	/**
	 * Outgoing bytes a peer may leave unread before its room stops sending it updates: shared
	 * by every connection and kept up to date by the server (its share of the total budget).
	 */
	buffer: { limit: number };
	/** Incoming bytes held while the room loads. */
	maxQueuedBytes: number;
	/** Largest awareness update; a larger one closes the connection (the room never sees it). */
	maxAwarenessBytes: number;
}

let nextId = 1;

export class Connection implements Peer {
	readonly id = nextId++;
	/** Set by pongs and frames; the ping sweep terminates peers that stay silent. */
	alive = true;
	#room: Room | null = null;
	#queue: Uint8Array[] = [];
	#inbox: Uint8Array[] = [];
	#queuedBytes = 0;
	#closed = false;
	#limiter: RateLimiter;
	#resumeTimer: NodeJS.Timeout | null = null;
	/**
	 * Frames held back (sendFrame with `hold`), in the order they were sent; null when none (the
	 * usual state: an array is made for each hold, of the size it needs, not kept between holds).
	 */
	#held: Buffer[] | null = null;
	#heldBytes = 0;
	/** In `holding`: the hold timer will write what this connection holds then. */
	#holdListed = false;
	/** The socket, while corked until the event loop is idle (listed in `corked`). */
	#corkedSocket: Duplex | null = null;

	constructor(
		readonly ws: WebSocket,
		readonly workspace: string,
		readonly room: string,
		readonly member: string,
		readonly tokenId: string,
		public role: Role,
		readonly context: ConnectionContext
	) {
		this.#limiter = new RateLimiter(context.rateLimit);
		ws.on('message', (data, isBinary) => this.#onFrame(data, isBinary));
		ws.on('pong', () => {
			this.alive = true;
		});
		ws.on('close', () => {
			this.#closed = true;
			if (this.#resumeTimer) clearTimeout(this.#resumeTimer);
			this.#dropHeld();
		});
		ws.on('error', (err) => {
			// ws closes the socket itself (e.g. 1009 for an oversized frame); note why.
			const code = (err as { code?: string }).code;
			context.log.info('connection error', { room, connection: this.id, error: err.message, reason: code });
			if (code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') context.metrics.countClose(CLOSE.tooBig);
			else context.metrics.countClose(CLOSE.protocolError);
		});
	}

	get closed(): boolean {
		return this.#closed;
	}

	/** The room has loaded: greet the peer and process what arrived meanwhile. */
	ready(room: Room): void {
		if (this.#closed) return;
		this.#room = room;
		room.attach(this);
		const queued = this.#queue;
		this.#queue = [];
		for (const frame of queued) {
			if (this.#closed) return;
			this.#handle(frame);
		}
	}

	/** Send one message (a greeting, an answer, an acknowledgement). */
	send(message: Uint8Array): void {
		if (this.#closed || this.ws.readyState !== WebSocket.OPEN) return;
		this.context.metrics.messagesOut += 1;
		this.context.metrics.bytesOut += message.length;
		this.#corkUntilIdle();
		this.writeHeld();
		this.ws.send(message);
	}

	/**
	 * Send a message already framed (frame.ts), shared by every recipient. Written straight to
	 * the socket: ws queues nothing of its own here (no compression, no blobs), so the order of
	 * everything sent to the peer is kept. With `hold` (presence, acknowledgements) the frame
	 * waits until something else is sent to the peer, at most HOLD_MS, and goes out in the same
	 * write; held frames always go out before anything sent after them.
	 */
	sendFrame(frame: Buffer, hold = false): void {
		if (this.#closed || this.ws.readyState !== WebSocket.OPEN) return;
		const socket = socketOf(this.ws);
		if (!socket) return;
		this.context.metrics.messagesOut += 1;
		this.context.metrics.bytesOut += frame.length;
		if (hold) {
			if (this.#held) this.#held.push(frame);
			else this.#held = [frame];
			this.#heldBytes += frame.length;
			if (!this.#holdListed) {
				// Written when the hold timer fires, unless something else sent to the peer takes it first.
				this.#holdListed = true;
				holding.add(this);
				holdTimer ??= setTimeout(writeHolding, HOLD_MS);
			}
			return;
		}
		this.#corkUntilIdle();
		this.writeHeld();
		socket.write(frame);
	}

	/** Write the held frames now (before whatever is sent next). */
	writeHeld(): void {
		const held = this.#held;
		if (!held) return;
		this.#dropHeld();
		const socket = socketOf(this.ws);
		if (this.#closed || this.ws.readyState !== WebSocket.OPEN || !socket) return;
		this.#corkUntilIdle();
		for (const frame of held) socket.write(frame);
	}

	/** The hold timer fired (writeHolding): write what is held, if anything still is. */
	holdTimeUp(): void {
		this.#holdListed = false;
		this.writeHeld();
	}

	#dropHeld(): void {
		this.#held = null;
		this.#heldBytes = 0;
	}

	/**
	 * Cork the socket until the event loop has handled every ready event (see `corked`), so that
	 * everything sent to the peer meanwhile goes out in one write.
	 */
	#corkUntilIdle(): void {
		if (this.#corkedSocket) return;
		const socket = socketOf(this.ws);
		if (!socket) return;
		socket.cork();
		this.#corkedSocket = socket;
		corked.add(this);
		if (corked.size === 1) setImmediate(uncorkAll);
	}

	/** The event loop is idle (uncorkAll): hand what was written to the kernel. */
	uncork(): void {
		const socket = this.#corkedSocket;
		this.#corkedSocket = null;
		socket?.uncork();
	}

	/** More than the buffer limit sent (or held) and not yet taken by the peer. */
	get backlogged(): boolean {
		return this.ws.bufferedAmount + this.#heldBytes > this.context.buffer.limit;
	}

	/** Call `then` once everything sent so far has been handed to the kernel (never if it closes). */
	whenDrained(then: () => void): void {
		const check = (): void => {
			if (this.#closed || this.ws.readyState !== WebSocket.OPEN) return;
			const socket = socketOf(this.ws);
			if (!socket || (this.ws.bufferedAmount === 0 && !this.#held)) then();
			else if (socket.writableNeedDrain) socket.once('drain', check);
			// Buffered below the stream's high-water mark: no 'drain' will come; look again soon.
			else setTimeout(check, DRAIN_POLL_MS).unref();
		};
		check();
	}

	/** Close with a code and a reason the client can read. */
	close(code: number, reason: string): void {
		if (this.#closed) return;
		this.writeHeld(); // e.g. the acknowledgements of the last flush before a shutdown
		this.#closed = true;
		this.context.metrics.countClose(code);
		this.context.log.info('connection closed by relay', {
			room: this.room,
			member: this.member,
			connection: this.id,
			closeCode: code,
			reason
		});
		this.ws.close(code, reason.slice(0, 120));
	}

	/** Drop the TCP connection without a closing handshake (dead or hopelessly slow peers). */
	terminate(): void {
		this.#closed = true;
		this.#dropHeld();
		this.ws.terminate();
	}

	#onFrame(data: WebSocket.RawData, isBinary: boolean): void {
		if (this.#closed) return;
		this.alive = true;
		const frame = toBytes(data);
		const { metrics } = this.context;
		metrics.messagesIn += 1;
		metrics.bytesIn += frame.length;
		if (!isBinary) {
			this.close(CLOSE.unsupportedData, 'text frames are not part of the protocol');
			return;
		}
		if (this.#inbox.length === 0 && !this.#resumeTimer) {
			this.#take(frame); // the usual case: nothing waits, take it at once
			return;
		}
		// Frames that arrive while paused (already read in the same TCP chunk) wait their turn.
		this.#inbox.push(frame);
		this.#pump();
	}

	#pump(): void {
		while (this.#inbox.length > 0 && !this.#resumeTimer && !this.#closed) this.#take(this.#inbox.shift()!);
	}

	/** Count a frame against the rate limit, handle it, and pause the socket if it went over. */
	#take(frame: Uint8Array): void {
		const wait = this.#limiter.take(frame.length);
		this.#dispatch(frame);
		if (wait > 0 && !this.#closed) {
			this.context.metrics.rateLimited += 1;
			this.ws.pause();
			this.#resumeTimer = setTimeout(() => {
				this.#resumeTimer = null;
				this.ws.resume();
				this.#pump();
			}, wait);
		}
	}

	#dispatch(frame: Uint8Array): void {
		if (this.#room) {
			this.#handle(frame);
			return;
		}
		this.#queuedBytes += frame.length;
		if (this.#queuedBytes > this.context.maxQueuedBytes) {
			this.close(CLOSE.policyViolation, 'too much data sent before the room was ready');
			return;
		}
		this.#queue.push(frame);
	}

	#handle(frame: Uint8Array): void {
		try {
			const message = parseClientMessage(frame);
			const { maxAwarenessBytes } = this.context;
			if (message.kind === 'awareness' && message.update.length > maxAwarenessBytes) {
				throw new ProtocolError(`awareness update larger than ${maxAwarenessBytes} bytes`, CLOSE.tooBig);
			}
			this.#room!.receive(this, message);
		} catch (err) {
			if (err instanceof ProtocolError) {
				this.close(err.closeCode, err.message);
			} else {
				this.context.log.error('message could not be applied', {
					room: this.room,
					connection: this.id,
					error: err
				});
				this.close(CLOSE.protocolError, 'message could not be applied');
			}
		}
	}
}

/**
 * A list of connections that is emptied and filled again many times a second: an array kept
 * at its largest size (at most one slot per open connection) instead of a Set, which allocated
 * its hash table anew each time (clear() drops it) — under load thousands of entries several
 * times a second, the larger tables straight in V8's old generation, which then let the heap
 * grow to about four times the live data. Entries are unique by a flag on the connection.
 */
class ConnectionList {
	#items: (Connection | undefined)[] = [];
	#size = 0;

	get size(): number {
		return this.#size;
	}

	add(conn: Connection): void {
		this.#items[this.#size++] = conn;
	}

	/**
	 * Empty the list, calling `fn` with each connection (including those added meanwhile); should
	 * `fn` throw, the others are still called and the first error is thrown at the end.
	 */
	drain(fn: (conn: Connection) => void): void {
		let failed: { error: unknown } | null = null;
		for (let i = 0; i < this.#size; i++) {
			const conn = this.#items[i]!;
			this.#items[i] = undefined;
			try {
				fn(conn);
			} catch (error) {
				failed ??= { error };
			}
		}
		this.#size = 0;
		if (failed) throw failed.error;
	}
}

/**
 * Connections whose socket was written to since the event loop last went idle. Writes to a
 * corked socket are held and then handed to the kernel together (one writev, one TCP segment),
 * once every I/O event that was ready has been handled. Under light load that is at once; under
 * heavy load a peer gets several messages per turn, and batching them is what keeps the relay's
 * cost per message (mostly system calls) from growing with the load.
 */
const corked = new ConnectionList();

const DRAIN_POLL_MS = 50;

/**
 * How long a held frame (presence, an acknowledgement) waits at most for another message to the
 * same peer. A peer of a busy room gets an update every few tens of milliseconds, so most held
 * frames go out with one instead of costing a system call (and a TCP segment) of their own.
 */
export const HOLD_MS = 100;

/**
 * Connections that held a frame since the hold timer last fired, and the timer that writes out
 * what they still hold (a connection whose held frames went out earlier, with another message,
 * stays listed until then and has nothing to write).
 */
const holding = new ConnectionList();
let holdTimer: NodeJS.Timeout | null = null;

function writeHolding(): void {
	holdTimer = null;
	holding.drain((conn) => conn.holdTimeUp());
}

/** The TCP (or TLS) socket under a websocket; ws keeps it in a private field. */
function socketOf(ws: WebSocket): Duplex | undefined {
	return (ws as unknown as { _socket?: Duplex })._socket;
}

function uncorkAll(): void {
	corked.drain((conn) => conn.uncork());
}

function toBytes(data: WebSocket.RawData): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data);
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return data;
}
