import type { TurnContext } from 'botbuilder';
import type { PartnerCenterCallContext } from '../services/partnerCenter/PartnerCenterCallContext';
import { userKeyOf } from './userKeyOf';

/** The person behind a turn as Partner Center calls see them, with where their sign-in is kept. */
export function callUserOf(context: TurnContext): NonNullable<PartnerCenterCallContext['user']> {
  const { channelId, from } = context.activity;
  return {
    id: userKeyOf(context),
    name: from?.name,
    ...(channelId && from?.id ? { signIn: { channelId, channelUserId: from.id } } : {}),
  };
}

/** Where a turn keeps when it first called Partner Center. */
const WAITING_SINCE = Symbol('partnerCenterWaitingSince');

/**
 * The Partner Center call context of this turn: one correlation id per user workflow, the user's locale and identity,
 * and since when the person has been waiting, so every call of the turn shares one retry budget in chat.
 */
export function callContextOf(context: TurnContext, correlationId: string): PartnerCenterCallContext {
  let waitingSince = context.turnState.get<number | undefined>(WAITING_SINCE);
  if (waitingSince === undefined) {
    waitingSince = Date.now();
    context.turnState.set(WAITING_SINCE, waitingSince);
  }
  return {
    correlationId,
    locale: context.activity.locale || 'en-US',
    user: callUserOf(context),
    waitingSince,
  };
}
