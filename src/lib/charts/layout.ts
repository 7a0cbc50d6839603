// Chart geometry: d3 computes scales, ticks and path strings here; Svelte components render
// them as SVG. Pure functions of data and size, so they are tested in Node without a DOM.
import { arc, area, line, max, pie, scaleBand, scaleLinear, scalePoint, scaleSequential, interpolateBlues, min } from 'd3';

/** One value with a stable key (for drill-down) and a label people read. */
export interface Datum {
	key: string;
	label: string;
	value: number;
}

/** A value split into parts (e.g. won and lost deals against one competitor). */
export interface StackedDatum {
	key: string;
	label: string;
	parts: number[];
}

/** A named line over the chart's x labels (values aligned with them; null = no value). */
export interface Series {
	key: string;
	label: string;
	values: Array<number | null>;
	/** Drawn dashed (a forecast rather than history). */
	dashed?: boolean;
}

/** An uncertainty band over the x labels (null where there is none). */
export interface Band {
	lower: Array<number | null>;
	upper: Array<number | null>;
}

export interface Tick {
	value: number;
	pos: number;
}

/** Colours that read on light and dark backgrounds (Tableau 10, ordered for contrast). */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#59a14f', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'] as const;

export function colorAt(i: number): string {
	return PALETTE[i % PALETTE.length];
}

/** About how wide `text` is at `size` px (CJK glyphs are square; Latin ones about 0.6 em). */
export function textWidth(text: string, size = 11): number {
	let w = 0;
	for (const ch of text) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? size : size * 0.6;
	return w;
}

/** Options of the horizontal bar layouts: row height, label column, room for value labels and tick labels. */
export interface BarOptions {
	row?: number;
	labelWidth?: number;
	top?: number;
	bottom?: number;
	/** Widest value label drawn after a bar (px). */
	valueWidth?: number;
	/** Widest tick label (px). */
	tickWidth?: number;
}

export interface BarLayout {
	width: number;
	height: number;
	/** Left edge of the bars (labels sit to its left). */
	x0: number;
	bars: Array<{ datum: Datum; x: number; y: number; h: number; w: number; labelY: number }>;
	ticks: Tick[];
}

/**
 * Horizontal bars, one row per datum: labels on the left, so long Chinese or English labels fit
 * on a phone. The label column takes at most 40 % of the width.
 */
export function barLayout(data: readonly Datum[], width: number, { row = 28, labelWidth = 120, top = 4, bottom = 20, valueWidth = 40, tickWidth = 24 }: BarOptions = {}): BarLayout {
	const x0 = Math.min(labelWidth, Math.round(width * 0.4));
	const right = Math.min(valueWidth + 8, Math.round(width * 0.35));
	const height = top + data.length * row + bottom;
	const y = scaleBand<number>()
		.domain(data.map((_, i) => i))
		.range([top, top + data.length * row])
		.paddingInner(0.2);
	const x = scaleLinear()
		.domain([Math.min(0, min(data, (d) => d.value) ?? 0), Math.max(max(data, (d) => d.value) ?? 0, 1)])
		.nice()
		.range([0, Math.max(width - x0 - right, 10)]);
	const zero = x(0);
	const bars = data.map((datum, i) => {
		const a = x(datum.value);
		return { datum, x: x0 + Math.min(a, zero), y: y(i) ?? 0, h: y.bandwidth(), w: Math.max(Math.abs(a - zero), datum.value ? 1 : 0), labelY: (y(i) ?? 0) + y.bandwidth() / 2 };
	});
	return { width, height, x0, bars, ticks: ticksFor(x, width - x0 - right, tickWidth, x0) };
}

/** Ticks along a bar axis, as many as fit without their labels touching. */
function ticksFor(x: ReturnType<typeof scaleLinear<number, number>>, span: number, tickWidth: number, x0: number): Tick[] {
	return x.ticks(Math.max(2, Math.floor(span / (tickWidth + 24)))).map((v) => ({ value: v, pos: x0 + x(v) }));
}

export interface StackedLayout {
	width: number;
	height: number;
	x0: number;
	rows: Array<{ datum: StackedDatum; y: number; h: number; total: number; segments: Array<{ part: number; x: number; w: number; value: number }> }>;
	ticks: Tick[];
}

/** Horizontal stacked bars (parts are non-negative). */
export function stackedLayout(data: readonly StackedDatum[], width: number, { row = 28, labelWidth = 120, top = 4, bottom = 20, valueWidth = 40, tickWidth = 24 }: BarOptions = {}): StackedLayout {
	const x0 = Math.min(labelWidth, Math.round(width * 0.4));
	const right = Math.min(valueWidth + 8, Math.round(width * 0.35));
	const height = top + data.length * row + bottom;
	const totals = data.map((d) => d.parts.reduce((s, p) => s + Math.max(p, 0), 0));
	const y = scaleBand<number>()
		.domain(data.map((_, i) => i))
		.range([top, top + data.length * row])
		.paddingInner(0.2);
	const x = scaleLinear()
		.domain([0, Math.max(max(totals) ?? 0, 1)])
		.nice()
		.range([0, Math.max(width - x0 - right, 10)]);
	const rows = data.map((datum, i) => {
		let at = 0;
		const segments = datum.parts.map((value, part) => {
			const v = Math.max(value, 0);
			const seg = { part, x: x0 + x(at), w: x(at + v) - x(at), value };
			at += v;
			return seg;
		});
		return { datum, y: y(i) ?? 0, h: y.bandwidth(), total: totals[i], segments };
	});
	return { width, height, x0, rows, ticks: ticksFor(x, width - x0 - right, tickWidth, x0) };
}

