// Validation helpers shared by every record type: trimmed text with a length limit, a choice
// from a fixed list, and phone/e-mail lists whose errors keep the position of the box typed in.
import { normalizeEmail, normalizePhone } from './text';

/** A validation problem: which field (with index for lists) and a message code for i18n. */
export interface FieldError {
	field: string;
	index?: number;
	code:
		| 'required'
		| 'tooLong'
		| 'emailInvalid'
		| 'phoneInvalid'
		| 'invalidChoice'
		| 'duplicateValue'
		| 'dateInvalid'
		| 'numberInvalid'
		| 'notFound'
		| 'cannotChange'
		// Lifecycle (domain/lifecycle.ts TransitionError), reported on the stage field.
		| 'invalidStage'
		| 'sameStage'
		| 'backward'
		| 'reasonRequired'
		| 'winBackRequired'
		| 'lostToProspectOnly'
		// Selling: money input (max = decimals allowed), contract dates, leaving a won/lost deal, order status.
		| 'tooManyDecimals'
		| 'endBeforeStart'
		| 'reopenRequired'
		| 'statusNotAllowed'
		// Service: SLA working hours, ticket status moves, satisfaction before resolution, competitor website.
		| 'hoursInvalid' | 'ticketStatusNotAllowed' | 'resolutionRequired' | 'urlInvalid'
		// A link to a record that is not here (a deal's competitor, a ticket's contact, product or order).
		| 'unknownRecord';
	max?: number;
}

export const LONG_TEXT = 4000;
export const SHORT_TEXT = 200;

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;
const PHONE_CHARS_RE = /^[+\d\s\-().\/]*(?:(?:ext|x|转|分机)\.?\s*\d+)?$/i;

/**
 * Collects cleaned values and problems for one record. Each method reads `input[f]` when it
 * is present and writes the cleaned value to `value[f]`.
 */
export class Checker<T extends object> {
	readonly value: Partial<T> = {};
	readonly errors: FieldError[] = [];
	constructor(readonly input: Partial<T>) {}

	#get(f: keyof T): unknown {
		return this.input[f];
	}
	#set(f: keyof T, v: unknown) {
		(this.value as Record<string, unknown>)[f as string] = v;
	}

	text(f: keyof T & string, max = SHORT_TEXT): this {
		const raw = this.#get(f);
		if (raw === undefined) return this;
		const v = String(raw ?? '').trim();
		if (v.length > max) this.errors.push({ field: f, code: 'tooLong', max });
		this.#set(f, v);
		return this;
	}

	/** Required text: checked when present, or always when `always` (creating a record). */
	required(f: keyof T & string, always: boolean, max = SHORT_TEXT): this {
		if (!always && this.#get(f) === undefined) return this;
		this.text(f, max);
		if (!(this.value as Record<string, unknown>)[f]) this.errors.push({ field: f, code: 'required' });
		return this;
	}

	choice(f: keyof T & string, options: readonly unknown[]): this {
		const raw = this.#get(f);
		if (raw === undefined) return this;
		if (!options.includes(raw)) this.errors.push({ field: f, code: 'invalidChoice' });
		this.#set(f, raw);
		return this;
	}

	bool(f: keyof T & string): this {
		const raw = this.#get(f);
		if (raw !== undefined) this.#set(f, !!raw);
		return this;
	}

	/** A non-negative number (minutes, amounts); empty becomes 0. */
	number(f: keyof T & string, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): this {
		const raw = this.#get(f);
		if (raw === undefined) return this;
		const n = raw === '' || raw === null ? 0 : Number(raw);
		if (!Number.isFinite(n) || n < min || n > max) this.errors.push({ field: f, code: 'numberInvalid' });
		this.#set(f, Number.isFinite(n) ? n : 0);
		return this;
	}

	/** A time in epoch milliseconds; 0 means none unless required. */
	time(f: keyof T & string, required = false): this {
		const raw = this.#get(f);
		if (raw === undefined) return this;
		const n = Number(raw);
		if (!Number.isFinite(n) || n < 0 || (required && n === 0)) this.errors.push({ field: f, code: required && !n ? 'required' : 'dateInvalid' });
		this.#set(f, Number.isFinite(n) ? n : 0);
		return this;
	}

	/** A month-day or full date: "MM-DD" or "YYYY-MM-DD"; empty allowed. */
	day(f: keyof T & string): this {
		const raw = this.#get(f);
		if (raw === undefined) return this;
		const v = String(raw ?? '').trim();
		if (v && !isCalendarDay(v)) this.errors.push({ field: f, code: 'dateInvalid' });
		this.#set(f, v);
		return this;
	}

	/** Free-text list: trimmed, empties dropped, duplicates removed. */
	list(f: keyof T & string, maxItem = 60): this {
		const raw = this.#get(f);
		if (raw === undefined) return this;
		const v = [...new Set((raw as unknown[]).map((s) => String(s).trim()).filter((s) => s !== ''))];
		if (v.some((t) => t.length > maxItem)) this.errors.push({ field: f, code: 'tooLong', max: maxItem });
		this.#set(f, v);
		return this;
	}

	phones(f: keyof T & string): this {
		return this.#contactList(f, (p) => {
			const n = normalizePhone(p);
			return PHONE_CHARS_RE.test(p) && n.length >= 5 && n.length <= 20 ? n : null;
		}, 'phoneInvalid');
	}

	emails(f: keyof T & string): this {
		return this.#contactList(f, (e) => (EMAIL_RE.test(e) && e.length <= SHORT_TEXT ? normalizeEmail(e) : null), 'emailInvalid');
	}

	// Phones and e-mails keep their position so errors point at the box the user typed in.
	#contactList(f: keyof T & string, key: (s: string) => string | null, invalid: FieldError['code']): this {
		const raw = this.#get(f) as unknown[] | undefined;
		if (raw === undefined) return this;
		const seen = new Set<string>();
		raw.forEach((r, index) => {
			const s = String(r).trim();
			if (!s) return;
			const k = key(s);
			if (k === null) this.errors.push({ field: f, index, code: invalid });
			else if (seen.has(k)) this.errors.push({ field: f, index, code: 'duplicateValue' });
			if (k !== null) seen.add(k);
		});
		this.#set(f, raw.map((s) => String(s).trim()).filter((s) => s !== ''));
		return this;
	}
}

/** "MM-DD" or "YYYY-MM-DD" naming a real day (Feb 29 allowed without a year). */
export function isCalendarDay(s: string): boolean {
	const m = /^(?:(\d{4})-)?(\d{2})-(\d{2})$/.exec(s);
	if (!m) return false;
	const year = m[1] ? Number(m[1]) : 2000;
	const month = Number(m[2]);
	const day = Number(m[3]);
	if (month < 1 || month > 12 || day < 1) return false;
	return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
