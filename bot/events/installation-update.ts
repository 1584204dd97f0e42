import type { TurnContext } from 'botbuilder';
import type { BotDeps } from '../bot-deps';
import { personFromActivity, rememberConversation } from '../roster';

/**
 * `installationUpdate` (add or upgrade): keep the 1:1 conversation reference. Teams also sends a
 * `conversationUpdate` on install, which carries the greeting, so nothing is said here.
 */
export async function rememberInstallation(context: TurnContext, deps: BotDeps): Promise<void> {
  const person = await personFromActivity(context.activity, deps);
  if (person) await rememberConversation(context, person, deps);
}
