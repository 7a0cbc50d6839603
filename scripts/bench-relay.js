// `npm run bench:relay`: the relay's capacity on this machine, side by side with the reference
// y-websocket server (@y/websocket-server 0.1.1 + y-leveldb) and Hocuspocus (3.4 + SQLite), under
// the same stated loads (rooms × clients × updates per second, awareness on).
//
// Each server runs alone in its own process (its resident memory is sampled from /proc); the
// load generators (bench/relay-load.js) run in other processes on the same machine, with stock
// providers (y-websocket's for Rapport and the reference server, Hocuspocus's own for
// Hocuspocus) or lite protocol-level clients (bench/relay-client-lite.js). Latency is from the
// sender's client to each other client of the room.
//
//   node scripts/bench-relay.js [--servers rapport,y-websocket,hocuspocus,floor] [--loads ref,5k,RxCxU]
//                               [--clients stock,lite] [--stock-5k] [--warmup S] [--measure S] [--procs N]
//                               [--awareness-ms MS] [--relay-main FILE] [--relay-args "FLAGS"] [--profile]
//                               [--no-docs] [--relay-node "NODE FLAGS"] [--snapshot DIR]
//
// Memory investigation: --relay-node "…" passes node options to Rapport's relay process only
// (e.g. "--expose-gc"); --snapshot DIR makes the relay write a V8 heap snapshot into DIR at the
// end of the measurement window, after /metrics is read (--heapsnapshot-signal=SIGUSR2; a
// snapshot holds only live objects: V8 collects garbage first); the harness waits for it.
//
// By default: the reference load (100 × 10 × 1.85/s) with stock and with lite clients, and the
// 5,000-connection load (500 × 10 × 1/s) with lite clients only (--stock-5k adds stock ones:
// their load generators then need more CPU than two cores have). About 10 minutes.
//
// The peer servers are not dependencies of the app: they live in bench/peers and are installed
// here with `npm ci --prefix bench/peers` when missing (sqlite3 builds from source, ~1 min).

import { execFileSync, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeDocSection } from './bench-docs.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const peersDir = path.join(root, 'bench', 'peers');
const log = (...a) => console.error('[bench:relay]', ...a);
const args = process.argv.slice(2);
const flag = (name, fallback) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};

const LOADS = {
	// The reference point measured with the reference server: 100 rooms × 10 clients, 1,850 updates/s.
	ref: { id: 'ref', rooms: 100, clients: 10, updatesPerSecond: 1.85 },
	// What Rapport's relay must hold: 5,000 connections at 1 update/s each.
	'5k': { id: '5k', rooms: 500, clients: 10, updatesPerSecond: 1 }
};
const AWARENESS_MS = Number(flag('awareness-ms', 3000));
const WARMUP_MS = Number(flag('warmup', 10)) * 1000;
const MEASURE_MS = Number(flag('measure', 30)) * 1000;
const GRACE_MS = 3000;
const PROCS = Number(flag('procs', 2));
/** `ref`, `5k`, or `<rooms>x<clients>x<updates per second per client>`. */
const loads = flag('loads', 'ref,5k')
	.split(',')
	.map((id) => {
		const [rooms, clients, updatesPerSecond] = id.split('x').map(Number);
		return LOADS[id] ?? (updatesPerSecond > 0 ? { id, rooms, clients, updatesPerSecond } : fail(`unknown load ${id}`));
	});
const SECRET = randomBytes(24).toString('hex');
/** --profile: V8 CPU profiles of every server and load generator into bench-results/profiles. */
const PROFILE = args.includes('--profile')
	? ['--cpu-prof', `--cpu-prof-dir=${path.join(root, 'bench-results', 'profiles')}`]
	: [];

const STOCK = path.join(root, 'bench', 'relay-client-stock.js');
const LITE = path.join(root, 'bench', 'relay-client-lite.js');
/**
 * Clients: `stock` providers (y-websocket's; Hocuspocus's own for Hocuspocus), or `lite`
 * protocol-level clients (bench/relay-client-lite.js) that put the same messages on the wire
 * without applying what they receive, so that the load generator is not what saturates.
 */
const CLIENTS = flag('clients', 'stock,lite').split(',');
for (const c of CLIENTS) if (c !== 'stock' && c !== 'lite') fail(`unknown client kind ${c}`);

