// The query worker's logic: holds every customer row, answers filtered/sorted windows,
// applies projection updates from the data worker and saves the projection.
import {
	comparator,
	compileFilter,
	DEFAULT_QUERY,
	indexRow,
	isDefaultQuery,
	searchNeedles,
	type CustomerQuery,
	type CustomerRow,
	type IndexedRow,
	type SortKey
} from '../domain/customer-query';
import { dbNames, kvGet, kvPutAll, openKv } from '../persistence/idb';
import { SearchCorpus } from '../domain/search-corpus';
import { decodeRows, encodeRows, type SavedProjection } from '../persistence/projection';
import type { ListResult } from './protocol';

const HEAD_ROWS = 100;

export interface QueryServiceOptions {
	onLoaded?: (e: { ms: number; count: number }) => void;
	onChanged?: (e: { count: number }) => void;
	/** Delay before a changed projection is saved (ms). */
	saveDelay?: number;
}

export class QueryService {
	#rows: IndexedRow[] = [];
	#byId = new Map<string, IndexedRow>();
	#pos = new Map<string, number>();
	#loadingSaved = false;
	#opened: Promise<void> = Promise.resolve();
	#corpus = new SearchCorpus((i) => this.#rows[i].search);
	#sorted = new Map<SortKey, IndexedRow[]>();
	#result: IndexedRow[] = [];
	#resultQuery: CustomerQuery = DEFAULT_QUERY;
	/** The last query, reused while nothing changed (scrolling asks for windows of it). */
	#resultKey = '';
	#head: SavedProjection['head'] | null = null;
	#sv = '';
	#savedSv = '';
	#complete = false;
	#markComplete!: () => void;
	#whenComplete = new Promise<void>((r) => (this.#markComplete = r));
	#savedLoaded!: () => void;
	#whenSavedLoaded = new Promise<void>((r) => (this.#savedLoaded = r));
	#db: IDBDatabase | null = null;
	#saveTimer: ReturnType<typeof setTimeout> | null = null;
	#collator = new Intl.Collator('en');
	#opts: QueryServiceOptions;
	#t0 = 0;

	constructor(opts: QueryServiceOptions = {}) {
		this.#opts = opts;
	}

