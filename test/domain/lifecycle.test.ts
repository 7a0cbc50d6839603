import { describe, expect, it } from 'vitest';
import type { Stage } from '../../src/lib/domain/customer';
import {
	changeStage,
	suggestCustomerOnFirstOrder,
	transition,
	winBack,
	winBackCandidates,
	wonBack,
	type LifecycleFields
} from '../../src/lib/domain/lifecycle';

describe('which stage changes are allowed', () => {
	// from → to: the errors without a reason or win-back flag.
	const matrix: Record<Stage, Record<Stage, string[]>> = {
		potential: { potential: ['sameStage'], prospect: [], customer: [], lost: ['reasonRequired'] },
		prospect: { potential: ['backward'], prospect: ['sameStage'], customer: [], lost: ['reasonRequired'] },
		customer: { potential: ['backward'], prospect: ['backward'], customer: ['sameStage'], lost: ['reasonRequired'] },
		lost: { potential: ['lostToProspectOnly'], prospect: ['winBackRequired'], customer: ['lostToProspectOnly'], lost: ['sameStage'] }
	};
	for (const [from, row] of Object.entries(matrix)) {
		for (const [to, errors] of Object.entries(row)) {
			it(`${from} → ${to}: ${errors.join(', ') || 'ok'}`, () => {
				expect(transition(from as Stage, to as Stage)).toEqual({ ok: errors.length === 0, errors });
			});
		}
	}
	it('lets any stage be lost with a reason, but not a blank one', () => {
		for (const from of ['potential', 'prospect', 'customer'] as const) {
			expect(transition(from, 'lost', { reason: '价格太高' }).ok).toBe(true);
			expect(transition(from, 'lost', { reason: '   ' }).errors).toEqual(['reasonRequired']);
		}
	});
	it('lets a customer go back a stage only with a reason (a correction)', () => {
		expect(transition('customer', 'prospect', { reason: '录错了' })).toEqual({ ok: true, errors: [] });
		expect(transition('customer', 'potential', { reason: ' ' }).errors).toEqual(['backward']);
	});
	it('brings a lost customer back only as a prospect, by win-back', () => {
		expect(transition('lost', 'prospect', { winBack: true })).toEqual({ ok: true, errors: [] });
		expect(transition('lost', 'customer', { winBack: true }).errors).toEqual(['lostToProspectOnly']);
		expect(transition('lost', 'potential', { winBack: true }).errors).toEqual(['lostToProspectOnly']);
	});
	it('refuses stages it does not know', () => {
		expect(transition('vip' as Stage, 'customer').errors).toEqual(['invalidStage']);
		expect(transition('prospect', '' as Stage).errors).toEqual(['invalidStage']);
	});
});

describe('stage change patches', () => {
	it('moves forward, stamping the change', () => {
		expect(changeStage({ stage: 'potential' }, 'customer', { at: 1000, by: 'm1' })).toEqual({
			ok: true,
			patch: { stage: 'customer', stageChangedAt: 1000 },
			change: { from: 'potential', to: 'customer', at: 1000, by: 'm1' }
		});
	});
	it('records why and when a customer was lost, clearing an earlier win-back', () => {
		const r = changeStage({ stage: 'customer' }, 'lost', { at: 2000, by: 'm2', reason: ' 选择了竞争对手 ' });
		expect(r).toEqual({
			ok: true,
			patch: { stage: 'lost', stageChangedAt: 2000, lostReason: '选择了竞争对手', lostAt: 2000, winBack: false },
			change: { from: 'customer', to: 'lost', at: 2000, by: 'm2', reason: '选择了竞争对手' }
		});
	});
	it('refuses with the transition errors and no patch', () => {
		expect(changeStage({ stage: 'customer' }, 'lost', { at: 1, by: 'm1' })).toEqual({ ok: false, errors: ['reasonRequired'] });
		expect(changeStage({ stage: 'lost' }, 'prospect', { at: 1, by: 'm1' })).toEqual({ ok: false, errors: ['winBackRequired'] });
	});
	it('wins a lost customer back as a flagged prospect, keeping the lost reason', () => {
		const lost: LifecycleFields = { stage: 'lost', stageChangedAt: 100, lostReason: '预算取消', lostAt: 100, winBack: false, winBackAt: 0 };
		const r = winBack(lost, { at: 5000, by: 'm3', reason: '新项目启动' });
		expect(r).toEqual({
			ok: true,
			patch: { stage: 'prospect', stageChangedAt: 5000, winBack: true, winBackAt: 5000 },
			change: { from: 'lost', to: 'prospect', at: 5000, by: 'm3', reason: '新项目启动', winBack: true }
		});
		const after = { ...lost, ...(r.ok ? r.patch : {}) };
		expect(after.lostReason).toBe('预算取消');
		expect(after.lostAt).toBe(100);
		// Moving forward afterwards keeps the flag; losing the customer again clears it.
		const forward = changeStage(after, 'customer', { at: 6000, by: 'm3' });
		expect(forward.ok && forward.patch).toEqual({ stage: 'customer', stageChangedAt: 6000 });
		const again = changeStage({ stage: 'customer' }, 'lost', { at: 7000, by: 'm3', reason: '再次流失' });
		expect(again.ok && again.patch.winBack).toBe(false);
	});
	it('refuses to win back a customer that is not lost', () => {
		expect(winBack({ stage: 'prospect' }, { at: 1, by: 'm1' })).toEqual({ ok: false, errors: ['sameStage'] });
		expect(winBack({ stage: 'customer' }, { at: 1, by: 'm1' })).toEqual({ ok: false, errors: ['backward'] });
	});
});

describe('win-back lists', () => {
	const DAY = 86_400_000;
	const now = 1000 * DAY;
	const customers = [
		{ id: 'a', stage: 'lost' as Stage, lostAt: now - 10 * DAY },
		{ id: 'b', stage: 'lost' as Stage, lostAt: now - 200 * DAY },
		{ id: 'c', stage: 'lost' as Stage },
		{ id: 'd', stage: 'prospect' as Stage, winBack: true, winBackAt: now - 5 * DAY, lostAt: now - 300 * DAY },
		{ id: 'e', stage: 'customer' as Stage, winBack: true, winBackAt: now - DAY },
		{ id: 'f', stage: 'customer' as Stage, winBack: false },
		{ id: 'g', stage: 'lost' as Stage, winBack: true, lostAt: now - 90 * DAY }
	];
	it('lists lost customers, longest lost first, after a waiting time', () => {
		expect(winBackCandidates(customers, { now }).map((c) => c.id)).toEqual(['c', 'b', 'g', 'a']);
		expect(winBackCandidates(customers, { now, minDaysLost: 90 }).map((c) => c.id)).toEqual(['c', 'b', 'g']);
		expect(winBackCandidates(customers, { now, minDaysLost: 91 }).map((c) => c.id)).toEqual(['c', 'b']);
	});
	it('lists the won-back customers not lost again, latest first', () => {
		expect(wonBack(customers).map((c) => c.id)).toEqual(['e', 'd']);
	});
});

it('suggests the customer stage on a first order only before it', () => {
	expect((['potential', 'prospect', 'customer', 'lost'] as const).map(suggestCustomerOnFirstOrder)).toEqual([true, true, false, false]);
});
