import type { AdaptiveCardJson } from './compileCardTemplate';
import { textFor } from '../i18n/text';

/**
 * Teams refreshes a card automatically for at most 60 listed users (Universal Actions, "user-specific views"); anyone
 * else sees the shared card and may press Teams' own "Refresh card".
 */
export const MAX_REFRESH_USERS = 60;

/** The verb of the refresh action that asks the bot for a user-specific view. */
export const SHOW_VIEW_VERB = 'showView';

/** How {@link userSpecificCard} shares a card. */
export interface UserSpecificCardOptions {
  /** The Teams user ids (`29:…`) who get the card with its buttons; capped at {@link MAX_REFRESH_USERS}. */
  userIds: readonly string[];
  /** The opaque id the refresh action sends back: the full card is kept server-side under it. */
  viewId: string;
  /** The line everyone else reads above the card (already safe for markdown), e.g. who is buying what. */
  note: string;
  /** The reader's locale, for the refresh action's title; English without one. */
  locale?: string;
}

/**
 * The card everyone in a group chat or channel sees when only some people may act on it: the same facts with no button
 * or input anywhere, a note saying why, and a `refresh` action naming the people who may act. Teams sends those people
 * an `adaptiveCard/action` invoke (trigger `automatic`) when they look at it, and the bot answers with the full card
 * for them alone; anyone else who presses "Refresh card" gets this read-only card again. The buttons' own checks stay
 * on the server (a forged or someone else's press changes nothing), so this is about what each person is shown.
 */
export function userSpecificCard(card: AdaptiveCardJson, options: UserSpecificCardOptions): AdaptiveCardJson {
  const body = Array.isArray(card.body) ? card.body : [];
  return {
    ...withoutActions(card),
    body: [
      { type: 'TextBlock', text: options.note, wrap: true, isSubtle: true, size: 'Small' },
      ...(withoutActions(body) as unknown[]),
    ],
    refresh: {
      action: {
        type: 'Action.Execute',
        title: textFor(options.locale)('bot.refreshCard'),
        verb: SHOW_VIEW_VERB,
        data: { verb: SHOW_VIEW_VERB, id: options.viewId },
      },
      userIds: options.userIds.slice(0, MAX_REFRESH_USERS),
    },
  };
}

/** A copy of a card (or part of one) with every button, clickable area and input taken out. */
function withoutActions<T>(node: T): T {
  if (Array.isArray(node)) {
    return node.filter((item) => !isInteractive(item)).map((item) => withoutActions(item) as unknown) as T;
  }
  if (!node || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === 'actions' || key === 'selectAction' || key === 'refresh') continue;
    copy[key] = withoutActions(value);
  }
  return copy as T;
}

function isInteractive(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  const type = (node as { type?: unknown }).type;
  return typeof type === 'string' && (type === 'ActionSet' || type.startsWith('Input.') || type.startsWith('Action.'));
}
