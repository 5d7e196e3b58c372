import type { TurnContext } from 'botbuilder';
import type { AuditEntry } from '../services/audit/AuditEntry';
import type { CheckoutRecord } from '../services/checkout/CheckoutLedger';
import type { CustomerDetails } from '../services/purchase/types';

/** What pressing "Place order" led to: this press started the checkout, or the cart's record already existed. */
export type PlaceOrderOutcome = { started: true } | { started: false; record: CheckoutRecord };

/**
 * Starts a checkout outside the turn, exactly once per cart across every click, redelivery and bot instance; the
 * outcome later replaces the given card. Implemented at the bot's edge (it needs the adapter to report back).
 */
export interface CheckoutStarter {
  /**
   * Claims the cart's checkout; when this call is the claimant, `acknowledge` runs (the "placing your order…" card)
   * before the checkout starts, so the outcome can never be overwritten by the acknowledgement.
   */
  placeOrder(
    context: TurnContext,
    order: {
      cartId: string;
      customer: CustomerDetails;
      correlationId: string;
      cardActivityId: string;
      /** What the cart holds, for the audit trail. */
      item?: AuditEntry['item'];
    },
    acknowledge: () => Promise<void>,
  ): Promise<PlaceOrderOutcome>;
}
