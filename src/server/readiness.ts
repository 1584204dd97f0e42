import { GraphError } from '../store/sharepoint/graph-error';

/** One dependency readiness looks at; `undefined` when this configuration does not use it. */
export type ReadinessCheck = {
  name: 'store' | 'graph';
  /** What is checked, for the answer: `sqlite`, `sharepoint`, the Graph endpoint. */
  target: string;
  check: () => Promise<void>;
};

export type CheckResult =
  | { status: 'ok'; target: string; ms: number }
  | { status: 'failed'; target: string; ms: number; problem: string }
  | { status: 'not used' };

export type Readiness = {
  ready: boolean;
  checks: Record<ReadinessCheck['name'], CheckResult>;
};

/** A check that has not answered by then counts as failed; App Service's probe waits less. */
export const READINESS_TIMEOUT_MS = 5000;

/** What an operator needs from a failure: Graph's status and code, or the error's message. */
function problemOf(error: unknown): string {
  // Graph's message already names what was asked and its status; the request id is for support.
  if (error instanceof GraphError && error.requestId) {
    return `${error.message} (Graph request-id ${error.requestId})`;
  }
  return error instanceof Error ? error.message : String(error);
}

async function run(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check.check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${timeoutMs / 1000} s`)),
          timeoutMs,
        );
      }),
    ]);
    return { status: 'ok', target: check.target, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      status: 'failed',
      target: check.target,
      ms: Math.round(performance.now() - started),
      problem: problemOf(error),
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /readyz`: the store answers, and Graph does when reap uses it; checked at once, each
 * within the timeout. Ready only when every check used is ok.
 */
export async function checkReadiness(
  store: ReadinessCheck,
  graph: ReadinessCheck | undefined,
  timeoutMs = READINESS_TIMEOUT_MS,
): Promise<Readiness> {
  const [storeResult, graphResult] = await Promise.all([
    run(store, timeoutMs),
    graph ? run(graph, timeoutMs) : Promise.resolve<CheckResult>({ status: 'not used' }),
  ]);
  return {
    ready: storeResult.status === 'ok' && graphResult.status !== 'failed',
    checks: { store: storeResult, graph: graphResult },
  };
}
