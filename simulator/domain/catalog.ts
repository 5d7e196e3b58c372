import { CATALOG_SEED, type ProductKind, type ProductSeed, type SkuSeed } from '../data/catalogSeed';
import { findMarket, localPrice, MARKETS, type Market } from '../data/markets';
import { isRestrictedMarket } from '../data/restrictedMarkets';
import { ApiError, invalidInput } from '../http/apiError';
import { link } from '../http/links';
import { hashedChars } from '../state/seededRandom';
import type { AzureSubscriptionKind } from './customers';

/** Customer segments an availability can target. */
export type Segment = 'commercial' | 'education' | 'nonprofit';

/** One current availability: the sellable (product, SKU, country, segment) combination and its rotating id. */
export interface AvailabilityRef {
  id: string;
  product: ProductSeed;
  sku: SkuSeed;
  market: Market;
  segment: Segment;
  /**
   * For reservations, the kind of Azure subscription the availability can be bought with: listed with
   * `reservationScope=AzurePlan` for Azure plans, without it for Microsoft Azure (MS-AZR-0145P) subscriptions.
   */
  reservationCatalog?: AzureSubscriptionKind;
}

const ROTATION_MS = 10 * 60 * 1000;

const SEGMENTS_BY_KIND: Record<ProductKind, Segment[]> = {
  softwareSubscription: ['commercial', 'education', 'nonprofit'],
  perpetual: ['commercial', 'education', 'nonprofit'],
  reservation: ['commercial'],
};

const KINDS_BY_VIEW: Record<string, ProductKind[]> = {
  softwaresubscriptions: ['softwareSubscription'],
  softwareperpetual: ['perpetual'],
  software: ['softwareSubscription', 'perpetual'],
  azurereservationsvm: ['reservation'],
  azurereservations: ['reservation'],
  azure: ['reservation'],
};

/** Documented views this simulator doesn't stock: they answer with an empty collection. */
const EMPTY_VIEWS = new Set([
  'azurereservationssql',
  'azurereservationscosmosdb',
  'microsoftazure',
  'onlineservices',
  'softwaresuselinux',
  'specializedoffers',
  'marketplacesaas',
]);

const PRODUCT_TYPES: Record<ProductKind, unknown> = {
  reservation: {
    id: 'Azure',
    displayName: 'Azure',
    subType: { id: 'VirtualMachines', displayName: 'VirtualMachines' },
  },
  softwareSubscription: {
    id: 'Software',
    displayName: 'Software',
    subType: { id: 'SoftwareSubscriptions', displayName: 'Software Subscriptions' },
  },
  perpetual: {
    id: 'Software',
    displayName: 'Software',
    subType: { id: 'SoftwarePerpetual', displayName: 'Perpetual Software' },
  },
};

/**
 * The one-time-purchase catalog: products, SKUs and availabilities per country and segment, with availability ids that
 * rotate every 10 minutes of simulated time (and on demand), like the real service reissues them.
 */
export class Catalog {
  /** This instance's own copy of the seed, so a title changed through the control API stays with this state. */
  private readonly products: ProductSeed[] = structuredClone([...CATALOG_SEED]);
  private manualRotations = 0;
  private cachedGeneration = -1;
  private cachedById = new Map<string, AvailabilityRef>();

  constructor(
    private readonly epochMs: number,
    private readonly now: () => number,
  ) {}

  /** Reissues every availability id immediately. */
  rotate(): void {
    this.manualRotations++;
  }

  /**
   * Gives a product (or one of its SKUs) another title, as a partner's catalog could show it; later carts and orders
   * use it. Returns false when there is no such product or SKU.
   */
  retitle(productId: string, skuId: string | undefined, title: string): boolean {
    const product = this.products.find((candidate) => candidate.id === productId.toUpperCase());
    if (!product) return false;
    if (skuId === undefined) {
      product.title = title;
      return true;
    }
    const sku = product.skus.find((candidate) => candidate.id === skuId.toUpperCase());
    if (!sku) return false;
    sku.title = title;
    return true;
  }

  /** Country from a `country` query value; 400 when missing or unknown to the simulator. */
  market(country: string | undefined): Market {
    if (!country) throw invalidInput('the country query parameter is required');
    const market = findMarket(country);
    if (!market) throw invalidInput(`country '${country}' isn't a market served by this simulator`);
    return market;
  }

