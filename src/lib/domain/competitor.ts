// Competitors (竞争对手): profiles of the companies a team sells against, a log of what members
// observed about them, and the team's won/lost record against each from its deals. A deal names
// its competitors by id (picked in the deal form, see dealCompetitors), older deals by free-text
// name; an entry refers to a competitor when it is its id or its name folded (NFKC, case,
// spacing), so both kinds count.
import { dealCompetitors, DEFAULT_PIPELINE, findStage, type DealFields, type Pipeline } from './deal';
import type { RecordMeta } from './record';
import { foldText } from './text';
import { Checker, LONG_TEXT, SHORT_TEXT, type FieldError } from './validate';

export const PRICE_LEVELS = ['low', 'medium', 'high', 'premium'] as const;
export type PriceLevel = (typeof PRICE_LEVELS)[number];

export interface CompetitorFields {
	name: string;
	/** Strategy and intentions: where they are heading, whom they target. */
	strategy: string;
	/** Main products, one entry each. */
	products: string[];
	strengths: string;
	weaknesses: string;
	/** '' = not known. */
	priceLevel: PriceLevel | '';
	/** As typed ("example.com" or a full URL); websiteHref gives the link. */
	website: string;
	notes: string;
}

/** One observation: who noted what, when. */
export interface CompetitorObservation {
	at: number;
	/** Member id. */
	by: string;
	text: string;
}

/**
 * Observations are kept apart from the fields (not in COMPETITOR_FIELDS): the store appends
 * them to a list of their own, so notes members add at the same time all survive.
 */
export type Competitor = CompetitorFields & RecordMeta & { observations?: CompetitorObservation[] } & { [extra: string]: unknown };

export const COMPETITOR_FIELDS = ['name', 'strategy', 'products', 'strengths', 'weaknesses', 'priceLevel', 'website', 'notes'] as const satisfies readonly (keyof CompetitorFields)[];

/** Longest main-product entry. */
export const PRODUCT_NAME_MAX = 100;

export function emptyCompetitor(): CompetitorFields {
	return { name: '', strategy: '', products: [], strengths: '', weaknesses: '', priceLevel: '', website: '', notes: '' };
}

/** The form of a name that matching and uniqueness compare: NFKC, lower case, spaces collapsed. */
export function competitorKey(name: string): string {
	return foldText(name).trim().replace(/\s+/g, ' ');
}

const HOST_RE = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * The link for a website as typed: "example.com/cn" → "https://example.com/cn"; http and https
 * URLs as they are (normalised). '' for blank; null when it is not a web address.
 */
export function websiteHref(website: string): string | null {
	const s = website.normalize('NFKC').trim();
	if (!s) return '';
	if (/\s/.test(s)) return null;
	const withScheme = /^[a-z][a-z\d+.-]*:/i.test(s) ? s : `https://${s}`;
	try {
		const url = new URL(withScheme);
		if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !HOST_RE.test(url.hostname) || url.username || url.password) return null;
		return url.href;
	} catch {
		return null;
	}
}

/** The id of another competitor already named `name` (folded; not `id` itself); undefined if none. */
export function competitorNameOwner(name: string, competitors: Iterable<Pick<Competitor, 'id' | 'name'>>, id = ''): string | undefined {
	const key = competitorKey(name);
	if (!key) return undefined;
	for (const c of competitors) if (c.id !== id && competitorKey(c.name ?? '') === key) return c.id;
	return undefined;
}

/**
 * Checks competitor fields: a name when creating, unique among `competitors` (folded; the
 * competitor's own `id` aside) else "name" duplicateValue; a known price level or ''; a website
 * websiteHref accepts, else "website" urlInvalid; long texts up to LONG_TEXT.
 */
export function validateCompetitor(
	input: Partial<CompetitorFields>,
	{ partial = false, competitors, id = '' }: { partial?: boolean; competitors?: Iterable<Pick<Competitor, 'id' | 'name'>>; id?: string } = {}
): { value: Partial<CompetitorFields>; errors: FieldError[] } {
	const c = new Checker(input)
		.required('name', !partial)
		.text('strategy', LONG_TEXT)
		.list('products', PRODUCT_NAME_MAX)
		.text('strengths', LONG_TEXT)
		.text('weaknesses', LONG_TEXT)
		.choice('priceLevel', ['', ...PRICE_LEVELS])
		.text('website', SHORT_TEXT)
		.text('notes', LONG_TEXT);
	const { value, errors } = c;
	if (value.website && websiteHref(value.website) === null) errors.push({ field: 'website', code: 'urlInvalid' });
	if (competitors && value.name && competitorNameOwner(value.name, competitors, id) !== undefined) errors.push({ field: 'name', code: 'duplicateValue' });
	return { value, errors };
}

