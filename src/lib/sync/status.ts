// What the app knows about its connection to the relay, as one typed value. Refusals carry a
// reason code the UI turns into words; nothing here throws.

/** Why the relay refused this device (close codes 4401 and 4403; 4400 counts as forbidden). */
export type RefusalReason = 'unauthenticated' | 'revoked' | 'forbidden';

export type SyncStatus =
	/** The workspace is not connected to a relay: it lives on this device only. */
	| { state: 'local' }
	/** No network, or the relay cannot be reached; `pending` local changes wait. */
	| { state: 'offline'; pending: number }
	| { state: 'connecting'; pending: number }
	/** Everything this device changed is stored on the relay. */
	| { state: 'synced' }
	/** Connected, but the relay has not yet acknowledged `pending` local changes. */
	| { state: 'unacknowledged'; pending: number }
	/** The relay refused the token; the app stopped reconnecting. */
	| { state: 'refused'; reason: RefusalReason };

/** Maps a websocket close code and reason to a refusal, or null for a close worth retrying. */
export function refusalFor(code: number, reason: string): RefusalReason | null {
	if (code === 4401) return 'unauthenticated';
	if (code === 4403) return /revoked/i.test(reason) ? 'revoked' : 'forbidden';
	if (code >= 4400 && code < 4500) return 'forbidden';
	return null;
}

/** The relay's websocket endpoint for an http(s) or ws(s) relay address: `ws(s)://host/sync`. */
export function syncEndpoint(relayUrl: string): string {
	const u = new URL(relayUrl);
	u.protocol = u.protocol === 'https:' || u.protocol === 'wss:' ? 'wss:' : 'ws:';
	u.pathname = u.pathname.replace(/\/+$/, '').replace(/\/sync$/, '') + '/sync';
	u.search = '';
	u.hash = '';
	return u.href;
}