  /** Products of a target view for a country, optionally limited to one segment. */
  listProducts(market: Market, targetView: string | undefined, segment: Segment | undefined): ProductSeed[] {
    if (!targetView) throw invalidInput('the targetView query parameter is required');
    const view = targetView.toLowerCase();
    if (EMPTY_VIEWS.has(view)) return [];
    const kinds = KINDS_BY_VIEW[view];
    if (!kinds) throw new ApiError(403, 400036, 'Access to the requested targetView is not allowed.');
    return this.products.filter(
      (product) => kinds.includes(product.kind) && this.segmentsFor(product, market, segment).length > 0,
    );
  }

  /** A product sold in the market, or 404 / 400013. */
  product(productId: string, market: Market): ProductSeed {
    const product = this.products.find((candidate) => candidate.id === productId.toUpperCase());
    if (!product || !isSoldIn(product.kind, market)) throw new ApiError(404, 400013, 'Product was not found.');
    return product;
  }

  /** A SKU of a product, or 404 / 400018. */
  sku(product: ProductSeed, skuId: string): SkuSeed {
    const sku = product.skus.find((candidate) => candidate.id === skuId.toUpperCase());
    if (!sku) throw new ApiError(404, 400018, 'Sku was not found.');
    return sku;
  }

  /** Segments a product is available in for a market, honouring "nonprofit only when asked for". */
  segmentsFor(product: ProductSeed, market: Market, requested: Segment | undefined): Segment[] {
    if (!isSoldIn(product.kind, market)) return [];
    const offered = SEGMENTS_BY_KIND[product.kind];
    if (requested) return offered.filter((segment) => segment === requested);
    return offered.filter((segment) => segment !== 'nonprofit');
  }

  /**
   * The current availabilities of a SKU in a market. A reservation SKU has one set per reservation catalog, with ids
   * of their own, like the service's "different availabilities for Microsoft Azure (MS-AZR-0145P) subscription and
   * Azure plan"; other products ignore the catalog.
   */
  availabilities(
    product: ProductSeed,
    sku: SkuSeed,
    market: Market,
    segment: Segment | undefined,
    catalog: AzureSubscriptionKind = 'microsoftAzure',
  ): AvailabilityRef[] {
    const generation = this.generation();
    const reservationCatalog = product.kind === 'reservation' ? catalog : undefined;
    return this.segmentsFor(product, market, segment).map((s) => ({
      id: availabilityId(product, sku, market, s, generation, reservationCatalog),
      product,
      sku,
      market,
      segment: s,
      ...(reservationCatalog ? { reservationCatalog } : {}),
    }));
  }

  /** Resolves a current availability id; stale (rotated-away) and unknown ids both give undefined. */
  findAvailability(availabilityId: string): AvailabilityRef | undefined {
    return this.currentIndex().get(availabilityId.toUpperCase());
  }

  /** Renders a Product as on the wire. */
  productJson(product: ProductSeed, market: Market): Record<string, unknown> {
    const country = market.country;
    return {
      id: product.id,
      title: product.title,
      description: product.description,
      productType: PRODUCT_TYPES[product.kind],
      isMicrosoftProduct: true,
      publisherName: 'Microsoft Corporation',
      links: {
        skus: link(`/products/${product.id}/skus?country=${country}`),
        self: link(`/products/${product.id}?country=${country}`),
      },
    };
  }

  /** Renders a Sku as on the wire. */
  skuJson(product: ProductSeed, sku: SkuSeed, market: Market): Record<string, unknown> {
    const base = `/products/${product.id}/skus/${sku.id}`;
    const isReservation = product.kind === 'reservation';
    const body: Record<string, unknown> = {
      id: sku.id,
      productId: product.id,
      title: sku.title,
      description: sku.description,
      minimumQuantity: sku.minimumQuantity,
      maximumQuantity: sku.maximumQuantity,
      isTrial: false,
      supportedBillingCycles: ['one_time'],
      purchasePrerequisites: isReservation ? ['InventoryCheck', 'AzureSubscriptionRegistration'] : [],
      provisioningVariables: isReservation ? ['Scope', 'SubscriptionId', 'Duration'] : [],
    };
    if (isReservation) body.inventoryVariables = ['CustomerId', 'AzureSubscriptionId', 'ArmRegionName'];
    if (sku.dynamicAttributes) body.dynamicAttributes = sku.dynamicAttributes;
    if (sku.enforcedAttestationType) {
      body.attestationProperties = { attestationType: sku.enforcedAttestationType, enforceAttestation: true };
    }
    body.links = {
      availabilities: link(`${base}/availabilities?country=${market.country}`),
      self: link(`${base}?country=${market.country}`),
    };
    return body;
  }