/** Checks an observation: text (required, up to LONG_TEXT), when (required epoch ms) and by whom. */
export function validateObservation(input: Partial<CompetitorObservation>): { value: Partial<CompetitorObservation>; errors: FieldError[] } {
	const c = new Checker(input).required('text', true, LONG_TEXT).time('at', true).text('by');
	if (input.at === undefined) c.errors.push({ field: 'at', code: 'required' });
	return { value: c.value, errors: c.errors };
}

/** Observations newest first (same moment: by member, then text), as a new array. */
export function observationLog(entries: Iterable<CompetitorObservation>): CompetitorObservation[] {
	return [...entries].sort((a, b) => b.at - a.at || (a.by < b.by ? -1 : a.by > b.by ? 1 : 0) || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}

// ——— won / lost against a competitor ———

/** A competitor id or name (free text), or a profile: its id and name both match. */
export type CompetitorRef = string | Pick<Competitor, 'id' | 'name'>;

/** Whether a deal's competitor entry refers to `ref` (see the file comment). */
export function refersTo(entry: string, ref: CompetitorRef): boolean {
	const id = typeof ref === 'string' ? ref : ref.id;
	const name = typeof ref === 'string' ? ref : ref.name;
	if (id && entry === id) return true;
	const key = competitorKey(name ?? '');
	return key !== '' && competitorKey(entry) === key;
}

/** The profile a deal's competitor entry refers to: by id, else by folded name. */
export function findCompetitor<T extends Pick<Competitor, 'id' | 'name'>>(entry: string, competitors: Iterable<T>): T | undefined {
	const list = [...competitors];
	return list.find((c) => c.id === entry) ?? list.find((c) => refersTo(entry, { id: '', name: c.name }));
}

export interface CompetitorRecord {
	won: number;
	lost: number;
	open: number;
	/** won / (won + lost); null when no deal against it has closed. */
	winRate: number | null;
}

export type CompetitorDeal = Pick<DealFields, 'stage' | 'competitors'>;

class Tally<T> implements CompetitorRecord {
	won = 0;
	lost = 0;
	open = 0;
	readonly deals: T[] = [];
	add(deal: T, kind: string) {
		this.deals.push(deal);
		if (kind === 'won') this.won++;
		else if (kind === 'lost') this.lost++;
		else this.open++;
	}
	get winRate(): number | null {
		return this.won + this.lost ? this.won / (this.won + this.lost) : null;
	}
	read(): CompetitorRecord & { deals: T[] } {
		return { won: this.won, lost: this.lost, open: this.open, winRate: this.winRate, deals: this.deals };
	}
}

// A stage the pipeline no longer has counts as open, as in the deal rules.
const kindOf = (pipeline: Pipeline, stage: string) => findStage(pipeline, stage)?.kind ?? 'open';

/**
 * The team's record against one competitor: its deals (each once, however it is named in
 * them), counted as won, lost or open by the pipeline's stage kinds, and the win rate.
 */
export function competitorRecord<T extends CompetitorDeal>(
	deals: Iterable<T>,
	competitor: CompetitorRef,
	{ pipeline = DEFAULT_PIPELINE }: { pipeline?: Pipeline } = {}
): CompetitorRecord & { deals: T[] } {
	const tally = new Tally<T>();
	for (const d of deals) if (dealCompetitors(d).some((e) => refersTo(e, competitor))) tally.add(d, kindOf(pipeline, d.stage));
	return tally.read();
}

/** competitorRecord for every profile at once (one pass over the deals), by competitor id. */
export function competitorRecords(
	deals: Iterable<CompetitorDeal>,
	competitors: Iterable<Pick<Competitor, 'id' | 'name'>>,
	{ pipeline = DEFAULT_PIPELINE }: { pipeline?: Pipeline } = {}
): Map<string, CompetitorRecord> {
	const tallies = new Map<string, Tally<CompetitorDeal>>();
	const byKey = new Map<string, string[]>();
	for (const c of competitors) {
		tallies.set(c.id, new Tally());
		const key = competitorKey(c.name ?? '');
		if (key) byKey.set(key, [...(byKey.get(key) ?? []), c.id]);
	}
	for (const d of deals) {
		const ids = new Set<string>();
		for (const e of dealCompetitors(d)) {
			if (tallies.has(e)) ids.add(e);
			for (const id of byKey.get(competitorKey(e)) ?? []) ids.add(id);
		}
		const kind = kindOf(pipeline, d.stage);
		for (const id of ids) tallies.get(id)?.add(d, kind);
	}
	return new Map([...tallies].map(([id, t]) => [id, { won: t.won, lost: t.lost, open: t.open, winRate: t.winRate }]));
}
