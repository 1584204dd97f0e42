import type { TurnContext } from 'botbuilder';
import type { BotDeps } from '../bot-deps';
import type { Asker } from '../roster';

/** Placeholder until the review queue is built: says so rather than pretending. */
export async function sendReviewQueue(
  context: TurnContext,
  _asker: Asker,
  _deps: BotDeps,
): Promise<void> {
  await context.sendActivity('The review queue is not built yet.');
}
