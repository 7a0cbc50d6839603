// Merging duplicates: which record a merged-away id stands for, and the merged result.
import { normalizeEmail, normalizePhone } from './text';

/** The field a merged-away record keeps: the id of the record it was merged into. */
export const MERGED_INTO = 'mergedInto';

/** Longest `mergedInto` chain followed; longer ones are treated as ending there. */
const MAX_CHAIN = 64;

/**
 * The record `id` stands for: follows `mergedInto` pointers (A→B→C gives C). Two members
 * merging crosswise at the same time can make a cycle (A→B, B→A): then the smallest id of the
 * cycle stands for all of them, the same on every device, so nothing disappears.
 */
export function resolveMerged(id: string, mergedInto: (id: string) => string | undefined): string {
	const path = [id];
	let cur = id;
	for (let i = 0; i < MAX_CHAIN; i++) {
		const next = mergedInto(cur);
		if (!next) return cur;
		const at = path.indexOf(next);
		if (at >= 0) return path.slice(at).sort()[0];
		path.push(next);
		cur = next;
	}
	return cur;
}

/** Fields the merge view offers a choice for: those where the records differ. */
export function differingFields(records: Array<Record<string, unknown>>, fields: readonly string[]): string[] {
	return fields.filter((f) => new Set(records.map((r) => JSON.stringify(r[f] ?? ''))).size > 1);
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * The merged record's field values: the chosen record's value per field (`choice` maps field
 * → index in `records`), else the first non-empty one. List fields (phones, e-mails, tags)
 * with `union` keep every distinct entry (phones and e-mails compared normalised).
 */
export function mergedValues(
	records: Array<Record<string, unknown>>,
	fields: readonly string[],
	choice: Record<string, number> = {},
	union: readonly string[] = []
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const f of fields) {
		if (union.includes(f) && choice[f] === undefined) {
			const key = f === 'phones' ? (v: unknown) => normalizePhone(String(v)) : f === 'emails' ? (v: unknown) => normalizeEmail(String(v)) : (v: unknown) => v;
			const all: unknown[] = [];
			const seen = new Set<unknown>();
			for (const r of records)
				for (const v of (Array.isArray(r[f]) ? r[f] : []) as unknown[]) {
					if (seen.has(key(v))) continue;
					seen.add(key(v));
					all.push(v);
				}
			out[f] = all;
			continue;
		}
		const i = choice[f];
		out[f] = i !== undefined && records[i] ? records[i][f] : (records.find((r) => !isEmpty(r[f]))?.[f] ?? records[0]?.[f]);
	}
	return out;
}
