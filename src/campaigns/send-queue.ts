import type Database from 'better-sqlite3';
import type { CampaignSummary, RecipientStatus } from '../domain';

/** One message of a campaign, as the queue holds it. */
export type QueuedMessage = {
  seq: number;
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

type Row = {
  seq: number;
  campaignId: string;
  personId: string;
  conversationId: string | null;
  reference: string | null;
  state: RecipientStatus;
  attempts: number;
  detail: string | null;
};

const MESSAGE_COLUMNS =
  'seq, campaign_id AS campaignId, person_id AS personId, conversation_id AS conversationId, reference, state, attempts, detail';

function toMessage(row: Row): QueuedMessage {
  return {
    seq: row.seq,
    campaignId: row.campaignId,
    personId: row.personId,
    conversationId: row.conversationId ?? undefined,
    reference: row.reference === null ? undefined : (JSON.parse(row.reference) as unknown),
    state: row.state,
    attempts: row.attempts,
    detail: row.detail ?? undefined,
  };
}

/**
 * The durable send queue: every message a campaign will send is a row before the first send.
 * A row goes `queued` → `sending` (committed before the send leaves) → `sent` once Teams has
 * acknowledged it, or to `blocked`, `gone`, `not_installed` or `failed`; a 429 or a fault puts it
 * back to `queued` with a time before which it may not go. After a kill, only rows still
 * `sending` can have reached Teams without being marked: `recoverInFlight` queues those again,
 * and nothing else is ever sent twice.
 */
export class SendQueue {
  constructor(private readonly db: Database.Database) {}

  /** Queues a campaign and all its messages in one transaction. */
  addCampaign(summary: CampaignSummary, recipients: NewRecipient[], now: Date): void {
    const at = now.toISOString();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO campaigns (id, content, state, created_at) VALUES (?, ?, ?, ?)')
        .run(summary.id, JSON.stringify(summary), 'running', at);
      const insert = this.db.prepare(
        'INSERT OR IGNORE INTO messages (campaign_id, person_id, conversation_id, reference, state, detail, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      for (const r of recipients) {
        insert.run(
          summary.id,
          r.personId,
          r.conversationId ?? null,
          r.reference === undefined ? null : JSON.stringify(r.reference),
          r.settled?.state ?? 'queued',
          r.settled?.detail ?? null,
          at,
        );
      }
    })();
  }

  /**
   * Queues a notice: one activity for one person (a review card, a lead's outcome, a quarterly
   * reminder), kept as a campaign of kind `notice` whose content is the activity. A key already
   * queued changes nothing, so a retried request never sends it twice.
   * @returns false when `key` was queued before.
   */
  addNotice(key: string, recipient: NewRecipient, activity: unknown, now: Date): boolean {
    const at = now.toISOString();
    const id = `notice:${key}`;
    return this.db.transaction(() => {
      const added = this.db
        .prepare(
          "INSERT OR IGNORE INTO campaigns (id, content, state, created_at, kind) VALUES (?, ?, 'running', ?, 'notice')",
        )
        .run(id, JSON.stringify(activity), at).changes;
      if (added === 0) return false;
      this.db
        .prepare(
          'INSERT INTO messages (campaign_id, person_id, conversation_id, reference, state, detail, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          id,
          recipient.personId,
          recipient.conversationId ?? null,
          recipient.reference === undefined ? null : JSON.stringify(recipient.reference),
          recipient.settled?.state ?? 'queued',
          recipient.settled?.detail ?? null,
          at,
        );
      return true;
    })();
  }

  /** The activity of a notice's message, or undefined when the message is a campaign's. */
  noticeActivity(campaignId: string): unknown {
    const row = this.db
      .prepare("SELECT content FROM campaigns WHERE id = ? AND kind = 'notice'")
      .get(campaignId) as { content: string } | undefined;
    return row ? (JSON.parse(row.content) as unknown) : undefined;
  }

  /** Where a notice stands: its one message's state, or undefined when `key` was never queued. */
  noticeState(key: string): RecipientStatus | undefined {
    const row = this.db
      .prepare('SELECT state FROM messages WHERE campaign_id = ?')
      .get(`notice:${key}`) as { state: RecipientStatus } | undefined;
    return row?.state;
  }

  campaign(id: string): QueuedCampaign | undefined {
    const row = this.db
      .prepare("SELECT content, state FROM campaigns WHERE id = ? AND kind = 'campaign'")
      .get(id) as { content: string; state: 'running' | 'done' } | undefined;
    return row
      ? { summary: JSON.parse(row.content) as CampaignSummary, state: row.state }
      : undefined;
  }

  campaigns(): QueuedCampaign[] {
    return (
      this.db
        .prepare(
          "SELECT content, state FROM campaigns WHERE kind = 'campaign' ORDER BY created_at DESC, id",
        )
        .all() as Array<{ content: string; state: 'running' | 'done' }>
    ).map((row) => ({ summary: JSON.parse(row.content) as CampaignSummary, state: row.state }));
  }

  /** How many of a campaign's messages are in each state. */
  counts(campaignId: string): Record<RecipientStatus, number> {
    const counts = Object.fromEntries(RECIPIENT_STATUSES.map((s) => [s, 0])) as Record<
      RecipientStatus,
      number
    >;
    const rows = this.db
      .prepare('SELECT state, COUNT(*) AS n FROM messages WHERE campaign_id = ? GROUP BY state')
      .all(campaignId) as Array<{ state: RecipientStatus; n: number }>;
    for (const { state, n } of rows) counts[state] = n;
    return counts;
  }

  /** A campaign's messages, optionally of one state, in queue order. */
  messages(campaignId: string, state?: RecipientStatus): QueuedMessage[] {
    const rows = (
      state
        ? this.db
            .prepare(
              `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE campaign_id = ? AND state = ? ORDER BY seq`,
            )
            .all(campaignId, state)
        : this.db
            .prepare(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE campaign_id = ? ORDER BY seq`)
            .all(campaignId)
    ) as Row[];
    return rows.map(toMessage);
  }

  /** The people a campaign's messages go to. */
  personIds(campaignId: string): string[] {
    return (
      this.db
        .prepare('SELECT person_id AS personId FROM messages WHERE campaign_id = ?')
        .all(campaignId) as Array<{ personId: string }>
    ).map((r) => r.personId);
  }

  /**
   * Puts back to `queued` every message left `sending` by a process that stopped mid-send: Teams
   * may or may not have it. @returns how many.
   */
  recoverInFlight(now: Date): number {
    return this.db
      .prepare(
        "UPDATE messages SET state = 'queued', detail = 'in flight when reap stopped; sent again', updated_at = ? WHERE state = 'sending'",
      )
      .run(now.toISOString()).changes;
  }

  /**
   * Takes up to `limit` messages due by `now`, oldest first, and marks them `sending` in one
   * transaction, so the mark is durable before any of them leaves. A message whose conversation
   * `gate` holds back is left queued until the time the gate names.
   */
  claim(limit: number, now: number, gate?: ConversationGate): QueuedMessage[] {
    if (limit <= 0) return [];
    return this.db.transaction(() => {
      const candidates = this.db
        .prepare(
          `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE state = 'queued' AND not_before <= ? ORDER BY not_before, seq LIMIT ?`,
        )
        .all(now, limit * 2) as Row[];
      const claimed: QueuedMessage[] = [];
      const at = new Date(now).toISOString();
      const mark = this.db.prepare(
        "UPDATE messages SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE seq = ?",
      );
      const holdBack = this.db.prepare('UPDATE messages SET not_before = ? WHERE seq = ?');
      for (const row of candidates) {
        if (claimed.length >= limit) break;
        const until = row.conversationId && gate ? gate(row.conversationId, now) : 0;
        if (until > now) {
          holdBack.run(until, row.seq);
          continue;
        }
        mark.run(at, row.seq);
        claimed.push(toMessage({ ...row, state: 'sending', attempts: row.attempts + 1 }));
      }
      return claimed;
    })();
  }

  /** Teams acknowledged the message. */
  markSent(seq: number, activityId: string | undefined, now: Date): void {
    this.db
      .prepare(
        "UPDATE messages SET state = 'sent', activity_id = ?, detail = NULL, updated_at = ? WHERE seq = ?",
      )
      .run(activityId ?? null, now.toISOString(), seq);
  }

  /** Back to the queue, not before `notBefore` (ms), e.g. after a 429 or a fault. */
  requeue(seq: number, notBefore: number, detail: string, now: Date): void {
    this.db
      .prepare(
        "UPDATE messages SET state = 'queued', not_before = ?, detail = ?, updated_at = ? WHERE seq = ?",
      )
      .run(notBefore, detail, now.toISOString(), seq);
  }

  /** A final state other than sent: blocked, gone, not installed, failed. */
  settle(seq: number, state: RecipientStatus, detail: string, now: Date): void {
    this.db
      .prepare('UPDATE messages SET state = ?, detail = ?, updated_at = ? WHERE seq = ?')
      .run(state, detail, now.toISOString(), seq);
  }

  /** The conversation found for a message once the app was installed for its person. */
  setReference(seq: number, reference: unknown, conversationId: string): void {
    this.db
      .prepare('UPDATE messages SET reference = ?, conversation_id = ? WHERE seq = ?')
      .run(JSON.stringify(reference), conversationId, seq);
  }

  /** The earliest time a queued message may go, or undefined when none is queued. */
  nextDueAt(): number | undefined {
    const row = this.db
      .prepare("SELECT MIN(not_before) AS at FROM messages WHERE state = 'queued'")
      .get() as { at: number | null };
    return row.at ?? undefined;
  }

  /** Campaigns still running whose messages are all settled. */
  finishedCampaigns(): string[] {
    return (
      this.db
        .prepare(
          "SELECT c.id FROM campaigns c WHERE c.state = 'running' AND c.kind = 'campaign' AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.campaign_id = c.id AND m.state IN ('queued', 'sending'))",
        )
        .all() as Array<{ id: string }>
    ).map((r) => r.id);
  }

  /**
   * Marks a campaign done with its final summary and, in the same transaction, queues the
   * campaign that follows it (the leads' summaries), so a kill can neither lose nor repeat it.
   */
  markCampaignDone(
    id: string,
    summary: CampaignSummary,
    followUp?: { summary: CampaignSummary; recipients: NewRecipient[]; now: Date },
  ): void {
    this.db.transaction(() => {
      this.db
        .prepare("UPDATE campaigns SET state = 'done', content = ? WHERE id = ?")
        .run(JSON.stringify(summary), id);
      if (followUp) this.addCampaign(followUp.summary, followUp.recipients, followUp.now);
    })();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
