// Deals: pipelines, line totals with discounts and rounding, stage rules, the weighted
// pipeline, and the kanban order keys.
import { describe, expect, it } from 'vitest';
import {
	between,
	changeDealStage,
	comparePositions,
	competitorLinkPatch,
	DEAL_FIELDS,
	dealCompetitors,
	dealAmount,
	dealProbability,
	dealTransition,
	DEFAULT_PIPELINE,
	emptyDeal,
	emptyLine,
	isOrderKey,
	keysBetween,
	lineFromProduct,
	linesTotal,
	lineTotal,
	placeAt,
	validateDeal,
	validateLineItems,
	validatePipeline,
	weightedPipeline,
	type DealFields,
	type LineItem,
	type Pipeline,
	type Positioned
} from '../../src/lib/domain/deal';

const line = (over: Partial<LineItem>): LineItem => ({ ...emptyLine(), name: 'item', ...over });

describe('pipelines', () => {
	it('accepts the default pipeline as it is', () => {
		expect(validatePipeline(DEFAULT_PIPELINE)).toEqual({ value: DEFAULT_PIPELINE, errors: [] });
		expect(DEFAULT_PIPELINE.stages.map((s) => [s.id, s.probability, s.kind])).toEqual([
			['qualification', 10, 'open'],
			['needsAnalysis', 25, 'open'],
			['proposal', 50, 'open'],
			['negotiation', 75, 'open'],
			['won', 100, 'won'],
			['lost', 0, 'lost']
		]);
	});

	it('needs unique ids, names for new stages, whole probabilities, one won, one lost and an open stage', () => {
		const p: Pipeline = {
			stages: [
				{ id: 'lead', name: ' 线索 ', probability: 5, kind: 'open' },
				{ id: 'lead', name: 'again', probability: 10, kind: 'open' },
				{ id: '', name: 'no id', probability: 10, kind: 'open' },
				{ id: 'demo', name: '', probability: 10.5, kind: 'open' },
				{ id: 'signed', name: '签约', probability: 90, kind: 'won' },
				{ id: 'paid', name: '回款', probability: 100, kind: 'won' },
				{ id: 'odd', name: 'odd', probability: 101, kind: 'maybe' as 'open' }
			]
		};
		const r = validatePipeline(p);
		expect(r.value.stages[0].name).toBe('线索');
		expect(r.errors).toEqual([
			{ field: 'stages.id', index: 1, code: 'duplicateValue' },
			{ field: 'stages.id', index: 2, code: 'required' },
			{ field: 'stages.name', index: 3, code: 'required' },
			{ field: 'stages.probability', index: 3, code: 'numberInvalid' },
			{ field: 'stages.probability', index: 4, code: 'numberInvalid' },
			{ field: 'stages.won', index: 5, code: 'duplicateValue' },
			{ field: 'stages.probability', index: 6, code: 'numberInvalid' },
			{ field: 'stages.kind', index: 6, code: 'invalidChoice' },
			{ field: 'stages.lost', code: 'required' }
		]);
		const terminalOnly: Pipeline = { stages: DEFAULT_PIPELINE.stages.filter((s) => s.kind !== 'open') };
		expect(validatePipeline(terminalOnly).errors).toEqual([{ field: 'stages.open', code: 'required' }]);
		const noWon: Pipeline = { stages: DEFAULT_PIPELINE.stages.filter((s) => s.kind !== 'won') };
		expect(validatePipeline(noWon).errors).toEqual([{ field: 'stages.won', code: 'required' }]);
	});
});

