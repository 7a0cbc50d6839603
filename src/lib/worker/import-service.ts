// The import worker's work: read a file (CSV/TSV in any detected encoding, .xlsx, vCard) into
// a table, check every row against the workspace in chunks (progress after each, cancellable
// between any two), and hand the rows without errors to the data worker's importBatch.
import { parseCsv } from '../domain/import/csv';
import { decodeBytes, type Encoding } from '../domain/import/encoding';
import { guessMapping, type ImportKind } from '../domain/import/mapping';
import { choiceLabels, groupOrders, RowBuilder, type PreviewRow } from '../domain/import/rows';
import type { ReadResult, Table } from '../domain/import/table';
import { parseVcards } from '../domain/import/vcard';
import { readXlsx } from '../domain/import/xlsx';
import { ACTIVITY_TYPES, CHANNELS, OUTCOMES } from '../domain/activity';
import { AGE_GROUPS, CAPACITIES, CUSTOMER_TYPES, EDUCATIONS, GENDERS, KINDS, STAGES } from '../domain/customer';
import { ORDER_STATUSES } from '../domain/order';
import type { ImportCheck, ImportConfirmResult, ImportMode, ImportPortApi, ImportReadResult, ImportRow, ImportSource } from './protocol';
import type { RpcClient } from './rpc';
import { loadT2s } from './t2s';

/** Rows checked between two looks at the message queue (a cancel, the next progress event). */
const CHUNK = 1000;
/** Problems and matches listed in the preview (the rest are counted), so it renders in one short task. */
const PROBLEMS_MAX = 200;
const MATCHES_MAX = 100;

type Catalog = Record<string, string>;

const CHOICES: Record<ImportKind, Record<string, { prefix: string; values: readonly string[] }>> = {
	customers: {
		stage: { prefix: 'stage', values: STAGES },
		type: { prefix: 'type', values: CUSTOMER_TYPES },
		kind: { prefix: 'kind', values: KINDS },
		gender: { prefix: 'gender', values: GENDERS },
		ageGroup: { prefix: 'ageGroup', values: AGE_GROUPS },
		education: { prefix: 'education', values: EDUCATIONS },
		capacity: { prefix: 'capacity', values: CAPACITIES }
	},
	contacts: {},
	products: {},
	orders: { status: { prefix: 'orderStatus', values: ORDER_STATUSES } },
	activities: { type: { prefix: 'activity', values: ACTIVITY_TYPES }, channel: { prefix: 'channel', values: CHANNELS }, outcome: { prefix: 'outcome', values: OUTCOMES } }
};

function readFile(bytes: Uint8Array, name: string, encoding: Encoding | 'auto'): { res: ReadResult; format: 'csv' | 'xlsx' | 'vcard'; encoding: Encoding | null } {
	if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4) return { res: readXlsx(bytes), format: 'xlsx', encoding: null };
	if (/\.xlsx$/i.test(name)) return { res: { ok: false, error: { code: 'notXlsx' } }, format: 'xlsx', encoding: null };
	const dec = decodeBytes(bytes, encoding);
	if (/\.vcf$/i.test(name) || /^\s*BEGIN:VCARD/i.test(dec.text.slice(0, 200))) return { res: parseVcards(dec.text), format: 'vcard', encoding: dec.encoding };
	return { res: parseCsv(dec.text, /\.tsv$/i.test(name) ? { delimiter: '\t' } : {}), format: 'csv', encoding: dec.encoding };
}

export class ImportService {
	#table: Table | null = null;
	#kind: ImportKind = 'customers';
	#rows: PreviewRow[] = [];
	#builder: RowBuilder | null = null;
	#cancelled = new Set<number>();
	#data: RpcClient<ImportPortApi, Record<string, never>> | null = null;

	constructor(
		readonly catalogs: () => Promise<Catalog[]>,
		readonly onProgress: (e: { job: number; done: number; total: number }) => void
	) {}

	attach(data: RpcClient<ImportPortApi, Record<string, never>>): void {
		this.#data = data;
	}

	read({ bytes, name, encoding, kind }: { bytes: ArrayBuffer; name: string; encoding: Encoding | 'auto'; kind: ImportKind }): ImportReadResult {
		this.#table = null;
		this.#rows = [];
		this.#sourceCache = null;
		try {
			const r = readFile(new Uint8Array(bytes), name, encoding);
			if (!r.res.ok) return { ok: false, error: r.res.error };
			this.#table = r.res.table;
			this.#kind = kind;
			const { headers, rows } = r.res.table;
			return { ok: true, format: r.format, encoding: r.encoding, headers, sample: rows.slice(0, 5), rows: rows.length, mapping: guessMapping(headers, kind) };
		} catch {
			return { ok: false, error: { code: 'unreadable' } };
		}
	}

