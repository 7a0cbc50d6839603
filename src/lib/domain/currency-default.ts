// The base currency a new workspace starts with, by locale (kept apart from domain/money.ts so
// the data worker's start-up does not carry the money arithmetic).
import type { CurrencySettings } from './money';

// Chinese-speaking regions and their currencies; any other Chinese locale gets CNY.
const CHINESE_REGION_CURRENCY: Record<string, string> = { CN: 'CNY', TW: 'TWD', HK: 'HKD', MO: 'MOP', SG: 'SGD', MY: 'MYR' };

/**
 * The base currency a new workspace starts with: CNY for Chinese locales ("zh", "zh-CN",
 * "zh-Hans"), the local currency where Chinese locales name another region ("zh-TW" and
 * "zh-Hant" → TWD, "zh-HK" → HKD), USD for every other or unreadable locale.
 */
export function defaultBaseCurrency(locale: string): string {
	let tag: Intl.Locale;
	try {
		tag = new Intl.Locale(locale).maximize();
	} catch {
		return 'USD';
	}
	if (tag.language !== 'zh') return 'USD';
	return CHINESE_REGION_CURRENCY[tag.region ?? ''] ?? 'CNY';
}

export function defaultCurrencySettings(locale: string): CurrencySettings {
	return { base: defaultBaseCurrency(locale), rates: [] };
}
