import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../../src/lib/i18n/en';
import { zhCN } from '../../src/lib/i18n/zh-CN';
import { zhTW } from '../../src/lib/i18n/zh-TW';

const KEYS = Object.keys(en) as MessageKey[];

/** Keys whose translation may legitimately equal the English text. */
// Names of encodings and file formats are the same in every language.
const SAME_AS_ENGLISH = new Set<MessageKey>(['app.name', 'import.enc.utf-8', 'import.enc.utf-16le', 'import.enc.utf-16be', 'import.format.csv', 'import.format.vcard']);
/** Values made only of digits, spaces, symbols and placeholders ("25–34", "{field}: {error}") need no translation either. */
const NEUTRAL_CHARS = /^[\d\s\p{P}\p{S}]*$/u;
const LANGUAGE_NEUTRAL = { test: (msg: string) => NEUTRAL_CHARS.test(msg.replace(/\{\w+\}/g, '')) };

/**
 * Placeholder names in a message: "{name}" and "{name, plural, one {…} other {…}}". A word in
 * braces right after a plural form keyword ("other {customers}") is a form body, not a
 * placeholder; placeholders inside form bodies ("one {Restored into {name}}") do count.
 */
function placeholders(msg: string): Set<string> {
	const names = new Set<string>();
	for (const m of msg.matchAll(/\{(\w+),\s*plural\s*,/g)) names.add(m[1]);
	for (const m of msg.matchAll(/(?<!\b(?:zero|one|two|few|many|other|=\d+) )\{(\w+)\}/g)) names.add(m[1]);
	return names;
}

// Characters that exist in only one of the two scripts (each pair is simplified ↔ traditional).
const SIMPLIFIED_ONLY = [...'户语设删选这为们个时会载击据导录资档讯储网联标签区业员号码务与从将还错误电话邮数览态线图动应开关闭称'];
const TRADITIONAL_ONLY = [...'戶語設刪選這為們個時會載擊據導錄資檔訊儲網聯標籤區業員號碼務與從將還錯誤電話郵數覽態線圖動應開關閉稱'];

const CJK = /\p{Script=Han}/u;

const catalogs: Array<{ locale: string; catalog: Record<MessageKey, string>; forbidden: string[]; forbiddenName: string }> = [
	{ locale: 'zh-CN', catalog: zhCN, forbidden: TRADITIONAL_ONLY, forbiddenName: 'traditional-only' },
	{ locale: 'zh-TW', catalog: zhTW, forbidden: SIMPLIFIED_ONLY, forbiddenName: 'simplified-only' }
];

describe('placeholder parsing used by these tests', () => {
	it('finds plain and plural placeholders but not plural form bodies', () => {
		expect([...placeholders('{who}: {count, plural, one {# customer} other {customers}}')].sort()).toEqual(['count', 'who']);
		expect([...placeholders('{count, plural, other {# 个客户}}')]).toEqual(['count']);
		expect([...placeholders('{field} must be at most {max} characters.')].sort()).toEqual(['field', 'max']);
		expect(placeholders('No placeholders here.').size).toBe(0);
	});

	it('the script lists pair up one to one', () => {
		expect(SIMPLIFIED_ONLY.length).toBe(TRADITIONAL_ONLY.length);
	});
});

describe.each(catalogs)('$locale catalog', ({ locale, catalog, forbidden, forbiddenName }) => {
	it('has exactly the English keys', () => {
		expect(Object.keys(catalog).sort()).toEqual([...KEYS].sort());
	});

	it('has no empty translation', () => {
		const empty = KEYS.filter((k) => typeof catalog[k] !== 'string' || catalog[k].trim() === '');
		expect(empty).toEqual([]);
	});

	it('keeps every placeholder of the English message, and adds none', () => {
		const problems: string[] = [];
		for (const k of KEYS) {
			const want = [...placeholders(en[k])].sort();
			const got = [...placeholders(catalog[k] ?? '')].sort();
			if (want.join() !== got.join()) problems.push(`${k}: expected {${want.join('}, {')}} but found {${got.join('}, {')}}`);
		}
		expect(problems).toEqual([]);
	});

	it('translates every message that is not language-neutral', () => {
		const untranslated = KEYS.filter((k) => catalog[k] === en[k] && !SAME_AS_ENGLISH.has(k) && !LANGUAGE_NEUTRAL.test(en[k]));
		expect(untranslated).toEqual([]);
	});

	it('writes every translated message in Chinese', () => {
		const notChinese = KEYS.filter((k) => !SAME_AS_ENGLISH.has(k) && !LANGUAGE_NEUTRAL.test(en[k]) && !CJK.test(catalog[k]));
		expect(notChinese).toEqual([]);
	});

	it(`contains no ${forbiddenName} characters`, () => {
		const hits: string[] = [];
		for (const k of KEYS) {
			const found = forbidden.filter((ch) => catalog[k].includes(ch));
			if (found.length) hits.push(`${k}: ${found.join(' ')} in “${catalog[k]}”`);
		}
		expect(hits).toEqual([]);
	});

	it('uses full-width punctuation next to Chinese text', () => {
		const bad = KEYS.filter((k) => /\p{Script=Han}[,.:;!?()"]|[,:;!?("]\p{Script=Han}/u.test(catalog[k]));
		expect(bad).toEqual([]);
	});

	it('keeps the app name and names the language switch in English too', () => {
		expect(catalog['app.name']).toBe('Rapport');
		expect(catalog['lang.label']).toContain('Language');
		expect(catalog['lang.label']).toBe(locale === 'zh-CN' ? '语言 / Language' : '語言 / Language');
	});
});
