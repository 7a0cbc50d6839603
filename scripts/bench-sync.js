// `npm run bench:sync`: edit-to-visible latency between two browsers through the relay
// (DESIGN.md: p50 ≤ 20 ms, p99 ≤ 50 ms on loopback). Both pages run in one Chromium and share
// the machine's clock (performance.timeOrigin + now()), so one-way times are comparable.
//
//   node scripts/bench-sync.js [--edits N] [--no-build]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { findChromium, launchOptions } from './chromium.js';
import { createStaticHandler } from './serve.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const EDITS = Number(args[args.indexOf('--edits') + 1] || 200) || 200;
const log = (...a) => console.error('[bench:sync]', ...a);
const pct = (xs, p) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

if (!args.includes('--no-build')) {
	const r = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	if (r.status !== 0) process.exit(r.status ?? 1);
}
if (spawnSync('npx', ['tsc', '-p', 'relay'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);

const dist = (f) => pathToFileURL(path.join(root, 'relay', 'dist', 'relay', f)).href;
const { startRelay } = await import(dist('server.js'));
const { resolveOptions } = await import(dist('config.js'));
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-relay-'));
const options = resolveOptions({ port: '0', data: dataDir, 'log-level': 'warn' }, {});
const relay = await startRelay(options, { fallback: createStaticHandler(path.join(root, 'build')) });
const origin = relay.origin;
log(`relay and app at ${origin}`);

const browser = await chromium.launch(launchOptions(await findChromium()));
const ready = (page) => page.waitForFunction(() => window.__rapport?.session.ready, null, { timeout: 60_000 });
const synced = (page) =>
	page.waitForFunction(() => window.__rapport?.session.sync.state === 'synced', null, { timeout: 60_000 });

// A: owner with one customer, connected to the relay.
const ctxA = await browser.newContext();
const a = await ctxA.newPage();
await a.goto(`${origin}/customers`);
await ready(a);
const { workspaceId, memberId, customerId } = await a.evaluate(async () => {
	const s = window.__rapport.session;
	const r = await s.client.data.call('createCustomer', { fields: { name: 'Latency Ltd' } });
	return { workspaceId: s.registry.currentId, memberId: s.registry.current.memberId, customerId: r.value };
});
const { token } = relay.access.issueToken({ workspace: workspaceId, role: 'owner', member: memberId });
await a.evaluate(([o, t]) => window.__rapport.session.connect(o, t), [origin, token]);
await synced(a);

// B: joins by invite and receives the customer.
const { code } = relay.access.createInvite({ workspace: workspaceId, role: 'editor', expiresAt: Date.now() + 3600_000 });
const ctxB = await browser.newContext();
const b = await ctxB.newPage();
await b.goto(`${origin}/join#relay=${encodeURIComponent(origin)}&code=${encodeURIComponent(code)}`);
await b.waitForFunction(() => window.__rapport?.session.ready && window.__rapport.session.sync.state === 'synced', null, {
	timeout: 60_000
});
await b.evaluate((id) => {
	window.__seen = new Map();
	window.__rapport.session.client.data.on('changed', ({ ids }) => {
		if (ids.includes(id)) window.__seen.set(window.__seenNext, performance.timeOrigin + performance.now());
	});
}, customerId);

// Edits from A, one at a time: the time from the command to B's data worker telling B's page.
const latencies = [];
for (let i = 0; i < EDITS; i++) {
	const value = `City ${i}`;
	await b.evaluate((v) => (window.__seenNext = v), value);
	const sent = await a.evaluate(
		async ([id, v]) => {
			const t0 = performance.timeOrigin + performance.now();
			await window.__rapport.session.client.data.call('updateCustomer', { id, patch: { city: v } });
			return t0;
		},
		[customerId, value]
	);
	const seen = await b
		.waitForFunction((v) => window.__seen.get(v), value, { timeout: 10_000, polling: 'raf' })
		.then((h) => h.jsonValue());
	latencies.push(seen - sent);
}
const p50 = pct(latencies, 50);
const p99 = pct(latencies, 99);
console.log(`\nedit in one browser → visible to the other through the relay (loopback), ${EDITS} edits`);
console.log(`p50 ${p50.toFixed(1)} ms (budget ≤ 20)   p99 ${p99.toFixed(1)} ms (budget ≤ 50)   max ${Math.max(...latencies).toFixed(1)} ms`);

await browser.close();
await relay.close();
rmSync(dataDir, { recursive: true, force: true });
