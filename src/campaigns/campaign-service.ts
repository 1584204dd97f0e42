import { randomUUID } from 'node:crypto';
import {
  Conflict,
  isActive,
  NotFound,
  requirementsFor,
  toIsoDate,
  ValidationError,
  waveState,
  type CampaignSummary,
  type Department,
  type IsoDate,
  type Person,
  type RecipientStatus,
  type Training,
  type Wave,
  type WaveState,
} from '../domain';
import type { Clock } from '../services/clock';
import type { PlanStore } from '../store/plan-store';
import type { CompletionInbox } from './completion-inbox';
import { PlanStoreConversations, type ConversationStore } from './conversation-store';
import { derivedUuid } from './derived-id';
import type { QueuedMessage, SendQueue } from './send-queue';

/** A wave as the officer's campaign view shows it. */
export type WaveView = Wave & {
  trainingTitle: string;
  state: WaveState;
  /** People the wave reaches, and how many of them confirmed. */
  people: number;
  confirmed: number;
  /** The wave before it (same training) when that one has not opened: opening needs a reason. */
  blockedBy?: string;
  /** A campaign of this wave still sending. */
  campaignRunning: boolean;
};

/** A campaign with its live counts. */
export type CampaignView = CampaignSummary & {
  state: 'running' | 'done';
  trainingTitle: string;
  /** Recipients who have confirmed the training by now. */
  confirmed: number;
};

export type RecipientView = {
  personId: string;
  displayName: string;
  departmentId: string;
  status: RecipientStatus;
  detail?: string;
  confirmed: boolean;
};

export type OpenWaveInput = { dueOn: IsoDate; overrideReason?: string };

/** The people of one wave and who of them has confirmed. */
type WaveRoster = { wave: Wave; training: Training; people: Person[]; confirmed: Set<string> };

/**
 * Training waves and reminder campaigns: the officer opens a wave (in order, or out of order with
 * a reason that is kept), and sends its campaign to everyone in it who has not confirmed; a lead
 * nudges their own department's. Every message is queued durably before the first send (see
 * `SendQueue`); the campaign's summary goes to the plan's store at its start and its end.
 */
export class CampaignService {
  constructor(
    private readonly store: PlanStore,
    private readonly queue: SendQueue,
    private readonly clock: Clock,
    private readonly inbox?: CompletionInbox,
    /** Called after messages were queued, to wake the sender. */
    private readonly queued: () => void = () => undefined,
    /** Whether the sender can install the app for people without a conversation. */
    private readonly canReach = false,
    /** Where conversation references are kept (shared between instances when scaled out). */
    private readonly conversations: ConversationStore = new PlanStoreConversations(store),
  ) {}

  /** A recipient row: settled at once as not installed when there is no way to reach them. */
  private recipient(personId: string, reference: unknown) {
    return {
      personId,
      reference,
      conversationId: conversationIdOf(reference),
      ...(reference === undefined && !this.canReach
        ? { settled: { state: 'not_installed' as const, detail: NOT_INSTALLED } }
        : {}),
    };
  }

  private today(): IsoDate {
    return toIsoDate(this.clock.now());
  }

  /** Everyone a wave reaches, and who of them confirmed (in the store or waiting in the inbox). */
  private async rosters(): Promise<Map<string, WaveRoster>> {
    const [people, trainings, waves, members, completions] = await Promise.all([
      this.store.listPeople(),
      this.store.listTrainings(),
      this.store.listWaves(),
      this.store.listMembers(),
      this.store.listCompletions(),
    ]);
    const leads = new Set(members.filter((m) => m.role === 'lead').map((m) => m.personId));
    const done = new Set(completions.map((c) => `${c.personId}|${c.trainingId}`));
    for (const c of this.inbox?.pending() ?? []) done.add(`${c.personId}|${c.trainingId}`);
    const rosters = new Map<string, WaveRoster>();
    for (const wave of waves) {
      const training = trainings.find((t) => t.id === wave.trainingId);
      if (training) rosters.set(wave.id, { wave, training, people: [], confirmed: new Set() });
    }
    for (const person of people) {
      for (const { training, wave } of requirementsFor(
        person,
        leads.has(person.id),
        trainings,
        waves,
      )) {
        const roster = rosters.get(wave.id);
        if (!roster) continue;
        roster.people.push(person);
        if (done.has(`${person.id}|${training.id}`)) roster.confirmed.add(person.id);
      }
    }
    return rosters;
  }

