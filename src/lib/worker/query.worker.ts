/// <reference lib="webworker" />
// Entry of the query worker: the customer list projection, filters, sort and search.
import type { ProjectionApi, QueryApi, QueryEvents } from './protocol';
import { QueryService } from './query-service';
import { serve, type Endpoint } from './rpc';

let emit: <K extends keyof QueryEvents & string>(n: K, d: QueryEvents[K]) => void = () => {};
const svc = new QueryService({
	onLoaded: (e) => emit('loaded', e),
	onChanged: (e) => emit('changed', e)
});

emit = serve<QueryApi, QueryEvents>(self as unknown as Endpoint, {
	open: ({ workspaceId, locale }) => svc.open(workspaceId, locale),
	query: ({ q, offset, limit, seq }) => svc.query(q, offset, limit, seq),
	rows: async ({ offset, limit, seq }) => svc.rows(offset, limit, seq),
	ids: ({ q }) => svc.ids(q),
	scope: async ({ key, ids }) => svc.setScope(key, ids),
	facets: () => svc.facets(),
	attach: async ({ port }) => {
		serve<ProjectionApi, Record<string, never>>(port as unknown as Endpoint, {
			matches: ({ sv }) => svc.matches(sv),
			replace: async ({ rows, sv }) => svc.replace(rows, sv),
			upsert: async ({ rows, sv }) => svc.upsert(rows, sv)
		});
	},
	close: () => svc.close()
});
