// Sub-document rooms: `/sync/<workspace>/<part>` is a room of its own (a large collection kept
// in its own Y.Doc), authorised by the workspace: the same token opens every room of it, and
// revocation and role changes reach the member's sockets in all of them. Stock clients name the
// room "<workspace>/<part>", which the provider puts in the path.

import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { backupLines, readBackupFile, restoreBackup, writeBackupFile } from '../../relay/backup.js';
import { Storage } from '../../relay/storage.js';
import { rawSocket, startTestRelay, stockClient, synced, tempDir, waitFor, type TestClient, type TestRelay } from './helpers.js';

let t: TestRelay | null = null;
let clients: TestClient[] = [];
const dirs: string[] = [];

afterEach(async () => {
	for (const c of clients) c.destroy();
	clients = [];
	await t?.close();
	t = null;
	for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const W = 'team-sub';
const SUB = `${W}/act-2026q3`;

function client(room: string, token: string): TestClient {
	const c = stockClient(t!.relay.syncUrl, room, token);
	clients.push(c);
	return c;
}

function closedWith(c: TestClient): Promise<{ code: number; reason: string }> {
	return new Promise((resolve) => c.provider.on('connection-close', (e: { code: number; reason: string } | null) => e && resolve(e)));
}

describe('relay sub-document rooms', () => {
	it('syncs two stock clients through a sub-room, kept apart from the main room', async () => {
		t = await startTestRelay();
		const token = t.token(W, 'editor', 'rep');
		const a = client(SUB, token);
		const b = client(SUB, t.token(W, 'editor'));
		const main = client(W, token);
		await Promise.all([a, b, main].map(synced));
		expect(t.relay.connections().map((c) => c.room).sort()).toEqual([W, SUB, SUB]);

		a.doc.getArray('activities').push([{ kind: 'call', customer: 'c1', at: '2026-07-01' }]);
		await waitFor(() => b.doc.getArray('activities').length === 1, 'the activity to reach the other client');
		expect(main.doc.getArray('activities').length).toBe(0);
		expect(t.relay.rooms.loaded(W)!.doc.getArray('activities').length).toBe(0);

		// Acknowledged by the sub-room's own durable vector, once in the store under the room's name.
		const room = t.relay.rooms.loaded(SUB)!;
		await waitFor(() => room.queued === 0 && t!.relay.metrics.acksSent > 0, 'the acknowledgement');
		expect(Y.decodeStateVector(room.durableStateVector).get(a.doc.clientID)).toBe(1);
		const stored = new Y.Doc();
		Y.applyUpdate(stored, await t.relay.storage.readState(SUB));
		expect(stored.getArray('activities').toJSON()).toEqual([{ kind: 'call', customer: 'c1', at: '2026-07-01' }]);

		// Presence is per room too.
		a.provider.awareness.setLocalStateField('user', { name: 'Ann' });
		await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ann', 'presence');
		expect(main.provider.awareness.getStates().has(a.doc.clientID)).toBe(false);
	});

	it('refuses a token for another workspace and a bad room name, sending nothing', async () => {
		t = await startTestRelay();
		const owner = client(SUB, t.token(W, 'owner'));
		await synced(owner);
		owner.doc.getArray('activities').push(['private']);
		const base = t.relay.syncUrl;
		const refused = async (url: string) => {
			const sock = rawSocket(url);
			return { ...(await sock.closed), messages: sock.messages.length };
		};
		expect(await refused(`${base}/${SUB}?token=${t.token('other-team', 'owner')}`)).toEqual({
			code: 4403,
			reason: 'token is for another workspace',
			messages: 0
		});
		// The other workspace's token does not open a room of this one by naming it as a part.
		expect(await refused(`${base}/other-team/${W}?token=${t.token(W, 'owner')}`)).toMatchObject({ code: 4403, messages: 0 });
		const good = t.token(W, 'owner');
		for (const part of ['Act-2026', '-act', 'act_2026', 'a'.repeat(41), 'act%2F2026', '%E2%82%AC']) {
			expect(await refused(`${base}/${W}/${part}?token=${good}`)).toEqual({ code: 4400, reason: 'invalid room name', messages: 0 });
		}
		expect(await refused(`${base}/${W}/act/2026?token=${good}`)).toMatchObject({ code: 1006, messages: 0 });
		expect(await refused(`${base}/${W}/act-2026q3?token=garbage`)).toMatchObject({ code: 4401, messages: 0 });
		// A part of 40 characters is fine.
		const longest = rawSocket(`${base}/${W}/${'a'.repeat(40)}?token=${good}`);
		await waitFor(() => longest.messages.length > 0, 'the greeting');
		longest.ws.close();
	});

	it("closes a member's sockets in every room of the workspace on revocation and on a role change", async () => {
		t = await startTestRelay();
		const token = t.token(W, 'editor', 'rep');
		const rooms = [W, SUB, `${W}/act-2026q4`];
		const open = rooms.map((room) => client(room, token));
		const bystander = client(SUB, t.token(W, 'owner', 'boss'));
		await Promise.all([...open, bystander].map(synced));

		// Demoted: every room closes with 4000, and the reconnected sockets are viewers.
		const roleClosed = open.map(closedWith);
		t.relay.access.setRole(W, 'rep', 'viewer');
		expect((await Promise.all(roleClosed)).map((e) => e.code)).toEqual([4000, 4000, 4000]);
		await waitFor(() => t!.relay.connections().filter((c) => c.member === 'rep').length === 3, 'the reconnects');
		expect(t.relay.connections().filter((c) => c.member === 'rep').map((c) => c.role)).toEqual(['viewer', 'viewer', 'viewer']);
		open[1].doc.getArray('activities').push(['from a viewer']);
		await waitFor(() => t!.relay.metrics.viewerUpdatesDropped >= 1, 'the viewer write to be dropped');
		expect(t.relay.rooms.loaded(SUB)!.doc.getArray('activities').length).toBe(0);

		// Revoked: every room closes with 4403 and the provider stops.
		const revoked = open.map((c) => new Promise<{ code: number }>((resolve) => c.provider.on('closed', resolve)));
		t.relay.access.revokeMember(W, 'rep');
		expect((await Promise.all(revoked)).map((e) => e.code)).toEqual([4403, 4403, 4403]);
		expect(open.every((c) => !c.provider.shouldConnect)).toBe(true);
		await waitFor(() => t!.relay.connections().length === 1, 'the sockets to end');
		expect(t.relay.connections()[0].member).toBe('boss');
		expect(bystander.provider.wsconnected).toBe(true);
	});

	it('counts the connection cap per room and unloads an idle sub-room on its own', async () => {
		t = await startTestRelay({ maxConnectionsPerRoom: 1, roomIdleMs: 30 });
		const token = t.token(W, 'editor');
		const main = client(W, token);
		const sub = client(SUB, token);
		await Promise.all([main, sub].map(synced));
		const extra = rawSocket(`${t.relay.syncUrl}/${SUB}?token=${token}`);
		expect(await extra.closed).toEqual({ code: 1013, reason: 'room is full' });

		sub.destroy();
		await waitFor(() => t!.relay.metrics.roomsUnloaded === 1, 'the sub-room to unload');
		expect(t.relay.rooms.loaded(SUB)).toBeUndefined();
		expect(t.relay.rooms.loaded(W)).toBeDefined();
	});

	it("keeps a sub-room's data across a restart and through backup → restore", { timeout: 20000 }, async () => {
		t = await startTestRelay();
		const token = t.token(W, 'owner');
		const writer = client(SUB, token);
		const main = client(W, token);
		await Promise.all([writer, main].map(synced));
		writer.doc.transact(() => {
			for (let i = 0; i < 20; i++) writer.doc.getMap('activities').set(`a${i}`, { note: `通话 ${i}` });
		});
		main.doc.getMap('customers').set('c1', 'Acme');
		await waitFor(() => t!.relay.metrics.acksSent >= 2, 'the acknowledgements');
		const expected = writer.doc.getMap('activities').toJSON();
		for (const c of clients) c.destroy();
		clients = [];
		await t.close(true);

		t = await startTestRelay({ dataDir: t.dataDir });
		const reader = client(SUB, token);
		await synced(reader);
		expect(reader.doc.getMap('activities').toJSON()).toEqual(expected);
		expect(reader.doc.getMap('customers').size).toBe(0);
		expect((await t.relay.storage.roomNames()).sort()).toEqual([W, SUB]);

		// A backup carries every room of the workspace; the restored relay serves them.
		const file = path.join(tempDir(), 'backup.jsonl');
		dirs.push(path.dirname(file), t.dataDir);
		await t.relay.rooms.flushAll();
		const backup = await writeBackupFile(backupLines({ storage: t.relay.storage, dataDir: t.dataDir }), file);
		expect(backup.rooms.map((r) => r.name).sort()).toEqual([W, SUB]);
		const target = tempDir();
		dirs.push(target);
		const storage = await Storage.open({ dataDir: target });
		await restoreBackup({ storage, dataDir: target, backup: await readBackupFile(file) });
		await storage.close();
		for (const c of clients) c.destroy();
		clients = [];
		await t.close(true);
		t = await startTestRelay({ dataDir: target });
		const restored = client(SUB, token);
		await synced(restored);
		expect(restored.doc.getMap('activities').toJSON()).toEqual(expected);
	});
});
