import { createHash } from 'node:crypto';
import { catalogItemIdParts } from '../purchase/catalogItemIdParts';
import type { CartSummary } from '../purchase/types';

/**
 * What makes a cart the one a person confirmed, beyond its id: the customer, when Partner Center created it and what
 * it holds. A cart id alone is not enough to find a checkout's record: a ledger that outlives the service's carts (a
 * restored backup, a simulator that restarted, a cart id reused after expiry) must never answer a new cart with an
 * earlier cart's order.
 */
export interface CartIdentity {
  customerId: string;
  /** Partner Center's `creationTimestamp` of the cart, when it sent one. */
  createdAt?: string;
  /** Each line's product and SKU (the availability part of a catalog item id rotates, so it is left out). */
  lines: { productId: string; skuId: string; quantity: number; termDuration?: string }[];
}

/** The identity of a cart as the confirmation card showed it; `createdAt` fills in a creation time the summary lacks. */
export function cartIdentityOf(cart: CartSummary, createdAt?: string): CartIdentity {
  const created = cart.createdAt ?? createdAt;
  return {
    customerId: cart.customerId.toLowerCase(),
    ...(created ? { createdAt: created } : {}),
    lines: cart.lines.map((line) => {
      const parts = catalogItemIdParts(line.catalogItemId);
      return {
        productId: parts?.productId ?? line.catalogItemId,
        skuId: parts?.skuId ?? '',
        quantity: line.quantity,
        ...(line.termDuration ? { termDuration: line.termDuration } : {}),
      };
    }),
  };
}

/** A short, stable digest of an identity: equal identities give equal digests, whatever the order of their keys. */
export function identityDigest(identity: CartIdentity): string {
  const canonical = JSON.stringify([
    identity.customerId,
    identity.createdAt ?? '',
    identity.lines.map((line) => [line.productId, line.skuId, line.quantity, line.termDuration ?? '']),
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 20);
}

/** The ledger's name for the checkout of this cart with this content: `<cart id>/<identity digest>`. */
export function checkoutKeyOf(cartId: string, identity: CartIdentity): string {
  return `${cartId.toLowerCase()}/${identityDigest(identity)}`;
}
