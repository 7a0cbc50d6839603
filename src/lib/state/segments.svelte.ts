// Segments on the main thread: the fields a rule can test with their translated names, a rule
// in words, a live count while a rule is edited, and the actions on a segment's customers
// (open as a list, export as CSV, create tasks).
import { goto } from '$app/navigation';
import { OPERATORS, type Condition, type Operator, type RuleError, type RuleGroup, type SegmentField, type SegmentRule, type ValueType } from '../domain/analytics/types';
import { amountToDecimal, formatMoney } from '../domain/money';
import type { TaskFields } from '../domain/task';
import type { FieldError } from '../domain/validate';
import type { MessageKey } from '../i18n/en';
import { i18n, t } from '../i18n/index.svelte';
import type { DashboardFilters } from '../domain/analytics/types';
import { handleError } from './actions';
import { currencySettings } from './sales.svelte';
import { ignoreClosed } from './records.svelte';
import { session } from './session.svelte';
import { toasts } from './toasts.svelte';

const CHOICE_KEYS: Record<string, string> = { kind: 'kind', stage: 'stage', type: 'type', gender: 'gender', ageGroup: 'ageGroup', education: 'education', capacity: 'capacity' };

/** A field's name as people read it. */
export function fieldLabel(key: string, fields: readonly SegmentField[]): string {
	const f = fields.find((x) => x.key === key);
	if (f?.label) return f.label;
	if (f?.source === 'fact') return t(`segment.fact.${key}` as MessageKey);
	return t(`field.${key}` as MessageKey);
}

/** An option of a choice field as people read it (stages, types, owners by name…). */
export function optionLabel(key: string, value: string): string {
	if (CHOICE_KEYS[key]) return t(`${CHOICE_KEYS[key]}.${value}` as MessageKey);
	if (key === 'owner') return session.info?.members.find((m) => m.id === value)?.name || value;
	if (key === 'tier') return t('tier.name', { tier: value });
	return value;
}

export function operatorLabel(op: Operator): string {
	return t(`segment.op.${op}` as MessageKey);
}

export function operatorsOf(type: ValueType): readonly Operator[] {
	return OPERATORS[type];
}

/** A money amount in base-currency minor units, formatted. */
function money(n: number): string {
	const c = currencySettings();
	return formatMoney(n, c.base, i18n.locale);
}

/** A condition's value in words. */
function valueText(c: Condition, f: SegmentField | undefined): string {
	const fmt = (v: string | number | undefined) => (v === undefined || v === '' ? '…' : f?.type === 'money' ? money(Number(v)) : String(v));
	switch (c.op) {
		case 'empty':
		case 'notEmpty':
			return '';
		case 'between':
			return t('segment.range', { from: fmt(c.value), to: fmt(c.to) });
		case 'withinDays':
		case 'moreThanDaysAgo':
			return t('segment.days', { count: Number(c.value ?? 0) });
		case 'inList':
		case 'anyOf':
		case 'noneOf':
		case 'allOf':
			return (c.values ?? []).map((v) => optionLabel(c.field, v)).join(t('segment.listJoin')) || '…';
		default:
			return fmt(c.value);
	}
}

/** A rule as one sentence: "Tier is any of A and (Region contains 华东 or …)". */
export function describeRule(rule: SegmentRule, fields: readonly SegmentField[]): string {
	const walk = (r: Condition | RuleGroup, top: boolean): string => {
		if (r.kind === 'group') {
			if (r.rules.length === 0) return top ? t('segment.everyone') : '';
			const s = r.rules.map((x) => walk(x, false)).filter(Boolean).join(` ${t(`segment.join.${r.join}` as MessageKey)} `);
			return top || r.rules.length === 1 ? s : `(${s})`;
		}
		const f = fields.find((x) => x.key === r.field);
		return [fieldLabel(r.field, fields), operatorLabel(r.op), valueText(r, f)].filter(Boolean).join(' ');
	};
	return walk(rule, true);
}

/** A rule error in words, with where it is ("Condition 2 in group 1"). */
export function ruleErrorText(e: RuleError): string {
	return t(`segment.error.${e.code}` as MessageKey);
}

/** The fields a rule can test (loaded once per workspace and when custom fields change). */
export class SegmentFieldList {
	fields = $state.raw<SegmentField[]>([]);

	constructor() {
		$effect(() => {
			const client = session.client;
			void session.info?.fields;
			if (client) client.data.call('segmentFields', undefined).then((f) => (this.fields = f), ignoreClosed);
		});
	}
}

/**
 * The live count of customers a rule matches, asked again (debounced) as the rule changes,
 * with the rule's problems when it is refused.
 */
