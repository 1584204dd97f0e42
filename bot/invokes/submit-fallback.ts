import { MessageFactory, type Attachment, type TurnContext } from 'botbuilder';
import { log } from '../../src/observability/log';

/**
 * Answers an `Action.Submit` fallback (clients without Universal Actions send the press as a
 * message whose `value` is the button's data) with `card`: in place of the card pressed when
 * Teams says which it was, else as a new message.
 */
export async function replaceSubmittedCard(
  context: TurnContext,
  card: Attachment,
  summary?: string,
): Promise<void> {
  const reply = MessageFactory.attachment(card);
  if (summary) reply.summary = summary;
  const cardId = context.activity.replyToId;
  if (cardId) {
    try {
      await context.updateActivity({ ...reply, id: cardId });
      return;
    } catch (error) {
      // Some channels cannot edit a message; the person still gets the card.
      log.warn({ err: error, cardId }, 'could not update the card; sending it anew');
    }
  }
  await context.sendActivity(reply);
}

/** True when a message is the `Action.Submit` fallback of a button with `verb`. */
export function isSubmitOf(verb: string, value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { verb?: unknown }).verb === verb;
}
