import { z } from 'zod';
import { NotFound } from '../../domain';
import { DOCX_TYPE, HTML_TYPE, reportFileName } from '../../services/report/annual-report-service';
import {
  CSV_TYPE,
  publicSummaryCsv,
  publicSummaryDocument,
  publicSummaryFileName,
} from '../../services/report/public-summary';
import { renderReportHtml, reportContentSecurityPolicy } from '../../services/report/report-html';
import type { ApiRoute } from '../http/api-route';
import { TEAMS_FRAME_ANCESTORS } from '../http/security-headers';
import { parseInput } from '../input/parse-input';
import { recordingPersonId } from './indicator-routes';
import type { RouteDeps } from './route-deps';

/**
 * `/api/reports/:year`: the year alone for the JSON content, or with `.html` or `.docx` for the
 * rendered file (one route: restify's router reads `2021.html` as the parameter).
 */
const reportParams = z.strictObject({
  year: z
    .string()
    .regex(/^\d{4}(\.(html|docx))?$/, {
      message: 'must be a year, e.g. 2021, 2021.html or 2021.docx',
    })
    .transform((value) => {
      const [year, format] = value.split('.');
      return { year: Number(year), format: (format ?? 'json') as 'json' | 'html' | 'docx' };
    }),
});
const compileParams = z.strictObject({
  year: z
    .string()
    .regex(/^\d{4}$/, { message: 'must be a year, e.g. 2021' })
    .transform(Number),
});
const noQuery = z.strictObject({});
/** Compiling takes no input: the records are the input. */
const noBody = z.strictObject({});

/** The report page may be framed by the tab (reap itself) and Teams' hosts, nothing else. */
const FRAMED_BY = `'self' ${TEAMS_FRAME_ANCESTORS.join(' ')}`;

/**
 * The annual report (the Equity Officer): compile a year's (`POST`), read it as data for the tab,
 * as an accessible HTML page or as a Word document; and the public summary of citywide progress
 * for the city's website, as HTML or CSV.
 */
export function reportRoutes({ reports, readModel, survey }: RouteDeps): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/api/reports',
      action: 'report.read',
      async handle({ query }) {
        parseInput(noQuery, query, 'query');
        return { body: await reports.list() };
      },
    },
    {
      method: 'get',
      path: '/api/reports/:year',
      action: 'report.read',
      async handle({ params, query }) {
        const { year } = parseInput(reportParams, params, 'params');
        parseInput(noQuery, query, 'query');
        const report = await reports.get(year.year);
        if (!report) throw new NotFound('annual report', String(year.year));
        if (year.format === 'json') return { body: report };
        if (year.format === 'html') {
          return {
            file: {
              contentType: HTML_TYPE,
              bytes: Buffer.from(reports.html(report), 'utf8'),
              contentSecurityPolicy: reportContentSecurityPolicy(FRAMED_BY),
            },
          };
        }
        return {
          file: {
            contentType: DOCX_TYPE,
            bytes: await reports.docx(report),
            downloadAs: reportFileName(year.year, 'docx'),
          },
        };
      },
    },
    {
      method: 'post',
      path: '/api/reports/:year',
      action: 'report.compile',
      async handle({ actor, params, body }) {
        const { year } = parseInput(compileParams, params, 'params');
        parseInput(noBody, body ?? {}, 'body');
        return { status: 201, body: await reports.compile(year, recordingPersonId(actor)) };
      },
    },
    {
      method: 'get',
      path: '/api/public-summary.html',
      action: 'public-summary.read',
      async handle({ query }) {
        parseInput(noQuery, query, 'query');
        const input = { progress: await readModel.citywide(), survey: await survey.suppressed() };
        return {
          file: {
            contentType: HTML_TYPE,
            bytes: Buffer.from(renderReportHtml(publicSummaryDocument(input)), 'utf8'),
            contentSecurityPolicy: reportContentSecurityPolicy(FRAMED_BY),
          },
        };
      },
    },
    {
      method: 'get',
      path: '/api/public-summary.csv',
      action: 'public-summary.read',
      async handle({ query }) {
        parseInput(noQuery, query, 'query');
        const input = { progress: await readModel.citywide(), survey: await survey.suppressed() };
        return {
          file: {
            contentType: CSV_TYPE,
            bytes: Buffer.from(publicSummaryCsv(input), 'utf8'),
            downloadAs: publicSummaryFileName('csv'),
          },
        };
      },
    },
  ];
}
