import type { Product } from '../partnerCenter/schemas/product';
import type { Sku } from '../partnerCenter/schemas/sku';

/** How long and how much {@link CatalogCache} keeps. */
export interface CatalogCacheOptions {
  now: () => number;
  ttlMs: number;
  maxEntries: number;
}

interface Entry {
  value: Product | Sku;
  expiresAt: number;
}

/**
 * Products and SKUs fetched recently, per country and reservation scope (Azure plan reservations are a catalog of
 * their own), so carting can name and check what the user picked a moment ago without asking Partner Center again.
 * Availabilities are never kept: their ids rotate.
 */
export class CatalogCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: CatalogCacheOptions) {}

  /** A product seen recently in this country (and reservation scope, when one was asked for). */
  product(country: string, productId: string, scope?: string): Product | undefined {
    const value = this.read(productKey(country, productId, scope));
    return value && !('productId' in value) ? value : undefined;
  }

  /** A SKU seen recently in this country (and reservation scope, when one was asked for). */
  sku(country: string, productId: string, skuId: string, scope?: string): Sku | undefined {
    const value = this.read(skuKey(country, productId, skuId, scope));
    return value && 'productId' in value ? value : undefined;
  }

  /** Remembers a product. */
  rememberProduct(country: string, product: Product, scope?: string): void {
    this.write(productKey(country, product.id, scope), product);
  }

  /** Remembers a SKU. */
  rememberSku(country: string, sku: Sku, scope?: string): void {
    this.write(skuKey(country, sku.productId, sku.id, scope), sku);
  }

  private read(key: string): Product | Sku | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.options.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  private write(key: string, value: Product | Sku): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.options.now() + this.options.ttlMs });
    // Maps iterate in insertion order, so the first keys are the oldest writes.
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries) break;
      this.entries.delete(oldest);
    }
  }
}

function catalogOf(country: string, scope: string | undefined): string {
  return `${country.toUpperCase()}|${scope?.toUpperCase() ?? ''}`;
}

function productKey(country: string, productId: string, scope: string | undefined): string {
  return `product|${catalogOf(country, scope)}|${productId.toUpperCase()}`;
}

function skuKey(country: string, productId: string, skuId: string, scope: string | undefined): string {
  return `sku|${catalogOf(country, scope)}|${productId.toUpperCase()}|${skuId.toUpperCase()}`;
}
