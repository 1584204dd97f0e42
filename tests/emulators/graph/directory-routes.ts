import {
  EmulatedDirectory,
  decodeUserDeltaToken,
  encodeUserDeltaToken,
  type StoredDirectoryUser,
  type UserDeltaState,
} from './directory';
import { fail, type EmulatedRequest, type EmulatedResponse } from './graph-response';
import type { ResolvedRoute } from './graph-routes';
import {
  ODataSyntaxError,
  matches,
  parseExpand,
  parseFilter,
  parseSelect,
  queryOption,
} from './odata-query';

/** Application permissions that let an app read every user's profile. */
const READ_ALL_USERS = [
  'User.Read.All',
  'User.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];

/** `$top` on `/users`: Graph pages 100 by default and takes 1 to 999. */
const USERS_DEFAULT_TOP = 100;
const USERS_MAX_TOP = 999;

/** Users per page of `/users/delta` (Graph chooses; `$top` is not supported there). */
export const USER_DELTA_PAGE = 200;

const USERS = /^\/users(?:\/([^/]+)(?:\/(manager))?)?$/i;

const notAllowed = (req: EmulatedRequest): never =>
  fail(
    405,
    'Request_BadRequest',
    `The HTTP method '${req.method}' is not supported for this resource.`,
  );

function parseOr400<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ODataSyntaxError) fail(400, 'Request_BadRequest', error.message);
    throw error;
  }
}

