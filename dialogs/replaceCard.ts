import type { Activity, TurnContext } from 'botbuilder';
import { cardMessage } from './cardMessage';

/** Replaces a card the user has acted on, so its buttons can't be pressed again; sends it anew if that fails. */
export async function replaceCard(context: TurnContext, activityId: string | undefined, card: object): Promise<void> {
  if (activityId) {
    try {
      await context.updateActivity({ ...cardMessage(card), id: activityId } as Partial<Activity>);
      return;
    } catch {
      // Some channels can't update; the user still needs to see the outcome.
    }
  }
  await context.sendActivity(cardMessage(card));
}
