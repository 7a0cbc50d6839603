// The key handler: matches key presses against the key map (keymap.ts) and does what they ask.
import { goto } from '$app/navigation';
import { page } from '$app/state';
import { globalSearch } from './global-search.svelte';
import { isTyping, keyName, KeySequence, NEW_RECORD, type Shortcut } from './keymap';
import { session } from './session.svelte';

class Shortcuts {
	/** The help dialog listing the shortcuts is open. */
	helpOpen = $state(false);
	#keys = new KeySequence();

	/** For `<svelte:window onkeydown>`. */
	onkeydown = (e: KeyboardEvent) => {
		if (e.defaultPrevented || e.repeat) return;
		const key = keyName(e);
		if (!key) return;
		// In a field, or over an open dialog, only Ctrl/⌘ chords count: other keys are typing or
		// belong to the dialog.
		const busy = isTyping(e.target as HTMLElement | null) || !!document.querySelector('dialog[open]');
		const shortcut = this.#keys.feed(key, Date.now(), busy);
		if (shortcut && this.#run(shortcut)) e.preventDefault();
	};

	/** Does what a shortcut asks; false when it means nothing here. */
	#run(s: Shortcut): boolean {
		switch (s.action.kind) {
			case 'search':
				this.helpOpen = false;
				globalSearch.show();
				return true;
			case 'help':
				this.helpOpen = true;
				return true;
			case 'go':
				void goto(s.action.to);
				return true;
			case 'new': {
				const to = NEW_RECORD[page.url.pathname];
				if (!to || session.readOnly) return false;
				void goto(to);
				return true;
			}
		}
	}
}

export const shortcuts = new Shortcuts();
