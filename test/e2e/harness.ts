// Shared helpers for the end-to-end tests: the built site (build/) served statically, driven by
// Debian's Chromium through playwright-core. Run via `npm run test:e2e` (builds first).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	chromium,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page
} from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchOptions } from '../../scripts/chromium.js';
import { createStaticServer } from '../../scripts/serve.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const buildDir = path.join(repoRoot, 'build');

export interface App {
	/** Base URL with a trailing slash, e.g. http://127.0.0.1:39211/ */
	url: string;
	port: number;
	/** Absolute URL for a path such as "/customers/abc". */
	at(pathname: string): string;
	close(): Promise<void>;
}

/** Serve build/ on an ephemeral port (127.0.0.1). */
export async function startApp(options: { root?: string; port?: number } = {}): Promise<App> {
	const root = options.root ?? buildDir;
	for (const file of ['index.html', 'sw.js', 'manifest.webmanifest']) {
		if (!existsSync(path.join(root, file))) {
			throw new Error(`${path.join(root, file)} is missing: build first (npx vite build), or run npm run test:e2e`);
		}
	}
	const server = await createStaticServer({ root, port: options.port ?? 0, host: '127.0.0.1' });
	return {
		url: server.url,
		port: server.port,
		at: (pathname: string) => new URL(pathname, server.url).href,
		close: () => server.close()
	};
}

/** Debian's Chromium (or $CHROMIUM_PATH), headless. */
export async function launchBrowser(): Promise<Browser> {
	return chromium.launch(launchOptions(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'));
}

export interface AppAndBrowser {
	readonly app: App;
	readonly browser: Browser;
}

/**
 * Serves the build and launches Chromium once for the calling test file (vitest beforeAll), and
 * closes both afterwards (afterAll). Read `app` and `browser` inside tests, not at import time.
 * `root` is read when the server starts, so an earlier beforeAll may prepare it.
 */
export function useAppAndBrowser(options: { root?: () => string } = {}): AppAndBrowser {
	let app: App | undefined;
	let browser: Browser | undefined;
	beforeAll(async () => {
		app = await startApp({ root: options.root?.() });
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});
	const ready = <T>(value: T | undefined, what: string): T => {
		if (value === undefined) throw new Error(`${what} is not running: read it inside a test, after beforeAll`);
		return value;
	};
	return {
		get app() {
			return ready(app, 'The app server');
		},
		get browser() {
			return ready(browser, 'The browser');
		}
	};
}

/** A fresh, isolated browser profile (own service workers, caches and IndexedDB). */
export async function newContext(
	browser: Browser,
	opts: BrowserContextOptions = {}
): Promise<BrowserContext> {
	return browser.newContext({
		viewport: { width: 1280, height: 800 },
		locale: 'en-US',
		...opts
	});
}

export interface PageOptions extends BrowserContextOptions {
	/** Errors matching one of these do not fail the test (see collectConsoleErrors). */
	ignore?: RegExp[];
}

/**
 * Runs `body` with a page in a fresh context and closes the context afterwards; fails on any
 * uncaught page error or console.error (see collectConsoleErrors) once `body` is done.
 */
export async function withPage(
	browser: Browser,
	body: (page: Page, context: BrowserContext) => Promise<void>,
	{ ignore = [], ...contextOptions }: PageOptions = {}
): Promise<void> {
	const context = await newContext(browser, contextOptions);
	try {
		const page = await context.newPage();
		const errors = collectConsoleErrors(page, ignore);
		await body(page, context);
		expect(errors).toEqual([]);
	} finally {
		await context.close();
	}
}

/** Poll `check` (run in Node, typically calling page.evaluate) until it returns true. */
async function pollUntil(check: () => Promise<boolean>, timeout: number): Promise<boolean> {
	const deadline = Date.now() + timeout;
	for (;;) {
		// A navigation in progress destroys the execution context: treat that as "not yet".
		if (await check().catch(() => false)) return true;
		if (Date.now() >= deadline) return false;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/**
 * Wait until the page is controlled by an activated service worker. The app's SW doesn't claim
 * open clients (registerType 'prompt'), so the first visit needs one reload once it is active.
 * Returns the controlling worker's script URL.
 */
export async function waitForServiceWorker(page: Page, { timeout = 30_000 } = {}): Promise<string> {
	const active = await pollUntil(
		() =>
			page.evaluate(async () => {
				const reg = await navigator.serviceWorker.getRegistration();
				return reg?.active?.state === 'activated';
			}),
		timeout
	);
	if (!active) {
		const registrations = await page
			.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)
			.catch(() => 'unknown');
		throw new Error(
			`No service worker became active on ${page.url()} within ${timeout} ms ` +
				`(registrations: ${registrations}): does the app register /sw.js?`
		);
	}

	const isControlled = () => page.evaluate(() => navigator.serviceWorker.controller !== null);
	if (!(await isControlled().catch(() => false))) {
		await page.reload({ waitUntil: 'load' });
		if (!(await pollUntil(isControlled, timeout))) {
			throw new Error(`The service worker is active but does not control ${page.url()} after a reload`);
		}
	}
	return page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
}

/** Resolves once the SvelteKit app has rendered something into the shell's root element. */
export async function waitForAppRendered(page: Page, { timeout = 15_000 } = {}): Promise<void> {
	await page.waitForFunction(
		() => {
			const root = document.querySelector('body > div');
			return !!root && [...root.children].some((el) => el.tagName !== 'SCRIPT');
		},
		undefined,
		{ timeout, polling: 100 }
	);
}

/**
 * Record uncaught page errors and console.error messages, for `expect(errors).toEqual([])`.
 * Messages matching one of `ignore` are skipped.
 */
export function collectConsoleErrors(page: Page, ignore: RegExp[] = []): string[] {
	const errors: string[] = [];
	const keep = (text: string) => !ignore.some((re) => re.test(text));
	page.on('pageerror', (err) => {
		const text = `pageerror: ${err.message}`;
		if (keep(text)) errors.push(text);
	});
	page.on('console', (msg) => {
		if (msg.type() !== 'error') return;
		const loc = msg.location();
		const text = `console.error: ${msg.text()}${loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`;
		if (keep(text)) errors.push(text);
	});
	return errors;
}

/** Width and height from a PNG's IHDR chunk; throws if the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
	const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
	if (bytes.length < 33 || !signature.every((b, i) => bytes[i] === b)) {
		throw new Error('not a PNG (bad signature)');
	}
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const type = String.fromCharCode(...bytes.subarray(12, 16));
	if (view.getUint32(8) !== 13 || type !== 'IHDR') throw new Error('not a PNG (first chunk is not IHDR)');
	return { width: view.getUint32(16), height: view.getUint32(20) };
}
