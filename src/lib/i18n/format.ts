// Interpolation for catalog messages: "{name}" placeholders, and "{n, plural, one {…} other {…}}"
// for languages that inflect (Chinese does not, and simply uses "other").

export type Params = Record<string, string | number>;

const PLURAL_RE = /\{(\w+), plural, ((?:=?\w+ \{[^}]*\}\s*)+)\}/g;
const ARG_RE = /\{(\w+)\}/g;

const pluralRules = new Map<string, Intl.PluralRules>();

export function interpolate(msg: string, params: Params | undefined, locale: string, num: (n: number) => string): string {
	if (!params) return msg;
	// Creating Intl objects is slow; one per locale is enough.
	let rules = pluralRules.get(locale);
	if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
	// Plain arguments first, so they may also appear inside plural forms.
	return msg
		.replace(ARG_RE, (whole, name: string) => {
			const v = params[name];
			if (v === undefined) return whole;
			return typeof v === 'number' ? num(v) : v;
		})
		.replace(PLURAL_RE, (_, name: string, body: string) => {
			const n = Number(params[name]);
			const forms = new Map<string, string>();
			for (const m of body.matchAll(/(=?\w+) \{([^}]*)\}/g)) forms.set(m[1], m[2]);
			const form = forms.get(`=${n}`) ?? forms.get(rules.select(n)) ?? forms.get('other') ?? '';
			return form.replace('#', num(n));
		});
}
