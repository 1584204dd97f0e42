import type { Attachment, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { ValidationError, type Person } from '../../src/domain';
import { isoDate, recordId } from '../../src/server/input/limits';
import { isSubmitOf, replaceSubmittedCard } from './submit-fallback';
import type { BotDeps } from '../bot-deps';
import { formatDay } from '../cards/card-text';
import { renderNoticeCard } from '../cards/notice-card';
import { CONFIRM_REMINDER_VERB, renderReminderCard } from '../cards/reminder-card';
import { renderReminderConfirmedCard } from '../cards/reminder-confirmed-card';

export { CONFIRM_REMINDER_VERB };

/**
 * What the reminder's "I completed it" sends: the training and wave from the card, and the date
 * from its date field. Who completed it comes from the activity, never from here.
 */
export const confirmReminderData = z.strictObject({
  trainingId: recordId(),
  waveId: recordId(),
  completedOn: isoDate().optional(),
});

/** The `Action.Submit` fallback sends the verb beside the same data. */
export const confirmReminderSubmitData = confirmReminderData.extend({
  verb: z.literal(CONFIRM_REMINDER_VERB),
});

/**
 * Confirms the training a reminder names for `person`, and returns what the card becomes: a
 * confirmation ("Recorded", or "Already recorded" for a second press or Teams resending the
 * invoke), or the reminder again with the refusal under the date (a date in the future or before
 * the wave opened).
 */
export async function confirmReminder(
  person: Person,
  data: unknown,
  deps: Pick<BotDeps, 'training' | 'tabUrl'>,
  schema: z.ZodType<z.infer<typeof confirmReminderData>> = confirmReminderData,
): Promise<Attachment> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    return renderNoticeCard({
      title: 'Nothing recorded',
      text: 'This card did not say which training or date it was for, so nothing was recorded. Type "my trainings" to confirm from your list.',
    });
  }
  const { trainingId, completedOn } = parsed.data;
  try {
    const { completion, created } = await deps.training.confirm({
      personId: person.id,
      trainingId,
      ...(completedOn === undefined ? {} : { completedOn }),
      source: 'bot',
      actorId: person.id,
    });
    const mine = await deps.training.myTrainings(person.id);
    const title = mine.find((t) => t.trainingId === trainingId)?.title ?? trainingId;
    return renderReminderConfirmedCard({
      title: created ? `Recorded: ${title}` : `Already recorded: ${title}`,
      text: `${person.displayName}, you completed ${title} on ${formatDay(completion.completedOn)}.`,
      tabUrl: deps.tabUrl,
    });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const mine = await deps.training.myTrainings(person.id);
    const training = mine.find((t) => t.trainingId === trainingId);
    if (!training) {
      return renderNoticeCard({ title: 'Nothing recorded', text: error.message });
    }
    return renderReminderCard({
      trainingId,
      title: training.title,
      courseUrl: training.courseUrl,
      waveId: training.waveId,
      sequence: training.sequence,
      tier: training.tier,
      opensOn: training.opensOn,
      dueOn: training.dueOn,
      today: deps.training.today(),
      error: error.message,
    });
  }
}

/** The `Action.Submit` fallback: the answer replaces the card when Teams says which it was. */
export async function answerConfirmReminderSubmit(
  context: TurnContext,
  person: Person,
  deps: Pick<BotDeps, 'training' | 'tabUrl'>,
): Promise<void> {
  await replaceSubmittedCard(
    context,
    await confirmReminder(person, context.activity.value, deps, confirmReminderSubmitData),
  );
}

/** True when a message is the `Action.Submit` fallback of a reminder's button. */
export function isConfirmReminderSubmit(value: unknown): boolean {
  return isSubmitOf(CONFIRM_REMINDER_VERB, value);
}
