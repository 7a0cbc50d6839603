// A stock y-websocket client for the load generator (bench/relay-load.js), for Rapport's relay
// and the reference server alike: the `y-websocket` WebsocketProvider the app uses, with the
// root's yjs. Rapport's acknowledgements (sync step 1 after the handshake) are read off the socket.
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { benchMap } from './relay-stamp.js';

export function connect({ url, room, token, index }) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(url, room, doc, {
		params: token ? { token } : {},
		WebSocketPolyfill: WebSocket,
		disableBc: true
	});
	return {
		...benchMap(doc, index),
		get synced() {
			return provider.synced;
		},
		onClose: (cb) => provider.on('connection-close', (event) => cb(event?.code ?? 0)),
		onAck(cb) {
			provider.on('status', ({ status }) => {
				if (status !== 'connected') return;
				provider.ws.addEventListener('message', ({ data }) => {
					const bytes = new Uint8Array(data);
					if (bytes[0] !== 0 || bytes[1] !== 0) return;
					const decoder = decoding.createDecoder(bytes);
					decoding.readVarUint(decoder);
					decoding.readVarUint(decoder);
					cb(Y.decodeStateVector(decoding.readVarUint8Array(decoder)).get(doc.clientID) ?? 0);
				});
			});
		},
		setPresence: (field, value) => provider.awareness.setLocalStateField(field, value),
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}
