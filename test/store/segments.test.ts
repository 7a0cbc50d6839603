// Saved segments in the main document: shared by sync with field-level merges, a tier override
// with its reason, the analytics settings, and the backup round trip.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { segmentFields } from '../../src/lib/domain/analytics/segment';
import type { SegmentRule } from '../../src/lib/domain/analytics/types';
import { analyticsSettings, segmentRules, setAnalyticsSettings, setTierOverride } from '../../src/lib/store/analytics';
import { exportBackup, parseBackup, restoreBackup } from '../../src/lib/store/backup';
import { createRecord, updateRecord } from '../../src/lib/store/commands';
import { createCustomer } from '../../src/lib/store/customers';
import { WorkspaceStore } from '../../src/lib/store/workspace';

let clock = 1_770_000_000_000;
const ok = <T>(r: { ok: true; value: T } | { ok: false; errors: unknown }): T => {
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value;
};
const rules = segmentRules(segmentFields([]));
const east: SegmentRule = { kind: 'group', join: 'and', rules: [{ kind: 'condition', field: 'region', op: 'eq', value: 'East China' }] };
const aTier: SegmentRule = { kind: 'group', join: 'or', rules: [{ kind: 'condition', field: 'tier', op: 'anyOf', values: ['A'] }] };

function pair() {
	const a = new WorkspaceStore(new Y.Doc());
	const b = new WorkspaceStore(new Y.Doc());
	a.init({ memberId: 'ann', profile: { name: 'Ann', color: '#000' }, name: 'T' });
	Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
	const sync = () => {
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)));
		Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)));
	};
	return { a, b, sync };
}

describe('segments in the store', () => {
	it('are shared: a teammate sees the segment, and concurrent edits of name and rule both survive', () => {
		const { a, b, sync } = pair();
		const ann = { memberId: 'ann', now: () => ++clock };
		const bob = { memberId: 'bob', now: () => ++clock };
		const id = ok(createRecord(a.segments, rules, { name: 'East', rule: east }, ann));
		sync();
		expect(b.segments.get(id)).toMatchObject({ name: 'East', rule: east, createdBy: 'ann' });
		ok(updateRecord(a.segments, rules, id, { name: 'East China customers' }, ann));
		ok(updateRecord(b.segments, rules, id, { rule: aTier }, bob));
		sync();
		for (const ws of [a, b]) expect(ws.segments.get(id)).toMatchObject({ name: 'East China customers', rule: aTier });
		// A bad rule is refused and nothing is written.
		const bad = updateRecord(a.segments, rules, id, { rule: { kind: 'group', join: 'and', rules: [{ kind: 'condition', field: 'nope', op: 'eq', value: 1 }] } as SegmentRule }, ann);
		expect(bad).toEqual({ ok: false, errors: [{ field: 'rule', index: 0, code: 'invalidChoice' }] });
		expect(a.segments.get(id)!.rule).toEqual(aTier);
	});

	it('tier overrides need a reason; settings are checked; both and the segments survive a backup', () => {
		const { a } = pair();
		const ctx = { memberId: 'ann', now: () => ++clock };
		const c = ok(createCustomer(a, { name: 'Kunlun Trading' }, ctx));
		expect(setTierOverride(a, c, 'A', '', ctx)).toEqual({ ok: false, errors: [{ field: 'tierReason', code: 'required' }] });
		expect(setTierOverride(a, c, 'Z' as never, 'x', ctx)).toEqual({ ok: false, errors: [{ field: 'tierOverride', code: 'invalidChoice' }] });
		expect(setTierOverride(a, 'nobody', 'A', 'x', ctx)).toEqual({ ok: false, errors: [{ field: 'id', code: 'notFound' }] });
		ok(setTierOverride(a, c, 'A', 'Parent company is an A customer', ctx));
		expect(a.customers.get(c)).toMatchObject({ tierOverride: 'A', tierReason: 'Parent company is an A customer' });
		expect(a.history.forRecord(c)[0]?.ch?.map((x) => x[0])).toEqual(['tierOverride', 'tierReason']);
		expect(setAnalyticsSettings(a, { aTierDays: -1 })).toEqual({ ok: false, errors: [{ field: 'aTierDays', code: 'numberInvalid' }] });
		ok(setAnalyticsSettings(a, { aTierDays: 45 }));
		const seg = ok(createRecord(a.segments, rules, { name: 'East', rule: east }, ctx));

		const parsed = parseBackup(JSON.stringify(exportBackup(a, 'ws')));
		if (!parsed.ok) throw new Error('backup');
		const restored = new WorkspaceStore(new Y.Doc());
		restoreBackup(restored.doc, parsed.value);
		expect(restored.segments.get(seg)).toMatchObject({ name: 'East', rule: east });
		expect(restored.customers.get(c)).toMatchObject({ tierOverride: 'A', tierReason: 'Parent company is an A customer' });
		expect(analyticsSettings(restored).aTierDays).toBe(45);
	});
});
