import { Forbidden } from '../../domain';
import { DEMO_PERSONAS } from '../../services/demo/demo-city';
import type { ApiRoute } from '../http/api-route';
import type { RouteDeps } from './route-deps';

/** `GET /api/me` and, in local mode, `GET /api/local/identities`. */
export function sessionRoutes({ config, store, actors }: RouteDeps): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/api/me',
      action: 'session.read',
      async handle({ actor }) {
        const person =
          actor.kind === 'person' && actor.personId
            ? await store.getPerson(actor.personId)
            : undefined;
        return {
          body: {
            mode: config.localMode ? 'local' : 'teams',
            person: person
              ? {
                  id: person.id,
                  displayName: person.displayName,
                  departmentId: person.departmentId,
                  tier: person.tier,
                }
              : null,
            role: actor.kind === 'person' ? actor.role : null,
          },
        };
      },
    },
    {
      method: 'get',
      path: '/api/local/identities',
      action: 'local.identities.read',
      async handle() {
        if (!config.localMode) {
          throw new Forbidden(
            'The identity picker works only in local mode (no BOT_ID or AAD_APP_CLIENT_ID).',
          );
        }
        const departments = new Map((await store.listDepartments()).map((d) => [d.id, d.name]));
        const ids: string[] = Object.values(DEMO_PERSONAS).map((p) => p.id);
        // Beside the demo personas, one lead of each of a few departments.
        const leads = (await store.listMembers()).filter((m) => m.role === 'lead').slice(0, 6);
        for (const m of leads) if (!ids.includes(m.personId)) ids.push(m.personId);
        const identities = [];
        for (const id of ids) {
          const person = await store.getPerson(id);
          if (!person) continue;
          identities.push({
            personId: person.id,
            displayName: person.displayName,
            role: (await actors.forPerson(person)).role,
            departmentId: person.departmentId,
            departmentName: departments.get(person.departmentId) ?? person.departmentId,
          });
        }
        return { body: { identities } };
      },
    },
  ];
}
