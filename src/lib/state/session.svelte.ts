// The open workspace: its workers, what the UI shows about it, and workspace commands.
import { deleteDatabase, dbNames } from '../persistence/idb';
import { i18n, t } from '../i18n/index.svelte';
import type { Member } from '../domain/member';
import type { BackupError } from '../store/backup';
import { WorkspaceClient } from '../worker/client';
import type { StorageProblem, WorkspaceInfo } from '../worker/protocol';
import { Registry, type WorkspaceEntry } from './registry.svelte';

export class Session {
	readonly registry = new Registry();
	client = $state.raw<WorkspaceClient | null>(null);
	info = $state.raw<WorkspaceInfo | null>(null);
	/** The CRDT is loaded: edits apply at once. */
	ready = $state(false);
	/** Every customer is in the list (not only the saved first screen). */
	listLoaded = $state(false);
	storageProblem = $state.raw<StorageProblem | null>(null);
	/** Bumped when records change, so open views refresh. */
	changes = $state(0);
	lastChangedIds = $state.raw<string[]>([]);
	loadMs = $state(0);
	#started = false;

	members = $derived(new Map<string, Member>((this.info?.members ?? []).map((m) => [m.id, m])));

	/** Opens the current workspace, creating a first one on a new device. */
	async start(): Promise<void> {
		if (this.#started) return;
		this.#started = true;
		if (!this.registry.profile.name) this.registry.setProfile({ ...this.registry.profile, name: t('profile.defaultName') });
		let entry = this.registry.current ?? this.registry.workspaces[0];
		if (!entry) entry = this.registry.add(t('workspace.defaultName'));
		await this.#open(entry);
	}

	#openSeq = 0;

	async #open(entry: WorkspaceEntry, restore?: string): Promise<{ ok: true } | { ok: false; error: BackupError }> {
		const seq = ++this.#openSeq;
		await this.#close();
		// Another switch started while this one waited for the old workspace to close.
		if (seq !== this.#openSeq) return { ok: true };
		this.registry.select(entry.id);
		const client = new WorkspaceClient();
		this.client = client;
		client.data.on('ready', (e) => {
			this.ready = true;
			this.loadMs = e.loadMs;
			performance.mark('rapport:crdt-ready');
		});
		client.data.on('workspace', (info) => {
			this.info = info;
			if (info.name && info.name !== entry.name) this.registry.update(entry.id, { name: info.name });
		});
		client.data.on('changed', ({ ids }) => {
			this.lastChangedIds = ids;
			this.changes++;
		});
		client.data.on('storage', ({ problem }) => (this.storageProblem = problem));
		client.query.on('loaded', () => {
			this.listLoaded = true;
			performance.mark('rapport:list-ready');
		});
		const { data, list } = client.open(
			{ workspaceId: entry.id, memberId: entry.memberId, profile: this.registry.profile, name: entry.name, restore },
			i18n.locale
		);
		list.catch(() => undefined);
		let res;
		try {
			res = await data;
		} catch (e) {
			// A newer switch closed this workspace while it was opening: not an error.
			if (seq !== this.#openSeq) return { ok: true };
			throw e;
		}
		if (seq !== this.#openSeq) return { ok: true };
		if (!res.ok) return res;
		if (res.memberId !== entry.memberId) this.registry.update(entry.id, { memberId: res.memberId });
		return { ok: true };
	}

	async #close() {
		const c = this.client;
		this.client = null;
		this.ready = false;
		this.listLoaded = false;
		this.info = null;
		this.storageProblem = null;
		if (c) await c.close();
	}

	async switchTo(id: string): Promise<void> {
		const entry = this.registry.workspaces.find((w) => w.id === id);
		if (entry && id !== this.registry.currentId) await this.#open(entry);
	}

	async createWorkspace(name: string): Promise<void> {
		await this.#open(this.registry.add(name.trim() || t('workspace.defaultName')));
	}

	/** Erases a workspace from this device. */
	async removeWorkspace(id: string): Promise<void> {
		const wasCurrent = id === this.registry.currentId;
		if (wasCurrent) await this.#close();
		const names = dbNames(id);
		await Promise.all([deleteDatabase(names.doc), deleteDatabase(names.list)]);
		this.registry.remove(id);
		if (!wasCurrent) return;
		const next = this.registry.current ?? this.registry.workspaces[0];
		await this.#open(next ?? this.registry.add(t('workspace.defaultName')));
	}

	/** Restores a backup file into a new workspace; on a bad file nothing is kept. */
	async restoreBackup(text: string): Promise<{ ok: true } | { ok: false; error: BackupError }> {
		const previous = this.registry.currentId;
		const entry = this.registry.add(t('workspace.defaultName'));
		const res = await this.#open(entry, text);
		if (res.ok) return res;
		await this.#close();
		const names = dbNames(entry.id);
		await Promise.all([deleteDatabase(names.doc), deleteDatabase(names.list)]);
		this.registry.remove(entry.id);
		const back = this.registry.workspaces.find((w) => w.id === previous) ?? this.registry.workspaces[0];
		if (back) await this.#open(back);
		return res;
	}

	async rename(name: string): Promise<void> {
		await this.client?.data.call('renameWorkspace', { name });
	}
}

export const session = new Session();
