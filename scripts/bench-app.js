// What the browser benches share: building the app unless told not to, serving a private copy of
// the build (others may rebuild build/ meanwhile), and a Chromium context that records
// main-thread long tasks from the very start of every page into `window.__longtasks` (and the
// long animation frames' scripts, for attribution, into `window.__loaf`).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium, launchOptions } from './chromium.js';
import { createStaticServer } from './serve.js';

/** Runs `vite build` in `root` unless `args` has --no-build; exits the process if it fails. */
export function buildUnlessSkipped(root, args, log) {
	if (args.includes('--no-build')) return;
	log('building…');
	const r = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	if (r.status !== 0) process.exit(r.status ?? 1);
}

/** The built app served from a temporary copy, and a browser context ready to measure it. */
export async function openBenchApp(root, prefix) {
	const appDir = mkdtempSync(path.join(os.tmpdir(), prefix));
	cpSync(path.join(root, 'build'), appDir, { recursive: true });
	const executablePath = await findChromium();
	const server = await createStaticServer({ root: appDir, port: 0 });
	const browser = await chromium.launch(launchOptions(executablePath));
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
	await context.addInitScript(() => {
		window.__longtasks = [];
		window.__loaf = [];
		try {
			new PerformanceObserver((list) => {
				for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
			}).observe({ type: 'longtask', buffered: true });
		} catch {
			// Not supported: reported as unknown.
		}
		// What a long task was: the scripts of the animation frames that blocked (the bench
		// prints them beside any long task, to tell the app's work from the machine's).
		try {
			new PerformanceObserver((list) => {
				for (const e of list.getEntries()) {
					if (e.blockingDuration <= 0) continue;
					window.__loaf.push({
						start: Math.round(e.startTime),
						duration: Math.round(e.duration),
						render: Math.round(e.renderStart ? e.startTime + e.duration - e.renderStart : 0),
						scripts: e.scripts.map((x) => `${x.invoker} ${(x.sourceURL || '').split('/').pop()}:${x.sourceFunctionName || ''} ${Math.round(x.duration)} ms`)
					});
				}
			}).observe({ type: 'long-animation-frame', buffered: true });
		} catch {
			// Not supported: no attribution.
		}
	});
	return {
		appDir,
		executablePath,
		browser,
		context,
		url: (p) => new URL(p, server.url).href,
		async close() {
			await browser.close();
			await server.close();
			rmSync(appDir, { recursive: true, force: true });
		}
	};
}
