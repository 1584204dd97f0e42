import type { Request } from 'restify';
import type { Actor } from '../../domain/authorization';
import type { PlanStore } from '../../store/plan-store';
import type { ActorResolver } from './actors';
import { TokenRejected, type SsoTokenVerifier } from './sso-token-verifier';

/** Header the local identity picker sends; honoured only in local mode. */
export const LOCAL_PERSON_HEADER = 'x-reap-local-person';

export type IdentifyOptions = {
  localMode: boolean;
  store: PlanStore;
  actors: ActorResolver;
  sso: SsoTokenVerifier;
};

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Who a request acts for. In local mode, the person the identity picker's header names (a bearer
 * token is ignored: there is nothing to check it against). Otherwise only a verified Teams SSO
 * token counts, and the picker's header is ignored. No header or token: anonymous.
 * @throws TokenRejected when a bearer token is present but not valid.
 */
export async function identifyRequest(req: Request, o: IdentifyOptions): Promise<Actor> {
  if (o.localMode) {
    const personId = header(req, LOCAL_PERSON_HEADER);
    const person = personId ? await o.store.getPerson(personId) : undefined;
    return person ? o.actors.forPerson(person) : { kind: 'anonymous' };
  }
  const authorization = header(req, 'authorization');
  if (authorization === undefined) return { kind: 'anonymous' };
  const token = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization.trim())?.[1];
  if (!token) throw new TokenRejected('malformed', 'Authorization is not "Bearer <token>"');
  const identity = await o.sso.verify(token);
  return o.actors.forObjectId(identity.oid, identity);
}