describe('line totals', () => {
	it('takes a percent off and rounds once, half away from zero', () => {
		// 3 × 33.33 = 99.99, 10% off = 89.991 → 89.99
		expect(lineTotal(line({ quantity: '3', unitPrice: 3333, discount: '10' }))).toBe(8999);
		// 0.05 at 50% off = 2.5 fen → 3 (half-even would give 2)
		expect(lineTotal(line({ quantity: '1', unitPrice: 5, discount: '50' }))).toBe(3);
		// 1.5 × 33.33 = 49.995 → 50.00
		expect(lineTotal(line({ quantity: '1.5', unitPrice: 3333 }))).toBe(5000);
		// 0.5 × 0.03 = 1.5 fen → 2
		expect(lineTotal(line({ quantity: '0.5', unitPrice: 3 }))).toBe(2);
		// 12.5% off 100.00 → 87.50; 33.3333% off 3 × 10.00 → 20.000010 → 20.00
		expect(lineTotal(line({ unitPrice: 10000, discount: '12.5' }))).toBe(8750);
		expect(lineTotal(line({ quantity: '3', unitPrice: 1000, discount: '33.3333' }))).toBe(2000);
		// 2.345 kg at 19.99 with 15% off = 39.8450… → 39.85, computed without floats
		expect(lineTotal(line({ quantity: '2.345', unitPrice: 1999, discount: '15' }))).toBe(3985);
		expect(lineTotal(line({ quantity: '7', unitPrice: 1999, discount: '' }))).toBe(13993);
		expect(lineTotal(line({ quantity: '7', unitPrice: 1999, discount: '100' }))).toBe(0);
	});

	it('takes an amount off the whole line, never below zero', () => {
		expect(lineTotal(line({ quantity: '3', unitPrice: 3333, discountKind: 'amount', discountAmount: 1000 }))).toBe(8999);
		expect(lineTotal(line({ quantity: '1.5', unitPrice: 3333, discountKind: 'amount', discountAmount: 1 }))).toBe(4999);
		expect(lineTotal(line({ quantity: '1', unitPrice: 100, discountKind: 'amount', discountAmount: 500 }))).toBe(0);
		// The percent field is not used for an amount discount, nor the amount for a percent one.
		expect(lineTotal(line({ quantity: '1', unitPrice: 100, discountKind: 'amount', discount: '50' }))).toBe(100);
		expect(lineTotal(line({ quantity: '1', unitPrice: 100, discountAmount: 50 }))).toBe(100);
	});

	it('counts what does not parse as nothing', () => {
		expect(lineTotal(line({ quantity: 'x', unitPrice: 100 }))).toBe(0);
		expect(lineTotal(line({ quantity: '1', unitPrice: 100, discount: 'x' }))).toBe(100);
		expect(lineTotal(line({ quantity: '1', unitPrice: 100, discount: '150' }))).toBe(0);
	});

	it('adds lines each rounded on its own, as an invoice shows them', () => {
		const half = line({ quantity: '1', unitPrice: 5, discount: '50' });
		expect(linesTotal([half, half, half])).toBe(9); // 3 + 3 + 3, not round(7.5)
		expect(linesTotal([])).toBe(0);
	});

	it('validates lines with the line index and the field', () => {
		const r = validateLineItems([
			{ name: ' 打印纸 ', unit: '箱', quantity: '１.５０', unitPrice: 2500, discount: '5.0' },
			{ name: '', quantity: '0', unitPrice: -1 },
			{ name: 'b', quantity: '1.1234567', discount: '101' },
			{ name: 'c', quantity: '2', unitPrice: 100, discountKind: 'amount', discountAmount: 201 },
			{ name: 'd', quantity: '1000000000', unitPrice: 100_000_000, discountKind: 'bulk' as 'amount' },
			{ name: 'e', quantity: '1000000', unitPrice: 1_000_000_000_000 }
		]);
		expect(r.value[0]).toEqual({ ...emptyLine(), name: '打印纸', unit: '箱', quantity: '1.5', unitPrice: 2500, discount: '5' });
		expect(r.errors).toEqual([
			{ field: 'lines.name', index: 1, code: 'required' },
			{ field: 'lines.quantity', index: 1, code: 'numberInvalid' },
			{ field: 'lines.unitPrice', index: 1, code: 'numberInvalid' },
			{ field: 'lines.quantity', index: 2, code: 'tooManyDecimals', max: 6 },
			{ field: 'lines.discount', index: 2, code: 'numberInvalid' },
			{ field: 'lines.discountAmount', index: 3, code: 'numberInvalid' },
			{ field: 'lines.discountKind', index: 4, code: 'invalidChoice' },
			{ field: 'lines.quantity', index: 5, code: 'numberInvalid' }
		]);
	});

	it('prices a product line in the record’s currency', () => {
		const settings = { base: 'CNY', rates: [{ currency: 'USD', rate: '7.2' }] };
		const product = { id: 'p1', name: '服务器', unit: '台', unitPrice: 10000, currency: 'USD' };
		expect(lineFromProduct(product, { currency: 'CNY', settings })).toEqual({ ...emptyLine(), product: 'p1', name: '服务器', unit: '台', unitPrice: 72000 });
		expect(lineFromProduct(product, { currency: 'USD', settings })?.unitPrice).toBe(10000);
		expect(lineFromProduct(product, { currency: 'EUR', settings })).toBeNull();
	});
});

