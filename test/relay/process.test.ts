// The relay as operators run it: the compiled entry point in its own process. The token CLI
// through npm, `kill -9` in the middle of a stream of writes, SIGTERM, and backup → restore.

import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { Access } from '../../relay/access.js';
import { Storage } from '../../relay/storage.js';
import { loadSecret } from '../../relay/tokens.js';
import { snapshot, stockClient, synced, tempDir, waitFor, type TestClient } from './helpers.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const main = path.join(root, 'relay/dist/relay/main.js');
const dirs: string[] = [];
const children: ChildProcess[] = [];

function dir(): string {
	const d = tempDir();
	dirs.push(d);
	return d;
}

beforeAll(() => {
	execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'relay'], { cwd: root });
}, 60000);

afterAll(() => {
	for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface RelayProcess {
	child: ChildProcess;
	syncUrl: string;
	origin: string;
	exited: Promise<number | null>;
}

/** Start `node relay/dist/relay/main.js` and wait for its "relay listening" log line. */
async function spawnRelay(dataDir: string, args: string[] = []): Promise<RelayProcess> {
	const child = spawn(process.execPath, [main, '--port', '0', '--data', dataDir, ...args], {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, RELAY_SECRET: '' }
	});
	children.push(child);
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	const origin = await new Promise<string>((resolve, reject) => {
		let buffered = '';
		child.stderr!.on('data', (chunk: Buffer) => {
			buffered += chunk.toString();
			for (const line of buffered.split('\n')) {
				if (line.includes('"relay listening"')) resolve(JSON.parse(line).origin);
			}
		});
		child.once('exit', (code) => reject(new Error(`relay exited with ${code}: ${buffered}`)));
	});
	return { child, origin, syncUrl: origin.replace(/^http/, 'ws') + '/sync', exited };
}

function cli(args: string[]) {
	return run(process.execPath, [main, ...args], { env: { ...process.env, RELAY_SECRET: '' } }).then(
		({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
		(err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr })
	);
}

function token(dataDir: string, workspace: string, role: 'owner' | 'editor' | 'viewer'): string {
	return new Access({ dataDir, secret: loadSecret({ dataDir }) }).issueToken({ workspace, role }).token;
}

function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint(e, syncType);
	encoding.writeVarUint8Array(e, payload);
	return encoding.toUint8Array(e);
}

/**
 * A client that speaks the protocol by hand, as Rapport's own provider does, so the test can
 * see acknowledgements: every sync step 1 from the relay is recorded, then answered.
 */
function ackingWriter(url: string) {
	const doc = new Y.Doc();
	const ws = new WebSocket(url);
	ws.on('error', () => {});
	const state = { acked: 0, doc, ws };
	ws.on('message', (data: Buffer) => {
		const d = decoding.createDecoder(new Uint8Array(data));
		if (decoding.readVarUint(d) !== 0) return;
		const syncType = decoding.readVarUint(d);
		const payload = decoding.readVarUint8Array(d);
		if (syncType === 0) {
			state.acked = Math.max(state.acked, Y.decodeStateVector(payload).get(doc.clientID) ?? 0);
			ws.send(syncFrame(1, Y.encodeStateAsUpdate(doc, payload)));
		} else {
			Y.applyUpdate(doc, payload, 'relay');
		}
	});
	doc.on('update', (u: Uint8Array, origin: unknown) => {
		if (origin !== 'relay' && ws.readyState === WebSocket.OPEN) ws.send(syncFrame(2, u));
	});
	const opened = new Promise<void>((resolve) => ws.once('open', () => resolve()));
	return { ...state, get acked() { return state.acked; }, opened };
}

async function fetchDoc(syncUrl: string, workspace: string, tok: string): Promise<TestClient> {
	const client = stockClient(syncUrl, workspace, tok);
	await synced(client);
	return client;
}

describe('relay process', () => {
	it('token CLI prints only the token, and works while the relay runs', { timeout: 60000 }, async () => {
		const data = dir();
		const relay = await spawnRelay(data);
		const args = ['--data', data, '--workspace', 'team-cli', '--role', 'editor', '--name', 'Wang'];
		const { stdout } = await run('npm', ['run', '--silent', 'relay', '--', 'token', ...args], {
			cwd: root,
			env: { ...process.env, RELAY_SECRET: '' }
		});
		expect(stdout).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\n$/);
		const client = await fetchDoc(relay.syncUrl, 'team-cli', stdout.trim());
		client.destroy();
		const bad = await cli(['token', '--data', data, '--workspace', 'team-cli', '--role', 'boss']);
		expect(bad).toMatchObject({ code: 1, stdout: '', stderr: 'relay: --role must be owner, editor or viewer (got "boss")\n' });
		relay.child.kill('SIGTERM');
		expect(await relay.exited).toBe(0);
	});

	it('kill -9 during a stream of writes loses nothing that was acknowledged', { timeout: 60000 }, async () => {
		const data = dir();
		const W = 'team-crash';
		const relay = await spawnRelay(data);
		const url = `${relay.syncUrl}/${W}?token=${token(data, W, 'editor')}`;
		const writers = [ackingWriter(url), ackingWriter(url)];
		await Promise.all(writers.map((w) => w.opened));
		let i = 0;
		const stream = setInterval(() => {
			for (const [n, w] of writers.entries()) w.doc.getMap('customers').set(`w${n}-${i}`, i);
			i++;
		}, 1);
		await waitFor(() => writers.every((w) => w.acked >= 150), 'acknowledgements', 20000);
		relay.child.kill('SIGKILL');
		await relay.exited;
		clearInterval(stream);
		const acked = writers.map((w) => w.acked);
		const written = writers.map((w) => w.doc.getMap('customers').size);
		for (const w of writers) w.ws.terminate();

		const restarted = await spawnRelay(data);
		const reader = await fetchDoc(restarted.syncUrl, W, token(data, W, 'viewer'));
		const customers = reader.doc.getMap('customers');
		writers.forEach((w, n) => {
			const served = Y.decodeStateVector(Y.encodeStateVector(reader.doc)).get(w.doc.clientID) ?? 0;
			expect(served).toBeGreaterThanOrEqual(acked[n]);
			// Each set is one item, so the first `acked` writes are exactly w{n}-0 … w{n}-(acked-1).
			for (let k = 0; k < acked[n]; k++) expect(customers.get(`w${n}-${k}`)).toBe(k);
		});
		expect(written.every((n, k) => n >= acked[k])).toBe(true);
		reader.destroy();
		restarted.child.kill('SIGTERM');
		expect(await restarted.exited).toBe(0);
	});

	it('SIGTERM stores what it received, closes clients with 1001 and exits 0', { timeout: 60000 }, async () => {
		const data = dir();
		const W = 'team-term';
		// Flushes would normally wait 5 s: only the shutdown can have stored these writes.
		const relay = await spawnRelay(data, ['--flush-ms', '5000']);
		const writer = ackingWriter(`${relay.syncUrl}/${W}?token=${token(data, W, 'editor')}`);
		await writer.opened;
		for (let k = 0; k < 100; k++) writer.doc.getMap('customers').set(`k${k}`, k);
		// A pong comes back after the relay has handled everything sent before the ping.
		await new Promise<void>((resolve) => {
			writer.ws.once('pong', () => resolve());
			writer.ws.ping();
		});
		expect(writer.acked).toBe(0);
		const closed = new Promise<number>((resolve) => writer.ws.once('close', (code) => resolve(code)));
		relay.child.kill('SIGTERM');
		expect(await relay.exited).toBe(0);
		expect(await closed).toBe(1001);
		expect(writer.acked).toBe(100);

		const restarted = await spawnRelay(data);
		const reader = await fetchDoc(restarted.syncUrl, W, token(data, W, 'viewer'));
		expect(reader.doc.getMap('customers').size).toBe(100);
		reader.destroy();
		restarted.child.kill('SIGTERM');
		await restarted.exited;
	});

	it('backup of a running relay → restore into a new data dir serves identical rooms', { timeout: 60000 }, async () => {
		const source = dir();
		const relay = await spawnRelay(source);
		const rooms = ['team-a', 'team-b', 'team-c'];
		const owners = Object.fromEntries(rooms.map((w) => [w, token(source, w, 'owner')]));
		const originals: TestClient[] = [];
		for (const [n, w] of rooms.entries()) {
			const c = await fetchDoc(relay.syncUrl, w, owners[w]);
			c.doc.transact(() => {
				for (let k = 0; k < 20 * (n + 1); k++) c.doc.getMap('customers').set(`c${k}`, { name: `客户 ${k}`, room: w });
				c.doc.getText('notes').insert(0, `notes of ${w}`);
				c.doc.getArray('log').push([{ at: n }]);
			});
			c.doc.getMap('customers').delete('c3');
			originals.push(c);
		}

		const file = path.join(dir(), 'backup.jsonl');
		const backup = await cli(['backup', '--data', source, '--out', file]);
		expect(backup).toMatchObject({ code: 0, stdout: '', stderr: `backed up 3 room(s) to ${file}\n` });

		const target = dir();
		expect(await cli(['restore', '--data', target, '--in', file])).toMatchObject({
			code: 0,
			stderr: `restored 3 room(s) into ${target}\n`
		});
		const again = await cli(['restore', '--data', target, '--in', file]);
		expect(again.code).toBe(1);
		expect(again.stderr).toContain('the store already holds 3 room(s)');
		const cut = path.join(dir(), 'cut.jsonl');
		writeFileSync(cut, readFileSync(file).subarray(0, 200));
		const truncated = await cli(['restore', '--data', dir(), '--in', cut]);
		expect(truncated.code).toBe(1);
		expect(truncated.stderr).toMatch(/incomplete|not valid JSON/);
		const locked = await cli(['restore', '--data', source, '--in', file, '--force']);
		expect(locked.stderr).toContain('stop the relay before restoring');

		for (const c of originals) c.destroy();
		relay.child.kill('SIGTERM');
		await relay.exited;

		// The restored relay accepts the old tokens (secret and members came along).
		const restored = await spawnRelay(target);
		for (const [n, w] of rooms.entries()) {
			const c = await fetchDoc(restored.syncUrl, w, owners[w]);
			expect(snapshot(c.doc)).toEqual(snapshot(originals[n].doc));
			expect(Y.encodeStateVector(c.doc)).toEqual(Y.encodeStateVector(originals[n].doc));
			c.destroy();
		}
		restored.child.kill('SIGTERM');
		await restored.exited;

		// Byte for byte, the stores hold the same rooms.
		const [a, b] = await Promise.all([Storage.open({ dataDir: source }), Storage.open({ dataDir: target })]);
		expect((await b.roomNames()).sort()).toEqual(rooms);
		for (const w of rooms) expect(await b.readState(w)).toEqual(await a.readState(w));
		await Promise.all([a.close(), b.close()]);
	});
});
