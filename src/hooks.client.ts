// The browser's start-up hook: runs once, before SvelteKit loads the first page and hydrates.
import type { ClientInit } from '@sveltejs/kit';
import { session } from '$lib/state/session.svelte';

export const init: ClientInit = () => {
	// The customer list's saved first screen is read from disk while the pages' code loads.
	session.prefetch();
};
