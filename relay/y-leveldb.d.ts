// y-leveldb ships typings but its package.json "exports" hides them from TypeScript;
// this declares the part the relay uses.
declare module 'y-leveldb' {
	import type * as Y from 'yjs';

	export function getCurrentUpdateClock(db: unknown, docName: string): Promise<number>;
	/** Every update stored for a document, oldest first, as stored. */
	export function getLevelUpdates(db: unknown, docName: string): Promise<Uint8Array[]>;

	export class LeveldbPersistence {
		constructor(location: string, options?: { Level?: unknown; levelOptions?: object });
		/** Resolves null when a stored update cannot be applied (y-leveldb logs the error). */
		getYDoc(docName: string): Promise<Y.Doc | null>;
		storeUpdate(docName: string, update: Uint8Array): Promise<number>;
		flushDocument(docName: string): Promise<void>;
		getAllDocNames(): Promise<string[]>;
		getStateVector(docName: string): Promise<Uint8Array>;
		clearDocument(docName: string): Promise<void>;
		clearAll(): Promise<void>;
		destroy(): Promise<void>;
	}
}