export class LiveCount {
	count = $state<number | null>(null);
	errors = $state.raw<RuleError[]>([]);
	pending = $state(false);
	#timer: ReturnType<typeof setTimeout> | null = null;
	#seq = 0;

	update(rule: SegmentRule, delay = 200): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.pending = true;
		this.#timer = setTimeout(() => void this.#run(rule), delay);
	}

	async #run(rule: SegmentRule) {
		const client = session.client;
		if (!client) return;
		const seq = ++this.#seq;
		try {
			const r = await client.data.call('segmentCount', { rule });
			if (seq !== this.#seq) return;
			this.pending = false;
			if (r.ok) {
				this.count = r.value;
				this.errors = [];
			} else {
				this.count = null;
				this.errors = r.errors;
			}
		} catch (e) {
			ignoreClosed(e);
		}
	}

	stop(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#seq++;
	}
}

/** A condition for a field with its first operator and an empty value. */
export function newCondition(field: SegmentField): Condition {
	return { kind: 'condition', field: field.key, op: OPERATORS[field.type][0], ...(field.type === 'choice' || field.type === 'multi' ? { values: [] } : {}) };
}

/** The customer list of a saved segment. */
export function segmentHref(id: string): string {
	return `/customers?segment=${encodeURIComponent(id)}`;
}

/**
 * The customer list behind a chart's mark: its drill key under the dashboard's filters (several
 * keys, e.g. every line of a month, list the customers behind any of them).
 */
export function drillHref(drill: string | string[], filters: DashboardFilters, label: string): string {
	const p = new URLSearchParams({ filters: JSON.stringify(filters), label });
	for (const d of Array.isArray(drill) ? drill : [drill]) p.append('drill', d);
	return `/customers?${p}`;
}

/** Opens the customers behind a chart's mark (or marks). */
export function openDrill(drill: string | string[], filters: DashboardFilters, label: string): Promise<void> {
	return goto(drillHref(drill, filters, label));
}

let scopes = 0;

/**
 * Resolves the customer list's scope from its address (a segment, or a chart's drill-down),
 * hands the ids to the query worker and returns the scope's key and what to call it; null
 * when the address names none.
 */
export async function scopeFromUrl(url: URL): Promise<{ key: string; label: string; count: number } | { error: string } | null> {
	const client = session.client;
	if (!client) return null;
	const segment = url.searchParams.get('segment');
	const drills = url.searchParams.getAll('drill');
	if (!segment && !drills.length) return null;
	try {
		let label = '';
		let ids: string[];
		if (segment) {
			const view = await client.data.call('getRecord', { collection: 'segments', id: segment });
			if (!view || view.deletion) return { error: t('segment.notFound') };
			label = String(view.record.name ?? '');
			const r = await client.data.call('segmentIds', { rule: view.record.rule as SegmentRule });
			if (!r.ok) return { error: t('segment.invalid') };
			ids = r.value;
		} else {
			let filters: DashboardFilters = {};
			try {
				filters = JSON.parse(url.searchParams.get('filters') ?? '{}') as DashboardFilters;
			} catch {
				return { error: t('segment.invalid') };
			}
			label = url.searchParams.get('label') ?? '';
			const all = new Set<string>();
			for (const drill of drills) {
				const r = await client.data.call('dashboardCustomers', { filters, drill });
				if (!r.ok) return { error: t('segment.invalid') };
				for (const id of r.value) all.add(id);
			}
			ids = [...all];
		}
		const key = `scope-${++scopes}`;
		await client.query.call('scope', { key, ids });
		return { key, label, count: ids.length };
	} catch (e) {
		ignoreClosed(e);
		return null;
	}
}

/** Creates a task per customer of the rule; offers Undo (the tasks go to the Trash). */
export async function createSegmentTasks(rule: SegmentRule, task: Partial<TaskFields>, onErrors: (errors: FieldError[]) => void): Promise<number | null> {
	const client = session.client;
	if (!client) return null;
	try {
		const r = await client.data.call('createSegmentTasks', { rule, task });
		if (!r.ok) {
			onErrors(r.taskErrors);
			if (!r.taskErrors.length) toasts.show(t('segment.invalid'));
			return null;
		}
		const ids = r.value.ids;
		toasts.show(t('segment.tasksCreated', { count: ids.length }), {
			action: { label: t('toast.undo'), run: () => client.data.call('removeRecords', { collection: 'tasks', ids }).catch(handleError) }
		});
		return ids.length;
	} catch (e) {
		handleError(e);
		return null;
	}
}

/** A money threshold typed in the base currency as minor units (and back, for the input). */
export function moneyInput(minor: number | undefined): string {
	return minor === undefined || minor === null || Number.isNaN(minor) ? '' : amountToDecimal(minor, currencySettings().base);
}
