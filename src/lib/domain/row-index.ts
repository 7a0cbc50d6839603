// An in-memory index of customer rows that answers list queries within a frame at 100k rows:
// filter fields as typed-array columns, sort orders kept as permutations of row positions
// (updated in place on edits, never re-sorted), and search text found through posting lists of
// characters and pairs (GramIndex, built in the background) or scanned per row, narrowing from
// the previous keystroke's matches while the user keeps typing.
import { CUSTOMER_TYPES, STAGES } from './customer';
import {
	comparator,
	customPredicate,
	DEFAULT_QUERY,
	indexRow,
	searchNeedles,
	type CustomerQuery,
	type CustomerRow,
	type IndexedRow,
	type SortKey
} from './customer-query';
import { GramIndex, type Candidates } from './gram-index';
import { pinyinNeedle } from './pinyin';

const STAGE_CODE = new Map<string, number>(STAGES.map((s, i) => [s, i]));
const TYPE_CODE = new Map<string, number>(CUSTOMER_TYPES.map((s, i) => [s, i]));
/**
 * Rows edited since the posting lists were built are checked one by one; past this many the
 * lists are dropped and built again (a large batch replaces every row anyway).
 */
const STALE_LIMIT = 5000;

/** Grows a typed array, keeping its contents. */
function grow<T extends Uint8Array | Int32Array>(a: T, n: number): T {
	if (n <= a.length) return a;
	const b = new (a.constructor as new (n: number) => T)(Math.max(n, a.length * 2, 1024));
	b.set(a);
	return b;
}

/** The rows a query matched: the exact count, and any window of them in order. */
export interface Hits {
	total: number;
	slice(offset: number, limit: number): number[];
}

export class RowIndex {
	rows: IndexedRow[] = [];
	/** Search texts by row position, apart from the rows for a tight scan loop. */
	#search: string[] = [];
	#pos = new Map<string, number>();
	#state = new Uint8Array(0);
	#stage = new Uint8Array(0);
	#type = new Uint8Array(0);
	#owner = new Int32Array(0);
	#region = new Int32Array(0);
	#owners = new Map<string, number>();
	#regions = new Map<string, number>();
	#perms = new Map<SortKey, number[]>();
	#version = 0;
	#text: { needles: string[]; version: number; pinyin: number; py: string | null; hits: number[] } | null = null;
	/** Pinyin keys by row position, built in the background (buildPinyin) up to #pinyinDone. */
	#pinyin: string[] = [];
	#pinyinOf: ((r: CustomerRow) => string) | null = null;
	#pinyinDone = 0;
	#pinyinVersion = 0;
	#ranks = new Map<SortKey, Int32Array>();
	#rankVersion = new Map<SortKey, number>();
	/** Posting lists of the search texts and (once every key is built) of the pinyin keys. */
	#grams = new GramIndex();
	#pinyinGrams = new GramIndex();
	/** Rows whose text may differ from what the posting lists hold: checked one by one. */
	#stale = new Uint8Array(0);
	#staleRows: number[] = [];

	/** `staleLimit`: edited rows checked one by one before the posting lists are dropped. */
	constructor(
		readonly collator: Intl.Collator,
		readonly staleLimit = STALE_LIMIT
	) {}

	get size(): number {
		return this.rows.length;
	}

	/** Replaces every row. */
	reset(rows: CustomerRow[]): void {
		this.rows = [];
		this.#search = [];
		this.#pinyin = [];
		this.#pinyinDone = 0;
		this.#pinyinVersion++;
		// Keys of a whole new set of rows are built in slices by buildPinyin, not here.
		const keyOf = this.#pinyinOf;
		this.#pinyinOf = null;
		this.#pos.clear();
		this.#perms.clear();
		this.#dropGrams();
		const n = rows.length;
		this.#state = new Uint8Array(n);
		this.#stage = new Uint8Array(n);
		this.#type = new Uint8Array(n);
		this.#owner = new Int32Array(n);
		this.#region = new Int32Array(n);
		for (let i = 0; i < n; i++) this.#put(i, rows[i]);
		this.#pinyinOf = keyOf;
		this.#version++;
	}

