import type { Cart } from '../partnerCenter/schemas/cart';
import { describeCartLineError } from './describeCartLineError';
import type { CartSummary, SkuAttestation } from './types';

/** Display titles of the product and SKU behind a cart line, and the attestation its SKU enforces. */
export interface LineTitles {
  productTitle: string;
  skuTitle: string;
  attestation?: SkuAttestation;
}

/** A Partner Center cart as the confirmation card shows it; `titlesOf` names each line's product and SKU. */
export function cartSummaryOf(
  cart: Cart,
  customerId: string,
  titlesOf: (catalogItemId: string) => LineTitles,
): CartSummary {
  const summary: CartSummary = {
    cartId: cart.id,
    customerId,
    // Update responses may omit the status; a cart that can still be changed is Active.
    status: cart.status ?? 'Active',
    lines: [...cart.lineItems]
      .sort((a, b) => a.id - b.id)
      .map((item) => {
        const titles = titlesOf(item.catalogItemId);
        const line: CartSummary['lines'][number] = {
          catalogItemId: item.catalogItemId,
          productTitle: titles.productTitle,
          skuTitle: titles.skuTitle,
          quantity: item.quantity,
          billingCycle: item.billingCycle,
        };
        if (item.termDuration) line.termDuration = item.termDuration;
        if (item.currencyCode) line.currencyCode = item.currencyCode;
        if (item.error) line.problem = describeCartLineError(item.error);
        if (titles.attestation) line.attestation = titles.attestation;
        return line;
      }),
  };
  if (cart.creationTimestamp) summary.createdAt = cart.creationTimestamp;
  if (cart.expirationTimestamp) summary.expiresAt = cart.expirationTimestamp;
  return summary;
}
