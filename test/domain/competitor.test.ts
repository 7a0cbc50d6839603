// Competitors: profile validation (unique folded names, price levels, websites), the observation
// log, and won/lost records from deals that name a competitor by id or by free text.
import { describe, expect, it } from 'vitest';
import {
	COMPETITOR_FIELDS,
	competitorKey,
	competitorRecord,
	competitorRecords,
	emptyCompetitor,
	findCompetitor,
	observationLog,
	refersTo,
	validateCompetitor,
	validateObservation,
	websiteHref,
	type CompetitorFields,
	type CompetitorObservation
} from '../../src/lib/domain/competitor';
import { DEFAULT_PIPELINE, type Pipeline } from '../../src/lib/domain/deal';

describe('competitor profiles', () => {
	const profile = (over: Partial<CompetitorFields> = {}): CompetitorFields => ({ ...emptyCompetitor(), name: '华为', ...over });

	it('starts empty with every field listed', () => {
		expect(emptyCompetitor()).toEqual({ name: '', strategy: '', products: [], strengths: '', weaknesses: '', priceLevel: '', website: '', notes: '' });
		expect(Object.keys(emptyCompetitor()).sort()).toEqual([...COMPETITOR_FIELDS].sort());
	});

	it('accepts a full profile, trimming text and product entries', () => {
		const { value, errors } = validateCompetitor(
			profile({ name: ' 华为 ', strategy: '低价抢占华东渠道', products: [' 交换机 ', '路由器', '', '交换机'], strengths: '品牌', weaknesses: '交期长', priceLevel: 'premium', website: 'huawei.com', notes: '—' })
		);
		expect(errors).toEqual([]);
		expect(value).toMatchObject({ name: '华为', products: ['交换机', '路由器'], priceLevel: 'premium', website: 'huawei.com' });
	});

	it('requires a name when creating only', () => {
		expect(validateCompetitor(profile({ name: ' ' })).errors).toEqual([{ field: 'name', code: 'required' }]);
		expect(validateCompetitor({ notes: 'x' }, { partial: true }).errors).toEqual([]);
		expect(validateCompetitor({ name: '' }, { partial: true }).errors).toEqual([{ field: 'name', code: 'required' }]);
	});

	it('checks price level, lengths and product entries', () => {
		expect(validateCompetitor(profile({ priceLevel: 'cheap' as CompetitorFields['priceLevel'] })).errors).toEqual([{ field: 'priceLevel', code: 'invalidChoice' }]);
		expect(validateCompetitor(profile({ priceLevel: '' })).errors).toEqual([]);
		expect(validateCompetitor(profile({ strengths: 'x'.repeat(4001) })).errors).toEqual([{ field: 'strengths', code: 'tooLong', max: 4000 }]);
		expect(validateCompetitor(profile({ products: ['x'.repeat(101)] })).errors).toEqual([{ field: 'products', code: 'tooLong', max: 100 }]);
		expect(validateCompetitor(profile({ name: 'x'.repeat(201) })).errors).toEqual([{ field: 'name', code: 'tooLong', max: 200 }]);
	});

	it('keeps names unique, compared folded', () => {
		const others = [
			{ id: 'k1', name: 'ACME  Corp' },
			{ id: 'k2', name: '华为' }
		];
		expect(validateCompetitor(profile({ name: 'ａｃｍｅ corp' }), { competitors: others }).errors).toEqual([{ field: 'name', code: 'duplicateValue' }]);
		expect(validateCompetitor(profile({ name: '华为' }), { competitors: others }).errors).toEqual([{ field: 'name', code: 'duplicateValue' }]);
		expect(validateCompetitor(profile({ name: '华为' }), { competitors: others, id: 'k2' }).errors).toEqual([]);
		expect(validateCompetitor(profile({ name: 'Acme Corporation' }), { competitors: others }).errors).toEqual([]);
	});

	it('checks the website', () => {
		expect(validateCompetitor(profile({ website: 'not a site' })).errors).toEqual([{ field: 'website', code: 'urlInvalid' }]);
		expect(validateCompetitor(profile({ website: '' })).errors).toEqual([]);
	});
});

describe('website links', () => {
	it('adds https to a bare domain and keeps http(s) URLs', () => {
		expect(websiteHref('example.com')).toBe('https://example.com/');
		expect(websiteHref(' www.example.com.cn/products?x=1 ')).toBe('https://www.example.com.cn/products?x=1');
		expect(websiteHref('http://example.com/a')).toBe('http://example.com/a');
		expect(websiteHref('HTTPS://Example.COM')).toBe('https://example.com/');
		expect(websiteHref('ｅｘａｍｐｌｅ．ｃｏｍ')).toBe('https://example.com/');
		expect(websiteHref('例子.中国')).toBe('https://xn--fsqu00a.xn--fiqs8s/');
		expect(websiteHref('')).toBe('');
	});

	it('refuses what is not a web address', () => {
		for (const bad of ['not a site', 'localhost', 'example', 'ftp://example.com', 'javascript:alert(1)', 'mailto:a@example.com', 'https://user:pw@example.com', 'http://', 'exa mple.com', '-bad-.com', 'example.c']) {
			expect(websiteHref(bad), bad).toBeNull();
		}
	});
});

