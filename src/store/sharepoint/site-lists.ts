import type { Client } from '@microsoft/microsoft-graph-client';
import type { SharePointConfig } from '../../config/config';
import { GraphError, statusOf, toGraphError } from './graph-error';

/** A list item as Graph returns it (`expand=fields`). */
export type GraphItem = {
  id: string;
  eTag?: string;
  fields?: Record<string, unknown>;
  deleted?: unknown;
};

/** One request inside a `$batch`. */
export type BatchRequest = {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
};

export type BatchResponse = {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
};

/** Graph accepts at most 20 requests in one `$batch`. */
export const BATCH_LIMIT = 20;

/** Raised when a delta token has expired (410 Gone): the caller must read the list afresh. */
export class ResyncRequired extends Error {
  constructor(readonly listId: string) {
    super(`the delta token of list ${listId} expired; a full resync is needed`);
    this.name = 'ResyncRequired';
  }
}

/**
 * The Graph calls on reap's site: site and list lookup, items, delta and `$batch`. Every call goes
 * through the client's pipeline (token, Retry-After retries, User-Agent); inner `$batch` answers
 * are retried here because the pipeline only sees the outer 200.
 */
export class SiteLists {
  private siteIdPromise?: Promise<string>;
  private listIds?: Promise<Map<string, string>>;

