import { link } from '../http/links';
import type { CartRecord } from '../state/simulatorState';
import { lineError, type CartLineContext } from './cartLines';
import { iso } from './invoiceBook';
import type { OrderGroups } from './orderGroups';

/** What rendering a cart needs: the line context (for line errors) and how lines fall into order groups. */
export type CartJsonContext = CartLineContext & { orderGroups: OrderGroups };

/** Renders a Cart with each line's order group and current `error` (registration or inventory), as on the wire. */
export function cartJson(cart: CartRecord, context: CartJsonContext): Record<string, unknown> {
  return {
    id: cart.id,
    creationTimestamp: iso(cart.createdAt),
    lastModifiedTimestamp: iso(cart.lastModifiedAt),
    expirationTimestamp: iso(cart.expiresAt),
    lastModifiedUser: cart.lastModifiedUser,
    status: cart.status,
    // Echoed when sent, camelCase like every response field (no documented response shows them; inference).
    ...(cart.partnerOnRecordAttestationAccepted === undefined
      ? {}
      : { partnerOnRecordAttestationAccepted: cart.partnerOnRecordAttestationAccepted }),
    lineItems: cart.lines.map((line) => {
      const item: Record<string, unknown> = { id: line.id, catalogItemId: line.catalogItemId };
      if (line.friendlyName !== undefined) item.friendlyName = line.friendlyName;
      item.quantity = line.quantity;
      item.currencyCode = line.ref.market.currency;
      item.billingCycle = 'one_time';
      if (line.termDuration) item.termDuration = line.termDuration;
      if (line.provisioningContext) item.provisioningContext = line.provisioningContext;
      if (line.participants) item.participants = line.participants;
      if (line.attestationAccepted !== undefined) item.attestationAccepted = line.attestationAccepted;
      item.orderGroup = context.orderGroups.groupOf(line);
      const error = cart.status === 'Active' ? lineError(line, context) : undefined;
      if (error) item.error = error;
      return item;
    }),
    links: { self: link(`/customers/${cart.customerId}/carts/${cart.id}`) },
    attributes: { objectType: 'Cart' },
  };
}
