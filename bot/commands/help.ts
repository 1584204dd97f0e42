import { MessageFactory, type TurnContext } from 'botbuilder';
import { decide, type Action, type Actor } from '../../src/domain/authorization';
import type { BotDeps } from '../bot-deps';
import { helpCardModel, renderHelpCard } from '../cards/help-card';

/**
 * `help`, and the answer to anything that is not a command.
 * @param notUnderstood the text that was not a command, echoed back on the card.
 * @param actor who asked: the commands they may use are listed (`attendance` for leads).
 */
export async function sendHelp(
  context: TurnContext,
  deps: Pick<BotDeps, 'tabUrl'>,
  notUnderstood?: string,
  actor?: Actor,
): Promise<void> {
  const may = (action: Action) => actor !== undefined && decide(actor, action).allowed;
  const card = renderHelpCard(
    helpCardModel(deps.tabUrl, notUnderstood, {
      canRecordAttendance: may('attendance.record'),
      canUseForms: may('forms.open'),
      canReview: may('toolkit.review'),
    }),
  );
  const reply = MessageFactory.attachment(card);
  reply.summary = 'What you can ask me';
  await context.sendActivity(reply);
}
