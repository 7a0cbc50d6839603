// The sample generator's competitors: three dozen valid profiles with observations by the
// team's members, linked by id from a share of the deals (more of the lost ones), generic rivals
// kept as typed, and the same for the same seed.
import { describe, expect, it } from 'vitest';
import { competitorRecords, validateCompetitor, validateObservation, websiteHref } from '../../src/lib/domain/competitor';
import { dealCompetitors } from '../../src/lib/domain/deal';
import { generateWorkspace } from '../../src/lib/domain/sample/generator';
import { observationsOf } from '../../src/lib/store/sales';

describe('sample competitors', () => {
	const now = Date.UTC(2026, 10, 1);
	const ws = generateWorkspace({ seed: 3, customers: 3000, now });
	const ids = new Set(ws.competitors.map((c) => c.id));

	it('profiles three dozen rivals that pass validation, each with observations by members', () => {
		expect(ws.competitors.length).toBe(36);
		const members = new Set(ws.members.map((m) => m.id));
		for (const c of ws.competitors) {
			expect(validateCompetitor(c, { competitors: ws.competitors, id: c.id }).errors).toEqual([]);
			expect(c.products.length).toBeGreaterThan(0);
			if (c.website) expect(websiteHref(c.website)).toMatch(/^https:\/\//);
			const obs = observationsOf(c);
			expect(obs.length).toBeGreaterThanOrEqual(1);
			for (const o of obs) {
				expect(validateObservation(o).errors).toEqual([]);
				expect(members.has(o.by)).toBe(true);
				expect(o.at).toBeGreaterThanOrEqual(c.createdAt);
				expect(o.at).toBeLessThan(now);
			}
		}
		expect(ws.competitors.filter((c) => /[\u4e00-\u9fff]/.test(c.name)).length).toBe(24);
		expect(new Set(ws.competitors.map((c) => c.priceLevel)).size).toBeGreaterThanOrEqual(4);
	});

	it('links a share of the deals by id, lost deals more often, generic rivals as typed', () => {
		const named = ws.deals.filter((d) => d.competitors.length);
		const share = (stage?: string) => {
			const ds = ws.deals.filter((d) => !stage || d.stage === stage);
			return ds.filter((d) => d.competitors.some((e) => ids.has(e))).length / ds.length;
		};
		expect(share()).toBeGreaterThan(0.15);
		expect(share()).toBeLessThan(0.5);
		expect(share('lost')).toBeGreaterThan(share('won') * 1.5);
		// Every entry is a profile's id or a generic rival's name; each once.
		const typed = new Set(named.flatMap((d) => d.competitors.filter((e) => !ids.has(e))));
		expect([...typed].every((e) => ['本地经销商', '电商平台', '原厂直销', 'Local reseller', 'Online marketplace', 'Direct from manufacturer'].includes(e))).toBe(true);
		expect(typed.size).toBeGreaterThan(0);
		for (const d of named) expect(new Set(dealCompetitors(d)).size).toBe(d.competitors.length);
		// Most profiles met the team; a few big rivals far more often than the rest.
		const records = [...competitorRecords(ws.deals, ws.competitors).values()];
		expect(records.filter((r) => r.won + r.lost + r.open > 0).length).toBeGreaterThan(28);
		const counts = records.map((r) => r.won + r.lost + r.open).sort((a, b) => b - a);
		expect(counts[0]).toBeGreaterThan(counts[counts.length - 1] * 3);
		expect(records.some((r) => r.lost > 0 && r.won > 0)).toBe(true);
	});

	it('is the same for the same seed and keeps smaller workspaces a prefix', () => {
		const again = generateWorkspace({ seed: 3, customers: 3000, now });
		expect(again.competitors).toEqual(ws.competitors);
		expect(again.deals.map((d) => d.competitors)).toEqual(ws.deals.map((d) => d.competitors));
		const small = generateWorkspace({ seed: 3, customers: 500, now });
		expect(small.competitors).toEqual(ws.competitors);
		expect(small.deals.map((d) => d.competitors)).toEqual(ws.deals.slice(0, small.deals.length).map((d) => d.competitors));
		expect(generateWorkspace({ seed: 4, customers: 10, now }).competitors[0].id).not.toBe(ws.competitors[0].id);
	});
});
