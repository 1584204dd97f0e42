import type Database from 'better-sqlite3';
import type { CampaignSummary, RecipientStatus } from '../domain';
import {
  emptyCounts,
  type ConversationGate,
  type FollowUp,
  type NewRecipient,
  type QueuedCampaign,
  type QueuedMessage,
  type SendQueue,
} from './send-queue';

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
    id: String(row.seq),
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
 * The send queue of one instance, in `DATA_DIR/queue.sqlite` (see `openLocalDb`): one row per
 * message, each transition a committed SQLite transaction (WAL), so a kill loses no mark.
 */
export class SqliteSendQueue implements SendQueue {
  constructor(private readonly db: Database.Database) {}

  async addCampaign(summary: CampaignSummary, recipients: NewRecipient[], now: Date) {
    this.addCampaignNow(summary, recipients, now);
  }

  private addCampaignNow(summary: CampaignSummary, recipients: NewRecipient[], now: Date): void {
    const at = now.toISOString();
    this.db.transaction(() => {
      const added = this.db
        .prepare(
          'INSERT OR IGNORE INTO campaigns (id, content, state, created_at) VALUES (?, ?, ?, ?)',
        )
        .run(summary.id, JSON.stringify(summary), 'running', at).changes;
      if (added === 0) return;
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

  async addNotice(key: string, recipient: NewRecipient, activity: unknown, now: Date) {
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

  async noticeActivity(campaignId: string): Promise<unknown> {
    const row = this.db
      .prepare("SELECT content FROM campaigns WHERE id = ? AND kind = 'notice'")
      .get(campaignId) as { content: string } | undefined;
    return row ? (JSON.parse(row.content) as unknown) : undefined;
  }

  async noticeState(key: string) {
    return this.noticeStateNow(key);
  }

  noticeStateNow(key: string): RecipientStatus | undefined {
    const row = this.db
      .prepare('SELECT state FROM messages WHERE campaign_id = ?')
      .get(`notice:${key}`) as { state: RecipientStatus } | undefined;
    return row?.state;
  }

  async campaign(id: string): Promise<QueuedCampaign | undefined> {
    const row = this.db
      .prepare("SELECT content, state FROM campaigns WHERE id = ? AND kind = 'campaign'")
      .get(id) as { content: string; state: 'running' | 'done' } | undefined;
    return row
      ? { summary: JSON.parse(row.content) as CampaignSummary, state: row.state }
      : undefined;
  }

  async campaigns(): Promise<QueuedCampaign[]> {
    return (
      this.db
        .prepare(
          "SELECT content, state FROM campaigns WHERE kind = 'campaign' ORDER BY created_at DESC, id",
        )
        .all() as Array<{ content: string; state: 'running' | 'done' }>
    ).map((row) => ({ summary: JSON.parse(row.content) as CampaignSummary, state: row.state }));
  }

  async counts(campaignId: string) {
    const counts = emptyCounts();
    const rows = this.db
      .prepare('SELECT state, COUNT(*) AS n FROM messages WHERE campaign_id = ? GROUP BY state')
      .all(campaignId) as Array<{ state: RecipientStatus; n: number }>;
    for (const { state, n } of rows) counts[state] = n;
    return counts;
  }

  async messages(campaignId: string, state?: RecipientStatus): Promise<QueuedMessage[]> {
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

  async personIds(campaignId: string): Promise<string[]> {
    return (
      this.db
        .prepare('SELECT person_id AS personId FROM messages WHERE campaign_id = ?')
        .all(campaignId) as Array<{ personId: string }>
    ).map((r) => r.personId);
  }

  async recoverInFlight(now: Date): Promise<number> {
    return this.db
      .prepare(
        "UPDATE messages SET state = 'queued', detail = 'in flight when reap stopped; sent again', updated_at = ? WHERE state = 'sending'",
      )
      .run(now.toISOString()).changes;
  }

  async claim(limit: number, now: number, gate?: ConversationGate): Promise<QueuedMessage[]> {
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

  async markSent(message: QueuedMessage, activityId: string | undefined, now: Date) {
    this.db
      .prepare(
        "UPDATE messages SET state = 'sent', activity_id = ?, detail = NULL, updated_at = ? WHERE seq = ?",
      )
      .run(activityId ?? null, now.toISOString(), Number(message.id));
  }

  async requeue(message: QueuedMessage, notBefore: number, detail: string, now: Date) {
    this.db
      .prepare(
        "UPDATE messages SET state = 'queued', not_before = ?, detail = ?, updated_at = ? WHERE seq = ?",
      )
      .run(notBefore, detail, now.toISOString(), Number(message.id));
  }

  async settle(message: QueuedMessage, state: RecipientStatus, detail: string, now: Date) {
    this.db
      .prepare('UPDATE messages SET state = ?, detail = ?, updated_at = ? WHERE seq = ?')
      .run(state, detail, now.toISOString(), Number(message.id));
  }

  async setReference(message: QueuedMessage, reference: unknown, conversationId: string) {
    this.db
      .prepare('UPDATE messages SET reference = ?, conversation_id = ? WHERE seq = ?')
      .run(JSON.stringify(reference), conversationId, Number(message.id));
  }

  async nextDueAt(): Promise<number | undefined> {
    const row = this.db
      .prepare("SELECT MIN(not_before) AS at FROM messages WHERE state = 'queued'")
      .get() as { at: number | null };
    return row.at ?? undefined;
  }

  async finishedCampaigns(): Promise<string[]> {
    return (
      this.db
        .prepare(
          "SELECT c.id FROM campaigns c WHERE c.state = 'running' AND c.kind = 'campaign' AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.campaign_id = c.id AND m.state IN ('queued', 'sending'))",
        )
        .all() as Array<{ id: string }>
    ).map((r) => r.id);
  }

  async markCampaignDone(id: string, summary: CampaignSummary, followUp?: FollowUp) {
    this.db.transaction(() => {
      this.db
        .prepare("UPDATE campaigns SET state = 'done', content = ? WHERE id = ?")
        .run(JSON.stringify(summary), id);
      if (followUp) this.addCampaignNow(followUp.summary, followUp.recipients, followUp.now);
    })();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
