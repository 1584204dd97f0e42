import { z } from 'zod';
import { decide } from '../../domain/authorization';
import { NotFound } from '../../domain';
import type { ApiRoute } from '../http/api-route';
import { preparedJson } from '../http/prepared-json';
import { recordId } from '../input/limits';
import { parseInput } from '../input/parse-input';
import type { RouteDeps } from './route-deps';

const departmentParams = z.object({ departmentId: recordId() });
/** The progress views take no query: who is asking decides what they show. */
const noQuery = z.strictObject({});

/**
 * The progress views, all served from the read model: citywide, the training trend, one
 * department's detail; and the list of departments.
 */
export function progressRoutes({ readModel, store }: RouteDeps): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/api/progress/citywide',
      action: 'progress.citywide.read',
      async handle() {
        return { json: preparedJson(await readModel.citywide()) };
      },
    },
    {
      method: 'get',
      path: '/api/progress/trend',
      action: 'progress.trend.read',
      async handle({ query }) {
        parseInput(noQuery, query, 'query');
        return { json: preparedJson(await readModel.trend()) };
      },
    },
    {
      method: 'get',
      path: '/api/progress/departments/:departmentId',
      action: 'progress.department.read',
      async handle({ actor, params, query }) {
        const { departmentId } = parseInput(departmentParams, params, 'params');
        parseInput(noQuery, query, 'query');
        // Names only for the officer and the department's own leads and Ambassadors.
        const withPeople = decide(actor, 'progress.department.people.read', {
          departmentId,
        }).allowed;
        const detail = await readModel.department(departmentId, withPeople);
        if (!detail) throw new NotFound('department', departmentId);
        return { json: preparedJson(detail) };
      },
    },
    {
      method: 'get',
      path: '/api/departments',
      action: 'departments.read',
      async handle() {
        const departments = await store.listDepartments();
        return { body: { departments: departments.map(({ id, name }) => ({ id, name })) } };
      },
    },
  ];
}
