/** A Graph call that failed: status, Graph's error code and the request id support asks for. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    readonly requestId: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

/** Graph kept throttling after every retry the pipeline allows. */
export class Throttled extends GraphError {
  constructor(
    readonly retryAfterSeconds: number | undefined,
    requestId: string | null,
    message: string,
  ) {
    super(429, 'tooManyRequests', requestId, message);
    this.name = 'Throttled';
  }
}

type ClientError = {
  statusCode?: number;
  code?: string | null;
  requestId?: string | null;
  message?: string;
  headers?: { get(name: string): string | null };
};

/** Graph's HTTP status of an error thrown by the Graph client, or undefined for other errors. */
export function statusOf(error: unknown): number | undefined {
  const s = (error as ClientError | undefined)?.statusCode;
  return typeof s === 'number' && s > 0 ? s : undefined;
}

/** Turns the Graph client's error into ours, keeping status, code and request id. */
export function toGraphError(error: unknown, what: string): GraphError {
  if (error instanceof GraphError) return error;
  const e = (error ?? {}) as ClientError;
  const status = statusOf(error) ?? 0;
  const message =
    `${what}: Graph answered ${status || 'no status'} ${e.code ?? ''} ${e.message ?? String(error)}`.trim();
  if (status === 429 || status === 503) {
    const retryAfter = Number(e.headers?.get('Retry-After'));
    return new Throttled(
      Number.isFinite(retryAfter) ? retryAfter : undefined,
      e.requestId ?? null,
      message,
    );
  }
  return new GraphError(status, e.code ?? null, e.requestId ?? null, message);
}
