/** When a cached value stops being current, and how to tell. */
export type ReadModelCacheOptions = {
  /**
   * What the value was computed from, as far as this process knows: changes with every write this
   * process makes (and with the day, where the value depends on it). A value computed under another
   * version is never served.
   */
  version(): string;
  /**
   * A cheap probe of writes by any process (SQLite's `PRAGMA data_version`): a different answer
   * means someone wrote since. Asked on every read. Without one, writes by other processes are
   * noticed by time alone (`freshMs`, `maxStaleMs`).
   */
  changeToken?(): string | number;
  /** Without a probe: how long a value is served as it is. @default 2000 */
  freshMs?: number;
  /**
   * Without a probe: up to this age a value past `freshMs` is still served while a recompute runs
   * in the background; older, the read waits for the recompute. So no answer reflects the store as
   * it was more than `maxStaleMs` ago. @default 5000
   */
  maxStaleMs?: number;
  /** A background recompute failed (the value in hand keeps being served until `maxStaleMs`). */
  onError?(error: unknown): void;
  /** Milliseconds now; tests pass their own. */
  now?(): number;
};

type Entry<T> = { value: T; version: string; token?: string | number; startedAt: number };

/**
 * One value computed from the store and served from memory until the data changes: a write by
 * this process (a new `version`) makes the next read wait for a recompute, so everyone reads their
 * own writes at once; a write by another process shows on the next read when the store has a
 * change probe, else within `maxStaleMs`. Reads that arrive while a computation of the current
 * version runs share it: however many viewers, one computation per change.
 */
export class ReadModelCache<T> {
  private entry?: Entry<T>;
  private inflight?: { version: string; promise: Promise<Entry<T>> };
  private readonly freshMs: number;
  private readonly maxStaleMs: number;
  private readonly now: () => number;
  /** Computations started, for tests and diagnostics. */
  computations = 0;

  constructor(
    private readonly compute: () => Promise<T>,
    private readonly options: ReadModelCacheOptions,
  ) {
    this.freshMs = options.freshMs ?? 2000;
    this.maxStaleMs = Math.max(options.maxStaleMs ?? 5000, this.freshMs);
    this.now = options.now ?? Date.now;
  }

  /** The current value: from memory when still current, else computed (once for all waiting). */
  async get(): Promise<T> {
    const version = this.options.version();
    const entry = this.entry;
    if (entry && entry.version === version) {
      if (this.options.changeToken) {
        if (this.options.changeToken() === entry.token) return entry.value;
      } else {
        const age = this.now() - entry.startedAt;
        if (age < this.freshMs) return entry.value;
        if (age < this.maxStaleMs) {
          this.refresh(version).catch((error: unknown) => this.options.onError?.(error));
          return entry.value;
        }
      }
    }
    return (await this.refresh(version)).value;
  }

  /** Forgets the value: the next read computes afresh. */
  invalidate(): void {
    this.entry = undefined;
  }

  /** The computation of `version`: the one running, or a new one. */
  private refresh(version: string): Promise<Entry<T>> {
    const running = this.inflight;
    if (running && running.version === version) return running.promise;
    // Read the probe before the store: a write landing during the computation changes it.
    const token = this.options.changeToken?.();
    const startedAt = this.now();
    this.computations += 1;
    const promise = this.compute()
      .then((value) => {
        const entry: Entry<T> = {
          value,
          version,
          startedAt,
          ...(token === undefined ? {} : { token }),
        };
        // Kept only while its version is current, and never over a newer computation's value.
        const kept = this.entry;
        if (
          version === this.options.version() &&
          (!kept || kept.version !== version || kept.startedAt <= startedAt)
        ) {
          this.entry = entry;
        }
        return entry;
      })
      .finally(() => {
        if (this.inflight?.promise === promise) this.inflight = undefined;
      });
    this.inflight = { version, promise };
    return promise;
  }
}
