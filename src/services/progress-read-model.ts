import type { WriteTrackedStore } from '../store/write-tracking-store';
import type {
  CitywideProgress,
  DepartmentDetail,
  ProgressService,
  ProgressSnapshot,
  ProgressTrend,
} from './progress-service';
import { ReadModelCache, type ReadModelCacheOptions } from './read-model-cache';

export type ProgressReadModelOptions = Pick<
  ReadModelCacheOptions,
  'changeToken' | 'freshMs' | 'maxStaleMs' | 'onError' | 'now'
>;

/**
 * The progress views, served from memory. Computing the citywide view reads every list (about
 * 6,500 people and 20,000 completions for a city) and runs every rule: far too slow to do per
 * request with 20 viewers, and on SharePoint a read per list each time. Every view (citywide,
 * trend, a department's detail, a lead's open items) comes from one snapshot, computed once and
 * kept until the data changes:
 * - a write through this server (API, bot, campaign) bumps the tracked store's version, and the
 *   next read waits for a recompute, so a person sees their own change at once;
 * - a write by another process (a CLI import, another instance) shows on the next read where the
 *   store has a change probe (SQLite), else within a few seconds (`maxStaleMs`);
 * - the day is part of the version, since waves fall due and quarters turn at midnight;
 * - concurrent reads during a recompute share it.
 */
export class ProgressReadModel {
  private readonly cache: ReadModelCache<ProgressSnapshot>;

  constructor(
    private readonly progress: ProgressService,
    store: WriteTrackedStore,
    options: ProgressReadModelOptions = {},
  ) {
    this.cache = new ReadModelCache(() => this.progress.snapshot(), {
      version: () => `${store.writeVersion}|${this.progress.today()}`,
      ...options,
    });
  }

  /** The snapshot every view is read from. */
  snapshot(): Promise<ProgressSnapshot> {
    return this.cache.get();
  }

  async citywide(): Promise<CitywideProgress> {
    return (await this.snapshot()).citywide;
  }

  async trend(): Promise<ProgressTrend> {
    return (await this.snapshot()).trend;
  }

  /** One department's detail (with names when `withPeople`); undefined when there is no such. */
  async department(
    departmentId: string,
    withPeople: boolean,
  ): Promise<DepartmentDetail | undefined> {
    return (await this.snapshot()).department(departmentId, withPeople);
  }

  /** Snapshots computed so far (tests check the sharing). */
  get computations(): number {
    return this.cache.computations;
  }
}
