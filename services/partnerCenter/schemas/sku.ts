import { z } from 'zod';
import { billingCycleSchema } from './billingCycle';
import { linkSchema } from './link';
import { knownOr } from './wireValues';

/** A SKU of a product; `purchasePrerequisites` tells the bot whether to check inventory or register a subscription. */
export const skuSchema = z.object({
  id: z.string().min(1),
  productId: z.string().min(1),
  title: z.string(),
  description: z.string().optional(),
  minimumQuantity: z.number(),
  maximumQuantity: z.number(),
  isTrial: z.boolean().optional(),
  supportedBillingCycles: z.array(billingCycleSchema),
  purchasePrerequisites: z.array(
    knownOr(['InventoryCheck', 'AzureSubscriptionRegistration', 'MicrosoftCloudAgreement']),
  ),
  inventoryVariables: z.array(knownOr(['CustomerId', 'AzureSubscriptionId', 'ArmRegionName'])).optional(),
  provisioningVariables: z.array(knownOr(['Scope', 'SubscriptionId', 'Duration'])).optional(),
  dynamicAttributes: z.record(z.string(), z.unknown()).optional(),
  actions: z.array(z.string()).optional(),
  attestationProperties: z
    .object({ attestationType: z.string().optional(), enforceAttestation: z.boolean().optional() })
    .optional(),
  consumptionType: z.string().optional(),
  links: z.object({ availabilities: linkSchema.optional(), self: linkSchema.optional() }).optional(),
});

export type Sku = z.infer<typeof skuSchema>;
