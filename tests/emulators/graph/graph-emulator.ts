import crypto from 'node:crypto';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseBatch, runBatch } from './batch';
import { EntraEmulator, type EmulatedClient } from './entra';
import { FaultInjector, type FaultTarget, type GraphFaults, type PlannedFault } from './faults';
import {
  GraphFailure,
  graphError,
  type EmulatedRequest,
  type EmulatedResponse,
  type GraphErrorBody,
} from './graph-response';
import { resolveGraphRoute, type RouteContext } from './graph-routes';
import {
  ResourceUnitBudget,
  emptyStats,
  resourceUnits,
  type GraphRequestRecord,
  type GraphStats,
  type RouteKind,
} from './resource-units';
import {
  SharePointSites,
  type StoredItem,
  type StoredList,
  type StoredSite,
} from './sharepoint-sites';
import { EmulatedDirectory } from './directory';
import { EmulatedTeamwork } from './teamwork';
import { EmulatedDrive } from './drive';
import {
  createSelfSignedCertificate,
  trustInFetch,
  type SelfSignedCertificate,
} from './tls-certificate';

export type GraphEmulatorOptions = {
  /** The Entra tenant the token endpoint serves. @default '5f1c0b6e-3f2a-4d8e-9c41-7a2b8e6d0c13' */
  tenantId?: string;
  /** App registrations; when left out, any client id with any secret or assertion gets a token. */
  clients?: EmulatedClient[];
  /** Lifetime of issued access tokens, seconds. @default 3599 */
  tokenLifetimeSeconds?: number;
  /** App roles put in issued tokens. @default ['Sites.Selected'] */
  roles?: string[];
  /** Sites that exist from the start. @default [{ hostname: 'contoso.sharepoint.com', path: '/sites/reap' }] */
  sites?: Array<{ hostname: string; path: string; displayName?: string }>;
  /**
   * SharePoint's list view threshold: on a list with more items, a query may not touch a
   * non-indexed column, nor match more items than this. @default 5000
   */
  listViewThreshold?: number;
  /** Items per page when `$top` is not given. @default 200 */
  defaultPageSize?: number;
  /** The largest `$top` honoured; larger values are cut to it. @default 5000 */
  maxPageSize?: number;
  /** Seed of the PRNG behind fault rates and the order of `$batch` answers. @default 1 */
  seed?: number;
  /** Faults from the start (all off by default). */
  faults?: Partial<GraphFaults>;
  /** Answer a `$batch`'s requests in a shuffled order, as Graph may. @default true */
  shuffleBatchResponses?: boolean;
  /** Make this process's `fetch` (MSAL's and the Graph client's) trust the emulator's certificate. @default true */
  trustCertificate?: boolean;
  /** The app's SharePoint resource-unit budget per minute; past it Graph answers 429. @default unlimited */
  resourceUnitsPerMinute?: number;
};

/** A list item as stored: its id, eTag and the values of its columns (empty ones absent). */
export type EmulatedItem = { id: string; eTag: string; fields: Record<string, unknown> };

/** A list's shape, for assertions on provisioning. */
export type EmulatedListInfo = {
  id: string;
  displayName: string;
  itemCount: number;
  columns: Array<{
    name: string;
    type: string;
    indexed: boolean;
    enforceUniqueValues: boolean;
    readOnly: boolean;
  }>;
};