describe('deals', () => {
	const deal = (over: Partial<DealFields> = {}): DealFields => ({ ...emptyDeal('m1', { currency: 'CNY' }), title: 'd', ...over });

	it('starts in the first open stage with the stage’s probability', () => {
		const d = emptyDeal('m1', { currency: 'USD' });
		expect(d).toMatchObject({ owner: 'm1', stage: 'qualification', probability: null, currency: 'USD', amountMode: 'items' });
		expect(Object.keys(d).sort()).toEqual([...DEAL_FIELDS].sort());
		const custom: Pipeline = { stages: [DEFAULT_PIPELINE.stages[5], { id: 'x', name: 'X', probability: 30, kind: 'open' }, DEFAULT_PIPELINE.stages[4]] };
		expect(emptyDeal('m1', { currency: 'CNY', pipeline: custom }).stage).toBe('x');
	});

	it('takes its amount from the lines or as typed', () => {
		const lines = [line({ quantity: '3', unitPrice: 3333, discount: '10' }), line({ unitPrice: 1 })];
		expect(dealAmount(deal({ lines, amount: 5 }))).toBe(9000);
		expect(dealAmount(deal({ lines, amount: 5, amountMode: 'manual' }))).toBe(5);
	});

	it('takes the stage’s probability unless set; won is 100 and lost 0 whatever was set', () => {
		expect(dealProbability({ stage: 'proposal', probability: null }, DEFAULT_PIPELINE)).toBe(50);
		expect(dealProbability({ stage: 'proposal', probability: 65 }, DEFAULT_PIPELINE)).toBe(65);
		expect(dealProbability({ stage: 'proposal', probability: 0 }, DEFAULT_PIPELINE)).toBe(0);
		expect(dealProbability({ stage: 'won', probability: 30 }, DEFAULT_PIPELINE)).toBe(100);
		expect(dealProbability({ stage: 'lost', probability: 30 }, DEFAULT_PIPELINE)).toBe(0);
		expect(dealProbability({ stage: 'gone', probability: null }, DEFAULT_PIPELINE)).toBe(0);
	});

	it('validates a new deal', () => {
		const ok = validateDeal({ ...deal(), title: ' 年度采购 ', competitors: [' 甲公司 ', '', '甲公司'], expectedClose: '2026-06-30', probability: 40 });
		expect(ok.errors).toEqual([]);
		expect(ok.value).toMatchObject({ title: '年度采购', competitors: ['甲公司'], probability: 40 });
		const bad = validateDeal({
			title: '',
			stage: 'nowhere',
			amountMode: 'sum' as 'items',
			amount: 1.5,
			expectedClose: '2026-13-01',
			probability: 120,
			position: 'not a key!',
			lines: [line({ name: '', quantity: '1' })]
		});
		expect(bad.errors).toEqual([
			{ field: 'title', code: 'required' },
			{ field: 'stage', code: 'invalidChoice' },
			{ field: 'currency', code: 'required' },
			{ field: 'amountMode', code: 'invalidChoice' },
			{ field: 'amount', code: 'numberInvalid' },
			{ field: 'expectedClose', code: 'dateInvalid' },
			{ field: 'position', code: 'invalidChoice' },
			{ field: 'probability', code: 'numberInvalid' },
			{ field: 'lines.name', index: 0, code: 'required' }
		]);
		expect(validateDeal({ probability: '' as unknown as null }, { partial: true })).toEqual({ value: { probability: null }, errors: [] });
		expect(validateDeal({ probability: 2.5 }, { partial: true }).errors).toEqual([{ field: 'probability', code: 'numberInvalid' }]);
	});

	it('needs a lost reason for a lost deal', () => {
		expect(validateDeal({ ...deal(), stage: 'lost' }).errors).toEqual([{ field: 'lostReason', code: 'required' }]);
		expect(validateDeal({ ...deal(), stage: 'lost', lostReason: '预算取消' }).errors).toEqual([]);
		expect(validateDeal({ stage: 'lost', lostReason: ' ' }, { partial: true }).errors).toEqual([{ field: 'lostReason', code: 'required' }]);
		// An edit of other fields need not repeat the reason.
		expect(validateDeal({ stage: 'lost', title: 'x' }, { partial: true }).errors).toEqual([]);
	});

	it('checks stages against the workspace pipeline', () => {
		const custom: Pipeline = { stages: [{ id: 'lead', name: '线索', probability: 5, kind: 'open' }, ...DEFAULT_PIPELINE.stages.slice(4)] };
		expect(validateDeal({ stage: 'lead' }, { partial: true, pipeline: custom }).errors).toEqual([]);
		expect(validateDeal({ stage: 'proposal' }, { partial: true, pipeline: custom }).errors).toEqual([{ field: 'stage', code: 'invalidChoice' }]);
	});
});

