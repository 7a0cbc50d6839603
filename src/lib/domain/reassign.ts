// Bulk reassignment (转交): hand every record a member owns or is assigned over to another
// member, across collections, as per-collection patches the store writes in one go.

/** One member reference on a record: `field` (owner, assignee…) currently holds `value`. */
export interface MemberRef {
	collection: string;
	id: string;
	field: string;
	value: string;
}

export type ReassignError = 'sameMember' | 'unknownMember';

/** Per collection, the records to change, in the order first seen, each with its patch. */
export type ReassignPlan = Record<string, Array<{ id: string; patch: Record<string, string> }>>;

export type ReassignResult = { ok: true; plan: ReassignPlan; count: number } | { ok: false; errors: ReassignError[] };

/** The member references of the given fields on a collection's records. */
export function memberRefs(collection: string, records: Iterable<{ id: string; [field: string]: unknown }>, fields: readonly string[]): MemberRef[] {
	const out: MemberRef[] = [];
	for (const r of records) {
		for (const field of fields) {
			const value = r[field];
			if (typeof value === 'string') out.push({ collection, id: r.id, field, value });
		}
	}
	return out;
}

/**
 * Moves every reference to `from` onto `to`. `from` may be a member who has left, or '' for
 * records nobody has; `to` must be a current member and not `from`. A record referring to
 * `from` in several fields gets one patch with all of them.
 */
export function planReassign(
	refs: Iterable<MemberRef>,
	{ from, to, members }: { from: string; to: string; members: { has(id: string): boolean } }
): ReassignResult {
	const errors: ReassignError[] = [];
	if (from === to) errors.push('sameMember');
	if (!to || !members.has(to)) errors.push('unknownMember');
	if (errors.length) return { ok: false, errors };

	const plan: ReassignPlan = {};
	const byKey = new Map<string, Record<string, string>>();
	for (const ref of refs) {
		if (ref.value !== from) continue;
		const key = JSON.stringify([ref.collection, ref.id]);
		let patch = byKey.get(key);
		if (!patch) {
			patch = {};
			byKey.set(key, patch);
			(plan[ref.collection] ??= []).push({ id: ref.id, patch });
		}
		patch[ref.field] = to;
	}
	return { ok: true, plan, count: byKey.size };
}
