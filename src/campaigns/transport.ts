import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';

/** What became of one send. `status` is the Bot Connector's HTTP status, 0 for no answer. */
export type SendOutcome =
  | { ok: true; activityId?: string }
  | { ok: false; status: number; retryAfterMs?: number; detail: string };

/** Sends one activity into a stored conversation. */
export interface MessageTransport {
  send(reference: unknown, activity: Partial<Activity>): Promise<SendOutcome>;
}

type ConnectorError = {
  statusCode?: number;
  message?: string;
  code?: string;
  response?: { headers?: { get?(name: string): string | undefined } };
};

/** Retry-After in ms from an HTTP error, seconds or a date. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Proactive messages through the Bot Framework adapter (`continueConversationAsync`), which signs
 * each call with the bot's credentials when there are some. Errors become outcomes: the Bot
 * Connector's status (429, 403, 404, 5xx) decides what the sender does next.
 */
export class BotTransport implements MessageTransport {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botId: string,
  ) {}

  async send(reference: unknown, activity: Partial<Activity>): Promise<SendOutcome> {
    let activityId: string | undefined;
    // The send's error is caught inside the turn, so it never reaches the adapter's onTurnError
    // (which would log it as a bot failure and try to answer into the same conversation).
    let failure: unknown;
    try {
      await this.adapter.continueConversationAsync(
        this.botId,
        reference as Partial<ConversationReference>,
        async (context) => {
          try {
            activityId = (await context.sendActivity(activity))?.id;
          } catch (error) {
            failure = error;
          }
        },
      );
    } catch (error) {
      failure = error;
    }
    if (failure === undefined) return { ok: true, activityId };
    const e = failure as ConnectorError;
    const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
    return {
      ok: false,
      status,
      retryAfterMs: retryAfterMs(e.response?.headers?.get?.('retry-after')),
      detail: `${status || e.code || 'no answer'}: ${(e.message ?? String(failure)).slice(0, 200)}`,
    };
  }
}
