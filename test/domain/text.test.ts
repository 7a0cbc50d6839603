import { describe, expect, it } from 'vitest';
import { digitsOnly, foldText, normalizeEmail, normalizePhone } from '../../src/lib/domain/text';

describe('phone normalisation', () => {
	it('reduces the ways people write one Chinese mobile to the same digits', () => {
		for (const p of ['13800138000', '138-0013-8000', '+86 138 0013 8000', '0086 138 0013 8000', '(138) 0013 8000', '+86-13800138000', '８６１３８００１３８０００'.slice(2)]) {
			expect(normalizePhone(p), p).toBe('13800138000');
		}
	});
	it('matches landlines with and without the country code', () => {
		expect(normalizePhone('021-5555 1234')).toBe('02155551234');
		expect(normalizePhone('+86 21 5555 1234')).toBe('02155551234');
		expect(normalizePhone('0086 21 5555 1234')).toBe('02155551234');
		expect(normalizePhone('+86 (0)21 5555 1234')).toBe('02155551234');
	});
	it('leaves other countries alone', () => {
		expect(normalizePhone('+1 (416) 482-8526')).toBe('14164828526');
		expect(normalizePhone('+44 20 7946 0958')).toBe('442079460958');
	});
});

describe('text folding', () => {
	it('folds full-width forms and case', () => {
		expect(foldText('ＡＢＣ１２３')).toBe('abc123');
		expect(digitsOnly('电话：１３８-0013')).toBe('1380013');
		expect(normalizeEmail('  Zhang.Wei@QQ.com ')).toBe('zhang.wei@qq.com');
	});
});
