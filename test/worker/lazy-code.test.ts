// The data worker loads its selling, service and segment code on first use (worker/sales-lib.ts,
// worker/segment-lib.ts). Each command that needs it must load it first: on a service just opened
// in a fresh module (this file runs alone), every one of them answers instead of failing on code
// that is not there yet.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PIPELINE } from '../../src/lib/domain/pipeline';
import { ok, openPair } from './helpers';

describe('code loaded on first use in the data worker', () => {
	it('answers every selling, service and segment command on a service just opened', async () => {
		const a = await openPair(`ws-${Math.random()}`, { memberId: 'me' });
		try {
			await a.opened;
			// The satisfaction figures first: the command that once read the code before awaiting it.
			expect(await a.data.ticketSatisfaction()).toMatchObject({ count: 0, average: null });
			expect((await a.data.slaPolicy()).dayStart).toBeTypeOf('string');
			expect((await a.data.setPipeline({ stages: [] })).ok).toBe(false);
			ok(await a.data.setPipeline(DEFAULT_PIPELINE));
			expect((await a.data.setCurrency({ base: 'XXX', rates: [] })).ok).toBe(false);
			expect((await a.data.setSlaPolicy({ timeZone: 'Mars/Base' })).ok).toBe(false);
			expect((await a.data.board({ text: '', owner: '' })).columns.map((c) => c.stage.id)).toEqual(DEFAULT_PIPELINE.stages.map((s) => s.id));
			expect(await a.data.ticketList({ text: '' })).toEqual({ rows: [], total: 0 });
			expect(await a.data.competitorList('')).toEqual([]);
			const seg = ok(await a.data.createRecord('segments', { name: 'All', rule: { kind: 'group', join: 'and', rules: [] } }));
			expect((await a.data.segmentList()).map((s) => s.id)).toEqual([seg]);
			expect((await a.data.createRecord('segments', { name: '' })).ok).toBe(false);
			expect(await a.data.importBatches()).toEqual([]);
			expect((await a.data.careOccasions('2026-01-01', '2026-03-01')).occasions.length).toBeGreaterThan(0);
		} finally {
			await a.close();
		}
	});
});
