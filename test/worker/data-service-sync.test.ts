// The data service syncing through a real relay: a workspace connected as owner reaches a
// plain replica, a member who joins takes the workspace's settings from the relay, and a
// revoked member is told so.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCustomer, updateCustomer } from '../../src/lib/store/customers';
import { WorkspaceStore } from '../../src/lib/store/workspace';
import type { SyncStatus } from '../../src/lib/sync/status';
import { DataService } from '../../src/lib/worker/data-service';
import type { DataEvents, ProjectionApi, SyncTarget } from '../../src/lib/worker/protocol';
import { serve, type Endpoint } from '../../src/lib/worker/rpc';
import { startTestRelay, waitFor, type TestRelay } from '../relay/helpers';
import { testRelaySync } from '../sync/helpers';
import { until } from './helpers';

let relay: TestRelay | null = null;
const cleanup: Array<() => Promise<void> | void> = [];

afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
	await relay?.close();
	relay = null;
});

/** A data service whose projection port is answered by a stub (the list is not under test). */
async function openService(workspaceId: string, memberId: string, sync?: SyncTarget) {
	const statuses: SyncStatus[] = [];
	const infos: DataEvents['workspace'][] = [];
	const presence: DataEvents['presence'][] = [];
	const channel = new MessageChannel();
	serve<ProjectionApi, Record<string, never>>(channel.port2 as unknown as Endpoint, {
		matches: async () => true,
		replace: async () => {},
		upsert: async () => {}
	});
	const svc = new DataService(
		<K extends keyof DataEvents & string>(name: K, d: DataEvents[K]) => {
			if (name === 'sync') statuses.push(d as SyncStatus);
			if (name === 'workspace') infos.push(d as DataEvents['workspace']);
			if (name === 'presence') presence.push(d as DataEvents['presence']);
		},
		50,
		WebSocket as unknown as typeof globalThis.WebSocket
	);
	const opened = await svc.open({
		workspaceId,
		memberId,
		profile: { name: `${memberId} name`, color: '#123456' },
		name: `${memberId}'s workspace`,
		port: channel.port1 as unknown as MessagePort,
		sync
	});
	expect(opened.ok).toBe(true);
	cleanup.push(async () => {
		await svc.close();
		channel.port1.close();
		channel.port2.close();
	});
	return { svc, statuses, infos, last: () => statuses[statuses.length - 1], online: () => presence.at(-1)?.members ?? [] };
}

/** A plain replica of the workspace document, synced by the same module. */
function replica(workspaceId: string, token: string) {
	const { doc, sync, last } = testRelaySync({ relayUrl: relay!.relay.origin, workspaceId, token });
	cleanup.push(() => sync.destroy());
	return { doc, ws: new WorkspaceStore(doc), sync, last };
}

