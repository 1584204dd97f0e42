import { randomUUID } from 'node:crypto';
import { toIsoDate, type IndicatorPoint } from '../../domain';
import { indicatorViews } from '../../domain/rules/indicator-trends';
import type { PlanStore } from '../../store/plan-store';
import type { Clock } from '../clock';
import { decimalNumber, numberProblem, readCsvTable, shown, wholeNumber } from './csv-table';
import type { CsvLineError, IndicatorImportReport, IndicatorsResponse } from './indicator-types';

export type { IndicatorImportReport, IndicatorsResponse } from './indicator-types';

/** The columns of an indicator CSV, in any order. */
export const INDICATOR_CSV_COLUMNS = [
  'indicator',
  'group',
  'place',
  'year',
  'value',
  'source',
] as const;
type Column = (typeof INDICATOR_CSV_COLUMNS)[number];

/**
 * Longest text per column. SharePoint holds 255 characters a line, and the list's key joins
 * indicator, group, place and year, so those three share the 255.
 */
export const INDICATOR_TEXT_MAX: Record<Exclude<Column, 'year' | 'value'>, number> = {
  indicator: 120,
  group: 60,
  place: 60,
  source: 255,
};

/** Oldest year a series may start in. */
export const INDICATOR_FIRST_YEAR = 1900;

/** Most rows one file may hold (a decade of 20 indicators × 10 groups × 50 places is 100,000). */
export const MAX_INDICATOR_ROWS = 100_000;

const keyOf = (p: Pick<IndicatorPoint, 'indicator' | 'group' | 'place' | 'year'>) =>
  `${p.indicator}\u0000${p.group}\u0000${p.place}\u0000${p.year}`;

/**
 * Checks an indicator CSV row by row: every field present and one line, text within the lengths
 * SharePoint holds, the year a whole number from 1900 to this year, the value a plain number, no
 * point twice. Every bad row is named by its line; a file with any is imported not at all.
 */
export function parseIndicatorCsv(
  text: string,
  thisYear: number,
): { ok: true; points: IndicatorPoint[] } | { ok: false; rows: number; errors: CsvLineError[] } {
  const table = readCsvTable(text, INDICATOR_CSV_COLUMNS, MAX_INDICATOR_ROWS);
  if (!table.ok) return table;
  const errors: CsvLineError[] = [...table.errors];
  const rows = table.rows.length + table.errors.length;
  const bad = (line: number, field: string, rule: string, message: string) =>
    errors.push({ line, field, rule, message });
  const seen = new Map<string, number>();
  const points: IndicatorPoint[] = [];
  for (const { line, values } of table.rows) {
    const before = errors.length;
    for (const column of ['indicator', 'group', 'place', 'source'] as const) {
      const value = values[column];
      const max = INDICATOR_TEXT_MAX[column];
      if (value === '') bad(line, column, 'required', 'is empty');
      else if (/[\r\n]/.test(value)) bad(line, column, 'one-line', 'must be one line');
      else if (value.length > max) {
        bad(line, column, 'max', `is ${value.length} characters; at most ${max}`);
      }
    }
    const year = wholeNumber(values.year);
    if (values.year === '') bad(line, 'year', 'required', 'is empty');
    else if (year === undefined) {
      bad(line, 'year', 'whole-number', `${shown(values.year)} is not a whole number`);
    } else if (year < INDICATOR_FIRST_YEAR || year > thisYear) {
      bad(line, 'year', 'range', `${year} is not between ${INDICATOR_FIRST_YEAR} and ${thisYear}`);
    }
    const value = decimalNumber(values.value);
    if (value === undefined) bad(line, 'value', 'number', numberProblem(values.value));
    if (errors.length > before || year === undefined || value === undefined) continue;
    const point: IndicatorPoint = {
      indicator: values.indicator,
      group: values.group,
      place: values.place,
      year,
      value,
      source: values.source,
    };
    const first = seen.get(keyOf(point));
    if (first !== undefined) {
      bad(
        line,
        'row',
        'unique',
        `repeats line ${first} (the same indicator, group, place and year); keep one of them`,
      );
      continue;
    }
    seen.set(keyOf(point), line);
    points.push(point);
  }
  return errors.length
    ? { ok: false, rows, errors: errors.sort((a, b) => a.line - b.line) }
    : { ok: true, points };
}

/**
 * The Health Department's indicator series: imported from CSV (all or nothing, audited), read as
 * trends and gaps between groups.
 */
export class IndicatorService {
  constructor(
    private readonly store: PlanStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Imports an indicator CSV: nothing when any row is bad; otherwise every point is written (a
   * point already stored for the same indicator, group, place and year is replaced) with one
   * audit entry naming who imported how much.
   * @param actorId the verified person importing, or `system` for the command line.
   */
  async importCsv(
    text: string,
    actorId: string,
    options: { dryRun?: boolean } = {},
  ): Promise<IndicatorImportReport> {
    const now = this.clock.now();
    const parsed = parseIndicatorCsv(text, Number(toIsoDate(now).slice(0, 4)));
    if (!parsed.ok) return parsed;
    const { points } = parsed;
    const stored = new Set((await this.store.listIndicatorPoints()).map(keyOf));
    const replaced = points.filter((p) => stored.has(keyOf(p))).length;
    const indicators = [...new Set(points.map((p) => p.indicator))].sort((a, b) =>
      a.localeCompare(b, 'en'),
    );
    const dryRun = options.dryRun ?? false;
    if (!dryRun && points.length > 0) {
      await this.store.putIndicatorPoints(points);
      await this.store.appendAudit({
        id: randomUUID(),
        at: now.toISOString(),
        actorId,
        action: 'indicators.import',
        recordType: 'indicator',
        recordId: indicators.join('; ').slice(0, 255),
        after: { points: points.length, replaced, indicators },
      });
    }
    return { ok: true, dryRun, rows: points.length, imported: points.length, replaced, indicators };
  }

  /** Every series (or one indicator's), with trends and the gap between groups per year. */
  async views(indicator?: string): Promise<IndicatorsResponse['indicators']> {
    return indicatorViews(await this.store.listIndicatorPoints(indicator));
  }
}
