/// <reference lib="webworker" />
// Entry of the data worker: the Y.Doc and everything that writes it live here.
import { DataService } from './data-service';
import { importSource } from './import-source';
import type { DataApi, DataEvents, ImportPortApi } from './protocol';
import { serve, type Endpoint } from './rpc';

let emit: <K extends keyof DataEvents & string>(n: K, d: DataEvents[K]) => void = () => {};
const svc = new DataService((n, d) => emit(n, d));

emit = serve<DataApi, DataEvents>(self as unknown as Endpoint, {
	open: (a) => svc.open(a),
	getCustomer: ({ id }) => svc.getCustomer(id),
	createCustomer: ({ fields }) => svc.createCustomer(fields),
	updateCustomer: ({ id, patch }) => svc.updateCustomer(id, patch),
	removeCustomers: ({ ids }) => svc.removeCustomers(ids),
	restoreCustomers: ({ ids }) => svc.restoreCustomers(ids),
	getRecord: ({ collection, id }) => svc.getRecord(collection, id),
	createRecord: ({ collection, fields }) => svc.createRecord(collection, fields),
	updateRecord: ({ collection, id, patch }) => svc.updateRecord(collection, id, patch),
	removeRecords: ({ collection, ids, restore }) => svc.removeRecords(collection, ids, restore),
	listRecords: ({ collection, q, offset, limit }) => svc.listRecords(collection, q, offset, limit),
	timeline: ({ customer }) => svc.timeline(customer),
	fieldDefs: () => svc.fieldDefs(),
	winBackList: () => svc.winBackList(),
	bulkUpdateCustomers: ({ ids, change }) => svc.bulkUpdateCustomers(ids, change),
	reassign: ({ from, to }) => svc.reassign(from, to),
	careOccasions: ({ from, to }) => svc.careOccasions(from, to),
	createCareTasks: ({ occasion, customers, leadDays, today, titles }) => svc.createCareTasks(occasion, customers, leadDays, today, titles),
	agenda: ({ from, to, member }) => svc.agenda(from, to, member),
	board: (q) => svc.board(q),
	moveDeal: ({ id, stage, index, reason, reopen }) => svc.moveDeal(id, stage, index, { reason, reopen }),
	orderForDeal: ({ deal }) => svc.orderForDeal(deal),
	customerSales: ({ customer }) => svc.customerSales(customer),
	salesList: ({ collection, text }) => svc.salesList(collection, text),
	setCurrency: (a) => svc.setCurrency(a),
	setPipeline: (a) => svc.setPipeline(a),
	competitorList: ({ text }) => svc.competitorList(text),
	competitorDetail: ({ id }) => svc.competitorDetail(id),
	observeCompetitor: ({ id, text }) => svc.observeCompetitor(id, text),
	ticketList: (q) => svc.ticketList(q),
	ticketSla: ({ id }) => svc.ticketSla(id),
	ticketSatisfaction: () => svc.ticketSatisfaction(),
	ticketActivities: ({ id }) => svc.ticketActivities(id),
	customerLinks: ({ customer }) => svc.customerLinks(customer),
	slaPolicy: () => svc.slaPolicy(),
	setSlaPolicy: (a) => svc.setSlaPolicy(a),
	dashboard: (f) => svc.analytics.dashboard(f),
	dashboardCustomers: ({ filters, drill }) => svc.analytics.dashboardCustomers(filters, drill),
	segmentList: () => svc.segmentList(),
	segmentFields: () => svc.analytics.segmentFields(),
	segmentCount: ({ rule }) => svc.analytics.segmentCount(rule),
	segmentIds: ({ rule }) => svc.analytics.segmentIds(rule),
	createSegmentTasks: ({ rule, task }) => svc.analytics.createSegmentTasks(rule, task),
	attention: ({ limit }) => svc.analytics.attention(limit),
	forecastOptions: () => svc.analytics.forecastOptions(),
	forecast: ({ target, horizon }) => svc.analytics.forecast(target, horizon),
	customerFacts: ({ id }) => svc.analytics.customerFacts(id),
	setTierOverride: ({ id, tier, reason }) => svc.analytics.setTierOverride(id, tier, reason),
	analyticsSettings: () => svc.analytics.settings(),
	setAnalyticsSettings: (a) => svc.analytics.setSettings(a),
	trash: () => svc.trash(),
	globalSearch: ({ text, limit }) => svc.globalSearch(text, limit),
	workspaceInfo: async () => (await svc.ready(), svc.info()),
	renameWorkspace: ({ name }) => svc.rename(name),
	updateProfile: ({ profile }) => svc.updateProfile(profile),
	loadSample: ({ customers, seed }) => svc.loadSample(customers, seed),
	importBatch: (a) => svc.importBatch(a),
	cancelImport: ({ batchId }) => svc.cancelImport(batchId),
	undoImport: ({ batchId }) => svc.undoImport(batchId),
	importBatches: () => svc.importBatches(),
	mergeRecords: (a) => svc.mergeRecords(a),
	undoMerge: ({ mergeId }) => svc.undoMerge(mergeId),
	duplicates: (a) => svc.duplicates(a),
	similarCustomers: ({ fields, exclude }) => svc.similarCustomers(fields, exclude),
	attachImport: async ({ port }) => {
		serve<ImportPortApi, Record<string, never>>(port as unknown as Endpoint, {
			importContext: ({ kind }) => importSource(svc, kind),
			importBatch: (a) => svc.importBatch(a)
		});
	},
	exportBackup: () => svc.exportBackup(),
	exportCsv: ({ headers, values, collection, ids }) => svc.exportCsv(headers, values, collection, ids),
	connect: (a) => svc.connect(a),
	disconnect: async () => svc.disconnect(),
	setOnline: async ({ online }) => svc.setOnline(online),
	setPresence: async (focus) => svc.setPresence(focus),
	close: () => svc.close()
});