  async waves(): Promise<WaveView[]> {
    const today = this.today();
    const rosters = await this.rosters();
    const running = new Set(
      (await this.queue.campaigns())
        .filter((c) => c.state === 'running' && c.summary.kind !== 'summary')
        .map((c) => c.summary.waveId),
    );
    const all = [...rosters.values()].map((r) => r.wave);
    return [...rosters.values()]
      .map(({ wave, training, people, confirmed }) => ({
        ...wave,
        trainingTitle: training.title,
        state: waveState(wave, today),
        people: people.length,
        confirmed: confirmed.size,
        blockedBy: this.blockedBy(wave, all, today),
        campaignRunning: running.has(wave.id),
      }))
      .sort((a, b) => a.trainingId.localeCompare(b.trainingId) || a.sequence - b.sequence);
  }

  /** The id of the wave before `wave` when it has not opened by `today`. */
  private blockedBy(wave: Wave, waves: Wave[], today: IsoDate): string | undefined {
    const before = waves.find(
      (w) => w.trainingId === wave.trainingId && w.sequence === wave.sequence - 1,
    );
    return before && waveState(before, today) === 'not_open' ? before.id : undefined;
  }

  /**
   * Opens `waveId` today with a due date. A wave opens only after the one before it, unless the
   * officer gives a reason, which is kept on the wave.
   * @throws ValidationError naming the field and rule; NotFound for an unknown wave.
   */
  async openWave(actorId: string, waveId: string, input: OpenWaveInput): Promise<Wave> {
    const wave = await this.store.getWave(waveId);
    if (!wave) throw new NotFound('wave', waveId);
    const today = this.today();
    if (waveState(wave, today) !== 'not_open') {
      throw new ValidationError('waveId', 'not-yet-open', `This wave opened on ${wave.opensOn}.`);
    }
    if (input.dueOn <= today) {
      throw new ValidationError(
        'dueOn',
        'after-today',
        `The due date must be after today (${today}).`,
      );
    }
    const blockedBy = this.blockedBy(wave, await this.store.listWaves(), today);
    const reason = input.overrideReason?.trim();
    if (blockedBy && !reason) {
      throw new ValidationError(
        'overrideReason',
        'required-out-of-order',
        `Wave ${wave.sequence - 1} of this training has not opened yet; say why this wave should open first.`,
      );
    }
    const opened: Wave = {
      ...wave,
      opensOn: today,
      dueOn: input.dueOn,
      ...(blockedBy && reason ? { overrideReason: reason } : {}),
    };
    await this.store.putWave(opened, {
      id: randomUUID(),
      at: this.clock.now().toISOString(),
      actorId,
      action: 'wave.open',
      recordType: 'wave',
      recordId: wave.id,
      before: wave,
      after: opened,
    });
    return opened;
  }

  /**
   * Queues a reminder to everyone `waveId` reaches who has not confirmed (of one department for
   * a nudge), and wakes the sender.
   * @throws ValidationError when the wave is not open; Conflict when its campaign is running.
   */
  async start(actorId: string, waveId: string, departmentId?: string): Promise<CampaignSummary> {
    const roster = (await this.rosters()).get(waveId);
    if (!roster) throw new NotFound('wave', waveId);
    if (waveState(roster.wave, this.today()) === 'not_open') {
      throw new ValidationError(
        'waveId',
        'wave-open',
        `This wave opens on ${roster.wave.opensOn}; open it before sending reminders.`,
      );
    }
    const kind = departmentId ? 'nudge' : 'wave';
    const running = (await this.queue.campaigns()).find(
      (c) =>
        c.state === 'running' &&
        c.summary.kind !== 'summary' &&
        c.summary.waveId === waveId &&
        (c.summary.departmentId === departmentId || c.summary.kind === 'wave'),
    );
    if (running) {
      throw new Conflict(
        `A reminder for this wave is still being sent (started ${running.summary.startedAt}); wait until it is done.`,
      );
    }
    const conversations = new Map(
      (await this.conversations.list()).map((c) => [c.personId, c.reference]),
    );
    const recipients = roster.people
      .filter((p) => !roster.confirmed.has(p.id))
      .filter((p) => !departmentId || p.departmentId === departmentId)
      .map((p) => this.recipient(p.id, conversations.get(p.id)));
    const summary: CampaignSummary = {
      id: randomUUID(),
      waveId,
      trainingId: roster.training.id,
      kind,
      ...(departmentId ? { departmentId } : {}),
      startedBy: actorId,
      startedAt: this.clock.now().toISOString(),
      recipients: recipients.length,
      counts: countsOf(recipients),
    };
    // The plan's record (with its audit entry) first: a crash after it leaves a campaign that
    // sent nothing, never messages without a record.
    await this.store.putCampaignSummary(summary, {
      id: `campaign.start:${summary.id}`,
      at: summary.startedAt,
      actorId,
      action: 'campaign.start',
      recordType: 'campaign',
      recordId: summary.id,
      after: summary,
    });
    await this.queue.addCampaign(summary, recipients, this.clock.now());
    this.queued();
    return summary;
  }

