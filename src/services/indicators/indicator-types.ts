/**
 * The shapes of the indicator and survey imports' answers, kept free of Node imports so the tab
 * can read them (`src/tab/api/api-types.ts`).
 */
import type { IndicatorView } from '../../domain/rules/indicator-trends';

/** One bad line of an imported CSV: `line 7: year: range: 1850 is not between 1900 and 2021`. */
export type CsvLineError = { line: number; field: string; rule: string; message: string };

/** What an indicator import did, or why it imported nothing. */
export type IndicatorImportReport =
  | {
      ok: true;
      dryRun: boolean;
      /** Data rows read. */
      rows: number;
      /** Points written (with `dryRun`, that would be written): new and replaced. */
      imported: number;
      /** Of those, points that replaced a stored one (same indicator, group, place and year). */
      replaced: number;
      indicators: string[];
    }
  | { ok: false; rows: number; errors: CsvLineError[] };

/**
 * `GET /api/indicators`: every imported series, by indicator and place; and whether the caller
 * may import (the server's rule, so the tab offers the import only to those it will accept).
 */
export type IndicatorsResponse = { indicators: IndicatorView[]; canImport: boolean };

/** The department that keeps the series: its leads and Ambassadors may import, besides the officer. */
export const INDICATOR_DEPARTMENT_ID = 'MHD';

/**
 * `400` of an import route (`POST /api/indicators/import`, `POST /api/survey/import`,
 * `POST /api/survey/results`): every bad line, nothing stored.
 */
export type ImportRefusal = {
  error: 'validation';
  field: 'csv';
  rule: 'rows';
  message: string;
  rows: number;
  errors: CsvLineError[];
};
