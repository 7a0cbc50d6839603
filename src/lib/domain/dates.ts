// Local date and time as the browser's <input type="date|datetime-local"> reads and writes it.

const pad = (n: number) => String(n).padStart(2, '0');

/** "YYYY-MM-DDTHH:mm" in local time, or '' for 0. */
export function toLocalInput(ms: number): string {
	if (!ms) return '';
	const d = new Date(ms);
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "YYYY-MM-DD" in local time, or '' for 0. */
export function toLocalDay(ms: number): string {
	return toLocalInput(ms).slice(0, 10);
}

/** Epoch ms of a local "YYYY-MM-DD" or "YYYY-MM-DDTHH:mm"; 0 for '', NaN when malformed. */
export function fromLocalInput(s: string): number {
	if (!s) return 0;
	const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(s);
	if (!m) return NaN;
	return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)).getTime();
}

/** Local midnight of the day `ms` falls in. */
export function startOfDay(ms: number): number {
	const d = new Date(ms);
	return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}
