import { randomUUID } from 'node:crypto';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { CampaignSummary, RecipientStatus } from '../../domain';
import {
  emptyCounts,
  type ConversationGate,
  type FollowUp,
  type NewRecipient,
  type QueuedCampaign,
  type QueuedMessage,
  type SendQueue,
} from '../send-queue';
import {
  chunked,
  listAll,
  listTop,
  statusOf,
  submitAll,
  tableKey,
  unchunked,
  type AzureStorage,
  type SharedTable,
} from './azure-storage';

/** The tables of the shared queue. */
export const QUEUE_TABLES: { campaigns: string; messages: string } = {
  campaigns: 'reapcampaigns',
  messages: 'reapsendqueue',
};

/** The partition of every notice's rows in the messages table. */
const NOTICES = 'notices';
/** The partition of every campaign's row in the campaigns table. */
const CAMPAIGN = 'campaign';

type CampaignState = 'adding' | 'running' | 'done';

type CampaignEntity = {
  state: CampaignState;
  createdAt: string;
  /** The sender's live counts (JSON), while the campaign runs. */
  counts?: string;
  countedAt?: number;
  contentChunks: number;
  [chunk: string]: unknown;
};

/** A message's row, `m|{key}` in its campaign's partition. */
type MessageEntity = {
  seq: number;
  key: string;
  personId: string;
  conversationId?: string;
  reference?: string;
  state: RecipientStatus;
  attempts: number;
  notBefore: number;
  activityId?: string;
  detail?: string;
  updatedAt: string;
};

/** A ready row, `r|{notBefore}|{seq}|{key}`: a copy of what a send needs, one per queued message. */
type ReadyEntity = Pick<
  MessageEntity,
  'seq' | 'key' | 'personId' | 'conversationId' | 'reference' | 'attempts' | 'notBefore'
>;

/** A claimable message as the ready row names it. */
type Candidate = ReadyEntity & { partition: string; rowKey: string };

/** What the sender holds of a message it claimed: where it is, and its row's ETag. */
type Held = {
  id: string;
  partition: string;
  key: string;
  seq: number;
  etag: string;
  ready: ReadyEntity;
};

const pad = (n: number, width: number) => String(Math.max(0, Math.floor(n))).padStart(width, '0');
const messageKey = (key: string) => `m|${key}`;
const readyKey = (notBefore: number, seq: number, key: string) =>
  `r|${pad(notBefore, 15)}|${pad(seq, 10)}|${key}`;
const sendingKey = (key: string) => `s|${key}`;
const contentKey = (key: string) => `c|${key}`;
/** Row key bounds: `m|` < `r|` < `s|`, and `}` sorts after `|`. */
const MESSAGES = odata`RowKey ge ${'m|'} and RowKey lt ${'m}'}`;
const IN_FLIGHT = odata`RowKey ge ${'s|'} and RowKey lt ${'s}'}`;

/** What a transaction fails with when a row changed under it. */
const CONFLICT = [404, 409, 412];
/** Operations per message when claiming (ready row out, message row, sending row in). */
const CLAIM_OPS = 3;
/** Messages whose marks go in one transaction (at most 3 operations each, 100 a transaction). */
const MARKS_PER_TRANSACTION = 33;
/** Messages claimed in one transaction, ahead of the sender's asking. */
const CLAIM_AHEAD = 32;
/** Ready rows read from each partition at a time. */
const CANDIDATES_PER_PARTITION = 200;
/** At most this often the ready rows are read again when none is due (ms). */
const REFRESH_MS = 100;
/** The running campaigns are read again after this long (ms); sooner after one was added here. */
const ACTIVE_MS = 1000;

/** A message's marks come back as one of these; each knows how to apply itself alone. */
type Mark = {
  held: Held;
  actions: TransactionAction[];
  resolve(): void;
  reject(error: unknown): void;
  alone(): Promise<void>;
};

