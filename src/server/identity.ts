import type { Request } from 'restify';
import type { Config } from '../config/config';
import type { Person } from '../domain';
import type { PlanStore } from '../store/plan-store';

export type Role = 'officer' | 'lead' | 'ambassador' | 'employee';

/** The person a request acts for, as the server verified it. */
export type Caller = { person: Person; role: Role };

/** Header the local identity picker sends; honoured only in local mode. */
export const LOCAL_PERSON_HEADER = 'x-reap-local-person';

/** A person's role: Equity Officer by configuration, lead or Ambassador by department record. */
export async function roleOf(person: Person, store: PlanStore, config: Config): Promise<Role> {
  if (config.officerObjectIds.includes(person.aadObjectId.toLowerCase())) return 'officer';
  const members = await store.listMembers({ departmentId: person.departmentId });
  const mine = members.filter((m) => m.personId === person.id).map((m) => m.role);
  if (mine.includes('lead')) return 'lead';
  if (mine.includes('ambassador')) return 'ambassador';
  return 'employee';
}

/**
 * Who is calling. In local mode the identity picker's header names a demo person; outside local
 * mode only a verified Teams SSO token may (until that validation is configured, nobody is).
 */
export async function identify(
  req: Request,
  store: PlanStore,
  config: Config,
): Promise<Caller | undefined> {
  if (!config.localMode) return undefined;
  const header = req.headers[LOCAL_PERSON_HEADER];
  const id = Array.isArray(header) ? header[0] : header;
  if (!id) return undefined;
  const person = await store.getPerson(id);
  if (!person) return undefined;
  return { person, role: await roleOf(person, store, config) };
}
