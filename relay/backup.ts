// Backups: a consistent copy of every room (its whole state as one update) plus the access
// log and the file-based signing secret, as JSON lines:
//
//   {"format":"rapport-relay-backup","version":1,"createdAt":"…"}
//   {"kind":"room","name":"<workspace id>","state":"<base64 Yjs update>"}   one per room
//   {"kind":"access","text":"<access.jsonl>"}
//   {"kind":"secret","hex":"<secret file>"}        only when the secret is not from RELAY_SECRET
//   {"kind":"end","rooms":<count>}
//
// A file without its end line is refused, and a restore checks everything before it writes
// anything, so neither side is ever half-written.

import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ACCESS_FILE } from './access.js';
import type { Storage } from './storage.js';
import { SECRET_FILE } from './tokens.js';

const FORMAT = 'rapport-relay-backup';

export interface Backup {
	rooms: { name: string; state: Uint8Array }[];
	access?: string;
	secret?: string;
}

/** The backup of `storage` and the plain files of `dataDir`, line by line. */
export async function* backupLines({ storage, dataDir }: { storage: Storage; dataDir: string }): AsyncGenerator<string> {
	yield JSON.stringify({ format: FORMAT, version: 1, createdAt: new Date().toISOString() }) + '\n';
	const names = (await storage.roomNames()).sort();
	for (const name of names) {
		const state = await storage.readState(name);
		yield JSON.stringify({ kind: 'room', name, state: Buffer.from(state).toString('base64') }) + '\n';
	}
	const accessFile = path.join(dataDir, ACCESS_FILE);
	if (existsSync(accessFile)) yield JSON.stringify({ kind: 'access', text: readFileSync(accessFile, 'utf8') }) + '\n';
	const secretFile = path.join(dataDir, SECRET_FILE);
	if (existsSync(secretFile)) yield JSON.stringify({ kind: 'secret', hex: readFileSync(secretFile, 'utf8').trim() }) + '\n';
	yield JSON.stringify({ kind: 'end', rooms: names.length }) + '\n';
}

/** Write `lines` to `file` (via a temporary file, renamed once complete and readable). */
export async function writeBackupFile(lines: AsyncIterable<string | Buffer>, file: string): Promise<Backup> {
	const tmp = `${file}.partial`;
	const out = createWriteStream(tmp);
	try {
		for await (const line of lines) {
			if (!out.write(line)) await once(out, 'drain');
		}
		out.end();
		await once(out, 'finish');
		const backup = await readBackupFile(tmp);
		renameSync(tmp, file);
		return backup;
	} catch (err) {
		out.destroy();
		rmSync(tmp, { force: true });
		throw err;
	}
}

/** Read and check a backup file; throws naming the file and line of the first problem. */
export async function readBackupFile(file: string): Promise<Backup> {
	const backup: Backup = { rooms: [] };
	let lineNo = 0;
	let ended = false;
	const fail = (why: string) => new Error(`${file}, line ${lineNo}: ${why}`);
	const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
	for await (const line of lines) {
		lineNo += 1;
		if (!line.trim()) continue;
		if (ended) throw fail('data after the end line');
		let entry: Record<string, unknown>;
		try {
			entry = JSON.parse(line);
		} catch {
			throw fail('not valid JSON');
		}
		if (lineNo === 1) {
			if (entry.format !== FORMAT || entry.version !== 1) throw fail('not a Rapport relay backup (version 1)');
			continue;
		}
		switch (entry.kind) {
			case 'room':
				if (typeof entry.name !== 'string' || typeof entry.state !== 'string') throw fail('room without name or state');
				backup.rooms.push({ name: entry.name, state: new Uint8Array(Buffer.from(entry.state, 'base64')) });
				break;
			case 'access':
				if (typeof entry.text !== 'string') throw fail('access entry without text');
				backup.access = entry.text;
				break;
			case 'secret':
				if (typeof entry.hex !== 'string' || !/^[0-9a-f]{32,}$/i.test(entry.hex)) throw fail('malformed secret');
				backup.secret = entry.hex;
				break;
			case 'end':
				if (entry.rooms !== backup.rooms.length) {
					throw fail(`end line counts ${String(entry.rooms)} rooms but the file holds ${backup.rooms.length}`);
				}
				ended = true;
				break;
			default:
				throw fail(`unknown entry kind ${JSON.stringify(entry.kind)}`);
		}
	}
	if (lineNo === 0) throw new Error(`${file} is empty`);
	if (!ended) throw new Error(`${file} is incomplete (no end line): the backup was cut short`);
	return backup;
}

/**
 * Load `backup` into a data directory whose store is open in `storage` (the relay must not be
 * running on it). Without `force` the store must be empty and the secret and access log must
 * be absent or identical; with it, they are replaced.
 */
export async function restoreBackup({
	storage,
	dataDir,
	backup,
	force = false
}: {
	storage: Storage;
	dataDir: string;
	backup: Backup;
	force?: boolean;
}): Promise<{ rooms: number }> {
	const existing = await storage.roomNames();
	const accessFile = path.join(dataDir, ACCESS_FILE);
	const secretFile = path.join(dataDir, SECRET_FILE);
	const differs = (file: string, text: string | undefined, normalize = (s: string) => s) =>
		text !== undefined && existsSync(file) && normalize(readFileSync(file, 'utf8')) !== normalize(text);
	if (!force) {
		const problems: string[] = [];
		if (existing.length > 0) problems.push(`the store already holds ${existing.length} room(s)`);
		if (differs(secretFile, backup.secret, (s) => s.trim())) problems.push(`${secretFile} differs from the backup's`);
		if (differs(accessFile, backup.access) && readFileSync(accessFile, 'utf8').trim() !== '') {
			problems.push(`${accessFile} differs from the backup's`);
		}
		if (problems.length > 0) {
			throw new Error(`${problems.join('; ')}. Restore into an empty data directory, or pass --force to replace them.`);
		}
	}
	if (force) await storage.clearAll();
	for (const room of backup.rooms) await storage.store(room.name, room.state);
	await storage.sync();
	if (backup.secret !== undefined) writeAtomic(secretFile, backup.secret + '\n', 0o600);
	if (backup.access !== undefined) writeAtomic(accessFile, backup.access, 0o600);
	return { rooms: backup.rooms.length };
}

function writeAtomic(file: string, text: string, mode: number): void {
	const tmp = `${file}.restoring`;
	writeFileSync(tmp, text, { mode });
	renameSync(tmp, file);
}
