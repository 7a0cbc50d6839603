// Merging duplicates with real Y.Docs: the survivor takes the chosen values and every link
// (contacts, tasks, activities in every quarter); merged-away records leave the lists and stand
// for their survivor, also for edits and links that arrive later from a partitioned teammate;
// undo puts everything back; chains and cycles of mergedInto resolve the same everywhere.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { activityPeriod } from '../../src/lib/domain/activity';
import { mergedValues, resolveMerged } from '../../src/lib/domain/merge';
import type { RecordMeta } from '../../src/lib/domain/record';
import { ActivityStore } from '../../src/lib/store/activities';
import type { Collection } from '../../src/lib/store/collection';
import { createRecord, updateRecord, type RecordRules } from '../../src/lib/store/commands';
import { createCustomer, customerRules, updateCustomer } from '../../src/lib/store/customers';
import { isMergedAway, mergeRecords, reconcileMerges, resolveRecord, undoMerge, type LinkRef, type MergeScope } from '../../src/lib/store/merge';
import { CONTACT_RULES, TASK_RULES } from '../../src/lib/store/records';
import { ORIGIN } from '../../src/lib/store/schema';
import { WorkspaceStore } from '../../src/lib/store/workspace';
import { ctxA, ctxB, ok } from './helpers';

type AnyRecord = RecordMeta & Record<string, unknown>;
const any = <T>(c: T) => c as unknown as Collection<AnyRecord>;

const Q1 = Date.UTC(2026, 1, 1);
const Q3 = Date.UTC(2026, 7, 1);


/** One member's device: main document, two activity quarters, and the re-linking observer. */
function device(memberId: string) {
	const main = new Y.Doc();
	const ws = new WorkspaceStore(main);
	const acts = new ActivityStore(main);
	const quarters = new Map<string, Y.Doc>();
	for (const at of [Q1, Q3]) {
		const d = new Y.Doc();
		quarters.set(activityPeriod(at), d);
		acts.attach(activityPeriod(at), d);
	}
	const scope: MergeScope = {
		main,
		records: any(ws.customers),
		rules: customerRules(ws, false) as RecordRules<object>,
		linksTo: (id) => {
			const out: LinkRef[] = [];
			for (const coll of [any(ws.contacts), any(ws.tasks), ...acts.collections().map(any)]) {
				for (const rid of coll.ids()) if (coll.get(rid)?.customer === id) out.push({ coll, id: rid, field: 'customer' });
			}
			return out;
		}
	};
	// What the data worker does: note what other transactions changed, re-link afterwards.
	const pending = { records: new Set<string>(), links: [] as Array<{ coll: Collection<AnyRecord>; ids: Set<string>; field: string }> };
	const watch = (doc: Y.Doc, colls: Array<Collection<AnyRecord>>) =>
		doc.on('afterTransaction', (tr: Y.Transaction) => {
			if (tr.origin === ORIGIN.merge) return;
			for (const c of colls) {
				const ids = c.changedIds(tr);
				if (!ids.size) continue;
				if (c === scope.records) ids.forEach((i) => pending.records.add(i));
				else pending.links.push({ coll: c, ids, field: 'customer' });
			}
		});
	watch(main, [any(ws.customers), any(ws.contacts), any(ws.tasks)]);
	for (const [p, d] of quarters) watch(d, [any(acts.partition(p)!.coll)]);
	const ctx = { memberId, now: memberId === 'm-a' ? ctxA.now : ctxB.now };
	const settle = () => {
		const n = reconcileMerges(scope, { records: pending.records, links: pending.links }, ctx);
		pending.records = new Set();
		pending.links = [];
		return n;
	};
	return { main, ws, acts, quarters, scope, settle, ctx };
}

type Device = ReturnType<typeof device>;

function sync(a: Device, b: Device) {
	const pairs: Array<[Y.Doc, Y.Doc]> = [[a.main, b.main], ...[...a.quarters.keys()].map((p) => [a.quarters.get(p)!, b.quarters.get(p)!] as [Y.Doc, Y.Doc])];
	for (const [x, y] of pairs) {
		Y.applyUpdate(y, Y.encodeStateAsUpdate(x, Y.encodeStateVector(y)));
		Y.applyUpdate(x, Y.encodeStateAsUpdate(y, Y.encodeStateVector(x)));
	}
}

