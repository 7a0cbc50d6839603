// The shapes analytics works with: per-customer facts, value tiers, segment rules, dashboard
// aggregates, process health and forecasts. Pure data, shared by the data worker and the UI.
import type { Stage } from '../customer';

// ——— per-customer facts ———

export const TIERS = ['A', 'B', 'C'] as const;
export type Tier = (typeof TIERS)[number];

/** R, F and M scores 1–5 (5 best); 0 for a customer without orders. */
export interface RfmScores {
	r: number;
	f: number;
	m: number;
}

/**
 * What is known about one customer from its records. Times are epoch ms (0 = never); "days
 * since" values are not stored: they depend on the time asked (see `daysSince`).
 */
export interface CustomerFacts {
	id: string;
	/** Orders not cancelled. */
	orderCount: number;
	/** Their total in base-currency minor units (orders in a currency without a rate left out). */
	orderTotal: number;
	/** UTC midnight of the first and last order date; 0 without orders. */
	firstOrder: number;
	lastOrder: number;
	/** Median days between consecutive order dates; null with fewer than 2 order dates. */
	usualInterval: number | null;
	/** When the latest activity with the customer happened. */
	lastContact: number;
	openDeals: number;
	openTickets: number;
	stage: Stage;
	/** When the stage last changed (else when the customer was created). */
	stageSince: number;
}

/** A customer's facts with the scores and tier that depend on all customers. */
export interface CustomerInsight extends CustomerFacts {
	rfm: RfmScores;
	/** The tier in effect: the override when set, else the computed one. */
	tier: Tier;
	computedTier: Tier;
	/** Set by hand on the customer ('' = none), with why. */
	tierOverride: Tier | '';
	tierReason: string;
	/** Days since the last order / contact at the time asked; null when never. */
	daysSinceOrder: number | null;
	daysSinceContact: number | null;
	daysInStage: number;
	/** Churn risk by the workspace's rule (see attention.ts). */
	churnRisk: boolean;
}

// ——— settings ———

export const HEALTH_METRICS = ['ownerShare', 'aTierFollowUp', 'dealsWithNextStep', 'ordersCancelled', 'ticketsPastSla'] as const;
export type HealthMetric = (typeof HEALTH_METRICS)[number];

/** Maturity levels of a CRM process: 1 success by chance, 2 rule-based, 3 managed centrally, 4 optimised everywhere. */
export const MATURITY_LEVELS = [1, 2, 3, 4] as const;
export type MaturityLevel = (typeof MATURITY_LEVELS)[number];

/** Thresholds (shares 0–1) to reach levels 2, 3 and 4. */
export type LevelThresholds = [l2: number, l3: number, l4: number];

/** The workspace's analytics settings (main settings map, key `analytics`). */
export interface AnalyticsSettings {
	/** Share of revenue made by A-tier customers, and by B-tier ones (C: the rest). */
	tierShares: { a: number; b: number };
	/** Days without contact after which an A-tier customer needs attention. */
	aTierDays: number;
	/** Churn risk: time since the last order exceeds `churnFactor` × the usual interval and at least `churnMinDays`, with at least `churnMinOrders` orders. */
	churnFactor: number;
	churnMinDays: number;
	churnMinOrders: number;
	/** Per health metric, the thresholds of levels 2–4. */
	maturity: Record<HealthMetric, LevelThresholds>;
}

// ——— segment rules ———

export const JOINS = ['and', 'or'] as const;
export type Join = (typeof JOINS)[number];

/** Value types of the fields a rule can test; each has its operators (OPERATORS). */
export const VALUE_TYPES = ['text', 'number', 'money', 'date', 'choice', 'multi'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export const OPERATORS = {
	text: ['eq', 'neq', 'contains', 'startsWith', 'empty', 'notEmpty', 'inList'],
	number: ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'between', 'empty', 'notEmpty'],
	money: ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'between'],
	date: ['before', 'after', 'withinDays', 'moreThanDaysAgo', 'empty', 'notEmpty'],
	choice: ['anyOf', 'noneOf', 'empty', 'notEmpty'],
	multi: ['anyOf', 'noneOf', 'allOf', 'empty', 'notEmpty']
} as const satisfies Record<ValueType, readonly string[]>;
export type Operator = (typeof OPERATORS)[ValueType][number];