/**
 * The send queue on Azure Tables, shared by every instance. Keys:
 *
 * - `reapcampaigns`: partition `campaign`, one row per campaign (summary, state `adding` →
 *   `running` → `done`; a campaign is sent only once all its messages are written).
 * - `reapsendqueue`: a partition per campaign (its id), one for all notices (`notices`). Each
 *   message is a row `m|{person}` (`m|{notice key}`) with its state; while it is queued a row
 *   `r|{notBefore}|{seq}|{person}` (what the send needs), while it is being sent a row
 *   `s|{person}`; a notice's activity is the row `c|{key}`.
 *
 * Every transition is one entity group transaction in the message's partition, so the rows never
 * disagree: claiming deletes the ready row (the transaction fails if another sender took it),
 * marks the message `sending` and adds the sending row; the marks after the send (sent, queued
 * again with a time, settled) carry the ETag the claim returned (If-Match), so a sender whose
 * lease lapsed and whose messages were recovered by another changes nothing it no longer owns —
 * except that an acknowledged message is marked sent even then, so it is never sent again.
 * Claiming reads the due ready rows of the running campaigns' partitions (a range query on the
 * row key, oldest first), never the whole table; recovering reads only `s|` rows.
 *
 * Round trips are what limit a sender on Tables, so: 32 messages are claimed in one transaction
 * ahead of the sender (after a stop those not handed out yet are queued again like those in
 * flight, and sent once: they never left); the marks of sends that end together go in one
 * transaction; and the sender tallies each running campaign's counts as it goes and writes them
 * to the campaign's row every second, so a tab polling any instance reads one row per campaign.
 */
export class AzureSendQueue implements SendQueue {
  private readonly campaignsTable: SharedTable;
  private readonly messagesTable: SharedTable;
  /** Messages this instance claimed and has not marked yet. */
  private readonly held = new Map<string, Held>();
  private candidates: Candidate[] = [];
  /** Messages claimed ahead: marked `sending`, not handed to the sender yet. */
  private reserve: QueuedMessage[] = [];
  private refreshedAt = 0;
  /** The soonest time a message this sender queued again may go, until the next read. */
  private requeuedFor: number | undefined;
  private active: { at: number; partitions: string[] } | undefined;
  private readonly campaignCache = new Map<
    string,
    { at: number; value: QueuedCampaign; counts?: Record<RecipientStatus, number> }
  >();
  /** The sender's counts of each campaign it sends, kept as it makes each transition. */
  private readonly tallies = new Map<string, Record<RecipientStatus, number>>();
  private readonly changedTallies = new Set<string>();
  private tallyTimer: NodeJS.Timeout | undefined;
  private readonly personCache = new Map<string, string[]>();
  private readonly countCache = new Map<
    string,
    { at: number; value: Record<RecipientStatus, number> }
  >();
  private readonly noticeCache = new Map<string, unknown>();
  private readonly pendingMarks = new Map<string, Mark[]>();
  private readonly flushing = new Map<string, Promise<void>>();

  /**
   * @param tables the tables' names (tests give each queue its own).
   * @param onError a write that can wait failed (the live counts); it is tried again.
   */
  constructor(
    storage: AzureStorage,
    tables: typeof QUEUE_TABLES = QUEUE_TABLES,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.campaignsTable = storage.table(tables.campaigns);
    this.messagesTable = storage.table(tables.messages);
  }

  private async campaigns_(): Promise<TableClient> {
    await this.campaignsTable.ready();
    return this.campaignsTable.client;
  }

  private async messages_(): Promise<TableClient> {
    await this.messagesTable.ready();
    return this.messagesTable.client;
  }

  async addCampaign(summary: CampaignSummary, recipients: NewRecipient[], now: Date) {
    const campaigns = await this.campaigns_();
    const messages = await this.messages_();
    const at = now.toISOString();
    try {
      await campaigns.createEntity<CampaignEntity>({
        partitionKey: CAMPAIGN,
        rowKey: tableKey(summary.id),
        state: 'adding',
        createdAt: at,
        ...chunked('content', JSON.stringify(summary)),
      } as CampaignEntity & { partitionKey: string; rowKey: string });
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
      // Queued before: done, unless a stop came while its messages were being written (none
      // of them can have been sent: a campaign is claimed from only once `running`).
      const stored = await campaigns.getEntity<CampaignEntity>(CAMPAIGN, tableKey(summary.id));
      if (stored.state !== 'adding') return;
    }
    const partition = tableKey(summary.id);
    const seen = new Set<string>();
    const actions: TransactionAction[] = [];
    recipients.forEach((r, seq) => {
      if (seen.has(r.personId)) return;
      seen.add(r.personId);
      const key = tableKey(r.personId);
      const message: MessageEntity = {
        seq,
        key,
        personId: r.personId,
        ...(r.conversationId ? { conversationId: r.conversationId } : {}),
        ...(r.reference === undefined ? {} : { reference: JSON.stringify(r.reference) }),
        state: r.settled?.state ?? 'queued',
        attempts: 0,
        notBefore: 0,
        ...(r.settled ? { detail: r.settled.detail } : {}),
        updatedAt: at,
      };
      // Upserts: writing them again after a stop mid-way replaces what is there.
      actions.push([
        'upsert',
        { partitionKey: partition, rowKey: messageKey(key), ...message },
        'Replace',
      ]);
      if (!r.settled) {
        actions.push([
          'upsert',
          { partitionKey: partition, rowKey: readyKey(0, seq, key), ...readyOf(message) },
          'Replace',
        ]);
      }
    });
    // Nothing is claimed from the campaign before it turns `running`, after every row is written.
    await submitAll(messages, actions, 4, 100);
    await campaigns.updateEntity(
      { partitionKey: CAMPAIGN, rowKey: tableKey(summary.id), state: 'running' },
      'Merge',
    );
    this.active = undefined;
    this.refreshedAt = 0;
  }

