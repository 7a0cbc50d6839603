// The open workspace: its workers, what the UI shows about it, and workspace commands.
import { dbNames, deleteWorkspaceData, kvReadOnce } from '../persistence/idb';
import type { SavedProjection } from '../persistence/projection';
import { customLabels } from '../i18n/errors';
import { i18n, t } from '../i18n/index.svelte';
import type { Member } from '../domain/member';
import type { BackupError } from '../store/backup';
import { checkToken, redeemInvite, relayOrigin } from '../sync/relay-api';
import type { SyncStatus } from '../sync/status';
import { WorkspaceClient } from '../worker/client';
import type { StorageProblem, SyncTarget, WorkspaceInfo } from '../worker/protocol';
import { PresenceView } from './presence.svelte';
import { Registry, type RelayLink, type WorkspaceEntry } from './registry.svelte';

function syncTarget(link: RelayLink | undefined): SyncTarget | undefined {
	return link && { relayUrl: link.url, token: link.token, role: link.role, joined: link.joined };
}

export class Session {
	readonly registry = new Registry();
	readonly presence = new PresenceView((focus) => void this.client?.data.call('setPresence', focus).catch(() => undefined));
	client = $state.raw<WorkspaceClient | null>(null);
	/**
	 * The open workspace's saved first screen of the customer list, read here while the
	 * workers start, so the list shows its first rows without waiting for them.
	 */
	savedHead: Promise<SavedProjection['head'] | undefined> | null = null;
	info = $state.raw<WorkspaceInfo | null>(null);
	/** The CRDT is loaded: edits apply at once. */
	ready = $state(false);
	/** Every customer is in the list (not only the saved first screen). */
	listLoaded = $state(false);
	storageProblem = $state.raw<StorageProblem | null>(null);
	/** Bumped when records change, so open views refresh. */
	changes = $state(0);
	lastChangedIds = $state.raw<string[]>([]);
	/** Bumped when contacts, tasks or activities change; what changed is in `lastRecords`. */
	recordChanges = $state(0);
	lastRecords = $state.raw<{ collection: string; ids: string[] }>({ collection: '', ids: [] });
	/** Every activity partition known at open is loaded. */
	activitiesLoaded = $state(false);
	loadMs = $state(0);
	/** The open workspace's connection to its relay. */
	sync = $state.raw<SyncStatus>({ state: 'local' });
	#started = false;
	#listening = false;

	/** This device is a viewer of the open workspace: it can read, not change. */
	readOnly = $derived(this.registry.current?.relay?.role === 'viewer');

	members = $derived(new Map<string, Member>((this.info?.members ?? []).map((m) => [m.id, m])));

	#headRead: { id: string; head: Promise<SavedProjection['head'] | undefined> } | null = null;

	/**
	 * Starts reading the saved first screen of the workspace this device opens, before the
	 * first render: the read runs off the main thread while the app's code loads.
	 */
	prefetch(): void {
		const id = this.registry.current?.id;
		if (id && !this.#headRead) this.#headRead = { id, head: this.#readHead(id) };
	}

	#readHead(id: string): Promise<SavedProjection['head'] | undefined> {
		const early = this.#headRead;
		this.#headRead = null;
		if (early?.id === id) return early.head;
		return kvReadOnce<SavedProjection['head']>(dbNames(id).list, 'head').catch(() => undefined);
	}

	/** Opens the current workspace, creating a first one on a new device. */
	async start(): Promise<void> {
		if (this.#started) return;
		this.#started = true;
		await this.#openDefault();
	}

	async #openDefault() {
		this.#prepare();
		let entry = this.registry.current ?? this.registry.workspaces[0];
		if (!entry) entry = this.registry.add(t('workspace.defaultName'));
		await this.#open(entry);
	}

	#prepare() {
		if (!this.registry.profile.name) this.registry.setProfile({ ...this.registry.profile, name: t('profile.defaultName') });
		if (this.#listening || typeof window === 'undefined') return;
		this.#listening = true;
		// The worker's socket would notice a lost network only after a timeout.
		const tell = () => void this.client?.data.call('setOnline', { online: navigator.onLine }).catch(() => undefined);
		window.addEventListener('online', tell);
		window.addEventListener('offline', tell);
	}

	/**
	 * Joins a workspace through an invite: redeems it on the relay, adds the workspace to this
	 * device and opens it, syncing. Used by the /join page instead of `start`.
	 */
	async join(relay: string, code: string): Promise<void> {
		this.#started = true;
		this.#prepare();
		try {
			const url = relayOrigin(relay);
			const r = await redeemInvite(url, code, this.registry.profile.name);
			const link: RelayLink = { url, token: r.token, memberId: r.memberId, role: r.role, joined: true };
			const known = this.registry.workspaces.find((w) => w.id === r.workspaceId);
			if (known) {
				// Already on this device: sync it with the new membership, keep its local settings.
				this.registry.update(known.id, { relay: { ...link, joined: known.relay?.joined ?? false } });
				await this.#open(this.registry.workspaces.find((w) => w.id === known.id)!);
			} else {
				await this.#open(this.registry.add(t('workspace.joinedName'), r.workspaceId, { memberId: r.memberId, relay: link }));
			}
		} catch (e) {
			if (!this.client) await this.#openDefault();
			throw e;
		}
	}

