import { addDays, daysBetween, minDate } from '../dates';
import type { PlanSettings } from '../plan/settings';
import type { IsoDate, PartnershipMeeting } from '../types';

export type CadenceEvaluation = {
  kept: boolean;
  meetings: number;
  lastHeldOn?: IsoDate;
  /** The longest stretch without a meeting between the period's start and today (or its end). */
  longestGapDays: number;
  /** The day the next meeting is due: the last one (or the period's start) plus the cadence. */
  dueBy: IsoDate;
  /** True when today, inside the plan period, is past `dueBy`: a meeting is overdue now. */
  overdue: boolean;
};

/**
 * The plan asks the team to meet partners "regularly": at least once every cadence window (a
 * quarter by default), counted from the start of the plan period to today or the period's end.
 */
export function partnershipCadence(
  meetings: PartnershipMeeting[],
  settings: PlanSettings,
  today: IsoDate,
): CadenceEvaluation {
  const { start } = settings.period;
  const end = minDate(today, settings.period.end);
  const days = meetings
    .map((m) => m.heldOn)
    .filter((d) => d >= start && d <= end)
    .sort();
  let previous = start;
  let longest = 0;
  for (const d of [...days, end]) {
    longest = Math.max(longest, daysBetween(previous, d));
    previous = d;
  }
  const cadence = settings.thresholds.partnershipCadenceDays;
  const lastHeldOn = days[days.length - 1];
  const dueBy = addDays(lastHeldOn ?? start, cadence);
  return {
    kept: longest <= cadence,
    meetings: days.length,
    lastHeldOn,
    longestGapDays: longest,
    dueBy,
    overdue: today >= start && today <= settings.period.end && today > dueBy,
  };
}
