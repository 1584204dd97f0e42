import type { ApiRoute } from '../http/api-route';
import type { RouteDeps } from './route-deps';

/** `GET /api/plan`: the plan's goals, strategies and milestones. */
export function planRoutes({ config, store }: RouteDeps): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/api/plan',
      action: 'plan.read',
      async handle() {
        const [goals, strategies, milestones] = await Promise.all([
          store.listGoals(),
          store.listStrategies(),
          store.listMilestones(),
        ]);
        return { body: { plan: config.plan, goals, strategies, milestones } };
      },
    },
  ];
}
