// Who gets in: refused connections get no data and a readable close code; the owner's HTTP
// API (invites, members, roles, revocation, rotation, token check); revocation is immediate.

import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../relay/main.js';
import { loadSecret, signInvite, signMemberToken } from '../../relay/tokens.js';
import { rawSocket, startTestRelay, stockClient, synced, waitFor, type TestClient, type TestRelay } from './helpers.js';

let t: TestRelay;
let clients: TestClient[] = [];
const W = 'team-auth';

beforeEach(async () => {
	t = await startTestRelay();
});

afterEach(async () => {
	for (const c of clients) c.destroy();
	clients = [];
	await t.close();
});

async function api(path: string, { method = 'GET', token, body }: { method?: string; token?: string; body?: unknown } = {}) {
	const res = await fetch(`${t.relay.origin}${path}`, {
		method,
		headers: {
			...(token ? { authorization: `Bearer ${token}` } : {}),
			...(body !== undefined ? { 'content-type': 'application/json' } : {})
		},
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
	});
	return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

const createInvite = (token: string, role: string) =>
	api(`/api/workspaces/${W}/invites`, { method: 'POST', token, body: { role } });
const redeem = (code: string, name: string) => api('/api/invites/redeem', { method: 'POST', body: { code, name } });

async function refused(url: string) {
	const sock = rawSocket(url);
	const closed = await sock.closed;
	return { ...closed, messages: sock.messages.length };
}

describe('relay authentication', () => {
	it('refuses bad, foreign, revoked and wrong-workspace tokens with 4401/4403 and sends them nothing', async () => {
		// Data in the room that a refused socket must not see.
		const owner = stockClient(t.relay.syncUrl, W, t.token(W, 'owner'));
		clients.push(owner);
		await synced(owner);
		owner.doc.getMap('customers').set('secret', 'customer list');

		const base = `${t.relay.syncUrl}/${W}`;
		const forged = signMemberToken(randomBytes(32), { workspace: W, member: 'm1', role: 'owner', id: 'x', issuedAt: 1 });
		const revoked = t.token(W, 'editor', 'leaver');
		t.relay.access.revokeMember(W, 'leaver');

		expect(await refused(base)).toEqual({ code: 4401, reason: 'missing token', messages: 0 });
		expect(await refused(`${base}?token=not.a-token`)).toEqual({ code: 4401, reason: 'invalid token', messages: 0 });
		expect(await refused(`${base}?token=${forged}`)).toEqual({ code: 4401, reason: 'invalid token', messages: 0 });
		expect(await refused(`${base}?token=${t.token('other-team', 'owner')}`)).toEqual({
			code: 4403,
			reason: 'token is for another workspace',
			messages: 0
		});
		expect(await refused(`${base}?token=${revoked}`)).toEqual({ code: 4403, reason: 'member revoked', messages: 0 });
		expect(await refused(`${t.relay.syncUrl}/bad%20id?token=x`)).toMatchObject({ code: 4400, messages: 0 });

		// A stock client stops reconnecting on 4403 and never sees the data.
		const outsider = stockClient(t.relay.syncUrl, W, revoked);
		clients.push(outsider);
		const closed = await new Promise<{ code: number }>((resolve) => outsider.provider.on('closed', resolve));
		expect(closed.code).toBe(4403);
		expect(outsider.provider.shouldConnect).toBe(false);
		expect(outsider.doc.getMap('customers').size).toBe(0);
		expect(t.relay.metrics.connectionsRefused).toBe(7);
	});

	it('runs the invite → redeem → role change → revoke flow over the HTTP API', async () => {
		const ownerToken = t.token(W, 'owner', 'boss');
		const options = await fetch(`${t.relay.origin}/api/workspaces/${W}/invites`, { method: 'OPTIONS' });
		expect(options.status).toBe(204);
		expect(options.headers.get('access-control-allow-origin')).toBe('*');
		expect(options.headers.get('access-control-allow-headers')).toContain('authorization');

		expect((await api(`/api/workspaces/${W}/invites`, { method: 'POST', body: { role: 'editor' } })).status).toBe(401);
		const invite = await api(`/api/workspaces/${W}/invites`, {
			method: 'POST',
			token: ownerToken,
			body: { role: 'editor', expiresInSeconds: 3600 }
		});
		expect(invite.status).toBe(201);
		expect(invite.headers.get('access-control-allow-origin')).toBe('*');
		expect(invite.body).toMatchObject({ workspaceId: W, role: 'editor' });
		expect(Date.parse(invite.body.expiresAt) - Date.now()).toBeGreaterThan(3500_000);

		expect((await api('/api/invites/redeem', { method: 'POST', body: { code: invite.body.code } })).body.error).toBe(
			'missing member name'
		);
		const redeemed = await api('/api/invites/redeem', { method: 'POST', body: { code: invite.body.code, name: '李伟' } });
		expect(redeemed.status).toBe(201);
		expect(redeemed.body).toMatchObject({ workspaceId: W, role: 'editor', name: '李伟' });
		const { token: memberToken, memberId } = redeemed.body;

		const check = await api('/api/token', { token: memberToken });
		expect(check.body).toEqual({ ok: true, workspaceId: W, memberId, role: 'editor', name: '李伟' });
		expect((await api(`/api/token?workspace=elsewhere`, { token: memberToken })).body).toMatchObject({
			ok: false,
			code: 4403,
			reason: 'token is for another workspace'
		});
		expect((await api('/api/token', { token: 'garbage' })).status).toBe(401);

		const member = stockClient(t.relay.syncUrl, W, memberToken);
		const owner = stockClient(t.relay.syncUrl, W, ownerToken);
		clients.push(member, owner);
		await Promise.all([synced(member), synced(owner)]);
		member.doc.getMap('customers').set('a', 1);
		await waitFor(() => owner.doc.getMap('customers').get('a') === 1, 'the member edit to arrive');

		const list = await api(`/api/workspaces/${W}/members`, { token: ownerToken });
		expect(list.body.members.map((m: any) => [m.id, m.name, m.role, m.online])).toEqual([
			['boss', 'boss', 'owner', 1],
			[memberId, '李伟', 'editor', 1]
		]);
		expect((await api(`/api/workspaces/${W}/members`, { token: memberToken })).status).toBe(403);

		// Downgraded to viewer: the open connection's writes are dropped from now on.
		const memberPath = `/api/workspaces/${W}/members/${memberId}`;
		const patched = await api(memberPath, { method: 'PATCH', token: ownerToken, body: { role: 'viewer' } });
		expect(patched.body.member).toMatchObject({ id: memberId, role: 'viewer' });
		member.doc.getMap('customers').set('b', 2);
		await waitFor(() => t.relay.metrics.viewerUpdatesDropped >= 1, 'the write to be dropped');
		expect(owner.doc.getMap('customers').has('b')).toBe(false);

		// Revoked: closed at once with 4403, and refused afterwards.
		const closed = new Promise<{ code: number; reason: string }>((resolve) => member.provider.on('closed', resolve));
		const revoke = await api(memberPath, { method: 'DELETE', token: ownerToken });
		expect(revoke.status).toBe(200);
		expect(revoke.body.member.revokedAt).toBeTypeOf('string');
		expect(await closed).toEqual({ code: 4403, reason: 'member revoked' });
		const recheck = await api('/api/token', { token: memberToken });
		expect(recheck.body).toEqual({ ok: false, code: 4403, reason: 'member revoked' });
		expect(await refused(`${t.relay.syncUrl}/${W}?token=${memberToken}`)).toMatchObject({ code: 4403, messages: 0 });

		// The last owner cannot be removed or demoted.
		const self = await api(`/api/workspaces/${W}/members/boss`, { method: 'DELETE', token: ownerToken });
		expect(self).toMatchObject({ status: 409, body: { error: 'a workspace must keep at least one owner' } });

		// Rotation invalidates earlier invites; new ones work.
		const old = await createInvite(ownerToken, 'viewer');
		const rotated = await api(`/api/workspaces/${W}/invites/rotate`, { method: 'POST', token: ownerToken });
		expect(rotated.body).toEqual({ ok: true, generation: 1 });
		expect(await redeem(old.body.code, 'Late')).toMatchObject({
			status: 410,
			body: { error: 'invite no longer valid (invites were rotated)' }
		});
		const fresh = await createInvite(ownerToken, 'viewer');
		expect((await redeem(fresh.body.code, 'New')).body.role).toBe('viewer');

		// Expired and forged invites.
		const secret = loadSecret({ dataDir: t.dataDir });
		const claims = { workspace: W, role: 'editor' as const, generation: 1, id: 'e' };
		const expired = signInvite(secret, { ...claims, expiresAt: Date.now() - 1 });
		expect((await redeem(expired, 'X')).body.error).toBe('invite expired');
		const forged = signInvite(randomBytes(32), { ...claims, expiresAt: Date.now() + 1e6 });
		expect((await redeem(forged, 'X')).body).toEqual({ error: 'invalid invite code' });

		// Bad requests say what is wrong.
		expect((await createInvite(ownerToken, 'owner')).body.error).toBe('invalid invite role "owner" (editor or viewer)');
		const badJson = await api(`/api/workspaces/${W}/invites`, { method: 'POST', token: ownerToken, body: '{oops' });
		expect(badJson).toMatchObject({ status: 400, body: { error: 'request body must be a JSON object' } });

		// No credential ever reaches the log.
		const logText = JSON.stringify(t.logs);
		for (const secretText of [ownerToken, memberToken, invite.body.code, old.body.code, fresh.body.code]) {
			expect(logText).not.toContain(secretText);
		}
	});

	it('closes a member revoked from the CLI while the relay runs', async () => {
		const token = t.token(W, 'editor', 'rep-7');
		const rep = stockClient(t.relay.syncUrl, W, token);
		clients.push(rep);
		await synced(rep);
		const closed = new Promise<{ code: number }>((resolve) => rep.provider.on('closed', resolve));
		const err: string[] = [];
		const code = await runCommand(['revoke', '--data', t.dataDir, '--workspace', W, '--member', 'rep-7'], {
			stdout: () => {},
			stderr: (s) => err.push(s),
			env: {}
		});
		expect(code).toBe(0);
		expect((await closed).code).toBe(4403);
	});
});
