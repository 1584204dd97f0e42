import { MessageFactory, type TurnContext } from 'botbuilder';
import type { BotDeps } from '../bot-deps';
import { helpCardModel, renderHelpCard } from '../cards/help-card';

/**
 * `help`, and the answer to anything that is not a command.
 * @param notUnderstood the text that was not a command, echoed back on the card.
 */
export async function sendHelp(
  context: TurnContext,
  deps: Pick<BotDeps, 'tabUrl'>,
  notUnderstood?: string,
): Promise<void> {
  const card = renderHelpCard(helpCardModel(deps.tabUrl, notUnderstood));
  const reply = MessageFactory.attachment(card);
  reply.summary = 'What you can ask me';
  await context.sendActivity(reply);
}
