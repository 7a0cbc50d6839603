// A protocol-level client for the load generator (bench/relay-load.js): what a stock provider
// puts on the wire, at a fraction of its CPU, so that two cores can drive thousands of
// connections against a server on the same machine. It speaks the y-websocket protocol
// (Rapport's relay, the reference server) or, with `hocuspocus`, Hocuspocus's (the same
// messages, each prefixed with the document name, after an authentication message).
//
// Like a stock client it keeps a Y.Doc of its own writes: its updates are real Yjs updates, it
// answers every sync step 1 with the step 2 the server lacks (Rapport's acknowledgements too),
// and it publishes an awareness state. Unlike one, it does not apply what it receives: it only
// finds the bench's stamps in incoming updates (relay-stamp.js) and ignores presence.

import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { benchMap, scanStamps } from './relay-stamp.js';

const SYNC = 0;
const AWARENESS = 1;
const AUTH = 2;

export function connect({ url, room, token, index, hocuspocus = false }) {
	const doc = new Y.Doc();
	const bench = benchMap(doc, index);
	const target = hocuspocus ? url : `${url}/${room}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
	const frame = (write) => {
		const e = encoding.createEncoder();
		if (hocuspocus) encoding.writeVarString(e, room);
		write(e);
		return encoding.toUint8Array(e);
	};
	const sync = (syncType, payload) =>
		frame((e) => {
			encoding.writeVarUint(e, SYNC);
			encoding.writeVarUint(e, syncType);
			encoding.writeVarUint8Array(e, payload);
		});
	const on = { stamp: null, ack: null, close: null };
	const presence = {};
	let awarenessClock = 0;
	let ws = null;
	let synced = false;
	let destroyed = false;

	const send = (message) => {
		if (ws?.readyState === WebSocket.OPEN) ws.send(message);
	};
	const sendPresence = () => {
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 1);
		encoding.writeVarUint(e, doc.clientID);
		encoding.writeVarUint(e, ++awarenessClock);
		encoding.writeVarString(e, JSON.stringify(presence));
		const update = encoding.toUint8Array(e);
		send(
			frame((f) => {
				encoding.writeVarUint(f, AWARENESS);
				encoding.writeVarUint8Array(f, update);
			})
		);
	};
	doc.on('update', (update) => send(sync(2, update)));

	function onMessage(data) {
		const d = decoding.createDecoder(data);
		if (hocuspocus) decoding.readVarString(d);
		if (decoding.readVarUint(d) !== SYNC) return; // presence, auth, sync status
		const syncType = decoding.readVarUint(d);
		const payload = decoding.readVarUint8Array(d);
		if (syncType === 0) {
			send(sync(1, Y.encodeStateAsUpdate(doc, payload)));
			if (synced) on.ack?.(Y.decodeStateVector(payload).get(doc.clientID) ?? 0);
			return;
		}
		if (syncType === 1) synced = true;
		if (on.stamp) scanStamps(payload, on.stamp);
	}

	function open() {
		ws = new WebSocket(target, { perMessageDeflate: false });
		ws.on('open', () => {
			if (hocuspocus) {
				send(
					frame((e) => {
						encoding.writeVarUint(e, AUTH);
						encoding.writeVarUint(e, 0); // token
						encoding.writeVarString(e, token ?? '');
					})
				);
			}
			send(sync(0, Y.encodeStateVector(doc)));
			sendPresence();
		});
		ws.on('message', onMessage);
		ws.on('error', () => {});
		ws.on('close', (code) => {
			synced = false;
			on.close?.(code);
			if (!destroyed) setTimeout(open, 500 + Math.random() * 1000);
		});
	}
	open();

	return {
		get synced() {
			return synced;
		},
		onClose: (cb) => (on.close = cb),
		onStamp: (cb) => (on.stamp = cb),
		onAck: (cb) => (on.ack = cb),
		send: bench.send,
		setPresence(field, value) {
			presence[field] = value;
			sendPresence();
		},
		destroy() {
			destroyed = true;
			ws.terminate();
			doc.destroy();
		}
	};
}
