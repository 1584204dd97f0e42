import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the emulator received, as the bot sent it. */
export type ConnectorRequest = {
  method: string;
  path: string;
  /** What the bot did: `send` (to the conversation), `reply`, `update`, `delete`, `create`, `other`. */
  kind: 'send' | 'reply' | 'update' | 'delete' | 'create' | 'get-member' | 'other';
  conversationId?: string;
  /** The activity replied to, updated or deleted. */
  activityId?: string;
  /** The JSON body (an activity, or conversation parameters for `create`). */
  body: Record<string, unknown>;
  /** The HTTP status the emulator answered with. */
  status: number;
  /** The request's `Authorization` header: none when the bot runs anonymously. */
  authorization?: string;
  at: number;
};

/** A fault to answer the next requests with, instead of accepting them. */
export type ConnectorFault = {
  status: number;
  /** Seconds, sent as `Retry-After` (Teams sends it with 429). */
  retryAfterSeconds?: number;
  /** Only requests of these kinds get the fault; all kinds when left out. */
  kinds?: ConnectorRequest['kind'][];
};

/** A member the emulator answers `GET .../members/:id` with. */
export type ConnectorMember = {
  id: string;
  name: string;
  aadObjectId?: string;
  userPrincipalName?: string;
};

/**
 * What Teams answers, every time, for a conversation that cannot take messages: 403 when the
 * person blocked the bot (or the app was disabled for them), 404 when the conversation or the
 * person is gone, 500/502/503 for a conversation stuck on a broken back end.
 */
export type ConversationFaultStatus = 403 | 404 | 500 | 502 | 503;

/**
 * Teams' per bot per thread limits, for "Send to conversation" and "Create conversation" alike:
 * Microsoft Learn, "Optimize your bot with rate limiting in Teams" (msteams-platform,
 * bots/how-to/rate-limit.md), section "Per bot per thread limit". The page says the values are
 * for estimation and may change.
 */
export const TEAMS_SENDS_PER_CONVERSATION_PER_SECOND = 7;
/** Same source: at most 8 operations into one conversation in any 2 seconds. */
export const TEAMS_SENDS_PER_CONVERSATION_PER_2_SECONDS = 8;
/** Same source: at most 60 operations into one conversation in any 30 seconds. */
export const TEAMS_SENDS_PER_CONVERSATION_PER_30_SECONDS = 60;
/** Same source: at most 1,800 operations into one conversation in any hour (3,600 s). */
export const TEAMS_SENDS_PER_CONVERSATION_PER_HOUR = 1_800;
/**
 * Same page: "The global limit per app per tenant is 50 Requests Per Second" (older copies of the
 * page said 30).
 */
export const TEAMS_REQUESTS_PER_TENANT_PER_SECOND = 50;

/** A limit an accepted operation can break. */
export type TeamsLimitName =
  'tenant-1s' | 'conversation-1s' | 'conversation-2s' | 'conversation-30s' | 'conversation-1h';

/** The per-conversation windows, shortest first. */
export const TEAMS_PER_CONVERSATION_LIMITS: ReadonlyArray<{
  name: TeamsLimitName;
  windowMs: number;
  max: number;
}> = [
  { name: 'conversation-1s', windowMs: 1_000, max: TEAMS_SENDS_PER_CONVERSATION_PER_SECOND },
  { name: 'conversation-2s', windowMs: 2_000, max: TEAMS_SENDS_PER_CONVERSATION_PER_2_SECONDS },
  { name: 'conversation-30s', windowMs: 30_000, max: TEAMS_SENDS_PER_CONVERSATION_PER_30_SECONDS },
  { name: 'conversation-1h', windowMs: 3_600_000, max: TEAMS_SENDS_PER_CONVERSATION_PER_HOUR },
];

/** One message Teams accepted into a conversation. */
export type ConnectorDelivery = {
  conversationId: string;
  /** `send` and `reply` post into the conversation; `create` when the activity came with it. */
  kind: 'send' | 'reply' | 'create';
  /** The id the emulator answered with. */
  activityId: string;
  activity: Record<string, unknown>;
  at: number;
};

