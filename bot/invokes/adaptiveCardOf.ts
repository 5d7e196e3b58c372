import type { Activity } from 'botbuilder';
import type { AdaptiveCardJson } from '../../cards/compileCardTemplate';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** The Adaptive Card an outgoing activity carries (its first), if any. */
export function adaptiveCardOf(activity: Partial<Activity>): AdaptiveCardJson | undefined {
  const content = activity.attachments?.find((a) => a.contentType === ADAPTIVE_CARD)?.content as unknown;
  if (!content || typeof content !== 'object') return undefined;
  const card = content as Partial<AdaptiveCardJson>;
  return card.type === 'AdaptiveCard' && typeof card.version === 'string' ? (card as AdaptiveCardJson) : undefined;
}

/** The same activity carrying `card` in place of its Adaptive Card. */
export function withCard(activity: Partial<Activity>, card: AdaptiveCardJson): Partial<Activity> {
  return {
    ...activity,
    attachments: (activity.attachments ?? []).map((a) =>
      a.contentType === ADAPTIVE_CARD ? { ...a, content: card } : a,
    ),
  };
}
