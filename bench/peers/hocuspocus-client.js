// A Hocuspocus client for the load generator (bench/relay-load.js): the stock HocuspocusProvider,
// one websocket per provider, with this folder's yjs (the one the provider uses).
import { HocuspocusProvider } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { benchMap } from '../relay-stamp.js';

export function connect({ url, room, index }) {
	const doc = new Y.Doc();
	const provider = new HocuspocusProvider({ url, name: room, document: doc, WebSocketPolyfill: WebSocket });
	return {
		...benchMap(doc, index),
		get synced() {
			return provider.isSynced;
		},
		onClose: (cb) => provider.on('close', ({ event }) => cb(event?.code ?? 0)),
		onAck: null,
		setPresence: (field, value) => provider.awareness.setLocalStateField(field, value),
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}
