// What the import worker checks rows against, read in the data worker from the live documents:
// members, customers and contacts with their matching fields, products, the base currency.
// Merged-away and deleted records are left out (rows must not match them).
import type { Collection } from '../store/collection';
import type { MatchRecord } from '../domain/import/match';
import type { RecordMeta } from '../domain/record';
import type { DataService } from './data-service';
import type { ImportCollection, ImportSource } from './protocol';

type Rec = RecordMeta & Record<string, unknown>;

function live(c: Collection<Rec>): Rec[] {
	const out: Rec[] = [];
	for (const id of c.ids()) {
		const l = c.load(id);
		if (l && !l.deletion && !l.record.mergedInto) out.push(l.record);
	}
	return out;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function matchRecord(r: Rec, company = ''): MatchRecord {
	return { id: r.id, name: String(r.name ?? ''), company: String(r.company ?? company), phones: strings(r.phones), emails: strings(r.emails) };
}

/** The import context of one record type; `owner` is filled in by the import worker's caller. */
export async function importSource(svc: DataService, kind: ImportCollection): Promise<ImportSource> {
	const sales = await svc.sales();
	const info = svc.info();
	const customers = live(svc.ws.customers as unknown as Collection<Rec>);
	const names = new Map(customers.map((c) => [c.id, String(c.company || c.name || '')]));
	return {
		members: info.members.map((m) => ({ id: m.id, name: m.name })),
		customers: customers.map((c) => matchRecord(c)),
		contacts: kind === 'contacts' ? live(svc.ws.contacts as unknown as Collection<Rec>).map((c) => matchRecord(c, names.get(String(c.customer)) ?? '')) : [],
		products:
			kind === 'orders' || kind === 'products'
				? live(sales.products as unknown as Collection<Rec>).map((p) => ({ id: p.id, name: String(p.name ?? ''), sku: String(p.sku ?? ''), unit: String(p.unit ?? ''), unitPrice: Number(p.unitPrice ?? 0), currency: String(p.currency ?? '') }))
				: [],
		orders: kind === 'orders' ? live(sales.orders as unknown as Collection<Rec>).filter((o) => o.contractNo).map((o) => ({ id: o.id, contractNo: String(o.contractNo) })) : [],
		owner: '',
		currency: info.currency.base
	};
}
