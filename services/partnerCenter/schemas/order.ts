import { z } from 'zod';
import { billingCycleSchema } from './billingCycle';
import { attributesSchema, linkSchema } from './link';
import { knownOr, numberFromWire, stringFromWire } from './wireValues';

/** Order statuses on the wire; multi-word ones are snake_case (`pending_po_upload`). */
export const ORDER_STATUSES = [
  'unknown',
  'completed',
  'pending',
  'cancelled',
  'suspended',
  'pending_review',
  'pending_po_upload',
  'po_upload_complete',
  'po_review_rejected',
  'partial_success',
  'error',
] as const;

const pricingSchema = z.object({
  listPrice: numberFromWire.optional(),
  discountedPrice: numberFromWire.optional(),
  proratedPrice: numberFromWire.optional(),
  price: numberFromWire.optional(),
  extendedPrice: numberFromWire.optional(),
});

const orderLineItemSchema = z.object({
  lineItemNumber: numberFromWire,
  offerId: z.string().min(1),
  subscriptionId: z.string().optional(),
  parentSubscriptionId: z.string().optional(),
  termDuration: z.string().optional(),
  transactionType: z.string().optional(),
  friendlyName: z.string().optional(),
  quantity: numberFromWire,
  partnerIdOnRecord: stringFromWire.optional(),
  provisioningContext: z.record(z.string(), z.string()).optional(),
  pricing: pricingSchema.optional(),
  links: z.record(z.string(), linkSchema).optional(),
});

/** An order (one per order group of a checked-out cart). */
export const orderSchema = z.object({
  id: z.string().min(1),
  alternateId: z.string().optional(),
  referenceCustomerId: z.string().min(1),
  billingCycle: billingCycleSchema,
  currencyCode: z.string().optional(),
  currencySymbol: z.string().optional(),
  lineItems: z.array(orderLineItemSchema),
  creationDate: z.string().optional(),
  status: knownOr(ORDER_STATUSES),
  transactionType: z.string().optional(),
  totalPrice: numberFromWire.optional(),
  links: z
    .object({
      self: linkSchema.optional(),
      provisioningStatus: linkSchema.optional(),
      patchOperation: linkSchema.optional(),
    })
    .optional(),
  attributes: attributesSchema.optional(),
});

/** A per-order-group failure reported by checkout. */
export const orderErrorSchema = z.object({
  orderGroupId: stringFromWire,
  code: stringFromWire,
  description: z.string().optional(),
});

/**
 * The Checkout cart response: the orders placed and the order groups that failed. A checkout whose every order group
 * was refused answers 201 with `orderErrors` only, so a missing `orders` is an empty list, not an invalid response.
 */
export const cartCheckoutResultSchema = z.object({
  orders: z.array(orderSchema).default([]),
  orderErrors: z.array(orderErrorSchema).default([]),
  attributes: attributesSchema.optional(),
});

export type Order = z.infer<typeof orderSchema>;
export type OrderLineItem = z.infer<typeof orderLineItemSchema>;
export type OrderError = z.infer<typeof orderErrorSchema>;
export type CartCheckoutResult = z.infer<typeof cartCheckoutResultSchema>;
