import type { Activity, TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../../cards/compileCardTemplate';
import { safeForMarkdown } from '../../cards/untrustedText';
import type { CardViews } from '../../dialogs/cardActions/CardViews';
import { textFor } from '../../i18n/text';
import { adaptiveCardOf, withCard } from './adaptiveCardOf';

/** The buttons that act on one person's purchase: a card carrying them is that person's to press. */
const PURCHASER_ONLY_VERBS: ReadonlySet<string> = new Set(['placeOrder', 'changeQuantity', 'cancelPurchase']);

/** True in a group chat or a channel (Teams' `conversationType`), where several people see the same card. */
export function isSharedConversation(context: TurnContext): boolean {
  const conversation = context.activity.conversation;
  return Boolean(conversation?.isGroup) || (conversation?.conversationType ?? 'personal') !== 'personal';
}

/**
 * In group chats and channels, a purchase's confirmation card (sent or redrawn during its purchaser's turn) goes out
 * as a user-specific view: the purchaser's Teams refreshes it into the card with Place order, Change quantity and
 * Cancel; everyone else reads who is buying what, without buttons. In a personal chat cards go out as they are.
 */
export function installGroupCardViews(context: TurnContext, views: CardViews): void {
  if (!isSharedConversation(context)) return;
  const share = async (activity: Partial<Activity>): Promise<Partial<Activity>> => {
    const card = adaptiveCardOf(activity);
    if (!card || card.refresh !== undefined || !hasPurchaserButtons(card)) return activity;
    const from = context.activity.from;
    // Everyone in the chat reads the note; it is said in the purchaser's language, as the rest of their card is.
    const say = textFor(context.activity.locale);
    const name = safeForMarkdown(from?.name?.trim() || say('bot.someone'), 'name');
    const note = say('bot.preparingOrder', { name });
    return withCard(activity, await views.showOnlyTo(context, card, [from?.id ?? ''], note));
  };
  context.onSendActivities(async (_ctx, activities, next) => {
    for (let i = 0; i < activities.length; i += 1) activities[i] = await share(activities[i]);
    return next();
  });
  context.onUpdateActivity(async (_ctx, activity, next) => {
    Object.assign(activity, await share(activity));
    return next();
  });
}

function hasPurchaserButtons(card: AdaptiveCardJson): boolean {
  const actions = Array.isArray(card.actions) ? (card.actions as unknown[]) : [];
  return actions.some((action) => {
    const data = (action as { data?: { verb?: unknown } } | null)?.data;
    return typeof data?.verb === 'string' && PURCHASER_ONLY_VERBS.has(data.verb);
  });
}
