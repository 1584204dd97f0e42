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

  /** Queues again what a stop left in flight, then works the queue until `stop`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.recovered = this.queue.recoverInFlight(this.clock.now());
    this.loop = this.run().catch((error: unknown) => this.hooks.onError?.(error));
  }

  /** New messages were queued: look now rather than at the next timer. */
  notify(): void {
    this.wake?.();
  }

  /** Stops taking messages and waits for the sends in flight to settle. */
  async stop(): Promise<void> {
    this.running = false;
    this.notify();
    await this.loop;
    await Promise.allSettled([...this.sends]);
  }

  private async run(): Promise<void> {
    let lastSettledCheck = 0;
    while (this.running) {
      const now = Date.now();
      if (now - lastSettledCheck >= 500 || this.inFlight === 0) {
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
      const batch = this.queue.claim(want, now, this.limiter.gate);
      if (batch.length === 0) {
        const next = this.queue.nextDueAt();
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
    for (const id of this.queue.finishedCampaigns()) {
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
        this.queue.settle(
          target.seq,
          'not_installed',
          'reap is not installed for this person in Teams',
          this.clock.now(),
        );
        return;
      }
      const reached = await this.hooks.reach(target);
      if (!reached.ok) {
        if (reached.retryAfterMs !== undefined) {
          this.queue.requeue(
            target.seq,
            Date.now() + reached.retryAfterMs,
            reached.detail,
            this.clock.now(),
          );
        } else {
          this.queue.settle(target.seq, reached.state, reached.detail, this.clock.now());
        }
        return;
      }
      this.queue.setReference(target.seq, reached.reference, reached.conversationId);
      target = { ...target, reference: reached.reference, conversationId: reached.conversationId };
    }
    const activity = await this.hooks.compose(target);
    const outcome = await this.transport.send(target.reference, activity);
    this.record(target, outcome);
  }

  private record(message: QueuedMessage, outcome: SendOutcome): void {
    const now = this.clock.now();
    if (outcome.ok) {
      this.queue.markSent(message.seq, outcome.activityId, now);
      this.sent += 1;
      return;
    }
    const { status, detail } = outcome;
    const jitter = 0.5 + this.random();
    if (status === 429) {
      const wait = (outcome.retryAfterMs ?? this.options.throttleBackoffMs ?? 1000) * jitter;
      this.pausedUntil = Math.max(this.pausedUntil, Date.now() + wait);
      this.queue.requeue(message.seq, Date.now() + wait, `throttled (429): ${detail}`, now);
      return;
    }
    if (status === 403) {
      this.queue.settle(
        message.seq,
        'blocked',
        `blocked the bot or the app is disabled (${detail})`,
        now,
      );
      return;
    }
    if (status === 404) {
      this.queue.settle(
        message.seq,
        'gone',
        `no longer in the directory or the chat is gone (${detail})`,
        now,
      );
      return;
    }
    if (status >= 400 && status < 500) {
      this.queue.settle(message.seq, 'failed', detail, now);
      return;
    }
    if (message.attempts >= this.maxAttempts) {
      this.queue.settle(
        message.seq,
        'failed',
        `gave up after ${message.attempts} tries: ${detail}`,
        now,
      );
      return;
    }
    const backoff = Math.min(60_000, 1000 * 2 ** (message.attempts - 1)) * jitter;
    this.queue.requeue(message.seq, Date.now() + backoff, `fault, tried again: ${detail}`, now);
  }
}
