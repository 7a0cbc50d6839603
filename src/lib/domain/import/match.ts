// Matching records that are the same customer (or contact) written differently: phones with
// spaces, dashes, brackets and country codes, e-mails in any case, full-width characters,
// simplified and traditional Chinese, company names that differ only in their legal suffix.
// Duplicate detection compares only records that share a blocking key (a phone, an e-mail, a
// name with its company), never all pairs, so 100,000 customers take well under a second or two.
import { foldText, normalizeEmail, normalizePhone } from '../text';

/** Traditional → simplified Chinese (opencc-js "t2cn", loaded lazily by the caller); identity if absent. */
export type Convert = (s: string) => string;
const same: Convert = (s) => s;

// Legal forms at the end of a company name, longest first (after folding and t2s).
const CN_SUFFIXES = ['股份有限公司', '有限责任公司', '有限公司', '责任公司', '股份公司', '公司'];
const EN_SUFFIX = /[\s,.]*\b(co\.?,?\s*ltd\.?|company\s+limited|inc\.?|incorporated|llc|l\.l\.c\.|gmbh|corp\.?|corporation|limited|ltd\.?|plc|pte\.?|s\.?a\.?|ag|co\.?)\s*$/i;
const PUNCT = /[\s\p{P}\p{S}]+/gu;

// Only text with characters beyond ASCII can have traditional forms to convert.
const toSimplified = (s: string, convert: Convert) => (convert === same || !/[^\u0000-\u007f]/.test(s) ? s : convert(s));

/** A person's or company's name for comparison: NFKC, lower case, simplified, no spaces or punctuation. */
export function nameKey(s: string, convert: Convert = same): string {
	return toSimplified(foldText(s ?? ''), convert).replace(PUNCT, '');
}

/** A company name without its legal form: "ACME Co., Ltd." = "Acme Inc." = "acme"; 华为技术有限公司 = 華為技術有限公司 = 华为技术. */
export function companyKey(s: string, convert: Convert = same): string {
	let v = toSimplified(foldText(s ?? '').trim(), convert);
	// Brackets around a place name are often added or dropped: 腾讯科技（深圳）有限公司.
	v = v.replace(/[(（][^)）]{1,10}[)）]/g, '');
	for (let again = true; again; ) {
		again = false;
		const en = v.replace(EN_SUFFIX, '');
		if (en !== v && en.trim()) (v = en), (again = true);
		const bare = v.replace(PUNCT, '');
		// A bare legal form ("有限公司") is left as it is.
		const cn = CN_SUFFIXES.find((x) => bare.endsWith(x) && bare.length > x.length && !/(有限|股份|责任)$/.test(bare.slice(0, -x.length)));
		if (cn) (v = bare.slice(0, -cn.length)), (again = true);
	}
	return v.replace(PUNCT, '');
}

/** A phone for matching (country code, spaces and punctuation removed); '' if too short to mean anything. */
export function phoneKey(s: string): string {
	const p = normalizePhone(s ?? '');
	return p.length >= 5 ? p : '';
}

/** What is compared: a customer (name, company) or a contact (name, its company or customer). */
export interface MatchRecord {
	id: string;
	name?: string;
	company?: string;
	phones?: readonly string[];
	emails?: readonly string[];
}

export type EvidenceKind = 'phone' | 'email' | 'nameCompany' | 'name';

export interface Evidence {
	kind: EvidenceKind;
	/** The normalised value both records share. */
	value: string;
}

/** How much each kind of shared key says, alone; several combine as 1 − Π(1 − w). */
export const EVIDENCE_WEIGHT: Record<EvidenceKind, number> = { phone: 0.6, email: 0.6, nameCompany: 0.7, name: 0.3 };

/** The blocking keys of a record: each phone, each e-mail, and the name with the company. */
export function matchKeys(r: MatchRecord, convert: Convert = same): Evidence[] {
	return keysOf(r, convert).keys;
}

function keysOf(r: MatchRecord, convert: Convert): { keys: Evidence[]; name: string; company: string } {
	const out: Evidence[] = [];
	for (const p of r.phones ?? []) {
		const k = phoneKey(p);
		if (k && !out.some((e) => e.kind === 'phone' && e.value === k)) out.push({ kind: 'phone', value: k });
	}
	for (const e of r.emails ?? []) {
		const k = normalizeEmail(e ?? '');
		if (k.includes('@') && !out.some((x) => x.kind === 'email' && x.value === k)) out.push({ kind: 'email', value: k });
	}
	const name = nameKey(r.name ?? '', convert);
	const company = companyKey(r.company ?? '', convert);
	if (name && company) out.push({ kind: 'nameCompany', value: `${name}|${company}` });
	if (name) out.push({ kind: 'name', value: name });
	return { keys: out, name, company };
}

/** A likely duplicate group: the records, why (shared keys) and how sure (0–1). */
export interface DuplicateCandidate {
	ids: string[];
	score: number;
	evidence: Evidence[];
}