/** Live counters; `reset()` zeroes them. */
export type ConnectorStats = {
  /** Every request answered. */
  requests: number;
  /** Answered 2xx. */
  accepted: number;
  /** Answered 429: past a limit, or a `failNext` 429. */
  throttled: number;
  /** Answered with a scripted fault other than 429 (`conversationFaults`, `failNext`). */
  faulted: number;
  /** Accepted operations that broke a limit, by limit (see `limitViolations()`). */
  violationsByLimit: Partial<Record<TeamsLimitName, number>>;
};

/** What a request is, for `latencyMs` as a function. */
export type ConnectorRequestInfo = Pick<
  ConnectorRequest,
  'method' | 'path' | 'kind' | 'conversationId'
>;

export type BotConnectorEmulatorOptions = {
  /**
   * Enforce Teams' rate limits: past one, answer 429 with `Retry-After` (whole seconds until the
   * operation would fit). Counts only accepted send, reply and create operations.
   * Left out: nothing is throttled (but `limitViolations()` still counts).
   */
  limits?: {
    /** Operations per bot per tenant in any second; `Infinity` for none. @default 50 */
    tenantPerSecond?: number;
    /** Enforce the per-conversation limits (7/1 s, 8/2 s, 60/30 s, 1,800/h). @default true */
    perConversation?: boolean;
  };
  /**
   * Conversations that answer every request with this status (the map stays live: change it at
   * any time). 403 comes with Teams' "User blocked the conversation with the bot." body.
   */
  conversationFaults?: Map<string, ConversationFaultStatus>;
  /** Milliseconds before each answer, as Teams takes about 100–300 ms. @default 0 */
  latencyMs?: number | ((request: ConnectorRequestInfo) => number);
  /** Keep every request in `requests`; turn off for large runs. @default true */
  recordRequests?: boolean;
  /** The clock for rate limits and timestamps; must not go back. @default Date.now */
  now?: () => number;
};

export type BotConnectorEmulator = {
  /** The service URL to put in activities: `http://127.0.0.1:PORT/`. */
  url: string;
  /** Every request received, faults included, in order (empty with `recordRequests: false`). */
  requests: ConnectorRequest[];
  /** The activities the bot sent, replied or updated (not faulted), in order; from `requests`. */
  activities(): Array<Record<string, unknown>>;
  /** Answers the next `count` matching requests with `fault`. */
  failNext(count: number, fault: ConnectorFault): void;
  /** Members `GET /v3/conversations/:id/members/:memberId` finds. */
  members: Map<string, ConnectorMember>;
  /** The scripted per-conversation faults (the map given in the options, or a new one). */
  conversationFaults: Map<string, ConversationFaultStatus>;
  /** Live counters. */
  stats: ConnectorStats;
  /** Messages accepted into conversations (all, or one conversation's), in order. */
  deliveries(conversationId?: string): ConnectorDelivery[];
  /** Messages accepted per conversation. */
  deliveryCounts(): Map<string, number>;
  /**
   * Accepted operations that, when they were accepted, broke one of Teams' limits (the tenant one
   * at `limits.tenantPerSecond`, 50 by default, and every per-conversation one). Counted whether
   * or not limits are enforced, so a test can prove a sender kept to them on its own; with
   * enforcement on it stays 0 for the enforced limits.
   */
  limitViolations(): number;
  /** Resolves when `predicate` holds for some request, or rejects after `timeoutMs`. */
  waitFor(
    predicate: (r: ConnectorRequest) => boolean,
    timeoutMs?: number,
  ): Promise<ConnectorRequest>;
  /**
   * Forgets requests, planned faults, deliveries, stats and rate-limit history. Keeps members and
   * `conversationFaults`.
   */
  reset(): void;
  close(): Promise<void>;
};

const ACTIVITY = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;
const MEMBER = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/;

function classify(
  method: string,
  path: string,
): Pick<ConnectorRequest, 'kind' | 'conversationId' | 'activityId'> {
  if (method === 'POST' && path === '/v3/conversations') return { kind: 'create' };
  const member = MEMBER.exec(path);
  if (member && method === 'GET') {
    return {
      kind: 'get-member',
      conversationId: decodeURIComponent(member[1] ?? ''),
      activityId: decodeURIComponent(member[2] ?? ''),
    };
  }
  const m = ACTIVITY.exec(path);
  if (!m) return { kind: 'other' };
  const conversationId = decodeURIComponent(m[1] ?? '');
  const activityId = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
  if (method === 'POST') return { kind: activityId ? 'reply' : 'send', conversationId, activityId };
  if (method === 'PUT' && activityId) return { kind: 'update', conversationId, activityId };
  if (method === 'DELETE' && activityId) return { kind: 'delete', conversationId, activityId };
  return { kind: 'other', conversationId, activityId };
}

