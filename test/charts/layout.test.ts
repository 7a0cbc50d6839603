import { describe, expect, it } from 'vitest';
import { barLayout, donutLayout, gridLayout, stackedLayout, trendLayout } from '../../src/lib/charts/layout';

const data = [
	{ key: 'east', label: 'East China', value: 120 },
	{ key: 'north', label: 'North China', value: 60 },
	{ key: 'none', label: 'Unknown', value: 0 }
];

describe('barLayout', () => {
	it('scales bar lengths to values and stacks rows top to bottom', () => {
		const L = barLayout(data, 400);
		expect(L.bars.map((b) => b.datum.key)).toEqual(['east', 'north', 'none']);
		expect(L.bars[0].w).toBeCloseTo(L.bars[1].w * 2, 5);
		expect(L.bars[2].w).toBe(0);
		expect(L.bars[0].y).toBeLessThan(L.bars[1].y);
		expect(L.bars.every((b) => b.x === L.x0)).toBe(true);
		// Bars and their value labels stay inside the width.
		expect(Math.max(...L.bars.map((b) => b.x + b.w))).toBeLessThanOrEqual(400 - 48 + 0.001);
		expect(L.ticks[0].value).toBe(0);
	});

	it('keeps the label column to at most 40 % of a phone-width chart', () => {
		const L = barLayout(data, 200);
		expect(L.x0).toBe(80);
	});

	it('draws negative values left of zero', () => {
		const L = barLayout([{ key: 'a', label: 'a', value: -10 }, { key: 'b', label: 'b', value: 10 }], 400);
		expect(L.bars[0].x).toBeLessThan(L.bars[1].x);
		expect(L.bars[0].x + L.bars[0].w).toBeCloseTo(L.bars[1].x, 5);
	});
});

describe('stackedLayout', () => {
	it('places parts end to end with widths proportional to values', () => {
		const L = stackedLayout([{ key: 'c', label: 'Rival', parts: [3, 1] }, { key: 'd', label: 'Other', parts: [0, 2] }], 500);
		const [won, lost] = L.rows[0].segments;
		expect(won.x + won.w).toBeCloseTo(lost.x, 5);
		expect(won.w).toBeCloseTo(lost.w * 3, 5);
		expect(L.rows[0].total).toBe(4);
		expect(L.rows[1].segments[0].w).toBe(0);
	});
});

describe('donutLayout', () => {
	it('gives each slice its share and a path', () => {
		const L = donutLayout(data, 160);
		expect(L.slices.map((s) => s.share)).toEqual([120 / 180, 60 / 180, 0]);
		expect(L.slices[0].path).toMatch(/^M/);
		expect(new Set(L.slices.map((s) => s.color)).size).toBe(3);
	});
});

describe('trendLayout', () => {
	it('maps points to increasing x, higher values higher up, and skips gaps', () => {
		const L = trendLayout(['Jan', 'Feb', 'Mar', 'Apr'], [{ key: 's', label: 'Orders', values: [1, 5, null, 3] }], 300, 200, {
			band: { lower: [null, null, 2, 1], upper: [null, null, 6, 8] }
		});
		const pts = L.lines[0].points;
		expect(pts.map((p) => p.i)).toEqual([0, 1, 3]);
		expect(pts[1].x).toBeGreaterThan(pts[0].x);
		expect(pts[1].y).toBeLessThan(pts[0].y);
		// The gap splits the line into two pieces.
		expect(L.lines[0].path.match(/M/g)?.length).toBe(2);
		expect(L.band).toMatch(/^M/);
		expect(L.yTicks.some((t) => t.value >= 8)).toBe(true);
	});

	it('thins x labels to fit a narrow chart', () => {
		const labels = Array.from({ length: 24 }, (_, i) => `m${i}`);
		const wide = trendLayout(labels, [{ key: 's', label: 's', values: labels.map(() => 1) }], 1600, 200);
		const narrow = trendLayout(labels, [{ key: 's', label: 's', values: labels.map(() => 1) }], 340, 200);
		expect(wide.xTicks.length).toBe(24);
		expect(narrow.xTicks.length).toBeLessThan(8);
	});
});

describe('gridLayout', () => {
	it('puts score 5 at the top and darkest colour on the heaviest cell', () => {
		const cells = [
			{ row: 5, col: 5, count: 10, weight: 1000 },
			{ row: 1, col: 1, count: 3, weight: 10 },
			{ row: 3, col: 2, count: 0, weight: 0 }
		];
		const L = gridLayout(cells, 5, 5, 300);
		const [top, bottom, empty] = L.cells;
		expect(top.y).toBeLessThan(bottom.y);
		expect(top.x).toBeGreaterThan(bottom.x);
		expect(top.dark).toBe(true);
		expect(bottom.dark).toBe(false);
		expect(empty.color).toBe('transparent');
	});
});
