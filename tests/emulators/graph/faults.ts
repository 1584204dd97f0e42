import type { RouteKind } from './resource-units';
import { random } from '../../../src/services/demo/seeded-random';

/**
 * Faults the emulator injects, at a rate or for the next requests. A 429 or 503 is answered before
 * the request is processed, as Graph does: nothing was read or written. Only `timeoutAfterWriteRate`
 * answers after the write was applied, as when Graph's answer is lost on the way back.
 */
export type GraphFaults = {
  /** Share (0–1) of Graph HTTP requests answered 429 Too Many Requests. @default 0 */
  throttleRate: number;
  /** Share (0–1) of Graph HTTP requests answered 503 Service Unavailable. @default 0 */
  unavailableRate: number;
  /**
   * Seconds sent as `Retry-After` with 429 and 503. Graph sends whole seconds; 0 or a fraction keeps
   * tests fast (the Graph client's RetryHandler waits `Number(Retry-After)` seconds). @default 1
   */
  retryAfterSeconds: number;
  /** Milliseconds every Graph HTTP request waits before it is answered. @default 0 */
  latencyMs: number;
  /** Share (0–1) of requests inside a `$batch` answered 429 while the batch itself answers 200. @default 0 */
  batchItemThrottleRate: number;
  /** Share (0–1) of writes that are applied and then answered 504 Gateway Timeout. @default 0 */
  timeoutAfterWriteRate: number;
};

export const NO_FAULTS: Readonly<GraphFaults> = {
  throttleRate: 0,
  unavailableRate: 0,
  retryAfterSeconds: 1,
  latencyMs: 0,
  batchItemThrottleRate: 0,
  timeoutAfterWriteRate: 0,
};

/** What a fault can be chosen by. */
export type FaultTarget = { method: string; kind: RouteKind; path: string; batched: boolean };

/** A fault for the next matching requests (`failNext`). */
export type PlannedFault = {
  /** 429 and 503 answer before processing; 504 answers after a write was applied. */
  status: 429 | 503 | 504;
  /** `Retry-After` seconds for 429/503. @default faults.retryAfterSeconds */
  retryAfterSeconds?: number;
  /** Which requests get it; every Graph request (batched ones included) when left out. */
  match?: (target: FaultTarget) => boolean;
};

/** The decision for one request. */
export type FaultDecision =
  | { status: 429 | 503; retryAfterSeconds: number; when: 'before' }
  | { status: 504; when: 'after' }
  | undefined;

/** mulberry32: a small seeded PRNG, so a fault run can be replayed (the demo city's own). */
export const seededRandom = random;

const WRITES: readonly string[] = ['POST', 'PATCH', 'PUT', 'DELETE'];

/** Decides, request by request, which fault (if any) applies. */
export class FaultInjector {
  readonly faults: GraphFaults = { ...NO_FAULTS };
  private planned: Array<PlannedFault & { left: number }> = [];
  private random: () => number;

  constructor(
    private readonly seed: number,
    private readonly initial: Partial<GraphFaults> = {},
  ) {
    this.random = seededRandom(seed);
    Object.assign(this.faults, initial);
  }

  failNext(count: number, fault: PlannedFault): void {
    if (count > 0) this.planned.push({ ...fault, left: count });
  }

  /** Back to the faults given at start, nothing planned, the PRNG rewound. */
  reset(): void {
    Object.assign(this.faults, NO_FAULTS, this.initial);
    this.planned = [];
    this.random = seededRandom(this.seed);
  }

  /** A number in [0, 1) from the seeded stream (also used to shuffle batch answers). */
  next(): number {
    return this.random();
  }

  decide(target: FaultTarget): FaultDecision {
    const isWrite = WRITES.includes(target.method) && target.kind !== 'batch';
    const planned = this.planned.find(
      (p) => (!p.match || p.match(target)) && (p.status !== 504 || isWrite),
    );
    if (planned) {
      planned.left -= 1;
      if (planned.left <= 0) this.planned.splice(this.planned.indexOf(planned), 1);
      if (planned.status === 504) return { status: 504, when: 'after' };
      return {
        status: planned.status,
        retryAfterSeconds: planned.retryAfterSeconds ?? this.faults.retryAfterSeconds,
        when: 'before',
      };
    }
    const f = this.faults;
    const retryAfterSeconds = f.retryAfterSeconds;
    if (target.batched) {
      if (f.batchItemThrottleRate > 0 && this.random() < f.batchItemThrottleRate) {
        return { status: 429, retryAfterSeconds, when: 'before' };
      }
    } else if (f.throttleRate > 0 || f.unavailableRate > 0) {
      const r = this.random();
      if (r < f.throttleRate) return { status: 429, retryAfterSeconds, when: 'before' };
      if (r < f.throttleRate + f.unavailableRate) {
        return { status: 503, retryAfterSeconds, when: 'before' };
      }
    }
    if (isWrite && f.timeoutAfterWriteRate > 0 && this.random() < f.timeoutAfterWriteRate) {
      return { status: 504, when: 'after' };
    }
    return undefined;
  }
}
