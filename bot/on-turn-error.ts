import { ActivityTypes, type TurnContext } from 'botbuilder';
import { log } from '../src/observability/log';

/** What the person is told when a turn fails; the details stay in the log. */
export const TURN_ERROR_TEXT = 'Something went wrong; try again.';

/**
 * The adapter's `onTurnError`: the one place a failed turn is logged and answered, so one bad
 * activity never takes the process down. A message gets a short apology; a card button (an invoke)
 * gets a Universal Actions error answer, which Teams shows on the card without replacing it.
 * Set it with `adapter.onTurnError = onTurnError`.
 */
export async function onTurnError(context: TurnContext, error: unknown): Promise<void> {
  const { activity } = context;
  const what =
    activity.type === ActivityTypes.Invoke ? `invoke ${activity.name ?? '?'}` : activity.type;
  log.error({ err: error, turn: what }, `${what} activity ${activity.id ?? '(no id)'} failed`);
  try {
    if (activity.type === ActivityTypes.Invoke) {
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: {
          status: 500,
          body: {
            statusCode: 500,
            type: 'application/vnd.microsoft.error',
            value: { code: 'InternalServerError', message: TURN_ERROR_TEXT },
          },
        },
      });
    } else if (activity.type === ActivityTypes.Message) {
      await context.sendActivity(TURN_ERROR_TEXT);
    }
  } catch (sendError) {
    log.error(
      { err: sendError },
      `could not tell the sender of activity ${activity.id ?? '(no id)'} that it failed`,
    );
  }
}
