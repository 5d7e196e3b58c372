import { z } from 'zod';
import { linkSchema } from './link';
import { knownOr, numberFromWire, stringFromWire } from './wireValues';

const artifactSchema = z.object({
  artifactType: knownOr(['reservedinstance', 'virtual_machine_reserved_instance']),
  link: linkSchema.optional(),
  resourceId: z.string().optional(),
  dynamicAttributes: z.record(z.string(), z.unknown()).optional(),
});

/** What a customer may use because of a one-time purchase; nests the entitlements it includes. */
export const entitlementSchema = z.object({
  get includedEntitlements(): z.ZodDefault<z.ZodArray<typeof entitlementSchema>> {
    return z.array(entitlementSchema).default([]);
  },
  referenceOrder: z.object({ id: z.string().min(1), lineItemId: stringFromWire, alternateId: z.string().optional() }),
  productId: z.string().min(1),
  skuId: z.string().min(1),
  quantity: numberFromWire,
  quantityDetails: z.array(z.object({ quantity: numberFromWire, status: z.string() })).optional(),
  entitlementType: knownOr(['software', 'reservedinstance', 'virtualmachinereservedinstance']),
  fulfillmentState: z.string().optional(),
  entitledArtifacts: z.array(artifactSchema).default([]),
  expiryDate: z.string().optional(),
  dynamicAttributes: z.record(z.string(), z.unknown()).optional(),
});

export type Entitlement = z.infer<typeof entitlementSchema>;
export type EntitledArtifact = z.infer<typeof artifactSchema>;
