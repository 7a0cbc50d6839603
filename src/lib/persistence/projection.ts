// The saved list projection: customer rows as compact tuples in one JSON string, so a cold
// open reads one value and parses it instead of decoding the CRDT.
import type { CustomerRow } from '../domain/customer-query';

type Tuple = [
	string, string, string, string[], string[], string, string, string, string[], string, string,
	number, number, number, number, (Record<string, unknown> | 0)?
];

export function encodeRows(rows: readonly CustomerRow[]): string {
	return JSON.stringify(
		rows.map(
			(r): Tuple => [
				r.id, r.name, r.company, r.phones, r.emails, r.stage, r.type, r.owner, r.tags, r.region, r.city,
				r.createdAt, r.updatedAt, r.state, r.deletedAt, ...(r.custom ? [r.custom] : [])
			] as Tuple
		)
	);
}

export function decodeRows(text: string): CustomerRow[] {
	const tuples = JSON.parse(text) as Tuple[];
	const out: CustomerRow[] = new Array(tuples.length);
	for (let i = 0; i < tuples.length; i++) {
		const t = tuples[i];
		out[i] = {
			id: t[0], name: t[1], company: t[2], phones: t[3], emails: t[4],
			stage: t[5] as CustomerRow['stage'], type: t[6] as CustomerRow['type'], owner: t[7], tags: t[8],
			region: t[9], city: t[10], createdAt: t[11], updatedAt: t[12], state: t[13] as CustomerRow['state'],
			deletedAt: t[14]
		};
		if (t[15]) out[i].custom = t[15];
	}
	return out;
}

/** What is saved: the rows, the first screen of the default view, and the CRDT state they match. */
export interface SavedProjection {
	rows: string;
	head: { total: number; rows: CustomerRow[] };
	meta: { sv: string; count: number; savedAt: number };
}
