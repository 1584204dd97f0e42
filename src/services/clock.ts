/** The current time, injectable so tests can fix "today". */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that starts on `today` (at noon UTC, so the date is the same in every US time zone) and
 * runs on in real time from there: `REAP_TODAY` for demos.
 */
export function clockStartingOn(today: string, started = Date.now()): Clock {
  const base = Date.parse(`${today}T12:00:00.000Z`);
  return { now: () => new Date(base + (Date.now() - started)) };
}