  constructor(
    readonly client: Client,
    private readonly config: SharePointConfig,
    /** Base wait before retrying an inner answer that carries no Retry-After. */
    private readonly retryDelayMs = 1000,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** The site's Graph id, from its address (`/sites/{host}:/sites/{path}`), looked up once. */
  siteId(): Promise<string> {
    this.siteIdPromise ??= (async () => {
      const url = new URL(this.config.siteUrl);
      try {
        const site = (await this.client
          .api(`/sites/${url.hostname}:${url.pathname}`)
          .select('id')
          .get()) as {
          id: string;
        };
        return site.id;
      } catch (error) {
        this.siteIdPromise = undefined;
        throw toGraphError(error, `looking up the site ${this.config.siteUrl}`);
      }
    })();
    return this.siteIdPromise;
  }

  /** Looks the site up again, past the cache: Graph answers and the app may read the site. */
  async reachSite(): Promise<void> {
    const url = new URL(this.config.siteUrl);
    try {
      await this.client.api(`/sites/${url.hostname}:${url.pathname}`).select('id').get();
    } catch (error) {
      throw toGraphError(error, `looking up the site ${this.config.siteUrl}`);
    }
  }

  /** Every list of the site by display name, following `@odata.nextLink`. */
  async lists(refresh = false): Promise<Map<string, string>> {
    if (refresh || !this.listIds) {
      this.listIds = (async () => {
        const site = await this.siteId();
        const out = new Map<string, string>();
        for await (const l of this.pages<{ id: string; displayName: string }>(
          `/sites/${site}/lists?$select=id,displayName`,
          'listing the lists',
        )) {
          out.set(l.displayName, l.id);
        }
        return out;
      })();
      this.listIds.catch(() => (this.listIds = undefined));
    }
    return this.listIds;
  }

  /** The Graph id of a list by display name; a clear error when provisioning has not run. */
  async listId(displayName: string): Promise<string> {
    let id = (await this.lists()).get(displayName);
    if (!id) id = (await this.lists(true)).get(displayName);
    if (!id) {
      throw new GraphError(
        404,
        'itemNotFound',
        null,
        `The list "${displayName}" is missing on ${this.config.siteUrl}: run "npm run provision".`,
      );
    }
    return id;
  }

  /** GETs `url` and every `@odata.nextLink` after it, yielding the values. */
  async *pages<T>(url: string, what: string): AsyncGenerator<T> {
    let next: string | undefined = url;
    while (next) {
      let page: { value?: T[]; '@odata.nextLink'?: string };
      try {
        page = (await this.client.api(next).get()) as typeof page;
      } catch (error) {
        throw toGraphError(error, what);
      }
      for (const v of page.value ?? []) yield v;
      next = page['@odata.nextLink'];
    }
  }

  /**
   * Reads a list's changes since `deltaLink` (or everything, without one), following every
   * `@odata.nextLink`.
   * @throws ResyncRequired when the token expired (410 Gone).
   */
  async delta(
    listId: string,
    deltaLink?: string,
  ): Promise<{ items: GraphItem[]; deltaLink: string }> {
    const site = await this.siteId();
    let next: string | undefined =
      deltaLink ?? `/sites/${site}/lists/${listId}/items/delta?$expand=fields`;
    const items: GraphItem[] = [];
    for (;;) {
      let page: { value?: GraphItem[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };
      try {
        page = (await this.client.api(next).get()) as typeof page;
      } catch (error) {
        if (statusOf(error) === 410) throw new ResyncRequired(listId);
        throw toGraphError(error, `reading changes of list ${listId}`);
      }
      items.push(...(page.value ?? []));
      if (page['@odata.nextLink']) next = page['@odata.nextLink'];
      else if (page['@odata.deltaLink']) return { items, deltaLink: page['@odata.deltaLink'] };
      else
        throw new GraphError(500, null, null, `delta of list ${listId} ended without a deltaLink`);
    }
  }

  async itemsUrl(listId: string): Promise<string> {
    return `/sites/${await this.siteId()}/lists/${listId}/items`;
  }

  /**
   * Runs requests through `$batch`, at most 20 at a time, retrying the inner answers that were
   * throttled or timed out (429/503/504) after their Retry-After, since the pipeline's RetryHandler sees only the
   * batch's own 200.
   * @returns every request's final answer, by request id.
   */
  async batch(requests: BatchRequest[], maxAttempts = 8): Promise<Map<string, BatchResponse>> {
    const done = new Map<string, BatchResponse>();
    for (let i = 0; i < requests.length; i += BATCH_LIMIT) {
      let pending = requests.slice(i, i + BATCH_LIMIT);
      for (let attempt = 1; pending.length > 0; attempt += 1) {
        let body: { responses?: BatchResponse[] };
        try {
          body = (await this.client.api('/$batch').post({
            requests: pending.map((r) => ({
              id: r.id,
              method: r.method,
              url: r.url,
              ...(r.body === undefined ? {} : { body: r.body }),
              headers: { 'Content-Type': 'application/json', ...(r.headers ?? {}) },
            })),
          })) as typeof body;
        } catch (error) {
          throw toGraphError(error, 'sending a $batch');
        }
        const throttled: BatchRequest[] = [];
        let wait = 0;
        for (const r of body.responses ?? []) {
          const request = pending.find((p) => p.id === r.id);
          if (!request) continue;
          // 504: Graph may have applied the write; retrying is safe because creates are unique
          // on Key (a repeat answers 409) and updates write the same values again.
          if ([429, 503, 504].includes(r.status) && attempt < maxAttempts) {
            throttled.push(request);
            wait = Math.max(wait, retryAfterMs(r.headers, attempt, this.retryDelayMs));
          } else {
            done.set(r.id, r);
          }
        }
        // A request the batch did not answer at all is sent again too.
        for (const p of pending) {
          if (!done.has(p.id) && !throttled.includes(p)) throttled.push(p);
        }
        pending = attempt < maxAttempts ? throttled : [];
        if (pending.length > 0) await this.sleep(wait);
      }
    }
    return done;
  }
}

/** Milliseconds to wait before retrying a throttled inner request. */
function retryAfterMs(
  headers: Record<string, string> | undefined,
  attempt: number,
  baseMs: number,
): number {
  const value = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
  const seconds = Number(value);
  if (value !== undefined && Number.isFinite(seconds)) return Math.min(seconds, 120) * 1000;
  return Math.min(baseMs * 2 ** (attempt - 1), 30_000) + Math.floor(Math.random() * baseMs * 0.25);
}
