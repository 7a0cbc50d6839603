// The dashboard on the main thread: its filters, the aggregates the data worker computes for
// them (asked again when the analytics change), the forecast and the attention lists.
import type { AttentionLists, Dashboard, DashboardFilters, ForecastResult, ForecastTarget, SegmentRule } from '../domain/analytics/types';
import { currencyDigits, formatMoney } from '../domain/money';
import { i18n, t } from '../i18n/index.svelte';
import type { MessageKey } from '../i18n/en';
import type { ForecastOptions, SegmentSummary } from '../worker/protocol';
import { ignoreClosed } from './records.svelte';
import { ruleErrorText } from './segments.svelte';
import { session } from './session.svelte';

export interface FilterInput {
	from: string;
	to: string;
	/** A saved segment's id ('' = all customers). */
	segment: string;
	owner: string;
}

export class DashboardView {
	filters = $state<FilterInput>({ from: '', to: '', segment: '', owner: '' });
	data = $state.raw<Dashboard | null>(null);
	error = $state('');
	loading = $state(false);
	segments = $state.raw<SegmentSummary[]>([]);
	attention = $state.raw<AttentionLists | null>(null);
	forecastOptions = $state.raw<ForecastOptions>({ products: [], categories: [] });
	/** "revenue", "product:<id>" or "category:<name>". */
	forecastTarget = $state('revenue');
	horizon = $state(6);
	forecast = $state.raw<ForecastResult | null>(null);
	#seq = 0;
	#timer: ReturnType<typeof setTimeout> | null = null;

	constructor() {
		$effect(() => {
			const client = session.client;
			if (!client) return;
			void this.refresh();
			void this.loadSegments();
			const off = client.data.on('analytics', () => this.#soon());
			const offRecords = client.data.on('records', (e: { collection: string }) => {
				if (e.collection === 'segments') void this.loadSegments();
			});
			return () => {
				off();
				offRecords();
				if (this.#timer) clearTimeout(this.#timer);
			};
		});
	}

	/** The filters as the data worker takes them (the segment as its rule). */
	query(): DashboardFilters {
		const f = this.filters;
		const seg = f.segment ? this.segments.find((s) => s.id === f.segment) : undefined;
		return { from: f.from || undefined, to: f.to || undefined, owner: f.owner || undefined, segment: seg ? ($state.snapshot(seg.rule) as SegmentRule) : null };
	}

	#soon() {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.refresh(), 300);
	}

	async loadSegments(): Promise<void> {
		try {
			this.segments = (await session.client?.data.call('segmentList', undefined)) ?? [];
		} catch (e) {
			ignoreClosed(e);
		}
	}

	async refresh(): Promise<void> {
		const client = session.client;
		if (!client) return;
		const seq = ++this.#seq;
		this.loading = true;
		try {
			const [r, attention, options] = await Promise.all([
				client.data.call('dashboard', this.query()),
				client.data.call('attention', { limit: 8 }),
				client.data.call('forecastOptions', undefined)
			]);
			if (seq !== this.#seq) return;
			this.attention = attention;
			this.forecastOptions = options;
			if (r.ok) {
				this.data = r.value;
				this.error = '';
			} else this.error = r.errors.map(ruleErrorText).join(' ');
			await this.loadForecast();
		} catch (e) {
			ignoreClosed(e);
		} finally {
			if (seq === this.#seq) this.loading = false;
		}
	}

	target(): ForecastTarget {
		const v = this.forecastTarget;
		if (v.startsWith('product:')) return { kind: 'product', id: v.slice(8) };
		if (v.startsWith('category:')) return { kind: 'category', id: v.slice(9) };
		return { kind: 'revenue' };
	}

	async loadForecast(): Promise<void> {
		try {
			const f = await session.client?.data.call('forecast', { target: this.target(), horizon: this.horizon });
			this.forecast = f ?? null;
		} catch (e) {
			ignoreClosed(e);
		}
	}
}

/** "2026-03" as a short month for axis labels ("Mar 26", "26年3月"). */
export function monthLabel(month: string): string {
	const [y, m] = month.split('-').map(Number);
	if (!y || !m) return month;
	return new Intl.DateTimeFormat(i18n.locale, { year: '2-digit', month: 'short', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
}

/** An amount in base-currency minor units, in full. */
export function moneyText(minor: number, currency: string): string {
	return formatMoney(Math.round(minor), currency, i18n.locale);
}

/** An amount in base-currency minor units as a short axis label ("¥1.2万", "$12K"). */
export function moneyShort(minor: number, currency: string): string {
	const units = minor / 10 ** currencyDigits(currency);
	return new Intl.NumberFormat(i18n.locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(units);
}

export function percent(share: number | null): string {
	return share == null ? '–' : new Intl.NumberFormat(i18n.locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** A bucket key of a distribution as people read it. */
export function bucketLabel(kind: 'region' | 'industry' | 'source' | 'type' | 'tier' | 'stage' | 'channel' | 'ticketType' | 'text', key: string): string {
	if (key === '') return t('dashboard.unknown');
	switch (kind) {
		case 'type':
			return t(`type.${key}` as MessageKey);
		case 'tier':
			return t('tier.name', { tier: key });
		case 'stage':
			return t(`stage.${key}` as MessageKey);
		case 'channel':
			return t(`channel.${key}` as MessageKey);
		case 'ticketType':
			return t(`ticketType.${key}` as MessageKey);
		default:
			return key;
	}
}

export function memberName(id: string): string {
	return session.info?.members.find((m) => m.id === id)?.name || (id ? id.slice(0, 8) : t('dashboard.unassigned'));
}

export function dealStageName(id: string): string {
	const s = session.info?.pipeline.stages.find((x) => x.id === id);
	return s?.name || t(`pipeline.${id}` as MessageKey);
}
