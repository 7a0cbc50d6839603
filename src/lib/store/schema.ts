// The Yjs layout of a workspace document.
//
// Each collection is two top-level Y.Maps:
//   <name>    id → the record as one JSON string (its "base", written once at creation;
//             empty strings and lists are left out and come back from the collection's defaults)
//   <name>#f  "id\0field" → { v, at, by } (the latest edit of that field)
// A record is its base with every field edit laid over it. Concurrent edits of different
// fields touch different keys, so both survive; edits of the same field converge by Yjs's
// map rule. Loading stays cheap because a record is one string, not a nested Y.Map or a
// Yjs-encoded object: decoding 100k strings is several times faster than 100k objects.
// The reserved field "_del" holds the soft deletion (see domain/record.ts).

export const SCHEMA_VERSION = 1;

/** Collections every workspace has; later features add names here and to the backup. */
export const COLLECTIONS = ['members', 'customers', 'contacts', 'tasks', 'occasions', 'fields', 'segments'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

export const SETTINGS = 'settings';
export const HISTORY = 'history';

export const DELETED_FIELD = '_del';

/** Named transaction origins, so observers and providers can tell writes apart. */
export const ORIGIN = {
	local: 'rapport:local',
	init: 'rapport:init',
	sample: 'rapport:sample',
	restore: 'rapport:restore',
	/** Import batches and their undo (store/imports.ts). */
	import: 'rapport:import',
	/** Merges, their undo, and re-linking what arrives for a merged-away record (store/merge.ts). */
	merge: 'rapport:merge'
} as const;

export function overlayName(collection: string): string {
	return `${collection}#f`;
}

export function fieldKey(id: string, field: string): string {
	return `${id}\u0000${field}`;
}

/** A record as stored in its base map: JSON without empty values. */
export function encodeBase(record: Record<string, unknown>): string {
	return JSON.stringify(record, (k, v) => (k && (v === '' || v === null || (Array.isArray(v) && v.length === 0)) ? undefined : v));
}

/** Reads a base value; objects (older or foreign writers) are accepted as they are. */
export function decodeBase(value: unknown): Record<string, unknown> | undefined {
	if (typeof value === 'string') return JSON.parse(value) as Record<string, unknown>;
	if (value && typeof value === 'object') return value as Record<string, unknown>;
	return undefined;
}

/** Splits an overlay key into record id and field. */
export function splitFieldKey(key: string): [id: string, field: string] {
	const i = key.indexOf('\u0000');
	return [key.slice(0, i), key.slice(i + 1)];
}
