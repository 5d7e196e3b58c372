import type { Order } from '../partnerCenter/schemas/order';

/** Names of order lines by order id and line number, as {@link orderLineNamesOf} builds them. */
export interface OrderLineNames {
  /** The name of one line of an order; undefined when the order wasn't read or the line has no name. */
  nameOf(orderId: string, lineItemId: string | number, productId: string, skuId: string): string | undefined;
}

/**
 * Indexes the friendly names of the given orders' lines. A line is found by its number and the product and SKU its
 * offer id starts with; failing that, by product and SKU alone (entitlements give the line number as a string, and a
 * wrong name is worse than none, so a number alone is trusted only in a one-line order).
 */
export function orderLineNamesOf(orders: readonly Order[]): OrderLineNames {
  const byOrder = new Map(orders.map((order) => [order.id.toLowerCase(), order]));
  return {
    nameOf(orderId, lineItemId, productId, skuId) {
      const order = byOrder.get(orderId.toLowerCase());
      if (!order) return undefined;
      const number = Number(lineItemId);
      const offerPrefix = `${productId}:${skuId}`.toLowerCase();
      const line =
        order.lineItems.find((item) => item.lineItemNumber === number && sameOffer(item.offerId, offerPrefix)) ??
        order.lineItems.find((item) => sameOffer(item.offerId, offerPrefix)) ??
        // An offer id of another shape can't be matched; a one-line order can only have been that line.
        (order.lineItems.length === 1 ? order.lineItems[0] : undefined);
      const name = line?.friendlyName?.trim();
      return name ? name : undefined;
    },
  };
}

// Offer ids of one-time purchases are `productId:skuId:availabilityId`; the first two parts name what was bought.
function sameOffer(offerId: string, productAndSku: string): boolean {
  const lower = offerId.toLowerCase();
  return lower === productAndSku || lower.startsWith(`${productAndSku}:`);
}
