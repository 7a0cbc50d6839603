// Activities: what happened with a customer (calls, visits, meetings, e-mails, messages,
// notes). Stored in documents partitioned by period, so a workspace with hundreds of
// thousands of them still opens its customers fast.
import type { RecordMeta } from './record';
import { Checker, LONG_TEXT, type FieldError } from './validate';

export const ACTIVITY_TYPES = ['call', 'visit', 'meeting', 'email', 'message', 'note'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const CHANNELS = ['', 'phone', 'wechat', 'email', 'inPerson', 'video', 'sms', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const OUTCOMES = ['', 'positive', 'neutral', 'negative', 'noAnswer'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface ActivityFields {
	type: ActivityType;
	channel: Channel;
	/** When it happened (epoch ms). */
	at: number;
	/** Minutes. */
	duration: number;
	outcome: Outcome;
	subject: string;
	notes: string;
	/** The member who did it. */
	member: string;
	customer: string;
	contact: string;
	deal: string;
	ticket: string;
}

export type Activity = ActivityFields & RecordMeta & { [extra: string]: unknown };

export const ACTIVITY_FIELDS = ['type', 'channel', 'at', 'duration', 'outcome', 'subject', 'notes', 'member', 'customer', 'contact', 'deal', 'ticket'] as const satisfies readonly (keyof ActivityFields)[];

/** The channel an activity type usually goes through, preselected in the form. */
export const DEFAULT_CHANNEL: Record<ActivityType, Channel> = {
	call: 'phone',
	visit: 'inPerson',
	meeting: 'inPerson',
	email: 'email',
	message: 'wechat',
	note: ''
};

export function emptyActivity(member: string, customer: string, at: number): ActivityFields {
	return { type: 'call', channel: 'phone', at, duration: 0, outcome: '', subject: '', notes: '', member, customer, contact: '', deal: '', ticket: '' };
}

export function validateActivity(input: Partial<ActivityFields>, { partial = false } = {}): { value: Partial<ActivityFields>; errors: FieldError[] } {
	const c = new Checker(input)
		.choice('type', ACTIVITY_TYPES)
		.choice('channel', CHANNELS)
		.time('at', true)
		.number('duration', { max: 60 * 24 * 7 })
		.choice('outcome', OUTCOMES)
		.text('subject')
		.text('notes', LONG_TEXT);
	for (const f of ['member', 'contact', 'deal', 'ticket'] as const) c.text(f);
	c.required('customer', !partial);
	return { value: c.value, errors: c.errors };
}

/**
 * The partition an activity is stored in: its quarter ("act-2026q3", by UTC). Fixed when
 * it is created; changing the date later leaves it where it is.
 */
export function activityPeriod(at: number): string {
	const d = new Date(at);
	return `act-${d.getUTCFullYear()}q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

export const PERIOD_RE = /^act-\d{4}q[1-4]$/;
