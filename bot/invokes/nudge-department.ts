import type { Attachment, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { Conflict, ValidationError } from '../../src/domain';
import { decide, type Actor } from '../../src/domain/authorization';
import { recordId } from '../../src/server/input/limits';
import { isSubmitOf, replaceSubmittedCard } from './submit-fallback';
import type { BotDeps } from '../bot-deps';
import {
  leadSummaryInput,
  NUDGE_DEPARTMENT_VERB,
  renderLeadSummaryCard,
  type LeadSummaryInput,
} from '../cards/lead-summary-card';
import { renderNoticeCard } from '../cards/notice-card';
import { refusalText } from '../roster';

export { NUDGE_DEPARTMENT_VERB };

/** What "Remind them again" sends. The department is checked against who pressed it. */
export const nudgeDepartmentData = z.strictObject({
  waveId: recordId(),
  departmentId: recordId(),
});

export const nudgeDepartmentSubmitData = nudgeDepartmentData.extend({
  verb: z.literal(NUDGE_DEPARTMENT_VERB),
});

/**
 * A lead's "Remind them again": queues a reminder to the people of their department in that wave
 * who have not confirmed, and answers with the summary as it now stands. Only a lead of that
 * department (or the officer) may; the department in the card data is checked, not trusted.
 */
export async function nudgeDepartment(
  actor: Actor,
  data: unknown,
  deps: Pick<BotDeps, 'campaigns' | 'tabUrl'>,
  schema: z.ZodType<z.infer<typeof nudgeDepartmentData>> = nudgeDepartmentData,
  activity?: TurnContext['activity'],
): Promise<Attachment> {
  const parsed = schema.safeParse(data);
  if (!parsed.success || !deps.campaigns) {
    return renderNoticeCard({
      title: 'Nothing sent',
      text: 'This button did not say which wave and department it was for, so no reminder was sent.',
    });
  }
  const { waveId, departmentId } = parsed.data;
  const decision = decide(actor, 'department.nudge', { departmentId });
  if (!decision.allowed) {
    return renderNoticeCard({
      title: 'Not allowed',
      text: activity ? refusalText(decision, activity) : decision.message,
    });
  }
  const actorId = actor.kind === 'person' ? (actor.personId ?? actor.aadObjectId) : 'anonymous';
  let notice: LeadSummaryInput['notice'];
  try {
    const campaign = await deps.campaigns.start(actorId, waveId, departmentId);
    notice = {
      text: `Reminder on its way to ${campaign.recipients} ${campaign.recipients === 1 ? 'person' : 'people'}.`,
      good: true,
    };
  } catch (error) {
    if (!(error instanceof Conflict) && !(error instanceof ValidationError)) throw error;
    notice = { text: error.message, good: false };
  }
  const standing = await deps.campaigns.departmentStanding(waveId, departmentId);
  return renderLeadSummaryCard(leadSummaryInput(standing, deps.tabUrl, notice));
}

/** The `Action.Submit` fallback. */
export async function answerNudgeDepartmentSubmit(
  context: TurnContext,
  actor: Actor,
  deps: Pick<BotDeps, 'campaigns' | 'tabUrl'>,
): Promise<void> {
  await replaceSubmittedCard(
    context,
    await nudgeDepartment(
      actor,
      context.activity.value,
      deps,
      nudgeDepartmentSubmitData,
      context.activity,
    ),
  );
}

export function isNudgeDepartmentSubmit(value: unknown): boolean {
  return isSubmitOf(NUDGE_DEPARTMENT_VERB, value);
}
