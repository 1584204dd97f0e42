import { MessageFactory, type Activity, type Attachment, type CloudAdapter } from 'botbuilder';
import { leadSummaryInput, renderLeadSummaryCard } from '../../bot/cards/lead-summary-card';
import { renderReminderCard } from '../../bot/cards/reminder-card';
import { CampaignService } from '../campaigns/campaign-service';
import { CompletionInbox } from '../campaigns/completion-inbox';
import { openLocalDb } from '../campaigns/local-db';
import { QueuedNotices, type Notices } from '../campaigns/notices';
import { CampaignSender, type Reacher } from '../campaigns/sender';
import { SendQueue } from '../campaigns/send-queue';
import { BotTransport, type MessageTransport } from '../campaigns/transport';
import type { Config } from '../config/config';
import type { Clock } from '../services/clock';
import type { PlanStore } from '../store/plan-store';

/** The send queue, its sender and the inbox of confirmations, running beside the server. */
export type CampaignRuntime = {
  queue: SendQueue;
  inbox: CompletionInbox;
  sender: CampaignSender;
  /** Binds the service; the server creates it with the training service it shares. */
  service: CampaignService;
  /** Single cards for single people (review cards, outcomes, quarterly reminders). */
  notices: Notices;
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
};

/**
 * Opens `queue.sqlite` in DATA_DIR and starts the sender: it first queues again whatever a stop
 * left in flight, then works the queue; a campaign whose messages are all settled gets its final
 * summary in the plan's store.
 */
export function startCampaignRuntime(deps: CampaignRuntimeDeps): CampaignRuntime {
  const { config, store, clock } = deps;
  const db = openLocalDb(config.dataDir);
  const queue = new SendQueue(db);
  const inbox = new CompletionInbox(db);
  // The service wakes the sender, which is built after it (it composes through the service).
  const wake = { sender: undefined as CampaignSender | undefined };
  const service = new CampaignService(
    store,
    queue,
    clock,
    inbox,
    () => wake.sender?.notify(),
    deps.reach !== undefined,
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
        const notice = queue.noticeActivity(message.campaignId);
        if (notice !== undefined) return notice as Partial<Activity>;
        if (service.kindOf(message) === 'summary') {
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
      onError: (error) => console.error('reap: campaign sender', error),
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
    queue,
    clock,
    config.officerObjectIds,
    () => sender.notify(),
    deps.reach !== undefined,
  );
  sender.start();
  return {
    queue,
    inbox,
    sender,
    service,
    notices,
    close: async () => {
      await sender.stop();
      queue.close();
    },
  };
}
