// Selling through the data service: products, deals on the board, an order from a won deal,
// the customer's purchase history; kept in the sales document across a restart and a backup.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { observationsOf, SalesStore } from '../../src/lib/store/sales';
import { competitorRecords } from '../../src/lib/domain/competitor';
import { dealCompetitors } from '../../src/lib/domain/deal';
import { createRecord } from '../../src/lib/store/commands';
import { WorkspaceStore } from '../../src/lib/store/workspace';
import { openPair, until } from './helpers';

const ok = <T>(r: { ok: true; value: T } | { ok: false; errors: unknown }): T => {
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value;
};

describe('selling in the data service', () => {
	it('walks a deal across the board to won, orders it, and the customer shows its purchases', async () => {
		const ws = `ws-${Math.random()}`;
		const a = await openPair(ws, { memberId: 'me' });
		await a.opened;
		ok(await a.data.setCurrency({ base: 'CNY', rates: [{ currency: 'USD', rate: '7.1' }] }));
		const cust = ok(await a.data.createCustomer({ name: '杭州西湖茶业', stage: 'prospect' }));
		const tea = ok(await a.data.createRecord('products', { name: '龙井茶 250g', sku: 'LJ-250', unitPrice: 12800, currency: 'CNY' }));
		expect((await a.data.createRecord('products', { name: 'Dup', sku: 'lj-250', unitPrice: 1, currency: 'CNY' })).ok).toBe(false);
		const deal = ok(
			await a.data.createRecord('deals', {
				title: '年度茶礼',
				customer: cust,
				currency: 'CNY',
				lines: [{ product: tea, name: '龙井茶 250g', unit: '盒', quantity: '10', unitPrice: 12800, discountKind: 'percent', discount: '10', discountAmount: 0 }]
			})
		);
		let board = await a.data.board({ text: '', owner: '' });
		expect(board.columns[0].cards.map((c) => c.id)).toEqual([deal]);
		expect(board.columns[0].cards[0].amount).toBe(115200);

		// Across the open stages, then to lost without a reason: refused.
		for (const st of board.pipeline.stages.filter((s) => s.kind === 'open').slice(1)) ok(await a.data.moveDeal(deal, st.id, 0, {}));
		const lost = board.pipeline.stages.find((s) => s.kind === 'lost')!.id;
		const won = board.pipeline.stages.find((s) => s.kind === 'won')!.id;
		expect((await a.data.moveDeal(deal, lost, 0, {})).ok).toBe(false);
		ok(await a.data.moveDeal(deal, won, 0, {}));
		board = await a.data.board({ text: '', owner: '' });
		expect(board.columns.find((c) => c.stage.id === won)!.cards.map((c) => c.id)).toEqual([deal]);
		// A won deal moves back only when reopened.
		expect((await a.data.moveDeal(deal, board.pipeline.stages[0].id, 0, {})).ok).toBe(false);

		const order = ok(await a.data.orderForDeal(deal));
		expect(order.suggestCustomer).toBe(true);
		const cs = await a.data.customerSales(cust);
		expect(cs.orders.map((o) => [o.id, o.total, o.status])).toEqual([[order.order, 115200, 'confirmed']]);
		expect(cs.summary).toMatchObject({ count: 1, total: 115200 });
		expect((await a.data.updateRecord('orders', order.order, { status: 'paid' })).ok).toBe(true);
		expect((await a.data.updateRecord('orders', order.order, { status: 'cancelled' })).ok).toBe(false);
		// A competitor linked to the deal: counted on its page, and its link kept by a backup.
		const rival = ok(await a.data.createRecord('competitors', { name: '狮峰茶庄' }));
		ok(await a.data.updateRecord('deals', deal, { competitors: [rival] }));
		expect(await a.data.competitorDetail(rival)).toMatchObject({ won: 1, lost: 0, deals: [{ id: deal }] });
		const backup = await a.data.exportBackup();
		await a.close();

		// A restart: everything is back, from the sales document.
		const b = await openPair(ws, { memberId: 'me' });
		await b.opened;
		expect((await b.data.customerSales(cust)).orders.map((o) => o.status)).toEqual(['paid']);
		expect((await b.data.salesList('products', 'lj')).map((p) => p.name)).toEqual(['龙井茶 250g']);
		await b.close();

		const parsed = JSON.parse(backup);
		expect(parsed.collections.deals.map((d: { id: string }) => d.id)).toEqual([deal]);
		const c = await openPair(`ws-${Math.random()}`, { restore: backup });
		await c.opened;
		await until(async () => (await c.data.customerSales(cust)).orders.length === 1);
		expect(await c.data.competitorDetail(rival)).toMatchObject({ won: 1, deals: [{ id: deal }] });
		await c.close();
	});
});

/** Two members' sales stores (each with its main document) and write contexts on one clock. */
function twoMembers() {
	const mk = () => {
		const main = new Y.Doc();
		const ws = new WorkspaceStore(main);
		return { main, sales: new SalesStore(new Y.Doc(), ws.settings) };
	};
	let t = 1;
	return { a: mk(), b: mk(), ca: { memberId: 'a', now: () => ++t }, cb: { memberId: 'b', now: () => ++t } };
}

/** Exchanges what each of two documents lacks. */
function sync(x: Y.Doc, y: Y.Doc) {
	Y.applyUpdate(y, Y.encodeStateAsUpdate(x, Y.encodeStateVector(y)));
	Y.applyUpdate(x, Y.encodeStateAsUpdate(y, Y.encodeStateVector(x)));
}

