import { describe, expect, it } from 'vitest';
import { backtest, forecastSeries, seasonalNaive, accuracy, nextMonths } from '../../../src/lib/domain/analytics/forecast';

/** A seeded generator, so the "noise" is the same on every run. */
function rng(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

/** Monthly demand with a known trend and yearly seasonality plus noise. */
function series(months: number, seed = 7): number[] {
	const r = rng(seed);
	return Array.from({ length: months }, (_, t) => 200 + 6 * t + 60 * Math.sin((2 * Math.PI * t) / 12) + 30 * Math.cos((2 * Math.PI * t) / 6) + (r() - 0.5) * 20);
}

describe('forecast', () => {
	it('uses Holt-Winters with 24+ months and beats the seasonal-naive baseline on held-out months', () => {
		for (const seed of [1, 2, 3]) {
			const y = series(36, seed);
			const f = forecastSeries(y, 6);
			expect(f.method).toMatch(/^holtWinters/);
			expect(f.simple).toBe(false);
			const acc = backtest(y)!;
			expect(acc.model.months).toBe(6);
			expect(acc.model.mae).toBeLessThan(acc.baseline.mae);
			expect(acc.model.smape!).toBeLessThan(acc.baseline.smape!);
		}
	});

	it('follows the trend and season: the next months land near the true values', () => {
		const y = series(48);
		const truth = Array.from({ length: 6 }, (_, i) => {
			const t = 48 + i;
			return 200 + 6 * t + 60 * Math.sin((2 * Math.PI * t) / 12) + 30 * Math.cos((2 * Math.PI * t) / 6);
		});
		const f = forecastSeries(y, 6);
		for (let i = 0; i < 6; i++) {
			expect(Math.abs(f.values[i].value - truth[i])).toBeLessThan(40);
			expect(f.values[i].low).toBeLessThanOrEqual(f.values[i].value);
			expect(f.values[i].high).toBeGreaterThan(f.values[i].value);
		}
		// The band widens with the horizon.
		expect(f.values[5].high - f.values[5].low).toBeGreaterThan(f.values[0].high - f.values[0].low);
	});

	it('falls back to the damped trend with less than 24 months, flagged simple with a wider band', () => {
		const y = series(18);
		const f = forecastSeries(y, 3);
		expect(f.method).toBe('dampedTrend');
		expect(f.simple).toBe(true);
		expect(f.values).toHaveLength(3);
		expect(forecastSeries([5], 3).method).toBe('none');
		expect(backtest(series(10))).toBeNull();
	});

	it('seasonal naive repeats last year; accuracy measures MAE and sMAPE', () => {
		const y = Array.from({ length: 24 }, (_, i) => i);
		expect(seasonalNaive(y, 3)).toEqual([12, 13, 14]);
		expect(accuracy([10, 0], [5, 0])).toEqual({ months: 2, mae: 2.5, smape: 2 / 3 });
		expect(accuracy([0], [0]).smape).toBeNull();
		expect(nextMonths('2025-11', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
	});
});
