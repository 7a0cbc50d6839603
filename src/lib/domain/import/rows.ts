// File rows to record fields, checked by the entities' own validators: every problem names
// its file row, column and a code (FieldError codes, translated as error.<code>, or the
// import's own: ownerUnknown, customerUnknown, tooManyCells, duplicateInFile). Rows that match
// an existing record (matching keys, match.ts) say which one, so the user can skip, update or add.
import { validateActivity } from '../activity';
import { validateContact } from '../contact';
import { validateCustomer, type CustomerFields } from '../customer';
import { emptyLine, type LineItem } from '../deal';
import { parseAmount } from '../money';
import { validateOrder } from '../order';
import { skuKey, validateProduct } from '../product';
import { foldText, normalizeEmail } from '../text';
import type { FieldError } from '../validate';
import type { ImportKind } from './mapping';
import { companyKey, MatchIndex, nameKey, phoneKey, type Convert, type Evidence, type MatchRecord } from './match';
import type { Table } from './table';

export interface ImportContext {
	kind: ImportKind;
	members: ReadonlyArray<{ id: string; name: string; email?: string }>;
	/** Existing customers: what a customer row may match, and the names other records refer to. */
	customers: readonly MatchRecord[];
	/** Existing contacts, for matching contact rows. */
	contacts?: readonly MatchRecord[];
	products?: ReadonlyArray<{ id: string; name: string; sku: string; unit?: string; unitPrice: number; currency: string }>;
	/** Existing orders by contract number: an order row with the same order number updates it. */
	orders?: ReadonlyArray<{ id: string; contractNo: string }>;
	/** The member importing: owner of rows without one. */
	owner: string;
	/** The workspace's base currency, for prices without one. */
	currency: string;
	/** Per choice field, folded label (any language) → stored value. */
	choices?: Record<string, Record<string, string>>;
	convert?: Convert;
}

export type ProblemCode = FieldError['code'] | 'ownerUnknown' | 'customerUnknown' | 'tooManyCells' | 'duplicateInFile';

export interface RowProblem {
	/** File row (header = 1). */
	line: number;
	/** 1-based column, 0 when the problem is not about one column. */
	column: number;
	field: string;
	code: ProblemCode;
	max?: number;
	/** duplicateInFile: the earlier row with the same phone or e-mail. */
	other?: number;
	/** Imported anyway (e.g. a contact's company that is not a customer yet). */
	warning?: boolean;
}

export interface PreviewRow {
	line: number;
	fields: Record<string, unknown>;
	problems: RowProblem[];
	/** The existing record this row is, and by which key (products: SKU, or name without one). */
	match: { id: string; by: Evidence | { kind: 'sku' | 'orderNo'; value: string } } | null;
}

const LIST_SPLIT = /\s*[;,，；、\n]\s*/;
const LIST_FIELDS = new Set(['phones', 'emails', 'tags']);
/** Fields whose value is one of a fixed list (taken as the value or its label in any language). */
const CHOICE_FIELDS = new Set(['stage', 'type', 'kind', 'gender', 'ageGroup', 'education', 'capacity', 'channel', 'outcome', 'status']);
const YES = new Set(['1', 'true', 'yes', 'y', '是', '启用', '啟用', '在售', '有效', 'active', 'on']);
const NO = new Set(['0', 'false', 'no', 'n', '否', '停用', '停售', '无效', '無效', 'inactive', 'off']);

const pad = (n: number) => String(n).padStart(2, '0');

/** "2024-03-05", "2024/3/5", "2024.3.5", "2024年3月5日", optionally with "14:30[:00]". */
export function parseDateParts(s: string): { y: number; m: number; d: number; h: number; mi: number } | null {
	const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+(\d{1,2})[:：时時](\d{1,2})(?:[:：分](\d{1,2})秒?)?)?\s*$/.exec(foldText(s.trim()));
	if (!m) return null;
	const [y, mo, d, h = 0, mi = 0] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0'].map(Number);
	const date = new Date(Date.UTC(y, mo - 1, d));
	if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59) return null;
	return { y, m: mo, d, h, mi };
}

/** A calendar day "YYYY-MM-DD" from the forms parseDateParts reads; null if it is not one. */
export function parseDay(s: string): string | null {
	const p = parseDateParts(s);
	return p ? `${p.y}-${pad(p.m)}-${pad(p.d)}` : null;
}

