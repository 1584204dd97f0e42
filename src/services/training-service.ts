import { randomUUID } from 'node:crypto';
import {
  NotFound,
  requirementsFor,
  toIsoDate,
  validateCompletionDate,
  ValidationError,
  waveState,
  type Completion,
  type CompletionSource,
  type Requirement,
  type IsoDate,
  type Tier,
  type WaveState,
} from '../domain';
import type { CompletionInbox } from '../campaigns/completion-inbox';
import type { PlanStore, RecordOutcome } from '../store/plan-store';
import type { Clock } from './clock';

/** How confirmations reach a store that may be slow. */
export type TrainingServiceOptions = {
  /** Where a confirmation is kept durably before the answer; without it the answer waits on the store. */
  inbox?: CompletionInbox;
  /** How long a confirmation waits on the store before answering from the inbox. @default 1500 */
  storeWaitMs?: number;
  /** A write to the store failed; it stays in the inbox and is tried again. */
  onStoreError?(error: unknown): void;
};

/** One training a person must take, as the bot's card and the tab show it. */
export type MyTraining = {
  trainingId: string;
  title: string;
  courseUrl: string;
  waveId: string;
  sequence: number;
  tier: Tier;
  opensOn: IsoDate;
  dueOn: IsoDate;
  state: WaveState;
  completedOn?: IsoDate;
};

export type ConfirmInput = {
  personId: string;
  trainingId: string;
  /** Defaults to today. */
  completedOn?: string;
  source: CompletionSource;
  /** Who recorded it, for the audit log: the person themselves unless said otherwise. */
  actorId?: string;
};

/** Required trainings and their confirmation, for the bot and the tab alike. */
export class TrainingService {
  private readonly writes = new Map<string, Promise<RecordOutcome | undefined>>();

  constructor(
    private readonly store: PlanStore,
    private readonly clock: Clock,
    private readonly options: TrainingServiceOptions = {},
  ) {}

  today(): IsoDate {
    return toIsoDate(this.clock.now());
  }

  /** The trainings `personId` must take, with the wave that reaches them and what is done. */
  async myTrainings(personId: string): Promise<MyTraining[]> {
    const today = this.today();
    return (await this.standing(personId)).map(({ training, wave, completion }) => ({
      trainingId: training.id,
      title: training.title,
      courseUrl: training.courseUrl,
      waveId: wave.id,
      sequence: wave.sequence,
      tier: wave.tier,
      opensOn: wave.opensOn,
      dueOn: wave.dueOn,
      state: waveState(wave, today),
      completedOn: completion?.completedOn,
    }));
  }

  /** Each training required of `personId`, with its wave and the completion if there is one. */
  private async standing(
    personId: string,
  ): Promise<Array<Requirement & { completion?: Completion }>> {
    const person = await this.store.getPerson(personId);
    if (!person) throw new NotFound('person', personId);
    const [trainings, waves, members, stored] = await Promise.all([
      this.store.listTrainings(),
      this.store.listWaves(),
      this.store.listMembers({ departmentId: person.departmentId }),
      this.store.listCompletions({ personId }),
    ]);
    const completions = [...stored, ...(this.options.inbox?.pending(personId) ?? [])];
    const isLead = members.some((m) => m.personId === personId && m.role === 'lead');
    return requirementsFor(person, isLead, trainings, waves).map((r) => ({
      ...r,
      completion: completions.find((c) => c.trainingId === r.training.id),
    }));
  }

  /**
   * Records that `personId` completed a training, with its audit entry. Idempotent: a second
   * confirmation returns the first one with `created: false` and logs nothing.
   * The caller has authorised the actor (`training.complete` on the person's record).
   * @throws ValidationError when the training is not required of the person, its wave has not
   * opened, or the date breaks a rule.
   */
  async confirm(input: ConfirmInput): Promise<RecordOutcome> {
    const required = (await this.standing(input.personId)).find(
      (r) => r.training.id === input.trainingId,
    );
    if (!required) {
      throw new ValidationError(
        'trainingId',
        'required-of-person',
        `Training ${input.trainingId} is not one of your required trainings.`,
      );
    }
    if (required.completion) return { completion: required.completion, created: false };
    const { training, wave } = required;
    const today = this.today();
    if (waveState(wave, today) === 'not_open') {
      throw new ValidationError(
        'trainingId',
        'wave-open',
        `${training.title} opens for you on ${wave.opensOn}.`,
      );
    }
    const completedOn = input.completedOn ?? today;
    validateCompletionDate(wave, completedOn, today);
    const completion: Completion = {
      id: randomUUID(),
      personId: input.personId,
      trainingId: input.trainingId,
      waveId: wave.id,
      completedOn,
      recordedAt: this.clock.now().toISOString(),
      source: input.source,
      recordedBy: input.actorId ?? input.personId,
    };
    // The store writes the audit entry with the completion (see `completionAudit`).
    const { inbox } = this.options;
    if (!inbox) return this.store.recordCompletion(completion);
    if (!inbox.add(completion)) {
      const waiting = inbox.pending(input.personId).find((c) => c.trainingId === input.trainingId);
      return { completion: waiting ?? completion, created: false };
    }
    // Durable now; answer with the store's word if it comes in time, else from the inbox.
    let timer: NodeJS.Timeout | undefined;
    const written = await Promise.race([
      this.write(completion),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), this.options.storeWaitMs ?? 1500);
      }),
    ]);
    clearTimeout(timer);
    return written ?? { completion, created: true };
  }

  /**
   * Writes a waiting completion to the store and takes it out of the inbox; on failure it stays
   * for `flushPending`. One write per person and training at a time.
   */
  private write(completion: Completion): Promise<RecordOutcome | undefined> {
    const key = `${completion.personId}|${completion.trainingId}`;
    const running = this.writes.get(key);
    if (running) return running;
    const inbox = this.options.inbox;
    const write = this.store
      .recordCompletion(completion)
      .then((outcome) => {
        inbox?.remove(completion);
        return outcome;
      })
      .catch((error: unknown) => {
        inbox?.failed(completion, error instanceof Error ? error.message : String(error));
        this.options.onStoreError?.(error);
        return undefined;
      })
      .finally(() => this.writes.delete(key));
    this.writes.set(key, write);
    return write;
  }

  /** Writes every waiting confirmation to the store (at start, and then every few seconds). */
  async flushPending(): Promise<number> {
    const pending = this.options.inbox?.pending() ?? [];
    let written = 0;
    for (const completion of pending) if (await this.write(completion)) written += 1;
    return written;
  }

  /** Confirmations kept in the inbox that the store has not taken yet. */
  pendingCount(): number {
    return this.options.inbox?.pending().length ?? 0;
  }
}
