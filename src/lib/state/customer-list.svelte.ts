// A live, windowed view of the customer list: the query worker filters and sorts; this
// holds only the rows around what is on screen.
import { DEFAULT_QUERY, isDefaultQuery, type CustomerQuery, type CustomerRow } from '../domain/customer-query';
import type { SavedProjection } from '../persistence/projection';
import type { QueryClient } from '../worker/client';
import type { ListResult } from '../worker/protocol';
import type { RpcError } from '../worker/rpc';
import { handleError } from './actions';

const PAGE = 120;

/** The saved first screen of the list, as the query worker stores it. */
type SavedHead = SavedProjection['head'];

export class CustomerListView {
	query = $state.raw<CustomerQuery>(DEFAULT_QUERY);
	total = $state(0);
	/** The answer covers all customers (not only the saved first screen). */
	complete = $state(false);
	/** False until the first answer arrives. */
	loaded = $state(false);
	offset = $state(0);
	rows = $state.raw<CustomerRow[]>([]);
	/** The search text the shown result answers (lags `query.text` while a query runs). */
	resultText = $state('');
	#seq = 0;
	#want: [number, number] = [0, 60];
	#client: QueryClient;
	#saved: Promise<SavedHead | undefined> | null;

	/**
	 * `saved`: the list's saved first screen, read from disk on the main thread. The first
	 * answer to the default query shows it if it comes before the query worker's (which
	 * answers from the same saved rows until it holds them all).
	 */
	constructor(client: QueryClient, initial: Partial<CustomerQuery> = {}, saved: Promise<SavedHead | undefined> | null = null) {
		this.#client = client;
		this.query = { ...DEFAULT_QUERY, ...initial };
		this.#saved = saved;
	}

	/** Changes the query and fetches the first window of its result. */
	set(patch: Partial<CustomerQuery>): Promise<void> {
		this.query = { ...this.query, ...patch };
		this.#want = [0, 60];
		return this.refresh(0);
	}

	/** Re-runs the current query (after data changed), keeping the position. */
	async refresh(start = Math.max(0, this.#want[0] - PAGE / 4)): Promise<void> {
		const seq = ++this.#seq;
		const q = $state.snapshot(this.query) as CustomerQuery;
		if (this.#saved && !this.loaded && start === 0 && isDefaultQuery(q)) {
			void this.#saved.then((head) => {
				if (!head || head.rows.length === 0 || seq !== this.#seq || this.loaded) return;
				this.#apply({ total: head.total, offset: 0, rows: head.rows.slice(0, PAGE), complete: false });
			});
		}
		const res = await this.#query(q, start, seq);
		if (!res || seq !== this.#seq) return;
		this.#apply(res);
		this.resultText = q.text;
	}

	/** One query; a workspace closed meanwhile is not an error, anything else is shown. */
	async #query(q: CustomerQuery, offset: number, seq: number): Promise<ListResult | null> {
		try {
			return await this.#client.call('query', { q, offset, limit: PAGE, seq });
		} catch (e) {
			if ((e as RpcError).code !== 'closed') handleError(e);
			return null;
		}
	}

	#apply(res: { total: number; offset: number; rows: CustomerRow[]; complete: boolean }) {
		this.total = res.total;
		this.offset = res.offset;
		this.rows = res.rows;
		this.complete = res.complete;
		this.loaded = true;
	}

	/** Tells the view which rows are on screen; fetches a new window when needed. */
	async show(first: number, last: number): Promise<void> {
		this.#want = [first, last];
		const end = this.offset + this.rows.length;
		if (first >= this.offset && (last <= end || end >= this.total)) return;
		const seq = this.#seq;
		const start = Math.max(0, first - PAGE / 4);
		// The worker keeps the last result, so asking again for the same query is a slice.
		const res = await this.#query($state.snapshot(this.query) as CustomerQuery, start, seq);
		if (!res || seq !== this.#seq) return;
		this.#apply(res);
	}

	/** The row at a position, if it is in the current window. */
	at(i: number): CustomerRow | undefined {
		return this.rows[i - this.offset];
	}
}
