// Monthly demand forecasts. With at least 24 months of history: Holt-Winters (season 12),
// additive and multiplicative seasonality both fitted by a grid search of the smoothing
// parameters that minimises the squared one-step-ahead errors, the better one kept. With less:
// Holt's damped trend (φ = 0.9, no seasonality, α and β fitted the same way), flagged `simple`,
// with a band 1.5 times as wide. Band: ±1.28 σ √h (about 80%), σ the one-step errors' RMS.
// Accuracy: the same procedure fitted without the last 6 months, forecasting them, beside the
// seasonal-naive baseline (the value 12 months earlier; the last value when history is shorter).
import type { Accuracy, ForecastMethod, ForecastPoint } from './types';

export const SEASON = 12;
export const MIN_SEASONAL_MONTHS = 24;
export const HOLDOUT = 6;
const Z = 1.28;
const SIMPLE_WIDEN = 1.5;
const PHI = 0.9;

const GRID = [0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95];
const TREND_GRID = [0, 0.02, 0.05, 0.1, 0.2, 0.3];
const SEASON_GRID = [0.05, 0.15, 0.3, 0.45, 0.6, 0.8];

interface Fit {
	method: ForecastMethod;
	sse: number;
	n: number;
	predict: (h: number) => number;
}

/** Holt-Winters over `y` with given parameters: the one-step squared errors and the forecaster. */
function holtWinters(y: readonly number[], alpha: number, beta: number, gamma: number, multiplicative: boolean): Fit | null {
	const m = SEASON;
	const mean = (from: number) => y.slice(from, from + m).reduce((a, b) => a + b, 0) / m;
	let level = mean(0);
	let trend = (mean(m) - level) / m;
	if (multiplicative && level <= 0) return null;
	const season = y.slice(0, m).map((v) => (multiplicative ? v / level : v - level));
	let sse = 0;
	let n = 0;
	for (let t = m; t < y.length; t++) {
		const s = season[t % m];
		const yhat = multiplicative ? (level + trend) * s : level + trend + s;
		const e = y[t] - yhat;
		sse += e * e;
		n++;
		const prev = level;
		level = multiplicative ? alpha * (s > 0 ? y[t] / s : y[t]) + (1 - alpha) * (level + trend) : alpha * (y[t] - s) + (1 - alpha) * (level + trend);
		if (multiplicative && level <= 0) return null;
		trend = beta * (level - prev) + (1 - beta) * trend;
		season[t % m] = multiplicative ? gamma * (y[t] / level) + (1 - gamma) * s : gamma * (y[t] - level) + (1 - gamma) * s;
	}
	const L = level;
	const T = trend;
	const end = y.length;
	return {
		method: multiplicative ? 'holtWintersMultiplicative' : 'holtWintersAdditive',
		sse,
		n,
		predict: (h) => {
			const s = season[(end + h - 1) % m];
			return multiplicative ? (L + h * T) * s : L + h * T + s;
		}
	};
}

/** Holt's damped trend over `y`. */
function dampedTrend(y: readonly number[], alpha: number, beta: number): Fit {
	let level = y[0];
	let trend = y.length > 1 ? y[1] - y[0] : 0;
	let sse = 0;
	let n = 0;
	for (let t = 1; t < y.length; t++) {
		const yhat = level + PHI * trend;
		const e = y[t] - yhat;
		sse += e * e;
		n++;
		const prev = level;
		level = alpha * y[t] + (1 - alpha) * (level + PHI * trend);
		trend = beta * (level - prev) + (1 - beta) * PHI * trend;
	}
	const L = level;
	const T = trend;
	return {
		method: 'dampedTrend',
		sse,
		n,
		predict: (h) => {
			let damp = 0;
			for (let i = 1; i <= h; i++) damp += PHI ** i;
			return L + damp * T;
		}
	};
}

/** The best-fitting model for a series by the rules in the file comment. */
export function fitSeries(y: readonly number[]): Fit {
	if (y.length < 3) {
		const mean = y.length ? y.reduce((a, b) => a + b, 0) / y.length : 0;
		const sse = y.reduce((a, v) => a + (v - mean) ** 2, 0);
		return { method: 'none', sse, n: Math.max(1, y.length - 1), predict: () => mean };
	}
	let best: Fit | null = null;
	if (y.length >= MIN_SEASONAL_MONTHS) {
		const positive = y.every((v) => v > 0);
		for (const mult of positive ? [false, true] : [false]) {
			for (const a of GRID)
				for (const b of TREND_GRID)
					for (const g of SEASON_GRID) {
						const f = holtWinters(y, a, b, g, mult);
						if (f && (!best || f.sse < best.sse)) best = f;
					}
		}
		if (best) return best;
	}
	for (const a of GRID)
		for (const b of TREND_GRID) {
			const f = dampedTrend(y, a, b);
			if (!best || f.sse < best.sse) best = f;
		}
	return best!;
}

/** The months after `last` ("YYYY-MM"). */
export function nextMonths(last: string, h: number): string[] {
	const [y, m] = last.split('-').map(Number);
	const out: string[] = [];
	for (let i = 1; i <= h; i++) out.push(new Date(Date.UTC(y, m - 1 + i, 1)).toISOString().slice(0, 7));
	return out;
}

/** Forecast `horizon` values after `y`, with the band, and whether the simple method was used. */
export function forecastSeries(y: readonly number[], horizon: number): { method: ForecastMethod; simple: boolean; values: Array<Omit<ForecastPoint, 'month'>> } {
	const fit = fitSeries(y);
	const simple = fit.method === 'dampedTrend' || fit.method === 'none';
	const sigma = Math.sqrt(fit.sse / Math.max(1, fit.n));
	const values = [];
	for (let h = 1; h <= horizon; h++) {
		const value = Math.max(0, fit.predict(h));
		const half = Z * sigma * Math.sqrt(h) * (simple ? SIMPLE_WIDEN : 1);
		values.push({ value, low: Math.max(0, value - half), high: value + half });
	}
	return { method: fit.method, simple, values };
}

/** The seasonal-naive forecast: the value 12 months earlier (the last value when there is none). */
export function seasonalNaive(y: readonly number[], horizon: number): number[] {
	const out: number[] = [];
	for (let h = 1; h <= horizon; h++) {
		const i = y.length + h - 1 - SEASON;
		out.push(i >= 0 && i < y.length ? y[i] : y[y.length - 1] ?? 0);
	}
	return out;
}

/** Mean absolute error and symmetric MAPE (0–2) of predictions against actual values. */
export function accuracy(actual: readonly number[], predicted: readonly number[]): Accuracy {
	let abs = 0;
	let s = 0;
	let sn = 0;
	for (let i = 0; i < actual.length; i++) {
		const e = Math.abs(actual[i] - predicted[i]);
		abs += e;
		const d = Math.abs(actual[i]) + Math.abs(predicted[i]);
		if (d > 0) {
			s += (2 * e) / d;
			sn++;
		}
	}
	return { months: actual.length, mae: actual.length ? abs / actual.length : 0, smape: sn ? s / sn : null };
}

/** Accuracy on the last HOLDOUT months, model against seasonal naive; null with fewer than 12 months. */
export function backtest(y: readonly number[]): { model: Accuracy; baseline: Accuracy } | null {
	if (y.length < HOLDOUT + 6) return null;
	const train = y.slice(0, y.length - HOLDOUT);
	const actual = y.slice(y.length - HOLDOUT);
	const model = forecastSeries(train, HOLDOUT).values.map((v) => v.value);
	return { model: accuracy(actual, model), baseline: accuracy(actual, seasonalNaive(train, HOLDOUT)) };
}