describe('competitor links', () => {
	it('reads the typed list, then the links in the order they were made, each once, without the unlinked', () => {
		expect(dealCompetitors({ competitors: ['Acme', 'c1'] })).toEqual(['Acme', 'c1']);
		expect(dealCompetitors({ competitors: ['Acme', 'c1'], 'cmp:c3': 30, 'cmp:c2': 20, 'cmp:c1': 10 })).toEqual(['Acme', 'c1', 'c2', 'c3']);
		// Unlinked since (0), also when the typed list holds the id.
		expect(dealCompetitors({ competitors: ['c1', 'Acme'], 'cmp:c1': 0, 'cmp:c2': 0 })).toEqual(['Acme']);
		expect(dealCompetitors({ title: 'no competitors' })).toEqual([]);
	});

	it('writes a key per added link and per removed link, and the typed list only when an entry of it goes', () => {
		const deal = { competitors: ['Acme'], 'cmp:c1': 10 };
		expect(competitorLinkPatch(deal, ['Acme', 'c1'], 50)).toEqual({});
		expect(competitorLinkPatch(deal, ['Acme', 'c1', 'c2'], 50)).toEqual({ 'cmp:c2': 50 });
		expect(competitorLinkPatch(deal, ['Acme'], 50)).toEqual({ 'cmp:c1': 0 });
		expect(competitorLinkPatch(deal, ['c1'], 50)).toEqual({ competitors: [] });
		// Read back, each patch gives what was asked for.
		for (const next of [['c2'], ['Acme', 'c2', 'c1'], [], ['c1']]) expect(new Set(dealCompetitors({ ...deal, ...competitorLinkPatch(deal, next, 50) }))).toEqual(new Set(next));
	});
});

