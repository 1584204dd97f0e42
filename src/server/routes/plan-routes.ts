import type { ApiRoute } from '../http/api-route';
import type { RouteDeps } from './route-deps';

/** `GET /api/plan` and `GET /api/progress/citywide`. */
export function planRoutes({ config, store, progress }: RouteDeps): ApiRoute[] {
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
    {
      method: 'get',
      path: '/api/progress/citywide',
      action: 'progress.citywide.read',
      async handle() {
        return { body: await progress.citywide() };
      },
    },
  ];
}
