import type { Product } from '../partnerCenter/schemas/product';
import type { Sku } from '../partnerCenter/schemas/sku';
import { TimedCache, type TimedCacheOptions } from './TimedCache';

/** How long and how much {@link CatalogCache} keeps. */
export type CatalogCacheOptions = TimedCacheOptions;

type CatalogEntry =
  | { kind: 'product'; value: Product }
  | { kind: 'sku'; value: Sku }
  | { kind: 'products'; value: Product[] }
  | { kind: 'skus'; value: Sku[] };

/**
 * The catalog as read recently, per market (country) and reservation scope (Azure plan reservations are a catalog of
 * their own): product lists per catalog view, SKU lists per product, and single products and SKUs, so a second
 * purchase in the same market lists and carts without asking Partner Center again, and carting can name and check
 * what was picked a moment ago. Partner Center documents no lifetime for products and SKUs; the bot's is a setting
 * (CATALOG_CACHE_MINUTES).
 *
 * Availabilities are never kept: their ids, and so the catalog item ids a cart needs, "are reissued on a regular
 * basis" (Partner Center, get-an-availability-by-id), so they are read right before each use.
 */
export class CatalogCache {
  private readonly entries: TimedCache<CatalogEntry>;

  constructor(options: CatalogCacheOptions) {
    this.entries = new TimedCache(options);
  }

  /** A product seen recently in this country (and reservation scope, when one was asked for). */
  product(country: string, productId: string, scope?: string): Product | undefined {
    const entry = this.entries.get(productKey(country, productId, scope));
    return entry?.kind === 'product' ? entry.value : undefined;
  }

  /** A SKU seen recently in this country (and reservation scope, when one was asked for). */
  sku(country: string, productId: string, skuId: string, scope?: string): Sku | undefined {
    const entry = this.entries.get(skuKey(country, productId, skuId, scope));
    return entry?.kind === 'sku' ? entry.value : undefined;
  }

  /** The products of a catalog view (`Software`, `AzureReservationsVM`, …) listed recently in this market. */
  products(country: string, targetView: string, scope?: string): Product[] | undefined {
    const entry = this.entries.get(productsKey(country, targetView, scope));
    return entry?.kind === 'products' ? entry.value : undefined;
  }

  /** The SKUs of a product listed recently in this market. */
  skus(country: string, productId: string, scope?: string): Sku[] | undefined {
    const entry = this.entries.get(skusKey(country, productId, scope));
    return entry?.kind === 'skus' ? entry.value : undefined;
  }

  /** Remembers a product. */
  rememberProduct(country: string, product: Product, scope?: string): void {
    this.entries.set(productKey(country, product.id, scope), { kind: 'product', value: product });
  }

  /** Remembers a SKU. */
  rememberSku(country: string, sku: Sku, scope?: string): void {
    this.entries.set(skuKey(country, sku.productId, sku.id, scope), { kind: 'sku', value: sku });
  }

  /** Remembers the product list of a catalog view, and each product in it. */
  rememberProducts(country: string, targetView: string, products: Product[], scope?: string): void {
    this.entries.set(productsKey(country, targetView, scope), { kind: 'products', value: products });
    for (const product of products) this.rememberProduct(country, product, scope);
  }

  /** Remembers the SKU list of a product, and each SKU in it. */
  rememberSkus(country: string, productId: string, skus: Sku[], scope?: string): void {
    this.entries.set(skusKey(country, productId, scope), { kind: 'skus', value: skus });
    for (const sku of skus) this.rememberSku(country, sku, scope);
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

function productsKey(country: string, targetView: string, scope: string | undefined): string {
  return `products|${catalogOf(country, scope)}|${targetView.toUpperCase()}`;
}

function skusKey(country: string, productId: string, scope: string | undefined): string {
  return `skus|${catalogOf(country, scope)}|${productId.toUpperCase()}`;
}
