import { TurnContext, type Activity } from 'botbuilder';
import type { Person } from '../src/domain';
import type { Actor, Decision } from '../src/domain/authorization';
import type { BotDeps } from './bot-deps';

/** Who sent an activity: the authorisation actor, and the roster person when there is one. */
export type Asker = { actor: Actor; person?: Person };

/**
 * Who is asking, from the Entra object id Teams puts in `from.aadObjectId` (the channel token
 * vouches for the activity); never from card data or message text.
 */
export async function whoIsAsking(
  activity: Activity,
  deps: Pick<BotDeps, 'store' | 'actors'>,
): Promise<Asker> {
  const objectId = activity.from?.aadObjectId;
  if (!objectId) return { actor: { kind: 'anonymous' } };
  const person = await personFromActivity(activity, deps);
  if (!person) return { actor: await deps.actors.forObjectId(objectId) };
  return { actor: await deps.actors.forPerson(person), person };
}

/** What the bot says when the authorisation module refuses. */
export function refusalText(decision: Extract<Decision, { allowed: false }>, activity: Activity) {
  return decision.reason === 'unauthenticated' || decision.reason === 'not-on-roster'
    ? notOnRosterText(activity)
    : decision.message;
}

/**
 * The person who sent the activity, from the Entra object id Teams puts in `from.aadObjectId`.
 * Never from card data: a card's payload is whatever the client sends.
 */
export async function personFromActivity(
  activity: Activity,
  deps: Pick<BotDeps, 'store'>,
): Promise<Person | undefined> {
  const objectId = activity.from?.aadObjectId;
  if (!objectId) return undefined;
  // Entra object ids are GUIDs; Teams sends them in lower case, as the roster import stores them.
  return deps.store.findPersonByAadObjectId(objectId.toLowerCase());
}

/**
 * True in a 1:1 chat with the bot. The Bot Framework Emulator and Web Chat leave
 * `conversationType` out; they are 1:1 too.
 */
export function isPersonalConversation(activity: Activity): boolean {
  const type = activity.conversation?.conversationType;
  return type === undefined || type === 'personal';
}

/** What someone not on the roster is told, whatever they asked. */
export function notOnRosterText(activity: Activity): string {
  const name = activity.from?.name ? `${activity.from.name}, ` : '';
  return (
    `Sorry, ${name}I can't find you on the city's staff roster, so I have no trainings to show ` +
    'you yet. Please ask your Teams administrator or HR to add you to the roster for this app.'
  );
}

/**
 * Keeps the conversation reference of a person's 1:1 chat, so reminders can reach them later.
 * References of group chats and channels are not kept: a reminder there would reach everyone.
 */
export async function rememberConversation(
  context: TurnContext,
  person: Person,
  deps: Pick<BotDeps, 'store' | 'clock'>,
): Promise<void> {
  if (!isPersonalConversation(context.activity)) return;
  await deps.store.saveConversation({
    personId: person.id,
    reference: TurnContext.getConversationReference(context.activity),
    updatedAt: deps.clock.now().toISOString(),
  });
}
