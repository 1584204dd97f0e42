import { z } from 'zod';
import type { ApiRoute } from '../http/api-route';
import { recordId, text } from '../input/limits';
import { parseInput } from '../input/parse-input';
import type { RouteDeps } from './route-deps';

/** `GET /api/audit?recordType=&recordId=&limit=`: filters only, never who is asking. */
const auditQuery = z.strictObject({
  recordType: recordId().optional(),
  recordId: text().optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, { message: 'must be a whole number from 1 to 500' })
    .transform(Number)
    .refine((n) => n >= 1 && n <= 500, { message: 'must be a whole number from 1 to 500' })
    .optional(),
});

/** The audit log, newest first, for the Equity Officer. */
export function auditRoutes({ store }: RouteDeps): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/api/audit',
      action: 'audit.read',
      async handle({ query }) {
        const filter = parseInput(auditQuery, query, 'query');
        const entries = await store.listAudit({ ...filter, limit: filter.limit ?? 200 });
        // Who acted, by name: one lookup per distinct person, not per entry.
        const names = new Map<string, string>();
        for (const actorId of new Set(entries.map((e) => e.actorId))) {
          const person = await store.getPerson(actorId);
          if (person) names.set(actorId, person.displayName);
        }
        return {
          body: {
            entries: entries.map((e) => ({ ...e, actorName: names.get(e.actorId) ?? null })),
          },
        };
      },
    },
  ];
}
