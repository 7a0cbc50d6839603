// Which workspaces this device holds, which one is open, and the local profile. Kept in
// localStorage: it is tiny, per device, and needed before any worker starts.
import { newId } from '../domain/ids';
import { MEMBER_COLORS, type Role } from '../domain/member';
import type { Profile } from '../store/workspace';

export interface WorkspaceEntry {
	id: string;
	/** Last known name, shown before the workspace opens. */
	name: string;
	/** This device's member id in that workspace. */
	memberId: string;
	/** The relay this workspace syncs with; absent while it lives on this device only. */
	relay?: RelayLink;
}

/** How this device reaches a workspace's relay, remembered so a reload reconnects. */
export interface RelayLink {
	/** The relay's http(s) origin. */
	url: string;
	token: string;
	/** This device's member id and role on the relay. */
	memberId: string;
	role: Role;
	/** Joined through an invite (settings come from the relay), rather than connected as owner. */
	joined: boolean;
}

interface Saved {
	workspaces: WorkspaceEntry[];
	currentId: string;
	profile: Profile;
}

const KEY = 'rapport.registry';

function load(): Saved | null {
	try {
		const s = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Saved | null;
		return s && Array.isArray(s.workspaces) ? s : null;
	} catch {
		return null;
	}
}

export class Registry {
	workspaces = $state.raw<WorkspaceEntry[]>([]);
	currentId = $state('');
	profile = $state.raw<Profile>({ name: '', color: MEMBER_COLORS[0] });

	constructor() {
		const s = load();
		if (s) {
			this.workspaces = s.workspaces;
			this.currentId = s.currentId;
			this.profile = s.profile;
		}
	}

	get current(): WorkspaceEntry | undefined {
		return this.workspaces.find((w) => w.id === this.currentId);
	}

	#save() {
		try {
			localStorage.setItem(KEY, JSON.stringify({ workspaces: this.workspaces, currentId: this.currentId, profile: this.profile }));
		} catch {
			// A full localStorage only loses the convenience of remembering the choice.
		}
	}

	/** Adds a workspace entry (a new id unless given) and makes it current. */
	add(name: string, id = newId(), extra: Partial<Omit<WorkspaceEntry, 'id' | 'name'>> = {}): WorkspaceEntry {
		const entry: WorkspaceEntry = { id, name, memberId: newId(), ...extra };
		this.workspaces = [...this.workspaces, entry];
		this.currentId = id;
		this.#save();
		return entry;
	}

	update(id: string, patch: Partial<WorkspaceEntry>) {
		this.workspaces = this.workspaces.map((w) => (w.id === id ? { ...w, ...patch } : w));
		this.#save();
	}

	select(id: string) {
		this.currentId = id;
		this.#save();
	}

	remove(id: string) {
		this.workspaces = this.workspaces.filter((w) => w.id !== id);
		if (this.currentId === id) this.currentId = this.workspaces[0]?.id ?? '';
		this.#save();
	}

	setProfile(p: Profile) {
		this.profile = p;
		this.#save();
	}
}
