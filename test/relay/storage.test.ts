// The store's group commit: concurrent appends across rooms, interleaved with loads and
// compaction (which rewrite a room's keys), lose nothing and survive reopening.

import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Storage, StoreLockedError } from '../../relay/storage.js';
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
});
