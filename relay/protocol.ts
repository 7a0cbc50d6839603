// The y-websocket wire protocol, as the stock `y-websocket` provider speaks it.
//
// Every websocket message is one binary frame: [messageType: varUint, ...body]
//
//   0  sync             [syncType: varUint, payload: varUint8Array]
//        syncType 0  step 1  payload = a state vector; the receiver answers with step 2
//        syncType 1  step 2  payload = an update: everything the step-1 sender lacked
//        syncType 2  update  payload = an update made after the initial sync
//   1  awareness        [update: varUint8Array]  (y-protocols/awareness: presence)
//   2  auth             server → client "permission denied"; this relay closes with 4401/4403
//                       instead, which browsers can read and stock clients stop retrying on
//   3  query awareness  (empty) the receiver answers with every awareness state it knows
//
// On connect the relay sends step 1 with its *durable* state vector (the awareness states
// follow); the client answers with step 2 and sends its own step 1, which the relay answers
// with step 2. After storing a client's updates the relay sends that client step 1 again:
// that is the acknowledgement (see room.ts). A stock client simply answers it.
//
// The parser is strict: lengths must fit the frame, nothing may trail the body, and an
// update or awareness payload must decode completely before anything is applied.

import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

/** Websocket close codes the relay uses (RFC 6455 range, then application range). */
export const CLOSE = {
	goingAway: 1001,
	protocolError: 1002,
	unsupportedData: 1003,
	policyViolation: 1008,
	tooBig: 1009,
	internalError: 1011,
	tryAgainLater: 1013,
	/** The member's role changed: reconnect (and ask the HTTP API for the new role). */
	roleChanged: 4000,
	badRequest: 4400,
	unauthenticated: 4401,
	forbidden: 4403
} as const;

export type ClientMessage =
	| { kind: 'sync-step-1'; stateVector: Uint8Array }
	| { kind: 'update'; update: Uint8Array }
	| { kind: 'awareness'; update: Uint8Array }
	| { kind: 'query-awareness' };

/** A frame the relay will not process; `closeCode` is what the connection is closed with. */
export class ProtocolError extends Error {
	constructor(
		message: string,
		readonly closeCode: number = CLOSE.protocolError
	) {
		super(message);
		this.name = 'ProtocolError';
	}
}

/** Split and check one client frame. Throws ProtocolError; never applies anything. */
export function parseClientMessage(frame: Uint8Array): ClientMessage {
	const decoder = decoding.createDecoder(frame);
	const type = read(() => decoding.readVarUint(decoder), 'missing message type');
	let message: ClientMessage;
	switch (type) {
		case MESSAGE_SYNC: {
			const syncType = read(() => decoding.readVarUint(decoder), 'truncated sync message');
			const payload = read(() => decoding.readVarUint8Array(decoder), 'sync payload length exceeds the frame');
			if (syncType === SYNC_STEP_1) {
				read(() => Y.decodeStateVector(payload), 'malformed state vector');
				message = { kind: 'sync-step-1', stateVector: payload };
			} else if (syncType === SYNC_STEP_2 || syncType === SYNC_UPDATE) {
				message = { kind: 'update', update: payload };
			} else {
				throw new ProtocolError(`unknown sync message type ${syncType}`, CLOSE.unsupportedData);
			}
			break;
		}
		case MESSAGE_AWARENESS:
			message = {
				kind: 'awareness',
				update: read(() => decoding.readVarUint8Array(decoder), 'awareness length exceeds the frame')
			};
			break;
		case MESSAGE_QUERY_AWARENESS:
			message = { kind: 'query-awareness' };
			break;
		default:
			throw new ProtocolError(`unknown message type ${type}`, CLOSE.unsupportedData);
	}
	if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after the message');
	return message;
}

/** What `update` holds; throws ProtocolError unless it decodes as a complete Yjs (v1) update. */
export function validateUpdate(update: Uint8Array): ReturnType<typeof Y.decodeUpdate> {
	return read(() => Y.decodeUpdate(update), 'malformed update');
}

/** Throw ProtocolError unless `update` decodes as a complete awareness update. */
export function validateAwareness(update: Uint8Array): void {
	const decoder = decoding.createDecoder(update);
	read(() => {
		const count = decoding.readVarUint(decoder);
		for (let i = 0; i < count; i++) {
			decoding.readVarUint(decoder); // client id
			decoding.readVarUint(decoder); // clock
			JSON.parse(decoding.readVarString(decoder));
		}
	}, 'malformed awareness update');
	if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after the awareness update');
}

/** Sync step 1 carrying `stateVector`: the handshake and the acknowledgement. */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
	return encodeSync(SYNC_STEP_1, stateVector);
}

/** Sync step 2 carrying `update` (what the client lacks). */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
	return encodeSync(SYNC_STEP_2, update);
}

/** An update to forward to the other clients of a room. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
	return encodeSync(SYNC_UPDATE, update);
}

/** An awareness update. */
export function encodeAwareness(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

function encodeSync(syncType: number, payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, syncType);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

function read<T>(fn: () => T, what: string): T {
	try {
		return fn();
	} catch {
		throw new ProtocolError(what);
	}
}