/** --relay-main FILE: another build of the relay (to compare builds); --relay-args "…": extra flags. */
const RELAY_MAIN = path.resolve(flag('relay-main', path.join(root, 'relay/dist/relay/main.js')));
const RELAY_ARGS = flag('relay-args', '').split(' ').filter(Boolean);
/** --relay-node "…": node options for the relay process only; --snapshot DIR: a heap snapshot at the window's end. */
const SNAPSHOT_DIR = flag('snapshot', null) && path.resolve(flag('snapshot', null));
const RELAY_NODE = [
	...flag('relay-node', '').split(' ').filter(Boolean),
	...(SNAPSHOT_DIR ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${SNAPSHOT_DIR}`] : [])
];

const SERVERS = {
	rapport: {
		label: "Rapport's relay",
		mode: 'stores, then acks',
		durability:
			'stores before acknowledging: an update is forwarded at once, written to LevelDB and fsynced within 20 ms (group commit), and only then acknowledged to its sender',
		stock: STOCK,
		liteOptions: {},
		acks: true,
		metrics: true,
		path: '/sync',
		start: (port, dir) => ({
			args: [...RELAY_NODE, RELAY_MAIN, '--port', port, '--data', dir, ...RELAY_ARGS],
			env: { RELAY_SECRET: SECRET }
		})
	},
	'y-websocket': {
		label: '@y/websocket-server 0.1.1 + y-leveldb 0.1.2',
		mode: 'fire-and-forget',
		durability: 'fire-and-forget: each update is appended to LevelDB after it is forwarded, without fsync; nothing is acknowledged',
		stock: STOCK,
		liteOptions: {},
		path: '',
		start: (port, dir) => ({
			args: [path.join(peersDir, 'node_modules/@y/websocket-server/src/server.js')],
			env: { HOST: '127.0.0.1', PORT: port, YPERSISTENCE: dir }
		})
	},
	floor: {
		label: 'floor: a bare ws fan-out',
		mode: 'stores nothing',
		durability:
			'none: bench/floor-relay.js forwards each message to the room\'s other sockets and answers sync requests with an empty document; no authentication, no Yjs, no storage (a bound for any relay on Node and ws here, not a server to use)',
		stock: STOCK,
		liteOptions: {},
		path: '',
		start: (port) => ({ args: [path.join(root, 'bench', 'floor-relay.js'), port] })
	},
	hocuspocus: {
		label: '@hocuspocus/server 3.4.4 + extension-sqlite',
		mode: 'debounced 2–10 s',
		durability:
			'debounced: the whole document is written to SQLite 2 s after the last change (at least every 10 s under steady edits); the sender is told an update was applied, not that it was stored',
		stock: path.join(peersDir, 'hocuspocus-client.js'),
		liteOptions: { hocuspocus: true },
		path: '',
		start: (port, dir) => ({ args: [path.join(peersDir, 'hocuspocus-server.js'), port, path.join(dir, 'db.sqlite')] })
	}
};
const servers = flag('servers', 'rapport,y-websocket,hocuspocus,floor')
	.split(',')
	.map((id) => ({ id, ...(SERVERS[id] ?? fail(`unknown server ${id}`)) }));

function fail(message) {
	console.error(`bench:relay: ${message}`);
	process.exit(2);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

async function waitForPort(port, child, timeoutMs = 30_000) {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
		const ok = await new Promise((resolve) => {
			const socket = net.connect(port, '127.0.0.1', () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (ok) return;
		await sleep(100);
	}
	throw new Error(`server did not listen on ${port} within ${timeoutMs} ms`);
}

/** Resident memory (bytes), CPU time (s) and write system calls of a process, from /proc. */
function sample(pid) {
	try {
		const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const writes = Number(/syscw:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? NaN);
		return { rss, cpu: (Number(fields[11]) + Number(fields[12])) / 100, writes };
	} catch {
		return null;
	}
}

/** Machine-wide CPU time (s, all cores) and the time some task waited for a CPU (s, PSI). */
function machine() {
	const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
	const busy = ticks.reduce((a, b) => a + b, 0) - ticks[3] - ticks[4];
	let stall = null;
	try {
		stall = Number(/some .*total=(\d+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))[1]) / 1e6;
	} catch {
		// no PSI on this kernel
	}
	return { busy: busy / 100, stall };
}

/** The upper edge of the bin holding the p-th percentile. */
function percentile(bins, binMs, count, p) {
	if (count === 0) return null;
	const target = Math.ceil((p / 100) * count);
	let seen = 0;
	for (let i = 0; i < bins.length; i++) {
		seen += bins[i];
		if (seen >= target) return (i + 1) * binMs;
	}
	return null;
}

/** Merge the load generators' latency histograms (bench/relay-load.js) into p50/p99/max. */
function merge(histograms) {
	const { binMs } = histograms[0];
	const bins = new Uint32Array(histograms[0].bins.length);
	let count = 0;
	let max = 0;
	for (const h of histograms) {
		for (let i = 0; i < bins.length; i++) bins[i] += h.bins[i];
		count += h.count;
		max = Math.max(max, h.max);
	}
	const at = (p) => percentile(bins, binMs, count, p);
	return { count, p50: at(50), p99: at(99), max: count ? max : null };
}

const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : null);

async function mintTokens(dataDir, names) {
	const { Access } = await import(pathToFileURL(path.join(root, 'relay/dist/relay/access.js')).href);
	const { loadSecret } = await import(pathToFileURL(path.join(root, 'relay/dist/relay/tokens.js')).href);
	const access = new Access({ dataDir, secret: loadSecret({ dataDir, envSecret: SECRET }) });
	const tokens = names.map((workspace) => access.issueToken({ workspace, role: 'editor', member: 'bench' }).token);
	access.close();
	return tokens;
}

async function run(server, load, clients) {
	const dataDir = mkdtempSync(path.join(os.tmpdir(), `rapport-bench-${server.id}-`));
	const port = await freePort();
	const names = Array.from({ length: load.rooms }, (_, i) => `bench-${String(i).padStart(4, '0')}`);
	const tokens = server.id === 'rapport' ? await mintTokens(dataDir, names) : names.map(() => null);
	const logFile = path.join(root, 'bench-results', `relay-${server.id}-${load.id}.log`);
	const { args: serverArgs, env = {} } = server.start(String(port), dataDir);
	const logFd = openSync(logFile, 'w');
	const child = spawn(process.execPath, [...PROFILE, ...serverArgs], { env: { ...process.env, ...env }, stdio: ['ignore', logFd, logFd] });
	closeSync(logFd);
	const samples = [];
	const sampler = setInterval(() => {
		const s = sample(child.pid);
		if (s) samples.push({ at: Date.now(), ...s });
	}, 500);
	const result = { server: server.id, label: server.label, mode: server.mode, durability: server.durability, load, clients, errors: [] };
	const gens = [];
	try {
		await waitForPort(port, child);
		const url = `ws://127.0.0.1:${port}${server.path}`;
		const idle = sample(child.pid);
		result.idleRss = idle?.rss ?? null;
		const procs = Math.min(PROCS, load.rooms);
		for (let p = 0; p < procs; p++) {
			const gen = fork(path.join(root, 'bench', 'relay-load.js'), [], {
				serialization: 'advanced',
				stdio: 'inherit',
				execArgv: PROFILE
			});
			const mine = names.map((name, i) => ({ name, token: tokens[i] })).filter((_, i) => i % procs === p);
			gen.send({
				adapter: clients === 'stock' ? server.stock : LITE,
				clientOptions: clients === 'stock' ? {} : server.liteOptions,
				url,
				rooms: mine,
				clientsPerRoom: load.clients,
				updatesPerSecond: load.updatesPerSecond,
				awarenessMs: AWARENESS_MS,
				connectPerSecond: 1000 / procs,
				syncTimeoutMs: 90_000,
				acks: Boolean(server.acks)
			});
			gens.push({ gen, messages: messagesOf(gen) });
		}
		const ready = await Promise.all(gens.map((g) => g.messages.next()));
		result.connections = ready.reduce((n, r) => n + r.clients, 0);
		result.synced = ready.reduce((n, r) => n + r.synced, 0);
		result.connectMs = Math.max(...ready.map((r) => r.connectMs));
		if (result.synced < result.connections) result.errors.push(`${result.connections - result.synced} clients not synced after 90 s`);
		log(`${server.id} ${load.id}: ${result.synced}/${result.connections} clients synced in ${result.connectMs} ms`);
		const at = Date.now() + 500;
		for (const g of gens) g.gen.send({ type: 'start', at, warmupMs: WARMUP_MS, measureMs: MEASURE_MS, graceMs: GRACE_MS });
		const windowStart = at + WARMUP_MS;
		const windowEnd = windowStart + MEASURE_MS;
		await sleep(windowStart - Date.now());
		const cpuStart = sample(child.pid);
		const machineStart = machine();
		const metricsStart = server.metrics ? await relayMetrics(port) : null;
		await sleep(windowEnd - Date.now());
		const cpuEnd = sample(child.pid);
		const machineEnd = machine();
		const metricsEnd = server.metrics ? await relayMetrics(port) : null;
		if (SNAPSHOT_DIR && server.id === 'rapport') await heapSnapshot(child);
		if (metricsStart && metricsEnd) {
			// Rapport's own view of the window: updates it applied and messages it sent, how late
			// its event loop ran, and slow peers skipped (builds before these counters: null).
			const delta = (key) => (key in metricsEnd ? metricsEnd[key] - metricsStart[key] : null);
			result.relay = {
				updatesApplied: delta('updatesApplied'),
				messagesOut: delta('messagesOut'),
				eventLoopDelayMs: metricsEnd.eventLoopDelayMs ?? null,
				peersBehind: delta('peersBehind'),
				catchUps: delta('catchUps'),
				memory: metricsEnd.memory ?? null
			};
		}
		const results = await Promise.all(gens.map((g) => g.messages.next()));
		const seconds = MEASURE_MS / 1000;
		const steady = samples.filter((s) => s.at >= windowStart && s.at < windowEnd).map((s) => s.rss);
		Object.assign(result, {
			latency: merge(results.map((r) => r.latency)),
			acks: server.acks ? merge(results.map((r) => r.acks)) : null,
			sent: sum(results, 'sent'),
			fullyDelivered: sum(results, 'fullyDelivered'),
			deliveries: sum(results, 'deliveries'),
			deliveriesExpected: sum(results, 'deliveriesExpected'),
			closes: results.reduce((all, r) => {
				for (const [code, n] of Object.entries(r.closes)) all[code] = (all[code] ?? 0) + n;
				return all;
			}, {}),
			peakRss: Math.max(...samples.map((s) => s.rss)),
			steadyRss: median(steady),
			serverCpu: cpuStart && cpuEnd ? (cpuEnd.cpu - cpuStart.cpu) / seconds : null,
			serverWritesPerSecond: cpuStart && cpuEnd ? (cpuEnd.writes - cpuStart.writes) / seconds : null,
			loadCpu: sum(results, 'cpuSeconds') / seconds,
			// Everything else the machine ran meanwhile (other work on a shared host), in cores.
			otherCpu: (machineEnd.busy - machineStart.busy) / seconds - sum(results, 'cpuSeconds') / seconds -
				(cpuStart && cpuEnd ? (cpuEnd.cpu - cpuStart.cpu) / seconds : 0),
			cpuStall: machineStart.stall === null ? null : (machineEnd.stall - machineStart.stall) / seconds,
			loadLoopDelayP99Ms: Math.max(...results.map((r) => r.loopDelayP99Ms))
		});
		result.measureSeconds = MEASURE_MS / 1000;
		result.updatesPerSecond = result.sent / (MEASURE_MS / 1000);
		result.deliveredPerSecond = result.fullyDelivered / (MEASURE_MS / 1000);
		const closed = Object.entries(result.closes).map(([code, n]) => `${n}× closed ${code}`);
		if (closed.length) result.errors.push(`connections closed during the run: ${closed.join(', ')}`);
		const lost = result.deliveriesExpected - result.deliveries;
		if (lost > 0) result.errors.push(`${lost} of ${result.deliveriesExpected} deliveries missing ${GRACE_MS / 1000} s after the window`);
	} catch (err) {
		result.errors.push(String(err.message ?? err));
		log(`${server.id} ${load.id} failed: ${err.message}`);
	} finally {
		clearInterval(sampler);
		for (const g of gens) if (g.gen.exitCode === null) g.gen.kill('SIGKILL');
		if (child.exitCode === null) {
			child.kill('SIGTERM');
			const exited = await Promise.race([new Promise((r) => child.once('exit', () => r(true))), sleep(15_000)]);
			if (!exited) child.kill('SIGKILL');
		}
		rmSync(dataDir, { recursive: true, force: true });
	}
	return result;
}

