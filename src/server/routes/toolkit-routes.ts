import { z } from 'zod';
import { authorize } from '../../domain/authorization';
import type { ToolkitStatus } from '../../domain';
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

/**
 * Toolkit analyses as a list: the officer's review queue (`?status=submitted`) across every
 * department; a lead's or Ambassador's own department's, any status.
 */
export function toolkitRoutes({ analyses }: RouteDeps): ApiRoute[] {
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
  ];
}
