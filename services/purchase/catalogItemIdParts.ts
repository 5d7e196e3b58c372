/** The product and SKU ids inside a catalog item id (`product:sku:availability`). */
export interface CatalogItemIdParts {
  productId: string;
  skuId: string;
  availabilityId: string;
}

/** Splits a one-time catalog item id; legacy offer ids (e.g. `MS-AZR-0145P`) have no parts and give undefined. */
export function catalogItemIdParts(catalogItemId: string): CatalogItemIdParts | undefined {
  const parts = catalogItemId.split(':');
  if (parts.length !== 3 || parts.some((part) => part.trim() === '')) return undefined;
  const [productId, skuId, availabilityId] = parts;
  return { productId, skuId, availabilityId };
}