  /**
   * Every campaign with its live counts, newest first. Cheap enough to poll: one read of the
   * trainings and of each campaign's training's completions, no roster.
   */
  async campaigns(): Promise<CampaignView[]> {
    const queued = await this.queue.campaigns();
    if (queued.length === 0) return [];
    const trainings = await this.store.listTrainings();
    const confirmedOf = new Map<string, Promise<Set<string>>>();
    const confirmedBy = (trainingId: string) => {
      let set = confirmedOf.get(trainingId);
      if (!set) {
        set = this.confirmedOf(trainingId);
        confirmedOf.set(trainingId, set);
      }
      return set;
    };
    return Promise.all(
      queued.map(async ({ summary, state }) => {
        const [done, counts, personIds] = await Promise.all([
          confirmedBy(summary.trainingId),
          this.queue.counts(summary.id),
          this.queue.personIds(summary.id),
        ]);
        return {
          ...summary,
          counts,
          state,
          trainingTitle:
            trainings.find((t) => t.id === summary.trainingId)?.title ?? summary.trainingId,
          confirmed: personIds.filter((id) => done.has(id)).length,
        };
      }),
    );
  }

  /** Who has confirmed `trainingId`, in the store or waiting in the inbox. */
  private async confirmedOf(trainingId: string): Promise<Set<string>> {
    const done = new Set((await this.store.listCompletions({ trainingId })).map((c) => c.personId));
    for (const c of this.inbox?.pending() ?? [])
      if (c.trainingId === trainingId) done.add(c.personId);
    return done;
  }

  /** A campaign's recipients, of one status if given. */
  async recipients(campaignId: string, status?: RecipientStatus): Promise<RecipientView[]> {
    const campaign = await this.queue.campaign(campaignId);
    if (!campaign) throw new NotFound('campaign', campaignId);
    const [people, done, messages] = await Promise.all([
      this.store.listPeople(),
      this.confirmedOf(campaign.summary.trainingId),
      this.queue.messages(campaignId, status),
    ]);
    const byId = new Map(people.map((p) => [p.id, p]));
    return messages.map((m) => ({
      personId: m.personId,
      displayName: byId.get(m.personId)?.displayName ?? m.personId,
      departmentId: byId.get(m.personId)?.departmentId ?? '',
      status: m.state,
      ...(m.detail ? { detail: m.detail } : {}),
      confirmed: done.has(m.personId),
    }));
  }

  /**
   * A campaign's messages are all settled: its final counts go to the plan's store, and after a
   * wave's reminder each lead of a department it reached is sent a summary of who has not
   * confirmed (queued in the same transaction that closes the campaign).
   */
  async settled(campaignId: string): Promise<CampaignSummary | undefined> {
    const campaign = await this.queue.campaign(campaignId);
    if (!campaign) return undefined;
    const now = this.clock.now();
    const summary: CampaignSummary = {
      ...campaign.summary,
      finishedAt: now.toISOString(),
      counts: await this.queue.counts(campaignId),
    };
    await this.store.putCampaignSummary(summary);
    const followUp = summary.kind === 'wave' ? await this.leadSummaries(summary, now) : undefined;
    await this.queue.markCampaignDone(campaignId, summary, followUp);
    if (followUp) this.queued();
    return summary;
  }

