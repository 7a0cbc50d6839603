// Syncing through the relay with stock y-websocket clients: acknowledgement by state vector,
// convergence under random edits and reconnects, durability across a restart, viewers.

import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { HOLD_MS } from '../../relay/connection.js';
import {
	prng,
	rawSocket,
	readSync,
	sameDoc,
	snapshot,
	startTestRelay,
	stockClient,
	synced,
	waitFor,
	type TestClient,
	type TestRelay
} from './helpers.js';

let relay: TestRelay | null = null;
let clients: TestClient[] = [];

afterEach(async () => {
	for (const c of clients) c.destroy();
	clients = [];
	await relay?.close();
	relay = null;
});

/** A synced editor and a synced viewer of workspace `w` (closed after the test). */
async function editorAndViewer(w: string, viewerMember?: string): Promise<[TestClient, TestClient]> {
	const editor = stockClient(relay!.relay.syncUrl, w, relay!.token(w, 'editor'));
	const viewer = stockClient(relay!.relay.syncUrl, w, relay!.token(w, 'viewer', viewerMember));
	clients.push(editor, viewer);
	await Promise.all([synced(editor), synced(viewer)]);
	return [editor, viewer];
}

function syncMessage(syncType: number, payload: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint(e, syncType);
	encoding.writeVarUint8Array(e, payload);
	return encoding.toUint8Array(e);
}

const encodeUpdateMessage = (update: Uint8Array) => syncMessage(2, update);

/** A fresh relay and two greeted raw editor sockets of workspace `w`. */
async function writerAndWatcher(w: string) {
	relay = await startTestRelay();
	const r = relay.relay;
	const url = `${r.syncUrl}/${w}?token=${relay.token(w, 'editor')}`;
	const [writer, watcher] = [rawSocket(url), rawSocket(url)];
	await waitFor(() => writer.messages.length > 0 && watcher.messages.length > 0, 'the greetings');
	return { r, url, writer, watcher };
}

