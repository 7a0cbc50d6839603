// The query worker's logic: holds every customer row (in a RowIndex), answers filtered and
// sorted windows, applies projection updates from the data worker and saves the projection.
import { DEFAULT_QUERY, isDefaultQuery, type CustomerQuery, type CustomerRow, type IndexedRow } from '../domain/customer-query';
import { RowIndex, type Hits } from '../domain/row-index';
import { pinyinKey, type ToSyllables } from '../domain/pinyin';
import { dbNames, kvGet, kvPutAll, openKv } from '../persistence/idb';
import { decodeRows, encodeRows, type SavedProjection } from '../persistence/projection';
import type { ListResult } from './protocol';

const HEAD_ROWS = 100;
/**
 * Rows given pinyin keys per slice (about 25 µs each, so 2–3 ms a slice): a keystroke's query
 * waits at most one slice for its turn.
 */
const PINYIN_SLICE = 100;
/** Rows whose search texts go into the posting lists per slice (2–4 ms a slice). */
const SEARCH_SLICE = 400;

export interface QueryServiceOptions {
	onLoaded?: (e: { ms: number; count: number }) => void;
	onChanged?: (e: { count: number }) => void;
	/** Delay before a changed projection is saved (ms). */
	saveDelay?: number;
	/** Quiet time after the rows are set before the search lists and pinyin keys are built (ms). */
	pinyinDelay?: number;
}

