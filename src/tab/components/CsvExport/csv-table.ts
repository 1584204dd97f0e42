// The one CSV writer of the tab: every view's download goes through it. No DOM here, so the unit
// tests run it under Node (tests/browser/citywide.test.ts).

/** One cell: text, a number, or nothing (an empty field). */
export type CsvCell = string | number | null | undefined;

/** A table as it downloads: a header row, then the rows in the order shown. */
export type CsvTable = {
  header: readonly string[];
  rows: ReadonlyArray<readonly CsvCell[]>;
};

/** Characters a spreadsheet reads as the start of a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Characters that oblige RFC 4180 quoting. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One field (RFC 4180): quoted, with inner quotes doubled, when it holds a comma, a quote or a line
 * break. Text a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return) gets a leading apostrophe, so it opens as text; numbers are written as they are.
 */
export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The table as CSV text: the header row, then each row, every line ended by CRLF (RFC 4180).
 * @throws Error when a row's length differs from the header's (a bug in the view building it).
 */
export function toCsv(table: CsvTable): string {
  const width = table.header.length;
  const lines = [table.header, ...table.rows].map((row, index) => {
    if (row.length !== width) {
      throw new Error(`CSV row ${index} has ${row.length} fields; the header has ${width}`);
    }
    return row.map(csvField).join(',');
  });
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * A file name from its parts: lower case, words joined by hyphens, nothing a file system refuses:
 * `csvFileName('scorecard', 'Health Department', '2021-06-15')` is
 * `scorecard-health-department-2021-06-15.csv`.
 */
export function csvFileName(...parts: string[]): string {
  const stem = parts
    .map((p) =>
      p
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean)
    .join('-');
  return `${stem || 'reap'}.csv`;
}
