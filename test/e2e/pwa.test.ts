// PWA end-to-end checks against the current build: manifest and icons, service worker control,
// and the app shell opening offline (including deep links).
import { describe, expect, test } from 'vitest';
import type { Response as PageResponse } from 'playwright-core';
import {
	collectConsoleErrors,
	pngSize,
	startApp,
	useAppAndBrowser,
	waitForAppRendered,
	waitForServiceWorker,
	withPage
} from './harness';

interface ManifestIcon {
	src: string;
	sizes?: string;
	type?: string;
	purpose?: string;
}

// Console noise that is expected while offline: Chromium logs failed update checks of the
// service worker script and failed network requests. Uncaught page errors are never ignored.
const OFFLINE_NOISE = [
	/An unknown error occurred when fetching the script/,
	/net::ERR_INTERNET_DISCONNECTED/,
	// Routing is not under test here: the shell must open whether or not the route exists yet.
	/Not found: \/customers\//
];

const e2e = useAppAndBrowser();

describe('web app manifest', () => {
	test('is served as JSON with the fields an installable PWA needs', async () => {
		const res = await fetch(e2e.app.at('/manifest.webmanifest'));
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
		const manifest = JSON.parse(await res.text());

		for (const field of ['name', 'short_name', 'description', 'start_url', 'theme_color', 'lang']) {
			expect(typeof manifest[field], `manifest.${field}`).toBe('string');
			expect(manifest[field].length, `manifest.${field}`).toBeGreaterThan(0);
		}
		expect(manifest.short_name).toBe('Rapport');
		expect(manifest.display).toBe('standalone');
		expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
		expect(new URL(manifest.start_url, res.url).origin).toBe(new URL(e2e.app.url).origin);

		const icons: ManifestIcon[] = manifest.icons;
		expect(Array.isArray(icons)).toBe(true);
		const sizes = icons.flatMap((icon) => (icon.sizes ?? '').split(/\s+/));
		expect(sizes).toContain('192x192');
		expect(sizes).toContain('512x512');
		expect(icons.some((icon) => (icon.purpose ?? '').split(/\s+/).includes('maskable'))).toBe(true);
	});

	test('every icon is a PNG of its declared size', async () => {
		const res = await fetch(e2e.app.at('/manifest.webmanifest'));
		const icons: ManifestIcon[] = (await res.json()).icons;
		expect(icons.length).toBeGreaterThanOrEqual(3);

		for (const icon of icons) {
			const iconUrl = new URL(icon.src, res.url).href;
			const iconRes = await fetch(iconUrl);
			expect(iconRes.status, iconUrl).toBe(200);
			expect(iconRes.headers.get('content-type'), iconUrl).toBe('image/png');
			if (icon.type) expect(icon.type, iconUrl).toBe('image/png');

			const size = pngSize(new Uint8Array(await iconRes.arrayBuffer()));
			const declared = (icon.sizes ?? '').split(/\s+/).filter(Boolean);
			expect(declared.length, `${iconUrl} declares its size`).toBeGreaterThan(0);
			expect(declared, iconUrl).toContain(`${size.width}x${size.height}`);
		}
	});

	test('is linked from the page, along with PNG favicons', async () => {
		await withPage(e2e.browser, async (page) => {
			await page.goto(e2e.app.url);
			await waitForAppRendered(page);

			const link = page.locator('link[rel="manifest"]');
			await link
				.first()
				.waitFor({ state: 'attached', timeout: 5_000 })
				.catch(() => {
					throw new Error('The page has no <link rel="manifest">: link /manifest.webmanifest from src/app.html');
				});
			expect(await link.count()).toBe(1);
			const href = await link.evaluate((el: HTMLLinkElement) => el.href);
			expect(new URL(href).pathname).toBe('/manifest.webmanifest');
			const linked = await fetch(href);
			expect(linked.status).toBe(200);
			expect((await linked.json()).short_name).toBe('Rapport');

			const iconHrefs = await page
				.locator('link[rel="icon"], link[rel="apple-touch-icon"]')
				.evaluateAll((els) => els.map((el) => (el as HTMLLinkElement).href));
			expect(iconHrefs.length).toBeGreaterThan(0);
			for (const iconHref of iconHrefs) {
				const iconRes = await fetch(iconHref);
				expect(iconRes.status, iconHref).toBe(200);
				expect(iconRes.headers.get('content-type'), iconHref).toBe('image/png');
				pngSize(new Uint8Array(await iconRes.arrayBuffer()));
			}
		});
	});
});

describe('service worker', () => {
	test('controls the page after the first load', async () => {
		await withPage(e2e.browser, async (page) => {
			const response = await page.goto(e2e.app.url);
			expect(response?.status()).toBe(200);
			const scriptURL = await waitForServiceWorker(page);
			expect(new URL(scriptURL).pathname).toBe('/sw.js');
			expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
			await waitForAppRendered(page);
		});
	});
});

describe('offline', () => {
	test('reloads, opens / and a deep link from the service worker with the server gone', async () => {
		// A server of its own, so it can be shut down: nothing is reachable any more.
		const offlineApp = await startApp();
		try {
			await withPage(e2e.browser, async (page, context) => {
				await page.goto(offlineApp.url);
				await waitForServiceWorker(page);
				await waitForAppRendered(page);

				await context.setOffline(true);
				await offlineApp.close();
				// Sanity check: the browser is offline and the server is really gone.
				expect(await page.evaluate(() => navigator.onLine)).toBe(false);
				await expect(fetch(offlineApp.url)).rejects.toThrow();

				// The app may redirect client-side (e.g. / → /customers), so a reload re-requests the
				// current URL; / and a deep link are also opened explicitly.
				const visits: Array<{ label: string; url: string; open: () => Promise<PageResponse | null> }> = [
					{ label: 'reload', url: page.url(), open: () => page.reload() },
					{ label: 'open /', url: offlineApp.at('/'), open: () => page.goto(offlineApp.at('/')) },
					{
						label: 'deep link',
						url: offlineApp.at('/customers/some-id'),
						open: () => page.goto(offlineApp.at('/customers/some-id'))
					}
				];
				for (const visit of visits) {
					const response = await visit.open();
					expect(response, visit.label).not.toBeNull();
					expect(response!.url(), visit.label).toBe(visit.url);
					// Not Chromium's network error page (the app may still redirect client-side).
					expect(new URL(page.url()).origin, visit.label).toBe(new URL(offlineApp.url).origin);
					expect(response!.status(), visit.label).toBe(200);
					expect(response!.fromServiceWorker(), `${visit.label} served by the service worker`).toBe(true);
					expect(await response!.text(), visit.label).toContain('<title>Rapport</title>');
					await waitForAppRendered(page);
					expect(await page.title(), visit.label).toContain('Rapport');
				}

				// A new tab opening a deep link cold, while offline.
				const tab = await context.newPage();
				const tabErrors = collectConsoleErrors(tab, OFFLINE_NOISE);
				const response = await tab.goto(offlineApp.at('/customers/another-id?tab=notes'));
				expect(response?.url()).toBe(offlineApp.at('/customers/another-id?tab=notes'));
				expect(new URL(tab.url()).origin).toBe(new URL(offlineApp.url).origin);
				expect(response?.status()).toBe(200);
				expect(response?.fromServiceWorker()).toBe(true);
				await waitForAppRendered(tab);
				expect(await tab.title()).toContain('Rapport');

				expect(tabErrors).toEqual([]);
			}, { ignore: OFFLINE_NOISE });
		} finally {
			await offlineApp.close();
		}
	});
});
