import type { IsoDate, Tier } from '../../src/domain';

/** How each tier reads on a card: the plan's own words for who a wave reaches. */
export const TIER_LABELS: Record<Tier, string> = {
  senior_manager: 'senior managers',
  frontline_manager: 'frontline managers and supervisors',
  employee: 'all employees',
};

const DAY = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
});

/**
 * A calendar date as people read it, e.g. `Sep 30, 2021`. Formatted here rather than with the
 * card's `DATE()` function, which takes an instant and can shift the day in the reader's time zone.
 */
export function formatDay(date: IsoDate): string {
  return DAY.format(new Date(`${date}T00:00:00Z`));
}

/** `Wave 3 · all employees`. */
export function waveLabel(sequence: number, tier: Tier): string {
  return `Wave ${sequence} · ${TIER_LABELS[tier]}`;
}
