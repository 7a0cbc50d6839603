// The active language and the translate/format functions every component uses.
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';
import { zhTW } from './zh-TW';
import { interpolate, type Params } from './format';

export type Locale = 'en' | 'zh-CN' | 'zh-TW';
export type { MessageKey };

/** Languages offered, each named in its own language. */
export const LOCALES: ReadonlyArray<{ code: Locale; label: string }> = [
	{ code: 'en', label: 'English' },
	{ code: 'zh-CN', label: '简体中文' },
	{ code: 'zh-TW', label: '繁體中文' }
];

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };
const STORAGE_KEY = 'rapport.locale';

/** Picks a supported locale from browser language tags. */
export function matchLocale(tags: readonly string[]): Locale {
	for (const raw of tags) {
		const tag = raw.toLowerCase();
		if (tag === 'en' || tag.startsWith('en-')) return 'en';
		if (tag.startsWith('zh')) {
			if (/hant|-tw|-hk|-mo/.test(tag)) return 'zh-TW';
			return 'zh-CN';
		}
	}
	return 'en';
}

function initialLocale(): Locale {
	try {
		const saved = localStorage.getItem(STORAGE_KEY) as Locale | null;
		if (saved && saved in CATALOGS) return saved;
	} catch {
		// Storage may be unavailable (private mode); fall back to the browser's languages.
	}
	return matchLocale(typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]);
}

class I18n {
	locale = $state<Locale>(initialLocale());
	#num = $derived(new Intl.NumberFormat(this.locale));
	#date = $derived(new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium' }));
	#shortDate = $derived(new Intl.DateTimeFormat(this.locale, { year: 'numeric', month: '2-digit', day: '2-digit' }));
	#dateTime = $derived(new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' }));

	set(locale: Locale) {
		this.locale = locale;
		try {
			localStorage.setItem(STORAGE_KEY, locale);
		} catch {
			// Not persisted; the choice still holds for this session.
		}
		if (typeof document !== 'undefined') document.documentElement.lang = locale;
	}

	t = (key: MessageKey, params?: Params): string => {
		const msg = CATALOGS[this.locale][key] ?? en[key] ?? key;
		return interpolate(msg, params, this.locale, (n) => this.#num.format(n));
	};

	number = (n: number): string => this.#num.format(n);
	date = (ms: number): string => (ms ? this.#date.format(ms) : '');
	/** A compact date for table cells. */
	shortDate = (ms: number): string => (ms ? this.#shortDate.format(ms) : '');
	dateTime = (ms: number): string => (ms ? this.#dateTime.format(ms) : '');
	bytes = (n: number): string =>
		new Intl.NumberFormat(this.locale, { style: 'unit', unit: n >= 1e9 ? 'gigabyte' : n >= 1e6 ? 'megabyte' : 'kilobyte', maximumFractionDigits: 1 }).format(
			n >= 1e9 ? n / 1e9 : n >= 1e6 ? n / 1e6 : n / 1e3
		);
}

export const i18n = new I18n();
export const t = i18n.t;
