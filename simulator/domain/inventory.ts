import { GLOBALLY_RESTRICTED_REGIONS, type SkuSeed } from '../data/catalogSeed';
import type { AzureSubscription } from './customers';

/** A restriction reported by the inventory check, in the documented shape. */
export interface InventoryRestriction {
  reasonCode: string;
  description: string;
  properties: Record<string, string>;
}

/**
 * Inventory restrictions for a reservation SKU: regions restricted for everyone (`japanwest`) and regions restricted
 * for one particular subscription (Contoso's capacity-restricted plan). Non-reservation SKUs are never restricted.
 */
export function inventoryRestrictions(
  sku: SkuSeed,
  subscription: AzureSubscription | undefined,
): InventoryRestriction[] {
  const region = sku.dynamicAttributes?.armRegionName;
  if (!region) return [];
  const restricted =
    GLOBALLY_RESTRICTED_REGIONS.includes(region) || (subscription?.restrictedRegions.includes(region) ?? false);
  if (!restricted) return [];
  return [
    {
      reasonCode: 'NotAvailableForSubscription',
      description: `Restriction identified of type 'Location' with values '${region}'.`,
      properties: { type: 'Location', values: region },
    },
  ];
}
