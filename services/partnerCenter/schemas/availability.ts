import { z } from 'zod';
import { linkSchema } from './link';
import { productSchema } from './product';
import { skuSchema } from './sku';
import { knownOr } from './wireValues';

const termSchema = z.object({
  id: z.string().optional(),
  duration: z.string(),
  description: z.string().optional(),
  billingCycle: z.string().optional(),
});

/** An availability: where and how a SKU can be bought; its `catalogItemId` goes into the cart line item. */
export const availabilitySchema = z.object({
  id: z.string().min(1),
  productId: z.string().min(1),
  skuId: z.string().min(1),
  catalogItemId: z.string().min(1),
  defaultCurrency: z.object({ code: z.string(), symbol: z.string().optional() }).optional(),
  segment: knownOr(['commercial', 'education', 'government', 'nonprofit']).optional(),
  country: z.string().optional(),
  isPurchasable: z.boolean(),
  isRenewable: z.boolean().optional(),
  terms: z.array(termSchema).default([]),
  // Embedded product/sku are often abbreviated (`{}` in the published examples).
  product: productSchema.partial().optional(),
  sku: skuSchema.partial().optional(),
  links: z.object({ self: linkSchema.optional() }).optional(),
});

export type Availability = z.infer<typeof availabilitySchema>;
export type AvailabilityTerm = z.infer<typeof termSchema>;
