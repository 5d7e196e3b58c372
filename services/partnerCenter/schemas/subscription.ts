import { z } from 'zod';
import { attributesSchema } from './link';

/**
 * A customer's Partner Center subscription (`get-a-subscription-by-id`). For reservations only a few fields matter:
 * `offerId` says whether it is an Azure plan (`DZH318Z0BPS6:…`) or a Microsoft Azure (`MS-AZR-0145P`) subscription,
 * which decides the reservation catalog, and `status` whether it can be used at all. The rest is left to the service.
 */
export const subscriptionSchema = z.object({
  id: z.string().min(1),
  entitlementId: z.string().optional(),
  offerId: z.string().min(1),
  offerName: z.string().optional(),
  friendlyName: z.string().optional(),
  status: z.string().optional(),
  billingType: z.string().optional(),
  attributes: attributesSchema.optional(),
});

export type Subscription = z.infer<typeof subscriptionSchema>;