/**
 * One test of a field. `value`: text for text operators, a number for number/money ones (money
 * in base-currency minor units), "YYYY-MM-DD" for before/after, whole days for
 * withinDays/moreThanDaysAgo; `to` is the upper bound of between (inclusive); `values` the list
 * of inList, anyOf, noneOf and allOf.
 */
export interface Condition {
	kind: 'condition';
	field: string;
	op: Operator;
	value?: string | number;
	to?: number;
	values?: string[];
}

/** Conditions and groups joined by AND or OR; groups nest. */
export interface RuleGroup {
	kind: 'group';
	join: Join;
	rules: Array<Condition | RuleGroup>;
}

/** A segment's rule is its top group. */
export type SegmentRule = RuleGroup;

/** Where a field's value comes from: the customer record, a custom field (`cf_<id>`) or computed facts. */
export type FieldSource = 'customer' | 'custom' | 'fact';

/** A field a rule can test. `label` is set for custom fields (their own label); others are translated by key. */
export interface SegmentField {
	key: string;
	type: ValueType;
	source: FieldSource;
	/** Allowed values of choice and multi fields (member ids for owner; '' left out). */
	options?: string[];
	label?: string;
}

/** Why a rule is refused: where (`path` of indexes from the top group), which part, and a code the UI translates (`segment.error.<code>`). */
export interface RuleError {
	path: number[];
	part: 'rule' | 'field' | 'op' | 'value' | 'to' | 'values';
	code: 'emptyGroup' | 'tooDeep' | 'tooManyConditions' | 'unknownField' | 'opNotAllowed' | 'required' | 'numberInvalid' | 'dateInvalid' | 'rangeInvalid' | 'invalidChoice' | 'joinInvalid' | 'tooLong';
}

/** A saved segment (collection `segments` of the main document). */
export interface SegmentFields {
	name: string;
	description: string;
	rule: SegmentRule;
}

/**
 * A rule in words the UI translates: a group's join and its parts, each condition as its
 * field key (label for custom fields), operator and values as written.
 */
export type RuleDescription =
	| { kind: 'group'; join: Join; parts: RuleDescription[] }
	| { kind: 'condition'; field: string; label?: string; op: Operator; values: string[] };

// ——— dashboard ———

/** Filters every chart of the dashboard applies. */
export interface DashboardFilters {
	/** "YYYY-MM-DD" inclusive, '' = open; applies to the monthly trends, the pipeline's closed deals and the team view. */
	from?: string;
	to?: string;
	/** Only customers matching this rule. */
	segment?: SegmentRule | null;
	/** Only customers owned by this member ('' = everyone). */
	owner?: string;
	/** Months of trends when no range is given (default 24, ending this month). */
	months?: number;
}

/**
 * One bar, slice, cell or point. `key` is the raw value (a region, a stage id, a month
 * "YYYY-MM"…) that the UI shows or translates; `drill` is passed to `dashboardCustomers` to
 * list the customers behind it.
 */
export interface Bucket {
	key: string;
	count: number;
	/** A sum in base-currency minor units, when the bucket has one. */
	amount?: number;
	drill: string;
}

/** A series of months. */
export interface Series {
	key: string;
	points: Bucket[];
}

export interface FunnelData {
	/** Customers in each stage now: potential, prospect, customer, lost. */
	stages: Bucket[];
	/** Shares 0–1 (null when nothing to divide): (prospect+customer)/(potential+prospect+customer), customer/(prospect+customer), lost/all. */
	rates: { toProspect: number | null; toCustomer: number | null; lost: number | null };
}

export interface PipelineData {
	/** Open deals by stage now (count and amount in the base currency). */
	stages: Bucket[];
	/** Deals closed in the range. */
	won: number;
	lost: number;
	winRate: number | null;
	/** Average days from creation to won, over deals won in the range. */
	avgCycleDays: number | null;
	lostReasons: Bucket[];
	/** `name`: the competitor profile's id (or the name a deal typed); `label`: its name to show (set by the data worker). */
	competitors: Array<{ name: string; label?: string; won: Bucket; lost: Bucket }>;
}

