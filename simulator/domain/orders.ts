import type { ProductKind } from '../data/catalogSeed';
import { link } from '../http/links';
import { iso } from './invoiceBook';

/** One line of an order, kept with what completion needs (kind, price, provisioning context). */
export interface OrderLine {
  lineItemNumber: number;
  offerId: string;
  productId: string;
  skuId: string;
  availabilityId: string;
  kind: ProductKind;
  friendlyName: string;
  quantity: number;
  termDuration?: string;
  provisioningContext?: Record<string, string>;
  unitPrice: number;
  country: string;
  /** When the line was cancelled (its quantity is then 0); see domain/cancellation.ts. */
  cancelledAt?: number;
  /** The quantity bought, kept when a cancellation sets `quantity` to 0. */
  purchasedQuantity?: number;
}

/** An order: pending until `completesAt`, hidden from the list endpoints until `listVisibleAt`. */
export interface OrderRecord {
  id: string;
  alternateId: string;
  customerId: string;
  currency: string;
  symbol: string;
  createdAt: number;
  completesAt: number;
  listVisibleAt: number;
  status: 'pending' | 'completed' | 'cancelled';
  lines: OrderLine[];
}

/** Renders an Order; prices only with `include_price=true`, like the SDK's optional parameter. */
export function orderJson(order: OrderRecord, includePrice: boolean): Record<string, unknown> {
  const base = `/customers/${order.customerId}/orders/${order.id}`;
  const lineItems = order.lines.map((line) => {
    const item: Record<string, unknown> = {
      lineItemNumber: line.lineItemNumber,
      offerId: line.offerId,
    };
    if (line.termDuration) item.termDuration = line.termDuration;
    item.transactionType = 'New';
    item.friendlyName = line.friendlyName;
    item.quantity = line.quantity;
    if (line.provisioningContext) item.provisioningContext = line.provisioningContext;
    if (includePrice) {
      const extended = line.unitPrice * line.quantity;
      item.pricing = {
        listPrice: line.unitPrice,
        discountedPrice: line.unitPrice,
        proratedPrice: line.unitPrice,
        price: line.unitPrice,
        extendedPrice: extended,
      };
    }
    item.links = {
      product: link(`/products/${line.productId}?country=${line.country}`),
      sku: link(`/products/${line.productId}/skus/${line.skuId}?country=${line.country}`),
      availability: link(
        `/products/${line.productId}/skus/${line.skuId}/availabilities/${line.availabilityId}?country=${line.country}`,
      ),
    };
    return item;
  });
  const body: Record<string, unknown> = {
    id: order.id,
    alternateId: order.alternateId,
    referenceCustomerId: order.customerId,
    billingCycle: 'one_time',
    currencyCode: order.currency,
    currencySymbol: order.symbol,
    lineItems,
    creationDate: iso(order.createdAt),
    status: order.status,
    transactionType: 'UserPurchase',
  };
  if (includePrice) {
    body.totalPrice = order.lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  }
  body.links = {
    provisioningStatus: link(`${base}/provisioningstatus`),
    self: link(base),
  };
  body.attributes = { objectType: 'Order' };
  return body;
}

/**
 * The provisioning status of each order line: fulfilled once the order completed. Shaped like the documented example
 * (get-order-provisioning-status): `orderLineItemId` and `lineItemNumber` are JSON numbers, and items carry no
 * `attributes`.
 */
export function provisioningStatusItems(order: OrderRecord): Record<string, unknown>[] {
  const status = order.status === 'completed' ? 'fulfilled' : 'unfulfilled';
  return order.lines.map((line) => ({
    orderLineItemId: line.lineItemNumber,
    lineItemNumber: line.lineItemNumber,
    status,
    quantityProvisioningInformation: [{ quantity: line.quantity, status }],
  }));
}

/** Parses the `billingType` query of the orders list (`onetime`, `OneTime`, `one_time`, `monthly`, …). */
export function parseBillingType(value: string): string | undefined {
  const compact = value.replace(/[_\s-]/g, '').toLowerCase();
  const known: Record<string, string> = {
    onetime: 'one_time',
    monthly: 'monthly',
    annual: 'annual',
    none: 'none',
    triennial: 'triennial',
    biennial: 'biennial',
    unknown: 'unknown',
  };
  return known[compact];
}
