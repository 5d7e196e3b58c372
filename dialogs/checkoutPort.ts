import type { TurnContext } from 'botbuilder';
import type { AuditEntry } from '../services/audit/AuditEntry';
import type { CheckoutRecord } from '../services/checkout/CheckoutLedger';
import type { CartIdentity } from '../services/checkout/cartIdentity';
import type { CustomerDetails, SkuAttestation } from '../services/purchase/types';

/** What pressing "Place order" led to: this press started the checkout, or the cart's record already existed. */
export type PlaceOrderOutcome = { started: true } | { started: false; record: CheckoutRecord };

/** The order "Place order" asks for: the cart as the person confirmed it, and the card to show the outcome on. */
export interface CheckoutOrder {
  cartId: string;
  /** What the confirmed cart is: only a ledger record of this identity is this cart's outcome. */
  identity: CartIdentity;
  customer: CustomerDetails;
  correlationId: string;
  cardActivityId: string;
  /** What the cart holds, for the audit trail and the duplicate guard. */
  item?: AuditEntry['item'];
  /** The attestations the confirmation card showed; pressing Place order accepts them. */
  attestations?: SkuAttestation[];
  /** The checkout's MS-RequestId when it was chosen earlier (an approval request's); a fresh one otherwise. */
  requestId?: string;
}

/**
 * Starts a checkout outside the turn, exactly once per cart across every click, redelivery and bot instance; the
 * outcome later replaces the given card. Implemented at the bot's edge (it needs the adapter to report back).
 */
export interface CheckoutStarter {
  /**
   * Claims the cart's checkout; when this call is the claimant, `acknowledge` runs (the "placing your order…" card)
   * before the checkout starts, so the outcome can never be overwritten by the acknowledgement.
   */
  placeOrder(context: TurnContext, order: CheckoutOrder, acknowledge: () => Promise<void>): Promise<PlaceOrderOutcome>;
}
