// Draws reap's two Teams icons and writes them beside this file:
//   color.png   192×192, full bleed (Teams masks the corners itself), mark inside the 120×120 safe area
//   outline.png  32×32, white on transparent, as Teams requires for the app bar
// The mark is a geometric "R" standing on a level bar: the plan's aim of equal footing.
// Only node:zlib is used; the output is byte-for-byte reproducible.
//
//   node appPackage/make-icons.mjs          write the icons
//   node appPackage/make-icons.mjs --check  exit 1 if the committed icons differ from what this draws
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));

const CIVIC_BLUE = [0x12, 0x4e, 0x8f];
const TEAL = [0x0c, 0x80, 0x86];
const WHITE = [0xff, 0xff, 0xff];
const GOLD = [0xf4, 0xb9, 0x42];

// The mark in glyph units: the R is 0.84 wide and 1 tall, the bar sits below it.
const STEM = 0.2; // vertical stroke
const BAR = 0.17; // horizontal strokes of the bowl
const BOWL_X = 0.45; // where the bowl's straight part turns into its curve
const BOWL_R = 0.29; // outer radius of the curve
const LEG = { x1: 0.36, y1: 0.52, x2: 0.74, y2: 1.0, half: 0.095 };
const LEVEL = { top: 1.12, bottom: 1.24, left: 0, right: 0.84 };
const MARK_W = 0.84;
const MARK_H = LEVEL.bottom;

function inBowl(x, y, inset) {
  const top = inset;
  const bottom = 2 * BOWL_R - inset;
  if (y < top || y > bottom) return false;
  if (x <= BOWL_X) return x >= (inset > 0 ? STEM : 0);
  const r = BOWL_R - inset;
  return (x - BOWL_X) ** 2 + (y - BOWL_R) ** 2 <= r * r;
}

function inLeg(x, y) {
  if (y > LEG.y2 || y < LEG.y1 - LEG.half) return false;
  const dx = LEG.x2 - LEG.x1;
  const dy = LEG.y2 - LEG.y1;
  const t = Math.max(0, Math.min(1, ((x - LEG.x1) * dx + (y - LEG.y1) * dy) / (dx * dx + dy * dy)));
  const px = LEG.x1 + t * dx - x;
  const py = LEG.y1 + t * dy - y;
  return px * px + py * py <= LEG.half * LEG.half;
}

function inR(x, y) {
  if (x >= 0 && x <= STEM && y >= 0 && y <= 1) return true;
  if (inBowl(x, y, 0) && !inBowl(x, y, BAR)) return true;
  return inLeg(x, y);
}

function inLevel(x, y) {
  const r = (LEVEL.bottom - LEVEL.top) / 2;
  const cy = LEVEL.top + r;
  if (y < LEVEL.top || y > LEVEL.bottom) return false;
  const cx = Math.max(LEVEL.left + r, Math.min(LEVEL.right - r, x)); // rounded ends
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/**
 * Fraction of a pixel covered by a shape, sampled on an n×n grid.
 * `toGlyph` maps pixel coordinates to glyph units.
 */
function coverage(shape, px, py, toGlyph, n = 8) {
  let hits = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const [gx, gy] = toGlyph(px + (i + 0.5) / n, py + (j + 0.5) / n);
      if (shape(gx, gy)) hits++;
    }
  }
  return hits / (n * n);
}

/** Maps pixels to glyph units so that the mark, `height` px tall, is centred in a `size` px square. */
function placement(size, height) {
  const scale = height / MARK_H;
  const left = (size - MARK_W * scale) / 2;
  const top = (size - MARK_H * scale) / 2;
  return (x, y) => [(x - left) / scale, (y - top) / scale];
}

const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

function drawColor() {
  const size = 192;
  const toGlyph = placement(size, 112); // fits the 120×120 safe area
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let c = mix(CIVIC_BLUE, TEAL, (x + y) / (2 * (size - 1)));
      c = mix(c, WHITE, coverage(inR, x, y, toGlyph));
      c = mix(c, GOLD, coverage(inLevel, x, y, toGlyph));
      const o = (y * size + x) * 4;
      rgba[o] = Math.round(c[0]);
      rgba[o + 1] = Math.round(c[1]);
      rgba[o + 2] = Math.round(c[2]);
      rgba[o + 3] = 255;
    }
  }
  return encodePng(size, size, rgba);
}

function drawOutline() {
  const size = 32;
  const toGlyph = placement(size, 28);
  const rgba = Buffer.alloc(size * size * 4);
  const mark = (gx, gy) => inR(gx, gy) || inLevel(gx, gy);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const o = (y * size + x) * 4;
      const a = Math.round(255 * coverage(mark, x, y, toGlyph));
      // Teams wants only white and transparent: colour stays white, coverage goes to alpha.
      rgba.fill(0xff, o, o + 3);
      rgba[o + 3] = a;
    }
  }
  return encodePng(size, size, rgba);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A minimal PNG encoder: 8-bit RGBA, not interlaced, filter "none" on every row. */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0;
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const icons = { 'color.png': drawColor(), 'outline.png': drawOutline() };
const check = process.argv.includes('--check');
let stale = 0;
for (const [name, png] of Object.entries(icons)) {
  const file = path.join(here, name);
  if (check) {
    const same = fs.existsSync(file) && fs.readFileSync(file).equals(png);
    if (!same) {
      console.error(
        `${name} differs from what make-icons.mjs draws; run node appPackage/make-icons.mjs`,
      );
      stale++;
    }
  } else {
    fs.writeFileSync(file, png);
    console.log(`wrote appPackage/${name} (${png.length} bytes)`);
  }
}
if (stale > 0) process.exitCode = 1;
