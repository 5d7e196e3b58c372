import type { PartnerCenterCallContext } from '../partnerCenter/PartnerCenterCallContext';
import type { MessageKey, MessageValues } from '../../i18n/text';
import type { FailureDescription } from './describePurchaseFailure';
import type { InventoryReason } from './describeInventoryRestriction';

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

/**
 * The result of a customer search: at most `limit` matches, exact matches first (see customerMatch.ts), plus whether
 * there were more.
 */
export interface CustomerSearchResult {
  matches: CustomerSummary[];
  hasMore: boolean;
  /**
   * The one customer whose whole company name or domain is what was typed, when exactly one is: the person can only
   * have meant it, so it is taken without a pick list. Absent when none or several match exactly.
   */
  exactMatch?: CustomerSummary;
  /**
   * True when nothing starts with what was typed and `matches` are instead the customers it is a typo or an accent away
   * from (`contso` → Contoso Ltd, `rio logistica` → Rio Logística SA), closest first: offered as "did you mean".
   */
  closeMatches?: boolean;
}

/** What a partner can buy once, in the words the bot uses. */
export type PurchaseCategory = 'software-subscriptions' | 'perpetual-software' | 'azure-reservations';

/** Which categories a customer's market allows, and why the others are not offered. */
export interface MarketAvailability {
  available: PurchaseCategory[];
  /** Why each category can't be offered: a catalog message for the reader, and the same in English (`reason`). */
  unavailable: { category: PurchaseCategory; key: MessageKey; values: MessageValues; reason: string }[];
}

/**
 * The two kinds of Azure subscription reservations are bought for. Partner Center keeps a reservation catalog for
 * each: products, SKUs and availabilities for Azure plans are listed with `reservationScope=AzurePlan`, those for
 * Microsoft Azure (MS-AZR-0145P) subscriptions without it, and a cart line from the other catalog is refused.
 */
export type AzureSubscriptionKind = 'azure-plan' | 'microsoft-azure';

/** A customer's Partner Center subscription as the reservation conversation needs it. */
export interface AzureSubscriptionDetails {
  id: string;
  /** The partner's name for it, or the offer's name when it has none. */
  name: string;
  /** `other` for a subscription that is neither kind (a licence-based one, say): reservations can't use it. */
  kind: AzureSubscriptionKind | 'other';
  /** Partner Center's status in lower case (`active`, `suspended`, …); reservations need an active one. */
  status: string;
}

/** Whether an Azure subscription is registered for reserved instance purchases (as Partner Center last said). */
export type RegistrationState = 'registered' | 'registering' | 'notregistered' | 'unknown';

/** One of the customer's Azure subscriptions offered for a reservation, with its registration state. */
export interface AzureSubscriptionChoice extends AzureSubscriptionDetails {
  kind: AzureSubscriptionKind;
  registration: RegistrationState;
}

/** Which catalog a listing reads; only reservations depend on it. */
export interface CatalogChoice {
  /** The kind of Azure subscription the reservation is for (its catalog); absent for everything else. */
  azureSubscriptionKind?: AzureSubscriptionKind;
}

/** An attestation a SKU enforces, and the words the partner accepts by placing the order. */
export interface SkuAttestation {
  /** `attestationProperties.attestationType` as Partner Center sends it (e.g. `Windows365`). */
  type: string;
  /** The documented text of that type; absent for a type the bot has no text for (it then won't buy the SKU). */
  text?: string;
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
  /** VM size of a reserved instance SKU (`dynamicAttributes.armSkuName`, e.g. `Standard_D4s_v5`), when there is one. */
  armSkuName?: string;
  /** The attestation Partner Center enforces for this SKU (`attestationProperties.enforceAttestation`), if any. */
  attestation?: SkuAttestation;
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
  /** Why, one reason per restriction (catalog messages, or Partner Center's own descriptions). */
  reasons: InventoryReason[];
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
  /** The catalog message to say in the reader's language. */
  key: MessageKey;
  /** The same in English, for logs and records. */
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
    /** The attestation this line's SKU enforces: the card shows its text, and placing the order accepts it. */
    attestation?: SkuAttestation;
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
  /**
   * Order groups Partner Center refused (`orderErrors`): nothing in them was bought. In words, with the code kept for
   * support, Partner Center's own description, and the cart lines of the group when the cart could be read.
   */
  problems: {
    orderGroupId: string;
    code: string;
    /** The catalog message to say in the reader's language (absent in records written before it was kept). */
    key?: MessageKey;
    /** The same in English, for logs and records. */
    sentence: string;
    /** Partner Center's description of the refusal, as it sent it (text to show, never markdown). */
    description?: string;
    /** What was not bought: the cart's lines in this order group. */
    lines?: { name: string; quantity: number }[];
  }[];
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
  /** One of the customer's subscriptions and its kind; undefined when Partner Center has no such subscription. */
  getAzureSubscription(
    ctx: PartnerCenterCallContext,
    customerId: string,
    subscriptionId: string,
  ): Promise<AzureSubscriptionDetails | undefined>;
  /**
   * The customer's Azure plans and Microsoft Azure subscriptions — the ones a reservation can be for — with their
   * registration state, active ones first.
   */
  listAzureSubscriptions(ctx: PartnerCenterCallContext, customerId: string): Promise<AzureSubscriptionChoice[]>;
  listProducts(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    category: PurchaseCategory,
    catalog?: CatalogChoice,
  ): Promise<ProductOption[]>;
  listSkus(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    productId: string,
    catalog?: CatalogChoice,
  ): Promise<SkuOption[]>;
  listTerms(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    productId: string,
    skuId: string,
    catalog?: CatalogChoice,
  ): Promise<TermOption[]>;
  /**
   * Asked when the SKU is chosen, so that a refusal is said before the quantity: resolves when nothing is known to stop
   * the partner buying it for this customer (or it couldn't be told), rejects with Partner Center's refusal otherwise
   * (perpetual software needing a qualification the partner lacks).
   */
  checkEligibility(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    category: PurchaseCategory,
    sku: SkuOption,
    term: TermOption,
  ): Promise<void>;
  getRegistrationStatus(
    ctx: PartnerCenterCallContext,
    customerId: string,
    azureSubscriptionId: string,
  ): Promise<RegistrationState>;
  checkInventory(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    sku: SkuOption,
    azureSubscriptionId: string,
  ): Promise<InventoryVerdict>;
  /**
   * Carts one line from a freshly read availability, in the catalog its Azure subscription (provisioning context)
   * belongs to, with the SKU's attestation accepted when it enforces one.
   */
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
  describeFailure(error: unknown): FailureDescription;
}
