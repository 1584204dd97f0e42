import { z } from 'zod';
import type { ApiRoute } from '../http/api-route';
import { isoDate, recordId, text } from '../input/limits';
import { parseInput } from '../input/parse-input';
import { csvUpload, recordingPersonId, refusedFile } from './indicator-routes';
import type { RouteDeps } from './route-deps';

const year = () =>
  z.int({ message: 'must be a year' }).min(2000, { message: 'must be 2000 or later' });
const people = () =>
  z
    .int({ message: 'must be a whole number' })
    .min(0, { message: 'must not be negative' })
    .max(1_000_000, { message: 'must be at most 1,000,000' });

/** `POST /api/survey/results`: one department's (or the city's) aggregates for one question. */
export const surveyEntryBody = z.strictObject({
  year: year(),
  departmentId: recordId().optional(),
  question: text(),
  results: z
    .array(
      z.strictObject({
        group: text().max(60, { message: 'must be at most 60 characters' }),
        respondents: people(),
        value: z.number({ message: 'must be a number' }).finite(),
      }),
    )
    .min(1, { message: 'must name at least one group' })
    .max(50, { message: 'must have at most 50 groups' }),
});

/** `POST /api/survey/focus-groups`. */
export const focusGroupBody = z.strictObject({
  heldOn: isoDate(),
  topic: text(),
  participants: people().min(1, { message: 'must be at least 1' }),
  departmentId: recordId().optional(),
});

const surveyQuery = z.strictObject({
  year: z
    .string()
    .regex(/^\d{4}$/, { message: 'must be a year' })
    .transform(Number)
    .optional(),
});

/**
 * The Region of Choice survey and focus groups: read only with small-cell suppression; aggregates
 * imported from CSV or entered per department and question, focus groups logged (the officer).
 */
export function surveyRoutes({ survey }: RouteDeps): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/api/survey',
      action: 'survey.read',
      async handle({ query }) {
        const { year: only } = parseInput(surveyQuery, query, 'query');
        return { body: await survey.suppressed(only) };
      },
    },
    {
      method: 'post',
      path: '/api/survey/import',
      action: 'survey.record',
      async handle({ actor, body, query }) {
        const { csv, dryRun } = csvUpload(body, query);
        const report = await survey.importCsv(csv, recordingPersonId(actor), { dryRun });
        if (!report.ok) return refusedFile(report.rows, report.errors);
        return { status: report.dryRun ? 200 : 201, body: report };
      },
    },
    {
      method: 'post',
      path: '/api/survey/results',
      action: 'survey.record',
      async handle({ actor, body }) {
        const entry = parseInput(surveyEntryBody, body ?? {}, 'body');
        const report = await survey.enter(entry, recordingPersonId(actor));
        if (!report.ok) return refusedFile(report.rows, report.errors);
        return { status: 201, body: report };
      },
    },
    {
      method: 'post',
      path: '/api/survey/focus-groups',
      action: 'survey.record',
      async handle({ actor, body }) {
        const entry = parseInput(focusGroupBody, body ?? {}, 'body');
        const group = await survey.logFocusGroup(entry, recordingPersonId(actor));
        return { status: 201, body: { focusGroup: group } };
      },
    },
  ];
}