const sum = (xs, key) => xs.reduce((n, x) => n + x[key], 0);

/** --snapshot: have the relay write a heap snapshot into SNAPSHOT_DIR and wait until it is complete. */
async function heapSnapshot(child) {
	mkdirSync(SNAPSHOT_DIR, { recursive: true });
	const before = new Set(readdirSync(SNAPSHOT_DIR));
	child.kill('SIGUSR2');
	const started = Date.now();
	for (let last = -1; Date.now() - started < 300_000; await sleep(1000)) {
		const file = readdirSync(SNAPSHOT_DIR).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
		if (!file) continue;
		const size = statSync(path.join(SNAPSHOT_DIR, file)).size;
		if (size > 0 && size === last) return log(`heap snapshot ${path.join(SNAPSHOT_DIR, file)} (${mb(size)})`);
		last = size;
	}
	log('heap snapshot: none written within 300 s');
}

/** GET /metrics of Rapport's relay (each read starts a new event-loop delay measurement); null if it fails. */
async function relayMetrics(port) {
	try {
		const res = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(10_000) });
		return res.ok ? await res.json() : null;
	} catch {
		return null;
	}
}

/** An async iterator over a child's IPC messages (ready, then result). */
function messagesOf(child) {
	const queue = [];
	const waiting = [];
	child.on('message', (m) => (waiting.length ? waiting.shift().resolve(m) : queue.push(m)));
	child.on('exit', (code) => {
		for (const w of waiting.splice(0)) w.reject(new Error(`load generator exited with ${code}`));
	});
	return {
		next: () => (queue.length ? Promise.resolve(queue.shift()) : new Promise((resolve, reject) => waiting.push({ resolve, reject })))
	};
}

