// A new deployment: the service worker script changes on the server; the open app says a new
// version is available and "Reload" switches to it.
import { cpSync, mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildDir, useAppAndBrowser, waitForServiceWorker, withPage } from './harness';

let root: string;

// Serve a copy of the build, so "deploying" a new version does not touch build/. Registered
// before useAppAndBrowser: the copy exists before the server starts, and is removed (after hooks
// run last-registered first) once the server and browser are closed.
beforeAll(() => {
	root = mkdtempSync(path.join(os.tmpdir(), 'rapport-deploy-'));
	cpSync(buildDir, root, { recursive: true });
});

afterAll(() => {
	rmSync(root, { recursive: true, force: true });
});

const e2e = useAppAndBrowser({ root: () => root });

test('a new version is announced and "Reload" activates it', async () => {
	await withPage(e2e.browser, async (page) => {
		await page.goto(e2e.app.at('/customers'));
		await waitForServiceWorker(page);
		await expect.poll(() => page.getByRole('alert').filter({ hasText: 'new version' }).count()).toBe(0);

		// Deploy: the service worker script is different now.
		appendFileSync(path.join(root, 'sw.js'), '\n// deployed again\n');
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

		const banner = page.getByRole('alert').filter({ hasText: 'A new version of Rapport is available.' });
		await banner.waitFor({ timeout: 20_000 });
		const waiting = await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting);
		expect(waiting).toBe(true);

		await banner.getByRole('button', { name: 'Reload' }).click();
		await expect
			.poll(() => page.evaluate(async () => {
				const reg = await navigator.serviceWorker.getRegistration();
				return !!reg && !reg.waiting && !!navigator.serviceWorker.controller && reg.active?.state === 'activated';
			}).catch(() => false), { timeout: 20_000 })
			.toBe(true);
		// The page reloads under the new worker; on a busy machine that takes more than a second.
		await expect.poll(() => page.getByRole('alert').filter({ hasText: 'new version' }).count(), { timeout: 20_000 }).toBe(0);
	});
});
