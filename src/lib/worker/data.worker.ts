/// <reference lib="webworker" />
// Entry of the data worker: the Y.Doc and everything that writes it live here.
import { DataService } from './data-service';
import type { DataApi, DataEvents } from './protocol';
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
	slaPolicy: () => svc.slaPolicy(),
	setSlaPolicy: (a) => svc.setSlaPolicy(a),
	trash: () => svc.trash(),
	globalSearch: ({ text, limit }) => svc.globalSearch(text, limit),
	workspaceInfo: async () => (await svc.ready(), svc.info()),
	renameWorkspace: ({ name }) => svc.rename(name),
	updateProfile: ({ profile }) => svc.updateProfile(profile),
	loadSample: ({ customers, seed }) => svc.loadSample(customers, seed),
	exportBackup: () => svc.exportBackup(),
	exportCsv: ({ headers, values, collection }) => svc.exportCsv(headers, values, collection),
	connect: (a) => svc.connect(a),
	disconnect: async () => svc.disconnect(),
	setOnline: async ({ online }) => svc.setOnline(online),
	setPresence: async (focus) => svc.setPresence(focus),
	close: () => svc.close()
});