	#code(dict: Map<string, number>, v: string): number {
		let c = dict.get(v);
		if (c === undefined) dict.set(v, (c = dict.size));
		return c;
	}

	#put(i: number, raw: CustomerRow) {
		const row = indexRow(raw, i);
		this.rows[i] = row;
		this.#search[i] = row.search;
		// An edited row the background build has passed, or a new row once all are built, gets
		// its key now; the others wait for buildPinyin.
		if (this.#pinyinOf && (i < this.#pinyinDone || (i === this.#pinyinDone && i === this.rows.length - 1))) {
			this.#pinyin[i] = this.#pinyinOf(row);
			if (i === this.#pinyinDone) this.#pinyinDone++;
		}
		this.#pos.set(row.id, i);
		this.#state[i] = row.state;
		this.#stage[i] = STAGE_CODE.get(row.stage) ?? 255;
		this.#type[i] = TYPE_CODE.get(row.type) ?? 255;
		this.#owner[i] = this.#code(this.#owners, row.owner);
		this.#region[i] = this.#code(this.#regions, row.region);
	}

	/** Positions of rows in ascending order of a sort key, computed once, then maintained. */
	perm(key: SortKey): number[] {
		let p = this.#perms.get(key);
		if (!p) {
			const cmp = comparator(key, this.collator);
			const rows = this.rows;
			p = Array.from({ length: rows.length }, (_, i) => i).sort((a, b) => cmp(rows[a], rows[b]));
			this.#perms.set(key, p);
		}
		return p;
	}

	/** Adds or replaces rows, moving each within every cached sort order. */
	upsert(rows: CustomerRow[]): void {
		for (const raw of rows) {
			const at = this.#pos.get(raw.id);
			const i = at ?? this.rows.length;
			this.#stale = grow(this.#stale, i + 1);
			if (!this.#stale[i]) {
				this.#stale[i] = 1;
				this.#staleRows.push(i);
			}
			if (at === undefined) {
				const n = i + 1;
				this.#state = grow(this.#state, n);
				this.#stage = grow(this.#stage, n);
				this.#type = grow(this.#type, n);
				this.#owner = grow(this.#owner, n);
				this.#region = grow(this.#region, n);
			}
			for (const [key, p] of this.#perms) {
				const cmp = comparator(key, this.collator);
				if (at !== undefined) {
					const old = this.rows[at];
					const k = this.#find(p, old, cmp);
					if (p[k] === at) p.splice(k, 1);
				}
			}
			this.#put(i, raw);
			for (const [key, p] of this.#perms) {
				const cmp = comparator(key, this.collator);
				p.splice(this.#find(p, this.rows[i], cmp), 0, i);
			}
		}
		if (this.#staleRows.length > this.staleLimit) this.#dropGrams();
		this.#version++;
	}

	/** Forgets the posting lists (buildSearch makes new ones). */
	#dropGrams() {
		this.#grams = new GramIndex();
		this.#pinyinGrams = new GramIndex();
		this.#stale = new Uint8Array(this.rows.length);
		this.#staleRows = [];
	}

	/**
	 * Builds the posting lists of up to `count` more rows (call it in slices between queries,
	 * after the pinyin keys); returns whether the search texts' lists, and the pinyin keys' if
	 * every row has one, are complete.
	 */
	buildSearch(count: number): boolean {
		if (!this.#grams.done) return this.#grams.build(this.#search, count) && this.#pinyinGramsDone();
		if (this.#pinyinOf && this.#pinyinDone === this.rows.length && !this.#pinyinGrams.done) {
			this.#pinyinGrams.build(this.#pinyin, count);
		}
		return this.#pinyinGramsDone();
	}

	/** Whether buildSearch has nothing left to build. */
	get searchBuilt(): boolean {
		return this.#grams.done && this.#pinyinGramsDone();
	}

	#pinyinGramsDone(): boolean {
		return this.#pinyinGrams.done || !this.#pinyinOf || this.#pinyinDone < this.rows.length;
	}

	/** First position in `p` whose row is not less than `row`. */
	#find(p: number[], row: CustomerRow, cmp: (a: CustomerRow, b: CustomerRow) => number): number {
		let lo = 0;
		let hi = p.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (cmp(this.rows[p[mid]], row) < 0) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** Sets how a row's pinyin key is made; keys are then built by buildPinyin. */
	setPinyin(keyOf: (r: CustomerRow) => string): void {
		this.#pinyinOf = keyOf;
	}

	/**
	 * Builds the pinyin keys of up to `count` more rows (call it in slices between queries);
	 * returns whether every row has its key.
	 */
	buildPinyin(count: number): boolean {
		const keyOf = this.#pinyinOf;
		if (!keyOf) return false;
		const end = Math.min(this.rows.length, this.#pinyinDone + count);
		for (let i = this.#pinyinDone; i < end; i++) this.#pinyin[i] = keyOf(this.rows[i]);
		if (end > this.#pinyinDone) this.#pinyinVersion++;
		this.#pinyinDone = end;
		return end === this.rows.length;
	}

	/** Flags rows whose search text contains a needle; narrows from the last scan when it can. */
	#textFlags(needles: string[]): Uint8Array {
		const n = this.rows.length;
		const flags = new Uint8Array(n);
		const last = this.#text;
		// Narrowing is sound only if every new needle contains an old one: then a row that
		// matches now matched before.
		// With pinyin, narrowing also needs the last scan to have used the same pinyin keys and a
		// needle this one contains ("zhan" → "zhang"): then every row matching now matched before.
		// Without (Chinese, digits), pinyin keys built meanwhile do not matter: the last hits are a
		// superset of the rows whose text matches now.
		const py = this.#pinyinDone > 0 ? pinyinNeedle(needles[0]) : null;
		const narrow =
			last !== null &&
			last.version === this.#version &&
			needles.every((nn) => last.needles.some((on) => nn.includes(on))) &&
			(py === null || (last.pinyin === this.#pinyinVersion && last.py !== null && py.includes(last.py)));
		const hits: number[] = [];
		const search = this.#search;
		const [first, second] = needles;
		const lists = this.#candidates(first, second, py);
		const listed = lists ? lists.reduce((sum, l) => sum + l.rows.length, 0) : 0;
		// From the posting lists, unless the last keystroke's matches are fewer to check, or a
		// long needle's rarest pair is in so many rows that reading them all is quicker.
		if (lists && !(narrow && last.hits.length <= listed) && (lists.every((l) => l.exact) || listed <= n / 2)) {
			const pinyin = this.#pinyin;
			const stale = this.#stale;
			const matches = (i: number) =>
				search[i].includes(first) ||
				(second !== undefined && search[i].includes(second)) ||
				(py !== null && pinyin[i] !== undefined && pinyin[i].includes(py));
			for (const { rows, exact } of lists) {
				for (let k = 0; k < rows.length; k++) {
					const i = rows[k];
					if (flags[i] === 1 || stale[i] === 1) continue;
					if (exact || matches(i)) {
						flags[i] = 1;
						hits.push(i);
					}
				}
			}
			for (const i of this.#staleRows) {
				if (flags[i] === 0 && matches(i)) {
					flags[i] = 1;
					hits.push(i);
				}
			}
		} else if (py !== null) {
			const pinyin = this.#pinyin;
			const scan = narrow ? last.hits : null;
			const m = scan ? scan.length : n;
			for (let k = 0; k < m; k++) {
				const i = scan ? scan[k] : k;
				if (search[i].includes(first) || (pinyin[i] !== undefined && pinyin[i].includes(py))) {
					flags[i] = 1;
					hits.push(i);
				}
			}
		} else if (narrow) {
			for (const i of last.hits) {
				const s = search[i];
				if (s.includes(first) || (second !== undefined && s.includes(second))) {
					flags[i] = 1;
					hits.push(i);
				}
			}
		} else if (second === undefined) {
			for (let i = 0; i < n; i++) {
				if (search[i].includes(first)) {
					flags[i] = 1;
					hits.push(i);
				}
			}
		} else {
			for (let i = 0; i < n; i++) {
				const s = search[i];
				if (s.includes(first) || s.includes(second)) {
					flags[i] = 1;
					hits.push(i);
				}
			}
		}
		this.#text = { needles, version: this.#version, pinyin: this.#pinyinVersion, py, hits };
		return flags;
	}

	/**
	 * The posting lists that hold every row matching the needles, apart from the stale rows;
	 * null while they are not built (or the pinyin keys' are not, for a pinyin needle).
	 */
	#candidates(first: string, second: string | undefined, py: string | null): Candidates[] | null {
		const lists: Candidates[] = [];
		const a = this.#grams.candidates(first);
		if (!a) return null;
		lists.push(a);
		if (second !== undefined) lists.push(this.#grams.candidates(second)!);
		if (py !== null) {
			if (this.#pinyinDone < this.rows.length) return null;
			const p = this.#pinyinGrams.candidates(py);
			if (!p) return null;
			lists.push(p);
		}
		return lists;
	}

	/** Position of each row within a sort order (recomputed after edits, on demand). */
	#rank(key: SortKey): Int32Array {
		let r = this.#ranks.get(key);
		if (!r || this.#rankVersion.get(key) !== this.#version) {
			const p = this.perm(key);
			r = new Int32Array(this.rows.length);
			for (let k = 0; k < p.length; k++) r[p[k]] = k;
			this.#ranks.set(key, r);
			this.#rankVersion.set(key, this.#version);
		}
		return r;
	}

	/**
	 * Rows matching a query, in its order. The count is exact at once; the ordered rows are
	 * produced as far as a window needs them, so a keystroke never walks all 100k in order.
	 */
	run(q: CustomerQuery, only: ReadonlySet<string> | null = null): Hits {
		const needles = searchNeedles(q.text);
		const flags = needles.length ? this.#textFlags(needles) : null;
		const trash = q.trash;
		const stage = q.stage ? (STAGE_CODE.get(q.stage) ?? -2) : -1;
		const type = q.type ? (TYPE_CODE.get(q.type) ?? -2) : -1;
		const owner = q.owner ? (this.#owners.get(q.owner) ?? -2) : -1;
		const region = q.region ? (this.#regions.get(q.region) ?? -2) : -1;
		const tag = q.tag;
		const custom = customPredicate(q.custom);
		const st = this.#state;
		const sg = this.#stage;
		const ty = this.#type;
		const ow = this.#owner;
		const rg = this.#region;
		const rows = this.rows;
		const pass = (i: number): boolean => {
			if (trash ? st[i] === 0 || st[i] === 3 : st[i] !== 0) return false;
			if (stage !== -1 && sg[i] !== stage) return false;
			if (type !== -1 && ty[i] !== type) return false;
			if (owner !== -1 && ow[i] !== owner) return false;
			if (region !== -1 && rg[i] !== region) return false;
			if (tag && !rows[i].tags.includes(tag)) return false;
			if (custom && !custom(rows[i])) return false;
			if (only && !only.has(rows[i].id)) return false;
			return true;
		};
		const asc = q.dir === 'asc';
		const n = rows.length;
		const onlyState = stage === -1 && type === -1 && owner === -1 && region === -1 && !tag && !custom && !only;
		if (flags !== null) {
			const hits = this.#text!.hits;
			let good: number[];
			if (onlyState) {
				good = [];
				for (let k = 0; k < hits.length; k++) {
					const i = hits[k];
					if (trash ? st[i] !== 0 : st[i] === 0) good.push(i);
				}
			} else good = hits.filter(pass);
			if (good.length * 16 <= n) {
				// Few matches: order them by their rank instead of walking the whole order.
				const rank = this.#rank(q.sort);
				good.sort(asc ? (a, b) => rank[a] - rank[b] : (a, b) => rank[b] - rank[a]);
				return { total: good.length, slice: (offset, limit) => good.slice(offset, offset + limit) };
			}
			return this.#walk(q, (i) => flags[i] === 1 && pass(i), good.length);
		}
		let total = 0;
		for (let i = 0; i < n; i++) if (pass(i)) total++;
		return this.#walk(q, pass, total);
	}

	/** Walks a sort order lazily, keeping what it has found so far. */
	#walk(q: CustomerQuery, test: (i: number) => boolean, total: number): Hits {
		const p = this.perm(q.sort);
		const n = p.length;
		const asc = q.dir === 'asc';
		const found: number[] = [];
		let k = 0;
		return {
			total,
			slice: (offset, limit) => {
				const want = Math.min(offset + limit, total);
				while (found.length < want && k < n) {
					const i = asc ? p[k] : p[n - 1 - k];
					k++;
					if (test(i)) found.push(i);
				}
				return found.slice(offset, offset + limit);
			}
		};
	}

	/** The default view's first rows and its total, for the saved first screen. */
	head(limit: number): { total: number; rows: IndexedRow[] } {
		const hits = this.run(DEFAULT_QUERY);
		return { total: hits.total, rows: hits.slice(0, limit).map((i) => this.rows[i]) };
	}
}
