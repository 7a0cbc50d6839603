// The JSON backup: every collection, the settings and the change log, in a generic,
// versioned format (documented in docs/BACKUP.md). Collections this version does not
// know are exported and restored the same way, so the format never needs to change
// when a collection is added.
import type * as Y from 'yjs';
import type { Deletion, FieldEdit, RecordMeta } from '../domain/record';
import type { Collection, Loaded } from './collection';
import type { HistoryEntry } from './history';
import { COLLECTIONS, DELETED_FIELD, encodeBase, fieldKey, HISTORY, ORIGIN, overlayName, SETTINGS } from './schema';
import type { WorkspaceStore } from './workspace';

export const BACKUP_FORMAT = 'rapport.backup';
export const BACKUP_VERSION = 1;

export interface BackupFile {
	format: typeof BACKUP_FORMAT;
	version: number;
	exportedAt: string;
	workspace: { id: string; name: string; schemaVersion: number };
	settings: Record<string, unknown>;
	/** Records as read (edits applied); a record in the Trash carries `_deleted`. */
	collections: Record<string, Array<Record<string, unknown>>>;
	history: HistoryEntry[];
}

export type BackupError =
	| { code: 'notJson' }
	| { code: 'notBackup' }
	| { code: 'newerVersion'; version: number }
	| { code: 'badRecord'; collection: string; index: number };

/** One record as the backup writes it: its fields, and `_deleted` when it is in the Trash. */
export function backupRow(l: Loaded<RecordMeta>): Record<string, unknown> {
	return l.deletion ? { ...l.record, _deleted: l.deletion } : { ...l.record };
}

/** Every record of a collection (in any document) as backup rows. */
export function backupRows(coll: Collection<RecordMeta>): Array<Record<string, unknown>> {
	const rows: Array<Record<string, unknown>> = [];
	for (const id of coll.ids()) {
		const l = coll.load(id);
		if (l) rows.push(backupRow(l));
	}
	return rows;
}

/** The workspace as a backup object. */
export function exportBackup(ws: WorkspaceStore, workspaceId: string, collections: readonly string[] = COLLECTIONS): BackupFile {
	const out: BackupFile['collections'] = {};
	for (const name of collections) {
		const coll = ws.collection(name);
		out[name] = coll ? backupRows(coll) : [];
	}
	return {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		exportedAt: new Date().toISOString(),
		workspace: { id: workspaceId, name: ws.name, schemaVersion: ws.schemaVersion },
		settings: ws.settings.toJSON(),
		collections: out,
		history: [...ws.history.map.values()]
	};
}

/** Parses and checks a backup file's text; nothing is written. */
export function parseBackup(text: string): { ok: true; value: BackupFile } | { ok: false; error: BackupError } {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return { ok: false, error: { code: 'notJson' } };
	}
	const d = data as Partial<BackupFile> | null;
	if (!d || typeof d !== 'object' || d.format !== BACKUP_FORMAT || typeof d.version !== 'number' || !d.collections || typeof d.collections !== 'object') {
		return { ok: false, error: { code: 'notBackup' } };
	}
	if (d.version > BACKUP_VERSION) return { ok: false, error: { code: 'newerVersion', version: d.version } };
	for (const [name, rows] of Object.entries(d.collections)) {
		if (!Array.isArray(rows)) return { ok: false, error: { code: 'badRecord', collection: name, index: -1 } };
		for (let i = 0; i < rows.length; i++) {
			const r = rows[i];
			if (!r || typeof r !== 'object' || typeof r.id !== 'string' || !r.id) {
				return { ok: false, error: { code: 'badRecord', collection: name, index: i } };
			}
		}
	}
	return {
		ok: true,
		value: {
			...(d as BackupFile),
			settings: d.settings && typeof d.settings === 'object' ? d.settings : {},
			history: Array.isArray(d.history) ? d.history : []
		}
	};
}

/**
 * Writes a parsed backup into an (empty) workspace document in one transaction. Collections
 * named in `elsewhere` live in other documents and are left to `restoreCollection`.
 */
export function restoreBackup(doc: Y.Doc, backup: BackupFile, elsewhere: readonly string[] = []): Record<string, number> {
	const counts: Record<string, number> = {};
	const skip = new Set(elsewhere);
	doc.transact(() => {
		const settings = doc.getMap(SETTINGS);
		for (const [k, v] of Object.entries(backup.settings)) settings.set(k, v);
		if (!settings.has('name')) settings.set('name', backup.workspace?.name ?? '');
		for (const [name, rows] of Object.entries(backup.collections)) {
			if (skip.has(name)) continue;
			writeRows(doc, name, rows);
			counts[name] = rows.length;
		}
		const history = doc.getMap<HistoryEntry>(HISTORY);
		for (const e of backup.history) if (e && typeof e.id === 'string' && !skip.has(e.c)) history.set(e.id, e);
	}, ORIGIN.restore);
	return counts;
}

/** Writes one collection's backup rows and their history into a document. */
export function restoreCollection(doc: Y.Doc, name: string, rows: Array<Record<string, unknown>>, history: HistoryEntry[]): void {
	doc.transact(() => {
		writeRows(doc, name, rows);
		const log = doc.getMap<HistoryEntry>(HISTORY);
		for (const e of history) if (e && typeof e.id === 'string') log.set(e.id, e);
	}, ORIGIN.restore);
}

function writeRows(doc: Y.Doc, name: string, rows: Array<Record<string, unknown>>) {
	const base = doc.getMap<string>(name);
	const edits = doc.getMap<FieldEdit>(overlayName(name));
	for (const row of rows) {
		const { _deleted, ...record } = row as Record<string, unknown> & { _deleted?: Deletion };
		base.set(String(record.id), encodeBase(record));
		if (_deleted) {
			edits.set(fieldKey(String(record.id), DELETED_FIELD), { v: _deleted, at: _deleted.at, by: _deleted.by });
		}
	}
}
