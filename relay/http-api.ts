// The relay's HTTP API, for the app's sharing screens. JSON in and out, allowed from any
// origin (the static app may be served from another host); every route but redeem and the
// token check is authorised by an owner's member token in `Authorization: Bearer …`.
//
//   POST   /api/workspaces/:ws/invites          {role, expiresInSeconds? | expiresAt?} → 201 {code, …}
//   POST   /api/workspaces/:ws/invites/rotate   → {generation}          (older invites stop working)
//   POST   /api/invites/redeem                  {code, name} → 201 {token, workspaceId, memberId, role, name}
//   GET    /api/workspaces/:ws/members          → {members: [{id, name, role, createdAt, revokedAt?, online}]}
//   PATCH  /api/workspaces/:ws/members/:id      {role} → {member}
//   DELETE /api/workspaces/:ws/members/:id      → {member, closedConnections}   (revoke)
//   GET    /api/token[?workspace=ID]            → 200 {ok: true, …} | 401/403 {ok: false, code, reason}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { AccessError, type Access, type MemberRecord } from './access.js';
import { CLOSE } from './protocol.js';
import { isId } from './tokens.js';

export interface ApiContext {
	access: Access;
	/** Open connections of a member. */
	onlineCount(workspace: string, member: string): number;
	/** Close a revoked member's sockets now; returns how many. */
	closeMember(workspace: string, member: string): number;
	now?: () => number;
}

const MAX_BODY = 64 * 1024;
const DAY = 24 * 60 * 60;
const DEFAULT_INVITE_SECONDS = 7 * DAY;
const MAX_INVITE_SECONDS = 365 * DAY;

export const CORS_HEADERS = {
	'access-control-allow-origin': '*',
	'access-control-allow-methods': 'GET, POST, PATCH, DELETE, OPTIONS',
	'access-control-allow-headers': 'authorization, content-type',
	'access-control-max-age': '600'
};

/** Send a JSON response with CORS headers. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		...CORS_HEADERS,
		'content-type': 'application/json; charset=utf-8',
		'cache-control': 'no-store',
		'content-length': Buffer.byteLength(text)
	});
	res.end(text);
}

/** Handle `/api/…`; returns false for other paths. */
export async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, ctx: ApiContext): Promise<boolean> {
	const parts = url.pathname.split('/').filter(Boolean);
	if (parts[0] !== 'api') return false;
	try {
		const result = await route(req, url, parts.slice(1), ctx);
		sendJson(res, result.status ?? 200, result.body);
	} catch (err) {
		if (err instanceof AccessError) sendJson(res, err.status, { error: err.message });
		else throw err;
	}
	return true;
}

type Result = { status?: number; body: unknown };

async function route(req: IncomingMessage, url: URL, p: string[], ctx: ApiContext): Promise<Result> {
	const { access } = ctx;
	const method = req.method ?? 'GET';
	const token = bearer(req);
	const now = ctx.now?.() ?? Date.now();

	if (p.length === 1 && p[0] === 'token') {
		allow(method, 'GET');
		const workspace = url.searchParams.get('workspace') ?? undefined;
		const auth = access.authorize(token, workspace);
		if (!auth.ok) return { status: auth.code === CLOSE.unauthenticated ? 401 : 403, body: auth };
		return {
			body: {
				ok: true,
				workspaceId: auth.claims.workspace,
				memberId: auth.claims.member,
				role: auth.role,
				name: auth.member?.name ?? null
			}
		};
	}
	if (p.length === 2 && p[0] === 'invites' && p[1] === 'redeem') {
		allow(method, 'POST');
		const body = await readJson(req);
		const { token: memberToken, workspace, member } = access.redeemInvite({ code: body.code, name: body.name });
		return {
			status: 201,
			body: { token: memberToken, workspaceId: workspace, memberId: member.id, role: member.role, name: member.name }
		};
	}
	if (p[0] !== 'workspaces' || p.length < 3) throw new AccessError(404, `no such endpoint: ${url.pathname}`);
	const workspace = p[1];
	if (!isId(workspace)) throw new AccessError(400, `invalid workspace id "${workspace}"`);

	if (p.length === 3 && p[2] === 'invites') {
		allow(method, 'POST');
		const body = await readJson(req);
		access.requireOwner(token, workspace);
		const expiresAt = inviteExpiry(body, now);
		const invite = access.createInvite({ workspace, role: body.role, expiresAt });
		return {
			status: 201,
			body: { code: invite.code, workspaceId: workspace, role: invite.role, expiresAt: new Date(invite.expiresAt).toISOString() }
		};
	}
	if (p.length === 4 && p[2] === 'invites' && p[3] === 'rotate') {
		allow(method, 'POST');
		access.requireOwner(token, workspace);
		return { body: { ok: true, generation: access.rotateInvites(workspace) } };
	}
	if (p.length === 3 && p[2] === 'members') {
		allow(method, 'GET');
		access.requireOwner(token, workspace);
		return { body: { members: access.members(workspace).map((m) => describe(m, ctx.onlineCount(workspace, m.id))) } };
	}
	if (p.length === 4 && p[2] === 'members') {
		const member = p[3];
		if (!isId(member)) throw new AccessError(400, `invalid member id "${member}"`);
		if (method === 'PATCH') {
			const body = await readJson(req);
			access.requireOwner(token, workspace);
			const updated = access.setRole(workspace, member, body.role);
			return { body: { member: describe(updated, ctx.onlineCount(workspace, member)) } };
		}
		allow(method, 'DELETE');
		access.requireOwner(token, workspace);
		const revoked = access.revokeMember(workspace, member);
		// The access log listener has closed them already; this catches any left.
		const closedConnections = ctx.closeMember(workspace, member);
		return { body: { member: describe(revoked, 0), closedConnections } };
	}
	throw new AccessError(404, `no such endpoint: ${url.pathname}`);
}

function describe(m: MemberRecord, online: number) {
	return {
		id: m.id,
		name: m.name,
		role: m.role,
		createdAt: new Date(m.createdAt).toISOString(),
		...(m.revokedAt !== undefined ? { revokedAt: new Date(m.revokedAt).toISOString() } : {}),
		online
	};
}

function inviteExpiry(body: Record<string, unknown>, now: number): number {
	if (body.expiresAt !== undefined) {
		const at = typeof body.expiresAt === 'string' ? Date.parse(body.expiresAt) : Number.NaN;
		if (!Number.isFinite(at)) throw new AccessError(400, 'expiresAt must be an ISO date');
		if (at - now > MAX_INVITE_SECONDS * 1000) throw new AccessError(400, 'an invite may be valid for at most 365 days');
		return at;
	}
	const seconds = body.expiresInSeconds ?? DEFAULT_INVITE_SECONDS;
	if (typeof seconds !== 'number' || !(seconds > 0) || seconds > MAX_INVITE_SECONDS) {
		throw new AccessError(400, 'expiresInSeconds must be a number of seconds between 1 and 31536000');
	}
	return now + seconds * 1000;
}

function allow(method: string, expected: string): void {
	if (method !== expected) throw new AccessError(405, `method ${method} not allowed here (use ${expected})`);
}

function bearer(req: IncomingMessage): string | null {
	const header = req.headers.authorization;
	const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
	return match ? match[1] : null;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > MAX_BODY) throw new AccessError(413, `request body larger than ${MAX_BODY} bytes`);
		chunks.push(chunk as Buffer);
	}
	if (size === 0) return {};
	try {
		const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
		if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
	} catch {
		// fall through
	}
	throw new AccessError(400, 'request body must be a JSON object');
}