export interface DonutLayout {
	size: number;
	slices: Array<{ datum: Datum; path: string; color: string; share: number; labelX: number; labelY: number }>;
}

/** A donut of non-negative values, largest first as given; `size` is its square side. */
export function donutLayout(data: readonly Datum[], size: number): DonutLayout {
	const r = size / 2;
	const total = data.reduce((s, d) => s + Math.max(d.value, 0), 0);
	const arcs = pie<Datum>()
		.value((d) => Math.max(d.value, 0))
		.sort(null)(data as Datum[]);
	const shape = arc<{ startAngle: number; endAngle: number; padAngle: number }>()
		.innerRadius(r * 0.55)
		.outerRadius(r - 2)
		.padAngle(data.length > 1 ? 0.01 : 0);
	return {
		size,
		slices: arcs.map((a, i) => {
			const [cx, cy] = shape.centroid(a);
			return { datum: a.data, path: shape(a) ?? '', color: colorAt(i), share: total ? Math.max(a.data.value, 0) / total : 0, labelX: cx + r, labelY: cy + r };
		})
	};
}

export interface TrendLayout {
	width: number;
	height: number;
	left: number;
	bottom: number;
	xs: number[];
	/** Which x labels get a tick label (thinned to fit the width). */
	xTicks: number[];
	yTicks: Tick[];
	lines: Array<{ series: Series; path: string; color: string; points: Array<{ i: number; x: number; y: number; value: number }> }>;
	band: string | null;
}

/**
 * Lines over evenly spaced x labels (months), with an optional band, y from zero (or the
 * lowest value when negative).
 */
export function trendLayout(labels: readonly string[], series: readonly Series[], width: number, height: number, { band = null as Band | null, left = 48, top = 8, right = 12, bottom = 24 } = {}): TrendLayout {
	const x = scalePoint<number>()
		.domain(labels.map((_, i) => i))
		.range([left, Math.max(width - right, left + 1)])
		.padding(0.3);
	const values: number[] = [];
	for (const s of series) for (const v of s.values) if (v != null && Number.isFinite(v)) values.push(v);
	if (band) for (const v of [...band.lower, ...band.upper]) if (v != null && Number.isFinite(v)) values.push(v);
	const y = scaleLinear()
		.domain([Math.min(0, min(values) ?? 0), Math.max(max(values) ?? 0, 1)])
		.nice()
		.range([height - bottom, top]);
	const px = (i: number) => x(i) ?? left;
	const path = line<[number, number]>()
		.defined((d) => Number.isFinite(d[1]))
		.x((d) => px(d[0]))
		.y((d) => y(d[1]));
	const lines = series.map((s, k) => {
		const pts = s.values.map((v, i): [number, number] => [i, v == null ? NaN : v]);
		return {
			series: s,
			path: path(pts) ?? '',
			color: colorAt(k),
			points: pts.filter((p) => Number.isFinite(p[1])).map(([i, v]) => ({ i, x: px(i), y: y(v), value: v }))
		};
	});
	let bandPath: string | null = null;
	if (band) {
		const shape = area<number>()
			.defined((i) => band.lower[i] != null && band.upper[i] != null)
			.x((i) => px(i))
			.y0((i) => y(band.lower[i] ?? 0))
			.y1((i) => y(band.upper[i] ?? 0));
		bandPath = shape(labels.map((_, i) => i)) || null;
	}
	const every = Math.max(1, Math.ceil(labels.length / Math.max(1, Math.floor((width - left - right) / 56))));
	return {
		width,
		height,
		left,
		bottom: height - bottom,
		xs: labels.map((_, i) => px(i)),
		xTicks: labels.map((_, i) => i).filter((i) => i % every === 0),
		yTicks: y.ticks(Math.max(2, Math.floor(height / 50))).map((v) => ({ value: v, pos: y(v) })),
		lines,
		band: bandPath
	};
}

export interface GridCell {
	row: number;
	col: number;
	count: number;
	/** What colours the cell (e.g. monetary sum). */
	weight: number;
}

export interface GridLayout {
	size: number;
	cell: number;
	left: number;
	top: number;
	cells: Array<GridCell & { x: number; y: number; color: string; dark: boolean }>;
}

/**
 * A rows × cols heatmap (the RFM grid: recency across, frequency up). Colour by weight on a
 * blue ramp; `dark` says the label needs a light colour.
 */
export function gridLayout(cells: readonly GridCell[], rows: number, cols: number, width: number, { left = 28, top = 4 } = {}): GridLayout {
	const cell = Math.max(20, Math.floor(Math.min((width - left) / cols, 72)));
	const hi = Math.max(max(cells, (c) => c.weight) ?? 0, 1);
	const color = scaleSequential(interpolateBlues).domain([0, hi]);
	return {
		size: left + cols * cell,
		cell,
		left,
		top,
		cells: cells.map((c) => ({
			...c,
			// Rows counted from the bottom: score 5 at the top.
			x: left + (c.col - 1) * cell,
			y: top + (rows - c.row) * cell,
			color: c.count ? color(c.weight) : 'transparent',
			dark: c.weight / hi > 0.55
		}))
	};
}
