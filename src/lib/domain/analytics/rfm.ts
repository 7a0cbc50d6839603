// RFM scores and A/B/C value tiers. Both rank a customer among all customers with orders, so
// they are read from sorted value lists kept up to date by binary search (SortedNumbers), not
// by sorting every time.
import type { AnalyticsSettings, Tier } from './types';

/** A sorted multiset of numbers: insert and remove by binary search, rank in O(log n). */
export class SortedNumbers {
	#v: number[] = [];

	get size(): number {
		return this.#v.length;
	}

	/** How many values are strictly below `x`. */
	below(x: number): number {
		const v = this.#v;
		let lo = 0;
		let hi = v.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (v[mid] < x) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	add(x: number): void {
		this.#v.splice(this.below(x), 0, x);
	}

	remove(x: number): void {
		const i = this.below(x);
		if (this.#v[i] === x) this.#v.splice(i, 1);
	}

	/** Values from highest to lowest. */
	*descending(): Generator<number> {
		for (let i = this.#v.length - 1; i >= 0; i--) yield this.#v[i];
	}

	values(): readonly number[] {
		return this.#v;
	}
}

/**
 * A score 1–5 by quintile: 1 + floor(5 × (values strictly below x) / n). Ties share the score
 * of the lowest rank among them, so equal values always score the same (and a value shared by
 * most customers, like one order, keeps them all low). 0 when there are no values.
 */
export function quintile(sorted: SortedNumbers, x: number): number {
	const n = sorted.size;
	if (n === 0) return 0;
	return 1 + Math.min(4, Math.floor((5 * sorted.below(x)) / n));
}

/**
 * The same scores as `quintile` for many lookups: score ≥ s exactly when x exceeds
 * bounds[s − 2] (the value at rank ceil((s − 1)·n / 5)), so a score is four comparisons.
 */
export function quintileBounds(sorted: SortedNumbers): number[] | null {
	const n = sorted.size;
	if (n === 0) return null;
	const v = sorted.values();
	return [2, 3, 4, 5].map((s) => v[Math.ceil(((s - 1) * n) / 5) - 1]);
}

/** A score 1–5 from `quintileBounds` (0 when there are no values). */
export function scoreOf(bounds: number[] | null, x: number): number {
	if (!bounds) return 0;
	return 1 + (x > bounds[0] ? 1 : 0) + (x > bounds[1] ? 1 : 0) + (x > bounds[2] ? 1 : 0) + (x > bounds[3] ? 1 : 0);
}

/** The smallest order totals of tier A and of tier B (Infinity when no customer reaches it). */
export interface TierCutoffs {
	a: number;
	b: number;
}

/**
 * Cutoffs from the positive order totals: walking from the highest total down, the customers
 * whose totals add up to the first `tierShares.a` of all revenue are A (the customer that
 * crosses the share included), those up to `a + b` are B, the rest and customers without
 * revenue are C. Equal totals always get the same tier (the cutoff is a value, not a rank).
 */
export function tierCutoffs(totals: SortedNumbers, shares: AnalyticsSettings['tierShares']): TierCutoffs {
	let sum = 0;
	for (const v of totals.values()) sum += v;
	const out: TierCutoffs = { a: Infinity, b: Infinity };
	if (sum <= 0) return out;
	// The shares are decimals (0.8 + 0.15 is not exactly 0.95): compare with a tolerance.
	const eps = sum * 1e-9;
	const aShare = shares.a * sum - eps;
	const bShare = (shares.a + shares.b) * sum - eps;
	let acc = 0;
	for (const v of totals.descending()) {
		if (v <= 0) break;
		const before = acc;
		acc += v;
		if (before < aShare) out.a = v;
		else if (before < bShare) out.b = v;
		else break;
	}
	if (out.b === Infinity) out.b = out.a;
	return out;
}

/** The tier of an order total under the cutoffs. */
export function tierOf(total: number, cut: TierCutoffs): Tier {
	if (total > 0 && total >= cut.a) return 'A';
	if (total > 0 && total >= cut.b) return 'B';
	return 'C';
}
