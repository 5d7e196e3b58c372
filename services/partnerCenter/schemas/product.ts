import { z } from 'zod';
import { linkSchema } from './link';

const itemTypeSchema = z.object({
  id: z.string(),
  displayName: z.string().optional(),
  get subType() {
    return itemTypeSchema.optional();
  },
});

/** A catalog product (`/v1/products…`). */
export const productSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  description: z.string().optional(),
  productType: itemTypeSchema.optional(),
  isMicrosoftProduct: z.boolean().optional(),
  publisherName: z.string().optional(),
  links: z.object({ skus: linkSchema.optional(), self: linkSchema.optional() }).optional(),
});

export type Product = z.infer<typeof productSchema>;
export type ProductItemType = z.infer<typeof itemTypeSchema>;
