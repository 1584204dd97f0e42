import type { ApiRoute } from '../http/api-route';
import { auditRoutes } from './audit-routes';
import { campaignRoutes } from './campaign-routes';
import { indicatorRoutes } from './indicator-routes';
import { reportRoutes } from './report-routes';
import { surveyRoutes } from './survey-routes';
import { myPlanRoutes } from './my-plan-routes';
import { planRoutes } from './plan-routes';
import { progressRoutes } from './progress-routes';
import type { RouteDeps } from './route-deps';
import { sessionRoutes } from './session-routes';
import { toolkitRoutes } from './toolkit-routes';
import { trainingRoutes } from './training-routes';

export type { RouteDeps } from './route-deps';

/** Every route of the tab's API. A new route goes here and gets a row in the matrix test. */
export function apiRoutes(deps: RouteDeps): ApiRoute[] {
  return [
    ...sessionRoutes(deps),
    ...planRoutes(deps),
    ...progressRoutes(deps),
    ...trainingRoutes(deps),
    ...myPlanRoutes(deps),
    ...toolkitRoutes(deps),
    ...auditRoutes(deps),
    ...campaignRoutes(deps),
    ...reportRoutes(deps),
    ...indicatorRoutes(deps),
    ...surveyRoutes(deps),
  ];
}
