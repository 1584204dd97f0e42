import { z } from 'zod';
import { NOTE_MAX } from '../src/server/input/limits';

const id = () => z.string().max(2048);
const account = z.looseObject({
  id: id().optional(),
  name: z.string().max(1024).optional(),
  aadObjectId: id().optional(),
});

/**
 * The shape of an activity the bot endpoint reads before the SDK sees it. Teams sends many more
 * fields, so objects are read loosely; what the SDK and reap's handlers rely on must have the
 * right type, or the request is a 400 (the SDK would otherwise fail with a 500 on, say, a numeric
 * `serviceUrl`). The card data inside `value` is parsed strictly by the verb that reads it.
 */
export const activityEnvelope = z.looseObject({
  type: z.string().min(1).max(64),
  id: id().optional(),
  name: z.string().max(256).optional(),
  channelId: z.string().max(64).optional(),
  serviceUrl: z
    .string()
    .max(2048)
    .regex(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
    .optional(),
  from: account.optional(),
  recipient: account.optional(),
  conversation: z
    .looseObject({
      id: id(),
      tenantId: id().optional(),
      conversationType: z.string().max(64).optional(),
    })
    .optional(),
  text: z.string().max(NOTE_MAX).optional(),
  replyToId: id().optional(),
  channelData: z.looseObject({}).optional(),
  membersAdded: z.array(account).max(1000).optional(),
  membersRemoved: z.array(account).max(1000).optional(),
});
