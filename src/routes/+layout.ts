// Rapport is a client-only app: data lives in the browser (IndexedDB) and a worker.
export const ssr = false;
export const prerender = false;

import { i18n } from '$lib/i18n/index.svelte';

/** The first render waits for the starting language's catalog (English is built in). */
export async function load() {
	await i18n.ready();
	return {};
}
