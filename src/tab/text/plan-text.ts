import type { Tier } from '../api/api-types';

// How the tab writes the plan's figures and names. One place, so every view says it the same way
// and a browser test can compute the text it expects.

const numberFormat = new Intl.NumberFormat();
// Plan dates are calendar dates; formatting them in UTC keeps them from shifting a day.
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** A count with the reader's digit grouping: `6,485`. */
export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** A plan date (`YYYY-MM-DD`) as the reader writes dates: `Nov 30, 2020`. */
export function formatPlanDate(isoDate: string): string {
  return dateFormat.format(new Date(`${isoDate}T00:00:00Z`));
}

/** A completion figure in words and numbers: `63% (412 of 654)`, or `none required`. */
export function completionText(figure: {
  percent: number;
  completed: number;
  required: number;
}): string {
  if (figure.required === 0) return 'none required';
  return `${figure.percent}% (${formatCount(figure.completed)} of ${formatCount(figure.required)})`;
}

/** The tiers in the order the waves reach them (the domain's `TIERS`; the tab imports types only). */
export const TIER_ORDER = [
  'senior_manager',
  'frontline_manager',
  'employee',
] as const satisfies readonly Tier[];

/** The plan's names for its training tiers, in full and for tight spaces. */
export const TIER_NAMES: Record<Tier, { full: string; short: string }> = {
  senior_manager: { full: 'Senior managers', short: 'Senior' },
  frontline_manager: { full: 'Frontline managers and supervisors', short: 'Frontline' },
  employee: { full: 'All employees', short: 'Employees' },
};

/** A wave's state against its due date, for a badge: `due Nov 30, 2020` or `past due`. */
export type DueState = 'complete' | 'open' | 'past_due';

export function dueState(
  figure: { completed: number; required: number; dueOn: string },
  today: string,
): DueState {
  if (figure.completed >= figure.required) return 'complete';
  return today > figure.dueOn ? 'past_due' : 'open';
}
