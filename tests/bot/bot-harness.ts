import type { Person } from '../../src/domain';
import type { RunningReap } from '../../src/server/start';
import type { BotConnectorEmulator } from '../emulators/bot-connector';
import { executeAction, message, submitAction, type TeamsUser } from './teams-activities';
import { cardProblems, unboundExpressions } from './validate-card';

/** What Teams accepts in one message, less room for the activity around the card. */
export const CARD_BYTES_MAX = 26 * 1024;

/** An Adaptive Card as the bot sent or answered it. */
export type Card = Record<string, unknown>;
/** The top-level elements of a card. */
export type Body = Array<Record<string, unknown>>;

export type BotHarnessOptions = {
  /** The running server; a getter, as it starts in `beforeAll`. */
  reap: () => RunningReap;
  /** The Bot Connector emulator the server answers through; a getter, likewise. */
  connector: () => BotConnectorEmulator;
  /** Every checked card must be smaller than this many bytes of JSON; unchecked when absent. */
  cardBytesMax?: number;
};

/** A card's top-level elements. */
export const body = (card: Card) => card.body as Body;

/** The top-level element of a card with this `id`. */
export const input = (card: Card, id: string) => body(card).find((e) => e.id === id);

/** The message shown right under a top-level input. */
export const messageUnder = (card: Card, id: string) => {
  const at = body(card).findIndex((e) => e.id === id);
  const next = body(card)[at + 1];
  return next?.type === 'TextBlock' && next.color === 'attention' ? String(next.text) : undefined;
};

/** The Teams user a person writes to the bot as. */
export const teamsUserOf = (p: Person): TeamsUser => ({
  id: `29:${p.id}`,
  name: p.displayName,
  aadObjectId: p.aadObjectId,
});

/**
 * Drives the real server as Teams does: messages and card presses posted to `/api/messages`, the
 * cards answered or sent through the Bot Connector emulator checked against the Adaptive Cards SDK.
 */
export function botHarness(options: BotHarnessOptions) {
  const { reap, connector, cardBytesMax } = options;

  /** Posts an activity to the bot's endpoint. */
  const post = (activity: Record<string, unknown>) =>
    fetch(`${reap().url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });

  /** Expects a card without SDK problems or unbound `${…}`, and under the size limit if any. */
  const checked = (card: unknown): Card => {
    expect(cardProblems(card)).toEqual([]);
    expect(unboundExpressions(card)).toEqual([]);
    if (cardBytesMax !== undefined) {
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(cardBytesMax);
    }
    return card as Card;
  };

  /** Sends a message as `from` and returns what the bot sent since the last reset. */
  const send = async (
    from: TeamsUser,
    text: string,
    conversationType?: 'personal' | 'groupChat',
  ) => {
    const res = await post(
      message({
        serviceUrl: connector().url,
        from,
        text,
        ...(conversationType ? { conversationType } : {}),
      }),
    );
    expect(res.status).toBe(200);
    return connector().activities();
  };

  /** The one card of the one activity sent, checked. */
  const onlyCard = (activities: Array<Record<string, unknown>>): Card => {
    expect(activities).toHaveLength(1);
    const attachments = activities[0]?.attachments as Array<{ content: unknown }>;
    expect(attachments).toHaveLength(1);
    return checked(attachments[0]?.content);
  };

  /** Sends a message and returns the one card the bot answered with. */
  const say = async (from: TeamsUser, text: string): Promise<Card> =>
    onlyCard(await send(from, text));

  /** Presses an `Action.Execute` button: the `adaptiveCard/action` invoke and its 200 answer. */
  const invoke = async (from: TeamsUser, verb: string, data: Record<string, unknown>) => {
    const res = await post(executeAction({ serviceUrl: connector().url, from, verb, data }));
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { statusCode: number; type?: string; value: unknown };
    expect(answer.statusCode).toBe(200);
    return answer;
  };

  /** Presses a button and returns the card answered in its place, checked. */
  const press = async (
    from: TeamsUser,
    verb: string,
    data: Record<string, unknown>,
  ): Promise<Card> => {
    const answer = await invoke(from, verb, data);
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    return checked(answer.value);
  };

  /**
   * Presses the `Action.Submit` fallback of a card sent as activity `replyToId`, and returns the
   * card the bot updated it with in place, checked.
   */
  const submit = async (
    from: TeamsUser,
    data: Record<string, unknown>,
    replyToId: string,
  ): Promise<Card> => {
    const res = await post(submitAction({ serviceUrl: connector().url, from, data, replyToId }));
    expect(res.status).toBe(200);
    expect(connector().requests.map((r) => [r.kind, r.activityId])).toEqual([
      ['update', replyToId],
    ]);
    const attachments = connector().activities()[0]?.attachments as Array<{ content: unknown }>;
    return checked(attachments[0]?.content);
  };

  /** The Teams user of a person of the seeded city. */
  const asUser = async (personId: string): Promise<TeamsUser> => {
    const p = await reap().store.getPerson(personId);
    if (!p) throw new Error(`demo city has no ${personId}`);
    return teamsUserOf(p);
  };

  return { post, checked, send, onlyCard, say, invoke, press, submit, asUser };
}

export type BotHarness = ReturnType<typeof botHarness>;
