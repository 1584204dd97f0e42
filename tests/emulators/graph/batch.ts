import { fail, graphError, type EmulatedRequest, type EmulatedResponse } from './graph-response';

/** Graph accepts at most 20 requests in one JSON batch. */
export const BATCH_LIMIT = 20;

/** One request of a `POST /$batch` body. */
export type BatchRequestItem = {
  id: string;
  method: string;
  /** Relative to the version root: `/sites/…` or `sites/…`. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
};

/** One answer of a `$batch` response. */
export type BatchResponseItem = {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
};

const WRITES: readonly string[] = ['POST', 'PATCH', 'PUT'];

/** Checks a `$batch` body the way Graph does, refusing the whole batch (400) when it is malformed. */
export function parseBatch(body: unknown): BatchRequestItem[] {
  const requests = (body as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests)) fail(400, 'BadRequest', 'Invalid batch payload format.');
  if (requests.length > BATCH_LIMIT) {
    fail(
      400,
      'BadRequest',
      `Number of batch requests exceeds the limit of ${BATCH_LIMIT}: ${requests.length} requests were sent.`,
    );
  }
  const ids = new Set<string>();
  const items = requests.map((raw: unknown): BatchRequestItem => {
    const r = (raw ?? {}) as Record<string, unknown>;
    if (typeof r.id !== 'string' || !r.id)
      fail(400, 'BadRequest', 'Every batch request needs an id.');
    if (ids.has(r.id))
      fail(400, 'BadRequest', `Batch request id '${r.id}' is used more than once.`);
    ids.add(r.id);
    if (typeof r.method !== 'string' || typeof r.url !== 'string') {
      fail(400, 'BadRequest', `Batch request id : ${r.id} needs a method and a url.`);
    }
    const headers = (r.headers ?? {}) as Record<string, string>;
    const method = r.method.toUpperCase();
    const hasContentType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
    if (WRITES.includes(method) && (r.body === undefined || !hasContentType)) {
      fail(
        400,
        'BadRequest',
        `Write request id : ${r.id} does not contain Content-Type header or body.`,
      );
    }
    const dependsOn = Array.isArray(r.dependsOn) ? r.dependsOn.map(String) : undefined;
    return { id: r.id, method, url: r.url, headers, body: r.body, dependsOn };
  });
  for (const item of items) {
    for (const d of item.dependsOn ?? []) {
      if (!ids.has(d) || d === item.id) {
        fail(400, 'BadRequest', `Batch request id : ${item.id} depends on unknown request '${d}'.`);
      }
    }
  }
  return items;
}

/** The inner request as the emulator handles it, or a 400 answer for a URL Graph would refuse. */
export function innerRequest(
  item: BatchRequestItem,
  outerHeaders: Record<string, string>,
): EmulatedRequest | EmulatedResponse {
  if (/^[a-z]+:\/\//i.test(item.url)) {
    return graphError(
      400,
      'BadRequest',
      'Batch request URLs must be relative to the version root.',
    );
  }
  const url = new URL(`https://batch.invalid/${item.url.replace(/^\/+/, '')}`);
  if (url.pathname === '/$batch')
    return graphError(400, 'BadRequest', 'A $batch cannot be nested.');
  const headers: Record<string, string> = {};
  // The batch's own credentials apply to every request in it.
  if (outerHeaders.authorization) headers.authorization = outerHeaders.authorization;
  for (const [k, v] of Object.entries(item.headers ?? {})) headers[k.toLowerCase()] = String(v);
  return {
    method: item.method,
    path: decodeURIComponent(url.pathname),
    query: url.searchParams,
    headers,
    body: item.body,
    batched: true,
  };
}

/**
 * Runs the requests of a batch one after another (a request after the ones it depends on) and
 * answers 424 Failed Dependency where a dependency did not succeed.
 */
export async function runBatch(
  items: BatchRequestItem[],
  outerHeaders: Record<string, string>,
  dispatch: (request: EmulatedRequest) => Promise<EmulatedResponse>,
): Promise<BatchResponseItem[]> {
  const done = new Map<string, BatchResponseItem>();
  const byId = new Map(items.map((i) => [i.id, i]));
  const run = async (item: BatchRequestItem, path: string[]): Promise<BatchResponseItem> => {
    const seen = done.get(item.id);
    if (seen) return seen;
    if (path.includes(item.id))
      fail(400, 'BadRequest', 'Batch requests depend on each other in a cycle.');
    let failedDependency = false;
    for (const d of item.dependsOn ?? []) {
      const dependency = byId.get(d);
      if (!dependency) continue;
      const answer = await run(dependency, [...path, item.id]);
      if (answer.status < 200 || answer.status > 299) failedDependency = true;
    }
    let response: EmulatedResponse;
    if (failedDependency) {
      response = graphError(424, 'FailedDependency', 'A request this one depends on failed.');
    } else {
      const inner = innerRequest(item, outerHeaders);
      response = 'status' in inner ? inner : await dispatch(inner);
    }
    const answer: BatchResponseItem = {
      id: item.id,
      status: response.status,
      headers: {
        ...(response.body !== undefined
          ? {
              'Content-Type':
                'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
            }
          : {}),
        ...(response.headers ?? {}),
      },
      ...(response.body !== undefined ? { body: response.body } : {}),
    };
    done.set(item.id, answer);
    return answer;
  };
  for (const item of items) await run(item, []);
  return items.map((i) => done.get(i.id)).filter((r): r is BatchResponseItem => r !== undefined);
}
