import {
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { z } from 'zod';
import type { Person } from '../src/domain';
import { decide } from '../src/domain/authorization';
import { TEXT_MAX } from '../src/server/input/limits';
import type { BotDeps } from './bot-deps';
import { renderNoticeCard } from './cards/notice-card';
import { sendAttendanceCard } from './commands/attendance';
import { sendHelp } from './commands/help';
import { sendMyTrainings } from './commands/my-trainings';
import { parseCommand } from './commands/parse-command';
import { rememberInstallation } from './events/installation-update';
import { welcomeMembers } from './events/members-added';
import type { FormDispatch } from './forms/form-dispatch';
import { formDispatch } from './forms/form-registry';
import { sendReviewQueue } from './forms/toolkit-review';
import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  answerCompleteTrainingInvoke,
  answerCompleteTrainingSubmit,
  COMPLETE_TRAINING_VERB,
  isCompleteTrainingSubmit,
} from './invokes/complete-training';
import {
  answerConfirmReminderSubmit,
  confirmReminder,
  CONFIRM_REMINDER_VERB,
  isConfirmReminderSubmit,
} from './invokes/confirm-reminder';
import {
  answerRecordAttendanceInvoke,
  answerRecordAttendanceSubmit,
  isRecordAttendanceSubmit,
  RECORD_ATTENDANCE_VERB,
} from './invokes/record-attendance';
import {
  answerNudgeDepartmentSubmit,
  isNudgeDepartmentSubmit,
  nudgeDepartment,
  NUDGE_DEPARTMENT_VERB,
} from './invokes/nudge-department';
import { refusalText, rememberConversation, whoIsAsking } from './roster';
import { log } from '../src/observability/log';

export type ReapBotOptions = BotDeps;

/**
 * The envelope Teams wraps an `Action.Execute` press in. Teams adds fields of its own (`trigger`,
 * `authentication`, `state`), so the envelope is read loosely; the button's `data` is parsed
 * strictly by the verb's handler.
 */
const executeEnvelope = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().max(TEXT_MAX),
  }),
});

function badRequest(message: string): AdaptiveCardInvokeResponse {
  return {
    statusCode: 400,
    type: 'application/vnd.microsoft.error',
    value: { code: 'BadRequest', message },
  };
}

/**
 * reap's bot: greets people when installed, answers `help` and `my trainings`, and records a
 * training completion when someone presses "I completed this" on their card. Who is acting always
 * comes from the activity's `from.aadObjectId` (vouched for by the channel token), never from card
 * data; every verb asks the authorisation module (`decide`) before it acts. Errors are not caught
 * here: they reach the adapter's `onTurnError` (`bot/on-turn-error.ts`), the one place that logs
 * them and answers the person.
 */
export class ReapBot extends TeamsActivityHandler {
  private readonly deps: BotDeps;
  private readonly forms: FormDispatch = formDispatch();

  constructor(options: ReapBotOptions) {
    super();
    this.deps = { ...options };

    this.onMessage(async (context, next) => {
      await this.answerMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await welcomeMembers(context, this.deps);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await rememberInstallation(context, this.deps);
      await next();
    });
  }