	cancel(job: number): void {
		this.#cancelled.add(job);
	}

	// Read once per file and record type: changing a column's field checks again without
	// asking the data worker for 100,000 customers again. A new file or a write reads afresh.
	#sourceCache: { kind: ImportKind; source: Promise<Omit<ImportSource, 'owner'>> } | null = null;

	async #source(kind: ImportKind, owner: string): Promise<ImportSource> {
		const data = this.#data;
		if (!data) throw new Error('import worker not attached');
		if (this.#sourceCache?.kind !== kind) this.#sourceCache = { kind, source: data.call('importContext', { kind }) };
		const cached = this.#sourceCache;
		try {
			return { ...(await cached.source), owner };
		} catch (e) {
			if (this.#sourceCache === cached) this.#sourceCache = null;
			throw e;
		}
	}

	/** Checks every row; between chunks it yields so a cancel can arrive, and reports progress. */
	async check({ job, kind, mapping, owner }: { job: number; kind: ImportKind; mapping: string[]; owner: string }): Promise<ImportCheck> {
		const table = this.#table;
		if (!table) throw new Error('no file read');
		this.#kind = kind;
		this.#rows = [];
		const total = table.rows.length;
		const empty: ImportCheck = { cancelled: true, total, valid: 0, withErrors: 0, problems: [], moreProblems: 0, matches: [], moreMatches: 0 };
		this.onProgress({ job, done: 0, total });
		const [source, convert, catalogs] = await Promise.all([this.#source(kind, owner), loadT2s(), this.catalogs()]);
		if (this.#cancelled.delete(job)) return empty;
		const builder = new RowBuilder(table, mapping, { kind, ...source, convert, choices: choiceLabels(catalogs, CHOICES[kind]) });
		this.#builder = builder;
		const rows: PreviewRow[] = [];
		for (let i = 0; i < total; i += CHUNK) {
			for (let k = i; k < Math.min(total, i + CHUNK); k++) rows.push(builder.row(k));
			this.onProgress({ job, done: Math.min(total, i + CHUNK), total });
			await new Promise((r) => setTimeout(r, 0));
			if (this.#cancelled.delete(job)) return empty;
		}
		const checked = kind === 'orders' ? groupOrders(rows, source.orders) : rows;
		this.#rows = checked;
		return summarize(checked, total, (r) => String(r.fields.name ?? r.fields.title ?? r.fields.contractNo ?? ''));
	}

	/** Hands the checked rows to the data worker as one batch. */
	async confirm({ mode, modes, label, batchId }: { mode: ImportMode; modes: Record<number, ImportMode>; label: string; batchId: string }): Promise<ImportConfirmResult> {
		if (!this.#data) throw new Error('import worker not attached');
		const rows: ImportRow[] = [];
		const lines: number[] = [];
		let skippedErrors = 0;
		let skipped = 0;
		for (const r of this.#rows) {
			if (r.problems.some((p) => !p.warning)) {
				skippedErrors++;
				continue;
			}
			const m = r.match ? (modes[r.line] ?? mode) : 'add';
			if (m === 'skip') skipped++;
			else {
				rows.push(m === 'update' && r.match ? { fields: r.fields, match: r.match.id } : { fields: r.fields });
				lines.push(r.line);
			}
		}
		this.#sourceCache = null;
		const out = await this.#data.call('importBatch', { collection: this.#kind, rows, mode: 'update', label, batchId });
		if (out.ok) return { ...out, skipped: out.skipped + skipped, skippedErrors };
		// What the store refused (checked against the records as they are now), by file row and column.
		const builder = this.#builder;
		return {
			ok: false,
			problems: out.errors.map((e) => ({ line: lines[e.row] ?? 0, column: builder?.column(e.field) ?? 0, field: e.field, code: e.code }))
		};
	}
}

/** Counts and the first problems and matches of checked rows. */
export function summarize(rows: readonly PreviewRow[], total: number, label: (r: PreviewRow) => string): ImportCheck {
	const out: ImportCheck = { cancelled: false, total, valid: 0, withErrors: 0, problems: [], moreProblems: 0, matches: [], moreMatches: 0 };
	for (const r of rows) {
		if (r.problems.some((p) => !p.warning)) out.withErrors++;
		else out.valid++;
		for (const p of r.problems) {
			if (out.problems.length < PROBLEMS_MAX) out.problems.push(p);
			else out.moreProblems++;
		}
		if (r.match) {
			if (out.matches.length < MATCHES_MAX) out.matches.push({ line: r.line, label: label(r), id: r.match.id, by: r.match.by.kind });
			else out.moreMatches++;
		}
	}
	return out;
}
