import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export const config = {
	preprocess: vitePreprocess(),
	kit: {
		// SPA: every route is rendered in the browser from one fallback page, which the
		// service worker precaches so deep links open offline.
		adapter: adapter({ fallback: 'index.html', strict: true }),
		serviceWorker: { register: false }
	}
};

export default config;