describe('stage rules', () => {
	const P = DEFAULT_PIPELINE;
	const codes = (from: string, to: string, opts = {}) => dealTransition(P, from, to, opts).errors.map((e) => `${e.field}:${e.code}`);

	it('moves freely between open stages, back or forth', () => {
		for (const from of ['qualification', 'needsAnalysis', 'proposal', 'negotiation']) {
			for (const to of ['qualification', 'needsAnalysis', 'proposal', 'negotiation']) expect(codes(from, to), `${from}→${to}`).toEqual([]);
		}
	});

	it('wins freely and loses only with a reason', () => {
		expect(codes('proposal', 'won')).toEqual([]);
		expect(codes('proposal', 'lost')).toEqual(['lostReason:required']);
		expect(codes('proposal', 'lost', { reason: '  ' })).toEqual(['lostReason:required']);
		expect(codes('proposal', 'lost', { reason: '价格' })).toEqual([]);
	});

	it('leaves won or lost only as a reopen', () => {
		for (const from of ['won', 'lost']) {
			expect(codes(from, 'proposal'), from).toEqual(['stage:reopenRequired']);
			expect(codes(from, 'proposal', { reopen: true }), from).toEqual([]);
		}
		expect(codes('won', 'lost', { reason: '客户取消' })).toEqual(['stage:reopenRequired']);
		expect(codes('won', 'lost', { reopen: true })).toEqual(['lostReason:required']);
		expect(codes('lost', 'won')).toEqual(['stage:reopenRequired']);
		expect(codes('lost', 'won', { reopen: true })).toEqual([]);
	});

	it('refuses unknown stages, treats a removed stage as open, allows staying (a reorder)', () => {
		expect(codes('proposal', 'nowhere')).toEqual(['stage:invalidStage']);
		expect(codes('removed', 'proposal')).toEqual([]);
		expect(codes('won', 'won')).toEqual([]);
		expect(codes('lost', 'lost')).toEqual([]);
	});

	it('writes the stage, resets a hand-set probability, records closing and the lost reason', () => {
		const at = 1_700_000_000_000;
		expect(changeDealStage({ stage: 'qualification' }, 'proposal', { pipeline: P, at })).toEqual({
			ok: true,
			patch: { stage: 'proposal', stageChangedAt: at, probability: null, closedAt: 0 }
		});
		expect(changeDealStage({ stage: 'proposal' }, 'won', { pipeline: P, at, position: 'a0' })).toEqual({
			ok: true,
			patch: { position: 'a0', stage: 'won', stageChangedAt: at, probability: null, closedAt: at }
		});
		expect(changeDealStage({ stage: 'proposal' }, 'lost', { pipeline: P, at, reason: ' 预算砍掉 ' })).toEqual({
			ok: true,
			patch: { stage: 'lost', stageChangedAt: at, probability: null, closedAt: at, lostReason: '预算砍掉' }
		});
		expect(changeDealStage({ stage: 'lost' }, 'negotiation', { pipeline: P, at, reopen: true })).toEqual({
			ok: true,
			patch: { stage: 'negotiation', stageChangedAt: at, probability: null, closedAt: 0 }
		});
		expect(changeDealStage({ stage: 'proposal' }, 'proposal', { pipeline: P, at, position: 'a1' })).toEqual({ ok: true, patch: { position: 'a1' } });
		expect(changeDealStage({ stage: 'won' }, 'proposal', { pipeline: P, at })).toEqual({ ok: false, errors: [{ field: 'stage', code: 'reopenRequired' }] });
	});
});

