// `npm test`: unit tests, then end-to-end tests against a fresh build in Chromium.
//
//   node scripts/test.js              unit + e2e
//   node scripts/test.js --unit-only  unit tests only
//   node scripts/test.js --e2e-only   find Chromium, build, e2e tests
//
// Steps: (a) npx vitest run --project unit
//        (b) find Chromium (scripts/chromium.js; may apt-get install it when running as root)
//        (c) npx vite build   (so e2e always tests the current code)
//        (d) npx vitest run --config test/e2e/vitest.config.ts   (with CHROMIUM_PATH exported)
// Exits non-zero if any step fails.

import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './chromium.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (useColour ? `\x1b[${code}m${text}\x1b[0m` : text);
const bold = (t) => paint('1', t);
const green = (t) => paint('32', t);
const red = (t) => paint('31', t);
const dim = (t) => paint('2', t);

const USAGE = 'Usage: node scripts/test.js [--unit-only | --e2e-only]';

function parseArgs(argv) {
	const opts = { unit: true, e2e: true };
	for (const arg of argv) {
		if (arg === '--unit-only') opts.e2e = false;
		else if (arg === '--e2e-only') opts.unit = false;
		else if (arg === '--help' || arg === '-h') {
			console.log(USAGE);
			process.exit(0);
		} else {
			console.error(`Unknown argument: ${arg}\n${USAGE}`);
			process.exit(2);
		}
	}
	if (!opts.unit && !opts.e2e) {
		console.error(`--unit-only and --e2e-only exclude each other\n${USAGE}`);
		process.exit(2);
	}
	return opts;
}

/** @type {import('node:child_process').ChildProcess | null} */
let current = null;

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		if (current && current.exitCode === null) current.kill(signal);
		console.error(`\n${red('Interrupted')} (${signal})`);
		process.exit(signal === 'SIGINT' ? 130 : 143);
	});
}

/** Run a command with inherited stdio; resolves to a failure description or null on success. */
function run(cmd, args, env = process.env) {
	return new Promise((resolve) => {
		const child = spawn(cmd, args, {
			cwd: repoRoot,
			stdio: 'inherit',
			env,
			shell: process.platform === 'win32'
		});
		current = child;
		child.on('error', (err) => {
			current = null;
			resolve(`could not start ${cmd}: ${err.message}`);
		});
		child.on('exit', (code, signal) => {
			current = null;
			resolve(code === 0 ? null : signal ? `killed by ${signal}` : `exit code ${code}`);
		});
	});
}

/** @type {Array<{ name: string, ok: boolean, detail: string }>} */
const results = [];

function seconds(start) {
	return `${((Date.now() - start) / 1000).toFixed(1)}s`;
}

/**
 * @param {string} name
 * @param {string} description shown in the header line
 * @param {() => Promise<string | null | { detail: string }>} body failure text, or null / {detail} on success
 */
async function step(name, description, body) {
	console.log(`\n${bold(`▶ ${name}`)} ${dim(description)}`);
	const start = Date.now();
	let outcome;
	try {
		outcome = await body();
	} catch (err) {
		outcome = err instanceof Error ? err.message : String(err);
	}
	const ok = outcome === null || typeof outcome === 'object';
	const detail = ok ? [outcome?.detail, seconds(start)].filter(Boolean).join(', ') : `${outcome} (${seconds(start)})`;
	results.push({ name, ok, detail });
	console.log(ok ? green(`✔ ${name} passed`) + dim(` (${detail})`) : red(`✘ ${name} failed: ${detail}`));
	return ok;
}

function skip(name, reason) {
	results.push({ name, ok: true, detail: `skipped: ${reason}`, skipped: true });
}

/** Files vitest's JSON reporter writes, one per suite run. */
const reports = [];

function jsonReport(name) {
	const file = path.join(repoRoot, 'test-results', `${name}.json`);
	rmSync(file, { force: true });
	reports.push(file);
	return ['--reporter=default', '--reporter=json', `--outputFile.json=${file}`];
}

function readReport(file) {
	try {
		const r = JSON.parse(readFileSync(file, 'utf8'));
		return { passed: r.numPassedTests ?? 0, failed: (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0) };
	} catch {
		return null;
	}
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));

	if (opts.unit) {
		await step('unit tests', 'npx vitest run --project unit', () =>
			run(npx, ['vitest', 'run', '--project', 'unit', ...jsonReport('unit')])
		);
	}

	if (opts.e2e) {
		let chromiumPath = null;
		const found = await step('chromium', 'locate Chromium for the e2e tests', async () => {
			chromiumPath = await findChromium();
			return { detail: chromiumPath };
		});
		const built =
			found &&
			(await step('build', 'npx vite build', () => run(npx, ['vite', 'build'])));
		if (!found) skip('build', 'no Chromium');
		if (built) {
			await step('e2e tests', 'npx vitest run --config test/e2e/vitest.config.ts', () =>
				run(npx, ['vitest', 'run', '--config', 'test/e2e/vitest.config.ts', ...jsonReport('e2e')], {
					...process.env,
					CHROMIUM_PATH: chromiumPath
				})
			);
		} else {
			skip('e2e tests', found ? 'build failed' : 'no Chromium');
		}
	}

	const failed = results.filter((r) => !r.ok);
	const width = Math.max(...results.map((r) => r.name.length));
	console.log(`\n${bold('Summary')}`);
	for (const r of results) {
		const mark = r.skipped ? dim('-') : r.ok ? green('✔') : red('✘');
		console.log(`  ${mark} ${r.name.padEnd(width)}  ${r.ok && !r.skipped ? dim(r.detail) : r.detail}`);
	}
	// The last line is a plain count of tests, for people and CI alike.
	const counts = reports.map(readReport).filter(Boolean);
	const passed = counts.reduce((n, c) => n + c.passed, 0);
	const failedTests = counts.reduce((n, c) => n + c.failed, 0);
	if (failed.length > 0) console.log(red(`\n${failed.length} step${failed.length > 1 ? 's' : ''} failed.`));
	else console.log(green('\nAll steps passed.'));
	console.log(`Tests: ${passed} passed, ${failedTests} failed`);
	if (failed.length > 0) process.exit(1);
}

main().catch((err) => {
	console.error(red(`scripts/test.js crashed: ${err?.stack ?? err}`));
	process.exit(1);
});
