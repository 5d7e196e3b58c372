import type { TurnContext } from 'botbuilder';
import type { PartnerCenterCallContext } from '../services/partnerCenter/PartnerCenterCallContext';
import { userKeyOf } from './cardActionRegistry';

/** The person behind a turn as Partner Center calls see them, with where their sign-in is kept. */
export function callUserOf(context: TurnContext): NonNullable<PartnerCenterCallContext['user']> {
  const { channelId, from } = context.activity;
  return {
    id: userKeyOf(context),
    name: from?.name,
    ...(channelId && from?.id ? { signIn: { channelId, channelUserId: from.id } } : {}),
  };
}

/** The Partner Center call context of this turn: one correlation id per user workflow, the user's locale and identity. */
export function callContextOf(context: TurnContext, correlationId: string): PartnerCenterCallContext {
  return {
    correlationId,
    locale: context.activity.locale || 'en-US',
    user: callUserOf(context),
  };
}
