// Analytics writes: saved segments (shared with the team), a customer's tier set by hand, and
// the workspace's analytics settings.
import { emptySegment, SEGMENT_FIELDS, validateSegment } from '../domain/analytics/segment';
import { readAnalyticsSettings, validateAnalyticsSettings } from '../domain/analytics/settings';
import { TIERS, type AnalyticsSettings, type SegmentField, type SegmentFields, type Tier } from '../domain/analytics/types';
import type { FieldError } from '../domain/validate';
import type { CommandResult, RecordRules } from './commands';
import type { WriteContext } from './context';
import { ORIGIN } from './schema';
import type { WorkspaceStore } from './workspace';

/** Settings key of the analytics settings in the main document. */
export const ANALYTICS_KEY = 'analytics';

/** Segment rules checked against the fields a rule may test now. */
export function segmentRules(fields: readonly SegmentField[]): RecordRules<SegmentFields> {
	return {
		fields: SEGMENT_FIELDS,
		empty: () => emptySegment(),
		validate: (input, o) => {
			const { value, errors } = validateSegment(input, { ...o, fields });
			return { value, errors };
		}
	};
}

/** Sets a customer's tier by hand with the reason, or clears it (tier ''); one history entry. */
export function setTierOverride(ws: WorkspaceStore, id: string, tier: Tier | '', reason: string, ctx: WriteContext): CommandResult<number> {
	if (!ws.customers.has(id)) return { ok: false, errors: [{ field: 'id', code: 'notFound' }] };
	const errors: FieldError[] = [];
	const why = String(reason ?? '').trim();
	if (tier !== '' && !(TIERS as readonly string[]).includes(tier)) errors.push({ field: 'tierOverride', code: 'invalidChoice' });
	if (tier !== '' && !why) errors.push({ field: 'tierReason', code: 'required' });
	if (why.length > 200) errors.push({ field: 'tierReason', code: 'tooLong', max: 200 });
	if (errors.length) return { ok: false, errors };
	return { ok: true, value: ws.customers.update(id, { tierOverride: tier, tierReason: tier ? why : '' }, ctx).length };
}

export function analyticsSettings(ws: WorkspaceStore): AnalyticsSettings {
	return readAnalyticsSettings(ws.settings.get(ANALYTICS_KEY));
}

/** Changes the analytics settings (validated, whole value written once). */
export function setAnalyticsSettings(ws: WorkspaceStore, input: Partial<AnalyticsSettings>): CommandResult<void> {
	const { value, errors } = validateAnalyticsSettings(input, analyticsSettings(ws));
	if (errors.length) return { ok: false, errors };
	ws.doc.transact(() => ws.settings.set(ANALYTICS_KEY, value), ORIGIN.local);
	return { ok: true, value: undefined };
}
