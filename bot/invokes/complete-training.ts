import { type AdaptiveCardInvokeResponse, type Attachment, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { ValidationError, type Person } from '../../src/domain';
import { recordId } from '../../src/server/input/limits';
import { isSubmitOf, replaceSubmittedCard } from './submit-fallback';
import type { BotDeps } from '../bot-deps';
import { formatDay } from '../cards/card-text';
import {
  myTrainingsCardModel,
  renderMyTrainingsCard,
  type CardNotice,
} from '../cards/my-trainings-card';
import { myTrainingsCard } from '../commands/my-trainings';

/** The `verb` of the "I completed this" button (`bot/cards/my-trainings.json`). */
export const COMPLETE_TRAINING_VERB = 'completeTraining';

/** The content type of an invoke answer that replaces the card in place (Universal Actions). */
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * What the `Action.Execute` button sends: the training and nothing else (an unknown field is
 * refused). Who completed it comes from the activity, never from here.
 */
export const completeTrainingData = z.strictObject({ trainingId: recordId() });

/** What the `Action.Submit` fallback sends: the verb beside the same data. */
export const completeTrainingSubmitData = z.strictObject({
  verb: z.literal(COMPLETE_TRAINING_VERB),
  trainingId: recordId(),
});

/**
 * Records that `person` completed the training the button names, and returns their card as it
 * now stands, with the outcome beside that training. Teams resends an invoke it got no answer to
 * within about 15 s, so this must be safe to run twice: the service records a completion once per
 * person and training, and a repeat says it is already recorded.
 */
export async function completeTraining(
  person: Person,
  data: unknown,
  deps: Pick<BotDeps, 'training' | 'tabUrl'>,
  schema: z.ZodType<{ trainingId: string }> = completeTrainingData,
): Promise<Attachment> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    return myTrainingsCard(person, deps, {
      tone: 'attention',
      text: 'That button did not say which training it was for, so nothing was recorded. Here are your trainings as they stand now.',
    });
  }
  const { trainingId } = parsed.data;
  let outcome: { completedOn: string; created: boolean } | ValidationError;
  try {
    const { completion, created } = await deps.training.confirm({
      personId: person.id,
      trainingId,
      source: 'bot',
      actorId: person.id,
    });
    outcome = { completedOn: completion.completedOn, created };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    outcome = error;
  }
  const trainings = await deps.training.myTrainings(person.id);
  const title = trainings.find((t) => t.trainingId === trainingId)?.title ?? trainingId;
  const notice: CardNotice =
    outcome instanceof ValidationError
      ? { trainingId, tone: 'attention', text: outcome.message }
      : {
          trainingId,
          tone: 'good',
          text: `${outcome.created ? 'Recorded' : 'Already recorded'}: you completed ${title} on ${formatDay(outcome.completedOn)}.`,
        };
  return renderMyTrainingsCard(
    myTrainingsCardModel({
      personName: person.displayName,
      trainings,
      tabUrl: deps.tabUrl,
      notice,
    }),
  );
}

/** The `adaptiveCard/action` answer: the updated card, which Teams shows in place of the old one. */
export async function answerCompleteTrainingInvoke(
  person: Person,
  data: unknown,
  deps: Pick<BotDeps, 'training' | 'tabUrl'>,
): Promise<AdaptiveCardInvokeResponse> {
  const card = await completeTraining(person, data, deps);
  return {
    statusCode: 200,
    type: ADAPTIVE_CARD_CONTENT_TYPE,
    value: card.content as Record<string, unknown>,
  };
}

/**
 * The `Action.Submit` fallback, from clients without Universal Actions: the press arrives as a
 * message whose `value` is the button's data. The card is updated in place when the message says
 * which card it came from, and sent anew otherwise.
 */
export async function answerCompleteTrainingSubmit(
  context: TurnContext,
  person: Person,
  deps: Pick<BotDeps, 'training' | 'tabUrl'>,
): Promise<void> {
  await replaceSubmittedCard(
    context,
    await completeTraining(person, context.activity.value, deps, completeTrainingSubmitData),
    'Your required trainings',
  );
}

/** True when a message is the `Action.Submit` fallback of the "I completed this" button. */
export function isCompleteTrainingSubmit(value: unknown): boolean {
  return isSubmitOf(COMPLETE_TRAINING_VERB, value);
}
