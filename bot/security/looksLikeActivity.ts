import { z } from 'zod';

const account = z.object({ id: z.string().min(1) });

/** The fields every turn relies on; anything else an activity carries is left to the SDK and the dialogs. */
const activityShape = z.object({
  type: z.string().min(1).max(64),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.string().min(1).max(2048),
  conversation: account,
  from: account,
  recipient: account.optional(),
  id: z.string().max(512).optional(),
});

/**
 * True when a request body has the shape of a Bot Framework activity where the bot depends on it. A body that does
 * not is refused with a bare 400 before any turn runs, instead of failing halfway through one.
 */
export function looksLikeActivity(body: unknown): boolean {
  return activityShape.safeParse(body).success;
}