export type GraphEmulator = {
  /** `https://127.0.0.1:PORT`: the Graph endpoint and the Entra authority host. */
  url: string;
  /** `${url}/v1.0`. */
  graphUrl: string;
  /** `127.0.0.1:PORT`, for MSAL's `knownAuthorities`. */
  host: string;
  /** `127.0.0.1`, for the Graph client's `customHosts`. */
  hostname: string;
  tenantId: string;
  /** `${url}/${tenantId}`: MSAL's `authority`. */
  authority: string;
  /** The emulator's self-signed certificate (PEM), its own trust anchor. */
  certificate: string;
  /** Live counters; `resetStats()` zeroes them. */
  stats: GraphStats;
  /** Every request answered, batched ones included, in order. */
  requests: GraphRequestRecord[];
  /** The fault rates, to change at any time. */
  faults: GraphFaults;
  /**
   * People and the Teams apps installed for them (`/users/{id}/teamwork/installedApps`): seed them
   * with `teamwork.seedUsers([{ id }])` and `teamwork.seedTeamsApps([{ id, botId }])`.
   */
  teamwork: EmulatedTeamwork;
  /**
   * The tenant's users (`/users`, `/users/{id}/manager`, `/users/delta`): seed them with
   * `directory.seedUsers([...])`, then change, remove or restore them as HR would. Reading them
   * needs the role User.Read.All (pass `roles`).
   */
  directory: EmulatedDirectory;
  /**
   * Each site's document library (`PUT /sites/{id}/drive/root:/{path}:/content`): read what was
   * uploaded with `drive.files(siteId)`.
   */
  drive: EmulatedDrive;
  /** Answers the next `count` matching Graph requests with `fault`. */
  failNext(count: number, fault: PlannedFault): void;
  resetStats(): void;
  /** Back to the faults given in the options, nothing planned, the PRNG rewound. */
  resetFaults(): void;
  /**
   * Forgets every list and item, and every site added later (the initial sites keep their ids),
   * every person, catalog app and installation, and the directory; resets stats and faults.
   */
  reset(): void;
  /** A valid access token for Graph, as the token endpoint would issue. */
  issueToken(options?: { clientId?: string; lifetimeSeconds?: number }): Promise<string>;
  /** The id of the site at `hostname` + `path`, or of the first site. */
  siteId(hostname?: string, path?: string): string;
  addSite(hostname: string, path: string, displayName?: string): string;
  /** Creates a list as `POST /sites/{id}/lists` would, bypassing stats and faults. */
  createList(
    siteId: string,
    definition: { displayName: string; description?: string; columns?: unknown[] },
  ): EmulatedListInfo;
  listInfo(siteId: string, list: string): EmulatedListInfo | undefined;
  /** Adds items directly (as another writer would), bypassing stats and faults. */
  seedItems(siteId: string, list: string, items: Array<Record<string, unknown>>): EmulatedItem[];
  /** The list's items, by id. */
  listItems(siteId: string, list: string): EmulatedItem[];
  /** Changes an item as another user would (its eTag moves on, delta reports it). */
  updateItem(
    siteId: string,
    list: string,
    itemId: string,
    fields: Record<string, unknown>,
  ): EmulatedItem;
  deleteItem(siteId: string, list: string, itemId: string): void;
  /** Makes every delta token of the list (or of every list) answer 410 Gone. */
  expireDeltaTokens(siteId?: string, list?: string): void;
  close(): Promise<void>;
};

const DEFAULT_TENANT = '5f1c0b6e-3f2a-4d8e-9c41-7a2b8e6d0c13';
const JSON_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

let sharedCertificate: SelfSignedCertificate | undefined;

const sleep = (ms: number): Promise<void> =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/**
 * Starts a local HTTPS server that answers like Microsoft Graph v1.0 for SharePoint sites, lists,
 * columns, items, delta and `$batch`, and like Entra ID's token endpoint for the client-credential
 * flow. Data lives in memory. Faults (429/503 with Retry-After, latency, inner-batch 429s, writes
 * answered 504 after they were applied) come at seeded rates or on demand, and `stats` counts
 * requests and SharePoint resource units.
 */