/** Syncs, lets both re-link what arrived, and syncs again until nothing more is written. */
function converge(a: Device, b: Device) {
	for (let i = 0; i < 5; i++) {
		sync(a, b);
		if (a.settle() + b.settle() === 0) return;
	}
	throw new Error('did not settle');
}

function setup() {
	const a = device('m-a');
	const b = device('m-b');
	a.ws.init({ memberId: 'm-a', profile: { name: 'Ann', color: '#111' }, name: 'Team' });
	const s = ok(createCustomer(a.ws, { name: '张三', phones: ['13800138000'], city: 'Hangzhou' }, ctxA));
	const x = ok(createCustomer(a.ws, { name: '張三', phones: ['+86 138 0013 8000'], emails: ['zs@example.com'], company: 'ACME' }, ctxA));
	const c1 = ok(createRecord(a.ws.contacts, CONTACT_RULES, { name: 'Li', customer: x }, ctxA));
	const t1 = ok(createRecord(a.ws.tasks, TASK_RULES, { title: 'Call back', customer: x, due: Q3 }, ctxA));
	const a1 = ok(a.acts.create({ at: Q1, subject: 'Visit', customer: x }, ctxA));
	const a2 = ok(a.acts.create({ at: Q3, subject: 'Call', customer: x }, ctxA));
	const a3 = ok(a.acts.create({ at: Q3, subject: 'Own call', customer: s }, ctxA));
	converge(a, b);
	return { a, b, s, x, c1, t1, a1, a2, a3 };
}

