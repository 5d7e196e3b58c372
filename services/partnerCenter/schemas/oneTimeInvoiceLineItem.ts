import { z } from 'zod';
import { attributesSchema } from './link';
import { knownOr, numberFromWire, stringFromWire } from './wireValues';

const wireScalar = z.union([z.string(), z.number(), z.boolean()]);

/**
 * One billed one-time charge (`provider=onetime`). Amounts and quantities arrive as numbers or numeric strings and
 * are always numbers here; `resellerMpnId` arrives as `0` or `"4649221"` and is always a string here.
 */
export const oneTimeInvoiceLineItemSchema = z.object({
  partnerId: z.string().optional(),
  customerId: z.string().min(1),
  customerName: z.string().optional(),
  customerDomainName: z.string().optional(),
  customerCountry: z.string().optional(),
  invoiceNumber: z.string(),
  mpnId: stringFromWire.optional(),
  resellerMpnId: stringFromWire.optional(),
  orderId: z.string().min(1),
  orderDate: z.string().optional(),
  productId: z.string().min(1),
  skuId: z.string().min(1),
  availabilityId: z.string().optional(),
  productName: z.string().optional(),
  skuName: z.string().optional(),
  productQualifiers: z.array(z.string()).optional(),
  chargeType: knownOr(['new', 'cancel', 'renew', 'purchase', 'refund']),
  unitPrice: numberFromWire,
  effectiveUnitPrice: numberFromWire.optional(),
  unitType: z.string().optional(),
  quantity: numberFromWire,
  subtotal: numberFromWire,
  taxTotal: numberFromWire,
  totalForCustomer: numberFromWire,
  currency: z.string().min(1),
  publisherName: z.string().optional(),
  publisherId: stringFromWire.optional(),
  subscriptionDescription: z.string().optional(),
  subscriptionId: z.string().optional(),
  subscriptionStartDate: z.string().optional(),
  subscriptionEndDate: z.string().optional(),
  chargeStartDate: z.string().optional(),
  chargeEndDate: z.string().optional(),
  termAndBillingCycle: z.string().optional(),
  alternateId: z.string().optional(),
  referenceId: z.string().optional(),
  priceAdjustmentDescription: z.string().optional(),
  pricingCurrency: z.string().optional(),
  pcToBCExchangeRate: wireScalar.optional(),
  pcToBCExchangeRateDate: z.string().optional(),
  billableQuantity: wireScalar.optional(),
  billingFrequency: z.string().optional(),
  reservationOrderId: z.string().optional(),
  promotionId: z.string().optional(),
  invoiceLineItemType: knownOr(['billing_line_items', 'usage_line_items']).optional(),
  billingProvider: knownOr(['one_time', 'office', 'azure', 'marketplace']).optional(),
  attributes: attributesSchema.optional(),
});

export type OneTimeInvoiceLineItem = z.infer<typeof oneTimeInvoiceLineItemSchema>;
