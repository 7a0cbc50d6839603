// Standalone Vitest config for the end-to-end tests (deliberately not extending vite.config.ts:
// the SvelteKit plugin is not needed here; the tests drive the built site in build/).
//
// Run through `npm run test:e2e` (builds first), or directly after `npx vite build`:
//   CHROMIUM_PATH=/usr/bin/chromium npx vitest run --config test/e2e/vitest.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	root: fileURLToPath(new URL('../..', import.meta.url)),
	test: {
		include: ['test/e2e/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 120_000,
		// One browser at a time: CI machines have two cores.
		fileParallelism: false,
		reporters: ['default']
	}
});
