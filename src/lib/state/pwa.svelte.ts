// Installation, updates and storage: what the browser lets a PWA know and ask for.
import { toasts } from './toasts.svelte';

interface InstallPromptEvent extends Event {
	prompt(): Promise<void>;
	userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export class Pwa {
	needRefresh = $state(false);
	canInstall = $state(false);
	persisted = $state<boolean | null>(null);
	usage = $state<number | null>(null);
	quota = $state<number | null>(null);
	#install: InstallPromptEvent | null = null;
	#update: ((reload?: boolean) => Promise<void>) | null = null;

	/** Registers the service worker and listens for install offers. */
	async start(): Promise<void> {
		window.addEventListener('beforeinstallprompt', (e) => {
			e.preventDefault();
			this.#install = e as InstallPromptEvent;
			this.canInstall = true;
		});
		window.addEventListener('appinstalled', () => {
			this.canInstall = false;
			this.#install = null;
		});
		// Ask once, quietly: Chromium decides without a prompt; others may ask the user.
		void this.persist().catch(() => undefined);
		try {
			const { registerSW } = await import('virtual:pwa-register');
			this.#update = registerSW({
				immediate: true,
				onNeedRefresh: () => (this.needRefresh = true)
			});
		} catch (e) {
			console.warn('service worker registration failed', e);
		}
	}

	async install(): Promise<void> {
		const ev = this.#install;
		if (!ev) return;
		await ev.prompt();
		await ev.userChoice.catch(() => undefined);
		this.#install = null;
		this.canInstall = false;
	}

	/** Activates the waiting service worker and reloads into the new version. */
	async reload(): Promise<void> {
		this.needRefresh = false;
		if (this.#update) await this.#update(true);
		else location.reload();
	}

	async refreshStorage(): Promise<void> {
		const s = navigator.storage;
		if (!s) return;
		this.persisted = (await s.persisted?.()) ?? null;
		const est = await s.estimate?.();
		this.usage = est?.usage ?? null;
		this.quota = est?.quota ?? null;
	}

	/** Asks the browser not to evict this site's data; quietly on start, explicitly from Settings. */
	async persist(): Promise<boolean> {
		const ok = (await navigator.storage?.persist?.()) ?? false;
		await this.refreshStorage();
		return ok;
	}

	notify(text: string) {
		toasts.show(text);
	}
}

export const pwa = new Pwa();
