// Two members' copies of a workspace document, for store tests with real Y.Docs.
import * as Y from 'yjs';
import { WorkspaceStore } from '../../src/lib/store/workspace';

/** Two-way sync of everything each doc has that the other lacks. */
export function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/** Members A and B of one workspace, both initialised and synced. */
export function pair() {
	const a = new Y.Doc();
	const b = new Y.Doc();
	const wa = new WorkspaceStore(a);
	const wb = new WorkspaceStore(b);
	wa.init({ memberId: 'm-a', profile: { name: 'Ann', color: '#111' }, name: 'Team' });
	sync(a, b);
	wb.init({ memberId: 'm-b', profile: { name: 'Bo', color: '#222' }, name: 'Team' });
	sync(a, b);
	return { a, b, wa, wb };
}

let clock = 1_760_000_000_000;
/** The next time of one shared, always advancing test clock (so writes are ordered). */
export const tick = (): number => (clock += 10);
/** Write contexts of A and B on that clock. */
export const ctxA = { memberId: 'm-a', now: tick };
export const ctxB = { memberId: 'm-b', now: tick };

/** The value of a successful command result; a refused one fails the test with its errors. */
export function ok<T>(r: { ok: true; value: T } | { ok: false; errors: unknown }): T {
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value;
}
