/**
 * SharePoint's cost of Graph calls in resource units, as "Avoid getting throttled or blocked in
 * SharePoint Online" gives them: 1 for a single-item query (an item, a list, the site) or a delta
 * call with a token; 2 for a multi-item query (items, lists, columns) or a delta call without a
 * token, and for any create, update or delete; 5 for permission operations (`$expand=permissions`).
 * Each request inside a `$batch` is counted on its own; the `$batch` envelope, Teams app
 * installations, the directory's users and Entra's token endpoint are not SharePoint calls and
 * cost nothing.
 */

/** What a request addresses, for routing and accounting. */
export type RouteKind =
  | 'token'
  | 'openid-configuration'
  | 'instance-discovery'
  | 'jwks'
  | 'site'
  | 'lists'
  | 'list'
  | 'columns'
  | 'column'
  | 'items'
  | 'item'
  | 'fields'
  | 'delta'
  | 'batch'
  | 'installed-apps'
  | 'installed-app'
  | 'installed-app-chat'
  | 'users'
  | 'user'
  | 'user-manager'
  | 'users-delta'
  | 'drive-item'
  | 'unknown';

const SINGLE: readonly RouteKind[] = ['site', 'list', 'column', 'item', 'fields', 'drive-item'];
const MULTI: readonly RouteKind[] = ['lists', 'columns', 'items'];
const NOT_SHAREPOINT: readonly RouteKind[] = [
  'token',
  'openid-configuration',
  'instance-discovery',
  'jwks',
  'batch',
  'installed-apps',
  'installed-app',
  'installed-app-chat',
  'users',
  'user',
  'user-manager',
  'users-delta',
  'unknown',
];

/** Resource units one processed request costs. */
export function resourceUnits(method: string, kind: RouteKind, query: URLSearchParams): number {
  if (NOT_SHAREPOINT.includes(kind)) return 0;
  const expand = `${query.get('$expand') ?? ''},${query.get('expand') ?? ''}`.toLowerCase();
  if (expand.includes('permissions')) return 5;
  if (method !== 'GET') return 2;
  if (kind === 'delta') return query.has('token') ? 1 : 2;
  if (SINGLE.includes(kind)) return 1;
  if (MULTI.includes(kind)) return 2;
  return 0;
}

/** One request the emulator answered. */
export type GraphRequestRecord = {
  method: string;
  /** Path below `/v1.0` (or the Entra path), as sent. */
  path: string;
  kind: RouteKind;
  status: number;
  /** Inside a `$batch`. */
  batched: boolean;
  /** Resource units charged (0 for faulted requests). */
  resourceUnits: number;
  /** The Graph client's RetryHandler marks its retries with `Retry-Attempt`. */
  retryAttempt: number;
  /** The caller's `client-request-id` header, which Graph echoes and keeps for support. */
  clientRequestId?: string;
  at: number;
};

/** Counters of what reached the emulator; `resetStats()` zeroes them. */
export type GraphStats = {
  /** HTTP requests to Graph (`/v1.0/...`), faulted ones included; `$batch` counts once. */
  requests: number;
  /** The same by `METHOD kind`, e.g. `GET delta`, `POST items`, `POST batch`. */
  requestsByRoute: Record<string, number>;
  /** Requests inside `$batch` bodies. */
  batchedRequests: number;
  /** The same by `METHOD kind`. */
  batchedByRoute: Record<string, number>;
  /** Requests to Entra (token, metadata, discovery). */
  authRequests: number;
  /** Tokens issued. */
  tokensIssued: number;
  /** SharePoint resource units of the requests processed, batched ones one by one. */
  resourceUnits: number;
  /** Answers 429 injected by faults or the resource-unit budget (batched ones included). */
  throttled: number;
  /** Answers 503 injected. */
  unavailable: number;
  /** Writes applied and answered 504. */
  timedOutAfterWrite: number;
  /** Queries refused for the list view threshold or a non-indexed column. */
  refusedQueries: number;
  /** Requests answered 401. */
  unauthorized: number;
  /** HTTP requests carrying the Graph client's `Retry-Attempt` header. */
  retries: number;
};

export function emptyStats(): GraphStats {
  return {
    requests: 0,
    requestsByRoute: {},
    batchedRequests: 0,
    batchedByRoute: {},
    authRequests: 0,
    tokensIssued: 0,
    resourceUnits: 0,
    throttled: 0,
    unavailable: 0,
    timedOutAfterWrite: 0,
    refusedQueries: 0,
    unauthorized: 0,
    retries: 0,
  };
}

/**
 * A sliding one-minute budget of resource units, as SharePoint keeps per app (1,250 to 6,000 a
 * minute by tenant size). Past it requests answer 429 with Retry-After; from 80% use the answers
 * carry the `RateLimit-*` headers SharePoint sends to app-only callers.
 */
export class ResourceUnitBudget {
  private spent: Array<{ at: number; units: number }> = [];

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  private used(): number {
    const since = this.now() - 60_000;
    this.spent = this.spent.filter((s) => s.at > since);
    return this.spent.reduce((sum, s) => sum + s.units, 0);
  }

  /** Seconds until `units` fit again, or 0 when they fit now. */
  waitFor(units: number): number {
    let used = this.used();
    if (used + units <= this.perMinute) return 0;
    for (const s of this.spent) {
      used -= s.units;
      if (used + units <= this.perMinute) {
        return Math.max(1, Math.ceil((s.at + 60_000 - this.now()) / 1000));
      }
    }
    return 60;
  }

  spend(units: number): void {
    if (units > 0) this.spent.push({ at: this.now(), units });
  }

  /** `RateLimit-*` headers once 80% of the minute's budget is used. */
  headers(): Record<string, string> {
    const used = this.used();
    if (used < this.perMinute * 0.8) return {};
    const oldest = this.spent[0]?.at ?? this.now();
    return {
      'RateLimit-Limit': String(this.perMinute),
      'RateLimit-Remaining': String(Math.max(0, this.perMinute - used)),
      'RateLimit-Reset': String(Math.max(0, Math.ceil((oldest + 60_000 - this.now()) / 1000))),
    };
  }
}
