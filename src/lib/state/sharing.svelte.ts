// The share dialog's state: connecting the open workspace to a relay, invites and members.
// Talks to the relay's HTTP API with the token this device holds for the workspace.
import type { Role } from '../domain/member';
import { t } from '../i18n/index.svelte';
import {
	createInvite,
	inviteLink,
	listMembers,
	revokeMember,
	rotateInvites,
	setMemberRole,
	type RelayMember
} from '../sync/relay-api';
import { session } from './session.svelte';

export class Sharing {
	members = $state.raw<RelayMember[]>([]);
	link = $state('');
	linkExpires = $state('');
	role = $state<Exclude<Role, 'owner'>>('editor');
	busy = $state(false);
	/** The last failure, already in words for the user. */
	error = $state('');
	notice = $state('');

	get relay() {
		return session.registry.current?.relay;
	}

	get isOwner(): boolean {
		return this.relay?.role === 'owner';
	}

	/** Runs an action, turning a failure into `error`; returns whether it succeeded. */
	async #run(fn: () => Promise<void>): Promise<boolean> {
		this.busy = true;
		this.error = '';
		this.notice = '';
		try {
			await fn();
			return true;
		} catch (e) {
			this.error = t('share.error', { message: String((e as Error)?.message ?? e) });
			return false;
		} finally {
			this.busy = false;
		}
	}

	#api() {
		const r = this.relay;
		const id = session.registry.currentId;
		if (!r) throw new Error('This workspace is not connected to a relay');
		return { url: r.url, token: r.token, id };
	}

	reset() {
		this.link = '';
		this.error = '';
		this.notice = '';
		this.members = [];
	}

	async connect(relay: string, token: string): Promise<boolean> {
		const ok = await this.#run(() => session.connect(relay, token));
		if (ok && this.isOwner) await this.refresh();
		return ok;
	}

	async disconnect(): Promise<void> {
		await this.#run(() => session.disconnect());
		this.reset();
	}

	async refresh(): Promise<void> {
		if (!this.isOwner) return;
		await this.#run(async () => {
			const { url, token, id } = this.#api();
			this.members = await listMembers(url, token, id);
		});
	}

	async createInvite(): Promise<void> {
		await this.#run(async () => {
			const { url, token, id } = this.#api();
			const invite = await createInvite(url, token, id, this.role);
			this.link = inviteLink(location.origin, url, invite.code);
			this.linkExpires = invite.expiresAt;
		});
	}

	async rotate(): Promise<void> {
		const ok = await this.#run(async () => {
			const { url, token, id } = this.#api();
			await rotateInvites(url, token, id);
			this.link = '';
		});
		if (ok) this.notice = t('share.rotated');
	}

	async setRole(memberId: string, role: Role): Promise<void> {
		await this.#run(async () => {
			const { url, token, id } = this.#api();
			await setMemberRole(url, token, id, memberId, role);
		});
		await this.refresh();
	}

	async revoke(memberId: string): Promise<void> {
		await this.#run(async () => {
			const { url, token, id } = this.#api();
			await revokeMember(url, token, id, memberId);
		});
		await this.refresh();
	}
}
