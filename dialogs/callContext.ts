import type { TurnContext } from 'botbuilder';
import type { PartnerCenterCallContext } from '../services/partnerCenter/PartnerCenterCallContext';
import { userKeyOf } from './cardActionRegistry';

/** The Partner Center call context of this turn: one correlation id per user workflow, the user's locale and identity. */
export function callContextOf(context: TurnContext, correlationId: string): PartnerCenterCallContext {
  return {
    correlationId,
    locale: context.activity.locale || 'en-US',
    user: { id: userKeyOf(context), name: context.activity.from?.name },
  };
}