  async addNotice(key: string, recipient: NewRecipient, activity: unknown, now: Date) {
    const messages = await this.messages_();
    const rowKey = tableKey(key);
    const message: MessageEntity = {
      seq: 0,
      key: rowKey,
      personId: recipient.personId,
      ...(recipient.conversationId ? { conversationId: recipient.conversationId } : {}),
      ...(recipient.reference === undefined
        ? {}
        : { reference: JSON.stringify(recipient.reference) }),
      state: recipient.settled?.state ?? 'queued',
      attempts: 0,
      notBefore: 0,
      ...(recipient.settled ? { detail: recipient.settled.detail } : {}),
      updatedAt: now.toISOString(),
    };
    const actions: TransactionAction[] = [
      [
        'create',
        {
          partitionKey: NOTICES,
          rowKey: contentKey(rowKey),
          ...chunked('content', JSON.stringify(activity ?? null)),
        },
      ],
      ['create', { partitionKey: NOTICES, rowKey: messageKey(rowKey), ...message }],
    ];
    if (!recipient.settled) {
      actions.push([
        'create',
        {
          partitionKey: NOTICES,
          rowKey: readyKey(0, 0, rowKey),
          ...readyOf(message),
        },
      ]);
    }
    try {
      await messages.submitTransaction(actions);
    } catch (error) {
      if (statusOf(error) === 409) return false;
      throw error;
    }
    this.refreshedAt = 0;
    return true;
  }

