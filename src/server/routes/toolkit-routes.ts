import { z } from 'zod';
import { AccessDenied, authorize } from '../../domain/authorization';
import { Conflict, NotFound, type ToolkitStatus } from '../../domain';
import { recordId } from '../input/limits';
import type { ApiRoute } from '../http/api-route';
import { parseInput } from '../input/parse-input';
import type { RouteDeps } from './route-deps';

const STATUSES: [ToolkitStatus, ...ToolkitStatus[]] = [
  'draft',
  'submitted',
  'returned',
  'accepted',
];

/** `GET /api/toolkit/analyses?status=`: a filter only; whose analyses is decided by who asks. */
const analysesQuery = z.strictObject({
  status: z.enum(STATUSES, { message: `must be one of ${STATUSES.join(', ')}` }).optional(),
});

const reviewParams = z.strictObject({ analysisId: recordId() });

/** `POST /api/toolkit/analyses/:analysisId/review`: the decision on the version the officer read. */
export const reviewBody = z.strictObject({
  decision: z.enum(['accept', 'return'], { message: 'must be accept or return' }),
  comment: z.string().max(6_000, { message: 'must be at most 6,000 characters' }).optional(),
  version: z.int({ message: 'must be the version of the analysis you read' }).min(0),
});

/**
 * Toolkit analyses as a list: the officer's review queue (`?status=submitted`) across every
 * department; a lead's or Ambassador's own department's, any status.
 */
export function toolkitRoutes({ analyses, store, reviewAnalysis }: RouteDeps): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/api/toolkit/analyses',
      action: 'toolkit.analyses.read',
      async handle({ actor, query }) {
        const { status } = parseInput(analysesQuery, query, 'query');
        const officer = actor.kind === 'person' && actor.role === 'officer';
        const departmentId = officer || actor.kind !== 'person' ? undefined : actor.departmentId;
        if (!officer) {
          // A lead's or Ambassador's own department, which the roster says, never the query.
          authorize(actor, 'toolkit.analyses.read', { departmentId: departmentId ?? '' });
        }
        const list = await analyses.list({
          ...(departmentId ? { departmentId } : {}),
          ...(status ? { status } : {}),
        });
        return { body: { analyses: list } };
      },
    },
    {
      method: 'post',
      path: '/api/toolkit/analyses/:analysisId/review',
      action: 'toolkit.review',
      async handle({ actor, params, body }) {
        const { analysisId } = parseInput(reviewParams, params, 'params');
        const input = parseInput(reviewBody, body ?? {}, 'body');
        const officer =
          actor.kind === 'person' && actor.personId
            ? await store.getPerson(actor.personId)
            : undefined;
        if (!officer) {
          // The review is recorded as a person's: an officer by app role must be on the roster.
          throw new AccessDenied(
            'not-on-roster',
            "You are the Equity Officer, but not on the city's staff roster for reap; ask HR to add you so your reviews carry your name.",
          );
        }
        const analysis = await store.getAnalysis(analysisId);
        if (!analysis) throw new NotFound('toolkit analysis', analysisId);
        const outcome = await reviewAnalysis({
          actor: officer,
          departmentId: analysis.departmentId,
          analysisId,
          version: input.version,
          decision: input.decision,
          comment: input.comment ?? '',
        });
        if (outcome.kind === 'stale') {
          throw new Conflict(
            outcome.analysis.status === 'submitted'
              ? 'This analysis was changed and submitted again since you read it: reload the review queue.'
              : `This analysis is no longer waiting for review (it is ${outcome.analysis.status}): reload the review queue.`,
          );
        }
        return { body: { analysis: outcome.analysis } };
      },
    },
  ];
}
