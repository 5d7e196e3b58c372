import type { TurnContext } from 'botbuilder';
import type { RegistrationView } from '../../services/lookups/types';
import type { CustomerDetails } from '../../services/purchase/types';

/** Hands a statement PDF to the user the way the conversation allows (Teams file or expiring download link). */
export interface StatementDelivery {
  deliver(context: TurnContext, correlationId: string, invoiceId: string): Promise<void>;
}

/** Keeps a registration card up to date after the turn ends, until the subscription is registered. */
export interface RegistrationFollowUp {
  follow(
    context: TurnContext,
    card: { activityId: string; customer: CustomerDetails; registration: RegistrationView },
  ): Promise<void>;
}
