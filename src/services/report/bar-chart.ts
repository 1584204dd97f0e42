import { deflateSync } from 'node:zlib';

/**
 * A horizontal bar chart, the one chart the report draws: a bar per row (a training wave, a
 * department), each against a full-width track. Drawn without a browser: as SVG (Word 2016+ and
 * every browser show it, text included) and as a PNG of the bars alone, which Word versions
 * without SVG show instead. The figures are always in a table beside the chart as well.
 */
export type BarChart = {
  /** A short name: the image's title. */
  title: string;
  /** Alternative text: what the chart shows, for people who cannot see it. */
  description: string;
  /** The value of a full bar (100 for percentages). */
  max: number;
  bars: Array<{
    label: string;
    value: number;
    /** Printed after the bar, e.g. `73%`. */ text: string;
  }>;
};

/** The chart's geometry, in pixels at 96 dpi. */
export const CHART_LAYOUT = {
  width: 720,
  labelWidth: 336,
  barX: 344,
  barWidth: 300,
  rowHeight: 22,
  barHeight: 14,
  padding: 8,
} as const;

const COLOURS = { bar: [0x1f, 0x5f, 0x8b], track: [0xe4, 0xe4, 0xe4], text: '#1b1b1b' } as const;
const hex = (rgb: readonly number[]) =>
  `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;

export function chartHeight(chart: BarChart): number {
  return CHART_LAYOUT.padding * 2 + chart.bars.length * CHART_LAYOUT.rowHeight;
}

function barLength(chart: BarChart, value: number): number {
  if (chart.max <= 0) return 0;
  const share = Math.min(Math.max(value / chart.max, 0), 1);
  return Math.round(share * CHART_LAYOUT.barWidth);
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

/** A label cut to fit its column (the table beside the chart has it whole). */
function fit(label: string, max = 52): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/**
 * The chart as an SVG document. Colours and text are presentation attributes, never `style`, so
 * the HTML report shows it inline under a Content Security Policy without inline styles.
 * @param id unique in the page, for `aria-labelledby`.
 */
export function barChartSvg(chart: BarChart, id = 'chart'): string {
  const { width, labelWidth, barX, barWidth, rowHeight, barHeight, padding } = CHART_LAYOUT;
  const height = chartHeight(chart);
  const rows = chart.bars.map((bar, i) => {
    const y = padding + i * rowHeight;
    const barY = y + (rowHeight - barHeight) / 2;
    const length = barLength(chart, bar.value);
    return [
      `<text x="${labelWidth}" y="${y + rowHeight / 2}" text-anchor="end" dominant-baseline="middle">${escapeXml(fit(bar.label))}</text>`,
      `<rect x="${barX}" y="${barY}" width="${barWidth}" height="${barHeight}" fill="${hex(COLOURS.track)}"/>`,
      length > 0
        ? `<rect x="${barX}" y="${barY}" width="${length}" height="${barHeight}" fill="${hex(COLOURS.bar)}"/>`
        : '',
      `<text x="${barX + barWidth + 6}" y="${y + rowHeight / 2}" dominant-baseline="middle">${escapeXml(bar.text)}</text>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${escapeXml(chart.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(chart.description)}</desc>`,
    `<g font-family="Segoe UI, Arial, sans-serif" font-size="12" fill="${COLOURS.text}">`,
    ...rows,
    '</g></svg>',
  ].join('');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * The chart's bars as a PNG (8-bit RGB, white ground): Word's fallback for the SVG. Text needs a
 * font renderer, which this is not; Word shows the image's alternative text, and the table beside
 * the chart has every figure.
 */
export function barChartPng(chart: BarChart): Buffer {
  const { width, barX, barWidth, rowHeight, barHeight, padding } = CHART_LAYOUT;
  const height = chartHeight(chart);
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height, 0xff);
  for (let y = 0; y < height; y += 1) raw[y * stride] = 0; // filter: none
  const fill = (x0: number, y0: number, w: number, h: number, rgb: readonly number[]) => {
    for (let y = y0; y < y0 + h && y < height; y += 1) {
      for (let x = x0; x < x0 + w && x < width; x += 1) {
        const at = y * stride + 1 + x * 3;
        raw[at] = rgb[0] ?? 0;
        raw[at + 1] = rgb[1] ?? 0;
        raw[at + 2] = rgb[2] ?? 0;
      }
    }
  };
  chart.bars.forEach((bar, i) => {
    const barY = Math.round(padding + i * rowHeight + (rowHeight - barHeight) / 2);
    fill(barX, barY, barWidth, barHeight, COLOURS.track);
    fill(barX, barY, barLength(chart, bar.value), barHeight, COLOURS.bar);
  });
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
