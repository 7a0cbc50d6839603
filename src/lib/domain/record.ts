// Rules every workspace record follows: who/when metadata, soft deletion and the
// "edited after deletion" rule from DESIGN.md.

/** Metadata every record carries; the "by" fields are member ids. */
export interface RecordMeta {
	id: string;
	createdAt: number;
	createdBy: string;
	updatedAt: number;
	updatedBy: string;
}

/**
 * A soft deletion. `seen` holds, for each field edit the deleting member's copy knew of,
 * that edit's timestamp: an edit whose stamp is not in it arrived after the deletion.
 */
export interface Deletion {
	at: number;
	by: string;
	seen: Record<string, number>;
}

/** One field edit as stored: value, when, by whom. */
export interface FieldEdit {
	v: unknown;
	at: number;
	by: string;
}

/** True when some field edit was not known to the member who deleted the record. */
export function editedAfterDeletion(del: Deletion, edits: Iterable<[string, FieldEdit]>): boolean {
	for (const [field, e] of edits) {
		if (del.seen[field] !== e.at) return true;
	}
	return false;
}

/** The ordered list of changed fields between two plain records (deep compare by JSON). */
export function diffFields(
	before: Record<string, unknown>,
	after: Record<string, unknown>,
	fields: readonly string[]
): Array<[field: string, from: unknown, to: unknown]> {
	const out: Array<[string, unknown, unknown]> = [];
	for (const f of fields) {
		if (!(f in after)) continue;
		const a = before[f];
		const b = after[f];
		if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) out.push([f, a ?? null, b ?? null]);
	}
	return out;
}
