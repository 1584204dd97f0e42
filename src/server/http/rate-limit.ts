/** Too many requests from one identity; `retryAfterSeconds` goes out as `Retry-After`. */
export class RateLimited extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests; try again in ${retryAfterSeconds} s.`);
    this.name = 'RateLimited';
  }
}

export type RateLimitOptions = {
  /** Sustained requests per minute per key. */
  perMinute: number;
  /** Requests a key may make at once before the sustained rate applies. */
  burst: number;
  /** Milliseconds since some epoch; tests pass their own. */
  now?: () => number;
  /** Above this many keys, buckets that have refilled are forgotten. @default 10000 */
  maxKeys?: number;
};

type Bucket = { tokens: number; at: number };

/**
 * A token bucket per key (an identity), in memory: each key holds up to `burst` tokens, refilled
 * at `perMinute` a minute; a request takes one. One process's view only: with several instances
 * each limits on its own, so a person spread over N instances gets up to N times the rate (App
 * Service's session affinity, on by default, keeps a person's tab on one instance).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(private readonly options: RateLimitOptions) {
    this.perMs = options.perMinute / 60_000;
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  /**
   * Takes a token for `key`.
   * @throws RateLimited with the seconds until a token is free.
   */
  take(key: string): void {
    const now = this.now();
    const bucket = this.refilled(this.buckets.get(key), now);
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      throw new RateLimited(Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)));
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.forgetFull(now);
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.options.burst, at: now };
    const tokens = Math.min(this.options.burst, bucket.tokens + (now - bucket.at) * this.perMs);
    return { tokens, at: now };
  }

  /** Drops buckets that are full again: forgetting them changes nothing. */
  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (this.refilled(bucket, now).tokens >= this.options.burst) this.buckets.delete(key);
    }
  }
}