export async function startGraphEmulator(
  options: GraphEmulatorOptions = {},
): Promise<GraphEmulator> {
  sharedCertificate ??= createSelfSignedCertificate();
  const certificate = sharedCertificate;
  const tenantId = options.tenantId ?? DEFAULT_TENANT;
  let origin = '';
  const entra = new EntraEmulator(() => origin, tenantId, {
    clients: options.clients,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599,
    roles: options.roles ?? ['Sites.Selected'],
  });
  const initialSites = options.sites ?? [
    { hostname: 'contoso.sharepoint.com', path: '/sites/reap' },
  ];
  const listViewThreshold = options.listViewThreshold ?? 5000;
  const sites = new SharePointSites({ listViewThreshold });
  const teamwork = new EmulatedTeamwork(tenantId);
  const directory = new EmulatedDirectory();
  const drive = new EmulatedDrive();
  const initialSiteIds = new Set(
    initialSites.map((s) => sites.addSite(s.hostname, s.path, s.displayName).id),
  );
  const injector = new FaultInjector(options.seed ?? 1, options.faults);
  const budget =
    options.resourceUnitsPerMinute !== undefined
      ? new ResourceUnitBudget(options.resourceUnitsPerMinute)
      : undefined;
  const stats = emptyStats();
  const requests: GraphRequestRecord[] = [];
  const shuffle = options.shuffleBatchResponses ?? true;

  const context = (roles: readonly string[] = []): RouteContext => ({
    sites,
    graphUrl: `${origin}/v1.0`,
    defaultPageSize: options.defaultPageSize ?? 200,
    maxPageSize: options.maxPageSize ?? 5000,
    teamwork,
    directory,
    roles,
    drive,
  });

  /** Logs and counts one answered request: to Graph, inside a `$batch`, or to Entra. */
  const record = (
    method: string,
    path: string,
    kind: RouteKind,
    status: number,
    scope: 'graph' | 'batched' | 'entra',
    units: number,
    headers: Record<string, string>,
  ): void => {
    // A header set twice under different cases arrives as `1, 2`: the last attempt counts.
    const retryAttempt = Math.max(
      0,
      ...(headers['retry-attempt'] ?? '').split(',').map((v) => Number(v) || 0),
    );
    const batched = scope === 'batched';
    requests.push({
      method,
      path,
      kind,
      status,
      batched,
      resourceUnits: units,
      retryAttempt,
      ...(headers['client-request-id'] ? { clientRequestId: headers['client-request-id'] } : {}),
      at: Date.now(),
    });
    const key = `${method} ${kind}`;
    if (scope === 'entra') {
      stats.authRequests += 1;
    } else if (batched) {
      stats.batchedRequests += 1;
      stats.batchedByRoute[key] = (stats.batchedByRoute[key] ?? 0) + 1;
    } else {
      stats.requests += 1;
      stats.requestsByRoute[key] = (stats.requestsByRoute[key] ?? 0) + 1;
      if (retryAttempt > 0) stats.retries += 1;
    }
    stats.resourceUnits += units;
    if (status === 401) stats.unauthorized += 1;
  };

  const faultAnswer = (status: 429 | 503, retryAfterSeconds: number): EmulatedResponse => {
    const headers = { 'Retry-After': String(retryAfterSeconds) };
    if (status === 429) {
      stats.throttled += 1;
      return graphError(429, 'activityLimitReached', 'The request has been throttled', { headers });
    }
    stats.unavailable += 1;
    return graphError(503, 'serviceNotAvailable', 'Service unavailable', { headers });
  };

  /** Answers one Graph request (an HTTP one, or one inside a `$batch`). */
  const dispatch = async (req: EmulatedRequest): Promise<EmulatedResponse> => {
    const answer = (kind: RouteKind, response: EmulatedResponse, units = 0): EmulatedResponse => {
      record(
        req.method,
        req.path,
        kind,
        response.status,
        req.batched ? 'batched' : 'graph',
        units,
        req.headers,
      );
      return response;
    };
    const auth = await entra.verify(req.headers.authorization);
    if ('message' in auth) {
      const kind = req.path === '/$batch' ? 'batch' : resolveGraphRoute(req, context()).kind;
      return answer(
        kind,
        graphError(401, 'InvalidAuthenticationToken', auth.message, {
          headers: {
            'WWW-Authenticate': `Bearer realm="", authorization_uri="${origin}/${tenantId}/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
          },
        }),
      );
    }
    if (req.path === '/$batch' && !req.batched) {
      if (req.method !== 'POST') {
        return answer('batch', graphError(405, 'BadRequest', 'A $batch must be POSTed.'));
      }
      const decision = injector.decide({
        method: 'POST',
        kind: 'batch',
        path: req.path,
        batched: false,
      });
      if (decision?.when === 'before') {
        return answer('batch', faultAnswer(decision.status, decision.retryAfterSeconds));
      }
      try {
        const items = parseBatch(req.body);
        const responses = await runBatch(items, req.headers, dispatch);
        if (shuffle) {
          for (let i = responses.length - 1; i > 0; i -= 1) {
            const j = Math.floor(injector.next() * (i + 1));
            [responses[i], responses[j]] = [responses[j]!, responses[i]!];
          }
        }
        return answer('batch', { status: 200, body: { responses } });
      } catch (error) {
        if (error instanceof GraphFailure) return answer('batch', error.response);
        throw error;
      }
    }
    const route = resolveGraphRoute(req, context(auth.claims.roles));
    const target: FaultTarget = {
      method: req.method,
      kind: route.kind,
      path: req.path,
      batched: req.batched,
    };
    const decision = injector.decide(target);
    if (decision?.when === 'before') {
      return answer(route.kind, faultAnswer(decision.status, decision.retryAfterSeconds));
    }
    const units = resourceUnits(req.method, route.kind, req.query);
    if (budget) {
      const wait = budget.waitFor(units);
      if (wait > 0) return answer(route.kind, faultAnswer(429, wait));
    }
    let response: EmulatedResponse;
    try {
      response = route.handle();
    } catch (error) {
      if (!(error instanceof GraphFailure)) throw error;
      response = error.response;
      const code = (response.body as GraphErrorBody | undefined)?.error.code;
      const message = (response.body as GraphErrorBody | undefined)?.error.message ?? '';
      if (code === 'activityLimitReached' || message.includes('as it is not indexed')) {
        stats.refusedQueries += 1;
      }
    }
    budget?.spend(units);
    if (decision?.when === 'after' && response.status < 300) {
      stats.timedOutAfterWrite += 1;
      response = graphError(504, 'UnknownError', 'Gateway timeout.');
    }
    return answer(route.kind, response, units);
  };

  /** Entra: token endpoint, OpenID metadata, instance discovery, keys. */
  const authority = async (
    method: string,
    path: string,
    body: Buffer,
  ): Promise<{ kind: RouteKind; response: EmulatedResponse }> => {
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    if (token?.[1] && method === 'POST') {
      const response = await entra.token(token[1], new URLSearchParams(body.toString('utf8')));
      if (response.status === 200) stats.tokensIssued += 1;
      return { kind: 'token', response };
    }
    const metadata = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path);
    if (metadata?.[1] && method === 'GET') {
      return {
        kind: 'openid-configuration',
        response: { status: 200, body: entra.openIdConfiguration(metadata[1]) },
      };
    }
    if (/^\/[^/]+\/discovery\/instance$/.test(path) && method === 'GET') {
      return {
        kind: 'instance-discovery',
        response: { status: 200, body: entra.instanceDiscovery() },
      };
    }
    if (/^\/[^/]+\/discovery\/v2\.0\/keys$/.test(path) && method === 'GET') {
      return { kind: 'jwks', response: { status: 200, body: await entra.jwks() } };
    }
    return {
      kind: 'unknown',
      response: {
        status: 404,
        body: { error: 'not_found', error_description: `${method} ${path}` },
      },
    };
  };

  const send = (
    res: ServerResponse,
    response: EmulatedResponse,
    requestId: string,
    clientRequestId: string,
  ): void => {
    const headers: Record<string, string> = {
      'request-id': requestId,
      'client-request-id': clientRequestId,
      ...(budget ? budget.headers() : {}),
      ...(response.headers ?? {}),
    };
    let payload = '';
    if (response.body !== undefined && response.status !== 204) {
      const body = response.body as Partial<GraphErrorBody>;
      if (body.error && typeof body.error === 'object' && body.error.innerError) {
        body.error.innerError = {
          ...body.error.innerError,
          'request-id': requestId,
          'client-request-id': clientRequestId,
        };
      }
      headers['Content-Type'] = JSON_TYPE;
      payload = JSON.stringify(body);
    }
    res.writeHead(response.status, headers);
    res.end(payload);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'https://emulator.invalid');
    const headers = lowerHeaders(req);
    const requestId = crypto.randomUUID();
    const clientRequestId = headers['client-request-id'] ?? requestId;
    if (!url.pathname.startsWith('/v1.0/')) {
      const { kind, response } = await authority(method, url.pathname, body);
      record(method, url.pathname, kind, response.status, 'entra', 0, headers);
      send(res, response, requestId, clientRequestId);
      return;
    }
    await sleep(injector.faults.latencyMs);
    let parsed: unknown;
    const text = body.toString('utf8');
    // A file uploaded to a library is bytes of its own type, not JSON.
    const contentType = headers['content-type'] ?? '';
    const isJson = contentType === '' || /json/i.test(contentType);
    if (isJson && text.trim()) {
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        send(
          res,
          graphError(
            400,
            'BadRequest',
            'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
          ),
          requestId,
          clientRequestId,
        );
        return;
      }
    }
    const request: EmulatedRequest = {
      method,
      path: decodeURIComponent(url.pathname.slice('/v1.0'.length)),
      query: url.searchParams,
      headers,
      body: parsed,
      batched: false,
      ...(isJson ? {} : { raw: body }),
    };
    send(res, await dispatch(request), requestId, clientRequestId);
  };

  const server = https.createServer(
    { key: certificate.key, cert: certificate.cert },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': JSON_TYPE });
          res.end(JSON.stringify(graphError(500, 'generalException', message).body));
        }
      });
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `https://127.0.0.1:${port}`;
  if (options.trustCertificate ?? true) await trustInFetch(certificate.cert);

  const findSite = (siteId: string): StoredSite => {
    const site = sites.siteById(siteId);
    if (!site) throw new Error(`graph emulator: no site ${siteId}`);
    return site;
  };
  const findList = (siteId: string, ref: string): StoredList => {
    const list = sites.list(findSite(siteId), ref);
    if (!list) throw new Error(`graph emulator: no list ${ref} on ${siteId}`);
    return list;
  };
  const unwrap = <T>(f: () => T): T => {
    try {
      return f();
    } catch (error) {
      if (error instanceof GraphFailure) throw new Error(`graph emulator: ${error.message}`);
      throw error;
    }
  };
  const toItem = (item: StoredItem): EmulatedItem => ({
    id: String(item.id),
    eTag: SharePointSites.eTag(item),
    fields: { ...item.values },
  });
  const info = (list: StoredList): EmulatedListInfo => ({
    id: list.id,
    displayName: list.displayName,
    itemCount: list.items.size,
    columns: list.columns.map((c) => ({
      name: c.name,
      type: c.type,
      indexed: c.indexed,
      enforceUniqueValues: c.enforceUniqueValues,
      readOnly: c.readOnly,
    })),
  });

  return {
    url: origin,
    graphUrl: `${origin}/v1.0`,
    host: `127.0.0.1:${port}`,
    hostname: '127.0.0.1',
    tenantId,
    authority: `${origin}/${tenantId}`,
    certificate: certificate.cert,
    stats,
    requests,
    faults: injector.faults,
    teamwork,
    directory,
    drive,
    failNext: (count, fault) => injector.failNext(count, fault),
    resetStats: () => {
      Object.assign(stats, emptyStats());
      requests.length = 0;
    },
    resetFaults: () => injector.reset(),
    reset: () => {
      sites.clear(initialSiteIds);
      teamwork.clear();
      directory.clear();
      drive.clear();
      Object.assign(stats, emptyStats());
      requests.length = 0;
      injector.reset();
    },
    issueToken: (o = {}) => entra.issue(o.clientId ?? crypto.randomUUID(), o.lifetimeSeconds),
    siteId: (hostname, path) => {
      const site =
        hostname !== undefined ? sites.siteByPath(hostname, path ?? '/') : sites.siteById('root');
      if (!site) throw new Error(`graph emulator: no site ${hostname ?? ''}${path ?? ''}`);
      return site.id;
    },
    addSite: (hostname, path, displayName) => sites.addSite(hostname, path, displayName).id,
    createList: (siteId, definition) =>
      info(unwrap(() => sites.createList(findSite(siteId), definition))),
    listInfo: (siteId, list) => {
      const found = sites.list(findSite(siteId), list);
      return found ? info(found) : undefined;
    },
    seedItems: (siteId, list, items) => {
      const l = findList(siteId, list);
      return items.map((fields) => toItem(unwrap(() => sites.createItem(l, fields))));
    },
    listItems: (siteId, list) =>
      [...findList(siteId, list).items.values()].sort((a, b) => a.id - b.id).map(toItem),
    updateItem: (siteId, list, itemId, fields) => {
      const l = findList(siteId, list);
      const item = l.items.get(Number(itemId));
      if (!item) throw new Error(`graph emulator: no item ${itemId} in ${list}`);
      return toItem(unwrap(() => sites.updateItem(l, item, fields)));
    },
    deleteItem: (siteId, list, itemId) => {
      const l = findList(siteId, list);
      const item = l.items.get(Number(itemId));
      if (!item) throw new Error(`graph emulator: no item ${itemId} in ${list}`);
      sites.deleteItem(l, item);
    },
    expireDeltaTokens: (siteId, list) => {
      const targets =
        siteId === undefined
          ? [...sites.sites.values()].flatMap((s) => [...s.lists.values()])
          : list === undefined
            ? [...findSite(siteId).lists.values()]
            : [findList(siteId, list)];
      for (const l of targets) l.generation += 1;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
