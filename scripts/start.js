// `npm start`: build the PWA and serve build/ as a static site.
//
//   PORT=8080 HOST=0.0.0.0 npm start
//
// PORT defaults to 4173, HOST to 127.0.0.1 (only listens on all interfaces if HOST says so).

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStaticServer } from './serve.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** @type {import('node:child_process').ChildProcess | null} */
let child = null;
/** @type {{ close: () => Promise<void> } | null} */
let server = null;
let stopping = false;

function onSignal(signal) {
	if (stopping) return;
	stopping = true;
	const code = signal === 'SIGINT' ? 130 : 143;
	if (child && child.exitCode === null) {
		child.kill(signal);
		process.exit(code);
	}
	if (server) {
		console.log('\nStopping Rapport…');
		const timer = setTimeout(() => process.exit(code), 3000);
		timer.unref();
		server.close().then(() => process.exit(0));
		return;
	}
	process.exit(code);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

function build() {
	return new Promise((resolve, reject) => {
		console.log('Building Rapport (npx vite build)…');
		child = spawn(npx, ['vite', 'build'], {
			cwd: repoRoot,
			stdio: 'inherit',
			shell: process.platform === 'win32'
		});
		child.on('error', (err) => reject(new Error(`could not run "npx vite build": ${err.message}`)));
		child.on('exit', (code, signal) => {
			child = null;
			if (code === 0) resolve(undefined);
			else reject(new Error(`"npx vite build" failed (${signal ? `signal ${signal}` : `exit code ${code}`})`));
		});
	});
}

function parsePort(value) {
	if (value === undefined || value === '') return 4173;
	const port = Number(value);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`PORT must be an integer between 0 and 65535 (got "${value}")`);
	}
	return port;
}

async function main() {
	const port = parsePort(process.env.PORT);
	const host = process.env.HOST?.trim() || '127.0.0.1';

	await build();
	if (stopping) return;

	try {
		server = await createStaticServer({ root: path.join(repoRoot, 'build'), port, host });
	} catch (err) {
		if (err && err.code === 'EADDRINUSE') {
			throw new Error(`port ${port} on ${host} is already in use (set PORT to use another one)`);
		}
		throw err;
	}
	const shownHost = host.includes(':') ? `[${host}]` : host;
	console.log(`\nRapport is running at http://${shownHost}:${server.port}/`);
	if (host === '0.0.0.0' || host === '::') {
		console.log(`(listening on all interfaces; locally: http://localhost:${server.port}/)`);
	}
	console.log('Press Ctrl+C to stop.');
}

main().catch((err) => {
	console.error(`\nnpm start failed: ${err.message}`);
	process.exit(1);
});
