// --cert/--key: the relay serves HTTPS and WSS itself (phones need a secure context).

import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { startTestRelay, tempDir, waitFor, type TestRelay } from './helpers.js';

function hasOpenssl(): boolean {
	try {
		execFileSync('openssl', ['version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

let t: TestRelay | null = null;
const dir = tempDir('rapport-tls-');
afterAll(async () => {
	await t?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('relay over TLS', () => {
	it('serves /healthz over HTTPS and syncs a stock client over WSS', async () => {
		// The certificate comes from openssl (Debian has it); without it this test fails loudly.
		if (!hasOpenssl()) throw new Error('openssl is needed to make a test certificate: apt-get install openssl');
		const key = path.join(dir, 'key.pem');
		const cert = path.join(dir, 'cert.pem');
		execFileSync(
			'openssl',
			['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
				'-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert],
			{ stdio: 'ignore' }
		);
		const ca = readFileSync(cert);
		t = await startTestRelay({ cert, key });
		expect(t.relay.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
		expect(t.relay.syncUrl).toMatch(/^wss:\/\//);

		const health = await new Promise<string>((resolve, reject) =>
			https.get(`${t!.relay.origin}/healthz`, { ca }, (res) => {
				let body = '';
				res.on('data', (c) => (body += c));
				res.on('end', () => resolve(body));
			}).on('error', reject)
		);
		expect(JSON.parse(health)).toMatchObject({ ok: true });

		// The provider builds the socket itself; a subclass adds our self-signed CA.
		class TrustingWebSocket extends WebSocket {
			constructor(url: string, protocols?: string | string[]) {
				super(url, protocols, { ca });
			}
		}
		const docs = [new Y.Doc(), new Y.Doc()];
		const W = 'team-tls';
		const providers = docs.map(
			(doc) =>
				new WebsocketProvider(t!.relay.syncUrl, W, doc, {
					params: { token: t!.token(W, 'editor') },
					WebSocketPolyfill: TrustingWebSocket as unknown as typeof globalThis.WebSocket,
					disableBc: true
				})
		);
		docs[0].getMap('customers').set('secure', true);
		await waitFor(() => docs[1].getMap('customers').get('secure') === true, 'the edit over WSS');
		for (const p of providers) p.destroy();
	});
});