// --- main ---

/** --report FILE: write the table and the docs section again from a saved run, without running. */
const REPORT = flag('report', null);
let run_;
if (REPORT) {
	run_ = JSON.parse(readFileSync(REPORT, 'utf8'));
} else {
	if (!existsSync(path.join(peersDir, 'node_modules'))) {
		log('installing the peer servers (npm ci --prefix bench/peers)…');
		execFileSync('npm', ['ci', '--prefix', peersDir, '--no-audit', '--no-fund'], { stdio: 'inherit' });
	}
	execFileSync('npx', ['tsc', '-p', 'relay'], { cwd: root, stdio: 'inherit' });
	mkdirSync(path.join(root, 'bench-results'), { recursive: true });
	run_ = {
		startedAt: new Date().toISOString(),
		loadAverage: os.loadavg(),
		cores: os.cpus().length,
		memory: os.totalmem(),
		node: process.version,
		awarenessMs: AWARENESS_MS,
		warmupMs: WARMUP_MS,
		measureMs: MEASURE_MS,
		graceMs: GRACE_MS,
		procs: PROCS,
		results: []
	};
	log(`load average ${run_.loadAverage.map((x) => x.toFixed(2)).join(' ')}; ${run_.cores} cores`);
	for (const load of loads) {
		for (const clients of CLIENTS) {
			// Stock providers cost their load generator more than two cores can give at 5,000 connections.
			if (clients === 'stock' && load.rooms * load.clients > 2000 && !args.includes('--stock-5k')) continue;
			for (const server of servers) {
				log(`${server.id}: ${load.rooms} rooms × ${load.clients} clients × ${load.updatesPerSecond} updates/s, ${clients} clients…`);
				const r = await run(server, load, clients);
				run_.results.push(r);
				log(
					`${server.id} ${load.id} ${clients}: p50 ${pct(r.latency?.p50)} p99 ${pct(r.latency?.p99)} max ${fmt(r.latency?.max)}, ` +
						`peak RSS ${mb(r.peakRss)}${r.errors.length ? `, ${r.errors.join('; ')}` : ''}`
				);
			}
		}
	}
	writeFileSync(path.join(root, 'bench-results', 'bench-relay.json'), JSON.stringify(run_, null, 2));
}
const { results } = run_;

