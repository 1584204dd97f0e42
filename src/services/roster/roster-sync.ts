import { randomUUID } from 'node:crypto';
import { toIsoDate } from '../../domain';
import type { PlanStore } from '../../store/plan-store';
import type { Clock } from '../clock';
import { readRosterCsv, type RosterFile } from './roster-csv';
import {
  DeltaExpired,
  isPartial,
  type DirectoryRead,
  type DirectoryReadOptions,
  type EntraDirectory,
} from './entra-directory';
import type { RosterMapping } from './roster-mapping';
import { peopleToWrite, planRoster, type RosterEntry, type RosterPlan } from './roster-plan';

/** The store setting that keeps the last directory sync: its delta link and mapping. */
export const ROSTER_SYNC_SETTING = 'roster.entra';

/** What the store keeps of the last applied directory sync. */
export type DirectorySyncState = {
  /** Where the next sync reads the directory's changes from; absent after a read without delta. */
  deltaLink?: string;
  /** The mapping's fingerprint: with another mapping, people skipped before may now be placed. */
  mapping: string;
  syncedAt: string;
};

/** Why a sync read the whole directory rather than its changes. */
export type FullReadReason =
  'first' | 'asked' | 'mapping-changed' | 'manager-depth' | 'delta-expired';

/** A planned directory sync: what was read, what it would change, and the state to keep. */
export type DirectorySyncPlan = {
  plan: RosterPlan;
  read: Pick<DirectoryRead, 'mode' | 'requests' | 'removed'> & { users: number };
  /** Set when the whole directory was read. */
  fullReadReason?: FullReadReason;
  /** Kept in the store when the plan is applied (never by a dry run). */
  state: DirectorySyncState;
};

/** A planned roster-file import, or every bad line of the file. */
export type FileSyncPlan =
  { ok: true; rows: number; plan: RosterPlan } | Extract<RosterFile, { ok: false }>;

export type ApplyOptions = {
  /** People written per store call. @default 100 */
  batchSize?: number;
  /** Called after each batch with the people written so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** The directory state to keep once everything is written (a directory sync). */
  state?: DirectorySyncState;
  /** Where the roster came from, for the audit entry: `entra` or the file's name. */
  source: string;
};

/** Ids listed in a sync's audit entry at most (the counts are always there). */
const AUDIT_IDS_MAX = 200;

/**
 * Keeps the roster true to the directory (or to a roster file): plans first, writes only when
 * asked. People who left are kept with their history, marked inactive; the caller decides whether
 * a plan is applied.
 */
export class RosterSync {
  constructor(
    private readonly store: PlanStore,
    private readonly mapping: RosterMapping,
    private readonly clock: Clock,
  ) {}

  private async lastState(): Promise<DirectorySyncState | undefined> {
    const text = await this.store.getSetting(ROSTER_SYNC_SETTING);
    if (!text) return undefined;
    try {
      return JSON.parse(text) as DirectorySyncState;
    } catch {
      return undefined; // unreadable: read the whole directory, which is always right
    }
  }

