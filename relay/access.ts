// Who may sync which workspace: members, roles, revocations and invite generations.
//
// The state lives in one append-only JSON-lines file, `<dataDir>/access.jsonl`, beside the
// signing secret. Appends of a line are atomic, so the relay and the token CLI can both write
// while the relay runs; each reader replays the lines it has not seen yet before every
// decision, and the relay also watches the file, so a revocation made from the CLI closes
// the member's open sockets at once.

import { randomUUID } from 'node:crypto';
import { appendFileSync, closeSync, fstatSync, mkdirSync, openSync, readSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { CLOSE } from './protocol.js';
import {
	INVITE_ROLES,
	isId,
	isRole,
	readInvite,
	readMemberToken,
	signInvite,
	signMemberToken,
	type InviteRole,
	type MemberClaims,
	type Role
} from './tokens.js';

export const ACCESS_FILE = 'access.jsonl';

export interface MemberRecord {
	id: string;
	name: string;
	role: Role;
	createdAt: number;
	revokedAt?: number;
}

export type AccessEvent =
	| { type: 'member'; workspace: string; member: string; name: string; role: Role; at: number }
	| { type: 'role'; workspace: string; member: string; role: Role; at: number }
	| { type: 'revoke'; workspace: string; member: string; at: number }
	| { type: 'revoke-token'; workspace: string; token: string; at: number }
	| { type: 'rotate-invites'; workspace: string; at: number };

export type AuthResult =
	| { ok: true; claims: MemberClaims; role: Role; member?: MemberRecord }
	| { ok: false; code: typeof CLOSE.unauthenticated | typeof CLOSE.forbidden; reason: string };

/** A refused request, with the HTTP status that says why. */
export class AccessError extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
		this.name = 'AccessError';
	}
}

interface WorkspaceState {
	members: Map<string, MemberRecord>;
	inviteGeneration: number;
}

const MAX_NAME = 80;

export class Access {
	readonly file: string;
	#offset = 0;
	#workspaces = new Map<string, WorkspaceState>();
	#revokedTokens = new Set<string>();
	#listeners = new Set<(event: AccessEvent) => void>();
	#watcher: FSWatcher | null = null;
	#poll: NodeJS.Timeout | null = null;

	constructor(
		readonly options: { dataDir: string; secret: Buffer; now?: () => number }
	) {
		mkdirSync(options.dataDir, { recursive: true });
		this.file = path.join(options.dataDir, ACCESS_FILE);
		appendFileSync(this.file, '');
		this.refresh();
	}

