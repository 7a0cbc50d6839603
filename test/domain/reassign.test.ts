import { describe, expect, it } from 'vitest';
import { memberRefs, planReassign, type MemberRef } from '../../src/lib/domain/reassign';

const members = new Set(['alice', 'bob', 'carol']);

const refs: MemberRef[] = [
	...memberRefs('customers', [
		{ id: 'k1', owner: 'alice' },
		{ id: 'k2', owner: 'bob' },
		{ id: 'k3', owner: 'alice' },
		{ id: 'k4', owner: '' }
	], ['owner']),
	...memberRefs('tasks', [
		{ id: 't1', assignee: 'alice', owner: 'alice' },
		{ id: 't2', assignee: 'carol', owner: 'alice' },
		{ id: 't3', assignee: 'bob' }
	], ['assignee', 'owner'])
];

describe('member references', () => {
	it('lists string fields of records, skipping missing ones', () => {
		expect(memberRefs('tasks', [{ id: 't3', assignee: 'bob' }, { id: 't4', assignee: 7 }], ['assignee', 'owner'])).toEqual([
			{ collection: 'tasks', id: 't3', field: 'assignee', value: 'bob' }
		]);
	});
});

describe('reassignment plans', () => {
	it('moves every reference to one member onto another, by collection', () => {
		expect(planReassign(refs, { from: 'alice', to: 'bob', members })).toEqual({
			ok: true,
			count: 4,
			plan: {
				customers: [
					{ id: 'k1', patch: { owner: 'bob' } },
					{ id: 'k3', patch: { owner: 'bob' } }
				],
				tasks: [
					{ id: 't1', patch: { assignee: 'bob', owner: 'bob' } },
					{ id: 't2', patch: { owner: 'bob' } }
				]
			}
		});
	});
	it('hands over the records of a member who has left', () => {
		const r = planReassign(refs, { from: 'alice', to: 'carol', members: new Map([['bob', {}], ['carol', {}]]) });
		expect(r.ok && r.count).toBe(4);
	});
	it('can give records nobody owns to a member', () => {
		expect(planReassign(refs, { from: '', to: 'carol', members })).toEqual({ ok: true, count: 1, plan: { customers: [{ id: 'k4', patch: { owner: 'carol' } }] } });
	});
	it('gives an empty plan when the member has nothing', () => {
		expect(planReassign(refs, { from: 'dave', to: 'bob', members })).toEqual({ ok: true, count: 0, plan: {} });
	});
	it('refuses the same member and an unknown or empty target', () => {
		expect(planReassign(refs, { from: 'alice', to: 'alice', members })).toEqual({ ok: false, errors: ['sameMember'] });
		expect(planReassign(refs, { from: 'alice', to: 'zoe', members })).toEqual({ ok: false, errors: ['unknownMember'] });
		expect(planReassign(refs, { from: 'alice', to: '', members })).toEqual({ ok: false, errors: ['unknownMember'] });
		expect(planReassign(refs, { from: 'zoe', to: 'zoe', members })).toEqual({ ok: false, errors: ['sameMember', 'unknownMember'] });
	});
	it('keeps records of different collections with the same id apart', () => {
		const r = planReassign(
			[
				{ collection: 'customers', id: 'x', field: 'owner', value: 'alice' },
				{ collection: 'contacts', id: 'x', field: 'owner', value: 'alice' }
			],
			{ from: 'alice', to: 'bob', members }
		);
		expect(r).toEqual({ ok: true, count: 2, plan: { customers: [{ id: 'x', patch: { owner: 'bob' } }], contacts: [{ id: 'x', patch: { owner: 'bob' } }] } });
	});
});
