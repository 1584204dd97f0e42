import { z } from 'zod';
import { AccessDenied, authorize, decide, type Actor } from '../../domain/authorization';
import type { CsvLineError } from '../../services/indicators/csv-table';
import { INDICATOR_DEPARTMENT_ID } from '../../services/indicators/indicator-types';
import type { ApiRoute, RouteAnswer } from '../http/api-route';
import { text } from '../input/limits';
import { parseInput } from '../input/parse-input';
import type { RouteDeps } from './route-deps';

/**
 * An uploaded CSV: the body as `text/csv` (read as text by the body reader, up to the server's
 * 256 KB), with `?dryRun=true`; or JSON `{ csv, dryRun }`. Larger files go through the command
 * line.
 */
const csvJson = z.strictObject({
  csv: z.string().min(1, { message: 'must not be empty' }),
  dryRun: z.boolean().optional(),
});
const csvQuery = z.strictObject({
  dryRun: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
});

/** The CSV text and dry-run flag of an upload route's request. */
export function csvUpload(body: unknown, query: unknown): { csv: string; dryRun: boolean } {
  const { dryRun } = parseInput(csvQuery, query, 'query');
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    return { csv: body.toString(), dryRun: dryRun === 'true' };
  }
  const json = parseInput(csvJson, body ?? {}, 'body');
  return { csv: json.csv, dryRun: json.dryRun ?? dryRun === 'true' };
}

/** A file refused row by row: 400 with every bad line, nothing stored. */
export function refusedFile(rows: number, errors: CsvLineError[]): RouteAnswer {
  return {
    status: 400,
    body: {
      error: 'validation',
      field: 'csv',
      rule: 'rows',
      message: `${errors.length} bad row${errors.length === 1 ? '' : 's'} of ${rows}; nothing was imported.`,
      rows,
      errors,
    },
  };
}

/**
 * The person an import or entry is recorded as: the audit names a person on the roster, so an
 * Equity Officer known by app role alone is asked to be added first.
 */
export function recordingPersonId(actor: Actor): string {
  if (actor.kind === 'person' && actor.personId) return actor.personId;
  throw new AccessDenied(
    'not-on-roster',
    "You are signed in, but not on the city's staff roster for reap; ask HR to add you so the audit log can name you.",
  );
}

const indicatorsQuery = z.strictObject({ indicator: text().optional() });

/**
 * The Health Department's indicator series: `GET /api/indicators` (trends and gaps between
 * groups, for charts) and `POST /api/indicators/import` (a CSV, all or nothing).
 */
export function indicatorRoutes({ indicators }: RouteDeps): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/api/indicators',
      action: 'indicators.read',
      async handle({ actor, query }) {
        const { indicator } = parseInput(indicatorsQuery, query, 'query');
        const canImport = decide(actor, 'indicators.import', {
          departmentId: INDICATOR_DEPARTMENT_ID,
        }).allowed;
        return { body: { indicators: await indicators.views(indicator), canImport } };
      },
    },
    {
      method: 'post',
      path: '/api/indicators/import',
      action: 'indicators.import',
      async handle({ actor, body, query }) {
        // The officer, or the leads and Ambassadors of the department that keeps the series.
        authorize(actor, 'indicators.import', { departmentId: INDICATOR_DEPARTMENT_ID });
        const { csv, dryRun } = csvUpload(body, query);
        const report = await indicators.importCsv(csv, recordingPersonId(actor), { dryRun });
        if (!report.ok) return refusedFile(report.rows, report.errors);
        return { status: report.dryRun ? 200 : 201, body: report };
      },
    },
  ];
}