function fmt(ms) {
	return ms === null || ms === undefined ? '—' : ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`;
}

/** A percentile: the histograms end at 30 s (bench/relay-load.js), so one there is a lower bound. */
function pct(ms) {
	return ms >= 30_000 ? '≥ 30 s' : fmt(ms);
}

function mb(bytes) {
	return bytes ? `${Math.round(bytes / 2 ** 20)} MB` : '—';
}

const cores = (x) => (x === null || x === undefined ? '—' : Math.max(0, x).toFixed(2));
const header =
	'| load | clients | server | durability | p50 | p99 | max | delivered updates/s | RSS peak / steady | server CPU (cores), per update | load generators: CPU, loop delay p99 | host: other work (cores), CPU stall | errors |';
const rows = results.map((r) => {
	const l = r.load;
	const perUpdate = r.serverCpu && r.updatesPerSecond ? `${((r.serverCpu * 1000) / r.updatesPerSecond).toFixed(2)} ms` : '—';
	return [
		`${l.rooms} × ${l.clients} × ${l.updatesPerSecond}/s`,
		r.clients,
		r.label,
		r.mode,
		pct(r.latency?.p50),
		pct(r.latency?.p99),
		fmt(r.latency?.max),
		r.updatesPerSecond === undefined ? '—' : `${r.deliveredPerSecond.toFixed(0)} of ${r.updatesPerSecond.toFixed(0)} sent`,
		`${mb(r.peakRss)} / ${mb(r.steadyRss)}`,
		`${cores(r.serverCpu)}, ${perUpdate}`,
		r.loadCpu === undefined ? '—' : `${cores(r.loadCpu)}, ${fmt(r.loadLoopDelayP99Ms)}`,
		`${cores(r.otherCpu)}, ${r.cpuStall === null || r.cpuStall === undefined ? '—' : `${Math.round(r.cpuStall * 100)} %`}`,
		r.errors.length ? r.errors.join('; ') : 'none'
	].join(' | ').replace(/^/, '| ') + ' |';
});
const ackRows = results
	.filter((r) => r.acks?.count)
	.map(
		(r) =>
			`${r.load.rooms} × ${r.load.clients} × ${r.load.updatesPerSecond}/s, ${r.clients} clients: stored and acknowledged ` +
			`p50 ${pct(r.acks.p50)}, p99 ${pct(r.acks.p99)}, max ${fmt(r.acks.max)} after sending`
	);
const relayRows = results
	.filter((r) => r.relay)
	.map(
		(r) =>
			`${r.load.rooms} × ${r.load.clients} × ${r.load.updatesPerSecond}/s, ${r.clients} clients: in the window it applied ` +
			`${r.relay.updatesApplied} updates and sent ${r.relay.messagesOut} messages, ` +
			(r.serverCpu && r.relay.updatesApplied
				? `${((r.serverCpu * r.measureSeconds * 1000) / r.relay.updatesApplied).toFixed(3)} ms of CPU per update applied; `
				: '') +
			'its event loop ran late by ' +
			(r.relay.eventLoopDelayMs
				? `p50 ${fmt(r.relay.eventLoopDelayMs.p50)}, p99 ${fmt(r.relay.eventLoopDelayMs.p99)}, max ${fmt(r.relay.eventLoopDelayMs.max)}`
				: '— (not measured by this build)') +
			(r.relay.peersBehind === null
				? ''
				: `; ${r.relay.peersBehind} times a peer fell behind (more unread than its buffer limit) and was skipped, ` +
					`${r.relay.catchUps} catch-ups sent`) +
			(r.relay.memory ? `; at the window's end its JavaScript heap held ${mb(r.relay.memory.heapUsed)} and buffers outside it ${mb(r.relay.memory.external)} (RSS ${mb(r.relay.memory.rss)})` : '')
	);
