/** Header naming the person chosen in the local identity picker; the server honours it only in local mode. */
export const LOCAL_PERSON_HEADER = 'X-Reap-Local-Person';

/** What went wrong with an API call, and what the person can do about it. */
export class ApiError extends Error {
  constructor(
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    /** The server's error code (`unauthenticated`, `forbidden`, …) when it sent one. */
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Supplies the identity headers for each request: a Teams SSO token, or the local person. */
export type CredentialSource = () => Promise<Record<string, string>>;

/** Reads reap's JSON API with the caller's identity on every request. */
export class ApiClient {
  constructor(
    private readonly credentials: CredentialSource,
    private readonly baseUrl = '',
  ) {}

  /**
   * GETs a JSON resource.
   * @throws ApiError with the status and the server's message, or status 0 when unreachable.
   */
  async get<T>(path: string, init?: { signal?: AbortSignal }): Promise<T> {
    const headers = { Accept: 'application/json', ...(await this.credentials()) };
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, { headers, signal: init?.signal });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, undefined, 'The reap server could not be reached.');
    }
    if (response.ok) return (await response.json()) as T;
    let body: { error?: unknown; message?: unknown } = {};
    try {
      body = (await response.json()) as typeof body;
    } catch {
      // Not JSON (a proxy's error page, say): fall back to the status text below.
    }
    throw new ApiError(
      response.status,
      typeof body.error === 'string' ? body.error : undefined,
      typeof body.message === 'string' ? body.message : `${response.status} ${response.statusText}`,
    );
  }
}

/** Identity headers for a Teams SSO token. */
export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

/** Identity headers for the person chosen in the local identity picker, if any. */
export function localPerson(personId: string | undefined): Record<string, string> {
  return personId ? { [LOCAL_PERSON_HEADER]: personId } : {};
}