describe('weighted pipeline', () => {
	const settings = { base: 'CNY', rates: [{ currency: 'USD', rate: '7' }] };
	const deal = (stage: string, amount: number, over: Partial<DealFields> = {}): DealFields => ({
		...emptyDeal('m', { currency: 'CNY' }),
		title: stage,
		stage,
		amountMode: 'manual',
		amount,
		...over
	});

	it('totals per stage and per month of expected close, in the base currency', () => {
		const deals = [
			deal('qualification', 100_00, { expectedClose: '2026-03-15' }), // 10%
			deal('proposal', 10_00, { currency: 'USD', expectedClose: '2026-03-31' }), // 70.00 CNY at 50%
			deal('proposal', 200_00, { probability: 80, expectedClose: '2026-02-01' }),
			deal('negotiation', 0, { amountMode: 'items', lines: [line({ quantity: '3', unitPrice: 3333, discount: '10' })], expectedClose: '2026-02-10' }), // 89.99 at 75%
			deal('won', 50_00, { expectedClose: '2026-01-20', probability: 10 }),
			deal('lost', 999_00, { expectedClose: '2026-01-20', lostReason: 'x' }),
			deal('proposal', 1_00, { currency: 'EUR', expectedClose: '2026-03-01' }),
			deal('qualification', 30_00)
		];
		const r = weightedPipeline(deals, DEFAULT_PIPELINE, settings);
		expect(r.byStage).toEqual([
			{ stage: 'qualification', count: 2, total: 130_00, weighted: 13_00 },
			{ stage: 'needsAnalysis', count: 0, total: 0, weighted: 0 },
			{ stage: 'proposal', count: 3, total: 270_00, weighted: 195_00 }, // 35 + 160
			{ stage: 'negotiation', count: 1, total: 89_99, weighted: 67_49 }, // 67.4925
			{ stage: 'won', count: 1, total: 50_00, weighted: 50_00 },
			{ stage: 'lost', count: 1, total: 999_00, weighted: 0 }
		]);
		expect(r.byMonth).toEqual([
			{ month: '2026-01', count: 1, total: 50_00, weighted: 50_00 },
			{ month: '2026-02', count: 2, total: 289_99, weighted: 227_49 }, // 160 + 67.4925
			{ month: '2026-03', count: 3, total: 170_00, weighted: 45_00 }, // 10 + 35, EUR counted only
			{ month: '', count: 1, total: 30_00, weighted: 3_00 }
		]);
		expect(r.total).toEqual({ count: 7, total: 539_99, weighted: 325_49 }); // 325.4925
		expect(r.missing).toEqual(['EUR']);
	});

	it('rounds a weighted total once, not deal by deal', () => {
		const deals = [deal('proposal', 1), deal('proposal', 1), deal('proposal', 1)];
		const r = weightedPipeline(deals, DEFAULT_PIPELINE, settings);
		expect(r.byStage[2]).toEqual({ stage: 'proposal', count: 3, total: 3, weighted: 2 }); // 1.5 → 2, not 3 × round(0.5)
	});

	it('keeps deals of a stage the pipeline no longer has', () => {
		const r = weightedPipeline([deal('old', 10_00, { probability: 20 })], DEFAULT_PIPELINE, settings);
		expect(r.byStage.at(-1)).toEqual({ stage: 'old', count: 1, total: 10_00, weighted: 2_00 });
		expect(r.total).toEqual({ count: 1, total: 10_00, weighted: 2_00 });
	});

	it('is exact over many deals', () => {
		const deals = Array.from({ length: 20_000 }, (_, i) => deal('proposal', 3333, { currency: i % 2 ? 'USD' : 'CNY', expectedClose: `2026-${String((i % 12) + 1).padStart(2, '0')}-01` }));
		const r = weightedPipeline(deals, DEFAULT_PIPELINE, settings);
		// 10,000 × 33.33 CNY + 10,000 × 33.33 USD × 7 = 333,300 + 2,333,100 CNY
		expect(r.total).toEqual({ count: 20_000, total: 266_640_000, weighted: 133_320_000 });
		expect(r.byMonth.reduce((s, m) => s + m.total, 0)).toBe(r.total.total);
	});
});

