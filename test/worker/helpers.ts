// Opening a DataService and a QueryService joined like in the browser, for worker tests.
import 'fake-indexeddb/auto';
import { DataService } from '../../src/lib/worker/data-service';
import type { DataEvents, ProjectionApi } from '../../src/lib/worker/protocol';
import { QueryService } from '../../src/lib/worker/query-service';
import { serve, type Endpoint } from '../../src/lib/worker/rpc';

/** A data service and a query service joined by a real MessageChannel, as in the browser. */
export async function openPair(workspaceId: string, opts: { restore?: string; memberId?: string } = {}) {
	const events: Array<{ name: string; data: unknown }> = [];
	const query = new QueryService({ saveDelay: 1 });
	await query.open(workspaceId, 'en');
	const channel = new MessageChannel();
	serve<ProjectionApi, Record<string, never>>(channel.port2 as unknown as Endpoint, {
		matches: ({ sv }) => query.matches(sv),
		replace: async ({ rows, sv }) => query.replace(rows, sv),
		upsert: async ({ rows, sv }) => query.upsert(rows, sv)
	});
	const data = new DataService(
		<K extends keyof DataEvents & string>(name: K, d: DataEvents[K]) => events.push({ name, data: d }),
		50
	);
	const opened = data.open({
		workspaceId,
		memberId: opts.memberId ?? 'member-1',
		profile: { name: 'Ann', color: '#123456' },
		name: 'Team',
		port: channel.port1 as unknown as MessagePort,
		restore: opts.restore
	});
	const close = async () => {
		await data.close();
		await query.close();
		channel.port1.close();
		channel.port2.close();
	};
	return { data, query, opened, events, close };
}

export async function until(check: () => Promise<boolean> | boolean, ms = 3000) {
	const end = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 10));
	}
}

/** The value of a successful command result; a refused one fails the test with its errors. */
export function ok<T>(r: { ok: true; value: T } | { ok: false; errors: unknown }): T {
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value;
}