  /** The campaign that tells each lead of the departments `wave` reached how it stands. */
  private async leadSummaries(wave: CampaignSummary, now: Date) {
    const [people, members, conversations, personIds] = await Promise.all([
      this.store.listPeople(),
      this.store.listMembers(),
      this.conversations.list(),
      this.queue.personIds(wave.id),
    ]);
    const departmentOf = new Map(people.map((p) => [p.id, p.departmentId]));
    const reached = new Set(personIds.map((id) => departmentOf.get(id)));
    const references = new Map(conversations.map((c) => [c.personId, c.reference]));
    // A lead who left is still on the department's team until it names another; not told.
    const gone = new Set(people.filter((p) => !isActive(p)).map((p) => p.id));
    const recipients = members
      .filter((m) => m.role === 'lead' && reached.has(m.departmentId) && !gone.has(m.personId))
      .map((m) => this.recipient(m.personId, references.get(m.personId)));
    if (recipients.length === 0) return undefined;
    const summary: CampaignSummary = {
      // Derived from the wave's campaign: queuing it again after a stop finds it queued.
      id: followUpId(wave.id),
      waveId: wave.waveId,
      trainingId: wave.trainingId,
      kind: 'summary',
      startedBy: 'system',
      startedAt: now.toISOString(),
      recipients: recipients.length,
      counts: countsOf(recipients),
    };
    return { summary, recipients, now };
  }

  /** Where one department stands in one wave: everyone it reaches, and who has not confirmed. */
  async departmentStanding(waveId: string, departmentId: string): Promise<DepartmentStanding> {
    const roster = (await this.rosters()).get(waveId);
    if (!roster) throw new NotFound('wave', waveId);
    const department = (await this.store.listDepartments()).find((d) => d.id === departmentId);
    if (!department) throw new NotFound('department', departmentId);
    const people = roster.people.filter((p) => p.departmentId === departmentId);
    return {
      training: roster.training,
      wave: roster.wave,
      department,
      people: people.length,
      unconfirmed: people
        .filter((p) => !roster.confirmed.has(p.id))
        .sort((a, b) => a.displayName.localeCompare(b.displayName)),
    };
  }

  /** The summary for the lead a `summary` message goes to. */
  async leadSummaryFor(message: QueuedMessage): Promise<DepartmentStanding> {
    const campaign = await this.queue.campaign(message.campaignId);
    if (!campaign) throw new NotFound('campaign', message.campaignId);
    const lead = await this.store.getPerson(message.personId);
    if (!lead) throw new NotFound('person', message.personId);
    const led = (await this.store.listMembers()).find(
      (m) => m.personId === lead.id && m.role === 'lead',
    );
    return this.departmentStanding(campaign.summary.waveId, led?.departmentId ?? lead.departmentId);
  }

  /** What kind of campaign a queued message belongs to. */
  async kindOf(message: QueuedMessage): Promise<CampaignSummary['kind'] | undefined> {
    return (await this.queue.campaign(message.campaignId))?.summary.kind;
  }

  /** The reminder's content for one queued message: what the card is built from. */
  async reminderFor(message: QueuedMessage): Promise<ReminderContent> {
    const campaign = await this.queue.campaign(message.campaignId);
    if (!campaign) throw new NotFound('campaign', message.campaignId);
    const [wave, trainings] = await Promise.all([
      this.store.getWave(campaign.summary.waveId),
      this.store.listTrainings(),
    ]);
    const training = trainings.find((t) => t.id === campaign.summary.trainingId);
    if (!wave || !training) throw new NotFound('wave', campaign.summary.waveId);
    return { training, wave, today: this.today() };
  }
}

const EMPTY_COUNTS: Record<RecipientStatus, number> = {
  queued: 0,
  sending: 0,
  sent: 0,
  blocked: 0,
  not_installed: 0,
  gone: 0,
  failed: 0,
};

const NOT_INSTALLED =
  'reap is not installed for this person in Teams (they have never opened the bot)';

/** The counts of a campaign as queued. */
function countsOf(recipients: Array<{ settled?: { state: RecipientStatus } }>) {
  const counts = { ...EMPTY_COUNTS };
  for (const r of recipients) counts[r.settled?.state ?? 'queued'] += 1;
  return counts;
}

/** One department in one wave, for a lead's summary. */
export type DepartmentStanding = {
  training: Training;
  wave: Wave;
  department: Department;
  people: number;
  unconfirmed: Person[];
};

/** What a reminder card is built from. */
export type ReminderContent = { training: Training; wave: Wave; today: IsoDate };

/** The id of the leads' summary that follows campaign `id`: a UUID derived from it. */
export function followUpId(id: string): string {
  return derivedUuid(`leads-summary:${id}`);
}

/** The conversation id inside a stored botbuilder conversation reference. */
export function conversationIdOf(reference: unknown): string | undefined {
  const id = (reference as { conversation?: { id?: unknown } } | undefined)?.conversation?.id;
  return typeof id === 'string' ? id : undefined;
}
