import { createHash } from 'node:crypto';
import { barChartSvg } from './bar-chart';
import type { ReportBlock, ReportDocument } from './report-document';

/**
 * The report's one style sheet. It sits in a `<style>` element allowed by its hash (in the page's
 * own Content Security Policy, and in the header the API sends), so the page needs no inline
 * style attribute, no script and nothing from elsewhere: it opens the same from a file, from the
 * SharePoint library or inside the tab's frame.
 */
const CSS = `
:root { color-scheme: light; }
body { font: 16px/1.5 "Segoe UI", system-ui, -apple-system, Arial, sans-serif; color: #1b1b1b; background: #fff; margin: 0; }
.skip { position: absolute; left: -10000px; top: 0; padding: .5rem 1rem; background: #fff; color: #0b4f80; }
.skip:focus { left: 1rem; z-index: 1; outline: 3px solid #0b4f80; }
header, nav, main { max-width: 60rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.5rem; border-bottom: 1px solid #c8c8c8; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 .75rem; border-bottom: 2px solid #1f5f8b; padding-bottom: .25rem; }
h3 { font-size: 1.25rem; margin: 2rem 0 .5rem; }
h4 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
header p { margin: .25rem 0; color: #3b3b3b; }
a { color: #0b4f80; }
a:focus { outline: 3px solid #0b4f80; outline-offset: 2px; }
nav ul { columns: 2; padding-left: 1.25rem; }
table { border-collapse: collapse; width: 100%; margin: .75rem 0 1.25rem; font-size: .95rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0 .5rem; }
th, td { border: 1px solid #c8c8c8; padding: .35rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #eef2f6; }
tbody th { font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; overflow-x: auto; }
figcaption { font-weight: 600; margin-bottom: .25rem; }
svg { max-width: 100%; height: auto; }
@media print { nav, .skip { display: none; } h2 { break-before: auto; } table, figure { break-inside: avoid; } }
`.trim();

/** The style sheet's CSP source: `'sha256-…'`. */
export const REPORT_STYLE_SOURCE = `'sha256-${createHash('sha256').update(CSS, 'utf8').digest('base64')}'`;

/**
 * The Content Security Policy of a report page: nothing but its own style sheet and the images it
 * carries inline; framed only by `frameAncestors` (given when the server sends it; a `<meta>`
 * policy cannot say it).
 */
export function reportContentSecurityPolicy(frameAncestors?: string): string {
  return [
    "default-src 'none'",
    `style-src ${REPORT_STYLE_SOURCE}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
    ...(frameAncestors ? [`frame-ancestors ${frameAncestors}`] : []),
  ].join('; ');
}

export const escapeHtml = (text: string): string =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function block(b: ReportBlock): string {
  switch (b.kind) {
    case 'heading': {
      // The page's title is the h1: a level-1 section is an h2, and so on, never skipping a level.
      const tag = `h${b.level + 1}`;
      return `<${tag}${b.id ? ` id="${escapeHtml(b.id)}"` : ''}>${escapeHtml(b.text)}</${tag}>`;
    }
    case 'paragraph':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
    case 'table': {
      const numeric = b.columns.map((c) => (c.numeric ? ' class="num"' : ''));
      const head = b.columns
        .map((c, i) => `<th scope="col"${numeric[i]}>${escapeHtml(c.label)}</th>`)
        .join('');
      const body = b.rows
        .map(
          (row) =>
            `<tr>${row
              .map((cell, i) =>
                i === 0
                  ? `<th scope="row">${escapeHtml(cell)}</th>`
                  : `<td${numeric[i] ?? ''}>${escapeHtml(cell)}</td>`,
              )
              .join('')}</tr>`,
        )
        .join('');
      return `<table><caption>${escapeHtml(b.caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
    }
    case 'chart':
      return `<figure><figcaption>${escapeHtml(b.chart.title)}</figcaption>${barChartSvg(b.chart, escapeHtml(b.id))}</figure>`;
  }
}

/**
 * The report as a standalone, accessible HTML page: `lang`, a skip link to the main content, a
 * contents list, headings in order, tables with a caption and `th` with `scope`, charts as inline
 * SVG with a title and description (their figures are in the table beside them).
 */
export function renderReportHtml(doc: ReportDocument): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(doc.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(reportContentSecurityPolicy())}">`,
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<a class="skip" href="#main">Skip to the report</a>',
    '<header>',
    `<h1>${escapeHtml(doc.title)}</h1>`,
    ...doc.subtitle.map((line) => `<p>${escapeHtml(line)}</p>`),
    '</header>',
    '<nav aria-labelledby="contents">',
    '<h2 id="contents">Contents</h2>',
    `<ul>${doc.contents.map((c) => `<li><a href="#${escapeHtml(c.id)}">${escapeHtml(c.text)}</a></li>`).join('')}</ul>`,
    '</nav>',
    '<main id="main" tabindex="-1">',
    ...doc.blocks.map(block),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
