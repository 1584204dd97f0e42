import { addDays } from '../dates';
import type { PlanSettings } from '../plan/settings';
import type { Completion, IsoDate, Person, Tier, Training, Wave } from '../types';
import { TIERS } from '../types';
import { percentDown, requirementsFor } from './training-completion';

/** One week of a training's trend: how many had completed by the end of that week. */
export type TrendPoint = {
  /** The Monday the week starts on. */
  weekStart: IsoDate;
  /** Completions dated on or before the week's last day (the last point: every completion). */
  completed: number;
  /** People required today; the roster of past weeks is not kept, so every point uses today's. */
  required: number;
  /** `completed` of `required`, 0–100 rounded down. */
  percent: number;
};

/** Cumulative completion of one training by one tier (one wave), week by week. */
export type TrainingTrend = {
  trainingId: string;
  tier: Tier;
  waveId: string;
  dueOn: IsoDate;
  points: TrendPoint[];
};

const DAY_MS = 86_400_000;

/** The Monday of the week `date` falls in. */
export function weekStartOf(date: IsoDate): IsoDate {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/**
 * Where a trend starts: the first wave's opening (nothing can be completed before a wave opens),
 * or the plan period's start when there are no waves.
 */
export function trendStart(waves: readonly Wave[], settings: PlanSettings): IsoDate {
  const opened = waves.map((w) => w.opensOn).sort();
  return opened[0] ?? settings.period.start;
}

/**
 * Cumulative completion of each training per tier, one point a week from the week of `from` to the
 * week of `today`. People are counted in the tier of the wave that reaches them, as
 * `trainingProgress` counts them, so the last point of a series equals that wave's scorecard figure:
 * it counts every completion, also one dated after today (only an import can date one so).
 */
export function trainingTrend(
  people: readonly Person[],
  leadIds: ReadonlySet<string>,
  trainings: readonly Training[],
  waves: readonly Wave[],
  completions: readonly Completion[],
  from: IsoDate,
  today: IsoDate,
): TrainingTrend[] {
  const first = weekStartOf(from < today ? from : today);
  const weeks: IsoDate[] = [];
  for (let w = first; w <= today; w = addDays(w, 7)) weeks.push(w);
  const completedOn = new Map<string, IsoDate>();
  for (const c of completions) {
    const key = `${c.personId}|${c.trainingId}`;
    const known = completedOn.get(key);
    if (known === undefined || c.completedOn < known) completedOn.set(key, c.completedOn);
  }
  /** Per wave: how many people it reaches, and completions per week index (past the end: last). */
  const tally = new Map<string, { required: number; byWeek: number[] }>();
  for (const person of people) {
    for (const { training, wave } of requirementsFor(
      person,
      leadIds.has(person.id),
      [...trainings],
      [...waves],
    )) {
      const t = tally.get(wave.id) ?? {
        required: 0,
        byWeek: new Array<number>(weeks.length).fill(0),
      };
      t.required += 1;
      const day = completedOn.get(`${person.id}|${training.id}`);
      if (day !== undefined) {
        const index = Math.floor((Date.parse(day) - Date.parse(first)) / (7 * DAY_MS));
        const at = Math.min(Math.max(index, 0), weeks.length - 1);
        t.byWeek[at] = (t.byWeek[at] ?? 0) + 1;
      }
      tally.set(wave.id, t);
    }
  }
  const out: TrainingTrend[] = [];
  for (const training of trainings) {
    for (const tier of TIERS) {
      const wave = waves.find((w) => w.trainingId === training.id && w.tier === tier);
      if (!wave) continue;
      const t = tally.get(wave.id);
      const required = t?.required ?? 0;
      let completed = 0;
      const points = weeks.map((weekStart, i) => {
        completed += t?.byWeek[i] ?? 0;
        return { weekStart, completed, required, percent: percentDown(completed, required) };
      });
      out.push({ trainingId: training.id, tier, waveId: wave.id, dueOn: wave.dueOn, points });
    }
  }
  return out;
}
