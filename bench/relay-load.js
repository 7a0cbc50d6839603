// Load generator for `npm run bench:relay` (scripts/bench-relay.js forks one or more of these,
// each with its share of the rooms; every client of a room lives in the same process).
//
// Each client (a stock provider: bench/relay-client-stock.js, bench/peers/hocuspocus-client.js;
// or a protocol-level one: bench/relay-client-lite.js) has its own websocket. It publishes
// presence (awareness) on connect and moves a "cursor" every `awarenessMs`, and sends
// `updatesPerSecond` updates, each a `map.set` whose value carries its send time
// (relay-stamp.js). Every other client of the room records `now - sentAt` when the update
// reaches it. One clock: `performance.timeOrigin + performance.now()` is the machine's wall
// clock in every process. With `acks`, Rapport's acknowledgements (sync step 1 carrying a state
// vector that covers the sender's clock, which equals its count of updates) are timed too.
//
// IPC (advanced serialization): ← {type:'config', …}; → {type:'ready'}; ← {type:'start', at,
// warmupMs, measureMs, graceMs}; → {type:'result', …}; then the process exits.

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

/** Latency histogram: 0.1 ms bins up to 30 s (later arrivals count in the last bin). */
const BIN_MS = 0.1;
const BINS = 300_000;

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function histogram() {
	return { binMs: BIN_MS, bins: new Uint32Array(BINS), count: 0, max: 0 };
}

function record(h, ms) {
	h.bins[Math.min(BINS - 1, Math.max(0, Math.floor(ms / BIN_MS)))] += 1;
	h.count += 1;
	if (ms > h.max) h.max = ms;
}

// Every y-websocket provider registers a process 'exit' listener.
process.setMaxListeners(0);
const LOOP_RESOLUTION_MS = 5;

const config = await new Promise((resolve) => process.once('message', resolve));
const { connect } = await import(pathToFileURL(config.adapter).href);
const latency = histogram();
const acks = histogram();
const closes = {};
let phase = 'connect';
let span = { start: Infinity, end: -Infinity };
const inWindow = (t) => t >= span.start && t < span.end;

/** Per room: every client, and how many receivers saw each (sender, seq) sent in the window. */
const rooms = config.rooms.map(({ name, token }) => {
	const room = { name, clients: [], received: new Map(), sent: 0 };
	for (let i = 0; i < config.clientsPerRoom; i++) room.clients.push({ index: i, token, pending: [], client: null });
	return room;
});
const all = rooms.flatMap((room) => room.clients.map((c) => ({ room, c })));

function open({ room, c }) {
	const client = connect({ url: config.url, room: room.name, token: c.token, index: c.index, ...config.clientOptions });
	c.client = client;
	client.setPresence('user', { name: `bench ${room.name}/${c.index}`, color: '#3366cc' });
	client.onStamp((index, seq, sentAt) => {
		if (!inWindow(sentAt)) return;
		record(latency, now() - sentAt);
		const id = index * 1e6 + seq;
		room.received.set(id, (room.received.get(id) ?? 0) + 1);
	});
	client.onClose((code) => {
		if (phase === 'ready' || phase === 'run') closes[code] = (closes[code] ?? 0) + 1;
	});
	if (config.acks) {
		// Rapport acknowledges with a state vector; our clock in it counts our stored updates.
		client.onAck((clock) => {
			const at = now();
			while (c.pending.length > 0 && c.pending[0][0] <= clock) {
				const [, sentAt] = c.pending.shift();
				if (inWindow(sentAt)) record(acks, at - sentAt);
			}
		});
	}
}

// Open the connections at a steady pace, then wait for every client to sync.
const started = now();
const batch = Math.max(1, Math.round(config.connectPerSecond / 20));
for (let i = 0; i < all.length; i += batch) {
	for (const entry of all.slice(i, i + batch)) open(entry);
	await sleep(50);
}
while (all.some(({ c }) => !c.client.synced) && now() - started < config.syncTimeoutMs) await sleep(100);
const synced = all.filter(({ c }) => c.client.synced).length;
phase = 'ready';
process.send({ type: 'ready', clients: all.length, synced, connectMs: Math.round(now() - started) });

const start = await new Promise((resolve) => process.once('message', resolve));
span = { start: start.at + start.warmupMs, end: start.at + start.warmupMs + start.measureMs };
const timers = [];
const period = 1000 / config.updatesPerSecond;

function send({ room, c }) {
	const sentAt = now();
	if (inWindow(sentAt)) room.sent += 1;
	const seq = c.client.send(sentAt);
	if (config.acks) c.pending.push([seq, sentAt]);
}

function moveCursor({ c }) {
	c.client.setPresence('cursor', { record: `c${Math.floor(Math.random() * 1000)}`, field: 'name' });
}

await sleep(start.at - Date.now());
phase = 'run';
for (const entry of all) {
	const every = (ms, fn) =>
		timers.push(
			setTimeout(() => {
				fn(entry);
				timers.push(setInterval(() => fn(entry), ms));
			}, Math.random() * ms)
		);
	every(period, send);
	every(config.awarenessMs, moveCursor);
}

const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
await sleep(span.start - Date.now());
loop.enable();
const cpu = process.cpuUsage();
await sleep(span.end - Date.now());
const cpuUsed = process.cpuUsage(cpu);
loop.disable();
for (const timer of timers) clearTimeout(timer);
await sleep(start.graceMs);

// Updates sent in the window that every other client of the room received.
const receivers = config.clientsPerRoom - 1;
let sent = 0;
let fullyDelivered = 0;
let deliveries = 0;
for (const room of rooms) {
	sent += room.sent;
	for (const n of room.received.values()) {
		deliveries += n;
		if (n >= receivers) fullyDelivered += 1;
	}
}
const result = {
	type: 'result',
	latency,
	acks,
	sent,
	fullyDelivered,
	deliveries,
	deliveriesExpected: sent * receivers,
	closes,
	notSynced: all.length - synced,
	// The histogram holds each sampling interval; what exceeds the resolution is the delay.
	loopDelayP99Ms: Math.max(0, loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
	cpuSeconds: (cpuUsed.user + cpuUsed.system) / 1e6
};
phase = 'done';
for (const { c } of all) c.client.destroy();
// Exit only once the (large) result has been handed over.
process.send(result, () => process.exit(0));
