// The keyboard shortcut table and its matcher.
import { describe, expect, it } from 'vitest';
import { en } from '../../src/lib/i18n/en';
import { isTyping, keyCaps, keyName, KeySequence, NEW_RECORD, SEQUENCE_MS, SHORTCUTS, type KeyInput } from '../../src/lib/state/keymap';

const press = (key: string, mods: Partial<KeyInput> = {}): KeyInput => ({ key, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('key names', () => {
	it('names Ctrl and ⌘ chords "mod", plain keys by their character, and skips the rest', () => {
		expect(keyName(press('k', { ctrlKey: true }))).toBe('mod+k');
		expect(keyName(press('K', { metaKey: true }))).toBe('mod+k');
		expect(keyName(press('g'))).toBe('g');
		expect(keyName(press('?'))).toBe('?');
		expect(keyName(press('N'))).toBe('N');
		expect(keyName(press('g', { altKey: true }))).toBeNull();
		expect(keyName(press('Shift'))).toBeNull();
		expect(keyName(press('Enter'))).toBeNull();
		expect(keyName(press('g', { isComposing: true }))).toBeNull();
	});

	it('tells typing in a field from key presses elsewhere', () => {
		expect(isTyping({ tagName: 'INPUT', type: 'search' })).toBe(true);
		expect(isTyping({ tagName: 'input' })).toBe(true);
		expect(isTyping({ tagName: 'TEXTAREA' })).toBe(true);
		expect(isTyping({ tagName: 'SELECT' })).toBe(true);
		expect(isTyping({ tagName: 'DIV', isContentEditable: true })).toBe(true);
		expect(isTyping({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
		expect(isTyping({ tagName: 'BUTTON' })).toBe(false);
		expect(isTyping({ tagName: 'BODY' })).toBe(false);
		expect(isTyping(null)).toBe(false);
	});
});

describe('key sequences', () => {
	const action = (keys: KeySequence, seq: string[], at = 0, typing = false) => {
		let out = null;
		for (const [i, k] of seq.entries()) out = keys.feed(k, at + i * 100, typing);
		return out?.action ?? null;
	};

	it('matches single keys, chords and two-key sequences', () => {
		const keys = new KeySequence();
		expect(action(keys, ['mod+k'])).toEqual({ kind: 'search' });
		expect(action(keys, ['?'])).toEqual({ kind: 'help' });
		expect(action(keys, ['g', 'c'])).toEqual({ kind: 'go', to: '/customers' });
		expect(action(keys, ['g', 'o'])).toEqual({ kind: 'go', to: '/contacts' });
		expect(action(keys, ['g', 't'])).toEqual({ kind: 'go', to: '/tasks' });
		expect(action(keys, ['g', 'a'])).toEqual({ kind: 'go', to: '/calendar' });
		expect(action(keys, ['n'])).toEqual({ kind: 'new' });
	});

	it('waits after the first key of a sequence, and forgets it after a pause', () => {
		const keys = new KeySequence();
		expect(keys.feed('g', 0)).toBeNull();
		expect(keys.feed('c', SEQUENCE_MS + 1)).toBeNull();
		expect(keys.feed('g', 10_000)).toBeNull();
		expect(keys.feed('c', 10_000 + SEQUENCE_MS)?.action).toEqual({ kind: 'go', to: '/customers' });
	});

	it('starts afresh on a key that continues nothing', () => {
		const keys = new KeySequence();
		// "g x" is nothing; "g" then "n" is not a sequence, but "n" alone is.
		expect(action(keys, ['g', 'x'])).toBeNull();
		expect(action(keys, ['g', 'n'])).toEqual({ kind: 'new' });
		expect(action(keys, ['g', 'g', 'c'])).toEqual({ kind: 'go', to: '/customers' });
		expect(action(keys, ['x', 'c'])).toBeNull();
	});

	it('lets only Ctrl/⌘ chords through while typing', () => {
		const keys = new KeySequence();
		expect(action(keys, ['g', 'c'], 0, true)).toBeNull();
		expect(action(keys, ['?'], 0, true)).toBeNull();
		expect(action(keys, ['n'], 0, true)).toBeNull();
		expect(action(keys, ['mod+k'], 0, true)).toEqual({ kind: 'search' });
	});
});

describe('the shortcut table', () => {
	it('has no key sequence twice and none that is the start of another', () => {
		const seqs = SHORTCUTS.map((s) => s.keys.join(' '));
		expect(new Set(seqs).size).toBe(seqs.length);
		for (const a of SHORTCUTS) {
			for (const b of SHORTCUTS) {
				if (a !== b && b.keys.length > a.keys.length) expect(a.keys.every((k, i) => b.keys[i] === k), `${a.keys} starts ${b.keys}`).toBe(false);
			}
		}
	});

	it('labels every shortcut with a message and sends "new" from list pages only', () => {
		for (const s of SHORTCUTS) expect(en[s.label]).toBeTruthy();
		for (const [list, form] of Object.entries(NEW_RECORD)) expect(form).toBe(`${list}/new`);
		expect(Object.keys(NEW_RECORD).sort()).toEqual(['/competitors', '/contacts', '/customers', '/deals', '/orders', '/products', '/tasks', '/tickets']);
	});

	it('shows key caps for the platform', () => {
		expect(keyCaps('mod+k', false)).toEqual(['Ctrl', 'K']);
		expect(keyCaps('mod+k', true)).toEqual(['⌘', 'K']);
		expect(keyCaps('g', false)).toEqual(['G']);
		expect(keyCaps('?', true)).toEqual(['?']);
	});
});
