import { MessageFactory, type TurnContext } from 'botbuilder';
import type { BotDeps } from '../bot-deps';
import { renderWelcomeCard, welcomeCardModel } from '../cards/welcome-card';
import {
  isPersonalConversation,
  notOnRosterText,
  personFromActivity,
  rememberConversation,
} from '../roster';

/**
 * `conversationUpdate` with members added. In a 1:1 chat Teams sends it when the person installs
 * the bot (the bot is the member added): greet them by name, say what the bot does, and keep the
 * conversation reference for reminders. In a team or group chat, introduce the bot once.
 */
export async function welcomeMembers(context: TurnContext, deps: BotDeps): Promise<void> {
  const activity = context.activity;
  const added = activity.membersAdded ?? [];
  const botAdded = added.some((m) => m.id === activity.recipient?.id);
  const peopleAdded = added.filter((m) => m.id !== activity.recipient?.id);

  if (!isPersonalConversation(activity)) {
    if (botAdded) {
      await context.sendActivity(
        "Hi, I'm reap, the assistant for the city's Racial Equity Action Plan. I remind people of " +
          'their required racial equity trainings in a 1:1 chat: open a chat with me and type ' +
          '**help** to see what I can do.',
      );
    }
    return;
  }
  if (!botAdded && peopleAdded.length === 0) return;

  const person = await personFromActivity(activity, deps);
  if (!person) {
    await context.sendActivity(notOnRosterText(activity));
    return;
  }
  const reply = MessageFactory.attachment(
    renderWelcomeCard(welcomeCardModel(person.displayName, deps.tabUrl)),
  );
  reply.summary = `Welcome, ${person.displayName}`;
  await context.sendActivity(reply);
  // After the greeting, so a store that cannot save the reference (logged by onTurnError) does
  // not also cost the person their welcome.
  await rememberConversation(context, person, deps);
}
