// Locate a Chromium binary for the end-to-end tests (never downloads a browser build).
//
// Order: $CHROMIUM_PATH (must be executable) → /usr/bin/chromium → as root with apt-get,
// install Debian's `chromium` package → otherwise throw a one-line, actionable error.

import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

// Headless in a container on a shared machine: no sandbox, no GPU, and none of the browser's
// own network traffic (updates, sync, QUIC) mixed with the app's.
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];

const HINT = 'install it (sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary';

function isExecutableFile(file) {
	try {
		if (!statSync(file).isFile()) return false;
		accessSync(file, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

function hasCommand(cmd) {
	const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
	return r.status === 0;
}

function run(cmd, args) {
	console.log(`$ ${cmd} ${args.join(' ')}`);
	const r = spawnSync(cmd, args, {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
	});
	if (r.error) throw new Error(`Chromium not found and "${cmd} ${args.join(' ')}" could not run (${r.error.message}): ${HINT}`);
	if (r.status !== 0) {
		throw new Error(`Chromium not found and "${cmd} ${args.join(' ')}" failed (exit ${r.status ?? r.signal}): ${HINT}`);
	}
}

/**
 * Options for playwright-core's `chromium.launch`, used by the end-to-end tests and the benchmark.
 * @param {string} executablePath
 */
export function launchOptions(executablePath) {
	return { executablePath, headless: true, args: [...CHROMIUM_ARGS] };
}

/**
 * @returns {Promise<string>} absolute path of a Chromium executable
 */
export async function findChromium() {
	const fromEnv = process.env.CHROMIUM_PATH;
	if (fromEnv) {
		if (isExecutableFile(fromEnv)) return fromEnv;
		throw new Error(`CHROMIUM_PATH=${fromEnv} is not an executable file: fix it, or unset it to use ${SYSTEM_CHROMIUM}`);
	}
	if (isExecutableFile(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;

	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (isRoot && hasCommand('apt-get')) {
		console.log(`Chromium not found at ${SYSTEM_CHROMIUM}; installing Debian's chromium package…`);
		run('apt-get', ['update']);
		run('apt-get', ['install', '-y', 'chromium']);
		if (isExecutableFile(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
		throw new Error(`apt-get installed chromium but ${SYSTEM_CHROMIUM} is still missing: set CHROMIUM_PATH`);
	}

	throw new Error(`Chromium not found: ${HINT}`);
}
