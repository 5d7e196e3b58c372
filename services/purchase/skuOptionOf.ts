import type { Sku } from '../partnerCenter/schemas/sku';
import { attestationOf } from './attestationOf';
import type { SkuOption } from './types';

/** A Partner Center SKU as the purchase conversation offers it, with what buying it will require. */
export function skuOptionOf(sku: Sku): SkuOption {
  const prerequisites = sku.purchasePrerequisites.map((p) => p.toLowerCase());
  const region = sku.dynamicAttributes?.['armRegionName'];
  const option: SkuOption = {
    productId: sku.productId,
    skuId: sku.id,
    title: sku.title,
    description: sku.description ?? '',
    minimumQuantity: sku.minimumQuantity,
    maximumQuantity: sku.maximumQuantity,
    needsInventoryCheck: prerequisites.includes('inventorycheck'),
    needsRegistration: prerequisites.includes('azuresubscriptionregistration'),
    provisioningVariables: [...(sku.provisioningVariables ?? [])],
  };
  if (typeof region === 'string' && region.trim() !== '') option.armRegionName = region.trim();
  const size = sku.dynamicAttributes?.['armSkuName'];
  if (typeof size === 'string' && size.trim() !== '') option.armSkuName = size.trim();
  const attestation = attestationOf(sku);
  if (attestation) option.attestation = attestation;
  return option;
}
