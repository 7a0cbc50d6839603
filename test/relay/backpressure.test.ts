// Back-pressure: a peer that stops reading is skipped once its unread output passes
// --max-buffered-bytes, so the relay's buffers for it stay bounded and the room's other peers
// keep getting updates; once it reads again it is caught up (one sync step 2, presence, the
// held-back acknowledgement) and converges. Stock y-websocket clients on a real relay.

import { randomBytes } from 'node:crypto';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { awarenessFrame, syncStep1Frame, updateFrame } from '../../relay/frame.js';
import { encodeAwareness, encodeSyncStep1, encodeUpdate } from '../../relay/protocol.js';
import { rawSocket, readSync, relayPerTest, sameDoc, synced, waitFor } from './helpers.js';

const fixture = relayPerTest();
const W = 'team-slow';
const KiB = 1024;

describe('relay back-pressure', () => {
	// The limit of 64 KiB per peer, set directly or as the share of four connections in a total.
	it.each([
		{ cap: 'per peer', options: { maxBufferedBytes: 64 * KiB } },
		{ cap: 'in total', options: { maxBufferedBytes: 64 * 1024 * KiB, maxTotalBufferedBytes: 4 * 64 * KiB } }
	])('bounds what waits for a peer that stops reading ($cap), keeps the others current, and catches it up', { timeout: 60000 }, async ({ options }) => {
		const maxBufferedBytes = 64 * KiB;
		const t = await fixture.start(options);
		const writer = fixture.client(W, t.token(W, 'editor', 'writer'));
		const fast = fixture.client(W, t.token(W, 'editor', 'fast'));
		const slow = fixture.client(W, t.token(W, 'editor', 'slow'));
		const leaver = fixture.client(W, t.token(W, 'viewer', 'leaver'));
		await Promise.all([synced(writer), synced(fast), synced(slow), synced(leaver)]);
		leaver.provider.awareness.setLocalStateField('user', { name: 'Leaver' });
		await waitFor(() => slow.provider.awareness.getStates().has(leaver.doc.clientID), 'the slow client to see the leaver');
		const relaySide = t.relay.connections().find((c) => c.member === 'slow')!;
		expect(relaySide).toBeDefined();

		// The slow client stops reading its socket (a stalled phone, a saturated link).
		const slowSocket = slow.provider.ws as unknown as WebSocket;
		slowSocket.pause();
		let mostBuffered = 0;
		const sampler = setInterval(() => {
			mostBuffered = Math.max(mostBuffered, relaySide.ws.bufferedAmount);
		}, 2);

		// 48 updates of 512 KiB (24 MiB): far more than the kernel's socket buffers hold, so
		// without back-pressure most of it would wait in the relay's memory for the slow peer.
		const updateBytes = 512 * KiB;
		const blobs = writer.doc.getMap<Uint8Array>('blobs');
		for (let i = 0; i < 48; i++) {
			blobs.set(`b${i}`, new Uint8Array(randomBytes(updateBytes)));
			// One at a time, so the fast peer has each before the next: it is never held back.
			await waitFor(() => fast.doc.getMap('blobs').has(`b${i}`), `the fast client to get update ${i}`, 10000);
		}
		writer.provider.awareness.setLocalStateField('user', { name: 'Writer', editing: 'b47' });
		await waitFor(
			() => fast.provider.awareness.getStates().get(writer.doc.clientID)?.user?.editing === 'b47',
			'the fast client to see the presence'
		);
		// Every update the writer sent is stored and acknowledged meanwhile.
		await waitFor(() => t.relay.rooms.loaded(W)!.queued === 0, 'the room to store everything');
		clearInterval(sampler);
		mostBuffered = Math.max(mostBuffered, relaySide.ws.bufferedAmount);
		// Someone leaves while the slow client is behind: the removal comes with the catch-up.
		leaver.provider.disconnect();
		await waitFor(() => !fast.provider.awareness.getStates().has(leaver.doc.clientID), 'the fast client to see the leaver go');

		// The cap, plus the one update that took the peer over it.
		expect(mostBuffered).toBeLessThanOrEqual(maxBufferedBytes + updateBytes + KiB);
		expect(t.relay.metrics.peersBehind).toBeGreaterThanOrEqual(1);
		expect(slow.doc.getMap('blobs').size).toBeLessThan(48);
		expect(relaySide.closed).toBe(false);
		expect(sameDoc(writer.doc, fast.doc)).toBe(true);

		// It reads again: everything it missed arrives, with the presence it missed.
		slowSocket.resume();
		await waitFor(() => sameDoc(writer.doc, slow.doc), 'the slow client to converge', 20000);
		await waitFor(
			() => slow.provider.awareness.getStates().get(writer.doc.clientID)?.user?.editing === 'b47',
			'the slow client to see the presence it missed'
		);
		await waitFor(() => !slow.provider.awareness.getStates().has(leaver.doc.clientID), 'the slow client to see the leaver go');
		expect(t.relay.metrics.catchUps).toBeGreaterThanOrEqual(1);
		// Operators see it in /metrics, next to how late the event loop ran since the last read.
		const metrics = await (await fetch(`${t.relay.origin}/metrics`)).json();
		expect(metrics).toMatchObject({ peersBehind: t.relay.metrics.peersBehind, catchUps: t.relay.metrics.catchUps });
		const { p50, p99, max } = metrics.eventLoopDelayMs;
		// Applying and forwarding 512 KiB updates holds the loop up now and then.
		expect(max).toBeGreaterThan(0);
		expect(max).toBeGreaterThanOrEqual(p99);
		expect(p99).toBeGreaterThanOrEqual(p50);
		expect(p50).toBeGreaterThanOrEqual(0);
		// The same connection all along: it was never cut off.
		expect(t.relay.connections().find((c) => c.member === 'slow')).toBe(relaySide);
		expect(Buffer.from(Y.encodeStateAsUpdate(slow.doc)).equals(Buffer.from(Y.encodeStateAsUpdate(writer.doc)))).toBe(
			true
		);
	});

	it('acknowledges what a peer sent while it was behind, once it has caught up', { timeout: 60000 }, async () => {
		const t = await fixture.start({ maxBufferedBytes: 16 * KiB });
		const writer = fixture.client(W, t.token(W, 'editor', 'writer'));
		const slow = fixture.client(W, t.token(W, 'editor', 'slow'));
		await Promise.all([synced(writer), synced(slow)]);
		const slowSocket = slow.provider.ws as unknown as WebSocket;
		const acks: Uint8Array[] = [];
		slowSocket.on('message', (data: Buffer) => {
			// Sync step 1 carrying the relay's durable state vector: an acknowledgement (or the greeting).
			const sync = readSync(new Uint8Array(data));
			if (sync?.syncType === 0) acks.push(sync.payload);
		});
		slowSocket.pause();
		const blobs = writer.doc.getMap<Uint8Array>('blobs');
		for (let i = 0; i < 24; i++) blobs.set(`w${i}`, new Uint8Array(randomBytes(256 * KiB)));
		await waitFor(() => t.relay.metrics.peersBehind >= 1, 'the slow peer to fall behind', 10000);
		// The slow peer writes while behind: applied and forwarded, its acknowledgement held back.
		slow.doc.getMap('memo').set('from-slow', 'written while behind');
		await waitFor(() => writer.doc.getMap('memo').get('from-slow') === 'written while behind', 'the write to arrive');
		await waitFor(() => t.relay.rooms.loaded(W)!.queued === 0, 'the room to store it');
		const acksBefore = acks.length;
		slowSocket.resume();
		await waitFor(() => sameDoc(writer.doc, slow.doc), 'the slow client to converge', 20000);
		// The last acknowledgement it receives covers its own write.
		const slowClock = Y.getState(slow.doc.store, slow.doc.clientID);
		await waitFor(
			() =>
				acks.length > acksBefore &&
				(Y.decodeStateVector(acks[acks.length - 1]).get(slow.doc.clientID) ?? 0) >= slowClock,
			'an acknowledgement covering the write'
		);
	});
	it('answers a sync step 1 sent while behind with the catch-up, from the older vector', { timeout: 60000 }, async () => {
		const t = await fixture.start({ maxBufferedBytes: 16 * KiB });
		const writer = fixture.client(W, t.token(W, 'editor', 'writer'));
		await synced(writer);
		const raw = rawSocket(`${t.relay.syncUrl}/${W}?token=${t.token(W, 'viewer', 'raw')}`);
		await raw.opened;
		await waitFor(() => raw.messages.length > 0, 'the greeting');
		raw.ws.pause();
		const blobs = writer.doc.getMap<Uint8Array>('blobs');
		for (let i = 0; i < 24; i++) blobs.set(`r${i}`, new Uint8Array(randomBytes(256 * KiB)));
		await waitFor(() => t.relay.metrics.peersBehind >= 1, 'the raw peer to fall behind', 10000);
		const answers: Uint8Array[] = [];
		await waitFor(() => t.relay.rooms.loaded(W)?.doc.getMap('blobs').size === 24, 'the relay to have every write');
		// Behind, it asks for everything (an empty state vector), as a reconnecting client would.
		const asked = Y.decodeStateVector(Y.encodeStateVector(writer.doc));
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
		raw.ws.send(encoding.toUint8Array(e));
		writer.doc.getMap('memo').set('last', 'after the request');
		await waitFor(() => t.relay.rooms.loaded(W)?.doc.getMap('memo').get('last') === 'after the request', 'the last write');
		raw.ws.resume();
		const received = new Y.Doc();
		await waitFor(
			() => {
				for (const m of raw.messages.splice(0)) {
					const sync = readSync(m);
					if (sync && sync.syncType !== 0) Y.applyUpdate(received, sync.payload);
					if (sync?.syncType === 1) answers.push(sync.payload);
				}
				return sameDoc(received, writer.doc);
			},
			'the raw peer to have everything',
			20000
		);
		// Its request was answered by a catch-up (it may have fallen behind and caught up several
		// times meanwhile), and that answer alone holds everything the writer had when it asked,
		// not only what the peer missed since it last fell behind.
		const holdsAll = (answer: Uint8Array) => {
			const doc = new Y.Doc();
			Y.applyUpdate(doc, answer);
			const vector = Y.decodeStateVector(Y.encodeStateVector(doc));
			return doc.getMap('blobs').size === 24 && [...asked].every(([client, clock]) => (vector.get(client) ?? 0) >= clock);
		};
		expect(answers.filter(holdsAll)).toHaveLength(1);
		expect(t.relay.metrics.catchUps).toBeGreaterThanOrEqual(1);
		raw.ws.close();
	});
});

describe('frames built once for all recipients', () => {
	it('are the frames ws makes of the messages lib0 encodes', async () => {
		// ws's own framing (exported by ws, not typed by @types/ws).
		const { Sender } = (await import('ws')) as unknown as { Sender: { frame(data: Buffer, options: object): Buffer[] } };
		const frame = (message: Uint8Array) =>
			Buffer.concat(Sender.frame(Buffer.from(message), { fin: true, opcode: 2, mask: false, readOnly: false, rsv1: false }));
		// Payload lengths around the varUint (128, 16384) and frame header (126, 65536) steps.
		for (const length of [0, 1, 121, 122, 127, 128, 16383, 16384, 65529, 65530, 70000, 2_100_000]) {
			const payload = new Uint8Array(length).map((_, i) => (i * 7) % 256);
			expect(updateFrame(payload).equals(frame(encodeUpdate(payload))), `update ${length}`).toBe(true);
			expect(syncStep1Frame(payload).equals(frame(encodeSyncStep1(payload))), `step 1 ${length}`).toBe(true);
			expect(awarenessFrame(payload).equals(frame(encodeAwareness(payload))), `awareness ${length}`).toBe(true);
		}
	});
});
