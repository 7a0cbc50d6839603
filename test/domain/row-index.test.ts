import { describe, expect, it } from 'vitest';
import { comparator, compileFilter, customerRow, DEFAULT_QUERY, indexRow, type CustomerQuery, type CustomerRow, SORT_KEYS } from '../../src/lib/domain/customer-query';
import { RowIndex } from '../../src/lib/domain/row-index';
import { generateWorkspace } from '../../src/lib/domain/sample/generator';

/** The obvious, slow answer: filter every row, sort the result. */
function bruteForce(rows: CustomerRow[], q: CustomerQuery, collator: Intl.Collator): string[] {
	const f = compileFilter(q);
	const cmp = comparator(q.sort, collator);
	const hits = rows.map((r) => indexRow({ ...r })).filter(f).sort(cmp);
	if (q.dir === 'desc') hits.reverse();
	return hits.map((r) => r.id);
}

/** Every matching id, fetched in uneven windows as a scrolling list does. */
function ids(index: RowIndex, q: CustomerQuery): string[] {
	const hits = index.run(q);
	const out: number[] = [];
	for (let offset = 0, size = 7; offset < hits.total; offset += size, size = size * 2 + 1) out.push(...hits.slice(offset, size));
	expect(hits.slice(hits.total, 10)).toEqual([]);
	return out.map((i) => index.rows[i].id);
}

describe('row index', () => {
	const collator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });
	const { customers, members } = generateWorkspace({ customers: 1500, seed: 5 });
	const rows = customers.map((c, i) => customerRow(c, i % 17 === 0 ? 1 : 0));

	it('answers like a brute-force filter and sort, while typing (narrowing) and after edits', () => {
		const index = new RowIndex(collator);
		index.reset(rows.map((r) => ({ ...r })));
		let seed = 11;
		const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
		const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];
		const current = rows.map((r) => ({ ...r }));
		const texts = ['科技', '有限', 'trad', 'co', '138', '1380013', '+86 1', '王', 'li', '(021'];
		for (let round = 0; round < 40; round++) {
			const word = pick(texts);
			const base: CustomerQuery = {
				...DEFAULT_QUERY,
				sort: pick(SORT_KEYS),
				dir: rnd() < 0.5 ? 'asc' : 'desc',
				stage: rnd() < 0.3 ? pick(['potential', 'prospect', 'customer', 'lost'] as const) : '',
				owner: rnd() < 0.2 ? pick(members).id : '',
				trash: rnd() < 0.1
			};
			// Type the word one character at a time, as a person does.
			for (let k = 1; k <= word.length; k++) {
				const q = { ...base, text: word.slice(0, k) };
				expect(ids(index, q), JSON.stringify(q)).toEqual(bruteForce(current, q, collator));
			}
			// Somebody edits a few rows in between.
			const changed: CustomerRow[] = [];
			for (let e = 0; e < 3; e++) {
				const at = Math.floor(rnd() * current.length);
				const r = { ...current[at], name: `${pick(['Acme', '华为科技', 'Zeta', word])} ${round}-${e}`, stage: pick(['potential', 'customer'] as const), updatedAt: 2e12 + round * 10 + e };
				current[at] = r;
				changed.push({ ...r });
			}
			if (round % 10 === 0) {
				const fresh = { ...current[0], id: `new-${round}`, name: `新客户 ${round}` };
				current.push(fresh);
				changed.push({ ...fresh });
			}
			index.upsert(changed);
			// The same search again after the edits must see them.
			const again = { ...base, text: word };
			expect(ids(index, again), `after edits ${JSON.stringify(again)}`).toEqual(bruteForce(current, again, collator));
		}
	}, 30_000);

	it('gives the first screen of the default view', () => {
		const index = new RowIndex(collator);
		index.reset(rows.map((r) => ({ ...r })));
		const head = index.head(20);
		expect(head.total).toBe(rows.filter((r) => r.state === 0).length);
		expect(head.rows.map((r) => r.id)).toEqual(bruteForce(rows, DEFAULT_QUERY, collator).slice(0, 20));
	});
});

describe('row index scope', () => {
	const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
	const { customers } = generateWorkspace({ customers: 400, seed: 9 });
	const rows = customers.map((c) => customerRow(c, 0));

	it('keeps only the scope’s customers, with text and filters as usual', () => {
		const index = new RowIndex(collator);
		index.reset(rows.map((r) => ({ ...r })));
		const only = new Set(rows.filter((_, i) => i % 3 === 0).map((r) => r.id));
		const q: CustomerQuery = { ...DEFAULT_QUERY, scope: 's1' };
		const all = index.run(q, only);
		expect(all.total).toBe(only.size);
		expect(all.slice(0, all.total).every((i) => only.has(index.rows[i].id))).toBe(true);
		const word = rows[0].name.slice(0, 2);
		const withText = index.run({ ...q, text: word }, only);
		const expected = bruteForce(rows, { ...q, text: word }, collator).filter((id) => only.has(id));
		expect(withText.slice(0, withText.total).map((i) => index.rows[i].id)).toEqual(expected);
		expect(expected.length).toBeGreaterThan(0);
		const stage = index.run({ ...q, stage: 'customer' }, only);
		expect(stage.total).toBe(rows.filter((r) => only.has(r.id) && r.stage === 'customer').length);
	});
});
