import type { ApiRoute } from '../http/api-route';
import { rosterPersonId, type RouteDeps } from './route-deps';

/** `GET /api/my/plan`: the signed-in person's trainings and, for a lead, the open items. */
export function myPlanRoutes({ myPlan }: RouteDeps): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/api/my/plan',
      action: 'plan.own.read',
      async handle({ actor }) {
        return { body: await myPlan.plan(rosterPersonId(actor)) };
      },
    },
  ];
}