  async noticeActivity(campaignId: string): Promise<unknown> {
    if (!campaignId.startsWith('notice:')) return undefined;
    if (this.noticeCache.has(campaignId)) return this.noticeCache.get(campaignId);
    const messages = await this.messages_();
    try {
      const row = await messages.getEntity(
        NOTICES,
        contentKey(tableKey(campaignId.slice('notice:'.length))),
      );
      const activity = JSON.parse(unchunked(row, 'content')) as unknown;
      if (this.noticeCache.size > 500) this.noticeCache.clear();
      this.noticeCache.set(campaignId, activity);
      return activity;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async noticeState(key: string): Promise<RecipientStatus | undefined> {
    const messages = await this.messages_();
    try {
      const row = await messages.getEntity<MessageEntity>(NOTICES, messageKey(tableKey(key)), {
        queryOptions: { select: ['state'] },
      });
      return row.state;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async campaign(id: string): Promise<QueuedCampaign | undefined> {
    const cached = this.campaignCache.get(id);
    if (cached && (cached.value.state === 'done' || Date.now() - cached.at < 1000)) {
      return cached.value;
    }
    const campaigns = await this.campaigns_();
    try {
      const row = await campaigns.getEntity<CampaignEntity>(CAMPAIGN, tableKey(id));
      if (row.state === 'adding') return undefined;
      return this.remember(row);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async campaigns(): Promise<QueuedCampaign[]> {
    const campaigns = await this.campaigns_();
    const rows = await listAll<CampaignEntity>(campaigns, odata`PartitionKey eq ${CAMPAIGN}`);
    return rows
      .filter((row) => row.state !== 'adding')
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.rowKey.localeCompare(b.rowKey))
      .map((row) => this.remember(row));
  }

  /** A campaign row as read, kept a second (for ever once done), with the live counts it has. */
  private remember(row: CampaignEntity): QueuedCampaign {
    const value = toCampaign(row);
    if (this.campaignCache.size > 1000) this.campaignCache.clear();
    this.campaignCache.set(value.summary.id, {
      at: Date.now(),
      value,
      ...(typeof row.counts === 'string'
        ? { counts: JSON.parse(row.counts) as Record<RecipientStatus, number> }
        : {}),
    });
    return value;
  }

  /**
   * A done campaign's counts are in its final summary; a running one's, as the sender tallies
   * them, written to the campaign's row every second: a tab polling any instance reads one row,
   * not the campaign's thousands. Before the sender has written any, they are counted.
   */
  async counts(campaignId: string) {
    const campaign = await this.campaign(campaignId);
    if (campaign?.state === 'done') return { ...emptyCounts(), ...campaign.summary.counts };
    const tally = this.tallies.get(campaignId);
    if (tally) return { ...tally };
    const live = this.campaignCache.get(campaignId)?.counts;
    if (live) return { ...emptyCounts(), ...live };
    return this.countAll(campaignId);
  }

  /** Counts a campaign's messages by state (reads every message row; cached a second). */
  private async countAll(campaignId: string): Promise<Record<RecipientStatus, number>> {
    const cached = this.countCache.get(campaignId);
    if (cached && Date.now() - cached.at < 1000) return cached.value;
    const messages = await this.messages_();
    const counts = emptyCounts();
    const rows = await listAll<Pick<MessageEntity, 'state'>>(
      messages,
      `PartitionKey eq '${tableKey(campaignId)}' and ${MESSAGES}`,
      ['state'],
    );
    for (const row of rows) counts[row.state] += 1;
    this.countCache.set(campaignId, { at: Date.now(), value: counts });
    return counts;
  }

  async messages(campaignId: string, state?: RecipientStatus): Promise<QueuedMessage[]> {
    const messages = await this.messages_();
    const partition = tableKey(campaignId);
    const rows = await listAll<MessageEntity>(
      messages,
      `PartitionKey eq '${partition}' and ${MESSAGES}${state ? odata` and state eq ${state}` : ''}`,
    );
    return rows.sort((a, b) => a.seq - b.seq).map((row) => toMessage(partition, campaignId, row));
  }

  async personIds(campaignId: string): Promise<string[]> {
    const known = this.personCache.get(campaignId);
    if (known) return known;
    const messages = await this.messages_();
    const rows = await listAll<Pick<MessageEntity, 'personId'>>(
      messages,
      `PartitionKey eq '${tableKey(campaignId)}' and ${MESSAGES}`,
      ['personId'],
    );
    const ids = rows.map((r) => r.personId);
    // A campaign's recipients never change once it runs.
    if ((await this.campaign(campaignId)) !== undefined) {
      if (this.personCache.size > 100) this.personCache.clear();
      this.personCache.set(campaignId, ids);
    }
    return ids;
  }

  /** The partitions messages may be claimed from: every running campaign's, and the notices'. */
  private async activePartitions(force = false): Promise<string[]> {
    if (!force && this.active && Date.now() - this.active.at < ACTIVE_MS) {
      return this.active.partitions;
    }
    const campaigns = await this.campaigns_();
    const running = await listAll<Pick<CampaignEntity, 'state'>>(
      campaigns,
      odata`PartitionKey eq ${CAMPAIGN} and state eq ${'running'}`,
      ['RowKey'],
    );
    const partitions = [NOTICES, ...running.map((r) => r.rowKey)];
    this.active = { at: Date.now(), partitions };
    return partitions;
  }

  async recoverInFlight(now: Date): Promise<number> {
    const messages = await this.messages_();
    // What this instance claimed before is queued again below, like another's.
    this.reserve = [];
    this.candidates = [];
    this.held.clear();
    this.tallies.clear();
    let recovered = 0;
    for (const partition of await this.activePartitions(true)) {
      const sending = await listAll(messages, `PartitionKey eq '${partition}' and ${IN_FLIGHT}`);
      for (const row of sending) {
        const key = row.rowKey.slice(2);
        let message: MessageEntity & { etag: string };
        try {
          message = await messages.getEntity<MessageEntity>(partition, messageKey(key));
        } catch (error) {
          if (statusOf(error) !== 404) throw error;
          continue;
        }
        const detail = 'in flight when the sender stopped; sent again';
        try {
          await messages.submitTransaction([
            ['delete', { partitionKey: partition, rowKey: row.rowKey }],
            [
              'update',
              {
                partitionKey: partition,
                rowKey: messageKey(key),
                state: 'queued',
                notBefore: 0,
                detail,
                updatedAt: now.toISOString(),
              },
              'Merge',
              { etag: message.etag },
            ],
            [
              'create',
              {
                partitionKey: partition,
                rowKey: readyKey(0, message.seq, key),
                ...readyOf({ ...message, notBefore: 0 }),
              },
            ],
          ]);
          recovered += 1;
        } catch (error) {
          // Marked meanwhile by the sender that held it: nothing to recover.
          if (!CONFLICT.includes(statusOf(error))) throw error;
        }
      }
    }
    this.refreshedAt = 0;
    return recovered;
  }

  /** Reads the ready rows again (the oldest of each active partition). */
  private async refresh(now: number): Promise<void> {
    const messages = await this.messages_();
    const partitions = await this.activePartitions();
    const found = await Promise.all(
      partitions.map(async (partition) =>
        (
          await listTop<ReadyEntity>(
            messages,
            odata`PartitionKey eq ${partition} and RowKey ge ${'r|'} and RowKey lt ${'r}'}`,
            CANDIDATES_PER_PARTITION,
          )
        ).map((row): Candidate => ({ ...readyOf(row), partition, rowKey: row.rowKey })),
      ),
    );
    this.candidates = found.flat().sort((a, b) => a.notBefore - b.notBefore || a.seq - b.seq);
    this.refreshedAt = now;
  }

  async claim(limit: number, now: number, gate?: ConversationGate): Promise<QueuedMessage[]> {
    if (limit <= 0) return [];
    if (this.reserve.length < limit) this.reserve.push(...(await this.claimAhead(now)));
    const out: QueuedMessage[] = [];
    const releases: Array<Promise<void>> = [];
    while (out.length < limit && this.reserve.length > 0) {
      const message = this.reserve.shift()!;
      // The conversation's limits are checked as a message is handed out, when it will be sent.
      const until = message.conversationId && gate ? gate(message.conversationId, now) : 0;
      if (until > now) releases.push(this.release(message, until));
      else out.push(message);
    }
    await Promise.all(releases);
    return out;
  }

  /**
   * Claims the next due messages, up to a transaction's worth: one transaction serves many
   * sends. Claimed ahead means marked `sending` before being handed out; after a stop they are
   * queued again like those in flight, and sent once (they never left).
   */
  private async claimAhead(now: number): Promise<QueuedMessage[]> {
    const due = () => this.candidates.length > 0 && this.candidates[0]!.notBefore <= now;
    if (!due() && (now - this.refreshedAt >= REFRESH_MS || this.refreshedAt === 0)) {
      await this.refresh(now);
    }
    const chosen: Candidate[] = [];
    while (chosen.length < CLAIM_AHEAD && due()) chosen.push(this.candidates.shift()!);
    const byPartition = new Map<string, Candidate[]>();
    for (const c of chosen) {
      byPartition.set(c.partition, [...(byPartition.get(c.partition) ?? []), c]);
    }
    const results = await Promise.allSettled(
      [...byPartition].map(([partition, list]) => this.claimIn(partition, list, now)),
    );
    const claimed = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      // What was claimed is kept for the sender; the rest is still queued, for the next read.
      this.reserve.push(...claimed);
      throw failed.reason;
    }
    return claimed;
  }

  /** A claimed message its conversation's limit holds back goes back to the queue until `until`. */
  private async release(message: QueuedMessage, until: number): Promise<void> {
    const held = this.heldOf(message);
    const attempts = Math.max(0, held.ready.attempts - 1);
    await this.mark(
      held,
      'queued',
      [
        ...this.finalActions(held, { state: 'queued', notBefore: until, attempts }),
        [
          'create',
          {
            partitionKey: held.partition,
            rowKey: readyKey(until, held.seq, held.key),
            ...readyOf({ ...held.ready, attempts, notBefore: until }),
          },
        ],
      ],
      async () => undefined,
    );
    this.requeuedFor = Math.min(this.requeuedFor ?? until, until);
  }

  /**
   * Claims `list` (one partition) in transactions of 33. A transaction that fails because another
   * sender took one of its messages is retried message by message. Each transaction writes its
   * own claim id into the rows, so one that Azure committed but whose answer was lost (and that
   * the client's retry then saw fail) is recognised as this sender's, not lost as `sending`.
   */
  private async claimIn(partition: string, list: Candidate[], now: number) {
    const messages = await this.messages_();
    this.countCache.delete(decodeKey(partition));
    if (partition !== NOTICES && !this.tallies.has(decodeKey(partition))) {
      this.tallies.set(decodeKey(partition), await this.countAll(decodeKey(partition)));
    }
    const at = new Date(now).toISOString();
    const claimed: QueuedMessage[] = [];
    const perTransaction = Math.floor(100 / CLAIM_OPS);
    const claimActions = (c: Candidate, claimId: string): TransactionAction[] => [
      ['delete', { partitionKey: partition, rowKey: c.rowKey }],
      [
        'update',
        {
          partitionKey: partition,
          rowKey: messageKey(c.key),
          state: 'sending',
          attempts: c.attempts + 1,
          claimId,
          updatedAt: at,
        },
        'Merge',
      ],
      ['create', { partitionKey: partition, rowKey: sendingKey(c.key), personId: c.personId }],
    ];
    const took = (c: Candidate, etag: string | undefined) => {
      const message = candidateMessage(partition, c);
      this.held.set(message.id, {
        id: message.id,
        partition,
        key: c.key,
        seq: c.seq,
        etag: etag ?? '*',
        ready: readyOf({ ...c, attempts: c.attempts + 1 }),
      });
      this.tally(partition, 'queued', 'sending');
      claimed.push(message);
    };
    /** Claims `group` in one transaction; what fails is returned, after keeping what is ours. */
    const claimGroup = async (group: Candidate[]): Promise<Candidate[]> => {
      const claimId = randomUUID();
      try {
        const result = await messages.submitTransaction(
          group.flatMap((c) => claimActions(c, claimId)),
        );
        group.forEach((c, j) => took(c, result.subResponses[j * CLAIM_OPS + 1]?.etag));
        return [];
      } catch (error) {
        const rest: Candidate[] = [];
        for (const c of group) {
          const row = await messages
            .getEntity<MessageEntity & { claimId?: string }>(partition, messageKey(c.key))
            .catch(() => undefined);
          if (row?.state === 'sending' && row.claimId === claimId) took(c, row.etag);
          else rest.push(c);
        }
        if (!CONFLICT.includes(statusOf(error)) && rest.length > 0) {
          this.reserve.push(...claimed.splice(0));
          throw error;
        }
        return rest;
      }
    };
    for (let i = 0; i < list.length; i += perTransaction) {
      const rest = await claimGroup(list.slice(i, i + perTransaction));
      if (rest.length === 0) continue;
      // Another sender took one of them (a lease that lapsed): claim the rest one by one.
      this.refreshedAt = 0;
      if (rest.length > 1) for (const c of rest) await claimGroup([c]);
    }
    return claimed;
  }

  private heldOf(message: QueuedMessage): Held {
    const held = this.held.get(message.id);
    if (!held) throw new Error(`message ${message.id} was not claimed by this sender`);
    return held;
  }

  async markSent(message: QueuedMessage, activityId: string | undefined, now: Date) {
    const held = this.heldOf(message);
    const fields = {
      state: 'sent' as const,
      activityId: activityId ?? '',
      detail: '',
      updatedAt: now.toISOString(),
    };
    await this.mark(held, 'sent', this.finalActions(held, fields), () =>
      // Teams has it: mark it sent even if recovered meanwhile, so it never goes again.
      this.reconcile(held, fields, true),
    );
  }

  async settle(message: QueuedMessage, state: RecipientStatus, detail: string, now: Date) {
    const held = this.heldOf(message);
    const fields = { state, detail, updatedAt: now.toISOString() };
    await this.mark(held, state, this.finalActions(held, fields), () =>
      this.reconcile(held, fields, true),
    );
  }

  async requeue(message: QueuedMessage, notBefore: number, detail: string, now: Date) {
    const held = this.heldOf(message);
    const { partition, key, seq } = held;
    const actions: TransactionAction[] = [
      ...this.finalActions(held, {
        state: 'queued',
        notBefore,
        detail,
        updatedAt: now.toISOString(),
      }),
      [
        'create',
        {
          partitionKey: partition,
          rowKey: readyKey(notBefore, seq, key),
          ...readyOf({ ...held.ready, notBefore }),
        },
      ],
    ];
    // Changed meanwhile: recovered by another sender, which now owns it.
    await this.mark(held, 'queued', actions, async () => undefined);
    this.requeuedFor = Math.min(this.requeuedFor ?? notBefore, notBefore);
  }

  async setReference(message: QueuedMessage, reference: unknown, conversationId: string) {
    const held = this.heldOf(message);
    const messages = await this.messages_();
    const json = JSON.stringify(reference);
    const result = await messages.updateEntity(
      {
        partitionKey: held.partition,
        rowKey: messageKey(held.key),
        reference: json,
        conversationId,
      },
      'Merge',
      { etag: held.etag },
    );
    held.etag = result.etag ?? held.etag;
    held.ready = { ...held.ready, reference: json, conversationId };
  }

  /** The message row's new state (If-Match the claim's ETag) and its sending row gone. */
  private finalActions(held: Held, fields: Partial<MessageEntity>): TransactionAction[] {
    return [
      [
        'update',
        { partitionKey: held.partition, rowKey: messageKey(held.key), ...fields },
        'Merge',
        { etag: held.etag },
      ],
      ['delete', { partitionKey: held.partition, rowKey: sendingKey(held.key) }],
    ];
  }

  /**
   * The message row changed since the claim (another sender recovered it after this one's
   * lease lapsed). If it waits in the queue again and `evenIfQueued`, the outcome still holds:
   * write it and take the ready row out; if another sender is sending it, leave it to that one.
   */
  private async reconcile(held: Held, fields: Partial<MessageEntity>, evenIfQueued: boolean) {
    const messages = await this.messages_();
    const row = await messages.getEntity<MessageEntity>(held.partition, messageKey(held.key));
    if (row.state !== 'queued' || !evenIfQueued) return;
    try {
      await messages.submitTransaction([
        [
          'update',
          { partitionKey: held.partition, rowKey: messageKey(held.key), ...fields },
          'Merge',
          { etag: row.etag },
        ],
        [
          'delete',
          { partitionKey: held.partition, rowKey: readyKey(row.notBefore, row.seq, held.key) },
        ],
      ]);
    } catch (error) {
      if (!CONFLICT.includes(statusOf(error))) throw error;
    }
  }

  /**
   * Writes a message's marks, grouped with the other marks of its partition waiting at that
   * moment into one transaction (a group commit: at 50 sends a second, a few per transaction
   * rather than one transaction each). A transaction that fails is replayed mark by mark, and a
   * mark whose row changed is reconciled.
   */
  private mark(
    held: Held,
    to: RecipientStatus,
    actions: TransactionAction[],
    onConflict: () => Promise<void>,
  ) {
    return new Promise<void>((resolve, reject) => {
      let conflicted = false;
      const mark: Mark = {
        held,
        actions,
        resolve: () => {
          this.held.delete(held.id);
          if (conflicted) this.tallies.delete(decodeKey(held.partition));
          else this.tally(held.partition, 'sending', to);
          resolve();
        },
        reject,
        alone: async () => {
          const messages = await this.messages_();
          try {
            await messages.submitTransaction(actions);
          } catch (error) {
            if (!CONFLICT.includes(statusOf(error))) throw error;
            conflicted = true;
            await onConflict();
          }
        },
      };
      this.countCache.delete(decodeKey(held.partition));
      const list = this.pendingMarks.get(held.partition) ?? [];
      list.push(mark);
      this.pendingMarks.set(held.partition, list);
      if (!this.flushing.has(held.partition)) {
        const flush = this.flushMarks(held.partition).finally(() =>
          this.flushing.delete(held.partition),
        );
        this.flushing.set(held.partition, flush);
      }
    });
  }

  private async flushMarks(partition: string): Promise<void> {
    const messages = await this.messages_();
    for (;;) {
      const waiting = this.pendingMarks.get(partition) ?? [];
      if (waiting.length === 0) return;
      const group = waiting.splice(0, MARKS_PER_TRANSACTION);
      try {
        if (group.length === 1) await group[0]!.alone();
        else {
          try {
            await messages.submitTransaction(group.flatMap((m) => m.actions));
          } catch (error) {
            if (!CONFLICT.includes(statusOf(error))) throw error;
            for (const m of group) await m.alone();
          }
        }
        for (const m of group) m.resolve();
      } catch (error) {
        for (const m of group) m.reject(error);
      }
    }
  }

  async nextDueAt(): Promise<number | undefined> {
    if (this.reserve.length > 0) return 0;
    const buffered = this.candidates[0]?.notBefore;
    if (buffered === undefined) return this.requeuedFor;
    return Math.min(buffered, this.requeuedFor ?? buffered);
  }

  async finishedCampaigns(): Promise<string[]> {
    const messages = await this.messages_();
    const partitions = (await this.activePartitions()).filter((p) => p !== NOTICES);
    const finished: string[] = [];
    for (const partition of partitions) {
      // Any ready (`r|`) or sending (`s|`) row: not finished.
      const open = await listTop(
        messages,
        odata`PartitionKey eq ${partition} and RowKey ge ${'r|'} and RowKey lt ${'s}'}`,
        1,
      );
      if (open.length > 0) continue;
      const campaign = await this.campaign(decodeKey(partition));
      if (campaign?.state !== 'running') continue;
      // Every message settled: its final counts, counted rather than tallied.
      this.countCache.delete(campaign.summary.id);
      this.tallies.set(campaign.summary.id, await this.countAll(campaign.summary.id));
      finished.push(campaign.summary.id);
    }
    return finished;
  }

  async markCampaignDone(id: string, summary: CampaignSummary, followUp?: FollowUp) {
    if (followUp) await this.addCampaign(followUp.summary, followUp.recipients, followUp.now);
    const campaigns = await this.campaigns_();
    await campaigns.updateEntity(
      {
        partitionKey: CAMPAIGN,
        rowKey: tableKey(id),
        state: 'done',
        ...chunked('content', JSON.stringify(summary)),
      },
      'Merge',
    );
    this.campaignCache.delete(id);
    this.countCache.delete(id);
    this.tallies.delete(id);
    this.changedTallies.delete(id);
    this.active = undefined;
  }

  /** One message of a campaign went from `from` to `to`: the tally follows, written soon. */
  private tally(partition: string, from: RecipientStatus, to: RecipientStatus): void {
    if (partition === NOTICES) return;
    const id = decodeKey(partition);
    const counts = this.tallies.get(id);
    if (!counts) return;
    counts[from] -= 1;
    counts[to] += 1;
    this.changedTallies.add(id);
    this.tallyTimer ??= setTimeout(() => {
      this.writeTallies().catch((error: unknown) => this.onError(error));
    }, 1000);
    this.tallyTimer.unref();
  }

  /** Writes the changed tallies into their campaigns' rows. */
  private async writeTallies(): Promise<void> {
    this.tallyTimer = undefined;
    const campaigns = await this.campaigns_();
    for (const id of [...this.changedTallies]) {
      this.changedTallies.delete(id);
      const counts = this.tallies.get(id);
      if (!counts) continue;
      try {
        await campaigns.updateEntity(
          {
            partitionKey: CAMPAIGN,
            rowKey: tableKey(id),
            counts: JSON.stringify(counts),
            countedAt: Date.now(),
          },
          'Merge',
        );
      } catch (error) {
        this.changedTallies.add(id);
        this.tallyTimer ??= setTimeout(() => {
          this.writeTallies().catch((e: unknown) => this.onError(e));
        }, 1000);
        this.tallyTimer.unref();
        throw error;
      }
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.flushing.values()]);
    if (this.tallyTimer) clearTimeout(this.tallyTimer);
    this.tallyTimer = undefined;
    if (this.changedTallies.size > 0) await this.writeTallies().catch(this.onError);
  }
}

function readyOf(m: ReadyEntity): ReadyEntity {
  return {
    seq: m.seq,
    key: m.key,
    personId: m.personId,
    ...(m.conversationId ? { conversationId: m.conversationId } : {}),
    ...(m.reference ? { reference: m.reference } : {}),
    attempts: m.attempts,
    notBefore: m.notBefore,
  };
}

function toCampaign(row: CampaignEntity): QueuedCampaign {
  return {
    summary: JSON.parse(unchunked(row, 'content')) as CampaignSummary,
    state: row.state === 'done' ? 'done' : 'running',
  };
}

function candidateMessage(partition: string, c: Candidate): QueuedMessage {
  return {
    id: `${partition}/${c.key}`,
    campaignId: partition === NOTICES ? `notice:${decodeKey(c.key)}` : decodeKey(partition),
    personId: c.personId,
    ...(c.conversationId ? { conversationId: c.conversationId } : {}),
    ...(c.reference ? { reference: JSON.parse(c.reference) as unknown } : {}),
    state: 'sending',
    attempts: c.attempts + 1,
  };
}

function toMessage(partition: string, campaignId: string, row: MessageEntity): QueuedMessage {
  return {
    id: `${partition}/${row.key}`,
    campaignId,
    personId: row.personId,
    ...(row.conversationId ? { conversationId: row.conversationId } : {}),
    ...(row.reference ? { reference: JSON.parse(row.reference) as unknown } : {}),
    state: row.state,
    attempts: row.attempts,
    ...(row.detail ? { detail: row.detail } : {}),
  };
}

/** The id `tableKey` encoded. */
function decodeKey(key: string): string {
  return key.startsWith('~') ? Buffer.from(key.slice(1), 'base64url').toString() : key;
}