export function scoreOf(evidence: readonly Evidence[]): number {
	const kinds = new Set(evidence.map((e) => e.kind));
	let miss = 1;
	for (const k of kinds) miss *= 1 - EVIDENCE_WEIGHT[k];
	return Math.round((1 - miss) * 100) / 100;
}

/**
 * Likely duplicates among `records`: pairs sharing a phone, an e-mail or name + company
 * (a shared name alone only strengthens a pair found otherwise), scored, joined into groups
 * (connected pairs), best first. A key shared by more than `maxBlock` records (a switchboard
 * number, a generic mailbox) is not evidence and is skipped. Stable signature: the Duplicates
 * screen calls it from the data worker.
 */
export function findDuplicates(
	records: readonly MatchRecord[],
	{ convert = same, minScore = 0.5, maxBlock = 50 }: { convert?: Convert; minScore?: number; maxBlock?: number } = {}
): DuplicateCandidate[] {
	const blocks = new Map<string, number[]>();
	const names: string[] = new Array(records.length);
	records.forEach((r, i) => {
		for (const e of matchKeys(r, convert)) {
			if (e.kind === 'name') {
				names[i] = e.value;
				continue;
			}
			const key = `${e.kind}\u0000${e.value}`;
			const b = blocks.get(key);
			if (b) b.push(i);
			else blocks.set(key, [i]);
		}
	});
	const pairs = new Map<number, Evidence[]>();
	const n = records.length;
	for (const [key, ids] of blocks) {
		if (ids.length < 2 || ids.length > maxBlock) continue;
		const [kind, value] = key.split('\u0000') as [EvidenceKind, string];
		for (let a = 0; a < ids.length; a++)
			for (let b = a + 1; b < ids.length; b++) {
				const k = ids[a] * n + ids[b];
				const ev = pairs.get(k);
				if (ev) ev.push({ kind, value });
				else pairs.set(k, [{ kind, value }]);
			}
	}
	// Union-find over the pairs that are sure enough.
	const parent = new Map<number, number>();
	const find = (x: number): number => {
		let r = x;
		while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
		parent.set(x, r);
		return r;
	};
	const groupEvidence = new Map<number, { ev: Evidence[]; score: number }>();
	const sure: Array<[number, number, Evidence[], number]> = [];
	for (const [k, ev] of pairs) {
		const a = Math.floor(k / n);
		const b = k % n;
		if (names[a] && names[a] === names[b] && !ev.some((e) => e.kind === 'nameCompany')) ev.push({ kind: 'name', value: names[a] });
		const score = scoreOf(ev);
		if (score < minScore) continue;
		sure.push([a, b, ev, score]);
		const ra = find(a);
		const rb = find(b);
		if (ra !== rb) parent.set(rb, ra);
	}
	const members = new Map<number, Set<number>>();
	for (const [a, b, ev, score] of sure) {
		const root = find(a);
		let m = members.get(root);
		if (!m) members.set(root, (m = new Set()));
		m.add(a).add(b);
		const g = groupEvidence.get(root) ?? { ev: [], score: 0 };
		for (const e of ev) if (!g.ev.some((x) => x.kind === e.kind && x.value === e.value)) g.ev.push(e);
		g.score = Math.max(g.score, score);
		groupEvidence.set(root, g);
	}
	const out: DuplicateCandidate[] = [];
	for (const [root, m] of members) {
		const g = groupEvidence.get(root)!;
		out.push({ ids: [...m].sort((x, y) => x - y).map((i) => records[i].id), score: g.score, evidence: g.ev });
	}
	return out.sort((x, y) => y.score - x.score || x.ids[0].localeCompare(y.ids[0]));
}

/** Existing records by their keys, to find which one an imported row is. */
export class MatchIndex {
	readonly #byKey = new Map<string, string>();
	/** The first record with each name key and each company key (what other records refer to). */
	readonly byName = new Map<string, string>();
	constructor(
		records: Iterable<MatchRecord>,
		readonly convert: Convert = same
	) {
		for (const r of records) {
			const { keys, name, company } = keysOf(r, convert);
			for (const e of keys) {
				const k = `${e.kind}\u0000${e.value}`;
				if (e.kind !== 'name' && !this.#byKey.has(k)) this.#byKey.set(k, r.id);
			}
			for (const k of [name, company]) if (k && !this.byName.has(k)) this.byName.set(k, r.id);
		}
	}

	/** The existing record a row is, by e-mail, then phone, then name + company; null if none. */
	find(r: Omit<MatchRecord, 'id'>): { id: string; by: Evidence } | null {
		const keys = matchKeys({ ...r, id: '' }, this.convert);
		for (const kind of ['email', 'phone', 'nameCompany'] as const)
			for (const e of keys)
				if (e.kind === kind) {
					const id = this.#byKey.get(`${kind}\u0000${e.value}`);
					if (id) return { id, by: e };
				}
		return null;
	}
}
