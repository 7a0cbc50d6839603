// Signed credentials: member tokens (what a device presents to sync) and invite codes
// (what an owner hands out). Both are `<payload>.<signature>`: base64url JSON claims and an
// HMAC-SHA256 over a purpose prefix plus the payload, so one can never pass for the other.
// Member tokens carry no expiry (an offline laptop must sync after a month away); they are
// revoked through the access log (access.ts) instead.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROLES, type Role } from '../src/lib/domain/member.js';

export { ROLES, type Role };

/** The roles an invite can grant (owners are made with the CLI or by another owner). */
export const INVITE_ROLES = ['editor', 'viewer'] as const satisfies readonly Role[];
export type InviteRole = (typeof INVITE_ROLES)[number];

export interface MemberClaims {
	workspace: string;
	member: string;
	role: Role;
	/** Token id, so one token can be revoked without the member. */
	id: string;
	issuedAt: number;
}

export interface InviteClaims {
	workspace: string;
	role: InviteRole;
	/** Invites of an older generation stop working when the owner rotates invites. */
	generation: number;
	expiresAt: number;
	id: string;
}

/** Workspace and member ids: what fits in a URL path segment and a file name unescaped. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.~-]{0,127}$/;

export const SECRET_FILE = 'secret';

/**
 * The signing secret: RELAY_SECRET if given, else `<dataDir>/secret`, created once with 32
 * random bytes. A plain file, so the token CLI can sign while the relay runs.
 */
export function loadSecret({ dataDir, envSecret }: { dataDir: string; envSecret?: string }): Buffer {
	if (envSecret !== undefined && envSecret !== '') {
		if (envSecret.length < 16) throw new Error('RELAY_SECRET must be at least 16 characters long');
		return Buffer.from(envSecret, 'utf8');
	}
	const file = path.join(dataDir, SECRET_FILE);
	mkdirSync(dataDir, { recursive: true });
	try {
		writeFileSync(file, randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
	}
	const text = readFileSync(file, 'utf8').trim();
	if (!/^[0-9a-f]{32,}$/i.test(text)) throw new Error(`${file} does not hold a hex secret of at least 16 bytes`);
	return Buffer.from(text, 'hex');
}

/** Sign member claims into a token. */
export function signMemberToken(secret: Buffer, claims: MemberClaims): string {
	return sign(secret, 'member', {
		w: claims.workspace,
		m: claims.member,
		r: claims.role,
		i: claims.id,
		t: claims.issuedAt
	});
}

/** The claims of a well-signed member token, or null for anything else. */
export function readMemberToken(secret: Buffer, token: string): MemberClaims | null {
	const c = verify(secret, 'member', token);
	if (!c || !isId(c.w) || !isId(c.m) || !isRole(c.r) || typeof c.i !== 'string' || typeof c.t !== 'number') {
		return null;
	}
	return { workspace: c.w, member: c.m, role: c.r, id: c.i, issuedAt: c.t };
}

/** Sign invite claims into an invite code. */
export function signInvite(secret: Buffer, claims: InviteClaims): string {
	return sign(secret, 'invite', {
		w: claims.workspace,
		r: claims.role,
		g: claims.generation,
		x: claims.expiresAt,
		i: claims.id
	});
}

/** The claims of a well-signed invite code (expired or not), or null for anything else. */
export function readInvite(secret: Buffer, code: string): InviteClaims | null {
	const c = verify(secret, 'invite', code);
	if (
		!c ||
		!isId(c.w) ||
		!(INVITE_ROLES as readonly unknown[]).includes(c.r) ||
		typeof c.g !== 'number' ||
		typeof c.x !== 'number' ||
		typeof c.i !== 'string'
	) {
		return null;
	}
	return { workspace: c.w, role: c.r as InviteRole, generation: c.g, expiresAt: c.x, id: c.i };
}

/** A credential for the relay's own admin endpoints (the CLI asks a running relay for a backup). */
export function adminToken(secret: Buffer, purpose: string): string {
	return createHmac('sha256', secret).update(`rapport-admin:${purpose}`).digest('base64url');
}

/** Constant-time string comparison for credentials. */
export function sameCredential(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

export function isId(value: unknown): value is string {
	return typeof value === 'string' && ID_PATTERN.test(value);
}

export function isRole(value: unknown): value is Role {
	return (ROLES as readonly unknown[]).includes(value);
}

function sign(secret: Buffer, purpose: string, claims: Record<string, unknown>): string {
	const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
	return `${payload}.${mac(secret, purpose, payload)}`;
}

function verify(secret: Buffer, purpose: string, token: string): Record<string, unknown> | null {
	if (typeof token !== 'string' || token.length > 2048) return null;
	const dot = token.indexOf('.');
	if (dot <= 0) return null;
	const payload = token.slice(0, dot);
	if (!sameCredential(token.slice(dot + 1), mac(secret, purpose, payload))) return null;
	try {
		const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
		return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : null;
	} catch {
		return null;
	}
}

function mac(secret: Buffer, purpose: string, payload: string): string {
	return createHmac('sha256', secret).update(`rapport-${purpose}:${payload}`).digest('base64url');
}