export interface RfmCell {
	r: number;
	f: number;
	count: number;
	/** Sum of the cell's order totals (base-currency minor units). */
	monetary: number;
	drill: string;
}

export interface TeamRow {
	member: string;
	activities: number;
	deals: number;
	dealsWon: number;
	drill: string;
}

export interface HealthRow {
	metric: HealthMetric;
	/** Share 0–1; null when there is nothing to measure (no open deals…). */
	value: number | null;
	/** Higher shares are better, or lower ones (cancelled orders, tickets past SLA). */
	better: 'higher' | 'lower';
	level: MaturityLevel;
	thresholds: LevelThresholds;
	/** The share to reach for the next level; null at level 4. */
	next: { level: MaturityLevel; target: number } | null;
	drill: string;
}

export interface HealthData {
	/** The lowest level over the metrics that can be measured (a chain is as strong as its weakest link). */
	level: MaturityLevel;
	metrics: HealthRow[];
}

export interface Dashboard {
	asOf: number;
	/** Base currency of every amount. */
	currency: string;
	/** Customers the filters keep. */
	customers: number;
	/** The months of the trends, "YYYY-MM". */
	months: string[];
	funnel: FunnelData;
	distributions: { region: Bucket[]; industry: Bucket[]; type: Bucket[]; tier: Bucket[]; source: Bucket[] };
	trends: {
		newCustomers: Series;
		/** One series per channel. */
		activities: Series[];
		orders: Series;
		/** Revenue total (`count` = orders, `amount` = revenue). */
		revenue: Series;
		/** Revenue per product category (line totals converted to the base currency). */
		revenueByCategory: Series[];
		/** Revenue per product (keys are product ids) for the TOP_PRODUCTS products with the most revenue in the range. */
		revenueByProduct: Series[];
		/** One series per ticket type. */
		tickets: Series[];
		/** Average satisfaction (1–5) of tickets rated in the month: `amount` = sum of scores, `count` = ratings. */
		satisfaction: Series;
	};
	pipeline: PipelineData;
	rfm: RfmCell[];
	team: TeamRow[];
	health: HealthData;
}

// ——— attention lists ———

export interface AttentionRow {
	id: string;
	name: string;
	owner: string;
	tier: Tier;
	orderTotal: number;
	daysSinceContact: number | null;
	daysSinceOrder: number | null;
	usualInterval: number | null;
}

export interface AttentionLists {
	/** A-tier customers not contacted for `aTierDays` (or never), longest first. */
	aTierNoContact: AttentionRow[];
	/** Churn risk by the workspace's rule, most overdue (days since / usual interval) first. */
	churnRisk: AttentionRow[];
	/** Lost customers by past value, highest first. */
	winBack: AttentionRow[];
	/** Totals before `limit` cut the lists. */
	counts: { aTierNoContact: number; churnRisk: number; winBack: number };
}

// ——— forecast ———

/** What to forecast: one product's or one category's quantity per month, or all revenue. */
export type ForecastTarget = { kind: 'product'; id: string } | { kind: 'category'; id: string } | { kind: 'revenue' };

export const FORECAST_METHODS = ['holtWintersAdditive', 'holtWintersMultiplicative', 'dampedTrend', 'none'] as const;
export type ForecastMethod = (typeof FORECAST_METHODS)[number];

export interface ForecastPoint {
	month: string;
	value: number;
	/** The uncertainty band (about 80%), never below 0. */
	low: number;
	high: number;
}

export interface Accuracy {
	/** Held-out months (the last ones of the history). */
	months: number;
	mae: number;
	/** Symmetric MAPE 0–2 (0 perfect); null when every value is 0. */
	smape: number | null;
}

export interface ForecastResult {
	target: ForecastTarget;
	method: ForecastMethod;
	/** True when fewer than 24 months of history exist: a simpler method with a wider band. */
	simple: boolean;
	history: Array<{ month: string; value: number }>;
	forecast: ForecastPoint[];
	/** On held-out months: this method and the seasonal-naive baseline; null when history is too short. */
	accuracy: { model: Accuracy; baseline: Accuracy } | null;
}
