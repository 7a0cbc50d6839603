// Entry point of `npm run relay`: serve, or one of the operator commands (token, revoke,
// backup, restore). Errors a user can cause end with one line on stderr and exit code 1.

import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Access } from './access.js';
import { backupLines, readBackupFile, restoreBackup, writeBackupFile } from './backup.js';
import { checkFlags, parseArgs, required, USAGE } from './cli.js';
import { resolveOptions, SERVE_FLAGS } from './config.js';
import { createLogger } from './log.js';
import { RUNTIME_FILE, startRelay } from './server.js';
import { Storage, StoreLockedError } from './storage.js';
import { adminToken, isRole, loadSecret } from './tokens.js';

export interface Io {
	stdout: (text: string) => void;
	stderr: (text: string) => void;
	env: NodeJS.ProcessEnv;
}

const processIo: Io = {
	stdout: (t) => void process.stdout.write(t),
	stderr: (t) => void process.stderr.write(t),
	env: process.env
};

/** Run a one-shot command (not `serve`); resolves to the exit code. */
export async function runCommand(argv: string[], io: Io = processIo): Promise<number> {
	try {
		const { command, flags } = parseArgs(argv);
		const dataDir = (typeof flags.data === 'string' ? flags.data : undefined) ?? io.env.RELAY_DATA ?? './relay-data';
		switch (command) {
			case 'help':
				io.stdout(USAGE);
				return 0;
			case 'serve':
				throw new Error('runCommand does not serve; use startRelay');
			case 'token': {
				checkFlags(command, flags, ['data', 'workspace', 'role', 'member', 'name']);
				const workspace = required(flags, 'workspace', '(the workspace id)');
				const role = required(flags, 'role', '(owner, editor or viewer)');
				if (!isRole(role)) throw new Error(`--role must be owner, editor or viewer (got "${role}")`);
				const access = new Access({ dataDir, secret: loadSecret({ dataDir, envSecret: io.env.RELAY_SECRET }) });
				const member = typeof flags.member === 'string' ? flags.member : undefined;
				const name = typeof flags.name === 'string' ? flags.name : undefined;
				const { token } = access.issueToken({ workspace, role, member, name });
				io.stdout(token + '\n');
				return 0;
			}
			case 'revoke': {
				checkFlags(command, flags, ['data', 'workspace', 'member']);
				const workspace = required(flags, 'workspace', '(the workspace id)');
				const member = required(flags, 'member', '(the member id)');
				const access = new Access({ dataDir, secret: loadSecret({ dataDir, envSecret: io.env.RELAY_SECRET }) });
				access.revokeMember(workspace, member);
				io.stderr(`revoked member ${member} of workspace ${workspace}\n`);
				return 0;
			}
			case 'backup': {
				checkFlags(command, flags, ['data', 'out']);
				const out = required(flags, 'out', '(the backup file to write)');
				const backup = await backup_(dataDir, out, io);
				io.stderr(`backed up ${backup.rooms.length} room(s) to ${out}\n`);
				return 0;
			}
			case 'restore': {
				checkFlags(command, flags, ['data', 'in', 'force']);
				const file = required(flags, 'in', '(the backup file to read)');
				const backup = await readBackupFile(file);
				const storage = await Storage.open({ dataDir }).catch((err) => {
					throw err instanceof StoreLockedError ? new Error(`${err.message}; stop the relay before restoring`) : err;
				});
				try {
					const { rooms } = await restoreBackup({ storage, dataDir, backup, force: flags.force === true });
					io.stderr(`restored ${rooms} room(s) into ${dataDir}\n`);
				} finally {
					await storage.close();
				}
				return 0;
			}
		}
	} catch (err) {
		io.stderr(`relay: ${(err as Error).message}\n`);
		return 1;
	}
}

async function backup_(dataDir: string, out: string, io: Io) {
	let storage: Storage;
	try {
		storage = await Storage.open({ dataDir, fsync: false });
	} catch (err) {
		if (!(err instanceof StoreLockedError)) throw err;
		return writeBackupFile(fetchLiveBackup(dataDir, io), out);
	}
	try {
		return await writeBackupFile(backupLines({ storage, dataDir }), out);
	} finally {
		await storage.close();
	}
}

/** Ask the relay running on `dataDir` for its backup (it holds the store's lock). */
async function* fetchLiveBackup(dataDir: string, io: Io): AsyncGenerator<Buffer> {
	let runtime: { host: string; port: number; tls: boolean };
	try {
		runtime = JSON.parse(readFileSync(path.join(dataDir, RUNTIME_FILE), 'utf8'));
	} catch {
		throw new Error(`the store in ${dataDir} is locked but no running relay is recorded in ${RUNTIME_FILE}`);
	}
	const secret = loadSecret({ dataDir, envSecret: io.env.RELAY_SECRET });
	const host = runtime.host === '0.0.0.0' || runtime.host === '::' ? '127.0.0.1' : runtime.host;
	const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
		const req = (runtime.tls ? https : http).get(
			{
				host,
				port: runtime.port,
				path: '/admin/backup',
				headers: { authorization: `Bearer ${adminToken(secret, 'backup')}` },
				// The relay's own certificate may be self-signed; this is the local machine.
				rejectUnauthorized: false
			},
			resolve
		);
		req.on('error', (err) => reject(new Error(`could not reach the running relay at ${host}:${runtime.port}: ${err.message}`)));
	});
	if (response.statusCode !== 200) {
		response.resume();
		throw new Error(`the running relay refused the backup (HTTP ${response.statusCode})`);
	}
	for await (const chunk of response) yield chunk as Buffer;
}

async function serve(argv: string[]): Promise<void> {
	const { flags } = parseArgs(argv);
	checkFlags('serve', flags, SERVE_FLAGS);
	const options = resolveOptions(flags, process.env);
	const log = createLogger({ level: options.logLevel });
	const relay = await startRelay(options, { log });
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		log.info('stopping', { signal });
		setTimeout(() => {
			log.error('shutdown took longer than 15 s; exiting anyway');
			process.exit(1);
		}, 15_000).unref();
		relay.close().then(
			() => process.exit(0),
			(err) => {
				log.error('shutdown failed', { error: err });
				process.exit(1);
			}
		);
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));
}

async function main(argv: string[]): Promise<void> {
	let command: string;
	try {
		command = parseArgs(argv).command;
	} catch (err) {
		process.stderr.write(`relay: ${(err as Error).message}\n${USAGE}`);
		process.exit(2);
	}
	if (command !== 'serve') {
		process.exitCode = await runCommand(argv);
		return;
	}
	try {
		await serve(argv[0] === 'serve' ? argv.slice(1) : argv);
	} catch (err) {
		process.stderr.write(`relay: ${(err as Error).message}\n`);
		process.exit(1);
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	void main(process.argv.slice(2));
}

