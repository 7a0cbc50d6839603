// Exporting a chart as a file: the SVG as drawn (styles inlined, so it looks the same outside
// the app), a PNG rendered from it, and its data as CSV.
import { toCsv } from '../domain/csv';
import { saveFile } from './download';

// Presentation properties the chart CSS sets; copied onto each element of the exported copy.
const PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline'];

/** A standalone SVG document of `svg`, with computed styles inlined and a background. */
export function svgDocument(svg: SVGSVGElement, title: string): string {
	const copy = svg.cloneNode(true) as SVGSVGElement;
	const source = [svg, ...svg.querySelectorAll('*')];
	const target = [copy, ...copy.querySelectorAll('*')];
	source.forEach((el, i) => {
		const style = getComputedStyle(el);
		const out = target[i] as SVGElement;
		out.removeAttribute('class');
		out.removeAttribute('tabindex');
		out.removeAttribute('role');
		for (const p of PROPS) {
			const v = style.getPropertyValue(p);
			if (v) out.style.setProperty(p, v);
		}
	});
	const { width, height } = svg.getBoundingClientRect();
	copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	copy.setAttribute('width', String(Math.ceil(width)));
	copy.setAttribute('height', String(Math.ceil(height)));
	const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
	bg.setAttribute('width', '100%');
	bg.setAttribute('height', '100%');
	bg.setAttribute('fill', getComputedStyle(svg.closest('figure') ?? svg).backgroundColor || '#fff');
	const name = document.createElementNS('http://www.w3.org/2000/svg', 'title');
	name.textContent = title;
	copy.prepend(name, bg);
	return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
}

function stem(title: string): string {
	return title.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '') || 'chart';
}

export function exportSvg(svg: SVGSVGElement, title: string): void {
	saveFile(`${stem(title)}.svg`, svgDocument(svg, title), 'image/svg+xml');
}

/** Renders the SVG at twice its size onto a canvas and saves it as PNG. */
export async function exportPng(svg: SVGSVGElement, title: string): Promise<void> {
	const text = svgDocument(svg, title);
	const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
	try {
		const img = new Image();
		img.src = url;
		await img.decode();
		const scale = 2;
		const canvas = document.createElement('canvas');
		canvas.width = Math.max(1, img.naturalWidth * scale);
		canvas.height = Math.max(1, img.naturalHeight * scale);
		const ctx = canvas.getContext('2d');
		if (!ctx) throw new Error('no canvas');
		ctx.scale(scale, scale);
		ctx.drawImage(img, 0, 0);
		const blob = await new Promise<Blob | null>((ok) => canvas.toBlob(ok, 'image/png'));
		if (!blob) throw new Error('no png');
		saveFile(`${stem(title)}.png`, blob, 'image/png');
	} finally {
		URL.revokeObjectURL(url);
	}
}

export function exportData(title: string, head: readonly string[], rows: readonly (readonly string[])[]): void {
	saveFile(`${stem(title)}.csv`, toCsv([head, ...rows]), 'text/csv;charset=utf-8');
}
