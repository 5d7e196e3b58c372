import { z } from 'zod';
import { attributesSchema } from './link';
import { knownOr } from './wireValues';

/** Registration status of an Azure subscription for reservations (`NotRegistered` becomes `notregistered`). */
export const subscriptionRegistrationStatusSchema = z.object({
  subscriptionId: z.string().min(1),
  status: knownOr(['registered', 'registering', 'notregistered']),
  attributes: attributesSchema.optional(),
});

export type SubscriptionRegistrationStatus = z.infer<typeof subscriptionRegistrationStatusSchema>;
