import { describe, expect, it } from 'vitest';
import { comparator, compileFilter, customerRow, DEFAULT_QUERY, indexRow, type CustomerQuery, type CustomerRow, SORT_KEYS } from '../../src/lib/domain/customer-query';
import { RowIndex } from '../../src/lib/domain/row-index';
import { generateWorkspace } from '../../src/lib/domain/sample/generator';
import { pinyinKey } from '../../src/lib/domain/pinyin';

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

/** A seeded source of random picks, and a random query without text (sort, filters, trash). */
function randomQueries(seed: number, members: readonly { id: string }[]) {
	const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
	const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];
	const query = (): CustomerQuery => ({
		...DEFAULT_QUERY,
		sort: pick(SORT_KEYS),
		dir: rnd() < 0.5 ? 'asc' : 'desc',
		stage: rnd() < 0.3 ? pick(['potential', 'prospect', 'customer', 'lost'] as const) : '',
		owner: rnd() < 0.2 ? pick(members).id : '',
		trash: rnd() < 0.1
	});
	return { rnd, pick, query };
}

describe('row index', () => {
	const collator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });
	const { customers, members } = generateWorkspace({ customers: 1500, seed: 5 });
	const rows = customers.map((c, i) => customerRow(c, i % 17 === 0 ? 1 : 0));

	it('answers like a brute-force filter and sort, while typing (narrowing) and after edits', () => {
		const index = new RowIndex(collator);
		index.reset(rows.map((r) => ({ ...r })));
		const { rnd, pick, query } = randomQueries(11, members);
		const current = rows.map((r) => ({ ...r }));
		const texts = ['科技', '有限', 'trad', 'co', '138', '1380013', '+86 1', '王', 'li', '(021'];
		for (let round = 0; round < 40; round++) {
			const word = pick(texts);
			const base = query();
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

describe('row index posting lists', () => {
	const collator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });
	const { customers, members } = generateWorkspace({ customers: 1200, seed: 21 });
	const rows = customers.map((c, i) => customerRow(c, i % 13 === 0 ? 1 : 0));

	it('answers as a scan does, while the lists build, after edits, with pinyin keys, and after too many edits drop them', async () => {
		const { pinyin } = await import('pinyin-pro');
		const keyOf = (r: CustomerRow) =>
			pinyinKey(r.name, r.company, (han, { name }) => pinyin(han, { toneType: 'none', type: 'array', surname: name ? 'head' : 'off', v: true }));
		// The scan is the oracle (the test above holds it to a brute-force filter).
		const scan = new RowIndex(collator);
		const lists = new RowIndex(collator, 40);
		for (const index of [scan, lists]) index.reset(rows.map((r) => ({ ...r })));
		const { rnd, pick, query } = randomQueries(7, members);
		const texts = ['zhang', 'zs', 'li', 'trad', '138', '科技', '有限', '王', 'co', 'summit co', '+86 1', '(021', 'a', '1', 'hua dong'];
		let fromLists = 0;
		let dropped = false;
		for (let round = 0; round < 60; round++) {
			if (round === 8) for (const index of [scan, lists]) index.setPinyin(keyOf);
			if (round >= 8) for (const index of [scan, lists]) index.buildPinyin(150);
			if (!(round >= 45 && round < 50)) for (let k = 0; k < 3; k++) lists.buildSearch(400);
			if (lists.searchBuilt) fromLists++;
			const word = pick(texts);
			const base = query();
			for (let k = 1; k <= word.length; k++) {
				const q = { ...base, text: word.slice(0, k) };
				expect(ids(lists, q), `round ${round} ${JSON.stringify(q)}`).toEqual(ids(scan, q));
			}
			// Edits and new rows between keystrokes; at round 40 more than the lists keep aside.
			const count = round === 40 ? 45 : 2;
			const changed: CustomerRow[] = [];
			for (let e = 0; e < count; e++) {
				const at = Math.floor(rnd() * rows.length);
				changed.push({ ...rows[at], name: `${pick(['Acme', '华为科技', '张伟', 'Zeta', word])} ${round}-${e}`, phones: [pick(['13800138000', '021 555', ''])], updatedAt: 2e12 + round * 100 + e });
			}
			if (round % 10 === 0) changed.push({ ...rows[0], id: `new-${round}`, name: `新客户张 ${round}` });
			for (const index of [scan, lists]) index.upsert(changed.map((r) => ({ ...r })));
			if (round === 40) {
				dropped = !lists.searchBuilt;
				const q = { ...DEFAULT_QUERY, text: 'zh' };
				expect(ids(lists, q)).toEqual(ids(scan, q));
			}
		}
		expect(dropped).toBe(true);
		while (!lists.buildSearch(250));
		for (const text of texts) expect(ids(lists, { ...DEFAULT_QUERY, text }), text).toEqual(ids(scan, { ...DEFAULT_QUERY, text }));
		expect(fromLists).toBeGreaterThan(20);
	}, 60_000);
});
