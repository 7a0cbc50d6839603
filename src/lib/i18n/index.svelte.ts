// The active language and the translate/format functions every component uses.
import { en, type MessageKey } from './en';
import { interpolate, type Params } from './format';

export type Locale = 'en' | 'zh-CN' | 'zh-TW';
export type { MessageKey };

/** Languages offered, each named in its own language. */
export const LOCALES: ReadonlyArray<{ code: Locale; label: string }> = [
	{ code: 'en', label: 'English' },
	{ code: 'zh-CN', label: '简体中文' },
	{ code: 'zh-TW', label: '繁體中文' }
];

type Catalog = Record<MessageKey, string>;

// English is built in; the Chinese catalogs load when first needed (a smaller first screen).
const CATALOGS: Partial<Record<Locale, Catalog>> = { en };
const LOADERS: Record<Locale, () => Promise<Catalog>> = {
	en: async () => en,
	'zh-CN': async () => (await import('./zh-CN')).zhCN,
	'zh-TW': async () => (await import('./zh-TW')).zhTW
};

async function loadCatalog(locale: Locale): Promise<Catalog> {
	return (CATALOGS[locale] ??= await LOADERS[locale]());
}
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
		if (saved && saved in LOADERS) return saved;
	} catch {
		// Storage may be unavailable (private mode); fall back to the browser's languages.
	}
	return matchLocale(typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]);
}

class I18n {
	/** Changes only once its catalog is loaded, so nothing renders in a missing language. */
	locale = $state<Locale>('en');
	#ready: Promise<void> | null = null;
	#num = $derived(new Intl.NumberFormat(this.locale));
	#date = $derived(new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium' }));
	#shortDate = $derived(new Intl.DateTimeFormat(this.locale, { year: 'numeric', month: '2-digit', day: '2-digit' }));
	#dateTime = $derived(new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' }));

	/** Loads the starting language (saved choice or the browser's); the app awaits it once. */
	ready(): Promise<void> {
		return (this.#ready ??= (async () => {
			const locale = initialLocale();
			await loadCatalog(locale).catch(() => undefined);
			if (CATALOGS[locale]) this.locale = locale;
		})());
	}

	/** Switches language (loading its catalog first) and remembers the choice. */
	async set(locale: Locale): Promise<void> {
		await loadCatalog(locale);
		this.locale = locale;
		try {
			localStorage.setItem(STORAGE_KEY, locale);
		} catch {
			// Not persisted; the choice still holds for this session.
		}
		if (typeof document !== 'undefined') document.documentElement.lang = locale;
	}

	t = (key: MessageKey, params?: Params): string => {
		const msg = CATALOGS[this.locale]?.[key] ?? en[key] ?? key;
		return interpolate(msg, params, this.locale, (n) => this.#num.format(n));
	};

	/**
	 * Creating the first formatters loads ICU data (17–40 ms here): the steps that create them
	 * ahead of first use, for the caller to run in tasks of their own.
	 */
	warmSteps(): Array<() => void> {
		return [() => this.number(1), () => this.shortDate(1), () => this.t('customers.results', { count: 1 })];
	}

	/**
	 * Measures a little Chinese text on a canvas, once per font weight the screens use, so finding
	 * and loading the CJK faces (3–20 ms each the first time here) happens in tasks of its own
	 * rather than in the task that shows the first rows or cards. A canvas shares the page's font
	 * cache but not its layout: text laid out in the document instead forced a layout of the
	 * whole page, first rows included (up to 45 ms in a step). Returns the steps for the caller
	 * to schedule; call it before the page renders (it reads the root's font family).
	 */
	warmFontSteps(): Array<() => void> {
		if (typeof document === 'undefined') return [];
		const family = getComputedStyle(document.documentElement).fontFamily;
		const ctx = document.createElement('canvas').getContext('2d');
		if (!ctx || !family) return [];
		return [400, 500, 600, 700].map((weight) => () => {
			ctx.font = `${weight} 16px ${family}`;
			ctx.measureText('客户科技有限公司 客戶 資料 Rapport');
		});
	}

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