describe('data service sync', () => {
	it('connects a local workspace as owner; edits travel both ways', async () => {
		relay = await startTestRelay();
		const wsId = `ws-${Date.now()}-own`;
		const a = await openService(wsId, 'owner-1');
		expect(a.last()).toEqual({ state: 'local' });
		const created = await a.svc.createCustomer({ name: '深圳市华强科技' });
		const id = created.ok ? created.value : '';

		await a.svc.connect({ relayUrl: relay.relay.origin, token: relay.token(wsId, 'owner', 'owner-1'), role: 'owner', joined: false });
		await waitFor(() => a.last()?.state === 'synced', 'the owner to sync');

		const b = replica(wsId, relay.token(wsId, 'editor', 'rep-1'));
		await waitFor(() => b.ws.customers.has(id), 'the customer on the replica');
		expect(b.ws.name).toBe("owner-1's workspace");
		updateCustomer(b.ws, id, { stage: 'customer' }, { memberId: 'rep-1' });
		await waitFor(() => a.svc.ws.customers.load(id)?.record.stage === 'customer', 'the replica edit in the service');
		const view = await a.svc.getCustomer(id);
		expect(view?.history[0]).toMatchObject({ op: 'update', by: 'rep-1' });

		a.svc.setOnline(false);
		expect(a.last()).toEqual({ state: 'offline', pending: 0 });
		await a.svc.updateCustomer(id, { phones: ['13800138000'] });
		expect(a.last()).toEqual({ state: 'offline', pending: 1 });
		a.svc.setOnline(true);
		await waitFor(() => a.last()?.state === 'synced', 'the offline edit acknowledged');
		await waitFor(() => (b.ws.customers.load(id)?.record.phones ?? []).length === 1, 'the offline edit on the replica');

		a.svc.disconnect();
		expect(a.last()).toEqual({ state: 'local' });
	});

	it('a member who joins takes the name and data from the relay, then becomes a member', async () => {
		relay = await startTestRelay();
		const wsId = `ws-${Date.now()}-join`;
		const owner = replica(wsId, relay.token(wsId, 'owner', 'boss'));
		owner.ws.init({ memberId: 'boss', profile: { name: 'Boss', color: '#000000' }, name: 'Sales team' });
		const c = createCustomer(owner.ws, { name: 'Acme' }, { memberId: 'boss' });
		await waitFor(() => owner.last()?.state === 'synced', 'the owner to be stored');

		const token = relay.token(wsId, 'editor', 'rep-2');
		const m = await openService(wsId, 'rep-2', { relayUrl: relay.relay.origin, token, role: 'editor', joined: true });
		await waitFor(() => m.last()?.state === 'synced', 'the member to sync');
		await waitFor(() => m.svc.info().members.some((x) => x.id === 'rep-2'), 'the member record');
		expect(m.svc.info().name).toBe('Sales team');
		expect(m.svc.info().members.find((x) => x.id === 'rep-2')?.role).toBe('editor');
		expect(m.infos.at(-1)?.name).toBe('Sales team');
		expect(c.ok && m.svc.ws.customers.has(c.value)).toBe(true);
		await waitFor(() => owner.ws.members.has('rep-2'), 'the member record on the owner');
		// The owner's settings were not overwritten by the joining device's defaults.
		expect(owner.ws.name).toBe('Sales team');

		const res = await fetch(`${relay.relay.origin}/api/workspaces/${wsId}/members/rep-2`, {
			method: 'DELETE',
			headers: { authorization: `Bearer ${relay.token(wsId, 'owner', 'boss')}` }
		});
		expect(res.status).toBe(200);
		await waitFor(() => m.last()?.state === 'refused', 'the revocation');
		expect(m.last()).toEqual({ state: 'refused', reason: 'revoked' });
	});

	it('shows who else is online and what they look at; a member who leaves disappears', async () => {
		relay = await startTestRelay();
		const wsId = `ws-${Date.now()}-presence`;
		const target = (member: string, role: 'owner' | 'editor') => ({
			relayUrl: relay!.relay.origin,
			token: relay!.token(wsId, role, member),
			role,
			joined: role !== 'owner'
		});
		const a = await openService(wsId, 'ann', target('ann', 'owner'));
		const b = await openService(wsId, 'bob', target('bob', 'editor'));
		await waitFor(() => a.online().some((m) => m.memberId === 'bob'), 'bob online for ann');
		await waitFor(() => b.online().some((m) => m.memberId === 'ann'), 'ann online for bob');
		expect(a.online()).toEqual([{ memberId: 'bob', name: 'bob name', color: '#123456', viewing: null, editing: null }]);

		b.svc.setPresence({ viewing: 'cust-1', editing: 'phones' });
		await waitFor(() => a.online()[0]?.editing === 'phones', 'bob editing phones, seen by ann');
		expect(a.online()[0]).toMatchObject({ memberId: 'bob', viewing: 'cust-1', editing: 'phones' });
		await b.svc.updateProfile({ name: 'Bob Li', color: '#654321' });
		await waitFor(() => a.online()[0]?.name === 'Bob Li', 'the new name');

		b.svc.disconnect();
		await waitFor(() => a.online().length === 0, 'bob gone after disconnecting');
		expect(b.online()).toEqual([]);

		// Going offline empties the list too, and coming back restores it.
		b.svc.connect(target('bob', 'editor'));
		await waitFor(() => a.online().length === 1, 'bob back');
		a.svc.setOnline(false);
		await waitFor(() => a.online().length === 0, 'nobody while offline');
		a.svc.setOnline(true);
		await waitFor(() => a.online().some((m) => m.memberId === 'bob' && m.viewing === 'cust-1'), 'bob again, still on cust-1');
	});

	it('history with authors, including changes merged from others while offline', async () => {
		relay = await startTestRelay();
		const wsId = `ws-${Date.now()}-authors`;
		const target = (member: string, role: 'owner' | 'editor') => ({
			relayUrl: relay!.relay.origin,
			token: relay!.token(wsId, role, member),
			role,
			joined: role !== 'owner'
		});
		const a = await openService(wsId, 'member-a', target('member-a', 'owner'));
		const created = await a.svc.createCustomer({ name: 'Shared Co' });
		const id = created.ok ? created.value : '';
		await waitFor(() => a.last()?.state === 'synced', 'A synced');
		const b = await openService(wsId, 'member-b', target('member-b', 'editor'));
		await waitFor(() => b.last()?.state === 'synced' && b.svc.ws.customers.has(id), 'the customer on B');

		a.svc.setOnline(false);
		b.svc.setOnline(false);
		await a.svc.updateCustomer(id, { phones: ['13800138000'] });
		await b.svc.updateCustomer(id, { stage: 'customer' });
		expect(a.last()).toEqual({ state: 'offline', pending: 1 });
		expect(b.last()).toMatchObject({ state: 'offline' });
		a.svc.setOnline(true);
		b.svc.setOnline(true);

		const converged = (s: typeof a) => {
			const r = s.svc.ws.customers.load(id)?.record;
			return r?.stage === 'customer' && (r?.phones ?? []).length === 1;
		};
		await waitFor(() => converged(a) && converged(b), 'both edits on both sides');
		await waitFor(() => a.last()?.state === 'synced' && b.last()?.state === 'synced', 'both synced');
		for (const s of [a, b]) {
			const view = await s.svc.getCustomer(id);
			const history = view?.history ?? [];
			const phones = history.find((h) => h.op === 'update' && (h.ch ?? []).some(([f]) => f === 'phones'));
			const stage = history.find((h) => h.op === 'update' && (h.ch ?? []).some(([f]) => f === 'stage'));
			expect(phones?.by).toBe('member-a');
			expect(stage?.by).toBe('member-b');
			await waitFor(() => s.svc.info().members.length === 2, 'both member records');
			const names = Object.fromEntries(s.svc.info().members.map((m) => [m.id, m.name]));
			expect(names).toEqual({ 'member-a': 'member-a name', 'member-b': 'member-b name' });
		}
	});

	it('changes not yet on the relay are still counted after a reload', async () => {
		relay = await startTestRelay();
		const wsId = `ws-${Date.now()}-reload`;
		const target = { relayUrl: relay.relay.origin, token: relay.token(wsId, 'owner', 'own-r'), role: 'owner' as const, joined: false };
		const first = await openService(wsId, 'own-r', target);
		const created = await first.svc.createCustomer({ name: 'Before the reload' });
		const id = created.ok ? created.value : '';
		await waitFor(() => first.last()?.state === 'synced', 'the first session synced');

		// The relay cannot be reached: edits wait on this device.
		first.svc.setOnline(false);
		await first.svc.updateCustomer(id, { phones: ['13800138000'] });
		await first.svc.updateCustomer(id, { stage: 'customer' });
		expect(first.last()).toEqual({ state: 'offline', pending: 2 });
		await cleanup.pop()!();

		// Reopened (a reload): the count is back before the relay answers.
		const again = await openService(wsId, 'own-r', target);
		const before = again.statuses[0];
		expect(before?.state).toBe('connecting');
		expect(before && 'pending' in before ? before.pending : 0).toBeGreaterThan(0);
		expect(again.svc.ws.customers.load(id)?.record.stage).toBe('customer');
		await waitFor(() => again.last()?.state === 'synced', 'the reloaded edits acknowledged');

		const b = replica(wsId, relay.token(wsId, 'editor', 'rep-r'));
		await waitFor(() => b.ws.customers.load(id)?.record.stage === 'customer', 'the edits on the relay');
		expect(b.ws.customers.load(id)?.record.phones).toEqual(['13800138000']);

		// A reload after everything was acknowledged starts with nothing pending.
		await cleanup.pop()!(); // the replica
		await cleanup.pop()!();
		const third = await openService(wsId, 'own-r', target);
		expect(third.statuses[0]).toEqual({ state: 'connecting', pending: 0 });
	});

	it('activities sync through their own partition rooms; a device learns new partitions from the main document', async () => {
		relay = await startTestRelay();
		const wsId = `ws-${Date.now()}-acts`;
		const target = (member: string, role: 'owner' | 'editor') => ({ relayUrl: relay!.relay.origin, token: relay!.token(wsId, role, member), role, joined: role !== 'owner' });
		const a = await openService(wsId, 'own-a', target('own-a', 'owner'));
		await waitFor(() => a.last()?.state === 'synced', 'A synced');
		const c = await a.svc.createCustomer({ name: 'Acme' });
		const cust = c.ok ? c.value : '';
		const b = await openService(wsId, 'rep-b', target('rep-b', 'editor'));
		await waitFor(() => b.last()?.state === 'synced' && b.svc.ws.customers.has(cust), 'B synced');

		// A logs activities in two quarters: B gets both partitions and both activities.
		const r1 = await a.svc.createRecord('activities', { type: 'visit', at: Date.UTC(2026, 1, 3), customer: cust, subject: 'Q1 visit' });
		const r2 = await a.svc.createRecord('activities', { type: 'call', at: Date.UTC(2026, 7, 3), customer: cust, subject: 'Q3 call' });
		expect(r1.ok && r2.ok).toBe(true);
		await until(async () => (await b.svc.timeline(cust)).activities.length === 2, 5000);
		expect((await b.svc.timeline(cust)).activities.map((x) => x.subject)).toEqual(['Q3 call', 'Q1 visit']);

		// B edits one while A edits another field of it: both changes everywhere.
		const id = r2.ok ? r2.value : '';
		await b.svc.updateRecord('activities', id, { outcome: 'positive' });
		await a.svc.updateRecord('activities', id, { duration: 25 });
		for (const s of [a, b]) {
			await until(async () => {
				const v = await s.svc.getRecord('activities', id);
				return v?.record.outcome === 'positive' && v?.record.duration === 25;
			}, 5000);
		}
		// The status covers every document: up to date once the partitions are acknowledged too.
		await waitFor(() => a.last()?.state === 'synced' && b.last()?.state === 'synced', 'both up to date');
	});
});
