import type { CampaignSummary, RecipientStatus } from '../domain';

/** One message of a campaign, as the queue holds it. */
export type QueuedMessage = {
  /** Names the message in its queue; opaque to everyone else. */
  id: string;
  campaignId: string;
  personId: string;
  /** The personal conversation's id; absent for someone the bot cannot reach yet. */
  conversationId?: string;
  /** The conversation reference to send with (botbuilder's `ConversationReference`). */
  reference?: unknown;
  state: RecipientStatus;
  /** Sends tried so far, this one included once claimed. */
  attempts: number;
  detail?: string;
};

/**
 * A recipient when a campaign is queued: with their conversation reference if there is one, and
 * already settled (`not_installed`) when there is none and no way to make one.
 */
export type NewRecipient = {
  personId: string;
  reference?: unknown;
  conversationId?: string;
  settled?: { state: RecipientStatus; detail: string };
};

/** A campaign in the queue: the summary it started with, and whether messages remain. */
export type QueuedCampaign = { summary: CampaignSummary; state: 'running' | 'done' };

/** The campaign that follows another once it is done (the leads' summaries after a wave). */
export type FollowUp = { summary: CampaignSummary; recipients: NewRecipient[]; now: Date };

export const RECIPIENT_STATUSES: readonly RecipientStatus[] = [
  'queued',
  'sending',
  'sent',
  'blocked',
  'not_installed',
  'gone',
  'failed',
];

/** Earliest time (ms) a message into `conversationId` may go, or 0 when it may go now. */
export type ConversationGate = (conversationId: string, now: number) => number;

/** A count of 0 for every state. */
export function emptyCounts(): Record<RecipientStatus, number> {
  return Object.fromEntries(RECIPIENT_STATUSES.map((s) => [s, 0])) as Record<
    RecipientStatus,
    number
  >;
}

/**
 * The durable send queue: every message a campaign will send is kept before the first send. A
 * message goes `queued` → `sending` (durable before the send leaves) → `sent` once Teams has
 * acknowledged it, or to `blocked`, `gone`, `not_installed` or `failed`; a 429 or a fault puts it
 * back to `queued` with a time before which it may not go. After a stop, only messages still
 * `sending` can have reached Teams without being marked: `recoverInFlight` queues those again,
 * and nothing else is ever sent twice.
 *
 * Two implementations: `SqliteSendQueue` (one instance, `DATA_DIR/queue.sqlite`) and
 * `AzureSendQueue` (Azure Tables, shared by every instance; only the leaseholder sends). Any
 * instance may add campaigns and notices and read them; `recoverInFlight`, `claim` and the marks
 * are for the one sender.
 */
export interface SendQueue {
  /** Queues a campaign and all its messages; a campaign whose id is queued already is kept. */
  addCampaign(summary: CampaignSummary, recipients: NewRecipient[], now: Date): Promise<void>;
  /**
   * Queues a notice: one activity for one person (a review card, a lead's outcome, a quarterly
   * reminder), kept as a campaign of kind `notice` whose content is the activity. A key already
   * queued changes nothing, so a retried request never sends it twice.
   * @returns false when `key` was queued before.
   */
  addNotice(key: string, recipient: NewRecipient, activity: unknown, now: Date): Promise<boolean>;
  /** The activity of a notice's message, or undefined when the message is a campaign's. */
  noticeActivity(campaignId: string): Promise<unknown>;
  /** Where a notice stands: its one message's state, or undefined when `key` was never queued. */
  noticeState(key: string): Promise<RecipientStatus | undefined>;
  /** As `noticeState`, answered at once; only a queue on this machine can. */
  noticeStateNow?(key: string): RecipientStatus | undefined;
  campaign(id: string): Promise<QueuedCampaign | undefined>;
  /** Every campaign, newest first. */
  campaigns(): Promise<QueuedCampaign[]>;
  /** How many of a campaign's messages are in each state. */
  counts(campaignId: string): Promise<Record<RecipientStatus, number>>;
  /** A campaign's messages, optionally of one state, in queue order. */
  messages(campaignId: string, state?: RecipientStatus): Promise<QueuedMessage[]>;
  /** The people a campaign's messages go to. */
  personIds(campaignId: string): Promise<string[]>;
  /**
   * Puts back to `queued` every message left `sending` by a sender that stopped mid-send (a
   * restart, or another instance's lease that lapsed): Teams may or may not have it.
   * @returns how many.
   */
  recoverInFlight(now: Date): Promise<number>;
  /**
   * Takes up to `limit` messages due by `now`, oldest first, and marks them `sending`, durably
   * before any of them leaves. A message whose conversation `gate` holds back is left queued
   * until the time the gate names.
   */
  claim(limit: number, now: number, gate?: ConversationGate): Promise<QueuedMessage[]>;
  /** Teams acknowledged the message. */
  markSent(message: QueuedMessage, activityId: string | undefined, now: Date): Promise<void>;
  /** Back to the queue, not before `notBefore` (ms), e.g. after a 429 or a fault. */
  requeue(message: QueuedMessage, notBefore: number, detail: string, now: Date): Promise<void>;
  /** A final state other than sent: blocked, gone, not installed, failed. */
  settle(message: QueuedMessage, state: RecipientStatus, detail: string, now: Date): Promise<void>;
  /** The conversation found for a message once the app was installed for its person. */
  setReference(message: QueuedMessage, reference: unknown, conversationId: string): Promise<void>;
  /** The earliest time a queued message may go, or undefined when none is known to be queued. */
  nextDueAt(): Promise<number | undefined>;
  /** Campaigns still running whose messages are all settled. */
  finishedCampaigns(): Promise<string[]>;
  /**
   * Marks a campaign done with its final summary and queues the campaign that follows it (the
   * leads' summaries), so a stop can neither lose nor repeat it: the local queue in one
   * transaction; the shared one queues the follow-up first, under an id derived from the
   * campaign's, so doing it again after a stop finds it queued.
   */
  markCampaignDone(id: string, summary: CampaignSummary, followUp?: FollowUp): Promise<void>;
  close(): Promise<void>;
}