export class QueryService {
	#index = new RowIndex(new Intl.Collator('en'));
	#loadingSaved = false;
	#opened: Promise<void> = Promise.resolve();
	#result: Hits = { total: 0, slice: () => [] };
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
	#opts: QueryServiceOptions;
	#t0 = 0;
	/** The customers a query's `scope` names (one scope at a time: the list on screen). */
	#scope: { key: string; ids: Set<string> } | null = null;
	#pinyin: Promise<ToSyllables> | null = null;
	#building = false;
	#buildTimer: ReturnType<typeof setTimeout> | null = null;

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
		this.#index = new RowIndex(new Intl.Collator(locale, { numeric: true, sensitivity: 'base' }));
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
		this.#index.reset(rows);
		// The default order is needed by the first query; sort it before announcing the list.
		this.#index.perm(DEFAULT_QUERY.sort);
		this.#resultKey = '';
		this.#sv = sv;
		const first = !this.#complete;
		this.#complete = true;
		this.#markComplete();
		// One event: "loaded" the first time, "changed" after that.
		if (first) this.#opts.onLoaded?.({ ms: performance.now() - this.#t0, count: this.#index.size });
		else this.#opts.onChanged?.({ count: this.#index.size });
		this.#scheduleBuild();
	}

	/**
	 * Later, so building search lists and loading pinyin-pro never delay the first queries;
	 * `restart` puts it off again (new rows: a quiet time after them), otherwise a build already
	 * due stays due (edits arriving one after another must not put it off for ever).
	 */
	#scheduleBuild(restart = true) {
		if (this.#buildTimer && !restart) return;
		if (this.#buildTimer) clearTimeout(this.#buildTimer);
		this.#buildTimer = setTimeout(() => {
			this.#buildTimer = null;
			void this.#build();
		}, this.#opts.pinyinDelay ?? 1000);
	}

	/**
	 * In slices, after the list is on screen, with queries answered between them: the posting
	 * lists of the search texts, then every row's pinyin key (pinyin-pro loads only now), then
	 * the pinyin keys' lists. A replaced row set starts over.
	 */
	async #build(): Promise<void> {
		if (this.#building) return;
		this.#building = true;
		const turn = () => new Promise((r) => setTimeout(r, 0));
		try {
			// Each step reads the index anew: rows replaced meanwhile start it over.
			for (;;) {
				if (!this.#index.buildSearch(SEARCH_SLICE)) await turn();
				else if (!this.#index.buildPinyin(0)) await this.#buildPinyin(turn);
				else break;
			}
			this.#opts.onChanged?.({ count: this.#index.size });
		} finally {
			this.#building = false;
		}
	}

	/** Gives every row its pinyin key, a slice per turn. */
	async #buildPinyin(turn: () => Promise<unknown>): Promise<void> {
		this.#pinyin ??= import('pinyin-pro').then(
			({ pinyin }): ToSyllables =>
				(han, { name }) => pinyin(han, { toneType: 'none', type: 'array', surname: name ? 'head' : 'off', v: true })
		);
		const toSyllables = await this.#pinyin;
		const index = this.#index;
		index.setPinyin((r) => pinyinKey(r.name, r.company, toSyllables));
		while (index === this.#index && !index.buildPinyin(PINYIN_SLICE)) {
			this.#resultKey = '';
			await turn();
		}
		this.#resultKey = '';
	}

	/** Resolves once every row has its pinyin key (tests; the UI just gets a "changed"). */
	async pinyinReady(): Promise<void> {
		while (!this.#index.buildPinyin(0)) await new Promise((r) => setTimeout(r, 5));
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
		if (key !== this.#resultKey) {
			this.#result = this.#index.run(q, this.#only(q));
			this.#resultKey = key;
		}
		return this.rows(offset, limit, seq);
	}

	/** Every id a query matches (for "select all"), in list order. */
	async ids(q: CustomerQuery): Promise<string[]> {
		await this.#whenComplete;
		const hits = this.#index.run(q, this.#only(q));
		return hits.slice(0, hits.total).map((i) => this.#index.rows[i].id);
	}

	/** Sets the customers a query with `scope: key` keeps. */
	setScope(key: string, ids: readonly string[]): void {
		this.#scope = { key, ids: new Set(ids) };
		this.#resultKey = '';
	}

	/** The ids a query is limited to: none without a scope, an empty set for an unknown one. */
	#only(q: CustomerQuery): ReadonlySet<string> | null {
		if (!q.scope) return null;
		return this.#scope?.key === q.scope ? this.#scope.ids : new Set();
	}

	/** Another window of the last query's result. */
	rows(offset: number, limit: number, seq: number): ListResult {
		const rows = this.#result.slice(offset, limit).map((i) => strip(this.#index.rows[i]));
		return { total: this.#result.total, offset, rows, complete: this.#complete, seq };
	}

	/** Distinct tags and regions, for the filter menus. */
	async facets(): Promise<{ tags: string[]; regions: string[] }> {
		await this.#whenComplete;
		const tags = new Set<string>();
		const regions = new Set<string>();
		for (const r of this.#index.rows) {
			if (r.state !== 0) continue;
			for (const t of r.tags) tags.add(t);
			if (r.region) regions.add(r.region);
		}
		const sort = (s: Set<string>) => [...s].sort(this.#index.collator.compare);
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
			const byId = new Map<string, CustomerRow>(this.#index.rows.map((r) => [r.id, r]));
			for (const r of rows) byId.set(r.id, r);
			this.#setRows([...byId.values()], sv);
			this.#scheduleSave();
			return;
		}
		this.#index.upsert(rows);
		// Too many edits since the search lists were built drop them: build them again.
		if (!this.#index.searchBuilt && !this.#building) this.#scheduleBuild(false);
		this.#sv = sv;
		this.#resultKey = '';
		this.#scheduleSave();
		this.#opts.onChanged?.({ count: this.#index.size });
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
		const head = this.#index.head(HEAD_ROWS);
		const saved: SavedProjection = {
			rows: encodeRows(this.#index.rows),
			head: { total: head.total, rows: head.rows.map(strip) },
			meta: { sv, count: this.#index.size, savedAt: Date.now() }
		};
		await kvPutAll(this.#db, saved as unknown as Record<string, unknown>);
		this.#savedSv = sv;
	}

	async close(): Promise<void> {
		if (this.#buildTimer) clearTimeout(this.#buildTimer);
		await this.save().catch(() => undefined);
		this.#db?.close();
	}
}

function strip(r: IndexedRow): CustomerRow {
	const { search: _search, i: _i, ...row } = r;
	return row;
}
