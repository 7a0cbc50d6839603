// Bad input and resource limits: malformed-frame fuzzing, message size, unknown types,
// rate limiting, connections per room, per address and in all, awareness size, idle
// unloading and dead-peer detection.

import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { resolveOptions } from '../../relay/config.js';
import { prng, rawSocket, startTestRelay, stockClient, synced, waitFor, type TestClient, type TestRelay } from './helpers.js';

let t: TestRelay | null = null;
let clients: TestClient[] = [];

afterEach(async () => {
	for (const c of clients) c.destroy();
	clients = [];
	await t?.close();
	t = null;
});

const W = 'team-limits';

function message(write: (e: encoding.Encoder) => void): Uint8Array {
	const e = encoding.createEncoder();
	write(e);
	return encoding.toUint8Array(e);
}

const syncMessage = (syncType: number, payload: Uint8Array) =>
	message((e) => {
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint(e, syncType);
		encoding.writeVarUint8Array(e, payload);
	});

/** Send one frame on a fresh connection; 'accepted' if the relay answered a ping after it. */
async function probe(url: string, frame: Uint8Array | string): Promise<'accepted' | { code: number; reason: string }> {
	const sock = rawSocket(url);
	await sock.opened;
	await waitFor(() => sock.messages.length > 0, 'the greeting');
	const pong = new Promise<'accepted'>((resolve) => sock.ws.once('pong', () => resolve('accepted')));
	sock.ws.send(frame);
	sock.ws.ping();
	const result = await Promise.race([pong, sock.closed]);
	if (result === 'accepted') {
		sock.ws.close();
		await sock.closed;
	}
	return result;
}

async function seedRoom(relay: TestRelay): Promise<TestClient> {
	const owner = stockClient(relay.relay.syncUrl, W, relay.token(W, 'owner'));
	clients.push(owner);
	await synced(owner);
	owner.doc.transact(() => {
		for (let i = 0; i < 50; i++) owner.doc.getMap('customers').set(`c${i}`, { name: `客户${i}`, tier: 'A' });
		owner.doc.getText('notes').insert(0, 'hello');
	});
	await waitFor(() => relay.relay.rooms.loaded(W)?.doc.getMap('customers').size === 50, 'the seed data');
	return owner;
}

