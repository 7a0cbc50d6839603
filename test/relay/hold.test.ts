// Held frames (presence, acknowledgements: connection.ts): they wait for the peer's next message
// and go out in the same write, before it; alone they go out within HOLD_MS; a close sends them
// first; they count towards the peer's unread output.

import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Connection, HOLD_MS, type ConnectionContext } from '../../relay/connection.js';
import { createLogger } from '../../relay/log.js';
import { Metrics } from '../../relay/metrics.js';

/** A socket that records what is written, and which writes went out together (one uncork). */
class FakeSocket extends EventEmitter {
	corked = 0;
	pending: string[] = [];
	writes: string[][] = [];
	writableNeedDrain = false;
	cork(): void {
		this.corked += 1;
	}
	uncork(): void {
		if (--this.corked === 0 && this.pending.length > 0) this.writes.push(this.pending.splice(0));
	}
	write(chunk: Buffer): boolean {
		this.pending.push(chunk.toString());
		if (this.corked === 0) this.writes.push(this.pending.splice(0));
		return true;
	}
}

function connection(limit = 1000): { conn: Connection; socket: FakeSocket } {
	const socket = new FakeSocket();
	const ws = Object.assign(new EventEmitter(), {
		readyState: WebSocket.OPEN,
		OPEN: WebSocket.OPEN,
		bufferedAmount: 0,
		_socket: socket,
		send: (message: Uint8Array) => socket.write(Buffer.from(`send:${Buffer.from(message).toString()}`)),
		close: () => socket.write(Buffer.from('close')),
		terminate: () => {}
	});
	const metrics = new Metrics();
	const context: ConnectionContext = {
		log: createLogger({ level: 'silent' }),
		metrics,
		rateLimit: { messagesPerSecond: 100, messageBurst: 100, bytesPerSecond: 1e6, byteBurst: 1e6 },
		buffer: { limit },
		maxQueuedBytes: 1e6,
		maxAwarenessBytes: 1e4
	};
	metrics.close();
	return { conn: new Connection(ws as unknown as WebSocket, 'w', 'w', 'm', 't', 'editor', context), socket };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('held frames', () => {
	it('go out with the next message to the peer, before it, in one write', async () => {
		const { conn, socket } = connection();
		conn.sendFrame(Buffer.from('presence'), true);
		conn.sendFrame(Buffer.from('ack'), true);
		await nextTurn();
		expect(socket.writes).toEqual([]);
		conn.sendFrame(Buffer.from('update'));
		conn.send(Buffer.from('answer'));
		await nextTurn();
		expect(socket.writes).toEqual([['presence', 'ack', 'update', 'send:answer']]);
	});

	it('go out alone within HOLD_MS when nothing else is sent', async () => {
		const { conn, socket } = connection();
		const sentAt = performance.now();
		conn.sendFrame(Buffer.from('presence'), true);
		await nextTurn();
		expect(socket.writes).toEqual([]);
		while (socket.writes.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
		expect(performance.now() - sentAt).toBeLessThan(HOLD_MS + 50);
		expect(socket.writes).toEqual([['presence']]);
	});

	it('go out for every holding connection, round after round, also when held again after going out early', async () => {
		const peers = Array.from({ length: 50 }, () => connection());
		const [first] = peers;
		for (const round of [1, 2, 3]) {
			for (const { conn } of peers) conn.sendFrame(Buffer.from(`presence-${round}`), true);
			first.conn.sendFrame(Buffer.from(`update-${round}`)); // takes the held frame along
			first.conn.sendFrame(Buffer.from(`ack-${round}`), true); // held again in the same round
			await new Promise((resolve) => setTimeout(resolve, HOLD_MS + 30));
		}
		expect(first.socket.writes.flat()).toEqual(
			[1, 2, 3].flatMap((round) => [`presence-${round}`, `update-${round}`, `ack-${round}`])
		);
		for (const { socket } of peers.slice(1)) {
			expect(socket.writes).toEqual([['presence-1'], ['presence-2'], ['presence-3']]);
			expect(socket.corked).toBe(0);
		}
	});

	it('are written before a close, dropped on terminate, and count as unread output', async () => {
		const { conn, socket } = connection(10);
		conn.sendFrame(Buffer.from('ack-1'), true);
		expect(conn.backlogged).toBe(false);
		conn.sendFrame(Buffer.from('presence-1'), true);
		expect(conn.backlogged).toBe(true);
		conn.close(1001, 'relay shutting down');
		await nextTurn();
		expect(socket.writes.flat()).toEqual(['ack-1', 'presence-1', 'close']);

		const other = connection();
		other.conn.sendFrame(Buffer.from('presence'), true);
		other.conn.terminate();
		await new Promise((resolve) => setTimeout(resolve, HOLD_MS + 20));
		expect(other.socket.writes).toEqual([]);
	});
});