const table = [header, header.replace(/[^|]+/g, '---'), ...rows].join('\n');
console.log(table);
for (const line of ackRows) console.log(`Rapport's relay, ${line}`);
for (const line of relayRows) console.log(`Rapport's relay, ${line}`);


/** Did Rapport's relay meet the issue's bar, and beat both peers at equal load? Computed, not written by hand. */
function verdicts() {
	const lines = [];
	const key = (r) => `${r.load.id}/${r.clients}`;
	for (const r of results.filter((x) => x.server === 'rapport' && x.latency?.count)) {
		const peers = results.filter((x) => x.server !== 'rapport' && x.server !== 'floor' && key(x) === key(r));
		const floor = results.find((x) => x.server === 'floor' && key(x) === key(r) && x.latency?.count);
		const load = `${r.load.rooms} × ${r.load.clients} × ${r.load.updatesPerSecond}/s (${r.clients} clients)`;
		if (r.load.id === '5k') {
			const ok = r.latency.p99 <= 50 && r.errors.length === 0;
			lines.push(`- ${load}: Rapport's p99 ${pct(r.latency.p99)} ${ok ? 'meets' : 'misses'} the bar of ≤ 50 ms at 5,000 connections${r.errors.length ? ` (errors: ${r.errors.join('; ')})` : ''}.`);
			if (floor) {
				const reachable = floor.latency.p99 <= 50;
				lines.push(
					`- ${load}: the floor (a bare fan-out, no work) had p99 ${pct(floor.latency.p99)} with the same load generators: ` +
						(reachable
							? 'the bar is within reach of a relay on this machine.'
							: 'forwarding alone, with nothing stored or checked, misses the bar here, with the load generated on the same cores.')
				);
			}
		}
		for (const peer of peers) {
			const p99 = peer.latency?.p99 == null ? 'no figure for the peer' : r.latency.p99 < peer.latency.p99 ? 'lower' : 'not lower';
			const rss = peer.steadyRss == null ? 'no figure for the peer' : r.steadyRss < peer.steadyRss ? 'lower' : 'not lower';
			lines.push(
				`- ${load}, against ${peer.label}: p99 ${p99} (${pct(r.latency.p99)} vs ${pct(peer.latency?.p99)}), ` +
					`steady RSS ${rss} (${mb(r.steadyRss)} vs ${mb(peer.steadyRss)}); other work on the host ` +
					`${cores(r.otherCpu)} vs ${cores(peer.otherCpu)} cores.`
			);
		}
	}
	return lines;
}

