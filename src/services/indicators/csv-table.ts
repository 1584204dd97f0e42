import { readCsvRecords } from '../csv-parser';
import type { CsvLineError } from './indicator-types';

export type { CsvLineError } from './indicator-types';
export { formatLineError } from '../attendance-service';

/** One data row of a CSV file: its line and its values by column name, trimmed. */
export type CsvTableRow<C extends string> = { line: number; values: Record<C, string> };

/**
 * A CSV file read against its expected columns: its rows, and the rows with the wrong number of
 * fields (for the caller to report with its own checks); or why it could not be read at all.
 */
export type CsvTable<C extends string> =
  | { ok: true; rows: Array<CsvTableRow<C>>; errors: CsvLineError[] }
  | { ok: false; rows: number; errors: CsvLineError[] };

/** A value from a file as an error names it: quoted, shortened, printable. */
export function shown(value: string): string {
  const printable = value.replace(/[^\x20-\x7e]/g, '?');
  return `"${printable.length > 40 ? `${printable.slice(0, 39)}…` : printable}"`;
}

/**
 * Reads a CSV file whose first line names `columns` (in any order, any case), as the attendance
 * import does: a syntax error, a wrong header or a row with the wrong number of fields is named
 * by its line.
 * @param maxRows more data rows than this and the file is refused as a whole.
 */
export function readCsvTable<C extends string>(
  text: string,
  columns: readonly C[],
  maxRows: number,
): CsvTable<C> {
  const file = readCsvRecords(text, columns);
  if (!file.ok) return file;
  const { header, rows } = file;
  const expected = `the first line must name the columns ${columns.join(',')}`;
  const names = header.fields.map((h) => h.trim().toLowerCase());
  const missing = columns.filter((c) => !names.includes(c));
  const unknown = header.fields.filter(
    (_, i) => !(columns as readonly string[]).includes(names[i] ?? ''),
  );
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (missing.length || unknown.length || repeated.length) {
    const problems = [
      ...(missing.length ? [`missing ${missing.join(', ')}`] : []),
      ...(unknown.length ? [`unknown ${unknown.map((u) => shown(u.trim())).join(', ')}`] : []),
      ...(repeated.length ? [`repeated ${repeated.join(', ')}`] : []),
    ];
    return {
      ok: false,
      rows: rows.length,
      errors: [
        {
          line: header.line,
          field: 'header',
          rule: 'columns',
          message: `${expected} (${problems.join('; ')})`,
        },
      ],
    };
  }
  if (rows.length > maxRows) {
    return {
      ok: false,
      rows: rows.length,
      errors: [
        {
          line: rows[maxRows]?.line ?? header.line,
          field: 'csv',
          rule: 'max-rows',
          message: `the file has ${rows.length.toLocaleString('en-US')} rows; at most ${maxRows.toLocaleString('en-US')} are read at once (split the file)`,
        },
      ],
    };
  }
  const index = new Map(columns.map((c) => [c, names.indexOf(c)]));
  const errors: CsvLineError[] = [];
  const out: Array<CsvTableRow<C>> = [];
  for (const { line, fields } of rows) {
    if (fields.length !== columns.length) {
      errors.push({
        line,
        field: 'row',
        rule: 'columns',
        message: `has ${fields.length} field${fields.length === 1 ? '' : 's'}; expected ${columns.length} (${columns.join(',')})`,
      });
      continue;
    }
    const values = {} as Record<C, string>;
    for (const c of columns) values[c] = (fields[index.get(c) ?? -1] ?? '').trim();
    out.push({ line, values });
  }
  return { ok: true, rows: out, errors };
}

/** A whole number written plainly (`2019`), or undefined. */
export function wholeNumber(value: string): number | undefined {
  return /^[+-]?\d{1,15}$/.test(value) ? Number(value) : undefined;
}

/** A decimal number written plainly (`14.2`, `-3`, `.5`; no thousands separators, no `%`), or undefined. */
export function decimalNumber(value: string): number | undefined {
  if (!/^[+-]?(\d{1,15}(\.\d{0,12})?|\.\d{1,12})$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** Why a number was refused, with a hint for the usual spreadsheet habits. */
export function numberProblem(value: string): string {
  if (value === '') return 'is empty';
  if (/%\s*$/.test(value)) return `${shown(value)} is not a number (write 12.5, not 12.5%)`;
  if (/\d,\d/.test(value))
    return `${shown(value)} is not a number (write 1234.5, without thousands separators)`;
  return `${shown(value)} is not a number`;
}
