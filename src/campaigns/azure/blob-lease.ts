import type { BlobLeaseClient, BlockBlobClient } from '@azure/storage-blob';
import { derivedUuid } from '../derived-id';
import type { Leadership, LeadershipHandlers } from '../leadership';
import { statusOf, type AzureStorage } from './azure-storage';

export type BlobLeaseOptions = {
  storage: AzureStorage;
  /** This instance's name (`INSTANCE_ID`): the same name takes its own lease back at once. */
  instanceId: string;
  /** @default 'reap-leases' */
  container?: string;
  /** @default 'scheduled-jobs' */
  blob?: string;
  /** The lease's length: Azure allows 15 to 60 s. @default 60 */
  durationSeconds?: number;
  /** How often the leader renews. @default 20000 */
  renewEveryMs?: number;
  /** How often an instance that does not lead tries to take the lease. @default 5000 */
  retryEveryMs?: number;
  /** Lines for the log (taking and giving up the lead). */
  log?: (line: string) => void;
  onError?: (error: unknown) => void;
};

/** A lease id is a GUID: this instance's, derived from its name. */
export function leaseIdOf(instanceId: string): string {
  return derivedUuid(`reap-lease:${instanceId}`);
}

/**
 * Leadership by a lease on one blob (`reap-leases/scheduled-jobs`): the instance holding it sends
 * campaigns and runs the scheduled jobs. It renews every 20 s a lease of 60 s; an instance that
 * cannot renew (no answer) stops leading before the lease can lapse (after the lease less half
 * a renewal), so two instances never lead at once; when the leader dies its lease lapses and
 * another instance, trying every few seconds, takes over within the lease's length. A clean stop
 * releases the lease, so another takes over at once.
 */
export class BlobLeaseLeadership implements Leadership {
  leading = false;
  readonly describe: string;
  private readonly blob: BlockBlobClient;
  private readonly lease: BlobLeaseClient;
  private readonly durationSeconds: number;
  private readonly renewEveryMs: number;
  private readonly retryEveryMs: number;
  private handlers: LeadershipHandlers | undefined;
  private timer: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private renewedAt = 0;
  private blobReady = false;

  constructor(private readonly options: BlobLeaseOptions) {
    const container = options.storage.blobs.getContainerClient(options.container ?? 'reap-leases');
    this.blob = container.getBlockBlobClient(options.blob ?? 'scheduled-jobs');
    this.lease = this.blob.getBlobLeaseClient(leaseIdOf(options.instanceId));
    this.durationSeconds = options.durationSeconds ?? 60;
    this.renewEveryMs = options.renewEveryMs ?? 20_000;
    this.retryEveryMs = options.retryEveryMs ?? 5_000;
    this.describe = `instance ${options.instanceId} (lease on blob ${container.containerName}/${this.blob.name})`;
  }

  start(handlers: LeadershipHandlers): void {
    this.handlers = handlers;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.watchdog) clearTimeout(this.watchdog);
    await this.running;
    if (!this.leading) return;
    await this.stepDown('stopping');
    try {
      await this.lease.releaseLease();
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = undefined;
      });
    }, ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let next = this.leading ? this.renewEveryMs : this.retryEveryMs;
    const asked = Date.now();
    try {
      // A request that hangs must not outlast the lease.
      const abortSignal = AbortSignal.timeout(Math.min(this.renewEveryMs, 10_000));
      if (this.leading) {
        await this.lease.renewLease({ abortSignal });
        this.renewed(asked);
      } else {
        await this.ensureBlob();
        await this.lease.acquireLease(this.durationSeconds, { abortSignal });
        this.renewed(asked);
        if (this.stopped) return;
        this.leading = true;
        this.options.log?.(
          `reap: ${this.describe} leads: it sends campaigns and runs the scheduled jobs`,
        );
        await this.blob
          .setMetadata(
            {
              holder: this.options.instanceId.replace(/[^\x20-\x7e]/g, '?'),
              since: new Date(asked).toISOString(),
            },
            { conditions: { leaseId: this.lease.leaseId } },
          )
          .catch((error: unknown) => this.options.onError?.(error));
        await this.handlers?.lead();
      }
    } catch (error) {
      const status = statusOf(error);
      if (!this.leading) {
        // 409: another instance holds the lease.
        if (status !== 409) this.options.onError?.(error);
      } else if (status === 409 || status === 412) {
        // The lease lapsed and another instance took it (or it was broken).
        await this.stepDown('its lease was taken');
        next = this.retryEveryMs;
      } else {
        this.options.onError?.(error);
        if (Date.now() - this.renewedAt >= this.safeMs()) {
          await this.stepDown('it could not renew its lease in time');
          next = this.retryEveryMs;
        } else {
          next = Math.min(this.renewEveryMs, 2000);
        }
      }
    }
    if (this.leading) {
      // Renew soon enough that a late timer still renews before stepping down is due.
      next = Math.min(next, Math.max(0, this.renewedAt + this.renewEveryMs - Date.now()));
    }
    this.schedule(next);
  }

  /** How long after a renewal the leader may still act: the lease less half a renewal. */
  private safeMs(): number {
    return this.durationSeconds * 1000 - this.renewEveryMs / 2;
  }

  /** The lease is ours until `asked` + its length: lead no longer than `safeMs` past it. */
  private renewed(asked: number): void {
    this.renewedAt = asked;
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = setTimeout(
      () => {
        if (Date.now() - this.renewedAt >= this.safeMs()) {
          this.stepDown('it could not renew its lease in time').catch((error: unknown) =>
            this.options.onError?.(error),
          );
        }
      },
      Math.max(0, asked + this.safeMs() - Date.now()),
    );
    this.watchdog.unref();
  }

  private async stepDown(why: string): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    this.options.log?.(`reap: ${this.describe} no longer leads: ${why}`);
    await this.handlers?.follow();
  }

  private async ensureBlob(): Promise<void> {
    if (this.blobReady) return;
    const container = this.options.storage.blobs.getContainerClient(
      this.options.container ?? 'reap-leases',
    );
    await container.createIfNotExists();
    try {
      await this.blob.upload('', 0, { conditions: { ifNoneMatch: '*' } });
    } catch (error) {
      // There already (409), or leased by another (412).
      if (![409, 412].includes(statusOf(error))) throw error;
    }
    this.blobReady = true;
  }
}
