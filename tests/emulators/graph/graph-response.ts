/** One Graph request as the emulator handles it, whether it came over HTTP or inside a `$batch`. */
export type EmulatedRequest = {
  method: string;
  /** The path below `/v1.0`, percent-decoded, e.g. `/sites/contoso.sharepoint.com:/sites/reap`. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The parsed JSON body, if any. */
  body: unknown;
  /** Set for requests inside a `$batch`. */
  batched: boolean;
  /** The body's bytes when it is not JSON (a file uploaded to a document library). */
  raw?: Buffer;
};

/** Graph's answer to one request. */
export type EmulatedResponse = {
  status: number;
  headers?: Record<string, string>;
  /** A JSON value; left out for 204. */
  body?: unknown;
};

/** Graph's error body: `{ error: { code, message, innerError } }`. */
export type GraphErrorBody = {
  error: {
    code: string;
    message: string;
    innerError?: Record<string, unknown>;
  };
};

/** An error answer shaped the way Graph sends them. */
export function graphError(
  status: number,
  code: string,
  message: string,
  options: { headers?: Record<string, string>; innerCode?: string } = {},
): EmulatedResponse {
  return {
    status,
    headers: options.headers,
    body: {
      error: {
        code,
        message,
        innerError: {
          ...(options.innerCode ? { code: options.innerCode } : {}),
          date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
        },
      },
    } satisfies GraphErrorBody,
  };
}

/** Thrown inside handlers to answer with a Graph error. */
export class GraphFailure extends Error {
  constructor(readonly response: EmulatedResponse) {
    const body = response.body as GraphErrorBody | undefined;
    super(body?.error.message ?? `Graph answered ${response.status}`);
    this.name = 'GraphFailure';
  }
}

/** Throws a Graph error answer. */
export function fail(
  status: number,
  code: string,
  message: string,
  options?: { headers?: Record<string, string>; innerCode?: string },
): never {
  throw new GraphFailure(graphError(status, code, message, options));
}

/** Graph's timestamps: ISO 8601 in UTC without milliseconds. */
export function graphTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
