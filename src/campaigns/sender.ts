import type { Activity } from 'botbuilder';
import type { RecipientStatus } from '../domain';
import type { Clock } from '../services/clock';
import { ConversationLimiter } from './conversation-limits';
import type { QueuedMessage, SendQueue } from './send-queue';
import type { MessageTransport, SendOutcome } from './transport';

/** How the sender paces itself. */
export type SenderOptions = {
  /** Messages a second across all conversations, under Teams' ~50 per app per tenant. */
  ratePerSecond: number;
  /** Sends in flight at once: also the most messages a kill can leave unsure (sent twice). */
  concurrency: number;
  /** Tries of one message on faults (5xx, no answer) before it is `failed`. @default 5 */
  maxAttempts?: number;
  /** Pause after a 429 without Retry-After, ms. @default 1000 */
  throttleBackoffMs?: number;
  /** Random number in [0, 1), for jitter. */
  random?: () => number;
};

/** Finds the conversation of someone the bot cannot reach yet (installs the app for them). */
export type Reacher = (
  message: QueuedMessage,
) => Promise<
  | { ok: true; reference: unknown; conversationId: string }
  | { ok: false; state: RecipientStatus; detail: string; retryAfterMs?: number }
>;

export type SenderHooks = {
  /** The activity to send for a message, built when it is sent (so "today" is today). */
  compose(message: QueuedMessage): Promise<Partial<Activity>>;
  /** Installs the app for a person without a conversation; without it they are `not_installed`. */
  reach?: Reacher;
  /** Called once for each campaign whose messages are all settled. */
  onCampaignSettled?(campaignId: string): Promise<void>;
  /** A message could not be handled at all (a bug or the queue's disk): logged by the caller. */
  onError?(error: unknown): void;
};

/** Sends a late timer may catch up at once. */
const BURST = 2;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Works the send queue: paces sends evenly at `ratePerSecond` (never a burst above it, so any one
 * second stays under the tenant limit), keeps each conversation under Teams' per-conversation
 * limits, at most `concurrency` sends in flight. A 429 pauses everything for Retry-After with
 * jitter and queues the message again; 403 marks it blocked, 404 gone, other 4xx failed; faults
 * (5xx, no answer) are retried with exponential backoff and jitter, `maxAttempts` times.
 */
export class CampaignSender {
  private readonly limiter = new ConversationLimiter();
  private readonly interval: number;
  private readonly maxAttempts: number;
  private readonly random: () => number;
  private inFlight = 0;
  private nextSlotAt = 0;
  private pausedUntil = 0;
  private running = false;
  private loop: Promise<void> | undefined;
  /** Settles once the last `stop` has: a start waits for it. */
  private stopping: Promise<void> = Promise.resolve();
  private wake: (() => void) | undefined;
  private readonly sends = new Set<Promise<void>>();
  /** Sends Teams acknowledged since start, for benchmarks. */
  sent = 0;
  /** Messages put back to the queue at start because a stop left them in flight. */
  recovered = 0;

  constructor(
    private readonly queue: SendQueue,
    private readonly transport: MessageTransport,
    private readonly hooks: SenderHooks,
    private readonly options: SenderOptions,
    private readonly clock: Clock,
  ) {
    this.interval = 1000 / options.ratePerSecond;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.random = options.random ?? Math.random;
  }