	/**
	 * Connects the open workspace to a relay with a member token (an owner's, from the relay's
	 * token command). The token is checked first, so a wrong one is reported, not stored.
	 */
	async connect(relay: string, token: string): Promise<void> {
		const entry = this.registry.current;
		if (!entry || !this.client) throw new Error('No workspace is open');
		const url = relayOrigin(relay);
		const check = await checkToken(url, token.trim(), entry.id);
		const link: RelayLink = { url, token: token.trim(), memberId: check.memberId, role: check.role, joined: false };
		this.registry.update(entry.id, { relay: link });
		await this.client.data.call('connect', syncTarget(link)!);
	}

	/** Stops syncing the open workspace; its data stays on this device. */
	async disconnect(): Promise<void> {
		const entry = this.registry.current;
		if (!entry) return;
		this.registry.update(entry.id, { relay: undefined });
		await this.client?.data.call('disconnect', undefined);
	}

	#openSeq = 0;
	#syncTimer: ReturnType<typeof setTimeout> | null = null;

	/**
	 * Every edit is briefly unacknowledged (a few ms on a LAN); show that only if it lasts, so
	 * the status line does not flicker on each keystroke.
	 */
	#showSync(status: SyncStatus) {
		if (this.#syncTimer) clearTimeout(this.#syncTimer);
		this.#syncTimer = null;
		if (status.state === 'unacknowledged' && this.sync.state === 'synced') {
			this.#syncTimer = setTimeout(() => {
				this.#syncTimer = null;
				this.sync = status;
			}, 1000);
		} else {
			this.sync = status;
		}
	}

	async #open(entry: WorkspaceEntry, restore?: string): Promise<{ ok: true } | { ok: false; error: BackupError }> {
		const seq = ++this.#openSeq;
		await this.#close();
		// Another switch started while this one waited for the old workspace to close.
		if (seq !== this.#openSeq) return { ok: true };
		this.registry.select(entry.id);
		const client = new WorkspaceClient();
		this.savedHead = restore ? null : this.#readHead(entry.id);
		this.client = client;
		client.data.on('ready', (e) => {
			this.ready = true;
			this.loadMs = e.loadMs;
			performance.mark('rapport:crdt-ready');
		});
		client.data.on('workspace', (info) => {
			this.info = info;
			customLabels.clear();
			for (const d of info.fields ?? []) customLabels.set(`cf_${d.id}`, d.label);
			if (info.name && info.name !== entry.name) this.registry.update(entry.id, { name: info.name });
		});
		client.data.on('changed', ({ ids }) => {
			this.lastChangedIds = ids;
			this.changes++;
		});
		client.data.on('records', (r) => {
			this.lastRecords = r;
			this.recordChanges++;
		});
		client.data.on('activities', ({ loaded }) => {
			this.activitiesLoaded = loaded;
			if (loaded) performance.mark('rapport:activities-ready');
		});
		client.data.on('storage', ({ problem }) => (this.storageProblem = problem));
		// After each (re)connection, ask the relay for this member's role: an owner may have
		// changed it (the relay then closes the connection, so a reconnect follows).
		let reconnected = true;
		client.data.on('sync', (status) => {
			this.#showSync(status);
			if (status.state === 'connecting' || status.state === 'offline') reconnected = true;
			else if ((status.state === 'synced' || status.state === 'unacknowledged') && reconnected) {
				reconnected = false;
				void this.#checkRole(entry.id, client);
			}
		});
		client.data.on('presence', ({ members }) => (this.presence.others = members));
		client.query.on('loaded', () => {
			this.listLoaded = true;
			performance.mark('rapport:list-ready');
		});
		const { data, list } = client.open(
			{ workspaceId: entry.id, memberId: entry.memberId, profile: this.registry.profile, name: entry.name, restore, sync: syncTarget(entry.relay), locale: i18n.locale },
			i18n.locale
		);
		if (typeof navigator !== 'undefined' && !navigator.onLine) void client.data.call('setOnline', { online: false }).catch(() => undefined);
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

	/** Takes the role the relay now gives this member, and restarts sync with it if it changed. */
	async #checkRole(id: string, client: WorkspaceClient) {
		const link = this.registry.workspaces.find((w) => w.id === id)?.relay;
		if (!link) return;
		let role;
		try {
			role = (await checkToken(link.url, link.token, id)).role;
		} catch {
			return; // refused or unreachable: the sync status says so
		}
		const now = this.registry.workspaces.find((w) => w.id === id)?.relay;
		if (this.client !== client || !now || now.token !== link.token || role === now.role) return;
		const next: RelayLink = { ...now, role };
		this.registry.update(id, { relay: next });
		await client.data.call('connect', syncTarget(next)!).catch(() => undefined);
	}

	async #close() {
		const c = this.client;
		this.client = null;
		this.ready = false;
		this.listLoaded = false;
		this.activitiesLoaded = false;
		this.info = null;
		this.storageProblem = null;
		this.presence.others = [];
		this.#showSync({ state: 'local' });
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
		await deleteWorkspaceData(id);
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
		await deleteWorkspaceData(entry.id);
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
