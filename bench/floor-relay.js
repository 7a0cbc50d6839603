// The floor for `npm run bench:relay --servers floor`: the least a relay on Node and `ws` can do
// for the y-websocket protocol — no authentication, no Yjs, no storage, no acknowledgements. It
// answers a client's sync step 1 with an empty step 2 (so the client counts as synced) and
// forwards every other message as it came to the other sockets of the same path (the room).
// Whatever latency this server shows under a load is a bound no real relay on this machine can
// beat with the same load generator beside it.
//
//   node bench/floor-relay.js PORT

import { WebSocketServer } from 'ws';

const port = Number(process.argv[2]);
/** Sync message, step 2, an empty Yjs update (no structs, empty delete set). */
const EMPTY_STEP2 = Buffer.from([0, 1, 2, 0, 0]);
const rooms = new Map();
const wss = new WebSocketServer({ port, host: '127.0.0.1', perMessageDeflate: false, maxPayload: 64 * 2 ** 20 });
wss.on('connection', (ws, req) => {
	const name = req.url ?? '/';
	let room = rooms.get(name);
	if (!room) rooms.set(name, (room = new Set()));
	room.add(ws);
	ws.on('message', (data, isBinary) => {
		// Sync step 1 (0, 0, …): answer it; everything else goes to the room's other sockets.
		if (data.length >= 2 && data[0] === 0 && data[1] === 0) {
			ws.send(EMPTY_STEP2);
			return;
		}
		for (const peer of room) if (peer !== ws && peer.readyState === 1) peer.send(data, { binary: isBinary });
	});
	ws.on('close', () => {
		room.delete(ws);
		if (room.size === 0) rooms.delete(name);
	});
	ws.on('error', () => {});
});
process.on('SIGTERM', () => wss.close(() => process.exit(0)));
