/** What an instance does when it becomes the leader, and when it stops being one; never rejects. */
export type LeadershipHandlers = {
  /** This instance now sends campaigns and runs the scheduled jobs. */
  lead(): Promise<void>;
  /** It no longer may: stop sending (waiting for the sends in flight) and the jobs. */
  follow(): Promise<void>;
};

/**
 * Which instance sends and runs the scheduled jobs: one at a time. Teams' ~50 messages a second
 * is per app per tenant, so one sender at a time is the right shape; every instance may queue.
 */
export interface Leadership {
  /** Whether this instance leads now. */
  readonly leading: boolean;
  /** A line for logs: who this instance is and how it leads. */
  readonly describe: string;
  /** Starts competing (or, alone, leading at once). */
  start(handlers: LeadershipHandlers): void;
  /** Stops leading (calling `follow` if it led) and gives the leadership up for another. */
  stop(): Promise<void>;
}

/** One instance, without shared storage: it always leads (today's single process). */
export class SoleInstance implements Leadership {
  leading = false;
  readonly describe = 'the only instance';
  private handlers: LeadershipHandlers | undefined;

  start(handlers: LeadershipHandlers): void {
    this.handlers = handlers;
    this.leading = true;
    void handlers.lead();
  }

  async stop(): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    await this.handlers?.follow();
  }
}
