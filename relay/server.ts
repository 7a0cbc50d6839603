// The relay process: one HTTP(S) server for /healthz, /metrics, the API and the websocket
// upgrade at /sync/<workspace id>[/<part>]?token=…, with rooms, access control and storage
// wired in.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { Access } from './access.js';
import { backupLines } from './backup.js';
import type { RelayOptions } from './config.js';
import { Connection, type ConnectionContext } from './connection.js';
import { CORS_HEADERS, handleApi, sendJson } from './http-api.js';
import { createLogger, type Logger } from './log.js';
import { Metrics } from './metrics.js';
import { CLOSE } from './protocol.js';
import { PART_PATTERN, roomName, Rooms } from './rooms.js';
import { Storage } from './storage.js';
import { adminToken, isId, loadSecret, sameCredential } from './tokens.js';

/** `/sync/<workspace id>` (its main room) or `/sync/<workspace id>/<part>` (a sub-document room). */
const SYNC_PATH = /^\/sync\/([^/]+)(?:\/([^/]+))?$/;

/** What a websocket upgrade asks for, before it is checked. */
interface SyncTarget {
	workspace: string;
	part?: string;
	token: string | null;
}

/** A URL path segment, decoded; '' (never a valid id) if it does not decode. */
function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return '';
	}
}

