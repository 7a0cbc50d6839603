// Who is online in a workspace, through Yjs awareness (the provider's `awareness`, relayed by
// the relay as y-protocols awareness messages). Each client's state is one `PresenceState`;
// a client that disconnects or times out is removed by the awareness protocol itself.
import type { Awareness } from 'y-protocols/awareness';

/** What one client publishes about itself. */
export interface PresenceState {
	memberId: string;
	name: string;
	color: string;
	/** The customer whose page is open, if any. */
	viewing: string | null;
	/** The form field being edited on that customer, if any. */
	editing: string | null;
}

export type PresenceFocus = Pick<PresenceState, 'viewing' | 'editing'>;
export type PresenceSelf = Pick<PresenceState, 'memberId' | 'name' | 'color'>;

function isPresence(s: unknown): s is PresenceState {
	const p = s as Partial<PresenceState> | null;
	return !!p && typeof p.memberId === 'string' && typeof p.name === 'string';
}

/** Publishes this client's presence and reports everyone else's (one entry per member). */
export class Presence {
	#awareness: Awareness;
	#onChange: (others: PresenceState[]) => void;
	#last = '';

	constructor(o: { awareness: Awareness; self: PresenceSelf; focus: PresenceFocus; onChange: (others: PresenceState[]) => void }) {
		this.#awareness = o.awareness;
		this.#onChange = o.onChange;
		this.#awareness.setLocalState({ ...o.self, ...o.focus } satisfies PresenceState);
		this.#awareness.on('change', this.#changed);
	}

	/** Updates part of this client's state (who it is, or what it looks at). */
	set(patch: Partial<PresenceState>): void {
		const cur = this.#awareness.getLocalState();
		if (cur) this.#awareness.setLocalState({ ...cur, ...patch });
	}

	/** Other members online now; the same member on two devices shows once. */
	others(): PresenceState[] {
		const self = this.#awareness.getLocalState() as PresenceState | null;
		const byMember = new Map<string, PresenceState>();
		for (const [client, state] of this.#awareness.getStates()) {
			if (client === this.#awareness.clientID || !isPresence(state) || state.memberId === self?.memberId) continue;
			const seen = byMember.get(state.memberId);
			// Prefer the device that is looking at something.
			if (!seen || (!seen.viewing && state.viewing)) byMember.set(state.memberId, state);
		}
		return [...byMember.values()].sort((a, b) => a.name.localeCompare(b.name));
	}

	destroy(): void {
		this.#awareness.off('change', this.#changed);
		this.#awareness.setLocalState(null);
	}

	#changed = ({ removed }: { removed: number[] }) => {
		// Awareness remembers the clock of a client it dropped and ignores that client's state
		// until its clock passes it. After our own reconnect the relay resends states at their
		// old clocks, so forget dropped peers: whatever arrives next is newer.
		// (Later: the provider still encodes this removal from the clocks.)
		const gone = removed.filter((c) => c !== this.#awareness.clientID);
		if (gone.length) {
			queueMicrotask(() => {
				for (const c of gone) if (!this.#awareness.states.has(c)) this.#awareness.meta.delete(c);
			});
		}
		const others = this.others();
		const key = JSON.stringify(others);
		if (key === this.#last) return;
		this.#last = key;
		this.#onChange(others);
	};
}
