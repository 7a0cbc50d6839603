// Days and months for analytics, in UTC: order dates are calendar days ("YYYY-MM-DD"), and
// a month bucket must not depend on the device's time zone.

export const DAY = 86_400_000;

/** UTC midnight of the day `ms` falls in. */
export function dayStart(ms: number): number {
	return Math.floor(ms / DAY) * DAY;
}

/** Whole days from `from` to `now` (0 on the same day); null when `from` is 0 (never). */
export function daysSince(from: number, now: number): number | null {
	if (!from) return null;
	return Math.max(0, Math.floor((dayStart(now) - dayStart(from)) / DAY));
}

/** "YYYY-MM-DD" at UTC midnight; 0 when not a day. */
export function dayToMs(day: string): number {
	const t = Date.parse(`${day}T00:00:00Z`);
	return Number.isNaN(t) ? 0 : t;
}

/** The month "YYYY-MM" of a time; "0000-00" (in no range) when it is not a time. */
export function monthOf(ms: number): string {
	const d = new Date(ms);
	return Number.isNaN(d.getTime()) ? '0000-00' : d.toISOString().slice(0, 7);
}

/** `n` months "YYYY-MM" ending with the month of `end`, oldest first. */
export function monthsEnding(end: number, n: number): string[] {
	const d = new Date(end);
	const y = d.getUTCFullYear();
	const m = d.getUTCMonth();
	const out: string[] = [];
	for (let i = n - 1; i >= 0; i--) out.push(new Date(Date.UTC(y, m - i, 1)).toISOString().slice(0, 7));
	return out;
}

/** Every month from `from` to `to` ("YYYY-MM"), inclusive. */
export function monthRange(from: string, to: string): string[] {
	const out: string[] = [];
	let [y, m] = from.split('-').map(Number);
	const [ty, tm] = to.split('-').map(Number);
	while (y < ty || (y === ty && m <= tm)) {
		out.push(`${y}-${String(m).padStart(2, '0')}`);
		if (++m > 12) {
			m = 1;
			y++;
		}
		if (out.length > 1200) break;
	}
	return out;
}
