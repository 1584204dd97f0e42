/** The current time, injectable so tests can fix "today". */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };
