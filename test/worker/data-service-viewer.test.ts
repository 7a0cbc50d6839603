// A viewer's data service: it reads the workspace from the relay but refuses every write
// command with the stable code 'readOnly', across the worker boundary as the UI sees it.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCustomer } from '../../src/lib/store/customers';
import { DataService } from '../../src/lib/worker/data-service';
import type { DataApi, DataEvents, ProjectionApi } from '../../src/lib/worker/protocol';
import { RpcClient, serve, type Endpoint } from '../../src/lib/worker/rpc';
import { startTestRelay, stockClient, waitFor, type TestRelay } from '../relay/helpers';
import { WorkspaceStore } from '../../src/lib/store/workspace';

let relay: TestRelay | null = null;
const cleanup: Array<() => Promise<void> | void> = [];

afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
	await relay?.close();
	relay = null;
});

describe('data service for a viewer', () => {
	it('syncs the workspace in but refuses writes with the code readOnly', async () => {
		relay = await startTestRelay();
		const wsId = `ws-${Date.now()}-viewer`;
		const owner = stockClient(relay.relay.syncUrl, wsId, relay.token(wsId, 'owner', 'boss'));
		cleanup.push(() => owner.destroy());
		const ownerWs = new WorkspaceStore(owner.doc);
		ownerWs.init({ memberId: 'boss', profile: { name: 'Boss', color: '#000000' }, name: 'Sales team' });
		const made = createCustomer(ownerWs, { name: 'Acme' }, { memberId: 'boss' });
		const id = made.ok ? made.value : '';

		const proj = new MessageChannel();
		serve<ProjectionApi, Record<string, never>>(proj.port2 as unknown as Endpoint, {
			matches: async () => true,
			replace: async () => {},
			upsert: async () => {}
		});
		const svc = new DataService(() => {}, 50, WebSocket as unknown as typeof globalThis.WebSocket);
		const wire = new MessageChannel();
		serve<DataApi, DataEvents>(wire.port2 as unknown as Endpoint, {
			createCustomer: ({ fields }) => svc.createCustomer(fields),
			updateCustomer: ({ id, patch }) => svc.updateCustomer(id, patch),
			removeCustomers: ({ ids }) => svc.removeCustomers(ids),
			restoreCustomers: ({ ids }) => svc.restoreCustomers(ids),
			renameWorkspace: ({ name }) => svc.rename(name),
			loadSample: ({ customers }) => svc.loadSample(customers)
		} as Partial<DataApi> as DataApi);
		const client = new RpcClient<DataApi, DataEvents>(wire.port1 as unknown as Endpoint);
		cleanup.push(async () => {
			await svc.close();
			for (const c of [proj, wire]) {
				c.port1.close();
				c.port2.close();
			}
		});
		const token = relay.token(wsId, 'viewer', 'watcher');
		const opened = await svc.open({
			workspaceId: wsId,
			memberId: 'watcher',
			profile: { name: 'Watcher', color: '#123456' },
			name: 'ignored',
			port: proj.port1 as unknown as MessagePort,
			sync: { relayUrl: relay.relay.origin, token, role: 'viewer', joined: true }
		});
		expect(opened.ok).toBe(true);
		await waitFor(() => svc.ws.customers.has(id), 'the owner’s customer on the viewer');

		const attempts = [
			client.call('createCustomer', { fields: { name: 'Nope' } }),
			client.call('updateCustomer', { id, patch: { stage: 'customer' } }),
			client.call('removeCustomers', { ids: [id] }),
			client.call('restoreCustomers', { ids: [id] }),
			client.call('renameWorkspace', { name: 'Mine now' }),
			client.call('loadSample', { customers: 5 })
		];
		for (const a of attempts) await expect(a).rejects.toMatchObject({ code: 'readOnly' });
		expect(svc.ws.customers.size).toBe(1);
		expect(svc.ws.customers.load(id)?.record.stage).not.toBe('customer');
		expect(svc.ws.name).toBe('Sales team');
		// A viewer never becomes a member of the document either.
		expect(svc.ws.members.has('watcher')).toBe(false);
	});
});
