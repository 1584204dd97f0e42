import { MessageFactory, type Attachment, type TurnContext } from 'botbuilder';
import type { Person } from '../../src/domain';
import type { BotDeps } from '../bot-deps';
import {
  myTrainingsCardModel,
  renderMyTrainingsCard,
  type CardNotice,
} from '../cards/my-trainings-card';
import { isPersonalConversation } from '../roster';

/** The person's "my trainings" card as it stands now, with an optional notice on it. */
export async function myTrainingsCard(
  person: Person,
  deps: Pick<BotDeps, 'training' | 'tabUrl'>,
  notice?: CardNotice,
): Promise<Attachment> {
  const trainings = await deps.training.myTrainings(person.id);
  return renderMyTrainingsCard(
    myTrainingsCardModel({
      personName: person.displayName,
      trainings,
      tabUrl: deps.tabUrl,
      notice,
    }),
  );
}

/** `my trainings`: the card in a 1:1 chat; elsewhere, a pointer to it (the list is personal). */
export async function sendMyTrainings(
  context: TurnContext,
  person: Person,
  deps: Pick<BotDeps, 'training' | 'tabUrl'>,
): Promise<void> {
  if (!isPersonalConversation(context.activity)) {
    await context.sendActivity(
      'Your trainings are personal, so I show them only in our 1:1 chat: open a chat with me and ' +
        'type **my trainings**.',
    );
    return;
  }
  const reply = MessageFactory.attachment(await myTrainingsCard(person, deps));
  reply.summary = 'Your required trainings';
  await context.sendActivity(reply);
}