/** A yearly date without a year, "5-6", "05/06" or "5月6日", as "MM-DD"; null otherwise. */
function monthDay(s: string): string | null {
	const m = /^(\d{1,2})\s*[-/月]\s*(\d{1,2})日?$/.exec(s);
	return m ? `${pad(+m[1])}-${pad(+m[2])}` : null;
}

function splitList(s: string): string[] {
	return s.split(LIST_SPLIT).filter(Boolean);
}

/** Builds and checks the rows of one import. */
export class RowBuilder {
	readonly #columns = new Map<string, number>();
	readonly #members = new Map<string, string>();
	readonly #customers: MatchIndex;
	readonly #products = new Map<string, NonNullable<ImportContext['products']>[number]>();
	readonly #existing: MatchIndex | null;
	readonly #inFile = new Map<string, number>();
	readonly #convert: Convert | undefined;

	constructor(
		readonly table: Table,
		readonly mapping: readonly string[],
		readonly ctx: ImportContext
	) {
		mapping.forEach((f, i) => f && !this.#columns.has(f) && this.#columns.set(f, i));
		this.#convert = ctx.convert;
		for (const m of ctx.members) {
			this.#members.set(m.id, m.id);
			if (m.name) this.#members.set(nameKey(m.name, ctx.convert), m.id);
			if (m.email) this.#members.set(normalizeEmail(m.email), m.id);
		}
		this.#customers = new MatchIndex(ctx.customers, ctx.convert);
		for (const p of ctx.products ?? []) {
			if (p.sku) this.#products.set(`s:${skuKey(p.sku)}`, p);
			this.#products.set(`n:${nameKey(p.name, ctx.convert)}`, p);
		}
		this.#existing = ctx.kind === 'customers' ? this.#customers : ctx.kind === 'contacts' ? new MatchIndex(ctx.contacts ?? [], ctx.convert) : null;
	}

	/** The 1-based column a field was mapped from (0 if none). */
	column(field: string): number {
		const base = field.replace(/^lines\./, '');
		const f = base === 'name' && field.startsWith('lines.') ? 'product' : base;
		return (this.#columns.get(f) ?? -1) + 1;
	}

	#cell(r: readonly string[], field: string): string | undefined {
		const i = this.#columns.get(field);
		return i === undefined ? undefined : (r[i] ?? '').trim();
	}

	#choice(field: string, v: string): string {
		const m = this.ctx.choices?.[field];
		return m?.[foldText(v).replace(/\s+/g, '')] ?? v;
	}

