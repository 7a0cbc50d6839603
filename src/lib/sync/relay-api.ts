// The relay's HTTP API for the sharing screens (see relay/README.md, "HTTP"), called from the
// main thread with fetch; the relay allows any origin. Failures become a RelayApiError with
// the HTTP status and the relay's own message, never a half-done change.
import type { Role } from '../domain/member';

export interface RelayMember {
	id: string;
	name: string;
	role: Role;
	/** ISO dates. */
	createdAt: string;
	revokedAt?: string;
	/** Open connections. */
	online: number;
}

export interface Invite {
	code: string;
	workspaceId: string;
	role: Role;
	expiresAt: string;
}

export interface Redeemed {
	token: string;
	workspaceId: string;
	memberId: string;
	role: Role;
	name: string;
}

export interface TokenCheck {
	workspaceId: string;
	memberId: string;
	role: Role;
	name: string | null;
}

/** A refused or failed API call; `status` 0 means the relay could not be reached. */
export class RelayApiError extends Error {
	constructor(
		message: string,
		readonly status: number
	) {
		super(message);
		this.name = 'RelayApiError';
	}
}

/** The relay's http(s) origin for an address the user typed (http, https, ws or wss). */
export function relayOrigin(address: string): string {
	const u = new URL(address.trim());
	if (u.protocol === 'ws:') u.protocol = 'http:';
	if (u.protocol === 'wss:') u.protocol = 'https:';
	if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new RelayApiError(`not an http(s) address: ${address}`, 400);
	return u.origin;
}

async function call<T>(relay: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<T> {
	const headers: Record<string, string> = {};
	if (init.token) headers.authorization = `Bearer ${init.token}`;
	if (init.body !== undefined) headers['content-type'] = 'application/json';
	let res: Response;
	try {
		res = await fetch(new URL(path, relay), {
			method: init.method ?? 'GET',
			headers,
			body: init.body === undefined ? undefined : JSON.stringify(init.body)
		});
	} catch (e) {
		throw new RelayApiError(`cannot reach the relay at ${relay}: ${String((e as Error)?.message ?? e)}`, 0);
	}
	const data = (await res.json().catch(() => ({}))) as T & { error?: string; reason?: string };
	if (!res.ok) throw new RelayApiError(data.error ?? data.reason ?? `HTTP ${res.status}`, res.status);
	return data;
}

const ws = (id: string) => `/api/workspaces/${encodeURIComponent(id)}`;

/** Checks a member token against a workspace; throws with the relay's reason if refused. */
export function checkToken(relay: string, token: string, workspaceId: string): Promise<TokenCheck> {
	return call(relay, `/api/token?workspace=${encodeURIComponent(workspaceId)}`, { token });
}

export function createInvite(relay: string, token: string, workspaceId: string, role: Role): Promise<Invite> {
	return call(relay, `${ws(workspaceId)}/invites`, { method: 'POST', token, body: { role } });
}

export function rotateInvites(relay: string, token: string, workspaceId: string): Promise<{ ok: boolean; generation: number }> {
	return call(relay, `${ws(workspaceId)}/invites/rotate`, { method: 'POST', token });
}

export function redeemInvite(relay: string, code: string, name: string): Promise<Redeemed> {
	return call(relay, '/api/invites/redeem', { method: 'POST', body: { code, name } });
}

export async function listMembers(relay: string, token: string, workspaceId: string): Promise<RelayMember[]> {
	return (await call<{ members: RelayMember[] }>(relay, `${ws(workspaceId)}/members`, { token })).members;
}

export function setMemberRole(relay: string, token: string, workspaceId: string, memberId: string, role: Role): Promise<unknown> {
	return call(relay, `${ws(workspaceId)}/members/${encodeURIComponent(memberId)}`, { method: 'PATCH', token, body: { role } });
}

export function revokeMember(relay: string, token: string, workspaceId: string, memberId: string): Promise<unknown> {
	return call(relay, `${ws(workspaceId)}/members/${encodeURIComponent(memberId)}`, { method: 'DELETE', token });
}

/** The app's join link for an invite: `<app>/join#relay=…&code=…` (the fragment never reaches a server). */
export function inviteLink(appOrigin: string, relay: string, code: string): string {
	const hash = new URLSearchParams({ relay, code });
	return `${appOrigin}/join#${hash}`;
}

/** Reads a join link's fragment; null when it is not one. */
export function parseInviteHash(hash: string): { relay: string; code: string } | null {
	const p = new URLSearchParams(hash.replace(/^#/, ''));
	const relay = p.get('relay');
	const code = p.get('code');
	if (!relay || !code) return null;
	try {
		return { relay: relayOrigin(relay), code };
	} catch {
		return null;
	}
}
