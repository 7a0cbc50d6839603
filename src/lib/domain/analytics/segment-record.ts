// An empty segment and its fields: what the workspace store needs without the rule engine
// (domain/analytics/segment.ts).
import type { SegmentFields, SegmentRule } from './types';

/** A rule with nothing in it: matches every customer. */
export function emptyRule(): SegmentRule {
	return { kind: 'group', join: 'and', rules: [] };
}

export const SEGMENT_FIELDS = ['name', 'description', 'rule'] as const satisfies readonly (keyof SegmentFields)[];

export function emptySegment(): SegmentFields {
	return { name: '', description: '', rule: emptyRule() };
}
