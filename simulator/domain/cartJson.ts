import { link } from '../http/links';
import type { CartRecord } from '../state/simulatorState';
import { lineError, type CartLineContext } from './cartLines';
import { iso } from './invoiceBook';

/** Every line of a one-time cart lands in the same order group, like the RI + software lines of the example. */
export const ONE_TIME_ORDER_GROUP = '0';

/** Renders a Cart with each line's current `error` (registration or inventory), as on the wire. */
export function cartJson(cart: CartRecord, context: CartLineContext): Record<string, unknown> {
  return {
    id: cart.id,
    creationTimestamp: iso(cart.createdAt),
    lastModifiedTimestamp: iso(cart.lastModifiedAt),
    expirationTimestamp: iso(cart.expiresAt),
    lastModifiedUser: cart.lastModifiedUser,
    status: cart.status,
    lineItems: cart.lines.map((line) => {
      const item: Record<string, unknown> = { id: line.id, catalogItemId: line.catalogItemId };
      if (line.friendlyName !== undefined) item.friendlyName = line.friendlyName;
      item.quantity = line.quantity;
      item.currencyCode = line.ref.market.currency;
      item.billingCycle = 'one_time';
      if (line.termDuration) item.termDuration = line.termDuration;
      if (line.provisioningContext) item.provisioningContext = line.provisioningContext;
      if (line.participants) item.participants = line.participants;
      item.orderGroup = ONE_TIME_ORDER_GROUP;
      const error = cart.status === 'Active' ? lineError(line, context) : undefined;
      if (error) item.error = error;
      return item;
    }),
    links: { self: link(`/customers/${cart.customerId}/carts/${cart.id}`) },
    attributes: { objectType: 'Cart' },
  };
}