describe('kanban order keys', () => {
	let seed = 42;
	const rand = (n: number) => (seed = (seed * 48271) % 2147483647) % n;

	it('finds a key strictly between two keys, or at an open end', () => {
		expect(between(null, null)).toBe('a0');
		expect(between('a0', null)).toBe('a1');
		expect(between(null, 'a0')).toBe('Zz');
		expect(between('a0', 'a1')).toBe('a0V');
		expect(between('az', null)).toBe('b00');
		expect(between(null, 'b00')).toBe('az');
		expect(between('', '')).toBe('a0');
		for (const [a, b] of [
			['a0', 'a0V'],
			['a0V', 'a1'],
			['Zz', 'a0'],
			['a0', 'a01'],
			['a0zzzz', 'a1'],
			['a1', 'b00'],
			['Yzz', 'Z0']
		]) {
			const k = between(a, b);
			expect(a < k && k < b, `${a} < ${k} < ${b}`).toBe(true);
			expect(isOrderKey(k)).toBe(true);
		}
	});

	it('refuses malformed keys and reversed bounds', () => {
		for (const bad of ['a', 'a00', '0', 'a0!', 'b0', `A${'0'.repeat(26)}`]) expect(isOrderKey(bad), bad).toBe(false);
		expect(() => between('a1', 'a0')).toThrow(RangeError);
		expect(() => between('a1', 'a1')).toThrow(RangeError);
		expect(() => between('oops', null)).toThrow(RangeError);
	});

	it('keeps order and short keys through thousands of random insertions', () => {
		const keys: string[] = [];
		for (let i = 0; i < 5000; i++) {
			const at = rand(keys.length + 1);
			keys.splice(at, 0, between(keys[at - 1] ?? null, keys[at] ?? null));
		}
		for (let i = 1; i < keys.length; i++) expect(keys[i - 1] < keys[i]).toBe(true);
		expect(new Set(keys).size).toBe(keys.length);
		expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(12);
	});

	it('stays short when cards are added again and again at the top or bottom', () => {
		let last: string | null = null;
		let first: string | null = null;
		for (let i = 0; i < 20_000; i++) {
			last = between(last, null);
			first = between(null, first);
		}
		expect(last!.length).toBeLessThanOrEqual(5);
		expect(first!.length).toBeLessThanOrEqual(5);
		expect(first! < last!).toBe(true);
	});

	it('grows slowly when cards keep landing in the same gap', () => {
		const lo = 'a0';
		let hi = 'a1';
		for (let i = 0; i < 1000; i++) hi = between(lo, hi);
		expect(hi.length).toBeLessThanOrEqual(200);
	});

	it('makes n keys in order between bounds', () => {
		for (const [a, b, n] of [
			[null, null, 20_000],
			['a0', 'a1', 1000],
			[null, 'a0', 50],
			['a5', null, 50],
			['a0', 'a0V', 7]
		] as const) {
			const keys = keysBetween(a, b, n);
			expect(keys).toHaveLength(n);
			const all = [a, ...keys, b].filter((k) => k !== null);
			for (let i = 1; i < all.length; i++) expect(all[i - 1] < all[i]).toBe(true);
			expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(8);
		}
		expect(keysBetween(null, null, 0)).toEqual([]);
	});

	it('orders by key in code-unit order, then by id', () => {
		const cards: Positioned[] = [
			{ id: 'b', position: 'a1' },
			{ id: 'a', position: 'a1' },
			{ id: 'c', position: 'Zz' },
			{ id: 'd', position: 'a0V' },
			{ id: 'e', position: 'a0' }
		];
		expect([...cards].sort(comparePositions).map((c) => c.id)).toEqual(['c', 'e', 'd', 'a', 'b']);
		// 'Z' < 'a' in code units, unlike a locale comparison.
		expect('Zz'.localeCompare('a0')).toBeGreaterThan(0);
	});

	it('moves a card with one write between distinct neighbours', () => {
		const column: Positioned[] = [
			{ id: 'a', position: 'a0' },
			{ id: 'b', position: 'a1' },
			{ id: 'c', position: 'a2' }
		];
		expect(placeAt(column, 'x', 1)).toEqual([{ id: 'x', position: 'a0V' }]);
		expect(placeAt(column, 'x', 0)).toEqual([{ id: 'x', position: 'Zz' }]);
		expect(placeAt(column, 'x', 99)).toEqual([{ id: 'x', position: 'a3' }]);
		expect(placeAt([], 'x', 0)).toEqual([{ id: 'x', position: 'a0' }]);
		// Moving "a" down one (by keyboard): it goes after "b", before "c".
		const [w] = placeAt(column, 'a', 1);
		expect(w.id).toBe('a');
		expect('a1' < w.position && w.position < 'a2').toBe(true);
	});

	it('gives fresh keys to neighbours that share one, and to cards without a key', () => {
		const twins: Positioned[] = [
			{ id: 'a', position: 'a0' },
			{ id: 'b', position: 'a0V' },
			{ id: 'c', position: 'a0V' },
			{ id: 'd', position: 'a1' }
		];
		const writes = placeAt(twins, 'x', 2);
		expect(writes.map((w) => w.id)).toEqual(['b', 'x', 'c']);
		const after = applyWrites(twins, writes);
		expect(after.map((c) => c.id)).toEqual(['a', 'b', 'x', 'c', 'd']);
		expect(new Set(after.map((c) => c.position)).size).toBe(5);

		const imported: Positioned[] = [
			{ id: 'a', position: '' },
			{ id: 'b', position: '' },
			{ id: 'c', position: 'a0' }
		];
		const w2 = placeAt(imported, 'x', 1);
		expect(applyWrites(imported, w2).map((c) => c.id)).toEqual(['a', 'x', 'b', 'c']);
		expect(w2.map((w) => w.id)).toEqual(['a', 'x', 'b']);
	});

	it('converges when two members drop cards into the same gap at the same time', () => {
		const column: Positioned[] = [
			{ id: 'a', position: 'a0' },
			{ id: 'b', position: 'a1' }
		];
		// Each member computes its write from the same board; then both writes reach everyone.
		const [w1] = placeAt(column, 'x', 1);
		const [w2] = placeAt(column, 'y', 1);
		expect(w1.position).toBe(w2.position);
		const one = applyWrites(applyWrites(column, [w1]), [w2]);
		const two = applyWrites(applyWrites(column, [w2]), [w1]);
		expect(one.map((c) => c.id)).toEqual(['a', 'x', 'y', 'b']);
		expect(two).toEqual(one);
		// The next drop between x and y repairs the tie so the order is strict again.
		const repair = placeAt(one, 'z', 2);
		expect(applyWrites(one, repair).map((c) => c.id)).toEqual(['a', 'x', 'z', 'y', 'b']);
	});

	it('keeps a random sequence of moves consistent', () => {
		let column: Positioned[] = Array.from({ length: 30 }, (_, i) => ({ id: `c${String(i).padStart(2, '0')}`, position: '' }));
		column = applyWrites(column, placeAt(column, 'c00', 0));
		const expected = column.map((c) => c.id);
		for (let step = 0; step < 2000; step++) {
			const id = expected[rand(expected.length)];
			const to = rand(expected.length);
			expected.splice(expected.indexOf(id), 1);
			expected.splice(to, 0, id);
			column = applyWrites(column, placeAt(column, id, to));
			expect(column.map((c) => c.id)).toEqual(expected);
		}
		expect(column.every((c) => isOrderKey(c.position))).toBe(true);
		expect(Math.max(...column.map((c) => c.position.length))).toBeLessThanOrEqual(16);
	});
});

function applyWrites(column: readonly Positioned[], writes: readonly Positioned[]): Positioned[] {
	const next = new Map(column.map((c) => [c.id, c.position]));
	for (const w of writes) next.set(w.id, w.position);
	return [...next].map(([id, position]) => ({ id, position })).sort(comparePositions);
}
