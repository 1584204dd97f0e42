import {
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';
import type { Clock } from '../src/services/clock';
import type { TrainingService } from '../src/services/training-service';
import type { PlanStore } from '../src/store/plan-store';
import type { BotDeps } from './bot-deps';
import { renderNoticeCard } from './cards/notice-card';
import { sendHelp } from './commands/help';
import { sendMyTrainings } from './commands/my-trainings';
import { parseCommand } from './commands/parse-command';
import { rememberInstallation } from './events/installation-update';
import { welcomeMembers } from './events/members-added';
import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  answerCompleteTrainingInvoke,
  answerCompleteTrainingSubmit,
  COMPLETE_TRAINING_VERB,
  isCompleteTrainingSubmit,
} from './invokes/complete-training';
import { notOnRosterText, personFromActivity, rememberConversation } from './roster';

export type ReapBotOptions = {
  store: PlanStore;
  training: TrainingService;
  /** The Progress tab's address, linked from the cards. */
  tabUrl: string;
  clock: Clock;
};

/**
 * reap's bot: greets people when installed, answers `help` and `my trainings`, and records a
 * training completion when someone presses "I completed this" on their card. Who is acting always
 * comes from the activity's `from.aadObjectId`, never from card data. Errors are not caught here:
 * they reach the adapter's `onTurnError` (`bot/on-turn-error.ts`), the one place that logs them
 * and answers the person.
 */
export class ReapBot extends TeamsActivityHandler {
  private readonly deps: BotDeps;

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
    const person = await personFromActivity(context.activity, this.deps);
    if (!person) {
      await context.sendActivity(notOnRosterText(context.activity));
      return;
    }
    try {
      await rememberConversation(context, person, this.deps);
    } catch (error) {
      // A reference that could not be refreshed must not cost the person their answer.
      console.error(
        `reap bot: could not save the conversation reference of ${person.id} (activity ${context.activity.id ?? '?'})`,
        error,
      );
    }
    if (isCompleteTrainingSubmit(context.activity.value)) {
      await answerCompleteTrainingSubmit(context, person, this.deps);
      return;
    }
    const command = parseCommand(context.activity.text);
    switch (command.kind) {
      case 'my-trainings':
        await sendMyTrainings(context, person, this.deps);
        return;
      case 'help':
        await sendHelp(context, this.deps);
        return;
      case 'unknown':
        await sendHelp(context, this.deps, command.text);
        return;
    }
  }

  /** `adaptiveCard/action` (Universal Actions): answer with the updated card, shown in place. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const { verb, data } = invokeValue.action;
    if (verb !== COMPLETE_TRAINING_VERB) {
      return {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: {
          code: 'BadRequest',
          message: `This button (${String(verb)}) is not one reap knows.`,
        },
      };
    }
    const person = await personFromActivity(context.activity, this.deps);
    if (!person) {
      const card = renderNoticeCard({
        title: 'Not on the roster',
        text: notOnRosterText(context.activity),
      });
      return {
        statusCode: 200,
        type: ADAPTIVE_CARD_CONTENT_TYPE,
        value: card.content as Record<string, unknown>,
      };
    }
    return answerCompleteTrainingInvoke(person, data, this.deps);
  }
}
