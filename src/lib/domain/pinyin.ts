// Pinyin search keys: "zhang", "zhangsan" and the initials "zs" find 张三. The converter
// (pinyin-pro, ~300 KB) is a parameter so this stays pure and the library loads lazily in the
// query worker, after the list is on screen.

/** Syllables of a run of Han characters, one per character, lower case without tones. */
export type ToSyllables = (han: string, opts: { name: boolean }) => string[];

const HAN_RUN = /\p{Script=Han}+/gu;

/**
 * The pinyin key of a name and a company: for each, its syllables joined ("zhangsan") and
 * their initials ("zs"), separated by \u0001; '' when neither has a Han character.
 */
export function pinyinKey(name: string, company: string, toSyllables: ToSyllables): string {
	const parts: string[] = [];
	for (const [text, isName] of [[name, true], [company, false]] as const) {
		const runs = text ? text.match(HAN_RUN) : null;
		if (!runs) continue;
		const syl = runs.flatMap((r) => toSyllables(r, { name: isName })).filter((s) => /^[a-zü]+$/.test(s));
		if (!syl.length) continue;
		parts.push(syl.join('').replace(/ü/g, 'v'), syl.map((s) => s[0]).join(''));
	}
	return parts.join('\u0001');
}

/**
 * The needle a search text gives for pinyin keys: letters only (spaces and apostrophes
 * dropped, "zhang san" → "zhangsan"), or null when the text is not plain Latin letters.
 */
export function pinyinNeedle(folded: string): string | null {
	if (!/^[a-z' ]+$/.test(folded)) return null;
	const n = folded.replace(/[' ]+/g, '');
	return n || null;
}
