// Who else is online in the open workspace, and what this device tells them it looks at.
import type { PresenceFocus, PresenceState } from '../sync/presence';

export class PresenceView {
	/** Other members online now, as the data worker last reported them. */
	others = $state.raw<PresenceState[]>([]);
	#focus: PresenceFocus = { viewing: null, editing: null };

	/** @param send publishes this device's focus (to the data worker) */
	constructor(readonly send: (focus: PresenceFocus) => void) {}

	/** The customer page open now, or null when none is. */
	view(customerId: string | null): void {
		this.#set({ viewing: customerId, editing: null });
	}

	/** The form field being edited now (on the viewed customer), or null. */
	edit(field: string | null): void {
		this.#set({ ...this.#focus, editing: field });
	}

	viewersOf(customerId: string): PresenceState[] {
		return this.others.filter((m) => m.viewing === customerId);
	}

	/** Who else is editing this field of this customer, if anyone. */
	editorOf(customerId: string, field: string): PresenceState | undefined {
		return this.others.find((m) => m.viewing === customerId && m.editing === field);
	}

	#set(focus: PresenceFocus) {
		if (focus.viewing === this.#focus.viewing && focus.editing === this.#focus.editing) return;
		this.#focus = focus;
		this.send(focus);
	}
}

/** Names as a list in the reader's language ("Ann and Bob", "Ann、Bob"). */
export function nameList(names: string[], locale: string): string {
	return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
}

/** Up to two initials of a display name. */
export function initials(name: string): string {
	const words = name.trim().split(/\s+/).filter(Boolean);
	if (words.length > 1) return (words[0][0] + words[1][0]).toUpperCase();
	return [...(words[0] ?? '?')].slice(0, 2).join('').toUpperCase();
}
