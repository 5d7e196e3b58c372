import type { PartnerCenterCallContext } from '../partnerCenter/PartnerCenterCallContext';

/** A customer as the purchase conversation shows it. */
export interface CustomerSummary {
  id: string;
  companyName: string;
  domain: string;
}

/** A customer with what the catalog and cart need: where it is and which segment it buys in. */
export interface CustomerDetails extends CustomerSummary {
  /** Partner Center country code of the billing address (e.g. `US`, `XK`). */
  country: string;
  /** Human-readable country name for messages (e.g. `Brazil`). */
  countryName: string;
}

/** The result of a customer search: at most `limit` matches plus whether there were more. */
export interface CustomerSearchResult {
  matches: CustomerSummary[];
  hasMore: boolean;
}

/** What a partner can buy once, in the words the bot uses. */
export type PurchaseCategory = 'software-subscriptions' | 'perpetual-software' | 'azure-reservations';

/** Which categories a customer's market allows, and why the others are not offered. */
export interface MarketAvailability {
  available: PurchaseCategory[];
  unavailable: { category: PurchaseCategory; reason: string }[];
}

/** A product to pick. */
export interface ProductOption {
  productId: string;
  title: string;
  description: string;
  publisherName?: string;
}

/** A SKU to pick, with what buying it will require. */
export interface SkuOption {
  productId: string;
  skuId: string;
  title: string;
  description: string;
  minimumQuantity: number;
  maximumQuantity: number;
  /** SKU lists `InventoryCheck`: the bot must check inventory before carting it. */
  needsInventoryCheck: boolean;
  /** SKU lists `AzureSubscriptionRegistration`: the Azure subscription must be registered first. */
  needsRegistration: boolean;
  /** Names from `provisioningVariables` (e.g. `Scope`, `SubscriptionId`, `Duration`). */
  provisioningVariables: string[];
  /** Azure region of a reserved instance SKU (`dynamicAttributes.armRegionName`), when there is one. */
  armRegionName?: string;
}

/** One way to buy a SKU: an availability and one of its terms. */
export interface TermOption {
  /** Stable for the conversation: identifies the term without the rotating availability id. */
  termKey: string;
  availabilityId: string;
  catalogItemId: string;
  /** ISO 8601 duration (`P1Y`, `P3Y`), absent for perpetual software. */
  termDuration?: string;
  description: string;
  billingCycle: string;
  currencyCode: string;
  segment: string;
}

/** The outcome of an inventory check for one SKU. */
export interface InventoryVerdict {
  restricted: boolean;
  /** Plain sentences explaining each restriction. */
  reasons: string[];
}

/** Everything needed to put one line in a cart; the catalog item id is looked up fresh by the service. */
export interface CartLineRequest {
  productId: string;
  skuId: string;
  termKey: string;
  quantity: number;
  /** Keys and values required by the SKU's provisioningVariables (e.g. scope, subscriptionId, duration). */
  provisioningContext?: Record<string, string>;
}

/** A problem Partner Center reported on one cart line, in words. */
export interface LineProblem {
  code: string;
  sentence: string;
}

/** A cart as the confirmation card shows it. */
export interface CartSummary {
  cartId: string;
  customerId: string;
  status: string;
  /** Partner Center's `creationTimestamp` (update responses may lack it). */
  createdAt?: string;
  expiresAt?: string;
  lines: {
    catalogItemId: string;
    productTitle: string;
    skuTitle: string;
    quantity: number;
    termDuration?: string;
    billingCycle: string;
    currencyCode?: string;
    problem?: LineProblem;
  }[];
}

/** The outcome of a checkout as the result card shows it. */
export interface CheckoutSummary {
  orders: {
    id: string;
    status: string;
    billingCycle: string;
    creationDate?: string;
    currencyCode?: string;
    lines: { name: string; quantity: number; offerId: string }[];
  }[];
  /** Order groups Partner Center refused, in words, with the code kept for support. */
  problems: { orderGroupId: string; code: string; sentence: string }[];
}

/**
 * The purchase scenario as the dialogs need it, over the Partner Center client. Dialogs call this, never HTTP; it
 * knows nothing about turns or cards. Every method may throw a PartnerCenterError; `describeFailure` turns any error
 * into one sentence a user can act on.
 */
export interface PurchaseService {
  searchCustomers(ctx: PartnerCenterCallContext, query: string, limit: number): Promise<CustomerSearchResult>;
  getCustomer(ctx: PartnerCenterCallContext, customerId: string): Promise<CustomerDetails>;
  marketAvailability(customer: CustomerDetails): MarketAvailability;
  listProducts(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    category: PurchaseCategory,
  ): Promise<ProductOption[]>;
  listSkus(ctx: PartnerCenterCallContext, customer: CustomerDetails, productId: string): Promise<SkuOption[]>;
  listTerms(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    productId: string,
    skuId: string,
  ): Promise<TermOption[]>;
  getRegistrationStatus(
    ctx: PartnerCenterCallContext,
    customerId: string,
    azureSubscriptionId: string,
  ): Promise<'registered' | 'registering' | 'notregistered' | 'unknown'>;
  checkInventory(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    sku: SkuOption,
    azureSubscriptionId: string,
  ): Promise<InventoryVerdict>;
  createCart(ctx: PartnerCenterCallContext, customer: CustomerDetails, line: CartLineRequest): Promise<CartSummary>;
  updateCartQuantity(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    cartId: string,
    quantity: number,
  ): Promise<CartSummary>;
  /** Checks the cart out; a catalog item that rotated since carting is refreshed (same cart) and checkout retried once. */
  checkout(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    cartId: string,
    options?: { requestId?: string },
  ): Promise<CheckoutSummary>;
  describeFailure(error: unknown): { sentence: string; code?: string; correlationId?: string; retryable: boolean };
}
