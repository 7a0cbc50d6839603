import { describe, expect, it } from 'vitest';
import { en } from '../../src/lib/i18n/en';
import { interpolate } from '../../src/lib/i18n/format';
import { zhCN } from '../../src/lib/i18n/zh-CN';
import { zhTW } from '../../src/lib/i18n/zh-TW';

const plain = (n: number): string => String(n);
const grouped = (locale: string) => (n: number): string => new Intl.NumberFormat(locale).format(n);

describe('interpolate', () => {
	it('returns the message unchanged without params', () => {
		expect(interpolate('{field} is required.', undefined, 'en', plain)).toBe('{field} is required.');
	});

	it('fills named placeholders, including repeated ones', () => {
		expect(interpolate(en['error.tooLong'], { field: 'Name', max: 200 }, 'en', plain)).toBe('Name must be at most 200 characters.');
		expect(interpolate('{a} and {a}', { a: 'x' }, 'en', plain)).toBe('x and x');
	});

	it('formats numbers with the passed function but leaves strings alone', () => {
		const num = grouped('en');
		expect(interpolate('{n} / {s}', { n: 12345, s: '12345' }, 'en', num)).toBe('12,345 / 12345');
		expect(interpolate(en['settings.exported'], { count: 1500 }, 'en', num)).toBe('Exported 1,500 customers.');
	});

	it('leaves unknown placeholders as they are', () => {
		expect(interpolate('Hi {who}, see {unknown}', { who: 'Lin' }, 'en', plain)).toBe('Hi Lin, see {unknown}');
		expect(interpolate('{a}', {}, 'en', plain)).toBe('{a}');
	});

	it('picks the English plural form one/other and replaces # with the formatted number', () => {
		const num = grouped('en');
		expect(interpolate(en['customers.results'], { count: 1 }, 'en', num)).toBe('1 customer');
		expect(interpolate(en['customers.results'], { count: 0 }, 'en', num)).toBe('0 customers');
		expect(interpolate(en['customers.results'], { count: 2500 }, 'en', num)).toBe('2,500 customers');
		expect(interpolate(en['toast.deleted'], { count: 1 }, 'en', num)).toBe('Moved 1 customer to the Trash.');
		expect(interpolate(en['toast.deleted'], { count: 3 }, 'en', num)).toBe('Moved 3 customers to the Trash.');
		expect(interpolate(en['form.problems'], { count: 2 }, 'en', num)).toBe('2 problems to fix before saving:');
	});

	it('handles plural and plain placeholders in one message', () => {
		expect(interpolate('{who}: {count, plural, one {# item} other {# items}}', { who: 'Wang', count: 1 }, 'en', plain)).toBe('Wang: 1 item');
	});

	it('uses "other" for Chinese, whether written as a plural or as plain {count}', () => {
		expect(interpolate('{count, plural, other {# 个客户}}', { count: 1 }, 'zh-CN', plain)).toBe('1 个客户');
		expect(interpolate(zhCN['customers.results'], { count: 1 }, 'zh-CN', plain)).toBe('1 个客户');
		expect(interpolate(zhTW['customers.results'], { count: 1234 }, 'zh-TW', grouped('zh-TW'))).toBe('1,234 個客戶');
		expect(interpolate(zhCN['settings.restored'], { count: 3, name: '华东团队' }, 'zh-CN', plain)).toBe('已将 3 个客户恢复到“华东团队”。');
	});
});

describe('interpolate: exact forms and arguments inside plural forms', () => {
	const num = (n: number) => String(n);
	it('uses an =N form when the number matches it', () => {
		const msg = '{count, plural, =0 {No customers} one {# customer} other {# customers}}';
		expect(interpolate(msg, { count: 0 }, 'en', num)).toBe('No customers');
		expect(interpolate(msg, { count: 1 }, 'en', num)).toBe('1 customer');
		expect(interpolate(msg, { count: 7 }, 'en', num)).toBe('7 customers');
	});
	it('fills plain arguments that appear inside a plural form', () => {
		const msg = '{count, plural, one {Restored # customer into “{name}”.} other {Restored # customers into “{name}”.}}';
		expect(interpolate(msg, { count: 2, name: 'Team B' }, 'en', num)).toBe('Restored 2 customers into “Team B”.');
	});
});