describe('merging customers', () => {
	it('moves every link to the survivor, writes the chosen values, and undo restores it all', () => {
		const { a, b, s, x, c1, t1, a1, a2, a3 } = setup();
		const records = [a.ws.customers.get(s)!, a.ws.customers.get(x)!];
		const fields = mergedValues(records, ['name', 'phones', 'emails', 'company', 'city'], { name: 0 }, ['phones', 'emails']);
		const r = mergeRecords(a.scope, a.ws.history, { survivor: s, others: [x], fields }, ctxA);
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		expect(r.moved).toEqual({ contacts: 1, tasks: 1, activities: 2 });
		converge(a, b);
		for (const d of [a, b]) {
			const sv = d.ws.customers.get(s)!;
			expect(sv).toMatchObject({ name: '张三', company: 'ACME', city: 'Hangzhou', emails: ['zs@example.com'] });
			expect(sv.phones).toEqual(['13800138000']);
			expect(isMergedAway(d.scope.records, x)).toBe(true);
			expect(resolveRecord(d.scope.records, x)).toBe(s);
			expect(d.ws.contacts.get(c1)!.customer).toBe(s);
			expect(d.ws.tasks.get(t1)!.customer).toBe(s);
			expect(d.acts.forCustomer(s).map((v) => v.id).sort()).toEqual([a1, a2, a3].sort());
			expect(d.acts.forCustomer(x)).toEqual([]);
		}
		expect(b.ws.history.forRecord(s)[0]).toMatchObject({ op: 'merge', by: 'm-a' });
		expect(b.ws.history.forRecord(x)[0]).toMatchObject({ op: 'merge', ch: [['mergedInto', '', '张三']] });
		expect(b.ws.history.forRecord(s)[0].ch).toContainEqual(['merged', [], ['張三']]);

		expect(undoMerge(b.scope, b.ws.history, r.mergeId, ctxB).ok).toBe(true);
		converge(a, b);
		for (const d of [a, b]) {
			expect(isMergedAway(d.scope.records, x)).toBe(false);
			expect(d.ws.customers.get(s)).toMatchObject({ name: '张三', company: '', emails: [], phones: ['13800138000'] });
			expect(d.ws.contacts.get(c1)!.customer).toBe(x);
			expect(d.ws.tasks.get(t1)!.customer).toBe(x);
			expect(d.acts.forCustomer(x).map((v) => v.id).sort()).toEqual([a1, a2].sort());
			expect(d.acts.forCustomer(s).map((v) => v.id)).toEqual([a3]);
		}
		expect(undoMerge(a.scope, a.ws.history, r.mergeId, ctxA).ok).toBe(false);
	});

	it('an offline teammate’s edit of the merged-away customer and a new link to it land on the survivor after syncing', () => {
		const { a, b, s, x } = setup();
		// Partitioned: A merges, B keeps working on the old record.
		const r = mergeRecords(a.scope, a.ws.history, { survivor: s, others: [x], fields: { name: '张三' } }, ctxA);
		expect(r.ok).toBe(true);
		ok(updateCustomer(b.ws, x, { region: 'Zhejiang' }, ctxB));
		const late = ok(b.acts.create({ at: Q3, subject: 'Late visit', customer: x }, ctxB));
		const lateContact = ok(createRecord(b.ws.contacts, CONTACT_RULES, { name: 'Wang', customer: x }, ctxB));
		converge(a, b);
		for (const d of [a, b]) {
			expect(d.ws.customers.get(s)!.region).toBe('Zhejiang');
			expect(d.acts.load(late)!.record.customer).toBe(s);
			expect(d.ws.contacts.get(lateContact)!.customer).toBe(s);
			expect(d.acts.forCustomer(s).map((v) => v.subject)).toContain('Late visit');
		}
		// A later edit on the survivor wins over what was forwarded; nothing bounces back.
		ok(updateCustomer(a.ws, s, { region: 'Jiangsu' }, ctxA));
		converge(a, b);
		expect(b.ws.customers.get(s)!.region).toBe('Jiangsu');
		// Undo puts the re-linked activity back on the old record too (it was moved under this merge).
		if (!r.ok) return;
		ok(undoMerge(a.scope, a.ws.history, r.mergeId, ctxA));
		converge(a, b);
		expect(b.acts.load(late)!.record.customer).toBe(x);
	});

	it('refuses merging into a merged-away record or a record into itself; writes nothing then', () => {
		const { a, s, x } = setup();
		const y = ok(createCustomer(a.ws, { name: 'Third' }, ctxA));
		expect(mergeRecords(a.scope, a.ws.history, { survivor: s, others: [s], fields: {} }, ctxA)).toMatchObject({ ok: false, errors: [{ field: 'others', code: 'required' }] });
		expect(mergeRecords(a.scope, a.ws.history, { survivor: s, others: [x], fields: { emails: ['bad'] } }, ctxA)).toMatchObject({ ok: false });
		expect(isMergedAway(a.scope.records, x)).toBe(false);
		ok(mergeRecords(a.scope, a.ws.history, { survivor: s, others: [x], fields: {} }, ctxA) as never);
		expect(mergeRecords(a.scope, a.ws.history, { survivor: x, others: [y], fields: {} }, ctxA)).toMatchObject({ ok: false, errors: [{ field: 'survivor', code: 'notFound' }] });
		// A chain: s merged into y → x resolves through s to y.
		expect(mergeRecords(a.scope, a.ws.history, { survivor: y, others: [s], fields: {} }, ctxA).ok).toBe(true);
		expect(resolveRecord(a.scope.records, x)).toBe(y);
	});

	it('two members merging crosswise at the same time still leave one record standing for both', () => {
		const { a, b, s, x } = setup();
		expect(mergeRecords(a.scope, a.ws.history, { survivor: s, others: [x], fields: {} }, ctxA).ok).toBe(true);
		expect(mergeRecords(b.scope, b.ws.history, { survivor: x, others: [s], fields: {} }, ctxB).ok).toBe(true);
		converge(a, b);
		const winner = [s, x].sort()[0];
		for (const d of [a, b]) {
			expect(resolveRecord(d.scope.records, s)).toBe(winner);
			expect(resolveRecord(d.scope.records, x)).toBe(winner);
			expect(isMergedAway(d.scope.records, winner)).toBe(false);
		}
	});
});

describe('resolveMerged', () => {
	it('follows chains and breaks cycles at the smallest id', () => {
		const into: Record<string, string> = { a: 'b', b: 'c', p: 'q', q: 'r', r: 'p' };
		const get = (id: string) => into[id];
		expect(resolveMerged('a', get)).toBe('c');
		expect(resolveMerged('c', get)).toBe('c');
		expect(['p', 'q', 'r'].map((id) => resolveMerged(id, get))).toEqual(['p', 'p', 'p']);
	});
});