/** The peer's address, IPv4-mapped IPv6 (`::ffff:1.2.3.4`) written as IPv4. */
function remoteAddress(req: IncomingMessage): string {
	const address = req.socket.remoteAddress ?? '';
	return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/** Written to the data dir while the relay runs, so the CLI can reach it for a live backup. */
export const RUNTIME_FILE = 'relay.json';

export interface Relay {
	readonly port: number;
	/** `http(s)://host:port` */
	readonly origin: string;
	/** `ws(s)://host:port/sync`: what a WebsocketProvider is given. */
	readonly syncUrl: string;
	readonly access: Access;
	readonly rooms: Rooms;
	readonly metrics: Metrics;
	readonly storage: Storage;
	/** Open websocket connections. */
	connections(): Connection[];
	/** Flush every room, close clients with 1001, close the store. */
	close(): Promise<void>;
}

export interface StartOptions {
	log?: Logger;
	/** Requests the relay does not answer itself (e.g. a static file server for the app). */
	fallback?: (req: IncomingMessage, res: ServerResponse) => void;
}

/** Start a relay with `options`; resolves once it listens. */
export async function startRelay(
	options: RelayOptions,
	{ log = createLogger({ level: options.logLevel }), fallback }: StartOptions = {}
): Promise<Relay> {
	const { dataDir } = options;
	mkdirSync(dataDir, { recursive: true });
	const secret = loadSecret({ dataDir, envSecret: options.secret });
	const storage = await Storage.open({ dataDir, fsync: options.fsync });
	const access = new Access({ dataDir, secret });
	const metrics = new Metrics();
	const rooms = new Rooms({
		storage,
		log,
		metrics,
		flushDelayMs: options.flushDelayMs,
		idleMs: options.roomIdleMs,
		compactEvery: options.compactEvery
	});
	const conns = new Set<Connection>();
	/** What one peer may leave unread: --max-buffered-bytes, or its share of --max-total-buffered-bytes. */
	const buffer = { limit: options.maxBufferedBytes };
	const shareBuffer = () => {
		const total = options.maxTotalBufferedBytes;
		const share = total > 0 ? Math.floor(total / Math.max(1, conns.size)) : Infinity;
		buffer.limit = Math.min(options.maxBufferedBytes, share);
	};
	/** What every connection is given (one object for all of them). */
	const connectionContext: ConnectionContext = {
		log,
		metrics,
		rateLimit: options.rateLimit,
		buffer,
		maxQueuedBytes: options.maxMessageBytes * 2,
		maxAwarenessBytes: options.maxAwarenessBytes
	};
	/** Open connections by remote address (for --max-ip-connections). */
	const perAddress = new Map<string, number>();
	let stopping = false;

	const forMember = (workspace: string, member: string) =>
		[...conns].filter((c) => c.workspace === workspace && c.member === member && !c.closed);
	const closeMember = (workspace: string, member: string, reason: string) => {
		const open = forMember(workspace, member);
		for (const c of open) c.close(CLOSE.forbidden, reason);
		return open.length;
	};
	access.onEvent((event) => {
		if (event.type === 'revoke') closeMember(event.workspace, event.member, 'member revoked');
		if (event.type === 'revoke-token') {
			for (const c of conns) if (c.tokenId === event.token) c.close(CLOSE.forbidden, 'token revoked');
		}
		if (event.type === 'role') {
			for (const c of forMember(event.workspace, event.member)) {
				c.role = event.role;
				// The app learns its new role when it reconnects (see CLOSE.roleChanged).
				c.close(CLOSE.roleChanged, 'role changed');
			}
			log.info('role changed', { room: event.workspace, member: event.member, role: event.role });
		}
	});
	access.watch();

	const wss = new WebSocketServer({
		noServer: true,
		maxPayload: options.maxMessageBytes,
		// Compression costs CPU on every message and invites decompression bombs.
		perMessageDeflate: false,
		clientTracking: false
	});
	const admin = adminToken(secret, 'backup');

	const gauges = () => ({
		rooms: rooms.loadedCount,
		connections: conns.size
	});

	async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://relay');
		if (req.method === 'OPTIONS') {
			res.writeHead(204, CORS_HEADERS);
			res.end();
			return;
		}
		if (url.pathname === '/healthz') {
			sendJson(res, stopping ? 503 : 200, { ok: !stopping, ...gauges() });
			return;
		}
		if (url.pathname === '/metrics') {
			sendJson(res, 200, metrics.snapshot(gauges()));
			return;
		}
		if (url.pathname === '/admin/backup') {
			const header = req.headers.authorization ?? '';
			if (!sameCredential(header, `Bearer ${admin}`)) {
				sendJson(res, 401, { error: 'admin credential required' });
				return;
			}
			await rooms.flushAll();
			res.writeHead(200, { 'content-type': 'application/x-ndjson' });
			for await (const line of backupLines({ storage, dataDir })) {
				if (!res.write(line)) await new Promise((resolve) => res.once('drain', resolve));
			}
			res.end();
			log.info('backup served');
			return;
		}
		const ctx = {
			access,
			onlineCount: (w: string, m: string) => forMember(w, m).length,
			closeMember: (w: string, m: string) => closeMember(w, m, 'member revoked')
		};
		if (await handleApi(req, res, url, ctx)) return;
		if (fallback) return fallback(req, res);
		sendJson(res, 404, { error: `not found: ${url.pathname}` });
	}

	function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
		const url = new URL(req.url ?? '/', 'http://relay');
		const match = SYNC_PATH.exec(url.pathname);
		if (!match || stopping) {
			const status = stopping ? '503 Service Unavailable' : '404 Not Found';
			socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
			return;
		}
		const [workspace = '', part] = match.slice(1).map((segment) => segment && decodeSegment(segment));
		const token = url.searchParams.get('token');
		wss.handleUpgrade(req, socket, head, (ws) => onSocket(ws, req, { workspace, part, token }));
	}

	function refuse(ws: WebSocket, code: number, reason: string, fields: Record<string, unknown>): void {
		metrics.connectionsRefused += 1;
		metrics.countClose(code);
		log.info('connection refused', { ...fields, closeCode: code, reason });
		ws.close(code, reason);
	}

	function onSocket(ws: WebSocket, req: IncomingMessage, target: SyncTarget): void {
		const remote = req.socket.remoteAddress;
		const { workspace, part, token } = target;
		if (!isId(workspace)) return refuse(ws, CLOSE.badRequest, 'invalid workspace id', { remote });
		if (part !== undefined && !PART_PATTERN.test(part)) {
			return refuse(ws, CLOSE.badRequest, 'invalid room name', { workspace, remote });
		}
		const room = roomName(workspace, part);
		const address = remoteAddress(req);
		if (options.maxConnections > 0 && conns.size >= options.maxConnections) {
			return refuse(ws, CLOSE.tryAgainLater, 'relay is full', { room, remote });
		}
		if (options.maxConnectionsPerIp > 0 && (perAddress.get(address) ?? 0) >= options.maxConnectionsPerIp) {
			return refuse(ws, CLOSE.tryAgainLater, 'too many connections from this address', { room, remote });
		}
		// Authorised by the workspace: a member's token is good for all of its rooms.
		const auth = access.authorize(token, workspace);
		if (!auth.ok) return refuse(ws, auth.code, auth.reason, { room, remote });
		if (rooms.count(room) >= options.maxConnectionsPerRoom) {
			return refuse(ws, CLOSE.tryAgainLater, 'room is full', { room, remote });
		}
		const conn = new Connection(ws, workspace, room, auth.claims.member, auth.claims.id, auth.role, connectionContext);
		conns.add(conn);
		shareBuffer();
		perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
		metrics.connectionsAccepted += 1;
		log.info('connection opened', { room, member: auth.claims.member, role: auth.role, connection: conn.id, remote });
		ws.on('close', (code) => {
			conns.delete(conn);
			shareBuffer();
			const left = perAddress.get(address)! - 1;
			if (left > 0) perAddress.set(address, left);
			else perAddress.delete(address);
			rooms.leave(conn);
			log.debug('connection ended', { room, connection: conn.id, closeCode: code });
		});
		rooms.join(conn).catch((err) => {
			log.error('room could not be loaded', { room, error: err });
			conn.close(CLOSE.internalError, 'room could not be loaded');
		});
	}

	const tls = options.cert && options.key ? { cert: readFileSync(options.cert), key: readFileSync(options.key) } : null;
	const handler = (req: IncomingMessage, res: ServerResponse) => {
		onRequest(req, res).catch((err) => {
			log.error('request failed', { path: req.url?.split('?')[0], error: err });
			if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
			else res.destroy();
		});
	};
	const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
	server.on('upgrade', onUpgrade);
	server.on('clientError', (_err, socket) => socket.destroy());

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, () => {
			server.off('error', reject);
			resolve();
		});
	}).catch(async (err) => {
		access.close();
		await storage.close();
		throw (err as NodeJS.ErrnoException).code === 'EADDRINUSE'
			? new Error(`port ${options.port} on ${options.host} is already in use (use --port or PORT)`)
			: err;
	});
	const port = (server.address() as AddressInfo).port;
	const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
	const origin = `${tls ? 'https' : 'http'}://${shownHost}:${port}`;
	const runtimeFile = path.join(dataDir, RUNTIME_FILE);
	writeFileSync(runtimeFile, JSON.stringify({ pid: process.pid, host: options.host, port, tls: Boolean(tls) }) + '\n');

	const ping = setInterval(() => {
		for (const conn of conns) {
			if (!conn.alive) {
				metrics.deadPeers += 1;
				log.info('dead peer disconnected', { room: conn.room, connection: conn.id });
				conn.terminate();
				continue;
			}
			conn.alive = false;
			if (conn.ws.readyState === conn.ws.OPEN) conn.ws.ping();
		}
	}, options.pingIntervalMs);
	ping.unref();

	log.info('relay listening', { origin, dataDir, fsync: options.fsync, maxMessageBytes: options.maxMessageBytes });

	let closing: Promise<void> | null = null;
	async function close(): Promise<void> {
		stopping = true;
		clearInterval(ping);
		server.close();
		server.closeIdleConnections();
		await rooms.flushAll().catch((err) => log.error('flush on shutdown failed', { error: err }));
		const ended = [...conns].map((c) => new Promise((resolve) => c.ws.once('close', resolve)));
		for (const conn of conns) conn.close(CLOSE.goingAway, 'relay shutting down');
		await Promise.race([Promise.all(ended), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
		for (const conn of conns) conn.terminate();
		await rooms.closeAll().catch((err) => log.error('closing rooms failed', { error: err }));
		access.close();
		metrics.close();
		await storage.close();
		rmSync(runtimeFile, { force: true });
		log.info('relay stopped');
	}

	return {
		port,
		origin,
		syncUrl: `${tls ? 'wss' : 'ws'}://${shownHost}:${port}/sync`,
		access,
		rooms,
		metrics,
		storage,
		connections: () => [...conns],
		close: () => (closing ??= close())
	};
}
