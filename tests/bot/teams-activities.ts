import { randomUUID } from 'node:crypto';

/** Someone in a Teams activity's `from`: the channel id, display name and Entra object id. */
export type TeamsUser = { id: string; name: string; aadObjectId: string };

export const BOT = { id: '28:reap-bot', name: 'reap' };
export const TENANT_ID = '00000000-0000-4000-9000-000000000001';

type Options = {
  serviceUrl: string;
  from: TeamsUser;
  /** `personal` unless a test says otherwise. */
  conversationType?: 'personal' | 'groupChat' | 'channel';
  conversationId?: string;
};

/** The fields Teams puts on every activity it sends to a bot. */
function base(o: Options): Record<string, unknown> {
  const conversationType = o.conversationType ?? 'personal';
  return {
    id: `f:${randomUUID()}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: o.serviceUrl,
    from: o.from,
    conversation: {
      id: o.conversationId ?? `a:personal-${o.from.aadObjectId}`,
      conversationType,
      tenantId: TENANT_ID,
      ...(conversationType === 'personal' ? {} : { isGroup: true }),
    },
    recipient: BOT,
    channelData: { tenant: { id: TENANT_ID } },
    locale: 'en-US',
  };
}

/** A message the person typed. */
export function message(o: Options & { text: string }): Record<string, unknown> {
  return { ...base(o), type: 'message', text: o.text, textFormat: 'plain' };
}

/** What Teams sends when the bot is installed in a conversation (the bot is the member added). */
export function botInstalled(o: Options): Record<string, unknown> {
  return {
    ...base(o),
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT.id }],
  };
}

/** What Teams sends, besides `conversationUpdate`, when the app is installed. */
export function installationAdd(o: Options): Record<string, unknown> {
  return { ...base(o), type: 'installationUpdate', action: 'add' };
}

/** An `Action.Execute` press: the `adaptiveCard/action` invoke of Universal Actions. */
export function executeAction(
  o: Options & { verb: string; data: Record<string, unknown>; replyToId?: string },
): Record<string, unknown> {
  return {
    ...base(o),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: o.replyToId ?? 'activity-card',
    value: {
      action: { type: 'Action.Execute', id: randomUUID(), verb: o.verb, data: o.data },
      trigger: 'manual',
    },
  };
}

/** An `Action.Submit` press, from a client without Universal Actions: a message with a value. */
export function submitAction(
  o: Options & { data: Record<string, unknown>; replyToId?: string },
): Record<string, unknown> {
  return {
    ...base(o),
    type: 'message',
    value: o.data,
    ...(o.replyToId ? { replyToId: o.replyToId } : {}),
  };
}
