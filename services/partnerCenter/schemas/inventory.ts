import { z } from 'zod';

/** One result of Check inventory (the response is a bare array of these). */
export const inventoryItemResultSchema = z.object({
  productId: z.string().min(1),
  skuId: z.string().optional(),
  isRestricted: z.boolean(),
  restrictions: z
    .array(
      z.object({
        reasonCode: z.string(),
        description: z.string().optional(),
        properties: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .default([]),
});

/** The Check inventory response body. */
export const inventoryCheckResultSchema = z.array(inventoryItemResultSchema);

export type InventoryItemResult = z.infer<typeof inventoryItemResultSchema>;

/** The Check inventory request: items to check and the context keys named by the SKU's `inventoryVariables`. */
export interface InventoryCheckRequest {
  targetItems: { productId: string; skuId?: string }[];
  inventoryContext: Record<string, string>;
}
