// `npm start`: build the PWA, compile the relay, and run the relay serving both the app and the
// sync websocket on one port, so one URL is the whole demo.
//
//   npm start                         # http://127.0.0.1:8787/, data in ./relay-data
//   PORT=8080 HOST=0.0.0.0 npm start  # every relay flag works too: npm start -- --data DIR
//
// The built site in build/ is also an ordinary static site: any web server can host it and
// point it at a relay elsewhere.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createStaticHandler } from './serve.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** @type {import('node:child_process').ChildProcess | null} */
let child = null;
/** @type {{ close: () => Promise<void> } | null} */
let relay = null;
let stopping = false;

function onSignal(signal) {
	if (stopping) return;
	stopping = true;
	const code = signal === 'SIGINT' ? 130 : 143;
	if (child && child.exitCode === null) {
		child.kill(signal);
		process.exit(code);
	}
	if (relay) {
		console.log('\nStopping Rapport (saving every pending change)…');
		const timer = setTimeout(() => process.exit(code), 15_000);
		timer.unref();
		relay.close().then(() => process.exit(0));
		return;
	}
	process.exit(code);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

function run(label, args) {
	return new Promise((resolve, reject) => {
		console.log(`${label} (npx ${args.join(' ')})…`);
		child = spawn(npx, args, { cwd: repoRoot, stdio: 'inherit', shell: process.platform === 'win32' });
		child.on('error', (err) => reject(new Error(`could not run "npx ${args.join(' ')}": ${err.message}`)));
		child.on('exit', (code, signal) => {
			child = null;
			if (code === 0) resolve(undefined);
			else reject(new Error(`"npx ${args.join(' ')}" failed (${signal ? `signal ${signal}` : `exit code ${code}`})`));
		});
	});
}

async function main() {
	await run('Building Rapport', ['vite', 'build']);
	if (stopping) return;
	await run('Compiling the relay', ['tsc', '-p', 'relay']);
	if (stopping) return;

	const dist = (file) => pathToFileURL(path.join(repoRoot, 'relay', 'dist', 'relay', file)).href;
	const { parseArgs } = await import(dist('cli.js'));
	const { resolveOptions } = await import(dist('config.js'));
	const { startRelay } = await import(dist('server.js'));
	const { flags } = parseArgs(['serve', ...process.argv.slice(2)]);
	const options = resolveOptions(flags, process.env);
	try {
		relay = await startRelay(options, { fallback: createStaticHandler(path.join(repoRoot, 'build')) });
	} catch (err) {
		if (err && err.code === 'EADDRINUSE') {
			throw new Error(`port ${options.port} on ${options.host} is already in use (set PORT to use another one)`);
		}
		throw err;
	}
	const { origin, syncUrl } = relay;
	console.log(`\nRapport is running at ${origin}/`);
	console.log(`(sync websocket ${syncUrl}; data in ${path.resolve(options.dataDir)})`);
	console.log('Press Ctrl+C to stop.');
}

main().catch((err) => {
	console.error(`\nnpm start failed: ${err.message}`);
	process.exit(1);
});
