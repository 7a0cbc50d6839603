// The main thread's handle on one open workspace: its two workers and their typed APIs.
import type { DataApi, DataEvents, ImportApi, ImportEvents, OpenArgs, QueryApi, QueryEvents } from './protocol';
import { RpcClient, type Endpoint } from './rpc';

export type DataClient = RpcClient<DataApi, DataEvents>;
export type QueryClient = RpcClient<QueryApi, QueryEvents>;
export type ImportClient = RpcClient<ImportApi, ImportEvents>;

export class WorkspaceClient {
	readonly data: DataClient;
	readonly query: QueryClient;
	readonly #workers: Worker[];
	#importer: ImportClient | null = null;

	constructor() {
		const data = new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module', name: 'rapport-data' });
		const query = new Worker(new URL('./query.worker.ts', import.meta.url), { type: 'module', name: 'rapport-query' });
		this.#workers = [data, query];
		this.data = new RpcClient(data as unknown as Endpoint);
		this.query = new RpcClient(query as unknown as Endpoint);
		for (const w of this.#workers) {
			w.addEventListener('error', (e) => console.error('worker error', e.message));
		}
	}

	/**
	 * Opens a workspace: the list (query worker) first, so the first screen does not wait
	 * for the CRDT; the data worker's result resolves when the CRDT is loaded.
	 */
	open(args: Omit<OpenArgs, 'port'>, locale: string) {
		const channel = new MessageChannel();
		const list = this.query
			.call('open', { workspaceId: args.workspaceId, locale })
			.then(() => this.query.call('attach', { port: channel.port2 }, [channel.port2]));
		// The port buffers the data worker's messages until the query worker attaches it.
		const data = this.data.call('open', { ...args, port: channel.port1 }, [channel.port1]);
		return { list, data };
	}

	/** The import worker, started on first use with a port to the data worker. */
	importer(): ImportClient {
		if (this.#importer) return this.#importer;
		const w = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'rapport-import' });
		this.#workers.push(w);
		const client: ImportClient = new RpcClient(w as unknown as Endpoint);
		const channel = new MessageChannel();
		void this.data.call('attachImport', { port: channel.port1 }, [channel.port1]);
		void client.call('attach', { port: channel.port2 }, [channel.port2]);
		return (this.#importer = client);
	}

	/** Flushes both workers to disk, then stops them. */
	async close(): Promise<void> {
		await Promise.allSettled([this.data.call('close', undefined), this.query.call('close', undefined)]);
		for (const w of this.#workers) w.terminate();
		this.data.failAll('closed');
		this.query.failAll('closed');
		this.#importer?.failAll('closed');
	}
}
