// The workspace's analytics settings: tier shares, attention thresholds and the maturity
// thresholds of the process-health metrics, with documented defaults (docs/ANALYTICS.md).
import type { FieldError } from '../validate';
import { HEALTH_METRICS, type AnalyticsSettings, type HealthMetric, type LevelThresholds } from './types';

/** Metrics where a lower share is better. */
export const LOWER_IS_BETTER: ReadonlySet<HealthMetric> = new Set(['ordersCancelled', 'ticketsPastSla']);

export const DEFAULT_ANALYTICS: AnalyticsSettings = {
	tierShares: { a: 0.8, b: 0.15 },
	aTierDays: 30,
	churnFactor: 2,
	churnMinDays: 30,
	churnMinOrders: 3,
	maturity: {
		// Share of active customers with an owner.
		ownerShare: [0.5, 0.8, 0.95],
		// Share of A-tier customers contacted within `aTierDays`.
		aTierFollowUp: [0.3, 0.6, 0.85],
		// Share of open deals with a next step written down.
		dealsWithNextStep: [0.3, 0.6, 0.85],
		// Share of orders (in the range) cancelled or corrected after entry: at most.
		ordersCancelled: [0.2, 0.1, 0.03],
		// Share of tickets (in the range) that breached their SLA: at most.
		ticketsPastSla: [0.3, 0.15, 0.05]
	}
};

/** The stored settings laid over the defaults (missing or foreign keys fall back). */
export function readAnalyticsSettings(stored: unknown): AnalyticsSettings {
	const s = (stored && typeof stored === 'object' ? stored : {}) as Partial<AnalyticsSettings>;
	return {
		...DEFAULT_ANALYTICS,
		...s,
		tierShares: { ...DEFAULT_ANALYTICS.tierShares, ...(s.tierShares ?? {}) },
		maturity: { ...DEFAULT_ANALYTICS.maturity, ...(s.maturity ?? {}) }
	};
}

/**
 * Checks settings laid over `current`: tier shares each in (0, 1) with A + B ≤ 1; whole days
 * 1–3650; churn factor 1–20; churn orders 2–100; per metric three shares 0–1 that rise
 * (fall, for lower-is-better metrics) from level 2 to level 4. Fields: "tierShares.a",
 * "maturity.<metric>" with the index of the bad level (0 = level 2).
 */
export function validateAnalyticsSettings(input: Partial<AnalyticsSettings>, current: AnalyticsSettings = DEFAULT_ANALYTICS): { value: AnalyticsSettings; errors: FieldError[] } {
	const v = readAnalyticsSettings({ ...current, ...input, tierShares: { ...current.tierShares, ...(input.tierShares ?? {}) }, maturity: { ...current.maturity, ...(input.maturity ?? {}) } });
	const errors: FieldError[] = [];
	const share = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0 && x < 1;
	if (!share(v.tierShares.a)) errors.push({ field: 'tierShares.a', code: 'numberInvalid' });
	if (!share(v.tierShares.b) || (share(v.tierShares.a) && v.tierShares.a + v.tierShares.b > 1)) errors.push({ field: 'tierShares.b', code: 'numberInvalid' });
	const whole = (f: 'aTierDays' | 'churnMinDays' | 'churnMinOrders', min: number, max: number) => {
		if (!Number.isInteger(v[f]) || v[f] < min || v[f] > max) errors.push({ field: f, code: 'numberInvalid' });
	};
	whole('aTierDays', 1, 3650);
	whole('churnMinDays', 1, 3650);
	whole('churnMinOrders', 2, 100);
	if (typeof v.churnFactor !== 'number' || !(v.churnFactor >= 1 && v.churnFactor <= 20)) errors.push({ field: 'churnFactor', code: 'numberInvalid' });
	for (const m of HEALTH_METRICS) {
		const t = v.maturity[m] as LevelThresholds;
		if (!Array.isArray(t) || t.length !== 3) {
			errors.push({ field: `maturity.${m}`, code: 'numberInvalid' });
			continue;
		}
		const lower = LOWER_IS_BETTER.has(m);
		t.forEach((x, index) => {
			const prev = t[index - 1];
			const ordered = index === 0 || (lower ? x <= prev : x >= prev);
			if (typeof x !== 'number' || !(x >= 0 && x <= 1) || !ordered) errors.push({ field: `maturity.${m}`, index, code: 'numberInvalid' });
		});
	}
	return { value: v, errors };
}