	#now(): number {
		return this.options.now?.() ?? Date.now();
	}

	/** Call `listener` for every event read from the file from now on; returns an unsubscribe. */
	onEvent(listener: (event: AccessEvent) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Watch the file so changes made by other processes apply without waiting for a request. */
	watch(pollMs = 2000): void {
		try {
			this.#watcher = watch(this.file, () => this.refresh());
			this.#watcher.on('error', () => this.#watcher?.close());
		} catch {
			// Polling below still picks changes up.
		}
		this.#poll = setInterval(() => this.refresh(), pollMs);
		this.#poll.unref();
	}

	close(): void {
		this.#watcher?.close();
		if (this.#poll) clearInterval(this.#poll);
	}

	/** Apply lines appended since the last call (by this process or another). */
	refresh(): void {
		let fd: number;
		try {
			fd = openSync(this.file, 'r');
		} catch {
			return;
		}
		let chunk: Buffer;
		try {
			const size = fstatSync(fd).size;
			if (size < this.#offset) {
				// Replaced by a restore: start over.
				this.#offset = 0;
				this.#workspaces.clear();
				this.#revokedTokens.clear();
			}
			if (size === this.#offset) return;
			chunk = Buffer.alloc(size - this.#offset);
			readSync(fd, chunk, 0, chunk.length, this.#offset);
		} finally {
			closeSync(fd);
		}
		// Only whole lines: another process may be half-way through an append.
		const end = chunk.lastIndexOf(0x0a) + 1;
		if (end === 0) return;
		this.#offset += end;
		for (const line of chunk.subarray(0, end).toString('utf8').split('\n')) {
			if (!line.trim()) continue;
			let event: AccessEvent;
			try {
				event = JSON.parse(line);
			} catch {
				continue;
			}
			if (this.#apply(event)) for (const listener of this.#listeners) listener(event);
		}
	}

	#apply(e: AccessEvent): boolean {
		if (!e || typeof e !== 'object' || !isId(e.workspace)) return false;
		const ws = this.#workspace(e.workspace);
		switch (e.type) {
			case 'member':
				if (!isId(e.member) || !isRole(e.role)) return false;
				ws.members.set(e.member, { id: e.member, name: String(e.name ?? ''), role: e.role, createdAt: e.at });
				return true;
			case 'role': {
				const m = ws.members.get(e.member);
				if (!m || !isRole(e.role)) return false;
				m.role = e.role;
				return true;
			}
			case 'revoke': {
				const m = ws.members.get(e.member);
				if (m) m.revokedAt = e.at;
				else ws.members.set(e.member, { id: e.member, name: '', role: 'viewer', createdAt: e.at, revokedAt: e.at });
				return true;
			}
			case 'revoke-token':
				this.#revokedTokens.add(String(e.token));
				return true;
			case 'rotate-invites':
				ws.inviteGeneration += 1;
				return true;
			default:
				return false;
		}
	}

	#workspace(id: string): WorkspaceState {
		let ws = this.#workspaces.get(id);
		if (!ws) {
			ws = { members: new Map(), inviteGeneration: 0 };
			this.#workspaces.set(id, ws);
		}
		return ws;
	}

	#append(event: AccessEvent): void {
		appendFileSync(this.file, JSON.stringify(event) + '\n');
		this.refresh();
	}

	/** Decide whether `token` may use `workspace` (any workspace when omitted), and as what. */
	authorize(token: string | null | undefined, workspace?: string): AuthResult {
		if (!token) return { ok: false, code: CLOSE.unauthenticated, reason: 'missing token' };
		const claims = readMemberToken(this.options.secret, token);
		if (!claims) return { ok: false, code: CLOSE.unauthenticated, reason: 'invalid token' };
		if (workspace !== undefined && claims.workspace !== workspace) {
			return { ok: false, code: CLOSE.forbidden, reason: 'token is for another workspace' };
		}
		this.refresh();
		if (this.#revokedTokens.has(claims.id)) return { ok: false, code: CLOSE.forbidden, reason: 'token revoked' };
		const member = this.#workspaces.get(claims.workspace)?.members.get(claims.member);
		if (member?.revokedAt !== undefined) return { ok: false, code: CLOSE.forbidden, reason: 'member revoked' };
		return { ok: true, claims, role: member?.role ?? claims.role, member };
	}

	/** Like authorize, but only an owner of `workspace` passes; throws AccessError (401/403). */
	requireOwner(token: string | null | undefined, workspace: string): MemberClaims {
		const auth = this.authorize(token, workspace);
		if (!auth.ok) throw new AccessError(auth.code === CLOSE.unauthenticated ? 401 : 403, auth.reason);
		if (auth.role !== 'owner') throw new AccessError(403, 'only an owner of the workspace may do this');
		return auth.claims;
	}

	/** Issue a member token, registering the member (a new one unless `member` names one). */
	issueToken({
		workspace,
		role,
		member = randomUUID(),
		name
	}: {
		workspace: string;
		role: Role;
		member?: string;
		name?: string;
	}): { token: string; member: MemberRecord } {
		if (!isId(workspace)) throw new AccessError(400, `invalid workspace id "${workspace}"`);
		if (!isId(member)) throw new AccessError(400, `invalid member id "${member}"`);
		if (!isRole(role)) throw new AccessError(400, `invalid role "${role}" (owner, editor or viewer)`);
		this.refresh();
		const existing = this.#workspaces.get(workspace)?.members.get(member);
		if (existing?.revokedAt !== undefined) {
			throw new AccessError(409, `member ${member} of workspace ${workspace} was revoked`);
		}
		const at = this.#now();
		if (!existing) {
			this.#append({ type: 'member', workspace, member, name: cleanName(name ?? member), role, at });
		} else if (existing.role !== role) {
			this.#append({ type: 'role', workspace, member, role, at });
		}
		const token = signMemberToken(this.options.secret, { workspace, member, role, id: randomUUID(), issuedAt: at });
		return { token, member: this.#member(workspace, member) };
	}

	/** Create an invite code for `role`, valid until `expiresAt` or the next rotation. */
	createInvite({ workspace, role, expiresAt }: { workspace: string; role: unknown; expiresAt: number }): {
		code: string;
		role: InviteRole;
		expiresAt: number;
	} {
		if (!(INVITE_ROLES as readonly unknown[]).includes(role)) {
			throw new AccessError(400, `invalid invite role "${String(role)}" (editor or viewer)`);
		}
		if (!Number.isFinite(expiresAt) || expiresAt <= this.#now()) throw new AccessError(400, 'expiry must be in the future');
		this.refresh();
		const generation = this.#workspace(workspace).inviteGeneration;
		const inviteRole = role as InviteRole;
		const code = signInvite(this.options.secret, { workspace, role: inviteRole, generation, expiresAt, id: randomUUID() });
		return { code, role: inviteRole, expiresAt };
	}

	/** Turn an invite code into a new member and that member's token. */
	redeemInvite({ code, name }: { code: unknown; name: unknown }): { token: string; workspace: string; member: MemberRecord } {
		if (typeof code !== 'string' || !code) throw new AccessError(400, 'missing invite code');
		if (typeof name !== 'string' || !cleanName(name)) throw new AccessError(400, 'missing member name');
		const invite = readInvite(this.options.secret, code.trim());
		if (!invite) throw new AccessError(400, 'invalid invite code');
		if (invite.expiresAt <= this.#now()) throw new AccessError(410, 'invite expired');
		this.refresh();
		if (invite.generation !== this.#workspace(invite.workspace).inviteGeneration) {
			throw new AccessError(410, 'invite no longer valid (invites were rotated)');
		}
		const { token, member } = this.issueToken({ workspace: invite.workspace, role: invite.role, name });
		return { token, workspace: invite.workspace, member };
	}

	/** Members of a workspace, oldest first. */
	members(workspace: string): MemberRecord[] {
		this.refresh();
		return [...(this.#workspaces.get(workspace)?.members.values() ?? [])]
			.filter((m) => m.name || m.revokedAt === undefined)
			.map((m) => ({ ...m }));
	}

	/** Change a member's role; open connections take the new role at once. */
	setRole(workspace: string, member: string, role: unknown): MemberRecord {
		if (!isRole(role)) throw new AccessError(400, `invalid role "${String(role)}" (owner, editor or viewer)`);
		const current = this.#activeMember(workspace, member);
		if (current.role === 'owner' && role !== 'owner') this.#keepAnOwner(workspace, member);
		if (current.role !== role) this.#append({ type: 'role', workspace, member, role, at: this.#now() });
		return this.#member(workspace, member);
	}

	/** Revoke a member: every token of theirs stops working and their sockets close. */
	revokeMember(workspace: string, member: string): MemberRecord {
		const current = this.#activeMember(workspace, member);
		if (current.role === 'owner') this.#keepAnOwner(workspace, member);
		this.#append({ type: 'revoke', workspace, member, at: this.#now() });
		return this.#member(workspace, member);
	}

	/** Revoke one token by its id (from the CLI; members are revoked with revokeMember). */
	revokeToken(workspace: string, tokenId: string): void {
		this.#append({ type: 'revoke-token', workspace, token: tokenId, at: this.#now() });
	}

	/** Invalidate every invite of the workspace made so far; returns the new generation. */
	rotateInvites(workspace: string): number {
		this.#append({ type: 'rotate-invites', workspace, at: this.#now() });
		return this.#workspace(workspace).inviteGeneration;
	}

	#member(workspace: string, member: string): MemberRecord {
		return { ...this.#workspaces.get(workspace)!.members.get(member)! };
	}

	#activeMember(workspace: string, member: string): MemberRecord {
		this.refresh();
		const m = this.#workspaces.get(workspace)?.members.get(member);
		if (!m || (m.revokedAt !== undefined && !m.name)) throw new AccessError(404, `no member ${member} in workspace ${workspace}`);
		if (m.revokedAt !== undefined) throw new AccessError(409, `member ${member} is already revoked`);
		return m;
	}

	#keepAnOwner(workspace: string, leaving: string): void {
		const owners = [...this.#workspace(workspace).members.values()].filter(
			(m) => m.role === 'owner' && m.revokedAt === undefined && m.id !== leaving
		);
		if (owners.length === 0) throw new AccessError(409, 'a workspace must keep at least one owner');
	}
}

function cleanName(name: string): string {
	// eslint-disable-next-line no-control-regex
	return name.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, MAX_NAME);
}