  /** Renders an Availability (with its product and SKU embedded) as on the wire. */
  availabilityJson(ref: AvailabilityRef): Record<string, unknown> {
    const { product, sku, market } = ref;
    return {
      id: ref.id,
      productId: product.id,
      skuId: sku.id,
      catalogItemId: `${product.id}:${sku.id}:${ref.id}`,
      defaultCurrency: { code: market.currency, symbol: market.symbol },
      segment: ref.segment,
      country: market.country,
      isPurchasable: true,
      isRenewable: false,
      terms: sku.termDuration ? [{ duration: sku.termDuration, description: termDescription(product, sku) }] : [],
      product: this.productJson(product, market),
      sku: this.skuJson(product, sku, market),
      links: {
        self: link(`/products/${product.id}/skus/${sku.id}/availabilities/${ref.id}?country=${market.country}`),
      },
    };
  }

  /** Unit price of an availability in its market's currency. */
  unitPrice(ref: AvailabilityRef): number {
    return localPrice(ref.sku.usdPrice, ref.market);
  }

  private generation(): number {
    return Math.floor(Math.max(0, this.now() - this.epochMs) / ROTATION_MS) + this.manualRotations;
  }

  private currentIndex(): Map<string, AvailabilityRef> {
    const generation = this.generation();
    if (generation === this.cachedGeneration) return this.cachedById;
    const index = new Map<string, AvailabilityRef>();
    for (const market of MARKETS) {
      for (const product of this.products) {
        for (const sku of product.skus) {
          for (const catalog of RESERVATION_CATALOGS) {
            for (const ref of this.availabilities(product, sku, market, undefined, catalog)) index.set(ref.id, ref);
            for (const ref of this.availabilities(product, sku, market, 'nonprofit', catalog)) index.set(ref.id, ref);
            if (product.kind !== 'reservation') break;
          }
        }
      }
    }
    this.cachedGeneration = generation;
    this.cachedById = index;
    return index;
  }
}

/** Parses a `targetSegment` query value (any casing); government and unknown segments are refused like the service. */
export function parseSegment(value: string | undefined): Segment | undefined {
  if (value === undefined || value === '') return undefined;
  const lower = value.toLowerCase();
  if (lower === 'commercial' || lower === 'education' || lower === 'nonprofit') return lower;
  throw new ApiError(403, 400030, 'Access to the requested targetSegment is not allowed.');
}

const RESERVATION_CATALOGS: readonly AzureSubscriptionKind[] = ['microsoftAzure', 'azurePlan'];

/**
 * The reservation catalog a `reservationScope` query value asks for: `AzurePlan` (any casing) for Azure plans, none
 * for Microsoft Azure (MS-AZR-0145P) subscriptions, as the catalog pages document; anything else is 400 / 800002.
 */
export function parseReservationScope(value: string | undefined): AzureSubscriptionKind {
  if (value === undefined || value === '') return 'microsoftAzure';
  if (value.toLowerCase() === 'azureplan') return 'azurePlan';
  throw invalidInput(`reservationScope '${value}' isn't supported; use AzurePlan or omit it`);
}

function isSoldIn(kind: ProductKind, market: Market): boolean {
  return kind === 'perpetual' || !isRestrictedMarket(market.country);
}

function availabilityId(
  product: ProductSeed,
  sku: SkuSeed,
  market: Market,
  segment: Segment,
  generation: number,
  reservationCatalog: AzureSubscriptionKind | undefined,
) {
  // Microsoft Azure availabilities keep the ids they had before Azure plans had a catalog of their own.
  const catalog = reservationCatalog === 'azurePlan' ? ':AzurePlan' : '';
  return (
    product.id.slice(0, 4) +
    hashedChars(`${product.id}:${sku.id}:${market.country}:${segment}:${generation}${catalog}`, 8)
  );
}

function termDescription(product: ProductSeed, sku: SkuSeed): string {
  const years = sku.termDuration === 'P3Y' ? '3 Years' : '1 Year';
  return product.kind === 'reservation' ? `${years} Prepaid` : years;
}
