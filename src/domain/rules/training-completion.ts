import { isIsoDate } from '../dates';
import { ValidationError } from '../errors';
import { isActive } from '../people';
import type { Completion, IsoDate, Person, Tier, Training, Wave } from '../types';
import { TIERS } from '../types';

export type WaveState = 'not_open' | 'open' | 'overdue' | 'closed';

/** Where a wave stands on a day: not open yet, open, past its due date. */
export function waveState(wave: Wave, today: IsoDate): WaveState {
  if (today < wave.opensOn) return 'not_open';
  if (today > wave.dueOn) return 'overdue';
  return 'open';
}

export type Requirement = { training: Training; wave: Wave };

/**
 * The trainings a person must take, each with the wave that reaches them: the wave of their tier,
 * or, for a training leads must take whatever their tier, its first wave. Nothing for a person
 * who left, so progress, reminders and attendance count only active staff.
 */
export function requirementsFor(
  person: Person,
  isLead: boolean,
  trainings: Training[],
  waves: Wave[],
): Requirement[] {
  if (!isActive(person)) return [];
  const out: Requirement[] = [];
  for (const training of trainings) {
    const own = waves.filter((w) => w.trainingId === training.id);
    const byTier = own.find((w) => w.tier === person.tier);
    const wave =
      byTier ??
      (training.requiredForLeads && isLead
        ? [...own].sort((a, b) => a.sequence - b.sequence)[0]
        : undefined);
    if (wave) out.push({ training, wave });
  }
  return out;
}

/**
 * A completion date must be a real date, not in the future, and not before its wave opened.
 * @throws ValidationError naming `completedOn` and the rule broken.
 */
export function validateCompletionDate(wave: Wave, completedOn: string, today: IsoDate): void {
  if (!isIsoDate(completedOn)) {
    throw new ValidationError(
      'completedOn',
      'date',
      'Completion date must be a date (YYYY-MM-DD).',
    );
  }
  if (completedOn > today) {
    throw new ValidationError(
      'completedOn',
      'not-in-future',
      `Completion date ${completedOn} is in the future; use today (${today}) or earlier.`,
    );
  }
  if (completedOn < wave.opensOn) {
    throw new ValidationError(
      'completedOn',
      'not-before-wave',
      `Completion date ${completedOn} is before this wave opened on ${wave.opensOn}.`,
    );
  }
}

export type TierProgress = {
  trainingId: string;
  tier: Tier;
  waveId: string;
  dueOn: IsoDate;
  state: WaveState;
  required: number;
  completed: number;
  /** 0–100, rounded down; 100 only when everyone is done. */
  percent: number;
  /** True when the wave is past due and someone has not completed. */
  behind: boolean;
};

/**
 * Completion of each training per tier, against each wave's due date. Leads who must take a
 * training outside their tier's waves are counted in the tier of the wave that reaches them.
 */
export function trainingProgress(
  people: Person[],
  leadIds: ReadonlySet<string>,
  trainings: Training[],
  waves: Wave[],
  completions: Completion[],
  today: IsoDate,
): TierProgress[] {
  const done = new Set(completions.map((c) => `${c.personId}|${c.trainingId}`));
  const tally = new Map<string, { wave: Wave; required: number; completed: number }>();
  for (const person of people) {
    for (const { training, wave } of requirementsFor(
      person,
      leadIds.has(person.id),
      trainings,
      waves,
    )) {
      const t = tally.get(wave.id) ?? { wave, required: 0, completed: 0 };
      t.required += 1;
      if (done.has(`${person.id}|${training.id}`)) t.completed += 1;
      tally.set(wave.id, t);
    }
  }
  const out: TierProgress[] = [];
  for (const training of trainings) {
    for (const tier of TIERS) {
      const wave = waves.find((w) => w.trainingId === training.id && w.tier === tier);
      if (!wave) continue;
      const t = tally.get(wave.id) ?? { wave, required: 0, completed: 0 };
      const state = waveState(wave, today);
      out.push({
        trainingId: training.id,
        tier,
        waveId: wave.id,
        dueOn: wave.dueOn,
        state,
        required: t.required,
        completed: t.completed,
        percent: percentDown(t.completed, t.required),
        behind: state === 'overdue' && t.completed < t.required,
      });
    }
  }
  return out;
}

/** A percentage rounded down, so 99.9 % never shows as done; 100 when nothing is required. */
export function percentDown(part: number, whole: number): number {
  if (whole === 0) return 100;
  return Math.floor((part * 100) / whole);
}
