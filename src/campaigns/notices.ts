import type { Activity } from 'botbuilder';
import type { Person, RecipientStatus } from '../domain';
import type { Clock } from '../services/clock';
import type { PlanStore } from '../store/plan-store';
import { conversationIdOf } from './campaign-service';
import type { ConversationStore } from './conversation-store';
import type { SendQueue } from './send-queue';
import { log } from '../observability/log';

/** One card for one person, e.g. the officer's review card or a lead's outcome. */
export type Notice = {
  /** Names the notice: the same key is queued once, whoever asks again (Teams retrying). */
  key: string;
  personId: string;
  activity: Partial<Activity>;
};

/**
 * Tells people things in their chat with the bot, through the durable send queue (paced, retried,
 * blocked and uninstalled people marked), once per key.
 */
export interface Notices {
  /**
   * Queues `notice` (durably, before resolving). @returns false when its key was queued before,
   * and nothing more is sent.
   */
  send(notice: Notice): Promise<boolean>;
  /** The Equity Officers the bot can address: the configured officer object ids on the roster. */
  officers(): Promise<Person[]>;
  /**
   * Where a notice stands, or undefined when its key was never queued. On the local queue, exact;
   * on the shared one, what this instance last read (each call reads it again in the background),
   * so a notice queued by another instance shows a moment later.
   */
  state(key: string): RecipientStatus | undefined;
  /**
   * True when a notice to `personId` can be delivered: the bot has their chat, or can install
   * itself for them. A notice that may wait (a quarterly reminder) waits until then rather than
   * being settled as not installed.
   */
  reachable(personId: string): Promise<boolean>;
}

const NOT_INSTALLED =
  'reap is not installed for this person in Teams (they have never opened the bot)';

/** What the shared queue last said of a notice's state, and when it was asked. */
type Seen = { state: RecipientStatus | undefined; at: number };

/** `Notices` on the send queue. */
export class QueuedNotices implements Notices {
  private readonly seen = new Map<string, Seen>();
  private readonly asking = new Set<string>();

  constructor(
    private readonly store: PlanStore,
    private readonly conversations: ConversationStore,
    private readonly queue: SendQueue,
    private readonly clock: Clock,
    private readonly officerObjectIds: readonly string[],
    private readonly wake: () => void,
    /** True when the sender can install the app for someone without a conversation. */
    private readonly canReach: boolean,
  ) {}

  async send(notice: Notice): Promise<boolean> {
    const conversation = await this.conversations.get(notice.personId);
    const reference = conversation?.reference;
    const added = await this.queue.addNotice(
      notice.key,
      {
        personId: notice.personId,
        reference,
        conversationId: conversationIdOf(reference),
        ...(reference === undefined && !this.canReach
          ? { settled: { state: 'not_installed' as const, detail: NOT_INSTALLED } }
          : {}),
      },
      notice.activity,
      this.clock.now(),
    );
    if (added) {
      this.seen.set(notice.key, {
        state: reference === undefined && !this.canReach ? 'not_installed' : 'queued',
        at: Date.now(),
      });
      this.wake();
    }
    return added;
  }

  async officers(): Promise<Person[]> {
    const found = await Promise.all(
      this.officerObjectIds.map((oid) => this.store.findPersonByAadObjectId(oid)),
    );
    return found.filter((p): p is Person => p !== undefined);
  }

  state(key: string): RecipientStatus | undefined {
    if (this.queue.noticeStateNow) return this.queue.noticeStateNow(key);
    const seen = this.seen.get(key);
    if (!this.asking.has(key) && (!seen || Date.now() - seen.at >= 250)) {
      this.asking.add(key);
      this.queue
        .noticeState(key)
        .then((state) => {
          if (this.seen.size > 10_000) this.seen.clear();
          this.seen.set(key, { state, at: Date.now() });
        })
        .catch((error: unknown) => log.error({ err: error }, 'reading a notice state failed'))
        .finally(() => this.asking.delete(key));
    }
    return seen?.state;
  }

  async reachable(personId: string): Promise<boolean> {
    return this.canReach || (await this.conversations.get(personId)) !== undefined;
  }
}