const FAULT_BODIES: Record<ConversationFaultStatus, { code: string; message: string }> = {
  403: { code: 'Forbidden', message: 'User blocked the conversation with the bot.' },
  404: { code: 'ConversationNotFound', message: 'Conversation not found.' },
  500: { code: 'InternalServerError', message: 'An internal error occurred.' },
  502: { code: 'BadGateway', message: 'The service is temporarily unavailable.' },
  503: { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable.' },
};

/**
 * The times of accepted operations within the longest window, oldest first. Whether one more
 * fits under `max` per `windowMs` needs one look at the `max`-th newest time, so a check costs
 * O(1) per limit, and pruning is amortised O(1).
 */
class AcceptedTimes {
  private times: number[] = [];
  private head = 0;

  constructor(private readonly keepMs: number) {}

  /** Milliseconds until one more operation fits, 0 when it fits now. */
  wait(now: number, windowMs: number, max: number): number {
    this.prune(now);
    if (this.times.length - this.head < max) return 0;
    const oldestCounted = this.times[this.times.length - max] ?? -Infinity;
    return oldestCounted > now - windowMs ? oldestCounted + windowMs - now : 0;
  }

  add(now: number): void {
    this.times.push(now);
  }

  private prune(now: number): void {
    const since = now - this.keepMs;
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= since) this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
}

/** Teams' rate limits as a bot sees them: per tenant, and per conversation for sends and creates. */
class TeamsRateLimits {
  private readonly tenant = new AcceptedTimes(1_000);
  /** Sends (and replies), creates: separate scenarios in Teams' table. */
  private readonly conversations = new Map<string, Record<'send' | 'create', AcceptedTimes>>();
  violations = 0;

  constructor(private readonly tenantPerSecond: number) {}

  /** The limits one more operation at `now` would break, with the wait each asks for. */
  check(
    scenario: 'send' | 'create',
    conversationId: string,
    now: number,
  ): Array<{ name: TeamsLimitName; waitMs: number }> {
    const broken: Array<{ name: TeamsLimitName; waitMs: number }> = [];
    const tenantWait = this.tenant.wait(now, 1_000, this.tenantPerSecond);
    if (tenantWait > 0) broken.push({ name: 'tenant-1s', waitMs: tenantWait });
    const times = this.conversations.get(conversationId)?.[scenario];
    if (times) {
      for (const { name, windowMs, max } of TEAMS_PER_CONVERSATION_LIMITS) {
        const waitMs = times.wait(now, windowMs, max);
        if (waitMs > 0) broken.push({ name, waitMs });
      }
    }
    return broken;
  }

  accept(scenario: 'send' | 'create', conversationId: string, now: number): void {
    this.tenant.add(now);
    let times = this.conversations.get(conversationId);
    if (!times) {
      times = { send: new AcceptedTimes(3_600_000), create: new AcceptedTimes(3_600_000) };
      this.conversations.set(conversationId, times);
    }
    times[scenario].add(now);
  }
}

/** Teams names a personal conversation once per bot and person: the same member, the same id. */
function personalConversationId(memberId: string): string {
  return `a:1${crypto.createHash('sha256').update(memberId).digest('base64url').slice(0, 40)}`;
}

/** The one member of a personal conversation a create asks for, if it names one. */
function memberOf(body: Record<string, unknown>): string | undefined {
  const members = body.members;
  if (!Array.isArray(members) || members.length !== 1) return undefined;
  const id = (members[0] as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && id ? id : undefined;
}

/**
 * A local HTTP server that answers like the Bot Connector service (the `serviceUrl` Teams puts in
 * every activity): send, reply, update, delete and create conversation, each recorded with the
 * Authorization header it came with. It accepts any or none: tests check the token themselves.
 * Faults can be injected, e.g. `failNext(3, { status: 429, retryAfterSeconds: 1 })`, scripted per
 * conversation (`conversationFaults`), or come from Teams' own rate limits (`limits`).
 */
export async function startBotConnectorEmulator(
  options: BotConnectorEmulatorOptions = {},
): Promise<BotConnectorEmulator> {
  const now = options.now ?? Date.now;
  const recordRequests = options.recordRequests ?? true;
  const enforceTenant = options.limits !== undefined;
  const enforceConversation = enforceTenant && options.limits?.perConversation !== false;
  const latency = options.latencyMs ?? 0;
  const tenantPerSecond = options.limits?.tenantPerSecond ?? TEAMS_REQUESTS_PER_TENANT_PER_SECOND;
  if (!(tenantPerSecond >= 1)) {
    throw new Error(
      'bot connector emulator: limits.tenantPerSecond must be 1 or more (or Infinity)',
    );
  }
  const conversationFaults =
    options.conversationFaults ?? new Map<string, ConversationFaultStatus>();
  const requests: ConnectorRequest[] = [];
  const faults: Array<ConnectorFault & { left: number }> = [];
  const members = new Map<string, ConnectorMember>();
  const waiters: Array<{
    predicate: (r: ConnectorRequest) => boolean;
    resolve: (r: ConnectorRequest) => void;
  }> = [];
  const stats: ConnectorStats = {
    requests: 0,
    accepted: 0,
    throttled: 0,
    faulted: 0,
    violationsByLimit: {},
  };
  let limits = new TeamsRateLimits(tenantPerSecond);
  let allDeliveries: ConnectorDelivery[] = [];
  let byConversation = new Map<string, ConnectorDelivery[]>();
  let nextId = 1;

  const record = (r: ConnectorRequest, scripted: boolean): void => {
    stats.requests += 1;
    if (r.status < 300) stats.accepted += 1;
    else if (r.status === 429) stats.throttled += 1;
    else if (scripted) stats.faulted += 1;
    if (recordRequests) requests.push(r);
    for (const w of [...waiters]) {
      if (w.predicate(r)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(r);
      }
    }
  };

  const deliver = (delivery: ConnectorDelivery): void => {
    allDeliveries.push(delivery);
    const list = byConversation.get(delivery.conversationId);
    if (list) list.push(delivery);
    else byConversation.set(delivery.conversationId, [delivery]);
  };

  type Answer = { status: number; body: unknown; headers?: Record<string, string> };

  /**
   * Teams' rate limits for an operation about to be accepted: a 429 when an enforced one is
   * broken; otherwise counts it, and counts it as a violation if it broke any.
   */
  const admit = (
    scenario: 'send' | 'create',
    conversationId: string,
    at: number,
  ): Answer | undefined => {
    const broken = limits.check(scenario, conversationId, at);
    const enforced = broken.filter((b) =>
      b.name === 'tenant-1s' ? enforceTenant : enforceConversation,
    );
    if (enforced.length > 0) {
      const waitMs = Math.max(...enforced.map((b) => b.waitMs));
      return {
        status: 429,
        headers: { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) },
        body: {
          error: {
            code: 'TooManyRequests',
            message: `Too many requests: past Teams' ${enforced.map((b) => b.name).join(', ')} limit`,
          },
        },
      };
    }
    if (broken.length > 0) {
      limits.violations += 1;
      for (const { name } of broken) {
        stats.violationsByLimit[name] = (stats.violationsByLimit[name] ?? 0) + 1;
      }
    }
    limits.accept(scenario, conversationId, at);
    return undefined;
  };

  const answerRequest = (
    method: string,
    path: string,
    where: ReturnType<typeof classify>,
    body: Record<string, unknown>,
    at: number,
  ): Answer & { scripted: boolean } => {
    const fault = faults.find((f) => f.left > 0 && (!f.kinds || f.kinds.includes(where.kind)));
    if (fault) {
      fault.left -= 1;
      if (fault.left === 0) faults.splice(faults.indexOf(fault), 1);
      const headers: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined)
        headers['retry-after'] = String(fault.retryAfterSeconds);
      return {
        status: fault.status,
        headers,
        body: { error: { code: `Status${fault.status}`, message: 'Injected fault' } },
        scripted: true,
      };
    }

    const member = where.kind === 'create' ? memberOf(body) : undefined;
    const conversationId =
      where.conversationId ?? (member !== undefined ? personalConversationId(member) : undefined);
    const scripted =
      conversationId !== undefined ? conversationFaults.get(conversationId) : undefined;
    if (scripted !== undefined) {
      return { status: scripted, body: { error: FAULT_BODIES[scripted] }, scripted: true };
    }

    switch (where.kind) {
      case 'send':
      case 'reply': {
        const throttled = admit('send', conversationId ?? '', at);
        if (throttled) return { ...throttled, scripted: false };
        const activityId = `activity-${nextId++}`;
        deliver({
          conversationId: conversationId ?? '',
          kind: where.kind,
          activityId,
          activity: body,
          at,
        });
        return { status: 201, body: { id: activityId }, scripted: false };
      }
      case 'update':
        return { status: 200, body: { id: where.activityId }, scripted: false };
      case 'delete':
        return { status: 200, body: {}, scripted: false };
      case 'create': {
        const id = conversationId ?? `a:conversation-${nextId++}`;
        const throttled = admit('create', id, at);
        if (throttled) return { ...throttled, scripted: false };
        let activityId: string | undefined;
        if (body.activity && typeof body.activity === 'object') {
          activityId = `activity-${nextId++}`;
          deliver({
            conversationId: id,
            kind: 'create',
            activityId,
            activity: body.activity as Record<string, unknown>,
            at,
          });
        }
        return { status: 201, body: { id, activityId }, scripted: false };
      }
      case 'get-member': {
        const found = members.get(where.activityId ?? '');
        if (found) return { status: 200, body: found, scripted: false };
        return {
          status: 404,
          body: { error: { code: 'ConversationNotFound', message: 'Member not found' } },
          scripted: false,
        };
      }
      default:
        return {
          status: 404,
          body: { error: { code: 'NotFound', message: `${method} ${path} is not emulated` } },
          scripted: false,
        };
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      // Teams' service URLs end in `/`, so clients may ask for `//v3/...`.
      const path = new URL(req.url ?? '/', 'http://emulator').pathname.replace(/\/{2,}/g, '/');
      let body: Record<string, unknown> = {};
      const text = Buffer.concat(chunks).toString('utf8');
      if (text) {
        try {
          body = JSON.parse(text) as Record<string, unknown>;
        } catch {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'BadSyntax', message: 'Body is not JSON' } }));
          return;
        }
      }
      const where = classify(method, path);
      const authorization = req.headers.authorization;
      const at = now();
      // Decided on arrival, as Teams counts a request when it gets it; answered after the latency.
      const answer = answerRequest(method, path, where, body, at);
      record(
        {
          method,
          path,
          ...where,
          ...(authorization ? { authorization } : {}),
          body,
          status: answer.status,
          at,
        },
        answer.scripted,
      );
      const reply = (): void => {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body));
      };
      const delay =
        typeof latency === 'function'
          ? latency({ method, path, kind: where.kind, conversationId: where.conversationId })
          : latency;
      if (delay > 0) setTimeout(reply, delay);
      else reply();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    members,
    conversationFaults,
    stats,
    activities: () =>
      requests
        .filter((r) => r.status < 300 && ['send', 'reply', 'update'].includes(r.kind))
        .map((r) => r.body),
    failNext: (count, fault) => {
      faults.push({ ...fault, left: count });
    },
    deliveries: (conversationId) =>
      conversationId === undefined
        ? [...allDeliveries]
        : [...(byConversation.get(conversationId) ?? [])],
    deliveryCounts: () =>
      new Map([...byConversation].map(([id, list]) => [id, list.length] as const)),
    limitViolations: () => limits.violations,
    waitFor: (predicate, timeoutMs = 5000) => {
      const seen = requests.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (r: ConnectorRequest) => {
            clearTimeout(timer);
            resolve(r);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`bot connector emulator: nothing matched within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    reset: () => {
      requests.length = 0;
      faults.length = 0;
      allDeliveries = [];
      byConversation = new Map();
      limits = new TeamsRateLimits(tenantPerSecond);
      Object.assign(stats, {
        requests: 0,
        accepted: 0,
        throttled: 0,
        faulted: 0,
        violationsByLimit: {},
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
