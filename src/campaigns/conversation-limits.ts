/**
 * Teams' limits on messages from a bot into one conversation: Microsoft Learn, "Optimize your bot
 * with rate limiting in Teams", per bot per thread: 7 in 1 s, 8 in 2 s, 60 in 30 s, 1,800 in an
 * hour (the page says the figures are for estimation and may change).
 */
export const TEAMS_CONVERSATION_LIMITS: ReadonlyArray<{ count: number; windowMs: number }> = [
  { count: 7, windowMs: 1_000 },
  { count: 8, windowMs: 2_000 },
  { count: 60, windowMs: 30_000 },
  { count: 1_800, windowMs: 3_600_000 },
];

const LONGEST = Math.max(...TEAMS_CONVERSATION_LIMITS.map((l) => l.windowMs));

/**
 * Keeps each conversation under Teams' per-conversation limits: remembers when messages went
 * into each conversation in the last hour and says when the next one may go. In memory: after a
 * restart a conversation may get one more window's worth, which Teams answers with 429, and the
 * sender backs off.
 */
export class ConversationLimiter {
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly limits = TEAMS_CONVERSATION_LIMITS) {}

  /**
   * 0 when a message into `conversationId` may go at `now` (and counts it as sent), else the
   * earliest time it may.
   */
  gate = (conversationId: string, now: number): number => {
    const times = (this.sent.get(conversationId) ?? []).filter((t) => t > now - LONGEST);
    for (const { count, windowMs } of this.limits) {
      const inWindow = times.filter((t) => t > now - windowMs);
      if (inWindow.length >= count) {
        this.sent.set(conversationId, times);
        return (inWindow[inWindow.length - count] ?? now) + windowMs + 1;
      }
    }
    times.push(now);
    this.sent.set(conversationId, times);
    return 0;
  };
}