  /**
   * Reads Entra ID and plans the sync: the changes since the last applied sync through delta, or
   * the whole directory on the first sync, when asked (`full`), when the mapping changed, when
   * the delta link expired, or when tiers come from the manager chain.
   */
  async planFromDirectory(
    directory: EntraDirectory,
    options: { full?: boolean; onRead?: (users: number) => void } = {},
  ): Promise<DirectorySyncPlan> {
    const [people, last] = await Promise.all([this.store.listPeople(), this.lastState()]);
    const read: DirectoryReadOptions = {
      ...(this.mapping.employeeNumber ? { employeeNumber: this.mapping.employeeNumber } : {}),
      ...(options.onRead ? { onPage: options.onRead } : {}),
    };
    let why: FullReadReason | undefined = options.full
      ? 'asked'
      : this.mapping.usesManagerDepth
        ? 'manager-depth'
        : !last?.deltaLink
          ? 'first'
          : last.mapping !== this.mapping.fingerprint
            ? 'mapping-changed'
            : undefined;
    let result: DirectoryRead;
    if (this.mapping.usesManagerDepth) {
      result = await directory.readWithManagers(read);
    } else if (why) {
      result = await directory.readDelta(undefined, read);
    } else {
      try {
        result = await directory.readDelta(last?.deltaLink, read);
      } catch (error) {
        if (!(error instanceof DeltaExpired)) throw error;
        why = 'delta-expired';
        result = await directory.readDelta(undefined, read);
      }
    }

    let entries = result.entries;
    if (result.mode === 'delta') {
      // A change of someone not on the roster carries only what changed: read them whole.
      const onRoster = new Set(people.map((p) => p.aadObjectId.toLowerCase()));
      const whole: RosterEntry[] = [];
      for (const entry of entries) {
        if (entry.objectId && !onRoster.has(entry.objectId) && isPartial(entry, read)) {
          const user = await directory.readUser(entry.objectId, read);
          result.requests += 1;
          if (user) whole.push(user);
        } else whole.push(entry);
      }
      entries = whole;
    }
    const plan = planRoster({
      people,
      entries,
      removed: result.removed,
      ...(result.mode === 'full' ? { complete: 'linked' as const } : {}),
      mapping: this.mapping,
      today: toIsoDate(this.clock.now()),
    });
    return {
      plan,
      read: {
        mode: result.mode,
        requests: result.requests,
        removed: result.removed,
        users: result.entries.length,
      },
      ...(why ? { fullReadReason: why } : {}),
      state: {
        ...(result.deltaLink ? { deltaLink: result.deltaLink } : {}),
        mapping: this.mapping.fingerprint,
        syncedAt: this.clock.now().toISOString(),
      },
    };
  }

  /**
   * Plans the import of a roster file, the whole staff of the city: people missing from it have
   * left. A file with any bad row plans nothing; each bad row is named by line.
   */
  async planFromCsv(text: string): Promise<FileSyncPlan> {
    const file = readRosterCsv(text, this.mapping);
    if (!file.ok) return file;
    const plan = planRoster({
      people: await this.store.listPeople(),
      entries: file.entries,
      complete: 'all',
      mapping: this.mapping,
      today: toIsoDate(this.clock.now()),
    });
    // A row the plan cannot place (an employee number of someone with another account) is an
    // error of the file like any other: nothing is applied.
    if (plan.skipped.length > 0) {
      return {
        ok: false,
        rows: file.rows,
        errors: plan.skipped.map((s) => ({
          line: Number(s.source.replace(/^line /, '')) || 0,
          field: 'employee_number',
          rule: 'matches',
          message: s.reason,
        })),
      };
    }
    return { ok: true, rows: file.rows, plan };
  }

  /**
   * Writes a plan in batches (new, changed, returned and departed people; nobody is deleted),
   * then one audit entry for the sync, then the directory state, so an interrupted sync is read
   * again from the same point next time.
   * @returns the people written.
   */
  async apply(plan: RosterPlan, options: ApplyOptions): Promise<number> {
    const people = peopleToWrite(plan);
    const size = Math.max(1, options.batchSize ?? 100);
    options.onProgress?.(0, people.length);
    for (let i = 0; i < people.length; i += size) {
      await this.store.upsertPeople(people.slice(i, i + size));
      options.onProgress?.(Math.min(i + size, people.length), people.length);
    }
    const ids = (changes: RosterPlan['left']) =>
      changes.slice(0, AUDIT_IDS_MAX).map((c) => c.before.id);
    if (people.length > 0) {
      await this.store.appendAudit({
        id: randomUUID(),
        at: this.clock.now().toISOString(),
        actorId: 'system',
        action: 'roster.sync',
        recordType: 'roster',
        recordId: options.source,
        after: {
          added: plan.added.length,
          changed: plan.changed.length,
          left: plan.left.length,
          returned: plan.returned.length,
          leftIds: ids(plan.left),
          returnedIds: ids(plan.returned),
        },
      });
    }
    if (options.state) {
      await this.store.putSetting(ROSTER_SYNC_SETTING, JSON.stringify(options.state));
    }
    return people.length;
  }
}
