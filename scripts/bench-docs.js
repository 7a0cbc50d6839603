// The benches' sections of docs/BENCHMARKS.md, each replaced in place by its next run.
import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Writes `section` (starting with `heading`) into the markdown file at `mdPath`: in place of the
 * section with that heading (up to the next heading of level 2 or 3), or in place of text
 * matching `fallback`, or at the end.
 */
export function writeDocSection(mdPath, heading, section, fallback = null) {
	let md = readFileSync(mdPath, 'utf8');
	const at = md.indexOf(heading);
	if (at >= 0) {
		const next = md.slice(at + heading.length).search(/\n#{2,3} /);
		md = md.slice(0, at) + section + (next >= 0 ? md.slice(at + heading.length + next) : '');
	} else if (fallback && fallback.test(md)) {
		md = md.replace(fallback, `\n${section}`);
	} else {
		md = `${md.trimEnd()}\n\n${section}`;
	}
	writeFileSync(mdPath, md);
}