  /**
   * Queues again what a stop left in flight (this process's, or another instance's whose lease
   * lapsed), then works the queue until `stop`. A sender may be started again after a stop.
   */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.stopping
      .then(() => this.recoverThenRun())
      .catch((error: unknown) => this.hooks.onError?.(error));
  }

  private async recoverThenRun(): Promise<void> {
    while (this.running) {
      try {
        this.recovered = await this.queue.recoverInFlight(this.clock.now());
        break;
      } catch (error) {
        this.hooks.onError?.(error);
        await this.idle(1000);
      }
    }
    await this.run();
  }

  /** New messages were queued: look now rather than at the next timer. */
  notify(): void {
    this.wake?.();
  }

  /** Stops taking messages and waits for the sends in flight to settle. */
  async stop(): Promise<void> {
    this.running = false;
    this.notify();
    const stopped = (async () => {
      await this.loop;
      await Promise.allSettled([...this.sends]);
    })();
    this.stopping = stopped;
    await stopped;
  }

  private async run(): Promise<void> {
    let lastSettledCheck = 0;
    while (this.running) {
      const now = Date.now();
      // Every half second, and soon after the last send of a burst settled.
      if (now - lastSettledCheck >= 500 || (this.inFlight === 0 && now - lastSettledCheck >= 50)) {
        lastSettledCheck = now;
        await this.settleCampaigns();
      }
      if (now < this.pausedUntil) {
        await this.idle(this.pausedUntil - now);
        continue;
      }
      // Slots missed by a late timer may be caught up, at most BURST of them: any one second
      // then holds at most ratePerSecond + BURST sends.
      if (this.nextSlotAt < now - BURST * this.interval)
        this.nextSlotAt = now - BURST * this.interval;
      const due = Math.floor((now - this.nextSlotAt) / this.interval);
      const free = this.options.concurrency - this.inFlight;
      const want = Math.min(due, free);
      if (want <= 0) {
        await this.idle(free <= 0 ? 50 : Math.max(1, this.nextSlotAt + this.interval - now));
        continue;
      }
      let batch: QueuedMessage[];
      try {
        batch = await this.queue.claim(want, now, this.limiter.gate);
      } catch (error) {
        // The queue's storage failed (a disk, or Azure unreachable): try again shortly.
        this.hooks.onError?.(error);
        await this.idle(1000);
        continue;
      }
      if (batch.length === 0) {
        const next = await this.queue.nextDueAt();
        await this.idle(next === undefined ? 1000 : Math.min(1000, Math.max(5, next - now)));
        continue;
      }
      for (const message of batch) {
        this.nextSlotAt += this.interval;
        this.inFlight += 1;
        const send = this.deliver(message)
          .catch((error: unknown) => this.hooks.onError?.(error))
          .finally(() => {
            this.inFlight -= 1;
            this.sends.delete(send);
            this.notify();
          });
        this.sends.add(send);
      }
    }
  }

  /** Sleeps `ms`, or less if notified. */
  private async idle(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      // Unref'd: an idle sender alone never keeps the process alive.
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
    this.wake = undefined;
  }

  private async settleCampaigns(): Promise<void> {
    let finished: string[];
    try {
      finished = await this.queue.finishedCampaigns();
    } catch (error) {
      this.hooks.onError?.(error);
      return;
    }
    for (const id of finished) {
      try {
        await this.hooks.onCampaignSettled?.(id);
      } catch (error) {
        this.hooks.onError?.(error);
        await sleep(1000);
      }
    }
  }

  private async deliver(message: QueuedMessage): Promise<void> {
    let target = message;
    if (target.reference === undefined) {
      if (!this.hooks.reach) {
        await this.queue.settle(
          target,
          'not_installed',
          'reap is not installed for this person in Teams',
          this.clock.now(),
        );
        return;
      }
      const reached = await this.hooks.reach(target);
      if (!reached.ok) {
        if (reached.retryAfterMs !== undefined) {
          await this.queue.requeue(
            target,
            Date.now() + reached.retryAfterMs,
            reached.detail,
            this.clock.now(),
          );
        } else {
          await this.queue.settle(target, reached.state, reached.detail, this.clock.now());
        }
        return;
      }
      await this.queue.setReference(target, reached.reference, reached.conversationId);
      target = { ...target, reference: reached.reference, conversationId: reached.conversationId };
    }
    const activity = await this.hooks.compose(target);
    const outcome = await this.transport.send(target.reference, activity);
    await this.record(target, outcome);
  }

  private async record(message: QueuedMessage, outcome: SendOutcome): Promise<void> {
    const now = this.clock.now();
    if (outcome.ok) {
      await this.queue.markSent(message, outcome.activityId, now);
      this.sent += 1;
      return;
    }
    const { status, detail } = outcome;
    const jitter = 0.5 + this.random();
    if (status === 429) {
      const wait = (outcome.retryAfterMs ?? this.options.throttleBackoffMs ?? 1000) * jitter;
      this.pausedUntil = Math.max(this.pausedUntil, Date.now() + wait);
      await this.queue.requeue(message, Date.now() + wait, `throttled (429): ${detail}`, now);
      return;
    }
    if (status === 403) {
      await this.queue.settle(
        message,
        'blocked',
        `blocked the bot or the app is disabled (${detail})`,
        now,
      );
      return;
    }
    if (status === 404) {
      await this.queue.settle(
        message,
        'gone',
        `no longer in the directory or the chat is gone (${detail})`,
        now,
      );
      return;
    }
    if (status >= 400 && status < 500) {
      await this.queue.settle(message, 'failed', detail, now);
      return;
    }
    if (message.attempts >= this.maxAttempts) {
      await this.queue.settle(
        message,
        'failed',
        `gave up after ${message.attempts} tries: ${detail}`,
        now,
      );
      return;
    }
    const backoff = Math.min(60_000, 1000 * 2 ** (message.attempts - 1)) * jitter;
    await this.queue.requeue(message, Date.now() + backoff, `fault, tried again: ${detail}`, now);
  }
}
