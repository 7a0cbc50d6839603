// Minimal static file server for the built PWA (no dependencies).
//
//   import { createStaticServer } from './serve.js';
//   const { url, port, close } = await createStaticServer({ root: 'build', port: 0 });
//
// CLI: node scripts/serve.js [--port N] [--host H] [--root DIR]
//
// - SPA fallback: extension-less paths that don't exist get root/index.html.
// - Missing files with an extension get 404 (so a missing chunk is an error, not HTML).
// - index.html, sw.js and manifest.webmanifest are served with `Cache-Control: no-cache`;
//   /_app/immutable/ is cached for a year.
// - Paths are decoded, normalised and confined to root.

import { createServer } from 'node:http';
import { createReadStream, realpathSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CONTENT_TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.map': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json; charset=utf-8',
	'.png': 'image/png',
	'.svg': 'image/svg+xml',
	'.ico': 'image/x-icon',
	'.webp': 'image/webp',
	'.woff2': 'font/woff2',
	'.txt': 'text/plain; charset=utf-8'
};

const NO_CACHE_FILES = new Set(['index.html', 'sw.js', 'manifest.webmanifest']);

/** @param {string} file absolute path */
function cacheControlFor(root, file) {
	const rel = path.relative(root, file).split(path.sep).join('/');
	if (NO_CACHE_FILES.has(rel) || rel.endsWith('.html')) return 'no-cache';
	if (rel.startsWith('_app/immutable/')) return 'public, max-age=31536000, immutable';
	return 'public, max-age=0, must-revalidate';
}

/** @returns {Promise<import('node:fs').Stats | null>} */
async function statFile(file) {
	try {
		return await stat(file);
	} catch {
		return null;
	}
}

function sendText(req, res, status, text, extraHeaders = {}) {
	const body = Buffer.from(text + '\n');
	res.writeHead(status, {
		'Content-Type': 'text/plain; charset=utf-8',
		'Content-Length': body.length,
		'Cache-Control': 'no-store',
		'X-Content-Type-Options': 'nosniff',
		...extraHeaders
	});
	res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Resolve a request path to a file inside root (or null if it escapes root / is malformed).
 * @param {string} root absolute, real path
 * @param {string} urlPath e.g. "/_app/x.js"
 */
function resolveInside(root, urlPath) {
	let decoded;
	try {
		decoded = decodeURIComponent(urlPath);
	} catch {
		return null;
	}
	if (decoded.includes('\0')) return null;
	const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded.replace(/\\/g, '/')));
	if (file !== root && !file.startsWith(root + path.sep)) return null;
	return file;
}

/**
 * Start a static server over `root`.
 * @param {{ root?: string, port?: number, host?: string }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
/**
 * A request handler serving `root` as a single-page app (the relay uses it for `npm start`).
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void}
 */
export function createStaticHandler(root = 'build') {
	let absRoot;
	try {
		absRoot = realpathSync(path.resolve(root));
	} catch {
		throw new Error(`Static root "${root}" does not exist (build the site first: npx vite build)`);
	}
	const indexFile = path.join(absRoot, 'index.html');

	async function serveFile(req, res, file, fileStat, status = 200) {
		const ext = path.extname(file).toLowerCase();
		const headers = {
			'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
			'Content-Length': fileStat.size,
			'Cache-Control': cacheControlFor(absRoot, file),
			'Last-Modified': fileStat.mtime.toUTCString(),
			'X-Content-Type-Options': 'nosniff'
		};
		if (path.basename(file) === 'sw.js') headers['Service-Worker-Allowed'] = '/';
		res.writeHead(status, headers);
		if (req.method === 'HEAD') {
			res.end();
			return;
		}
		const stream = createReadStream(file);
		stream.on('error', () => res.destroy());
		stream.pipe(res);
	}

	async function handle(req, res) {
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			sendText(req, res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
			return;
		}
		let pathname;
		try {
			pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
		} catch {
			sendText(req, res, 400, 'Bad Request');
			return;
		}
		const file = resolveInside(absRoot, pathname);
		if (file === null) {
			sendText(req, res, 400, 'Bad Request');
			return;
		}

		let target = file;
		let targetStat = await statFile(target);
		if (targetStat?.isDirectory()) {
			target = path.join(target, 'index.html');
			targetStat = await statFile(target);
		}
		if (targetStat?.isFile()) {
			// Make sure symlinks don't lead outside root.
			let real;
			try {
				real = realpathSync(target);
			} catch {
				real = null;
			}
			if (real && (real === absRoot || real.startsWith(absRoot + path.sep))) {
				await serveFile(req, res, target, targetStat);
				return;
			}
			sendText(req, res, 404, 'Not Found');
			return;
		}

		// Missing file: extension-less paths are client-side routes (SPA fallback).
		if (path.extname(file) === '') {
			const indexStat = await statFile(indexFile);
			if (indexStat?.isFile()) {
				await serveFile(req, res, indexFile, indexStat);
				return;
			}
		}
		sendText(req, res, 404, 'Not Found');
	}

	return (req, res) => {
		handle(req, res).catch((err) => {
			if (!res.headersSent) sendText(req, res, 500, 'Internal Server Error');
			else res.destroy();
			console.error('[serve]', err);
		});
	};
}

export async function createStaticServer({ root = 'build', port = 0, host = '127.0.0.1' } = {}) {
	const server = createServer(createStaticHandler(root));

	/** @type {Set<import('node:net').Socket>} */
	const sockets = new Set();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve(undefined);
		});
	});

	const address = server.address();
	const actualPort = typeof address === 'object' && address ? address.port : port;
	const urlHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
	const url = `http://${urlHost}:${actualPort}/`;

	let closing = null;
	function close() {
		closing ??= new Promise((resolve) => {
			server.close(() => resolve(undefined));
			// Keep-alive connections (browsers) would otherwise keep the server open.
			server.closeIdleConnections?.();
			for (const socket of sockets) socket.destroy();
		});
		return closing;
	}

	return { url, port: actualPort, close };
}

function parseArgs(argv) {
	const opts = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
		const value = () => inline ?? argv[++i];
		if (flag === '--port' || flag === '-p') opts.port = Number(value());
		else if (flag === '--host') opts.host = value();
		else if (flag === '--root') opts.root = value();
		else if (flag === '--help' || flag === '-h') opts.help = true;
		else throw new Error(`Unknown argument: ${arg}`);
	}
	if (opts.port !== undefined && !(Number.isInteger(opts.port) && opts.port >= 0 && opts.port < 65536)) {
		throw new Error('--port must be an integer between 0 and 65535');
	}
	return opts;
}

function isMain() {
	if (!process.argv[1]) return false;
	try {
		return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
	} catch {
		return import.meta.url === pathToFileURL(process.argv[1]).href;
	}
}

if (isMain()) {
	let opts;
	try {
		opts = parseArgs(process.argv.slice(2));
	} catch (err) {
		console.error(String(err.message));
		process.exit(2);
	}
	if (opts.help) {
		console.log('Usage: node scripts/serve.js [--port N] [--host H] [--root DIR]');
		process.exit(0);
	}
	const { help: _help, ...serverOpts } = opts;
	createStaticServer({ port: 4173, ...serverOpts }).then(
		(server) => {
			console.log(`Serving ${serverOpts.root ?? 'build'} at ${server.url}`);
			const stop = () => server.close().then(() => process.exit(0));
			process.once('SIGINT', stop);
			process.once('SIGTERM', stop);
		},
		(err) => {
			console.error(`Could not start server: ${err.message}`);
			process.exit(1);
		}
	);
}