describe('observations', () => {
	it('need text, a time and an author', () => {
		expect(validateObservation({ at: 5, by: 'm1', text: ' 在华东降价 10% ' })).toEqual({ value: { at: 5, by: 'm1', text: '在华东降价 10%' }, errors: [] });
		expect(validateObservation({ at: 5, by: 'm1', text: ' ' }).errors).toEqual([{ field: 'text', code: 'required' }]);
		expect(validateObservation({ by: 'm1', text: 'x' }).errors).toEqual([{ field: 'at', code: 'required' }]);
		expect(validateObservation({ at: 0, by: 'm1', text: 'x' }).errors).toEqual([{ field: 'at', code: 'required' }]);
		expect(validateObservation({ at: 5, text: 'x'.repeat(4001) }).errors).toEqual([{ field: 'text', code: 'tooLong', max: 4000 }]);
	});

	it('list newest first, ties in a fixed order', () => {
		const a: CompetitorObservation = { at: 1, by: 'm1', text: 'a' };
		const b: CompetitorObservation = { at: 3, by: 'm2', text: 'b' };
		const c: CompetitorObservation = { at: 3, by: 'm1', text: 'c' };
		const d: CompetitorObservation = { at: 3, by: 'm1', text: 'b' };
		const input = [a, b, c, d];
		expect(observationLog(input)).toEqual([d, c, b, a]);
		expect(observationLog([...input].reverse())).toEqual([d, c, b, a]);
		expect(input).toEqual([a, b, c, d]);
	});
});

describe('won and lost against a competitor', () => {
	const deal = (stage: string, competitors: string[]) => ({ stage, competitors });
	const acme = { id: 'cmp_acme', name: 'ACME Corp' };
	const deals = [
		deal('won', ['ACME Corp']),
		deal('lost', ['acme corp']),
		deal('lost', ['ＡＣＭＥ　Corp ']),
		deal('won', ['cmp_acme']),
		// Named twice (linked and as text): one deal.
		deal('lost', ['cmp_acme', 'Acme Corp', '华为']),
		deal('proposal', ['Acme Corp']),
		deal('won', ['Acme Corporation']),
		deal('lost', ['华为']),
		deal('retired-stage', ['cmp_acme']),
		deal('won', [])
	];

	it('folds names the way matching compares them', () => {
		expect(competitorKey('  ＡＣＭＥ　 Corp ')).toBe('acme corp');
		expect(refersTo('acme  corp', acme)).toBe(true);
		expect(refersTo('cmp_acme', acme)).toBe(true);
		expect(refersTo('cmp_other', acme)).toBe(false);
		expect(refersTo('', { id: '', name: '' })).toBe(false);
		expect(refersTo('ACME Corp', 'acme corp')).toBe(true);
		expect(refersTo('cmp_acme', 'cmp_acme')).toBe(true);
	});

	it('counts deals matched by id or by folded name, once each', () => {
		const r = competitorRecord(deals, acme);
		expect({ won: r.won, lost: r.lost, open: r.open, winRate: r.winRate }).toEqual({ won: 2, lost: 3, open: 2, winRate: 2 / 5 });
		expect(r.deals).toEqual([deals[0], deals[1], deals[2], deals[3], deals[4], deals[5], deals[8]]);
	});

	it('matches by name alone or by id alone', () => {
		expect(competitorRecord(deals, 'acme corp')).toMatchObject({ won: 1, lost: 3, open: 1 });
		expect(competitorRecord(deals, 'cmp_acme')).toMatchObject({ won: 1, lost: 1, open: 1, winRate: 0.5 });
		expect(competitorRecord(deals, '华为')).toMatchObject({ won: 0, lost: 2, open: 0, winRate: 0 });
	});

	it('has no win rate before a deal against it closes', () => {
		expect(competitorRecord([deal('proposal', ['x'])], 'x')).toEqual({ won: 0, lost: 0, open: 1, winRate: null, deals: [deal('proposal', ['x'])] });
		expect(competitorRecord([], acme)).toEqual({ won: 0, lost: 0, open: 0, winRate: null, deals: [] });
	});

	it('reads won and lost from the stage kinds of the team pipeline', () => {
		const pipeline: Pipeline = {
			stages: [
				{ id: 'talk', name: 'Talk', probability: 20, kind: 'open' },
				{ id: 'signed', name: '签约', probability: 100, kind: 'won' },
				{ id: 'gone', name: '丢单', probability: 0, kind: 'lost' }
			]
		};
		const custom = [deal('signed', ['ACME Corp']), deal('gone', ['ACME Corp']), deal('gone', ['cmp_acme']), deal('won', ['ACME Corp'])];
		expect(competitorRecord(custom, acme, { pipeline })).toMatchObject({ won: 1, lost: 2, open: 1, winRate: 1 / 3 });
		expect(competitorRecord(custom, acme, { pipeline: DEFAULT_PIPELINE })).toMatchObject({ won: 1, lost: 0, open: 3 });
	});

	it('gives every profile its record in one pass, the same as one by one', () => {
		const profiles = [acme, { id: 'cmp_hw', name: '华为' }, { id: 'cmp_none', name: 'Nobody' }];
		const all = competitorRecords(deals, profiles);
		expect([...all.keys()]).toEqual(['cmp_acme', 'cmp_hw', 'cmp_none']);
		for (const p of profiles) {
			const { deals: _, ...one } = competitorRecord(deals, p);
			expect(all.get(p.id)).toEqual(one);
		}
		expect(all.get('cmp_none')).toEqual({ won: 0, lost: 0, open: 0, winRate: null });
	});

	it('finds the profile a deal entry refers to', () => {
		const profiles = [acme, { id: 'cmp_hw', name: '华为' }];
		expect(findCompetitor('cmp_hw', profiles)).toBe(profiles[1]);
		expect(findCompetitor(' acme  CORP', profiles)).toBe(acme);
		expect(findCompetitor('Acme Corporation', profiles)).toBeUndefined();
	});
});
