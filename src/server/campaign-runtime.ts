import { MessageFactory, type Activity, type Attachment, type CloudAdapter } from 'botbuilder';
import { leadSummaryInput, renderLeadSummaryCard } from '../../bot/cards/lead-summary-card';
import { renderReminderCard } from '../../bot/cards/reminder-card';
import { AzureConversationStore } from '../campaigns/azure/azure-conversation-store';
import { AzureSendQueue } from '../campaigns/azure/azure-send-queue';
import { azureStorage } from '../campaigns/azure/azure-storage';
import { BlobLeaseLeadership } from '../campaigns/azure/blob-lease';
import { CampaignService } from '../campaigns/campaign-service';
import { CompletionInbox } from '../campaigns/completion-inbox';
import { PlanStoreConversations, type ConversationStore } from '../campaigns/conversation-store';
import { SoleInstance, type Leadership } from '../campaigns/leadership';
import { openLocalDb } from '../campaigns/local-db';
import { QueuedNotices, type Notices } from '../campaigns/notices';
import { CampaignSender, type Reacher } from '../campaigns/sender';
import type { SendQueue } from '../campaigns/send-queue';
import { SqliteSendQueue } from '../campaigns/sqlite-send-queue';
import { BotTransport, type MessageTransport } from '../campaigns/transport';
import type { Config } from '../config/config';
import type { Clock } from '../services/clock';
import type { PlanStore } from '../store/plan-store';
import { asJob, log } from '../observability/log';

/** The send queue, its sender and the inbox of confirmations, running beside the server. */
export type CampaignRuntime = {
  queue: SendQueue;
  inbox: CompletionInbox;
  sender: CampaignSender;
  /** Binds the service; the server creates it with the training service it shares. */
  service: CampaignService;
  /** Single cards for single people (review cards, outcomes, quarterly reminders). */
  notices: Notices;
  /** Whether this instance sends and runs the scheduled jobs. */
  leadership: Leadership;
  /**
   * Runs `job` when this instance starts leading (at once when it leads already) and every
   * `everyMs` while it leads: scheduled jobs run on one instance at a time.
   */
  whileLeading(name: string, everyMs: number, job: () => Promise<unknown>): void;
  close(): Promise<void>;
};

export type CampaignRuntimeDeps = {
  config: Config;
  store: PlanStore;
  clock: Clock;
  adapter: CloudAdapter;
  /** Replaces the Bot Framework transport (benchmarks of the queue alone). */
  transport?: MessageTransport;
  /** Finds conversations for people the bot cannot reach yet (installing the app through Graph). */
  reach?: Reacher;
  /** Where conversation references are kept (`openConversationStore`); the store's own if left out. */
  conversations?: ConversationStore;
};

/**
 * Where conversation references are kept: with AZURE_STORAGE_CONNECTION_STRING in Azure Tables,
 * shared by every instance (copying once those the plan's store had); otherwise in the plan's
 * store, as one instance always did.
 */
export function openConversationStore(
  config: Pick<Config, 'azureStorage'>,
  store: PlanStore,
): ConversationStore {
  const own = new PlanStoreConversations(store);
  if (!config.azureStorage) return own;
  return new AzureConversationStore(azureStorage(config.azureStorage.connectionString), own);
}

/**
 * Opens the send queue (`queue.sqlite` in DATA_DIR, or Azure Tables with
 * AZURE_STORAGE_CONNECTION_STRING) and the local inbox of confirmations, and competes for the
 * leadership (alone: leads at once). While it leads, the sender first queues again whatever a
 * stop left in flight, then works the queue; a campaign whose messages are all settled gets its
 * final summary in the plan's store.
 */