	#member(v: string): string | undefined {
		return this.#members.get(v) ?? this.#members.get(normalizeEmail(v)) ?? this.#members.get(nameKey(v, this.#convert));
	}

	#customerRef(v: string): string | undefined {
		const byName = this.#customers.byName;
		return byName.get(nameKey(v, this.#convert)) ?? byName.get(companyKey(v, this.#convert));
	}

	/** The preview row of data row `i`. */
	row(i: number): PreviewRow {
		const r = this.table.rows[i];
		const line = this.table.lines[i];
		const problems: RowProblem[] = [];
		const add = (field: string, code: ProblemCode, extra: Partial<RowProblem> = {}) => problems.push({ line, column: this.column(field), field, code, ...extra });
		if (r.length > this.table.headers.length && r.slice(this.table.headers.length).some((c) => c.trim() !== '')) {
			problems.push({ line, column: this.table.headers.length + 1, field: '', code: 'tooManyCells' });
		}
		const raw: Record<string, unknown> = {};
		for (const [field] of this.#columns) {
			const v = this.#cell(r, field)!;
			if (LIST_FIELDS.has(field)) raw[field] = splitList(v);
			else raw[field] = v;
		}
		const fields = this.#convertFields(raw, add);
		const { errors, value } = this.#validate(fields);
		for (const e of errors) add(e.field, e.code, e.max !== undefined ? { max: e.max } : {});
		let match: PreviewRow['match'] = null;
		if (this.#existing) {
			const key = { name: String(value.name ?? ''), company: String(raw.company ?? raw.customer ?? value.company ?? ''), phones: value.phones as string[], emails: value.emails as string[] };
			match = this.#existing.find(key);
			// A second row with a phone or e-mail an earlier row has: `other` names that row.
			this.#sameInFile(line, [...(key.phones ?? []).map((p) => `p${phoneKey(p)}`), ...(key.emails ?? []).map((m) => `e${normalizeEmail(m)}`)], add, true);
		} else if (this.ctx.kind === 'products') {
			// Products are the same by SKU, or by name when the row has no SKU; a SKU twice in
			// the file is an error (SKUs are unique).
			const sku = skuKey(String(value.sku ?? ''));
			const p = sku ? this.#products.get(`s:${sku}`) : this.#products.get(`n:${nameKey(String(value.name ?? ''), this.#convert)}`);
			if (p) match = { id: p.id, by: sku ? { kind: 'sku', value: sku } : { kind: 'name', value: nameKey(p.name, this.#convert) } };
			if (sku) this.#sameInFile(line, [`s${sku}`], add, false);
		}
		return { line, fields: { ...fields, ...value }, problems, match };
	}

	#sameInFile(line: number, keys: string[], add: (field: string, code: ProblemCode, extra?: Partial<RowProblem>) => void, warning: boolean): void {
		for (const k of keys) {
			const seen = this.#inFile.get(k);
			if (seen !== undefined && seen !== line) {
				add(k[0] === 's' ? 'sku' : '', 'duplicateInFile', { other: seen, ...(warning ? { warning: true, column: 0 } : {}) });
				return;
			}
			this.#inFile.set(k, line);
		}
	}

	#convertFields(raw: Record<string, unknown>, add: (field: string, code: ProblemCode, extra?: Partial<RowProblem>) => void): Record<string, unknown> {
		const out: Record<string, unknown> = {};
		const kind = this.ctx.kind;
		for (const [field, v] of Object.entries(raw)) {
			if (typeof v !== 'string') {
				out[field] = v;
				continue;
			}
			if (CHOICE_FIELDS.has(field)) {
				if (v) out[field] = this.#choice(field, v);
			} else if (field === 'owner' || field === 'member') {
				if (!v) continue;
				const id = this.#member(v);
				if (id) out[field] = id;
				else add(field, 'ownerUnknown');
			} else if (field === 'customer' && kind !== 'customers') {
				if (!v) continue;
				const id = this.#customerRef(v);
				if (id) out.customer = id;
				else add('customer', 'customerUnknown', kind === 'contacts' ? { warning: true } : {});
			} else if (field === 'birthday' || field === 'anniversary') {
				out[field] = v ? (parseDay(v) ?? monthDay(v) ?? v) : '';
			} else if (field === 'at') {
				const p = v ? parseDateParts(v) : null;
				if (p) out.at = new Date(p.y, p.m - 1, p.d, p.h, p.mi).getTime();
				else if (v) add('at', 'dateInvalid');
				else out.at = 0;
			} else if (field === 'orderDate') {
				out.orderDate = v ? (parseDay(v) ?? v) : '';
			} else if (field === 'active') {
				const f = foldText(v);
				out.active = v === '' ? true : YES.has(f) ? true : NO.has(f) ? false : v;
			} else if (field === 'duration') {
				out.duration = v === '' ? 0 : Number(foldText(v).replace(/[^\d.]/g, '') || NaN);
			} else out[field] = v;
		}
		if (kind === 'customers') {
			if (!out.owner) out.owner = this.ctx.owner;
			// A person's row with a company but no name: the company is the customer.
			if (!out.name && out.company) out.name = out.company;
		}
		if (kind === 'contacts' && out.address) {
			out.notes = [out.notes, out.address].filter(Boolean).join('\n');
			delete out.address;
		}
		if (kind === 'activities' && !out.member) out.member = this.ctx.owner;
		if (kind === 'products') {
			const currency = String(out.currency || this.ctx.currency).toUpperCase();
			out.currency = currency;
			if (out.unitPrice !== undefined) out.unitPrice = this.#amount('unitPrice', String(out.unitPrice), currency, add);
		}
		if (kind === 'orders') {
			const currency = String(out.currency || this.ctx.currency).toUpperCase();
			out.currency = currency;
			if (!out.owner) out.owner = this.ctx.owner;
			if (!out.status) out.status = 'confirmed';
			const text = String(out.product ?? '');
			const p = this.#products.get(`s:${skuKey(text)}`) ?? this.#products.get(`n:${nameKey(text, this.#convert)}`);
			const line: LineItem = { ...emptyLine(), product: p?.id ?? '', name: p?.name ?? text, unit: p?.unit ?? '', unitPrice: p && p.currency === currency ? p.unitPrice : 0 };
			if (out.quantity) line.quantity = foldText(String(out.quantity)).replace(/,/g, '');
			if (out.unitPrice) line.unitPrice = this.#amount('unitPrice', String(out.unitPrice), currency, add) ?? 0;
			out.lines = [line];
			delete out.product;
			delete out.quantity;
			delete out.unitPrice;
		}
		return out;
	}

	#amount(field: string, v: string, currency: string, add: (field: string, code: ProblemCode, extra?: Partial<RowProblem>) => void): number | undefined {
		if (!v) return 0;
		const a = parseAmount(v, currency);
		if (a.ok) return a.amount;
		add(field, a.code === 'required' ? 'numberInvalid' : a.code, a.max !== undefined ? { max: a.max } : {});
		return undefined;
	}

	#validate(fields: Record<string, unknown>): { value: Record<string, unknown>; errors: FieldError[] } {
		const { orderNo, ...rest } = fields;
		switch (this.ctx.kind) {
			case 'customers':
				return validateCustomer(rest as Partial<CustomerFields>);
			case 'contacts':
				return validateContact(rest);
			case 'products':
				return validateProduct(rest);
			case 'activities':
				return validateActivity({ type: 'note', ...rest });
			case 'orders': {
				const r = validateOrder(rest);
				return { value: { ...r.value, orderNo }, errors: r.errors };
			}
		}
	}

	/** Every row, then (orders) rows with the same order number joined into one order. */
	all(): PreviewRow[] {
		const rows = this.table.rows.map((_, i) => this.row(i));
		return this.ctx.kind === 'orders' ? groupOrders(rows, this.ctx.orders) : rows;
	}
}

