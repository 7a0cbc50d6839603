// A few promise wrappers over IndexedDB for the small key/value stores Rapport keeps
// beside the Yjs update log (the list projection). Works in windows and workers.

/** Opens (creating if needed) a database with one key/value object store named "kv". */
export function openKv(name: string): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.open(name, 1);
		req.onupgradeneeded = () => req.result.createObjectStore('kv');
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

export function kvGet<T>(db: IDBDatabase, key: string): Promise<T | undefined> {
	return new Promise((resolve, reject) => {
		const req = db.transaction('kv', 'readonly').objectStore('kv').get(key);
		req.onsuccess = () => resolve(req.result as T | undefined);
		req.onerror = () => reject(req.error);
	});
}

/**
 * Reads one key of a key/value database and closes it again, for a reader that needs a single
 * value (the main thread's saved first screen) without holding the database open.
 */
export async function kvReadOnce<T>(name: string, key: string): Promise<T | undefined> {
	const db = await openKv(name);
	try {
		return await kvGet<T>(db, key);
	} finally {
		db.close();
	}
}

/** Writes several keys in one transaction: all of them are stored, or none. */
export function kvPutAll(db: IDBDatabase, entries: Record<string, unknown>): Promise<void> {
	return new Promise((resolve, reject) => {
		const tx = db.transaction('kv', 'readwrite');
		const store = tx.objectStore('kv');
		for (const [k, v] of Object.entries(entries)) store.put(v, k);
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error);
		tx.onabort = () => reject(tx.error ?? new DOMException('Transaction aborted', 'AbortError'));
	});
}

export function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.deleteDatabase(name);
		req.onsuccess = () => resolve();
		req.onerror = () => reject(req.error);
		// Another tab still has it open: it is deleted once that tab closes it.
		req.onblocked = () => resolve();
	});
}

/** Database names a workspace uses on this device. */
export const dbNames = (workspaceId: string) => ({
	doc: `rapport-ws-${workspaceId}`,
	list: `rapport-list-${workspaceId}`
});

/** Deletes every database of a workspace: its documents (main and partitions) and its list. */
export async function deleteWorkspaceData(workspaceId: string): Promise<void> {
	const names = dbNames(workspaceId);
	const all = new Set([names.doc, names.list]);
	// Activity partitions are "<doc>~<period>"; the browser lists them where it can.
	const known = (await indexedDB.databases?.().catch(() => [])) ?? [];
	for (const d of known) if (d.name?.startsWith(`${names.doc}~`)) all.add(d.name);
	await Promise.all([...all].map(deleteDatabase));
}
