import type { Completion } from '../../domain/types';
import type {
  CampaignsResponse,
  CitywideProgress,
  CsvLineError,
  DepartmentDetail,
  ProgressTrend,
  ToolkitAnalysesResponse,
  ToolkitAnalysis,
  ToolkitStatus,
} from './api-types';
import type { DepartmentsResponse, MyPlan } from './api-types';

/** `POST /api/my/trainings/:trainingId/complete`: the completion, and whether this call made it. */
export type CompleteTrainingResponse = { completion: Completion; created: boolean };

/** A file the API answers with (a `.docx`, `.html` or `.csv`), and the name the server gives it. */
export type ApiFile = { blob: Blob; fileName: string | undefined };

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
    /**
     * Why access was refused (`role`, `not-on-roster`), or which field broke which rule; for a
     * refused CSV import, every bad line.
     */
    readonly details: {
      reason?: string;
      field?: string;
      rule?: string;
      lines?: CsvLineError[];
    } = {},
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
  get<T>(path: string, init?: { signal?: AbortSignal }): Promise<T> {
    return this.request<T>('GET', path, undefined, init?.signal);
  }

  /**
   * POSTs a JSON body (the server refuses fields it does not know) and reads the JSON answer.
   * @throws ApiError with the status, the server's message and, for 400, the field and rule.
   */
  post<T>(path: string, body: unknown, init?: { signal?: AbortSignal }): Promise<T> {
    return this.request<T>('POST', path, body, init?.signal);
  }

  /**
   * GETs a file with the caller's identity (an `<a href>` would carry no token inside Teams).
   * @throws ApiError as `get` does.
   */
  async file(path: string, init?: { signal?: AbortSignal }): Promise<ApiFile> {
    const response = await this.send('GET', path, undefined, init?.signal, '*/*');
    const disposition = response.headers.get('Content-Disposition') ?? '';
    return {
      blob: await response.blob(),
      fileName: /filename="([^"]+)"/.exec(disposition)?.[1],
    };
  }

  // The Equity Officer's progress views: citywide, trend, a department's detail, the review queue.

  /** `GET /api/progress/citywide`: every department's scorecard and the citywide totals. */
  citywideProgress(init?: { signal?: AbortSignal }): Promise<CitywideProgress> {
    return this.get<CitywideProgress>('/api/progress/citywide', init);
  }

  /** `GET /api/progress/trend`: cumulative completion per training and tier, week by week. */
  progressTrend(init?: { signal?: AbortSignal }): Promise<ProgressTrend> {
    return this.get<ProgressTrend>('/api/progress/trend', init);
  }

  /**
   * `GET /api/progress/departments/:departmentId`: one department's scorecard, waves and
   * strategies; names of who has not confirmed only when the caller may see them.
   */
  departmentDetail(
    departmentId: string,
    init?: { signal?: AbortSignal },
  ): Promise<DepartmentDetail> {
    return this.get<DepartmentDetail>(
      `/api/progress/departments/${encodeURIComponent(departmentId)}`,
      init,
    );
  }

  /** `GET /api/toolkit/analyses?status=`: `submitted` is the officer's review queue. */
  toolkitAnalyses(
    status?: ToolkitStatus,
    init?: { signal?: AbortSignal },
  ): Promise<ToolkitAnalysesResponse> {
    const query = status ? `?status=${encodeURIComponent(status)}` : '';
    return this.get<ToolkitAnalysesResponse>(`/api/toolkit/analyses${query}`, init);
  }

  /**
   * `POST /api/toolkit/analyses/:analysisId/review`: accept, or return with a comment, the
   * version the officer read.
   * @throws ApiError 400 naming `comment` (a return without one), 409 when it changed since.
   */
  reviewAnalysis(
    analysisId: string,
    review: { decision: 'accept' | 'return'; comment?: string; version: number },
  ): Promise<{ analysis: ToolkitAnalysis }> {
    return this.post<{ analysis: ToolkitAnalysis }>(
      `/api/toolkit/analyses/${encodeURIComponent(analysisId)}/review`,
      review,
    );
  }

  /** `GET /api/campaigns` (the Equity Officer only): reminder campaigns, newest first. */
  campaigns(init?: { signal?: AbortSignal }): Promise<CampaignsResponse> {
    return this.get<CampaignsResponse>('/api/campaigns', init);
  }

  // The personal and channel tabs: my plan, confirming a training, the departments to pick from.

  /** `GET /api/my/plan`: my trainings and, for a lead or Ambassador, the department's open items. */
  myPlan(init?: { signal?: AbortSignal }): Promise<MyPlan> {
    return this.get<MyPlan>('/api/my/plan', init);
  }

  /**
   * `POST /api/my/trainings/:trainingId/complete`: confirms I completed a training on a day.
   * @throws ApiError 400 naming `completedOn` when the server refuses the date (in the future,
   * before the wave opened), or `trainingId` when the wave has not opened.
   */
  completeTraining(trainingId: string, completedOn: string): Promise<CompleteTrainingResponse> {
    return this.post<CompleteTrainingResponse>(
      `/api/my/trainings/${encodeURIComponent(trainingId)}/complete`,
      { completedOn },
    );
  }

  /** `GET /api/departments`: every department's id and name. */
  departments(init?: { signal?: AbortSignal }): Promise<DepartmentsResponse> {
    return this.get<DepartmentsResponse>('/api/departments', init);
  }

  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    const response = await this.send(method, path, body, signal, 'application/json');
    return (await response.json()) as T;
  }

  /** Sends a request; answers the response when it is a success, else throws its `ApiError`. */
  private async send(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
    accept: string,
  ): Promise<Response> {
    const headers: Record<string, string> = {
      Accept: accept,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(await this.credentials()),
    };
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        signal,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, undefined, 'The reap server could not be reached.');
    }
    if (response.ok) return response;
    let problem: Record<string, unknown> = {};
    try {
      problem = (await response.json()) as typeof problem;
    } catch {
      // Not JSON (a proxy's error page, say): fall back to the status text below.
    }
    const text = (key: string) => (typeof problem[key] === 'string' ? problem[key] : undefined);
    const lines = Array.isArray(problem.errors) ? linesOf(problem.errors) : undefined;
    throw new ApiError(
      response.status,
      text('error'),
      text('message') ?? `${response.status} ${response.statusText}`,
      { reason: text('reason'), field: text('field'), rule: text('rule'), lines },
    );
  }
}

/** The bad lines of a refused import (`errors` of the 400), those that have the expected shape. */
function linesOf(errors: unknown[]): CsvLineError[] {
  return errors.flatMap((e) => {
    if (typeof e !== 'object' || e === null) return [];
    const { line, field, rule, message } = e as Record<string, unknown>;
    return typeof line === 'number' &&
      typeof field === 'string' &&
      typeof rule === 'string' &&
      typeof message === 'string'
      ? [{ line, field, rule, message }]
      : [];
  });
}

/** Identity headers for a Teams SSO token. */
export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

/** Identity headers for the person chosen in the local identity picker, if any. */
export function localPerson(personId: string | undefined): Record<string, string> {
  return personId ? { [LOCAL_PERSON_HEADER]: personId } : {};
}