if (!args.includes('--no-docs')) {
	const mdPath = path.join(root, 'docs', 'BENCHMARKS.md');
	const heading = '### Relay capacity (`npm run bench:relay`)';
	const section = [
		heading,
		'',
		`${run_.startedAt}; ${run_.cores} cores, ${Math.round(run_.memory / 2 ** 30)} GiB, Node ${run_.node}; ` +
			`load average when the run started ${run_.loadAverage.map((x) => x.toFixed(2)).join(' ')} (the host is shared: the ` +
			'*host* column gives the CPU other work used during each window and the share of time some task waited for a CPU).',
		'',
		`Each server runs alone in its own process; ${run_.procs} load-generator processes on the same machine hold the clients, ` +
			'one websocket each. *stock* clients are the providers an app uses (y-websocket\'s `WebsocketProvider` for ' +
			"Rapport's relay and the reference server, Hocuspocus's own `HocuspocusProvider`); *lite* clients " +
			'(bench/relay-client-lite.js) put the same messages on the wire (real Yjs updates, sync answers, presence) but ' +
			"do not apply what they receive, so that two cores can drive 5,000 of them. Every client sends `map.set` updates " +
			`stamped with their send time and moves an awareness cursor every ${run_.awarenessMs / 1000} s; latency runs from the ` +
			"sender's client to each other client of the room (one clock: the machine's). " +
			`${run_.warmupMs / 1000} s warm-up, then a ${run_.measureMs / 1000} s window. *Delivered* counts updates sent in the window ` +
			`that reached every other client of the room within ${run_.graceMs / 1000} s after it. RSS is the server's VmRSS sampled ` +
			'every 0.5 s: the peak over the whole run (connecting included) and the median in the window. *Per update*: the ' +
			'server CPU time per update sent, fan-out included.',
		'',
		'Durability:',
		...[...new Map(results.map((r) => [r.label, r.durability]))].map(([label, durability]) => `- ${label}: ${durability}.`),
		'',
		table,
		'',
		...ackRows.map((line) => `- Rapport's relay, ${line}.`),
		...relayRows.map((line) => `- Rapport's relay, ${line}.`),
		...verdicts(),
		'',
		'Reference point from issue 3 (measured earlier on this machine): the reference server with LevelDB delivered 100 ' +
			'rooms × 10 clients at 1,850 updates/s in total with p50 19 ms, p99 63 ms, 112 MB resident. Raw figures of this run: ' +
			'`bench-results/bench-relay.json` (not committed).',
		''
	].join('\n');
	writeDocSection(mdPath, heading, section, /The relay's capacity against the reference[^]*?not measured yet\.\n?/);
	log(`wrote the relay section of ${path.relative(root, mdPath)}`);
}
process.exit(0);