describe('relay limits and bad input', () => {
	it('survives thousands of malformed, truncated and oversized frames, closing only the sender', { timeout: 60000 }, async () => {
		t = await startTestRelay({ maxMessageBytes: 256 * 1024 });
		const owner = await seedRoom(t);
		const room = t.relay.rooms.loaded(W)!;
		// What the room must equal afterwards: its state plus whatever frames the relay accepted
		// (a random mutation can be a well-formed update), applied the stock way.
		const shadow = new Y.Doc();
		Y.applyUpdate(shadow, Y.encodeStateAsUpdate(room.doc));

		const scratch = new Y.Doc();
		Y.applyUpdate(scratch, Y.encodeStateAsUpdate(room.doc));
		let update: Uint8Array = new Uint8Array();
		scratch.once('update', (u: Uint8Array) => (update = u));
		scratch.getMap('customers').set('fuzz', { note: '模糊测试 fuzz' });
		const awareness = new awarenessProtocol.Awareness(scratch);
		awareness.setLocalState({ user: { name: 'Fuzz', color: '#123456' }, viewing: 'c1' });
		const valid = [
			syncMessage(2, update),
			syncMessage(1, update),
			syncMessage(0, Y.encodeStateVector(scratch)),
			message((e) => {
				encoding.writeVarUint(e, 1);
				encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [scratch.clientID]));
			})
		];
		awareness.destroy();

		const rand = prng(7);
		const pick = (n: number) => Math.floor(rand() * n);
		const bytes = (n: number) => Uint8Array.from({ length: n }, () => pick(256));
		const varUint = (n: number) => message((e) => encoding.writeVarUint(e, n));
		const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
		const frames: (Uint8Array | string)[] = [];
		for (let i = 0; i < 2500; i++) {
			const base = valid[pick(valid.length)];
			switch (i % 10) {
				case 0:
					frames.push(bytes(pick(48)));
					break;
				case 1:
					frames.push(base.slice(0, 1 + pick(base.length - 1)));
					break;
				case 2: {
					const flipped = base.slice();
					flipped[pick(flipped.length)] ^= 1 << pick(8);
					frames.push(flipped);
					break;
				}
				case 3:
					frames.push(concat(varUint(4 + pick(100000)), bytes(pick(16))));
					break;
				case 4:
					frames.push(concat(varUint(0), varUint(3 + pick(1000)), bytes(pick(16))));
					break;
				case 5:
					frames.push(
						concat(
							varUint(pick(2)),
							pick(2) === 0 ? varUint(2) : new Uint8Array(),
							varUint(2 ** 31 + pick(2 ** 40)),
							bytes(pick(16))
						)
					);
					break;
				case 6: {
					const n = pick(64);
					frames.push(concat(varUint(0), varUint(pick(3)), varUint(n), bytes(n)));
					break;
				}
				case 7:
					frames.push(concat(base, bytes(1 + pick(8))));
					break;
				case 8:
					frames.push(i % 20 === 8 ? 'text frame' : concat(varUint(1), varUint(8), bytes(8)));
					break;
				default:
					frames.push(i % 500 === 9 ? new Uint8Array(300 * 1024) : bytes(1 + pick(8)));
			}
		}

		const url = `${t.relay.syncUrl}/${W}?token=${t.token(W, 'editor', 'fuzzer')}`;
		const codes = new Map<number, number>();
		let accepted = 0;
		let next = 0;
		const worker = async () => {
			while (next < frames.length) {
				const frame = frames[next++];
				const result = await probe(url, frame);
				if (result === 'accepted') {
					accepted += 1;
					if (typeof frame !== 'string' && frame[0] === 0) {
						const decoder = decoding.createDecoder(frame);
						decoding.readVarUint(decoder);
						syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), shadow, null);
					}
				} else {
					codes.set(result.code, (codes.get(result.code) ?? 0) + 1);
				}
			}
		};
		await Promise.all(Array.from({ length: 6 }, worker));

		expect([...codes.keys()].sort()).toEqual([1002, 1003, 1009]);
		expect(accepted).toBeLessThan(frames.length / 10);
		const health = await fetch(`${t.relay.origin}/healthz`).then((r) => r.json());
		expect(health).toMatchObject({ ok: true, rooms: 1 });
		const metrics = await fetch(`${t.relay.origin}/metrics`).then((r) => r.json());
		expect(metrics.closes['1002']).toBe(codes.get(1002));
		expect(metrics).toMatchObject({ rooms: 1, connections: 1 });
		expect(metrics.memory.rss).toBeGreaterThan(0);
		expect(Y.encodeStateAsUpdate(room.doc)).toEqual(Y.encodeStateAsUpdate(shadow));
		// The honest client never noticed, and the store holds exactly the room.
		owner.doc.getMap('customers').set('after', true);
		await waitFor(() => room.doc.getMap('customers').get('after') === true, 'the owner to still sync');
		expect(owner.provider.wsconnected).toBe(true);
		await room.flush();
		const stored = new Y.Doc();
		Y.applyUpdate(stored, await t.relay.storage.readState(W));
		expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(room.doc));

		// As a viewer, even well-formed writes are dropped: the room stays byte-identical.
		const before = Y.encodeStateAsUpdate(room.doc);
		const viewerUrl = `${t.relay.syncUrl}/${W}?token=${t.token(W, 'viewer')}`;
		for (const frame of frames.slice(0, 300)) await probe(viewerUrl, frame);
		expect(Y.encodeStateAsUpdate(room.doc)).toEqual(before);
	});

	it('closes with 1009 above the message size limit and 1003 for unknown message types', async () => {
		t = await startTestRelay({ maxMessageBytes: 64 * 1024 });
		await seedRoom(t);
		const url = `${t.relay.syncUrl}/${W}?token=${t.token(W, 'editor')}`;
		expect(await probe(url, syncMessage(2, new Uint8Array(100 * 1024)))).toMatchObject({ code: 1009 });
		expect(await probe(url, Uint8Array.of(7))).toEqual({ code: 1003, reason: 'unknown message type 7' });
		expect(await probe(url, Uint8Array.of(0, 9, 0))).toEqual({ code: 1003, reason: 'unknown sync message type 9' });
		expect(await probe(url, Uint8Array.of(0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f))).toEqual({
			code: 1002,
			reason: 'sync payload length exceeds the frame'
		});
		expect(await probe(url, Uint8Array.of(3))).toBe('accepted');
		expect(t.relay.rooms.loaded(W)!.doc.getMap('customers').size).toBe(50);
	});

	it('takes a 100,000-customer first sync in one message with the default limits', { timeout: 30000 }, async () => {
		t = await startTestRelay();
		const importer = stockClient(t.relay.syncUrl, W, t.token(W, 'editor'));
		clients.push(importer);
		await synced(importer);
		importer.doc.transact(() => {
			const customers = importer.doc.getMap('customers');
			for (let i = 0; i < 100_000; i++) {
				customers.set(`c${i}`, JSON.stringify({ name: `客户${i}`, phone: `1380000${i}`, stage: 'prospect' }));
			}
		});
		await waitFor(() => t!.relay.rooms.loaded(W)?.doc.getMap('customers').size === 100_000, 'the import to arrive', 20000);
		expect(t.relay.metrics.bytesIn).toBeGreaterThan(5_000_000);
		await waitFor(() => t!.relay.rooms.loaded(W)!.queued === 0 && t!.relay.metrics.acksSent > 0, 'the import to be stored', 20000);
	});

	it('rate-limits a flooding connection by pausing it, without dropping anything', async () => {
		t = await startTestRelay({ rateLimit: { messagesPerSecond: 100, messageBurst: 10, bytesPerSecond: 1e9, byteBurst: 1e9 } });
		await seedRoom(t);
		const sock = rawSocket(`${t.relay.syncUrl}/${W}?token=${t.token(W, 'editor')}`);
		await sock.opened;
		await waitFor(() => sock.messages.length > 0, 'the greeting');
		const start = performance.now();
		const greeting = sock.messages.length;
		for (let i = 0; i < 60; i++) sock.ws.send(Uint8Array.of(3));
		await waitFor(() => sock.messages.length >= greeting + 60, 'every query to be answered');
		const elapsed = performance.now() - start;
		// 10 in the burst, then 100 per second: the other 50 take about half a second.
		expect(elapsed).toBeGreaterThan(400);
		expect(t.relay.metrics.rateLimited).toBeGreaterThan(0);
		expect(sock.ws.readyState).toBe(sock.ws.OPEN);
		sock.ws.close();
	});

	it('caps connections per room with 1013 and admits again once one leaves', async () => {
		t = await startTestRelay({ maxConnectionsPerRoom: 2 });
		const url = `${t.relay.syncUrl}/${W}?token=${t.token(W, 'editor')}`;
		const a = rawSocket(url);
		const b = rawSocket(url);
		await Promise.all([a.opened, b.opened]);
		const c = rawSocket(url);
		expect(await c.closed).toEqual({ code: 1013, reason: 'room is full' });
		expect(c.messages).toHaveLength(0);
		a.ws.close();
		await a.closed;
		await waitFor(() => t!.relay.rooms.count(W) === 1, 'the relay to notice');
		const d = rawSocket(url);
		await waitFor(() => d.messages.length > 0, 'the greeting');
		// Other rooms are not affected.
		const other = rawSocket(`${t.relay.syncUrl}/elsewhere?token=${t.token('elsewhere', 'editor')}`);
		await waitFor(() => other.messages.length > 0, 'another room');
		for (const s of [b, d, other]) s.ws.close();
	});

	it('caps connections per address and in all with 1013, across rooms, and admits again once one leaves', async () => {
		t = await startTestRelay({ maxConnectionsPerIp: 2, maxConnections: 3 });
		const token = t.token(W, 'editor');
		const url = (room: string) => `${t!.relay.syncUrl}/${room}?token=${token}`;
		// Loopback has the whole 127/8: a second address is a second client machine.
		const from = (address: string, room = W) => rawSocket(url(room), { localAddress: address });
		const a = from('127.0.0.1');
		const b = from('127.0.0.1', `${W}/act-2026q3`);
		await Promise.all([a.opened, b.opened]);
		const c = from('127.0.0.1', `${W}/act-2026q4`);
		expect(await c.closed).toEqual({ code: 1013, reason: 'too many connections from this address' });
		expect(c.messages).toHaveLength(0);
		const d = from('127.0.0.2');
		await waitFor(() => d.messages.length > 0, 'the other address to be greeted');
		const e = from('127.0.0.3');
		expect(await e.closed).toEqual({ code: 1013, reason: 'relay is full' });
		// Refused sockets hold no place.
		expect(t.relay.connections()).toHaveLength(3);
		a.ws.close();
		await waitFor(() => t!.relay.connections().length === 2, 'the relay to notice');
		const f = from('127.0.0.1');
		await waitFor(() => f.messages.length > 0, 'a place to free up');
		expect(t.relay.metrics.closes['1013']).toBe(2);
		for (const s of [b, d, f]) s.ws.close();
	});

	it('closes a connection whose awareness update is over the size cap and leaves the room untouched', async () => {
		t = await startTestRelay();
		const watcher = stockClient(t.relay.syncUrl, W, t.token(W, 'viewer'));
		clients.push(watcher);
		await synced(watcher);
		const room = t.relay.rooms.loaded(W)!;
		const presence = (state: object) => {
			const doc = new Y.Doc();
			const awareness = new awarenessProtocol.Awareness(doc);
			awareness.setLocalState(state);
			const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
			awareness.destroy();
			return {
				clientID: doc.clientID,
				frame: message((e) => {
					encoding.writeVarUint(e, 1);
					encoding.writeVarUint8Array(e, update);
				})
			};
		};
		const url = `${t.relay.syncUrl}/${W}?token=${t.token(W, 'editor')}`;
		const big = presence({ user: { name: 'Big' }, note: 'x'.repeat(64 * 1024) });
		expect(await probe(url, big.frame)).toEqual({ code: 1009, reason: 'awareness update larger than 65536 bytes' });
		// A small one is accepted and forwarded (the sender stays connected until it arrives: presence
		// that comes and goes within the relay's hold time may never be shown, connection.ts).
		const small = presence({ user: { name: 'Small' }, viewing: 'c1' });
		const sender = rawSocket(url);
		await sender.opened;
		sender.ws.send(small.frame);
		await waitFor(() => watcher.provider.awareness.getStates().has(small.clientID), 'the small presence');
		sender.ws.close();
		expect(room.awareness.getStates().has(big.clientID)).toBe(false);
		expect(watcher.provider.awareness.getStates().has(big.clientID)).toBe(false);
		expect(t.relay.metrics.closes['1009']).toBe(1);
		expect(watcher.provider.wsconnected).toBe(true);

		// The cap is a setting.
		await t.close();
		t = await startTestRelay({ maxAwarenessBytes: 128 * 1024 });
		expect(await probe(`${t.relay.syncUrl}/${W}?token=${t.token(W, 'editor')}`, big.frame)).toBe('accepted');
	});

	it('reads the caps from flags and from RELAY_* environment variables, flags first', () => {
		const env = { RELAY_MAX_CONNECTIONS: '5000', RELAY_MAX_IP_CONNECTIONS: '50', RELAY_MAX_AWARENESS_BYTES: '1024', PORT: '9000' };
		expect(resolveOptions({}, env)).toMatchObject({ maxConnections: 5000, maxConnectionsPerIp: 50, maxAwarenessBytes: 1024, port: 9000 });
		expect(resolveOptions({ 'max-connections': '7', 'max-ip-connections': '0' }, env)).toMatchObject({
			maxConnections: 7,
			maxConnectionsPerIp: 0
		});
		expect(resolveOptions({}, {})).toMatchObject({ maxConnections: 10_000, maxConnectionsPerIp: 0, maxAwarenessBytes: 65536 });
		expect(() => resolveOptions({}, { RELAY_MAX_CONNECTIONS: 'lots' })).toThrow(
			'RELAY_MAX_CONNECTIONS must be a non-negative number (got "lots")'
		);
	});

	it('unloads an idle room from memory and loads it again on the next join', async () => {
		t = await startTestRelay({ roomIdleMs: 30 });
		const first = stockClient(t.relay.syncUrl, W, t.token(W, 'editor'));
		await synced(first);
		first.doc.getMap('customers').set('kept', 'yes');
		await waitFor(() => t!.relay.metrics.acksSent > 0, 'the acknowledgement');
		first.destroy();
		await waitFor(() => t!.relay.metrics.roomsUnloaded === 1, 'the room to unload');
		expect(t.relay.rooms.loadedCount).toBe(0);
		const second = stockClient(t.relay.syncUrl, W, t.token(W, 'viewer'));
		clients.push(second);
		await synced(second);
		expect(second.doc.getMap('customers').get('kept')).toBe('yes');
		expect(t.relay.metrics.roomsLoaded).toBe(2);
	});

	it('disconnects peers that stop answering pings and keeps the ones that answer', async () => {
		t = await startTestRelay({ pingIntervalMs: 150 });
		const url = `${t.relay.syncUrl}/${W}?token=${t.token(W, 'editor')}`;
		const silent = rawSocket(url, { autoPong: false });
		const healthy = rawSocket(url);
		await Promise.all([silent.opened, healthy.opened]);
		const closed = await silent.closed;
		expect(closed.code).toBe(1006);
		expect(t.relay.metrics.deadPeers).toBe(1);
		expect(healthy.ws.readyState).toBe(healthy.ws.OPEN);
		healthy.ws.close();
	});
});
