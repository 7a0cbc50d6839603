// Relay settings: defaults, command-line flags and environment variables, checked once.

import { isLogLevel, type LogLevel } from './log.js';
import type { RateLimit } from './rate-limit.js';

export interface RelayOptions {
	port: number;
	host: string;
	dataDir: string;
	/** RELAY_SECRET; when absent the secret lives in `<dataDir>/secret`. */
	secret?: string;
	/** PEM files: serve HTTPS and WSS. */
	cert?: string;
	key?: string;
	maxMessageBytes: number;
	rateLimit: RateLimit;
	maxConnectionsPerRoom: number;
	/** Open connections in all; 0: no cap. */
	maxConnections: number;
	/** Open connections from one remote address; 0: no cap (the default: behind a proxy all share one). */
	maxConnectionsPerIp: number;
	/** Largest awareness (presence) update one message may carry. */
	maxAwarenessBytes: number;
	roomIdleMs: number;
	pingIntervalMs: number;
	flushDelayMs: number;
	compactEvery: number;
	maxBufferedBytes: number;
	/** Unread output of all peers together: each peer's share is at most this over the connections; 0: no cap. */
	maxTotalBufferedBytes: number;
	fsync: boolean;
	logLevel: LogLevel;
}

const MB = 1024 * 1024;

export const DEFAULTS: Omit<RelayOptions, 'dataDir'> = {
	port: 8787,
	host: '127.0.0.1',
	// A first sync of the 100,000-customer workspace is ~50 MB in one message.
	maxMessageBytes: 64 * MB,
	rateLimit: { messagesPerSecond: 300, messageBurst: 3000, bytesPerSecond: 8 * MB, byteBurst: 64 * MB },
	maxConnectionsPerRoom: 200,
	maxConnections: 10_000,
	maxConnectionsPerIp: 0,
	// A cursor or "viewing record X" state is well under 1 KiB.
	maxAwarenessBytes: 64 * 1024,
	roomIdleMs: 30_000,
	pingIntervalMs: 30_000,
	flushDelayMs: 20,
	compactEvery: 5000,
	// Unread output per peer before its room skips it and catches it up later (room.ts).
	maxBufferedBytes: 1 * MB,
	// With 5,000 connections, 52 KB each: about 25 s of an active room's traffic.
	maxTotalBufferedBytes: 256 * MB,
	fsync: true,
	logLevel: 'info'
};

/**
 * Flag name → how it sets an option. Values are validated as numbers where needed. Each can
 * also come from the environment as RELAY_<FLAG> (`--max-connections` ← RELAY_MAX_CONNECTIONS);
 * the flag wins. The port's variable is PORT.
 */
const NUMERIC_FLAGS: Record<string, (o: RelayOptions, n: number) => void> = {
	port: (o, n) => (o.port = n),
	'max-message-bytes': (o, n) => (o.maxMessageBytes = n),
	'rate-messages': (o, n) => (o.rateLimit.messagesPerSecond = n),
	'rate-burst': (o, n) => (o.rateLimit.messageBurst = n),
	'rate-bytes': (o, n) => (o.rateLimit.bytesPerSecond = n),
	'rate-byte-burst': (o, n) => (o.rateLimit.byteBurst = n),
	'max-room-connections': (o, n) => (o.maxConnectionsPerRoom = n),
	'max-connections': (o, n) => (o.maxConnections = n),
	'max-ip-connections': (o, n) => (o.maxConnectionsPerIp = n),
	'max-awareness-bytes': (o, n) => (o.maxAwarenessBytes = n),
	'room-idle-ms': (o, n) => (o.roomIdleMs = n),
	'ping-ms': (o, n) => (o.pingIntervalMs = n),
	'flush-ms': (o, n) => (o.flushDelayMs = n),
	'compact-every': (o, n) => (o.compactEvery = n),
	'max-buffered-bytes': (o, n) => (o.maxBufferedBytes = n),
	'max-total-buffered-bytes': (o, n) => (o.maxTotalBufferedBytes = n)
};

export const SERVE_FLAGS = [...Object.keys(NUMERIC_FLAGS), 'host', 'data', 'cert', 'key', 'log-level', 'no-fsync'];

/** Options for `serve` from parsed flags and the environment; throws naming the bad value. */
export function resolveOptions(flags: Record<string, string | true>, env: NodeJS.ProcessEnv): RelayOptions {
	const options: RelayOptions = {
		...structuredClone(DEFAULTS),
		dataDir: str(flags.data) ?? env.RELAY_DATA ?? './relay-data',
		secret: env.RELAY_SECRET || undefined,
		host: str(flags.host) ?? env.HOST ?? DEFAULTS.host
	};
	for (const [flag, set] of Object.entries(NUMERIC_FLAGS)) {
		const name = flag === 'port' ? 'PORT' : `RELAY_${flag.toUpperCase().replaceAll('-', '_')}`;
		if (flags[flag] !== undefined) set(options, number(`--${flag}`, flags[flag]));
		else if (env[name] !== undefined && env[name] !== '') set(options, number(name, env[name]));
	}
	if (options.port > 65535) throw new Error(`port must be at most 65535 (got ${options.port})`);
	if (flags['no-fsync']) options.fsync = false;
	const level = str(flags['log-level']) ?? env.RELAY_LOG_LEVEL;
	if (level !== undefined) {
		if (!isLogLevel(level)) throw new Error(`--log-level must be debug, info, warn, error or silent (got "${level}")`);
		options.logLevel = level;
	}
	options.cert = str(flags.cert);
	options.key = str(flags.key);
	if (Boolean(options.cert) !== Boolean(options.key)) throw new Error('--cert and --key must be given together');
	return options;
}

function str(value: string | true | undefined): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

function number(name: string, value: string | true): number {
	const n = Number(value);
	if (value === true || value === '' || !Number.isFinite(n) || n < 0) {
		throw new Error(`${name} must be a non-negative number (got "${value === true ? '' : value}")`);
	}
	return n;
}
