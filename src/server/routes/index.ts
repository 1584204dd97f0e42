import type { ApiRoute } from '../http/api-route';
import { auditRoutes } from './audit-routes';
import { campaignRoutes } from './campaign-routes';
import { planRoutes } from './plan-routes';
import type { RouteDeps } from './route-deps';
import { sessionRoutes } from './session-routes';
import { trainingRoutes } from './training-routes';

export type { RouteDeps } from './route-deps';

/** Every route of the tab's API. A new route goes here and gets a row in the matrix test. */
export function apiRoutes(deps: RouteDeps): ApiRoute[] {
  return [
    ...sessionRoutes(deps),
    ...planRoutes(deps),
    ...trainingRoutes(deps),
    ...auditRoutes(deps),
    ...campaignRoutes(deps),
  ];
}