	/** Reads the saved first screen now, and the full projection in the background. */
	open(workspaceId: string, locale: string): Promise<{ cached: number }> {
		const p = this.#open(workspaceId, locale);
		this.#opened = p.then(
			() => undefined,
			() => undefined
		);
		return p;
	}

	async #open(workspaceId: string, locale: string): Promise<{ cached: number }> {
		this.#t0 = performance.now();
		this.#collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
		this.#db = await openKv(dbNames(workspaceId).list);
		const [head, meta] = await Promise.all([
			kvGet<SavedProjection['head']>(this.#db, 'head'),
			kvGet<SavedProjection['meta']>(this.#db, 'meta')
		]);
		this.#head = head ?? null;
		if (meta) {
			this.#loadingSaved = true;
			void kvGet<string>(this.#db, 'rows')
				.then((text) => {
					// A newer replace from the data worker wins over the saved copy.
					if (this.#complete || !text) return;
					this.#setRows(decodeRows(text), meta.sv);
					this.#savedSv = meta.sv;
				})
				.catch(() => undefined)
				.finally(() => {
					this.#loadingSaved = false;
					this.#savedLoaded();
				});
		}
		return { cached: meta?.count ?? 0 };
	}

	get complete(): boolean {
		return this.#complete;
	}

	#setRows(rows: CustomerRow[], sv: string) {
		this.#rows = rows.map((r, i) => indexRow(r, i));
		this.#corpus.build(this.#rows.length);
		this.#byId = new Map(this.#rows.map((r) => [r.id, r]));
		this.#pos = new Map(this.#rows.map((r, i) => [r.id, i]));
		this.#sorted.clear();
		// The default order is needed by the first query; sort it before announcing the list.
		this.#sortedBy(DEFAULT_QUERY.sort);
		this.#resultKey = '';
		this.#sv = sv;
		const first = !this.#complete;
		this.#complete = true;
		this.#markComplete();
		if (first) this.#opts.onLoaded?.({ ms: performance.now() - this.#t0, count: this.#rows.length });
		this.#opts.onChanged?.({ count: this.#rows.length });
	}

	#sortedBy(key: SortKey): IndexedRow[] {
		let s = this.#sorted.get(key);
		if (!s) {
			s = this.#rows.slice().sort(comparator(key, this.#collator));
			this.#sorted.set(key, s);
		}
		return s;
	}

	/** Runs a query and returns one window of its result. */
	async query(q: CustomerQuery, offset: number, limit: number, seq: number): Promise<ListResult> {
		// The saved first screen is read by open(); a query that arrives earlier waits for it.
		await this.#opened;
		if (!this.#complete) {
			if (isDefaultQuery(q) && this.#head) {
				return { total: this.#head.total, offset, rows: this.#head.rows.slice(offset, offset + limit), complete: false, seq };
			}
			await this.#whenComplete;
		}
		const key = JSON.stringify(q);
		if (key === this.#resultKey) return this.rows(offset, limit, seq);
		const needles = searchNeedles(q.text);
		let textMatch: ((r: IndexedRow) => boolean) | undefined;
		if (needles.length) {
			if (this.#corpus.worthRebuilding) this.#corpus.build(this.#rows.length);
			const flags = this.#corpus.match(needles, this.#rows.length);
			textMatch = (r) => flags[r.i] === 1;
		}
		const filter = compileFilter(q, textMatch);
		const sorted = this.#sortedBy(q.sort);
		const out: IndexedRow[] = [];
		if (q.dir === 'asc') {
			for (let i = 0; i < sorted.length; i++) if (filter(sorted[i])) out.push(sorted[i]);
		} else {
			for (let i = sorted.length - 1; i >= 0; i--) if (filter(sorted[i])) out.push(sorted[i]);
		}
		this.#result = out;
		this.#resultQuery = q;
		this.#resultKey = key;
		return this.rows(offset, limit, seq);
	}

	/** Another window of the last query's result. */
	rows(offset: number, limit: number, seq: number): ListResult {
		const rows = this.#result.slice(offset, offset + limit).map(strip);
		return { total: this.#result.length, offset, rows, complete: this.#complete, seq };
	}

	/** Distinct tags and regions, for the filter menus. */
	async facets(): Promise<{ tags: string[]; regions: string[] }> {
		await this.#whenComplete;
		const tags = new Set<string>();
		const regions = new Set<string>();
		for (const r of this.#rows) {
			if (r.state !== 0) continue;
			for (const t of r.tags) tags.add(t);
			if (r.region) regions.add(r.region);
		}
		const sort = (s: Set<string>) => [...s].sort(this.#collator.compare);
		return { tags: sort(tags), regions: sort(regions) };
	}

	async matches(sv: string): Promise<boolean> {
		// Wait for the saved rows only if there are any to wait for.
		if (this.#loadingSaved) await this.#whenSavedLoaded;
		return this.#complete && this.#sv === sv;
	}

	replace(rows: CustomerRow[], sv: string): void {
		this.#setRows(rows, sv);
		this.#scheduleSave();
	}

	/** Applies changed rows, keeping every cached sort order without re-sorting. */
	upsert(rows: CustomerRow[], sv: string): void {
		if (!this.#complete || rows.length > 2000) {
			// Large batches (sample data, imports) re-sort once instead of inserting one by one.
			const byId = new Map<string, CustomerRow>(this.#rows.map((r) => [r.id, r]));
			for (const r of rows) byId.set(r.id, r);
			this.#setRows([...byId.values()], sv);
			this.#scheduleSave();
			return;
		}
		for (const raw of rows) {
			const at = this.#pos.get(raw.id);
			const row = indexRow(raw, at ?? this.#rows.length);
			const old = this.#byId.get(row.id);
			for (const [key, arr] of this.#sorted) {
				const cmp = comparator(key, this.#collator);
				if (old) {
					const at = bsearch(arr, old, cmp);
					if (arr[at] === old) arr.splice(at, 1);
				}
				arr.splice(bsearch(arr, row, cmp), 0, row);
			}
			if (at !== undefined) {
				this.#rows[at] = row;
				this.#corpus.invalidate(at);
			} else this.#pos.set(row.id, this.#rows.push(row) - 1);
			this.#byId.set(row.id, row);
		}
		this.#sv = sv;
		this.#resultKey = '';
		this.#scheduleSave();
		this.#opts.onChanged?.({ count: this.#rows.length });
	}

	#scheduleSave() {
		if (this.#saveTimer) clearTimeout(this.#saveTimer);
		this.#saveTimer = setTimeout(() => void this.save(), this.#opts.saveDelay ?? 1500);
	}

	/** Writes rows, first screen and state vector in one transaction. */
	async save(): Promise<void> {
		if (this.#saveTimer) clearTimeout(this.#saveTimer);
		this.#saveTimer = null;
		if (!this.#db || !this.#complete || this.#savedSv === this.#sv) return;
		const sv = this.#sv;
		const sorted = this.#sortedBy(DEFAULT_QUERY.sort);
		const filter = compileFilter(DEFAULT_QUERY);
		const head: CustomerRow[] = [];
		let total = 0;
		for (let i = sorted.length - 1; i >= 0; i--) {
			if (!filter(sorted[i])) continue;
			total++;
			if (head.length < HEAD_ROWS) head.push(strip(sorted[i]));
		}
		const saved: SavedProjection = {
			rows: encodeRows(this.#rows),
			head: { total, rows: head },
			meta: { sv, count: this.#rows.length, savedAt: Date.now() }
		};
		await kvPutAll(this.#db, saved as unknown as Record<string, unknown>);
		this.#savedSv = sv;
	}

	async close(): Promise<void> {
		await this.save().catch(() => undefined);
		this.#db?.close();
	}

	get resultQuery(): CustomerQuery {
		return this.#resultQuery;
	}
}

function strip(r: IndexedRow): CustomerRow {
	const { search: _search, i: _i, ...row } = r;
	return row;
}

/** First index whose element is not less than `x`. */
function bsearch<T>(arr: T[], x: T, cmp: (a: T, b: T) => number): number {
	let lo = 0;
	let hi = arr.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (cmp(arr[mid], x) < 0) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
