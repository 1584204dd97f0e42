import { z } from 'zod';
import { authorize } from '../../domain/authorization';
import type { ApiRoute } from '../http/api-route';
import { isoDate, recordId } from '../input/limits';
import { parseInput } from '../input/parse-input';
import { rosterPersonId, type RouteDeps } from './route-deps';

/** The path of `POST /api/my/trainings/:trainingId/complete`. */
const completeParams = z.object({ trainingId: recordId() });

/** The body of `POST /api/my/trainings/:trainingId/complete`; nothing else is accepted. */
export const completeTrainingBody = z.strictObject({
  /** The day the person completed it; today when left out. */
  completedOn: isoDate().optional(),
});

/** The signed-in person's own trainings: `GET /api/my/trainings`, and confirming one. */
export function trainingRoutes({ training }: RouteDeps): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/api/my/trainings',
      action: 'trainings.own.read',
      async handle({ actor }) {
        return { body: { trainings: await training.myTrainings(rosterPersonId(actor)) } };
      },
    },
    {
      method: 'post',
      path: '/api/my/trainings/:trainingId/complete',
      action: 'training.complete',
      async handle({ actor, params, body }) {
        const { trainingId } = parseInput(completeParams, params, 'params');
        const { completedOn } = parseInput(completeTrainingBody, body ?? {}, 'body');
        const personId = rosterPersonId(actor);
        // The record is the actor's own: "my" in the path, never a person named by the client.
        authorize(actor, 'training.complete', { ownerId: personId });
        const { completion, created } = await training.confirm({
          personId,
          trainingId,
          ...(completedOn === undefined ? {} : { completedOn }),
          source: 'tab',
          actorId: personId,
        });
        return { status: created ? 201 : 200, body: { completion, created } };
      },
    },
  ];
}
