import { randomBytes } from 'node:crypto';
import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../../cards/compileCardTemplate';
import { userSpecificCard } from '../../cards/userSpecificCard';

/** A card shown in full to some people and read-only to everyone else, kept until it expires. */
interface KeptView {
  /** The card with its buttons, for the people in `userIds`. */
  card: AdaptiveCardJson;
  userIds: string[];
  note: string;
  createdAt: number;
}

type Views = Record<string, KeptView>;

/** Enough for the cards still on screen in one conversation; each holds a whole card, so the count stays small. */
const MAX_VIEWS = 10;
/** As long as the buttons on such a card resolve (the card action registry's expiry). */
const VIEW_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The user-specific cards of a conversation: {@link showOnlyTo} keeps the full card server-side and returns the card
 * everyone sees; {@link viewFor} answers the card's refresh with the full card for the people it was meant for and the
 * read-only one for anyone else (a forged or stale view id gets nothing).
 */
export class CardViews {
  private readonly accessor: StatePropertyAccessor<Views>;

  constructor(
    conversationState: ConversationState,
    private readonly now: () => number = Date.now,
  ) {
    this.accessor = conversationState.createProperty<Views>('cardViews');
  }

  /**
   * Keeps `card` for `userIds` (Teams user ids, `29:…`) and returns what to send instead: the same card without
   * buttons, with `note` on top and a refresh that brings those people the full card. Reusable for any card whose
   * buttons are for some people only (a purchaser's confirmation, an approver's request).
   */
  async showOnlyTo(
    context: TurnContext,
    card: AdaptiveCardJson,
    userIds: readonly string[],
    note: string,
  ): Promise<AdaptiveCardJson> {
    const views = await this.accessor.get(context, {});
    const now = this.now();
    for (const [id, view] of Object.entries(views)) if (now - view.createdAt > VIEW_TTL_MS) delete views[id];
    const viewId = randomBytes(12).toString('base64url');
    views[viewId] = { card, userIds: [...userIds], note, createdAt: now };
    const ids = Object.keys(views);
    if (ids.length > MAX_VIEWS) {
      ids
        .sort((a, b) => views[a].createdAt - views[b].createdAt)
        .slice(0, ids.length - MAX_VIEWS)
        .forEach((old) => delete views[old]);
    }
    await this.accessor.set(context, views);
    return userSpecificCard(card, { userIds, viewId, note });
  }

  /** The card the person asking should see, or undefined when the view is unknown or has expired. */
  async viewFor(context: TurnContext, viewId: string): Promise<AdaptiveCardJson | undefined> {
    const views = await this.accessor.get(context, {});
    const view = Object.prototype.hasOwnProperty.call(views, viewId) ? views[viewId] : undefined;
    if (!view || this.now() - view.createdAt > VIEW_TTL_MS) return undefined;
    const asking = context.activity.from?.id ?? '';
    if (view.userIds.includes(asking)) return view.card;
    return userSpecificCard(view.card, { userIds: view.userIds, viewId, note: view.note });
  }
}
