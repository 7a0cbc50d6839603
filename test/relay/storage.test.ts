// The store's group commit: concurrent appends across rooms, interleaved with loads and
// compaction (which rewrite a room's keys), lose nothing and survive reopening.

import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LeveldbPersistence } from 'y-leveldb';
import * as Y from 'yjs';
import { Storage, STORE_DIR, StoreLockedError } from '../../relay/storage.js';
import { tempDir } from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
	for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('relay storage', () => {
	it('keeps every concurrently appended update across rooms, loads and compactions', async () => {
		const dataDir = tempDir();
		dirs.push(dataDir);
		const storage = await Storage.open({ dataDir });
		await expect(Storage.open({ dataDir })).rejects.toBeInstanceOf(StoreLockedError);

		const docs = Array.from({ length: 5 }, () => new Y.Doc());
		const writes: Promise<unknown>[] = [];
		for (let i = 0; i < 300; i++) {
			const n = i % docs.length;
			const room = `room-${n}`;
			docs[n].once('update', (u: Uint8Array) => writes.push(storage.store(room, u)));
			docs[n].getMap('customers').set(`c${i}`, i);
			if (i % 37 === 5) writes.push(storage.compact(room));
			if (i % 53 === 20) writes.push(storage.load(room).then((d) => d.destroy()));
			// Let some batches commit, so later ones meet cached clocks and compacted rooms.
			if (i % 10 === 9) await Promise.all(writes.slice(-4));
		}
		await Promise.all(writes);
		expect((await storage.roomNames()).sort()).toEqual(docs.map((_, n) => `room-${n}`));
		await storage.close();

		const reopened = await Storage.open({ dataDir });
		for (const [n, doc] of docs.entries()) {
			const stored = new Y.Doc();
			Y.applyUpdate(stored, await reopened.readState(`room-${n}`));
			expect(stored.getMap('customers').toJSON()).toEqual(doc.getMap('customers').toJSON());
		}
		await reopened.close();
	});

	it('writes the first updates of hundreds of new rooms in one batch, listed and readable as y-leveldb stores them', async () => {
		const dataDir = tempDir();
		dirs.push(dataDir);
		const storage = await Storage.open({ dataDir });
		const docs = Array.from({ length: 300 }, () => new Y.Doc());
		const rooms = docs.map((_, n) => `team-${n}/act-2026q3`);
		const store = (n: number, write: (doc: Y.Doc) => void) => {
			let update: Uint8Array = new Uint8Array();
			docs[n].once('update', (u: Uint8Array) => (update = u));
			write(docs[n]);
			return storage.store(rooms[n], update);
		};
		await Promise.all(docs.map((_, n) => store(n, (d) => d.getMap('activities').set('first', n))));
		await Promise.all(docs.map((_, n) => store(n, (d) => d.getMap('activities').set('second', n))));
		expect((await storage.roomNames()).sort()).toEqual([...rooms].sort());
		await storage.compact(rooms[7]);
		await store(7, (d) => d.getMap('activities').set('third', 7));
		for (const n of [0, 7, 299]) {
			const stored = new Y.Doc();
			Y.applyUpdate(stored, await storage.readState(rooms[n]));
			expect(stored.getMap('activities').toJSON()).toEqual(docs[n].getMap('activities').toJSON());
		}
		await storage.close();
	});

	it("records a new room's state vector as given by its room, as y-leveldb would have", async () => {
		const dataDir = tempDir();
		dirs.push(dataDir);
		const storage = await Storage.open({ dataDir });
		const doc = new Y.Doc();
		doc.getMap('customers').set('c1', { name: '王芳' });
		doc.getText('notes').insert(0, 'first');
		const update = Y.encodeStateAsUpdate(doc);
		await storage.store('team-sv', update, Y.encodeStateVector(doc));
		await storage.close();
		const persistence = new LeveldbPersistence(path.join(dataDir, STORE_DIR));
		try {
			const recorded = Y.decodeStateVector(await persistence.getStateVector('team-sv'));
			expect(recorded).toEqual(Y.decodeStateVector(Y.encodeStateVector(doc)));
			expect(await persistence.getAllDocNames()).toEqual(['team-sv']);
		} finally {
			await persistence.destroy();
		}
	});

	it('loads a room with a damaged stored update, leaving out only that update and saying so', async () => {
		const dataDir = tempDir();
		dirs.push(dataDir);
		const storage = await Storage.open({ dataDir });
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		doc.getMap('customers').set('a', 'Acme');
		doc.getMap('customers').set('b', 'Blue Sky Trading with a longer name');
		// Another member's edit (updates after the damaged one from the same client would wait
		// for it, as after any gap).
		const other = new Y.Doc();
		other.on('update', (u: Uint8Array) => updates.push(u));
		other.getMap('customers').set('c', 'Cloud Nine');
		// The second update cut short: Yjs cannot read it.
		const damaged = updates[1].slice(0, Math.floor(updates[1].length / 2));
		expect(() => Y.applyUpdate(new Y.Doc(), damaged)).toThrow();
		for (const u of [updates[0], damaged, updates[2]]) await storage.store('room', u);
		const reports: Array<[number, number]> = [];
		const loaded = await storage.load('room', (skipped, stored) => reports.push([skipped, stored]));
		expect(reports).toEqual([[1, 3]]);
		expect(loaded.getMap('customers').get('a')).toBe('Acme');
		expect(loaded.getMap('customers').get('c')).toBe('Cloud Nine');
		expect(loaded.getMap('customers').has('b')).toBe(false);
		// A room whose updates all apply is loaded as before, without a report.
		await storage.store('fine', updates[0]);
		const fine = await storage.load('fine', () => reports.push([-1, -1]));
		expect(fine.getMap('customers').get('a')).toBe('Acme');
		expect(reports).toHaveLength(1);
		await storage.close();
	});
});
