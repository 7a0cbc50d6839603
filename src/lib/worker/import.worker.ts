/// <reference lib="webworker" />
// Entry of the import worker: reading and checking import files off the main thread.
import { ImportService } from './import-service';
import type { ImportApi, ImportEvents, ImportPortApi } from './protocol';
import { RpcClient, serve, type Endpoint } from './rpc';

let emit: <K extends keyof ImportEvents & string>(n: K, d: ImportEvents[K]) => void = () => {};

// Choice labels in every language ("意向客户" → prospect), loaded when the first check runs.
const catalogs = async () =>
	Promise.all([import('../i18n/en').then((m) => m.en), import('../i18n/zh-CN').then((m) => m.zhCN), import('../i18n/zh-TW').then((m) => m.zhTW)]) as Promise<Record<string, string>[]>;

const svc = new ImportService(catalogs, (e) => emit('progress', e));

emit = serve<ImportApi, ImportEvents>(self as unknown as Endpoint, {
	attach: async ({ port }) => svc.attach(new RpcClient<ImportPortApi, Record<string, never>>(port as unknown as Endpoint)),
	read: async (a) => svc.read(a),
	check: (a) => svc.check(a),
	cancel: async ({ job }) => svc.cancel(job),
	confirm: (a) => svc.confirm(a)
});
