// Shared fixtures for the relay tests: a real relay on an ephemeral loopback port with a
// temporary data directory, stock y-websocket clients, raw protocol sockets, and polling.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { DEFAULTS, type RelayOptions } from '../../relay/config.js';
import { createLogger } from '../../relay/log.js';
import { startRelay, type Relay } from '../../relay/server.js';
import type { Role } from '../../relay/tokens.js';

export interface TestRelay {
	relay: Relay;
	dataDir: string;
	/** Every log line the relay wrote, parsed. */
	logs: Record<string, unknown>[];
	token(workspace: string, role: Role, member?: string): string;
	/** Stop the relay (idempotent); `keepData` leaves the data directory for a restart. */
	close(keepData?: boolean): Promise<void>;
}

export function tempDir(prefix = 'rapport-relay-'): string {
	return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Start a relay on 127.0.0.1 with a fresh (or the given) data directory. */
export async function startTestRelay(overrides: Partial<RelayOptions> = {}): Promise<TestRelay> {
	const dataDir = overrides.dataDir ?? tempDir();
	const logs: Record<string, unknown>[] = [];
	const relay = await startRelay(
		{ ...structuredClone(DEFAULTS), port: 0, host: '127.0.0.1', logLevel: 'debug', ...overrides, dataDir },
		{ log: createLogger({ level: 'debug', write: (line) => void logs.push(JSON.parse(line)) }) }
	);
	let closed = false;
	return {
		relay,
		dataDir,
		logs,
		token: (workspace, role, member) => relay.access.issueToken({ workspace, role, member }).token,
		async close(keepData = false) {
			if (!closed) await relay.close();
			closed = true;
			if (!keepData) rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

export interface TestClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	destroy(): void;
}

/** A stock y-websocket client, exactly as an app would create it (minus the browser). */
export function stockClient(syncUrl: string, workspace: string, token: string, doc = new Y.Doc()): TestClient {
	const provider = new WebsocketProvider(syncUrl, workspace, doc, {
		params: { token },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 200
	});
	return {
		doc,
		provider,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/**
 * A relay and stock clients per test, all closed after each one. Call at the top level of a
 * test file: `const fixture = relayPerTest();`, then `await fixture.start()` in a test.
 */
export function relayPerTest(): {
	start(overrides?: Partial<RelayOptions>): Promise<TestRelay>;
	client(workspace: string, token: string): TestClient;
} {
	let relay: TestRelay | null = null;
	const clients: TestClient[] = [];
	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		await relay?.close();
		relay = null;
	});
	return {
		start: async (overrides) => (relay = await startTestRelay(overrides)),
		client(workspace, token) {
			const c = stockClient(relay!.relay.syncUrl, workspace, token);
			clients.push(c);
			return c;
		}
	};
}

/** Resolve once `check` holds, polling; reject with `what` after `timeout` ms. */
export async function waitFor(check: () => boolean, what: string, timeout = 5000): Promise<void> {
	const until = Date.now() + timeout;
	while (!check()) {
		if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

export function synced(client: TestClient): Promise<void> {
	return waitFor(() => client.provider.synced, 'the client to sync');
}

/** A websocket that records every message and the close, for protocol-level checks. */
export interface RawSocket {
	ws: WebSocket;
	messages: Uint8Array[];
	closed: Promise<{ code: number; reason: string }>;
	opened: Promise<void>;
}

export function rawSocket(url: string, options: WebSocket.ClientOptions = {}): RawSocket {
	const ws = new WebSocket(url, options);
	const messages: Uint8Array[] = [];
	ws.on('message', (data) => messages.push(new Uint8Array(data as Buffer)));
	ws.on('error', () => {});
	const closed = new Promise<{ code: number; reason: string }>((resolve) =>
		ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
	);
	const opened = new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('close', () => reject(new Error('closed before opening')));
	});
	opened.catch(() => {});
	return { ws, messages, closed, opened };
}

/** The sync sub-message of a relay message, if it is one: [syncType, payload]. */
export function readSync(message: Uint8Array): { syncType: number; payload: Uint8Array } | null {
	const decoder = decoding.createDecoder(message);
	if (decoding.readVarUint(decoder) !== 0) return null;
	const syncType = decoding.readVarUint(decoder);
	return { syncType, payload: decoding.readVarUint8Array(decoder) };
}

/** A small deterministic PRNG (mulberry32), so random tests replay exactly. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Same content and same state vector. */
export function sameDoc(a: Y.Doc, b: Y.Doc): boolean {
	return (
		Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b))) &&
		JSON.stringify(snapshot(a)) === JSON.stringify(snapshot(b))
	);
}

/** The doc's content in the shape the tests use. */
export function snapshot(doc: Y.Doc): unknown {
	return {
		// Map key order depends on each replica's history; compare sorted.
		customers: Object.fromEntries(Object.entries(doc.getMap('customers').toJSON()).sort(([a], [b]) => (a < b ? -1 : 1))),
		log: doc.getArray('log').toJSON(),
		notes: doc.getText('notes').toString()
	};
}
