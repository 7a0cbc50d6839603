// Hocuspocus for `npm run bench:relay`, as its documentation sets it up: the stock Server with
// the SQLite extension (the whole document is written after a 2 s debounce, at most every 10 s:
// the library's defaults). No authentication hook.
//
//   node bench/peers/hocuspocus-server.js <port> <sqlite file>
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const [port, database] = process.argv.slice(2);
const server = new Server({
	port: Number(port),
	address: '127.0.0.1',
	quiet: true,
	extensions: [new SQLite({ database })]
});
await server.listen();
console.log(JSON.stringify({ listening: server.address.port }));