/**
 * Order rows that share an order number become one order with their lines (customer, date
 * and the other order fields from its first row); problems of any line belong to the order.
 */
export function groupOrders(rows: readonly PreviewRow[], existing: ReadonlyArray<{ id: string; contractNo: string }> = []): PreviewRow[] {
	const byNo = new Map<string, string>();
	for (const o of existing) if (o.contractNo) byNo.set(skuKey(o.contractNo), o.id);
	const out: PreviewRow[] = [];
	const firstOf = new Map<string, PreviewRow>();
	for (const r of rows) {
		const no = String(r.fields.orderNo ?? '');
		const first = no ? firstOf.get(no) : undefined;
		if (!first) {
			const id = no ? byNo.get(skuKey(no)) : undefined;
			const copy = { ...r, fields: { ...r.fields }, problems: [...r.problems], match: id ? { id, by: { kind: 'orderNo' as const, value: no } } : r.match };
			if (no) firstOf.set(no, copy);
			out.push(copy);
			continue;
		}
		const lines = [...(first.fields.lines as LineItem[]), ...((r.fields.lines as LineItem[]) ?? [])];
		first.fields.lines = lines;
		first.problems.push(...r.problems);
	}
	for (const o of out) {
		if (!o.fields.contractNo && o.fields.orderNo) o.fields.contractNo = o.fields.orderNo;
		delete o.fields.orderNo;
	}
	return out;
}

/** Field → folded label → value for choice fields, from catalogs keyed like "stage.potential". */
export function choiceLabels(catalogs: readonly Record<string, string>[], fields: Record<string, { prefix: string; values: readonly string[] }>): Record<string, Record<string, string>> {
	const out: Record<string, Record<string, string>> = {};
	for (const [field, { prefix, values }] of Object.entries(fields)) {
		const m: Record<string, string> = {};
		for (const v of values) {
			if (!v) continue;
			m[foldText(v)] = v;
			for (const c of catalogs) {
				const label = c[`${prefix}.${v}`];
				if (label) m[foldText(label).replace(/\s+/g, '')] = v;
			}
		}
		out[field] = m;
	}
	return out;
}