describe('relay sync', () => {
	it('acknowledges an update with its state vector only once the update is stored', async () => {
		relay = await startTestRelay();
		const { relay: r } = relay;
		const sock = rawSocket(`${r.syncUrl}/ws-ack?token=${relay.token('ws-ack', 'editor')}`);
		await sock.opened;
		await waitFor(() => sock.messages.length > 0, 'the greeting');
		const greeting = readSync(sock.messages[0]);
		expect(greeting?.syncType).toBe(0);
		expect(Y.decodeStateVector(greeting!.payload).size).toBe(0);

		const doc = new Y.Doc();
		doc.on('update', (u: Uint8Array) => sock.ws.send(encodeUpdateMessage(u)));
		const map = doc.getMap('customers');
		for (let i = 0; i < 5; i++) map.set(`c${i}`, { name: `客户 ${i}` });

		// The first step 1 after the greeting whose vector covers all five items is the ack.
		let acked: Map<number, number> | null = null;
		let storedAtAck: Y.Doc | null = null;
		await waitFor(() => {
			for (const m of sock.messages.slice(1)) {
				const s = readSync(m);
				if (s?.syncType === 0 && (Y.decodeStateVector(s.payload).get(doc.clientID) ?? 0) >= 5) {
					acked = Y.decodeStateVector(s.payload);
				}
			}
			return acked !== null;
		}, 'the acknowledgement');
		storedAtAck = new Y.Doc();
		Y.applyUpdate(storedAtAck, await r.storage.readState('ws-ack'));
		expect(Y.encodeStateVector(storedAtAck)).toEqual(Y.encodeStateVector(doc));
		expect(storedAtAck.getMap('customers').toJSON()).toEqual(map.toJSON());
		expect(r.metrics.acksSent).toBeGreaterThanOrEqual(1);

		// A second client is greeted with the durable vector.
		const other = rawSocket(`${r.syncUrl}/ws-ack?token=${relay.token('ws-ack', 'viewer')}`);
		await waitFor(() => other.messages.length > 0, 'the second greeting');
		expect(Y.decodeStateVector(readSync(other.messages[0])!.payload).get(doc.clientID)).toBe(5);
		sock.ws.close();
		other.ws.close();
	});

	it('skips updates that change nothing (answers to acknowledgements) and applies deletions it lacks', async () => {
		relay = await startTestRelay();
		const w = 'team-noop';
		const [editor, watcher] = await editorAndViewer(w);
		const map = editor.doc.getMap('customers');
		for (let i = 0; i < 5; i++) map.set(`c${i}`, i);
		map.set('c0', 'again');
		await waitFor(() => relay!.relay.metrics.acksSent >= 1 && relay!.relay.metrics.updatesUnchanged >= 1, 'an answered ack');
		const room = relay.relay.rooms.loaded(w)!;
		// Every acknowledgement sent (they may be held a little, connection.ts) and answered.
		await waitFor(() => room.queued === 0, 'the room to store everything');
		await new Promise((resolve) => setTimeout(resolve, 3 * HOLD_MS));

		// A deletion alone (no new structs) is a change: applied and forwarded.
		const sock = rawSocket(`${relay.relay.syncUrl}/${w}?token=${relay.token(w, 'editor')}`);
		await waitFor(() => sock.messages.length > 0, 'the greeting');
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
		let deletion: Uint8Array = new Uint8Array();
		copy.once('update', (u: Uint8Array) => (deletion = u));
		copy.getMap('customers').delete('c3');
		expect(Y.decodeUpdate(deletion).structs).toHaveLength(0);
		const unchanged = relay.relay.metrics.updatesUnchanged;
		sock.ws.send(encodeUpdateMessage(deletion));
		await waitFor(() => !watcher.doc.getMap('customers').has('c3'), 'the deletion to reach the watcher');
		expect(room.doc.getMap('customers').has('c3')).toBe(false);
		expect(relay.relay.metrics.updatesUnchanged).toBe(unchanged);
		// The same deletion again changes nothing: skipped.
		sock.ws.send(encodeUpdateMessage(deletion));
		await waitFor(() => relay!.relay.metrics.updatesUnchanged === unchanged + 1, 'the repeat to be skipped');
		expect(room.doc.getMap('customers').toJSON()).toEqual({ c0: 'again', c1: 1, c2: 2, c4: 4 });
		sock.ws.close();
	});

	it('forwards and stores an update as it came when it adds exactly its structs, and only what is new otherwise', async () => {
		const { r, writer, watcher } = await writerAndWatcher('team-forward');
		const received = () => watcher.messages.map(readSync).filter((m) => m?.syncType === 2).map((m) => m!.payload);

		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		const map = doc.getMap('customers');
		map.set('c1', { name: '客户 1' });
		map.set('c2', 'second');
		doc.getText('notes').insert(0, 'hello');
		const [u1, u2, u3] = updates;

		// New structs exactly at the room's clock: forwarded byte for byte.
		writer.ws.send(encodeUpdateMessage(u1));
		await waitFor(() => received().length === 1, 'the first update');
		expect(Buffer.from(received()[0]).equals(Buffer.from(u1))).toBe(true);

		// Ahead of the room (u2 missing): pending, nothing forwarded or stored yet.
		writer.ws.send(encodeUpdateMessage(u3));
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(received()).toHaveLength(1);

		// Part known (u1 again), part new (u2), and it releases u3: forwarded is what the room
		// gained, u1 not again.
		writer.ws.send(encodeUpdateMessage(Y.mergeUpdates([u1, u2])));
		await waitFor(() => received().length === 2, 'the second update');
		const { structs } = Y.decodeUpdate(received()[1]);
		expect(structs[0].id.clock).toBe(1);
		expect(structs.reduce((end, s) => Math.max(end, s.id.clock + s.length), 0)).toBe(2 + 'hello'.length);
		const seen = new Y.Doc();
		for (const u of received()) Y.applyUpdate(seen, u);
		expect(sameDoc(seen, doc)).toBe(true);

		// Stored one entry per update, and the store holds the document.
		await r.rooms.loaded('team-forward')!.flush();
		expect(r.metrics.updatesStored).toBe(2);
		const stored = new Y.Doc();
		Y.applyUpdate(stored, await r.storage.readState('team-forward'));
		expect(sameDoc(stored, doc)).toBe(true);
		writer.ws.close();
		watcher.ws.close();
	});

	it('counts updates not yet applied to its document (applied in batches) in acks, answers to acks and sync answers', async () => {
		const w = 'team-batched';
		const { r, url, writer, watcher } = await writerAndWatcher(w);
		const updatesTo = (sock: typeof watcher) =>
			sock.messages.map(readSync).filter((m) => m?.syncType === 2 || m?.syncType === 1);

		const doc = new Y.Doc();
		doc.on('update', (u: Uint8Array) => writer.ws.send(encodeUpdateMessage(u)));
		doc.getMap('customers').set('c0', 'first');
		doc.getMap('customers').set('c0', 'second'); // deletes 'first'
		await waitFor(() => updatesTo(watcher).length === 2, 'both updates at the watcher');

		// The acknowledgement covers both, and the answer to it (the writer's delete set, which
		// only the second update carries) changes nothing: not forwarded.
		let ack: Uint8Array | null = null;
		await waitFor(() => {
			const acks = writer.messages.slice(1).map(readSync).filter((m) => m?.syncType === 0);
			ack = acks.length > 0 ? acks[acks.length - 1]!.payload : null;
			return ack !== null && (Y.decodeStateVector(ack).get(doc.clientID) ?? 0) === 2;
		}, 'the acknowledgement');
		const unchanged = r.metrics.updatesUnchanged;
		const answer = Y.encodeStateAsUpdate(doc, ack!);
		expect(Y.decodeUpdate(answer).ds.clients.size).toBe(1);
		writer.ws.send(syncMessage(1, answer));
		await waitFor(() => r.metrics.updatesUnchanged === unchanged + 1, 'the answer to be skipped');
		expect(updatesTo(watcher)).toHaveLength(2);

		// A newcomer's sync step 1 is answered with everything, the second value included.
		const newcomer = rawSocket(url);
		await newcomer.opened;
		newcomer.ws.send(syncMessage(0, new Uint8Array([0])));
		await waitFor(() => updatesTo(newcomer).length === 1, 'the sync answer');
		const copy = new Y.Doc();
		Y.applyUpdate(copy, updatesTo(newcomer)[0]!.payload);
		expect(copy.getMap('customers').toJSON()).toEqual({ c0: 'second' });
		expect(r.rooms.loaded(w)!.doc.getMap('customers').toJSON()).toEqual({ c0: 'second' });
		for (const s of [writer, watcher, newcomer]) s.ws.close();
	});

	it('converges 6 stock clients editing under random disconnects, and keeps it across a restart', { timeout: 30000 }, async () => {
		relay = await startTestRelay();
		const workspace = 'team-converge';
		const rand = prng(Number(process.env.RELAY_TEST_SEED ?? 20261122));
		const pick = (n: number) => Math.floor(rand() * n);
		for (let i = 0; i < 6; i++) {
			clients.push(stockClient(relay.relay.syncUrl, workspace, relay.token(workspace, i === 0 ? 'owner' : 'editor')));
		}
		await Promise.all(clients.map(synced));
		const connected = clients.map(() => true);

		for (let round = 0; round < 150; round++) {
			// Now and then the network drops a connection under a client (it reconnects by itself).
			const open = relay.relay.connections();
			if (open.length > 0 && rand() < 0.1) open[pick(open.length)].terminate();
			clients.forEach((c, i) => {
				if (rand() < 0.12) {
					if (connected[i]) c.provider.disconnect();
					else c.provider.connect();
					connected[i] = !connected[i];
				}
				if (rand() < 0.75) {
					const { doc } = c;
					const customers = doc.getMap('customers');
					const notes = doc.getText('notes');
					switch (pick(5)) {
						case 0:
						case 1:
							customers.set(`c${pick(25)}`, {
								stage: ['potential', 'prospect', 'customer', 'lost'][pick(4)],
								by: i,
								round
							});
							break;
						case 2:
							customers.delete(`c${pick(25)}`);
							break;
						case 3:
							doc.getArray('log').push([{ by: i, round }]);
							break;
						default:
							if (notes.length > 0 && rand() < 0.3) notes.delete(pick(notes.length), 1 + pick(3));
							else notes.insert(pick(notes.length + 1), `${i}:${round};`);
					}
				}
			});
			await new Promise((resolve) => setTimeout(resolve, pick(8)));
		}
		clients.forEach((c, i) => {
			if (!connected[i]) c.provider.connect();
		});
		const room = () => relay!.relay.rooms.loaded(workspace)!.doc;
		await waitFor(() => clients.every((c) => c.provider.synced && sameDoc(c.doc, room())), 'all clients to converge', 15000);
		const final = snapshot(clients[0].doc) as { customers: object; log: unknown[] };
		expect(final.log.length).toBeGreaterThan(50);
		expect(relay.relay.metrics.acksSent).toBeGreaterThan(0);
		// Every update the relay forwarded before applying it applied as checked (room.ts, #settle).
		expect(relay.logs.filter((l) => l.level === 'error')).toEqual([]);

		// Everything the clients have is on disk: a restarted relay serves it to a newcomer.
		for (const c of clients) c.destroy();
		clients = [];
		await relay.close(true);
		relay = await startTestRelay({ dataDir: relay.dataDir });
		const fresh = stockClient(relay.relay.syncUrl, workspace, relay.token(workspace, 'viewer'));
		clients.push(fresh);
		await synced(fresh);
		expect(snapshot(fresh.doc)).toEqual(final);
	});

	it('shares presence (awareness) and removes a peer\'s presence when it leaves', async () => {
		relay = await startTestRelay();
		const w = 'team-presence';
		const [a, b] = await editorAndViewer(w);
		a.provider.awareness.setLocalStateField('user', { name: 'Ann', editing: 'c1.phone' });
		await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ann', 'presence to arrive');
		// A late joiner is greeted with everyone's presence.
		const c = stockClient(relay.relay.syncUrl, w, relay.token(w, 'viewer'));
		clients.push(c);
		await waitFor(() => c.provider.awareness.getStates().get(a.doc.clientID)?.user?.editing === 'c1.phone', 'the greeting');
		a.provider.disconnect();
		await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 'presence to be removed');
	});

	it("drops a viewer's writes (logged) while the viewer still receives everyone else's", async () => {
		relay = await startTestRelay();
		const w = 'team-viewer';
		const [editor, viewer] = await editorAndViewer(w, 'the-viewer');

		editor.doc.getMap('customers').set('a', 'from editor');
		await waitFor(() => viewer.doc.getMap('customers').get('a') === 'from editor', 'the viewer to receive');

		viewer.doc.getMap('customers').set('b', 'from viewer');
		viewer.doc.getText('notes').insert(0, 'viewer text');
		await waitFor(() => relay!.relay.metrics.viewerUpdatesDropped >= 2, 'the relay to drop both viewer updates');
		editor.doc.getMap('customers').set('c', 'after');
		await waitFor(() => viewer.doc.getMap('customers').get('c') === 'after', 'the viewer to keep receiving');

		const room = relay.relay.rooms.loaded(w)!;
		await room.flush();
		const stored = new Y.Doc();
		Y.applyUpdate(stored, await relay.relay.storage.readState(w));
		const late = stockClient(relay.relay.syncUrl, w, relay.token(w, 'editor'));
		clients.push(late);
		await synced(late);
		for (const doc of [editor.doc, room.doc, stored, late.doc]) {
			expect(doc.getMap('customers').toJSON()).toEqual({ a: 'from editor', c: 'after' });
			expect(doc.getText('notes').toString()).toBe('');
		}
		const dropped = relay.logs.filter((l) => l.msg === 'viewer update dropped');
		expect(dropped.length).toBeGreaterThanOrEqual(1);
		expect(dropped[0]).toMatchObject({ room: w, member: 'the-viewer' });
	});
});