describe('two members on one board', () => {
	it('converges when both move the same deal at once, and keeps edits of different fields', () => {
		const { a, b, ca, cb } = twoMembers();
		const ids = ['one', 'two', 'three'].map((title) => ok(a.sales.createDeal({ title, currency: 'CNY' }, ca)));
		sync(a.sales.doc, b.sales.doc);
		const [s0, s1, s2] = a.sales.pipeline.stages.map((s) => s.id);
		// Both drag "two": A to stage 2, B to stage 3; both also edit other fields of it.
		ok(a.sales.moveDeal(ids[1], s1, 0, {}, ca));
		ok(b.sales.moveDeal(ids[1], s2, 0, {}, cb));
		ok(a.sales.updateDeal(ids[1], { nextStep: '寄样品' }, ca));
		ok(b.sales.updateDeal(ids[1], { expectedClose: '2027-01-31' }, cb));
		sync(a.sales.doc, b.sales.doc);
		const da = a.sales.deals.get(ids[1])!;
		const db = b.sales.deals.get(ids[1])!;
		expect(da).toEqual(db);
		expect([s1, s2]).toContain(da.stage);
		expect(da).toMatchObject({ nextStep: '寄样品', expectedClose: '2027-01-31' });
		// Every column lists the same cards in the same order on both sides.
		for (const st of [s0, s1, s2]) expect(a.sales.column(st).map((d) => d.id)).toEqual(b.sales.column(st).map((d) => d.id));
	});

	it('keeps observations two members add to a competitor at the same time, and counts deals against it', () => {
		const { a: ma, b: mb, ca, cb } = twoMembers();
		const [a, b] = [ma.sales, mb.sales];
		const id = ok(createRecord(a.competitors, a.competitorRules(), { name: '华东精密' }, ca));
		sync(a.doc, b.doc);
		ok(a.observe(id, 'Cut prices 15%', ca));
		ok(b.observe(id, 'New plant in Suzhou', cb));
		expect(b.observe(id, '  ', cb).ok).toBe(false);
		sync(a.doc, b.doc);
		for (const s of [a, b]) expect(observationsOf(s.competitors.get(id)!).map((o) => o.text).sort()).toEqual(['Cut prices 15%', 'New plant in Suzhou']);
		// A duplicate name (width and case folded) is refused.
		expect(createRecord(a.competitors, a.competitorRules(), { name: '华东精密 ' }, ca).ok).toBe(false);
	});

	it('keeps both competitors two members link to one deal at the same time, and counts the deal by id and by legacy name', () => {
		const { a, b, ca, cb } = twoMembers();
		const huadong = ok(createRecord(a.sales.competitors, a.sales.competitorRules(), { name: '华东精密' }, ca));
		const acme = ok(createRecord(a.sales.competitors, a.sales.competitorRules(), { name: 'Acme' }, ca));
		const zeta = ok(createRecord(a.sales.competitors, a.sales.competitorRules(), { name: 'Zeta' }, ca));
		// An older deal names its competitor as typed; it is linked to none yet.
		const deal = ok(a.sales.createDeal({ title: '数控机床', currency: 'CNY' }, ca));
		a.sales.deals.update(deal, { competitors: ['ACME '] }, ca);
		sync(a.main, b.main);
		sync(a.sales.doc, b.sales.doc);
		// Each member picks a different competitor, keeping what the deal had.
		ok(a.sales.updateDeal(deal, { competitors: ['ACME ', huadong] }, ca));
		ok(b.sales.updateDeal(deal, { competitors: ['ACME ', zeta] }, cb));
		sync(a.sales.doc, b.sales.doc);
		for (const s of [a, b]) expect(dealCompetitors(s.sales.deals.get(deal)!)).toEqual(['ACME ', huadong, zeta]);
		// Lost: the legacy name counts for Acme, the links for the other two.
		ok(a.sales.updateDeal(deal, { stage: 'lost', lostReason: 'Price' }, ca));
		const records = competitorRecords(a.sales.activeDeals(), a.sales.activeCompetitors());
		for (const id of [huadong, acme, zeta]) expect(records.get(id)).toMatchObject({ won: 0, lost: 1, open: 0 });
		// One member unlinks Zeta while the other drops the typed name: both removals hold.
		sync(a.sales.doc, b.sales.doc);
		ok(a.sales.updateDeal(deal, { competitors: ['ACME ', huadong] }, ca));
		ok(b.sales.updateDeal(deal, { competitors: [huadong, zeta] }, cb));
		sync(a.sales.doc, b.sales.doc);
		for (const s of [a, b]) expect(dealCompetitors(s.sales.deals.get(deal)!)).toEqual([huadong]);
		expect(competitorRecords(b.sales.activeDeals(), b.sales.activeCompetitors()).get(acme)).toMatchObject({ lost: 0 });
		// A competitor that is not on record is refused, and nothing is written.
		const before = b.sales.deals.get(deal);
		expect(b.sales.updateDeal(deal, { competitors: [huadong, 'no-such-id'], nextStep: 'x' }, cb)).toEqual({ ok: false, errors: [{ field: 'competitors', code: 'unknownRecord' }] });
		expect(b.sales.createDeal({ title: 'y', currency: 'CNY', competitors: ['Acme'] }, cb).ok).toBe(false);
		expect(b.sales.deals.get(deal)).toEqual(before);
	});
});
