// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {}
	interface Window {
		__rapport?: { session: import('$lib/state/session.svelte').Session };
	}
}

export {};
