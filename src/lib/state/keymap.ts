// The keyboard shortcuts: one table that the key handler matches against and the help dialog
// lists. A shortcut is a sequence of keys ("g c" is G, then C within a moment); "mod" is Ctrl,
// or ⌘ on a Mac. Pure, so the matching is tested in Node.
import type { MessageKey } from '../i18n/en';

export type ShortcutAction =
	| { kind: 'search' }
	| { kind: 'help' }
	| { kind: 'go'; to: string }
	/** A new record of the list on screen (see NEW_RECORD). */
	| { kind: 'new' };

export interface Shortcut {
	keys: readonly string[];
	label: MessageKey;
	action: ShortcutAction;
	/** Also works while typing in a field (a chord with Ctrl/⌘ cannot be text). */
	whileTyping?: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
	{ keys: ['mod+k'], label: 'shortcuts.search', action: { kind: 'search' }, whileTyping: true },
	{ keys: ['?'], label: 'shortcuts.help', action: { kind: 'help' } },
	{ keys: ['g', 'c'], label: 'shortcuts.goCustomers', action: { kind: 'go', to: '/customers' } },
	{ keys: ['g', 'o'], label: 'shortcuts.goContacts', action: { kind: 'go', to: '/contacts' } },
	{ keys: ['g', 't'], label: 'shortcuts.goTasks', action: { kind: 'go', to: '/tasks' } },
	{ keys: ['g', 'a'], label: 'shortcuts.goCalendar', action: { kind: 'go', to: '/calendar' } },
	{ keys: ['g', 's'], label: 'shortcuts.goSettings', action: { kind: 'go', to: '/settings' } },
	{ keys: ['n'], label: 'shortcuts.new', action: { kind: 'new' } }
];

/** List page → its "new" page, for the `new` shortcut. */
export const NEW_RECORD: Readonly<Record<string, string>> = {
	'/customers': '/customers/new',
	'/contacts': '/contacts/new',
	'/tasks': '/tasks/new',
	'/deals': '/deals/new',
	'/orders': '/orders/new',
	'/products': '/products/new',
	'/tickets': '/tickets/new',
	'/competitors': '/competitors/new'
};

/** How long the second key of a sequence may take. */
export const SEQUENCE_MS = 1500;

export interface KeyInput {
	key: string;
	ctrlKey: boolean;
	metaKey: boolean;
	altKey: boolean;
	isComposing?: boolean;
}

/**
 * A key press as the table names it: "mod+k" for Ctrl/⌘+K, the character for a plain key
 * ("g", "?", "N" with Shift), or null for what no shortcut uses (Alt, bare modifiers, IME).
 */
export function keyName(e: KeyInput): string | null {
	if (e.isComposing || e.altKey || e.key.length !== 1) return null;
	if (e.ctrlKey || e.metaKey) return `mod+${e.key.toLowerCase()}`;
	return e.key;
}

/** Whether key presses at `el` are someone typing (a text field, a select, an editable area). */
export function isTyping(el: { tagName?: string; type?: string; isContentEditable?: boolean } | null): boolean {
	if (!el?.tagName) return false;
	if (el.isContentEditable) return true;
	const tag = el.tagName.toUpperCase();
	if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
	return tag === 'INPUT' && !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(el.type ?? 'text');
}

/** Matches key presses against the table, remembering the start of a sequence. */
export class KeySequence {
	#pending: string[] = [];
	#at = 0;

	constructor(readonly shortcuts: readonly Shortcut[] = SHORTCUTS) {}

	/** The shortcut `key` completes, or null (it may have started one). */
	feed(key: string, now: number, typing = false): Shortcut | null {
		if (now - this.#at > SEQUENCE_MS) this.#pending = [];
		this.#at = now;
		for (const start of [[...this.#pending, key], [key]]) {
			const usable = this.shortcuts.filter((s) => !typing || s.whileTyping);
			const done = usable.find((s) => s.keys.length === start.length && s.keys.every((k, i) => k === start[i]));
			if (done) {
				this.#pending = [];
				return done;
			}
			if (usable.some((s) => s.keys.length > start.length && start.every((k, i) => s.keys[i] === k))) {
				this.#pending = start;
				return null;
			}
		}
		this.#pending = [];
		return null;
	}
}

/** The key caps to show for one key of the table: "mod+k" → ["Ctrl", "K"] (["⌘", "K"] on a Mac). */
export function keyCaps(key: string, mac: boolean): string[] {
	return key.split('+').map((k) => (k === 'mod' ? (mac ? '⌘' : 'Ctrl') : k.toUpperCase()));
}
