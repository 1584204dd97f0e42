import crypto from 'node:crypto';
import { readZip } from '../manifest/zip-reader';

/** A paragraph of a Word document: its style (e.g. `Heading1`) and its text. */
export type DocxParagraph = { style: string | null; text: string };

const decode = (xml: string) =>
  xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;|&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Opens a .docx as Word would read it: the zip, then `word/document.xml`, paragraph by paragraph. */
export function readDocx(bytes: Buffer): {
  files: string[];
  xml: string;
  paragraphs: DocxParagraph[];
  file(name: string): Buffer | undefined;
} {
  const zip = readZip(bytes);
  for (const f of zip) if (!f.crcMatches) throw new Error(`${f.name}: CRC mismatch`);
  const file = (name: string) => zip.find((f) => f.name === name)?.data;
  const xml = file('word/document.xml')?.toString('utf8');
  if (!xml) throw new Error('no word/document.xml');
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? null,
    text: decode([...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
  }));
  return { files: zip.map((f) => f.name), xml, paragraphs, file };
}

/** What a basic accessibility check of an HTML page finds wrong (axe runs in the browser suite). */
export function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  if (!/^<!doctype html>/i.test(html)) problems.push('no doctype');
  if (!/<html lang="[a-z]{2}(-[A-Z]{2})?">/.test(html)) problems.push('no lang on <html>');
  if (!/<title>[^<]+<\/title>/.test(html)) problems.push('no title');
  const skip = /<a class="skip" href="#([^"]+)"/.exec(html)?.[1];
  if (!skip || !html.includes(`id="${skip}"`)) problems.push('no skip link to an existing target');
  if (!/<main[ >]/.test(html)) problems.push('no <main>');
  const levels = [...html.matchAll(/<h([1-6])[ >]/g)].map((m) => Number(m[1]));
  if (levels.filter((l) => l === 1).length !== 1) problems.push('not exactly one h1');
  if (levels[0] !== 1) problems.push('the first heading is not the h1');
  levels.forEach((level, i) => {
    const before = levels[i - 1];
    if (before !== undefined && level > before + 1) {
      problems.push(`heading h${level} follows h${before}`);
    }
  });
  for (const [table] of html.matchAll(/<table>[\s\S]*?<\/table>/g)) {
    if (!/^<table><caption>[^<]+<\/caption>/.test(table)) problems.push('a table without caption');
    const head = /<thead>([\s\S]*?)<\/thead>/.exec(table)?.[1] ?? '';
    if (!head || /<td/.test(head) || /<th(?! scope="col")/.test(head)) {
      problems.push('a table whose header cells are not th scope=col');
    }
    for (const [row] of table.matchAll(/<tbody>[\s\S]*?<\/tbody>/g)) {
      for (const [tr] of row.matchAll(/<tr>[\s\S]*?<\/tr>/g)) {
        if (!tr.startsWith('<tr><th scope="row">')) problems.push('a row without a row header');
      }
    }
  }
  for (const [svg] of html.matchAll(/<svg[^>]*>[\s\S]*?<\/svg>/g)) {
    if (!/role="img"/.test(svg) || !/<title id="[^"]+">[^<]+<\/title>/.test(svg)) {
      problems.push('a chart without role=img and a title');
    }
    if (/ style=/.test(svg)) problems.push('a chart with a style attribute (blocked by the CSP)');
  }
  if (/ style="/.test(html)) problems.push('an inline style attribute (blocked by the CSP)');
  if (/<script/i.test(html)) problems.push('a script');
  const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (repeated.length) problems.push(`repeated ids: ${[...new Set(repeated)].join(', ')}`);
  return problems;
}

/** The CSP source that allows the page's one `<style>` element. */
export function styleHashSource(html: string): string {
  const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  return `'sha256-${crypto.createHash('sha256').update(css, 'utf8').digest('base64')}'`;
}

/** The text a reader sees, tags dropped. */
export function visibleText(html: string): string {
  return decode(html.replace(/<style>[\s\S]*?<\/style>/g, ' ').replace(/<[^>]+>/g, ' '));
}

/** Every display name of `names` that occurs in `text`. */
export function namesIn(text: string, names: readonly string[]): string[] {
  return [...new Set(names)].filter((name) => text.includes(name));
}
