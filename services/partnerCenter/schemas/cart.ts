import { z } from 'zod';
import { billingCycleSchema, type BillingCycle } from './billingCycle';
import { attributesSchema, linkSchema } from './link';
import { knownOr, numberFromWire, stringFromWire } from './wireValues';

const cartErrorSchema = z.object({
  errorCode: stringFromWire,
  errorDescription: z.string().optional(),
  additionalInformation: z.record(z.string(), z.unknown()).optional(),
});

// Carts are read, modified and PUT back whole, so unknown fields are kept (loose) rather than stripped.
const cartLineItemSchema = z.looseObject({
  id: numberFromWire,
  catalogItemId: z.string().min(1),
  friendlyName: z.string().optional(),
  quantity: numberFromWire,
  currencyCode: z.string().optional(),
  billingCycle: billingCycleSchema,
  termDuration: z.string().optional(),
  provisioningContext: z.record(z.string(), z.string()).optional(),
  participants: z.array(z.object({ key: z.string(), value: stringFromWire })).optional(),
  orderGroup: stringFromWire.optional(),
  renewsTo: z.object({ termDuration: z.string() }).optional(),
  error: cartErrorSchema.optional(),
  attestationAccepted: z.boolean().optional(),
});

/** A cart as returned by create, update and get (update responses may lack `status`). */
export const cartSchema = z.looseObject({
  id: z.string().min(1),
  creationTimestamp: z.string().optional(),
  lastModifiedTimestamp: z.string().optional(),
  expirationTimestamp: z.string().optional(),
  lastModifiedUser: z.string().optional(),
  lineItems: z.array(cartLineItemSchema),
  status: knownOr(['Active', 'Ordered']).optional(),
  partnerOnRecordAttestationAccepted: z.boolean().optional(),
  links: z.object({ self: linkSchema.optional() }).optional(),
  attributes: attributesSchema.optional(),
});

export type Cart = z.infer<typeof cartSchema>;
export type CartLineItem = z.infer<typeof cartLineItemSchema>;
export type CartError = z.infer<typeof cartErrorSchema>;

/** A line item the bot puts into a new cart. `id` defaults to the item's position (0..n-1). */
export interface CartLineItemInput {
  id?: number;
  catalogItemId: string;
  friendlyName?: string;
  quantity: number;
  billingCycle: BillingCycle;
  termDuration?: string;
  provisioningContext?: Record<string, string>;
  participants?: { key: string; value: string }[];
  renewsTo?: { termDuration: string };
  /** Acceptance of the SKU's attestation; required when the SKU's `attestationProperties.enforceAttestation` is true. */
  attestationAccepted?: boolean;
  promotionId?: string;
}

/** The body of Create cart (and of Update cart when the bot rebuilds the line items). */
export interface CartInput {
  lineItems: CartLineItemInput[];
  /** The partner's attestation (`PartnerOnRecordAttestationAccepted`, "Confirms Attestation completion"). */
  partnerOnRecordAttestationAccepted?: boolean;
}
