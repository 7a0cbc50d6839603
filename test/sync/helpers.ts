// The app's sync module as tests use it: Node's `ws` as the WebSocket, every status recorded.
import WebSocket from 'ws';
import * as Y from 'yjs';
import { RelaySync } from '../../src/lib/sync/relay-sync';
import type { SyncStatus } from '../../src/lib/sync/status';

/** A RelaySync for `doc` (a new one by default); `destroy` it, or hand it to a cleanup list. */
export function testRelaySync(o: { relayUrl: string; workspaceId: string; token: string; doc?: Y.Doc; maxBackoffTime?: number }) {
	const doc = o.doc ?? new Y.Doc();
	const statuses: SyncStatus[] = [];
	const sync = new RelaySync({
		doc,
		workspaceId: o.workspaceId,
		relayUrl: o.relayUrl,
		token: o.token,
		onStatus: (s) => statuses.push(s),
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		maxBackoffTime: o.maxBackoffTime
	});
	return { doc, sync, statuses, last: () => statuses[statuses.length - 1] };
}
