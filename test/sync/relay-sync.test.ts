// The app's relay sync module against a real relay on an ephemeral port: edits travel both
// ways, acknowledgements empty the pending count, and a refused token stops reconnecting.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RelaySync } from '../../src/lib/sync/relay-sync';
import { refusalFor, syncEndpoint } from '../../src/lib/sync/status';
import { startTestRelay, waitFor, type TestRelay } from '../relay/helpers';
import { testRelaySync } from './helpers';

let relay: TestRelay | null = null;
const syncs: RelaySync[] = [];

afterEach(async () => {
	for (const s of syncs.splice(0)) s.destroy();
	await relay?.close();
	relay = null;
});

function client(workspaceId: string, token: string, doc = new Y.Doc()) {
	const c = testRelaySync({ relayUrl: relay!.relay.origin, workspaceId, token, doc, maxBackoffTime: 100 });
	syncs.push(c.sync);
	return c;
}

describe('relay sync', () => {
	it('builds the websocket endpoint from the relay address', () => {
		expect(syncEndpoint('http://127.0.0.1:8787')).toBe('ws://127.0.0.1:8787/sync');
		expect(syncEndpoint('https://crm.example.com/')).toBe('wss://crm.example.com/sync');
		expect(syncEndpoint('wss://crm.example.com/sync')).toBe('wss://crm.example.com/sync');
		expect(refusalFor(4403, 'member revoked')).toBe('revoked');
		expect(refusalFor(4403, 'token is for another workspace')).toBe('forbidden');
		expect(refusalFor(4401, 'invalid token')).toBe('unauthenticated');
		expect(refusalFor(1011, 'room could not be loaded')).toBeNull();
	});

	it('carries edits both ways and reports them acknowledged once the relay stored them', async () => {
		relay = await startTestRelay();
		const a = client('ws-a', relay.token('ws-a', 'owner'));
		const b = client('ws-a', relay.token('ws-a', 'editor'));
		expect(a.statuses[0]).toEqual({ state: 'connecting', pending: 0 });
		await waitFor(() => a.last().state === 'synced' && b.last().state === 'synced', 'both clients to sync');

		a.doc.getMap('customers').set('c1', { name: '华强' });
		expect(a.sync.pending).toBe(1);
		expect(a.last()).toEqual({ state: 'unacknowledged', pending: 1 });
		await waitFor(() => b.doc.getMap('customers').has('c1'), 'the edit to reach b');
		await waitFor(() => a.last().state === 'synced', 'the acknowledgement');
		const stored = new Y.Doc();
		Y.applyUpdate(stored, await relay.relay.storage.readState('ws-a'));
		expect(stored.getMap('customers').get('c1')).toEqual({ name: '华强' });

		b.doc.getMap('customers').set('c2', { name: 'Acme' });
		await waitFor(() => a.doc.getMap('customers').has('c2'), 'the edit to reach a');
		// A remote change is not a local one: nothing pending on a.
		expect(a.sync.pending).toBe(0);
		await waitFor(() => b.last().state === 'synced', 'b acknowledged');
	});

	it('counts edits made offline and sends them when back online', async () => {
		relay = await startTestRelay();
		const a = client('ws-o', relay.token('ws-o', 'editor'));
		const b = client('ws-o', relay.token('ws-o', 'editor'));
		await waitFor(() => a.last().state === 'synced' && b.last().state === 'synced', 'both clients to sync');
		a.sync.setOnline(false);
		expect(a.last()).toEqual({ state: 'offline', pending: 0 });
		a.doc.getMap('customers').set('c1', { phone: '1' });
		a.doc.getMap('customers').set('c2', { phone: '2' });
		expect(a.last()).toEqual({ state: 'offline', pending: 2 });
		await new Promise((r) => setTimeout(r, 100));
		expect(b.doc.getMap('customers').size).toBe(0);
		a.sync.setOnline(true);
		await waitFor(() => b.doc.getMap('customers').size === 2, 'the offline edits to arrive');
		await waitFor(() => a.last().state === 'synced', 'the acknowledgement');
	});

	it('stops at a refused token and says why, without a reconnect loop', async () => {
		relay = await startTestRelay();
		const bad = client('ws-r', 'not-a-token');
		await waitFor(() => bad.last().state === 'refused', 'the refusal');
		expect(bad.last()).toEqual({ state: 'refused', reason: 'unauthenticated' });

		const other = client('ws-r', relay.token('ws-elsewhere', 'owner'));
		await waitFor(() => other.last().state === 'refused', 'the wrong-workspace refusal');
		expect(other.last()).toEqual({ state: 'refused', reason: 'forbidden' });

		const member = client('ws-r', relay.token('ws-r', 'editor', 'rep-1'));
		await waitFor(() => member.last().state === 'synced', 'the member to sync');
		const res = await fetch(`${relay.relay.origin}/api/workspaces/ws-r/members/rep-1`, {
			method: 'DELETE',
			headers: { authorization: `Bearer ${relay.token('ws-r', 'owner')}` }
		});
		expect(res.status).toBe(200);
		await waitFor(() => member.last().state === 'refused', 'the revocation');
		expect(member.last()).toEqual({ state: 'refused', reason: 'revoked' });

		const m = relay.relay.metrics;
		const attempts = m.connectionsAccepted + m.connectionsRefused;
		await new Promise((r) => setTimeout(r, 500));
		expect(m.connectionsAccepted + m.connectionsRefused).toBe(attempts);
		expect(bad.sync.provider.shouldConnect).toBe(false);
		// Going offline and online again does not retry a refused token either.
		member.sync.setOnline(false);
		member.sync.setOnline(true);
		expect(member.last()).toEqual({ state: 'refused', reason: 'revoked' });
	});
});