function checkPermission(roles: readonly string[]): void {
  if (!roles.some((r) => READ_ALL_USERS.includes(r))) {
    fail(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  }
}

/** `$expand=manager` or `$expand=manager($select=id,displayName)`: the manager's select, if expanded. */
function expandedManager(req: EmulatedRequest): { select?: string[] } | undefined {
  const expand = parseOr400(() => parseExpand(queryOption(req.query, 'expand') ?? ''));
  for (const key of expand.keys()) {
    if (key !== 'manager') {
      fail(400, 'Request_BadRequest', `Could not find a navigation property named '${key}'.`);
    }
  }
  return expand.get('manager');
}

/** A user's JSON with its manager embedded when `$expand=manager` asked for it. */
function userJson(
  directory: EmulatedDirectory,
  user: StoredDirectoryUser,
  select: string[] | undefined,
  manager: { select?: string[] } | undefined,
): Record<string, unknown> {
  const body = EmulatedDirectory.json(user, select);
  if (manager) {
    const found = directory.managerOf(user);
    if (found) {
      body.manager = {
        '@odata.type': '#microsoft.graph.user',
        ...EmulatedDirectory.json(found, manager.select),
      };
    }
  }
  return body;
}

/**
 * Matches `/users`, `/users/{id | userPrincipalName}`, `/users/{id}/manager` and `/users/delta`
 * (Graph's "List users", "Get user", "List manager", "user: delta"); undefined for any other path.
 * Every route needs an application permission that reads all users (User.Read.All or more).
 */
export function resolveDirectoryRoute(
  req: EmulatedRequest,
  directory: EmulatedDirectory,
  graphUrl: string,
  roles: readonly string[],
): ResolvedRoute | undefined {
  const m = USERS.exec(req.path);
  if (!m) return undefined;
  const [, ref, manager] = m;
  const context = (what: string): string => `${graphUrl}/$metadata#${what}`;

  if (ref === undefined) {
    return {
      kind: 'users',
      handle: (): EmulatedResponse => {
        if (req.method !== 'GET') notAllowed(req);
        checkPermission(roles);
        const select = parseSelect(queryOption(req.query, 'select'));
        EmulatedDirectory.checkSelect(select, false);
        const expand = expandedManager(req);
        const topText = queryOption(req.query, 'top');
        const top = topText === undefined ? USERS_DEFAULT_TOP : Number(topText);
        if (!Number.isInteger(top) || top < 1 || top > USERS_MAX_TOP) {
          fail(400, 'Request_UnsupportedQuery', 'Invalid page size specified.');
        }
        const filterText = queryOption(req.query, 'filter');
        const filter = filterText ? parseOr400(() => parseFilter(filterText)) : undefined;
        const token = queryOption(req.query, 'skiptoken');
        const after = token ? Buffer.from(token, 'base64url').toString('utf8') : '';
        const all = directory
          .presentUsers()
          .filter((u) => String(u.values.id).toLowerCase() > after)
          .filter(
            (u) =>
              !filter ||
              matches(filter, (property) => ({
                value: u.values[property],
                caseInsensitive: true,
              })),
          );
        const page = all.slice(0, top);
        const last = page[page.length - 1];
        const next =
          all.length > top && last
            ? `${graphUrl}/users?${carried(req, Buffer.from(String(last.values.id).toLowerCase()).toString('base64url'))}`
            : undefined;
        return {
          status: 200,
          body: {
            '@odata.context': context(select ? `users(${select.join(',')})` : 'users'),
            ...(next ? { '@odata.nextLink': next } : {}),
            value: page.map((u) => userJson(directory, u, select, expand)),
          },
        };
      },
    };
  }
  if (ref.toLowerCase() === 'delta' || ref.toLowerCase() === 'microsoft.graph.delta()') {
    if (manager) return undefined;
    return {
      kind: 'users-delta',
      handle: (): EmulatedResponse => {
        if (req.method !== 'GET') notAllowed(req);
        checkPermission(roles);
        const token = queryOption(req.query, 'deltatoken') ?? queryOption(req.query, 'skiptoken');
        let state: UserDeltaState;
        if (token) {
          state = decodeUserDeltaToken(token);
        } else {
          const selectText = queryOption(req.query, 'select');
          EmulatedDirectory.checkSelect(parseSelect(selectText), true);
          state = directory.startDelta(selectText);
        }
        const select = parseSelect(state.q);
        const page = directory.deltaPage(state, USER_DELTA_PAGE);
        const base = `${graphUrl}/users/delta`;
        return {
          status: 200,
          body: {
            '@odata.context': context(select ? `users(${select.join(',')})` : 'users'),
            ...(page.next
              ? { '@odata.nextLink': `${base}?$skiptoken=${encodeUserDeltaToken(page.next)}` }
              : {}),
            ...(page.delta
              ? { '@odata.deltaLink': `${base}?$deltatoken=${encodeUserDeltaToken(page.delta)}` }
              : {}),
            value: page.entries.map((entry) => {
              if (entry.kind === 'removed') {
                return { id: entry.id, '@removed': { reason: entry.reason } };
              }
              if (entry.kind === 'full') return EmulatedDirectory.json(entry.user, select);
              return EmulatedDirectory.json(entry.user, entry.properties);
            }),
          },
        };
      },
    };
  }
  if (manager) {
    return {
      kind: 'user-manager',
      handle: (): EmulatedResponse => {
        if (req.method !== 'GET') notAllowed(req);
        checkPermission(roles);
        const user = directory.get(ref);
        const found =
          directory.managerOf(user) ??
          fail(
            404,
            'Request_ResourceNotFound',
            "Resource 'manager' does not exist or one of its queried reference-property objects are not present.",
          );
        const select = parseSelect(queryOption(req.query, 'select'));
        EmulatedDirectory.checkSelect(select, false);
        return {
          status: 200,
          body: {
            '@odata.context': context('directoryObjects/$entity'),
            '@odata.type': '#microsoft.graph.user',
            ...EmulatedDirectory.json(found, select),
          },
        };
      },
    };
  }
  return {
    kind: 'user',
    handle: (): EmulatedResponse => {
      if (req.method !== 'GET') notAllowed(req);
      checkPermission(roles);
      const user = directory.get(ref);
      const select = parseSelect(queryOption(req.query, 'select'));
      EmulatedDirectory.checkSelect(select, false);
      return {
        status: 200,
        body: {
          '@odata.context': context('users/$entity'),
          ...userJson(directory, user, select, expandedManager(req)),
        },
      };
    },
  };
}

/** The request's query again, with the next page's skip token. */
function carried(req: EmulatedRequest, skipToken: string): string {
  const parts: string[] = [];
  for (const [k, v] of req.query) {
    if (/^\$?skiptoken$/i.test(k)) continue;
    parts.push(`${k}=${encodeURIComponent(v)}`);
  }
  parts.push(`$skiptoken=${skipToken}`);
  return parts.join('&');
}
