import type { PlanSettings } from '../plan/settings';

/**
 * Whether `value` is a Common Council file number as the city writes them (Milwaukee: six digits,
 * `200123`). Spaces around it are the caller's to trim.
 */
export function isCouncilFileNumber(value: string, settings: PlanSettings): boolean {
  return new RegExp(settings.councilFile.pattern).test(value);
}

/** What a lead is told beside a wrong file number. */
export function councilFileNumberRule(settings: PlanSettings): string {
  return `A Common Council file number is ${settings.councilFile.description}.`;
}