export function startCampaignRuntime(deps: CampaignRuntimeDeps): CampaignRuntime {
  const { config, store, clock } = deps;
  const db = openLocalDb(config.dataDir);
  const shared = config.azureStorage
    ? azureStorage(config.azureStorage.connectionString)
    : undefined;
  const queue: SendQueue = shared
    ? new AzureSendQueue(shared, undefined, (error) =>
        log.error({ err: error }, 'the shared send queue failed'),
      )
    : new SqliteSendQueue(db);
  // Confirmations wait here only until the plan's store has them: local to each instance.
  const inbox = new CompletionInbox(db);
  const conversations = deps.conversations ?? new PlanStoreConversations(store);
  // The service wakes the sender, which is built after it (it composes through the service).
  const wake = { sender: undefined as CampaignSender | undefined };
  const service = new CampaignService(
    store,
    queue,
    clock,
    inbox,
    () => wake.sender?.notify(),
    deps.reach !== undefined,
    conversations,
  );
  const transport = deps.transport ?? new BotTransport(deps.adapter, config.bot.appId ?? '');
  // A reminder names no one, so a wave's card is the same for everyone on a day: expanding the
  // template takes ~20 ms, which at 50 messages a second would be a whole core.
  const cards = new Map<string, Attachment>();
  const sender = new CampaignSender(
    queue,
    transport,
    {
      compose: async (message) => {
        const notice = await queue.noticeActivity(message.campaignId);
        if (notice !== undefined) return notice as Partial<Activity>;
        if ((await service.kindOf(message)) === 'summary') {
          const standing = await service.leadSummaryFor(message);
          const card = renderLeadSummaryCard(leadSummaryInput(standing, `${config.publicUrl}/`));
          return MessageFactory.attachment(card);
        }
        const { training, wave, today } = await service.reminderFor(message);
        const key = `${wave.id}|${wave.opensOn}|${wave.dueOn}|${today}`;
        const card =
          cards.get(key) ??
          renderReminderCard({
            trainingId: training.id,
            title: training.title,
            courseUrl: training.courseUrl,
            waveId: wave.id,
            sequence: wave.sequence,
            tier: wave.tier,
            opensOn: wave.opensOn,
            dueOn: wave.dueOn,
            today,
          });
        if (cards.size > 100) cards.clear();
        cards.set(key, card);
        return MessageFactory.attachment(card, undefined, `Reminder: ${training.title}`);
      },
      ...(deps.reach ? { reach: deps.reach } : {}),
      onCampaignSettled: async (id) => {
        await service.settled(id);
      },
      onError: (error) => log.error({ err: error }, 'the campaign sender failed'),
    },
    {
      ratePerSecond: config.campaign.ratePerSecond,
      concurrency: config.campaign.concurrency,
    },
    clock,
  );
  wake.sender = sender;
  const notices = new QueuedNotices(
    store,
    conversations,
    queue,
    clock,
    config.officerObjectIds,
    () => sender.notify(),
    deps.reach !== undefined,
  );
  const leadership: Leadership = shared
    ? new BlobLeaseLeadership({
        storage: shared,
        instanceId: config.instanceId,
        log: (line) => log.info({ instanceId: config.instanceId }, line.replace(/^reap: /, '')),
        onError: (error) => log.error({ err: error }, 'the sender lease failed'),
      })
    : new SoleInstance();
  const jobs = new ScheduledJobs();
  leadership.start({
    lead: async () => {
      sender.start();
      jobs.start();
    },
    follow: async () => {
      jobs.stop();
      try {
        await sender.stop();
      } catch (error) {
        log.error({ err: error }, 'the campaign sender did not stop cleanly');
      }
    },
  });
  return {
    queue,
    inbox,
    sender,
    service,
    notices,
    leadership,
    whileLeading: (name, everyMs, job) => jobs.add(name, everyMs, job),
    close: async () => {
      await leadership.stop();
      jobs.stop();
      await sender.stop();
      await queue.close();
      if (db.open) db.close();
    },
  };
}

type Job = { name: string; everyMs: number; run: () => Promise<unknown>; timer?: NodeJS.Timeout };

/** Jobs run while this instance leads: once when it starts leading, then every `everyMs`. */
class ScheduledJobs {
  private readonly jobs: Job[] = [];
  private running = false;

  add(name: string, everyMs: number, run: () => Promise<unknown>): void {
    const job: Job = { name, everyMs, run };
    this.jobs.push(job);
    if (this.running) this.begin(job);
  }

  start(): void {
    this.running = true;
    for (const job of this.jobs) this.begin(job);
  }

  stop(): void {
    this.running = false;
    for (const job of this.jobs) {
      clearInterval(job.timer);
      job.timer = undefined;
    }
  }

  private begin(job: Job): void {
    if (job.timer) return;
    const once = () => {
      asJob(job.name, () =>
        job.run().catch((error: unknown) => log.error({ err: error }, `${job.name} failed`)),
      );
    };
    once();
    job.timer = setInterval(once, job.everyMs);
    job.timer.unref();
  }
}