  private async answerMessage(context: TurnContext): Promise<void> {
    const { activity } = context;
    const { actor, person } = await whoIsAsking(activity, this.deps);
    if (person) {
      try {
        await rememberConversation(context, person, this.deps);
      } catch (error) {
        // A reference that could not be refreshed must not cost the person their answer.
        log.error(
          { err: error, personId: person.id },
          'could not save the conversation reference; the answer is sent anyway',
        );
      }
    }
    if (this.forms.isSubmit(activity.value)) {
      await this.forms.answerSubmit(context, this.deps);
      return;
    }
    if (isNudgeDepartmentSubmit(activity.value)) {
      await answerNudgeDepartmentSubmit(context, actor, this.deps);
      return;
    }
    if (isRecordAttendanceSubmit(activity.value)) {
      await answerRecordAttendanceSubmit(context, { actor, person }, this.deps);
      return;
    }
    if (isCompleteTrainingSubmit(activity.value) || isConfirmReminderSubmit(activity.value)) {
      const decision = decide(actor, 'training.complete', { ownerId: person?.id });
      if (!decision.allowed) {
        await context.sendActivity(refusalText(decision, activity));
        return;
      }
      if (isConfirmReminderSubmit(activity.value)) {
        await answerConfirmReminderSubmit(context, rosterPerson(person), this.deps);
      } else {
        await answerCompleteTrainingSubmit(context, rosterPerson(person), this.deps);
      }
      return;
    }
    const command = parseCommand(activity.text);
    // The forms decide for themselves: who may open one depends on the department it is for.
    if (command.kind === 'form') {
      await this.forms.command(context, this.deps, command.form, command.department);
      return;
    }
    if (command.kind === 'review') {
      await sendReviewQueue(context, { actor, person }, this.deps);
      return;
    }
    const action = command.kind === 'my-trainings' ? 'trainings.own.read' : 'help.read';
    const decision = decide(actor, action);
    if (!decision.allowed) {
      await context.sendActivity(refusalText(decision, activity));
      return;
    }
    switch (command.kind) {
      case 'my-trainings':
        await sendMyTrainings(context, rosterPerson(person), this.deps);
        return;
      case 'attendance':
        await sendAttendanceCard(context, { actor, person }, this.deps, command.department);
        return;
      case 'help':
        await sendHelp(context, this.deps, undefined, actor);
        return;
      case 'unknown':
        await sendHelp(context, this.deps, command.text, actor);
        return;
    }
  }

  /** Refuses a malformed `adaptiveCard/action` with 400 before the SDK reads it. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const { activity } = context;
    if (
      activity.name === 'adaptiveCard/action' &&
      !executeEnvelope.safeParse(activity.value).success
    ) {
      const body = badRequest('This card action is not one reap can read.');
      return { status: 400, body };
    }
    return super.onInvokeActivity(context);
  }

  /** `adaptiveCard/action` (Universal Actions): answer with the updated card, shown in place. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const { verb, data } = invokeValue.action;
    if (this.forms.knows(verb)) {
      const card = await this.forms.answer(context, verb, data, this.deps);
      return {
        statusCode: 200,
        type: ADAPTIVE_CARD_CONTENT_TYPE,
        value: card.content as Record<string, unknown>,
      };
    }
    if (verb === RECORD_ATTENDANCE_VERB) {
      return answerRecordAttendanceInvoke(context, data, this.deps);
    }
    if (verb === NUDGE_DEPARTMENT_VERB) {
      const { actor } = await whoIsAsking(context.activity, this.deps);
      const card = await nudgeDepartment(actor, data, this.deps, undefined, context.activity);
      return {
        statusCode: 200,
        type: ADAPTIVE_CARD_CONTENT_TYPE,
        value: card.content as Record<string, unknown>,
      };
    }
    if (verb !== COMPLETE_TRAINING_VERB && verb !== CONFIRM_REMINDER_VERB) {
      return badRequest(`This button (${String(verb).slice(0, 80)}) is not one reap knows.`);
    }
    const { actor, person } = await whoIsAsking(context.activity, this.deps);
    const decision = decide(actor, 'training.complete', { ownerId: person?.id });
    if (!decision.allowed) {
      const offRoster =
        decision.reason === 'not-on-roster' || decision.reason === 'unauthenticated';
      const card = renderNoticeCard({
        title: offRoster ? 'Not on the roster' : 'Not allowed',
        text: refusalText(decision, context.activity),
      });
      return {
        statusCode: 200,
        type: ADAPTIVE_CARD_CONTENT_TYPE,
        value: card.content as Record<string, unknown>,
      };
    }
    if (verb === CONFIRM_REMINDER_VERB) {
      const card = await confirmReminder(rosterPerson(person), data, this.deps);
      return {
        statusCode: 200,
        type: ADAPTIVE_CARD_CONTENT_TYPE,
        value: card.content as Record<string, unknown>,
      };
    }
    return answerCompleteTrainingInvoke(rosterPerson(person), data, this.deps);
  }
}

/**
 * The roster person of an asker whose action the authorisation module allowed: every bot verb
 * requires one, so its absence means a rule and a verb disagree.
 */
function rosterPerson(person: Person | undefined): Person {
  if (!person)
    throw new Error('bot verb allowed without a roster person: its action must require one');
  return person;
}
