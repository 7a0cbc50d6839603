import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			registerType: 'prompt',
			// Absolute, so a first visit to a deep link registers /sw.js for the whole app.
			base: '/',
			scope: '/',
			injectRegister: false,
			strategies: 'generateSW',
			manifestFilename: 'manifest.webmanifest',
			manifest: {
				id: '/',
				name: 'Rapport — customer relationships',
				short_name: 'Rapport',
				description: 'Local-first CRM for small teams: works offline, syncs with your team.',
				lang: 'en',
				dir: 'ltr',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				theme_color: '#1f5f8b',
				background_color: '#ffffff',
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
					{
						src: '/icons/icon-maskable-512.png',
						sizes: '512x512',
						type: 'image/png',
						purpose: 'maskable'
					}
				]
			},
			kit: { adapterFallback: 'index.html', spa: true, includeVersionFile: true },
			workbox: {
				// The first install controls the open page at once, so it works offline without a
				// reload; later versions wait for the user's "Reload" (registerType: 'prompt').
				clientsClaim: true,
				globPatterns: ['client/**/*.{js,css,html,ico,png,svg,webp,webmanifest,woff2,json}'],
				// The data worker chunks can be large once Yjs is bundled in.
				maximumFileSizeToCacheInBytes: 8 * 1024 * 1024
			}
		})
	],
	worker: { format: 'es' },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['test/**/*.test.ts'],
					exclude: ['test/e2e/**']
				}
			}
		]
	}
});
