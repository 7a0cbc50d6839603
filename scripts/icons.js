// Generate Rapport's PWA icons without external packages:
//
//   node scripts/icons.js
//
// Writes static/icons/icon-192.png, static/icons/icon-512.png,
// static/icons/icon-maskable-512.png and static/favicon.png (committed assets).
//
// The artwork (two overlapping speech bubbles: a conversation, a relationship) is described
// with signed distance functions and rasterised with supersampling for antialiasing. PNGs are
// encoded by hand: RGBA, 8 bits per channel, zlib via node:zlib, CRC32 computed here.

import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------
// PNG encoder

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

/** @param {Uint8Array} bytes */
export function crc32(bytes) {
	let c = 0xffffffff;
	for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const out = Buffer.alloc(12 + data.length);
	out.writeUInt32BE(data.length, 0);
	out.write(type, 4, 'ascii');
	data.copy(out, 8);
	out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
	return out;
}

/**
 * @param {number} width
 * @param {number} height
 * @param {Uint8Array} rgba width*height*4 bytes, straight (non-premultiplied) alpha
 */
export function encodePng(width, height, rgba) {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 6; // colour type: RGBA
	ihdr[10] = 0; // compression
	ihdr[11] = 0; // filter method
	ihdr[12] = 0; // no interlace

	// Each scanline gets filter type 1 (Sub), which compresses flat artwork well.
	const stride = width * 4;
	const raw = Buffer.alloc((stride + 1) * height);
	for (let y = 0; y < height; y++) {
		const rowStart = y * (stride + 1);
		raw[rowStart] = 1;
		for (let i = 0; i < stride; i++) {
			const cur = rgba[y * stride + i];
			const left = i >= 4 ? rgba[y * stride + i - 4] : 0;
			raw[rowStart + 1 + i] = (cur - left) & 0xff;
		}
	}

	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(raw, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

// ---------------------------------------------------------------------------------------------
// Geometry (signed distances: negative inside)

const circle = (px, py, cx, cy, r) => Math.hypot(px - cx, py - cy) - r;

function roundBox(px, py, halfW, halfH, r) {
	const qx = Math.abs(px) - halfW + r;
	const qy = Math.abs(py) - halfH + r;
	return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

function triangle(px, py, [ax, ay], [bx, by], [cx, cy]) {
	const e0x = bx - ax, e0y = by - ay;
	const e1x = cx - bx, e1y = cy - by;
	const e2x = ax - cx, e2y = ay - cy;
	const v0x = px - ax, v0y = py - ay;
	const v1x = px - bx, v1y = py - by;
	const v2x = px - cx, v2y = py - cy;
	const clamp01 = (t) => Math.min(1, Math.max(0, t));
	const t0 = clamp01((v0x * e0x + v0y * e0y) / (e0x * e0x + e0y * e0y));
	const t1 = clamp01((v1x * e1x + v1y * e1y) / (e1x * e1x + e1y * e1y));
	const t2 = clamp01((v2x * e2x + v2y * e2y) / (e2x * e2x + e2y * e2y));
	const q0x = v0x - e0x * t0, q0y = v0y - e0y * t0;
	const q1x = v1x - e1x * t1, q1y = v1y - e1y * t1;
	const q2x = v2x - e2x * t2, q2y = v2y - e2y * t2;
	const s = Math.sign(e0x * e2y - e0y * e2x);
	const d = Math.min(q0x * q0x + q0y * q0y, q1x * q1x + q1y * q1y, q2x * q2x + q2y * q2y);
	const side = Math.min(s * (v0x * e0y - v0y * e0x), s * (v1x * e1y - v1y * e1x), s * (v2x * e2y - v2y * e2x));
	return -Math.sqrt(d) * Math.sign(side);
}

// The mark, in its own coordinates: x right, y down, roughly within [-1, 1].
const BACK = { cx: -0.2, cy: -0.17, r: 0.6, tail: [[-0.62, 0.08], [-0.3, 0.36], [-0.8, 0.62]] };
const FRONT = { cx: 0.27, cy: 0.24, r: 0.5, tail: [[0.3, 0.66], [0.64, 0.46], [0.8, 0.84]] };
const GAP = 0.09; // background-coloured outline separating the two bubbles
const DOT_R = 0.068;
const DOTS = [-0.21, 0, 0.21].map((dx) => [FRONT.cx + dx, FRONT.cy]);

const backBubble = (x, y) =>
	Math.min(circle(x, y, BACK.cx, BACK.cy, BACK.r), triangle(x, y, ...BACK.tail));
const frontBubble = (x, y) =>
	Math.min(circle(x, y, FRONT.cx, FRONT.cy, FRONT.r), triangle(x, y, ...FRONT.tail));
const dots = (x, y) => Math.min(...DOTS.map(([cx, cy]) => circle(x, y, cx, cy, DOT_R)));

/** Centre of the mark's bounding box and the radius of a circle around it holding the mark. */
const MARK_BOUNDS = (() => {
	let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
	const inside = [];
	for (let y = -1.5; y <= 1.5; y += 0.005) {
		for (let x = -1.5; x <= 1.5; x += 0.005) {
			if (backBubble(x, y) <= 0 || frontBubble(x, y) <= 0) {
				inside.push([x, y]);
				minX = Math.min(minX, x); maxX = Math.max(maxX, x);
				minY = Math.min(minY, y); maxY = Math.max(maxY, y);
			}
		}
	}
	const cx = (minX + maxX) / 2;
	const cy = (minY + maxY) / 2;
	const radius = Math.max(...inside.map(([x, y]) => Math.hypot(x - cx, y - cy)));
	return { cx, cy, halfSize: Math.max(maxX - minX, maxY - minY) / 2, radius };
})();

// ---------------------------------------------------------------------------------------------
// Rasteriser

const BG = [0x1f, 0x5f, 0x8b]; // theme colour
const WHITE = [255, 255, 255];
const BACK_COLOUR = [0xa9, 0xd4, 0xf2]; // light tint of the theme colour

/**
 * @param {number} size output width = height in pixels
 * @param {{ maskable: boolean, markScale: number }} opts markScale: half-extent of the mark as
 *   a fraction of the icon size (maskable: radius of the mark's enclosing circle instead)
 */
function renderIcon(size, { maskable, markScale }) {
	const ss = size <= 64 ? 8 : 4; // supersamples per axis
	const rgba = new Uint8Array(size * size * 4);
	// Map icon coordinates u,v in [-0.5, 0.5] to mark coordinates.
	const markUnits = maskable ? markScale / MARK_BOUNDS.radius : markScale / MARK_BOUNDS.halfSize;
	const cornerRadius = 0.2; // of the icon size, for the rounded square
	const aa = 0.5 / size; // half a pixel, in icon units

	for (let py = 0; py < size; py++) {
		for (let px = 0; px < size; px++) {
			let r = 0, g = 0, b = 0, a = 0;
			for (let sy = 0; sy < ss; sy++) {
				for (let sx = 0; sx < ss; sx++) {
					const u = (px + (sx + 0.5) / ss) / size - 0.5;
					const v = (py + (sy + 0.5) / ss) / size - 0.5;
					const inTile = maskable || roundBox(u, v, 0.5 - aa / 4, 0.5 - aa / 4, cornerRadius) <= 0;
					if (!inTile) continue;
					const x = u / markUnits + MARK_BOUNDS.cx;
					const y = v / markUnits + MARK_BOUNDS.cy;
					let colour = BG;
					if (dots(x, y) <= 0 && frontBubble(x, y) <= 0) colour = BG;
					else if (frontBubble(x, y) <= 0) colour = WHITE;
					else if (frontBubble(x, y) <= GAP) colour = BG;
					else if (backBubble(x, y) <= 0) colour = BACK_COLOUR;
					r += colour[0];
					g += colour[1];
					b += colour[2];
					a += 1;
				}
			}
			const i = (py * size + px) * 4;
			if (a > 0) {
				// Average of opaque samples (straight alpha): colour over covered samples only.
				rgba[i] = Math.round(r / a);
				rgba[i + 1] = Math.round(g / a);
				rgba[i + 2] = Math.round(b / a);
				rgba[i + 3] = Math.round((a / (ss * ss)) * 255);
			}
		}
	}
	return encodePng(size, size, rgba);
}

function write(rel, png) {
	const file = path.join(repoRoot, rel);
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileSync(file, png);
	console.log(`wrote ${rel} (${png.length} bytes)`);
}

// Normal icons: mark spans ~58% of the tile. Maskable: the whole mark stays inside a circle of
// radius 0.34 (the safe zone is the central circle of radius 0.4), background is full-bleed.
write('static/icons/icon-192.png', renderIcon(192, { maskable: false, markScale: 0.29 }));
write('static/icons/icon-512.png', renderIcon(512, { maskable: false, markScale: 0.29 }));
write('static/icons/icon-maskable-512.png', renderIcon(512, { maskable: true, markScale: 0.34 }));
write('static/favicon.png', renderIcon(32, { maskable: false, markScale: 0.36 }));
