// The browser's start-up hook: runs once, before SvelteKit loads the first page and hydrates.
import type { ClientInit } from '@sveltejs/kit';
import { session } from '$lib/state/session.svelte';

export const init: ClientInit = async () => {
	// The customer list's saved first screen is read from disk while the pages' code loads.
	session.prefetch();
	// SvelteKit goes on to load the first page's code (adding a preload link for each of its
	// modules, ~25 ms here) once this resolves: in a task of its own, not in the one that
	// evaluated the app's modules.
	await new Promise((resolve) => setTimeout(resolve, 0));
};
