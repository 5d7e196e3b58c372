import type { PartnerCenterCallContext } from '../partnerCenter/PartnerCenterCallContext';
import type { PartnerCenterClient } from '../partnerCenter/PartnerCenterClient';
import { PartnerCenterError } from '../partnerCenter/PartnerCenterError';
import type { Availability } from '../partnerCenter/schemas/availability';
import { BILLING_CYCLES, type BillingCycle } from '../partnerCenter/schemas/billingCycle';
import type { Cart, CartInput, CartLineItem, CartLineItemInput } from '../partnerCenter/schemas/cart';
import type { CartCheckoutResult } from '../partnerCenter/schemas/order';
import type { Product } from '../partnerCenter/schemas/product';
import type { Sku } from '../partnerCenter/schemas/sku';
import { attestationOf } from './attestationOf';
import { azureSubscriptionOf, reservationScopeOf } from './azureSubscriptionOf';
import { CatalogCache } from './CatalogCache';
import { catalogItemIdParts, type CatalogItemIdParts } from './catalogItemIdParts';
import { cartSummaryOf, type LineTitles } from './cartSummaryOf';
import { checkoutSummaryOf, type CheckedOutCart } from './checkoutSummaryOf';
import { customerDetailsOf, customerSummaryOf } from './customerDetailsOf';
import { byMatchThenName, byTyposThenName, customerMatchOf, isDomainMatch, typosFrom } from './customerMatch';
import { folded } from './looseWords';
import { describeInventoryRestriction } from './describeInventoryRestriction';
import { describePurchaseFailure, type FailureDescription } from './describePurchaseFailure';
import { isGuid } from './isGuid';
import { isStaleCatalogError, isStaleCatalogLineError } from './isStaleCatalogError';
import { marketAvailabilityFor } from './marketAvailabilityFor';
import { PURCHASE_CATEGORY_TARGET_VIEW } from './purchaseCategoryTargetView';
import { PurchaseRequestError } from './PurchaseRequestError';
import { skuOptionOf } from './skuOptionOf';
import { termKeyOf, termOptionsOf } from './termOptionsOf';
import { TimedCache } from './TimedCache';
import { textFor } from '../../i18n/text';
import type {
  AzureSubscriptionChoice,
  AzureSubscriptionKind,
  AzureSubscriptionDetails,
  CartLineRequest,
  CatalogChoice,
  CartSummary,
  CheckoutSummary,
  CustomerDetails,
  CustomerSearchResult,
  CustomerSummary,
  InventoryVerdict,
  MarketAvailability,
  ProductOption,
  PurchaseCategory,
  PurchaseService,
  RegistrationState,
  SkuAttestation,
  SkuOption,
  TermOption,
} from './types';

/** Optional collaborators of {@link PartnerCenterPurchaseService}. */
export interface PartnerCenterPurchaseServiceOptions {
  /** Clock for the caches (milliseconds since the epoch); defaults to `Date.now`. */
  now?: () => number;
  /**
   * How long catalog lists (products, SKUs), customers' markets, Azure subscriptions' kinds (and that they were active)
   * and registrations are reused before Partner Center is asked again (CATALOG_CACHE_MINUTES); default 60 minutes, 0
   * reuses nothing between calls. Availabilities and inventory are read fresh whatever this is.
   */
  cacheLifetimeMs?: number;
}

// The bot has no signal that a customer is an education or nonprofit tenant, so it always buys as commercial.
const SEGMENT = 'commercial';
// Enough to fill one result list without ever walking the partner's whole customer base.
const MAX_SEARCH_PAGES = 2;
const DEFAULT_CACHE_LIFETIME_MS = 60 * 60 * 1000;
// A market's catalog is a few hundred products and SKUs (each reservation series has a SKU per size and region).
const CATALOG_CACHE_MAX_ENTRIES = 5000;
const CUSTOMER_CACHE_MAX_ENTRIES = 2000;
const REGISTRATION_STATUSES = ['registered', 'registering', 'notregistered'] as const;
// Close matches are looked for among customers sharing the first three letters, at most this many per field.
const CLOSE_MATCH_PREFIX = 3;
const CLOSE_MATCH_CANDIDATES = 200;
const NO_MATCHES: { customers: CustomerSummary[]; unread: boolean } = { customers: [], unread: false };

type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number] | 'unknown';

/**
 * The purchase scenario over the Partner Center client: finds customers, offers what their market allows, checks
 * reservation prerequisites, builds carts from freshly fetched availabilities and checks them out. Dialogs use it
 * through {@link PurchaseService} and never see Partner Center payloads.
 */
export class PartnerCenterPurchaseService implements PurchaseService {
  private readonly catalog: CatalogCache;
  /** Customers as last read, for their market: search results carry no billing country. */
  private readonly customers: TimedCache<CustomerDetails>;
  /** Which kind each Azure subscription is (an offer never changes), to pick its reservation catalog. */
  private readonly subscriptionKinds: TimedCache<AzureSubscriptionDetails['kind']>;
  /**
   * Azure subscriptions last seen active. Only "active" is remembered, so one that was not is read again every time;
   * one suspended since is refused by Partner Center when carted, in its own words.
   */
  private readonly activeSubscriptions: TimedCache<AzureSubscriptionDetails>;
  /** Azure subscriptions seen registered for reservations: registration is one-way, so "registered" stays true. */
  private readonly registered: TimedCache<true>;
  /**
   * Perpetual SKUs per market that Partner Center carted for the partner (true) or refused for want of a qualification
   * (the refusal): qualification belongs to the partner, not the person or customer, and changes rarely.
   */
  private readonly eligibility: TimedCache<true | PartnerCenterError>;

  constructor(
    private readonly client: PartnerCenterClient,
    options: PartnerCenterPurchaseServiceOptions = {},
  ) {
    const now = options.now ?? Date.now;
    const ttlMs = options.cacheLifetimeMs ?? DEFAULT_CACHE_LIFETIME_MS;
    this.catalog = new CatalogCache({ now, ttlMs, maxEntries: CATALOG_CACHE_MAX_ENTRIES });
    this.customers = new TimedCache({ now, ttlMs, maxEntries: CUSTOMER_CACHE_MAX_ENTRIES });
    this.subscriptionKinds = new TimedCache({ now, ttlMs, maxEntries: CUSTOMER_CACHE_MAX_ENTRIES });
    this.activeSubscriptions = new TimedCache({ now, ttlMs, maxEntries: CUSTOMER_CACHE_MAX_ENTRIES });
    this.registered = new TimedCache({ now, ttlMs, maxEntries: CUSTOMER_CACHE_MAX_ENTRIES });
    this.eligibility = new TimedCache({ now, ttlMs, maxEntries: CATALOG_CACHE_MAX_ENTRIES });
  }

  async searchCustomers(ctx: PartnerCenterCallContext, query: string, limit: number): Promise<CustomerSearchResult> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, not ${limit}`);
    const text = query.trim();
    if (text === '') return { matches: [], hasMore: false };
    if (isGuid(text)) return this.customerById(ctx, text);
    const wanted = limit + 1;
    // A domain has no spaces, so a query with one can only be the start of a company name.
    const searchesDomain = !/\s/.test(text);
    const [byName, byDomain] = await Promise.all([
      this.searchField(ctx, 'CompanyName', text, wanted),
      searchesDomain ? this.searchField(ctx, 'Domain', text, wanted) : NO_MATCHES,
    ]);
    const found = [...byName.customers, ...byDomain.customers];
    // When more domains start with the query than one list shows, the customer whose domain it names (`contoso` for
    // contoso.onmicrosoft.com) may be on a page not read. The query and a dot can only start such domains, so one
    // more search finds it, however many customers there are.
    const domainsCutShort = byDomain.unread && byDomain.customers.length >= wanted;
    if (searchesDomain && !text.includes('.') && domainsCutShort && !found.some((c) => isDomainMatch(text, c))) {
      found.push(...(await this.searchField(ctx, 'Domain', `${text}.`, wanted)).customers);
    }
    const unique = new Map<string, CustomerSummary>();
    for (const customer of found) {
      const key = customer.id.toLowerCase();
      if (!unique.has(key)) unique.set(key, customer);
    }
    const sorted = [...unique.values()].sort(byMatchThenName(text));
    if (sorted.length === 0) return this.closeCustomers(ctx, text, limit);
    for (const customer of sorted) this.forgetIfChanged(customer);
    const exact = sorted.filter((customer) => customerMatchOf(text, customer) === 'exact');
    return {
      matches: sorted.slice(0, limit),
      hasMore: sorted.length > limit || byName.unread || byDomain.unread,
      ...(exact.length === 1 ? { exactMatch: exact[0] } : {}),
    };
  }

  /**
   * The customer with its market. It is read once per cache lifetime: search results, which every purchase starts with,
   * carry only name and domain, and a billing country doesn't change; a search that finds it renamed makes it read
   * again.
   */
  async getCustomer(ctx: PartnerCenterCallContext, customerId: string): Promise<CustomerDetails> {
    const known = this.customers.get(customerId.toLowerCase());
    if (known) return known;
    return this.rememberCustomer(customerDetailsOf(await this.client.getCustomer(ctx, { customerId })));
  }

  marketAvailability(customer: CustomerDetails): MarketAvailability {
    return marketAvailabilityFor(customer);
  }

  async getAzureSubscription(
    ctx: PartnerCenterCallContext,
    customerId: string,
    subscriptionId: string,
  ): Promise<AzureSubscriptionDetails | undefined> {
    const id = checkedSubscriptionId(subscriptionId);
    const key = subscriptionKey(customerId, id);
    const active = this.activeSubscriptions.get(key);
    if (active) return active;
    try {
      const subscription = azureSubscriptionOf(
        await this.client.getSubscription(ctx, { customerId, subscriptionId: id }),
      );
      this.subscriptionKinds.set(key, subscription.kind);
      if (subscription.status === 'active') this.activeSubscriptions.set(key, subscription);
      return subscription;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async listAzureSubscriptions(ctx: PartnerCenterCallContext, customerId: string): Promise<AzureSubscriptionChoice[]> {
    const azure = (await this.client.listSubscriptions(ctx, { customerId }))
      .map(azureSubscriptionOf)
      .filter((s): s is AzureSubscriptionDetails & { kind: AzureSubscriptionKind } => s.kind !== 'other');
    for (const subscription of azure) {
      const key = subscriptionKey(customerId, subscription.id);
      this.subscriptionKinds.set(key, subscription.kind);
      if (subscription.status === 'active') this.activeSubscriptions.set(key, subscription);
    }
    // Registration only matters for an active one; a few subscriptions per customer, so one status call each.
    const choices = await Promise.all(
      azure.map(async (subscription) => ({
        ...subscription,
        registration:
          subscription.status === 'active'
            ? await this.getRegistrationStatus(ctx, customerId, subscription.id).catch(
                (): RegistrationState => 'unknown',
              )
            : ('unknown' as const),
      })),
    );
    return choices.sort((a, b) => Number(b.status === 'active') - Number(a.status === 'active'));
  }

  async listProducts(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    category: PurchaseCategory,
    catalog: CatalogChoice = {},
  ): Promise<ProductOption[]> {
    if (!marketAvailabilityFor(customer).available.includes(category)) return [];
    // Only reservation views have a second catalog; other products are the same whatever the subscription.
    const scope = category === 'azure-reservations' ? reservationScopeOf(catalog.azureSubscriptionKind) : undefined;
    const targetView = PURCHASE_CATEGORY_TARGET_VIEW[category];
    let products = this.catalog.products(customer.country, targetView, scope);
    if (!products) {
      products = await this.client.listProducts(ctx, {
        country: customer.country,
        targetView,
        targetSegment: SEGMENT,
        reservationScope: scope,
      });
      this.catalog.rememberProducts(customer.country, targetView, products, scope);
    }
    return products.map(productOptionOf);
  }

  async listSkus(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    productId: string,
    catalog: CatalogChoice = {},
  ): Promise<SkuOption[]> {
    const scope = reservationScopeOf(catalog.azureSubscriptionKind);
    let skus = this.catalog.skus(customer.country, productId, scope);
    if (!skus) {
      skus = await this.client.listSkus(ctx, {
        country: customer.country,
        productId,
        targetSegment: SEGMENT,
        reservationScope: scope,
      });
      this.catalog.rememberSkus(customer.country, productId, skus, scope);
    }
    return skus.map(skuOptionOf);
  }

  async listTerms(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    productId: string,
    skuId: string,
    catalog: CatalogChoice = {},
  ): Promise<TermOption[]> {
    const scope = reservationScopeOf(catalog.azureSubscriptionKind);
    // Read, not remembered: terms carry catalog item ids, which Partner Center reissues.
    const [sku, availabilities] = await Promise.all([
      this.skuFor(ctx, customer, productId, skuId, scope),
      this.availabilitiesOf(ctx, customer, productId, skuId, scope),
    ]);
    return termOptionsOf(availabilities, sku);
  }

  /**
   * Partner Center checks a partner's qualification for perpetual software (Windows Server Datacenter, SQL Server
   * Enterprise, …) only when a cart is created, and lists no such requirement on products, SKUs or availabilities. So
   * for perpetual software a cart of the minimum quantity is created when the SKU is chosen: nothing is bought (only
   * Place order checks a cart out, and Partner Center drops carts after 7 days), and a 403 / 800020 is known before the
   * person types a quantity. The answer is kept like the catalog. Any other failure is not a refusal: the cart made
   * after the quantity says what went wrong, as before.
   */
  async checkEligibility(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    category: PurchaseCategory,
    sku: SkuOption,
    term: TermOption,
  ): Promise<void> {
    if (category !== 'perpetual-software') return;
    const key = [customer.country, sku.productId, sku.skuId].join('|').toUpperCase();
    const known = this.eligibility.get(key);
    if (known === true) return;
    if (known) throw known;
    const catalogSku = await this.skuFor(ctx, customer, sku.productId, sku.skuId, undefined);
    const line: CartLineRequest = {
      productId: sku.productId,
      skuId: sku.skuId,
      termKey: term.termKey,
      quantity: Math.max(1, catalogSku.minimumQuantity),
    };
    try {
      await this.client.createCart(ctx, { customerId: customer.id, cart: cartOf(lineItemFor(term, line, catalogSku)) });
    } catch (error) {
      if (!isQualificationRefusal(error)) return;
      this.eligibility.set(key, error);
      throw error;
    }
    this.eligibility.set(key, true);
  }

  async getRegistrationStatus(
    ctx: PartnerCenterCallContext,
    customerId: string,
    azureSubscriptionId: string,
  ): Promise<RegistrationStatus> {
    const subscriptionId = checkedSubscriptionId(azureSubscriptionId);
    const key = subscriptionKey(customerId, subscriptionId);
    if (this.registered.get(key)) return 'registered';
    try {
      const registration = await this.client.getSubscriptionRegistrationStatus(ctx, { customerId, subscriptionId });
      const status = registration.status.toLowerCase();
      const known = REGISTRATION_STATUSES.find((candidate) => candidate === status) ?? 'unknown';
      if (known === 'registered') this.registered.set(key, true);
      return known;
    } catch (error) {
      if (isNotFound(error)) return 'unknown';
      throw error;
    }
  }

  async checkInventory(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    sku: SkuOption,
    azureSubscriptionId: string,
  ): Promise<InventoryVerdict> {
    const subscriptionId = checkedSubscriptionId(azureSubscriptionId);
    if (!sku.needsInventoryCheck) return { restricted: false, reasons: [] };
    // The keys SKUs name in inventoryVariables: CustomerId, AzureSubscriptionId and, for reservations, ArmRegionName.
    const inventoryContext: Record<string, string> = { customerId: customer.id, azureSubscriptionId: subscriptionId };
    if (sku.armRegionName) inventoryContext.armRegionName = sku.armRegionName;
    const results = await this.client.checkInventory(ctx, {
      country: customer.country,
      check: { targetItems: [{ productId: sku.productId, skuId: sku.skuId }], inventoryContext },
    });
    const mine = results.filter(
      (result) =>
        sameId(result.productId, sku.productId) && (result.skuId === undefined || sameId(result.skuId, sku.skuId)),
    );
    if (mine.length === 0) {
      // Partner Center leaves out items it can't find, so there is nothing to say it is available.
      return {
        restricted: true,
        reasons: [{ key: 'restriction.notInCatalog', values: { sku: sku.title, country: customer.countryName } }],
      };
    }
    const reasons = mine
      .filter((result) => result.isRestricted)
      .flatMap((result) =>
        result.restrictions.length > 0
          ? result.restrictions.map(describeInventoryRestriction)
          : [{ key: 'restriction.notForSubscription' } as const],
      );
    // Several restrictions can say the same: each reason once.
    const distinct = [...new Map(reasons.map((reason) => [JSON.stringify(reason), reason])).values()];
    return { restricted: distinct.length > 0, reasons: distinct };
  }

  async createCart(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    line: CartLineRequest,
  ): Promise<CartSummary> {
    const scope = await this.reservationScopeFor(ctx, customer, line.provisioningContext);
    const [product, sku, availabilities] = await Promise.all([
      this.productFor(ctx, customer, line.productId, scope),
      this.skuFor(ctx, customer, line.productId, line.skuId, scope),
      this.availabilitiesOf(ctx, customer, line.productId, line.skuId, scope),
    ]);
    checkQuantity(sku, line.quantity);
    const attestation = acceptableAttestation(sku);
    const cart = await this.cartWithCurrentOffer(ctx, customer, line, sku, availabilities, scope);
    const titles: LineTitles = { productTitle: product.title, skuTitle: sku.title, attestation };
    return cartSummaryOf(cart, customer.id, () => titles);
  }

  async updateCartQuantity(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    cartId: string,
    quantity: number,
  ): Promise<CartSummary> {
    const cart = await this.client.getCart(ctx, { customerId: customer.id, cartId });
    const first = [...cart.lineItems].sort((a, b) => a.id - b.id)[0];
    if (!first) throw new PurchaseRequestError('cart-empty', 'request.cartEmpty');
    const parts = catalogItemIdParts(first.catalogItemId);
    const titles = await this.titlesOf(ctx, customer, cart);
    if (parts) {
      const scope = await this.reservationScopeFor(ctx, customer, first.provisioningContext);
      checkQuantity(await this.skuFor(ctx, customer, parts.productId, parts.skuId, scope), quantity);
    } else if (!Number.isInteger(quantity) || quantity < 1) {
      throw new PurchaseRequestError('quantity-out-of-range', 'request.quantityAtLeastOne');
    }
    // The cart goes back whole, and says again what placing its order accepts: the partner's attestation, and each
    // line's own where its SKU enforces one (a service that doesn't echo the flags must not lose them on update).
    const withQuantity = (catalogItemId: string): Cart => ({
      ...cart,
      partnerOnRecordAttestationAccepted: true,
      lineItems: cart.lineItems.map((item) => {
        const attested = titleOf(titles, item.catalogItemId).attestation ? { attestationAccepted: true } : {};
        return item.id === first.id ? { ...item, ...attested, catalogItemId, quantity } : { ...item, ...attested };
      }),
    });
    let updated: Cart;
    try {
      updated = await this.client.updateCart(ctx, {
        customerId: customer.id,
        cartId: cart.id,
        cart: withQuantity(first.catalogItemId),
      });
    } catch (error) {
      if (!parts || !isStaleCatalogError(error)) throw error;
      const current = await this.currentCatalogItemId(ctx, customer, parts, first);
      updated = await this.client.updateCart(ctx, {
        customerId: customer.id,
        cartId: cart.id,
        cart: withQuantity(current),
      });
    }
    return cartSummaryOf(updated, customer.id, (catalogItemId) => titleOf(titles, catalogItemId));
  }

  async checkout(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    cartId: string,
    options: { requestId?: string } = {},
  ): Promise<CheckoutSummary> {
    const request = { customerId: customer.id, cartId };
    let result: CartCheckoutResult;
    try {
      result = await this.client.checkoutCart(ctx, { ...request, requestId: options.requestId });
    } catch (error) {
      // Partner Center's advice for 400019 at checkout: fetch the current availability and check out again (a new
      // MS-RequestId: the first call got an answer, and the cart keeps checkout idempotent anyway).
      if (!isStaleCatalogError(error)) throw error;
      const cart = await this.client.getCart(ctx, request);
      const first = [...cart.lineItems].sort((a, b) => a.id - b.id)[0];
      if (!first) throw error;
      await this.updateCartQuantity(ctx, customer, cartId, first.quantity);
      result = await this.client.checkoutCart(ctx, request);
    }
    if (result.orderErrors.length === 0) return checkoutSummaryOf(result);
    return checkoutSummaryOf(result, await this.checkedOutCart(ctx, customer, request));
  }

  /**
   * The cart just checked out, to name what a refused order group held. Only a courtesy on top of Partner Center's
   * answer, which is final: if the cart can't be read the refusals are shown without the lines' names.
   */
  private async checkedOutCart(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    request: { customerId: string; cartId: string },
  ): Promise<CheckedOutCart | undefined> {
    try {
      const cart = await this.client.getCart(ctx, request);
      const titles = await this.titlesOf(ctx, customer, cart);
      return {
        cart,
        nameOf: (catalogItemId) => {
          const titled = titleOf(titles, catalogItemId);
          return titled.skuTitle || titled.productTitle;
        },
      };
    } catch {
      return undefined;
    }
  }

  describeFailure(error: unknown): FailureDescription {
    return describePurchaseFailure(error);
  }

  private async customerById(ctx: PartnerCenterCallContext, customerId: string): Promise<CustomerSearchResult> {
    try {
      const summary = customerSummaryOf(await this.client.getCustomer(ctx, { customerId }));
      // A tenant id names one customer: nothing else can have been meant.
      return { matches: [summary], hasMore: false, exactMatch: summary };
    } catch (error) {
      if (isNotFound(error)) return { matches: [], hasMore: false };
      throw error;
    }
  }

  /**
   * Customers a typo or an accent away from what was typed, when nothing starts with it. Partner Center's customer
   * filter only knows `starts_with` (and compares accents as they are), so the candidates are those sharing the first
   * letters of the name or the domain (domains are plain ASCII: `riologistica` for Rio Logística SA), read a couple of
   * large pages at most, and kept when close enough.
   */
  private async closeCustomers(
    ctx: PartnerCenterCallContext,
    text: string,
    limit: number,
  ): Promise<CustomerSearchResult> {
    const stem = folded(text)
      .replace(/[^a-z0-9]/g, '')
      .slice(0, CLOSE_MATCH_PREFIX);
    if (stem.length < CLOSE_MATCH_PREFIX) return { matches: [], hasMore: false };
    const [byName, byDomain] = await Promise.all([
      this.searchField(ctx, 'CompanyName', stem, CLOSE_MATCH_CANDIDATES),
      this.searchField(ctx, 'Domain', stem, CLOSE_MATCH_CANDIDATES),
    ]);
    const unique = new Map<string, CustomerSummary>();
    for (const customer of [...byName.customers, ...byDomain.customers]) {
      if (typosFrom(text, customer) !== undefined) unique.set(customer.id.toLowerCase(), customer);
    }
    const close = [...unique.values()].sort(byTyposThenName(text));
    for (const customer of close) this.forgetIfChanged(customer);
    return {
      matches: close.slice(0, limit),
      hasMore: close.length > limit,
      ...(close.length > 0 ? { closeMatches: true } : {}),
    };
  }

  private async searchField(
    ctx: PartnerCenterCallContext,
    field: 'CompanyName' | 'Domain',
    value: string,
    wanted: number,
  ): Promise<{ customers: CustomerSummary[]; unread: boolean }> {
    const customers: CustomerSummary[] = [];
    let page = await this.client.searchCustomers(ctx, { field, value, size: wanted });
    customers.push(...page.items.map(customerSummaryOf));
    for (let read = 1; read < MAX_SEARCH_PAGES && page.next && customers.length < wanted; read += 1) {
      page = await this.client.searchCustomers(ctx, { field, value, size: wanted, continuation: page.next });
      customers.push(...page.items.map(customerSummaryOf));
    }
    return { customers, unread: page.next !== undefined };
  }

  /**
   * The reservation catalog a cart line belongs to, from the Azure subscription in its provisioning context: an Azure
   * plan's reservations are listed with `reservationScope=AzurePlan`, and Partner Center refuses (400 / 900315) a line
   * whose availability came from the other catalog. Lines without a subscription (software) have no scope.
   */
  private async reservationScopeFor(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    provisioningContext: Record<string, string> | undefined,
  ): Promise<string | undefined> {
    const subscriptionId = Object.entries(provisioningContext ?? {}).find(
      ([key]) => key.toLowerCase() === 'subscriptionid',
    )?.[1];
    if (!subscriptionId || !isGuid(subscriptionId.trim())) return undefined;
    // An unknown subscription gets no scope: carting then fails with Partner Center's own words for it.
    const known = this.subscriptionKinds.get(subscriptionKey(customer.id, subscriptionId.trim()));
    const kind = known ?? (await this.getAzureSubscription(ctx, customer.id, subscriptionId))?.kind;
    return kind === 'other' ? undefined : reservationScopeOf(kind);
  }

  private rememberCustomer(customer: CustomerDetails): CustomerDetails {
    this.customers.set(customer.id.toLowerCase(), customer);
    return customer;
  }

  /** Forgets a remembered customer that a search shows with another name or domain, so it is read again. */
  private forgetIfChanged(summary: CustomerSummary): void {
    const key = summary.id.toLowerCase();
    const known = this.customers.get(key);
    if (known && (known.companyName !== summary.companyName || known.domain !== summary.domain)) {
      this.customers.delete(key);
    }
  }

  private async productFor(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    productId: string,
    scope: string | undefined,
  ) {
    const cached = this.catalog.product(customer.country, productId, scope);
    if (cached) return cached;
    const product = await this.client.getProduct(ctx, {
      productId,
      country: customer.country,
      reservationScope: scope,
    });
    this.catalog.rememberProduct(customer.country, product, scope);
    return product;
  }

  private async skuFor(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    productId: string,
    skuId: string,
    scope: string | undefined,
  ) {
    const cached = this.catalog.sku(customer.country, productId, skuId, scope);
    if (cached) return cached;
    const sku = await this.client.getSku(ctx, { productId, skuId, country: customer.country, reservationScope: scope });
    this.catalog.rememberSku(customer.country, sku, scope);
    return sku;
  }

  /**
   * The SKU's availabilities as Partner Center lists them now. Never cached: their ids, and so the catalog item ids a
   * cart needs, "are reissued on a regular basis" (get-an-availability-by-id).
   */
  private availabilitiesOf(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    productId: string,
    skuId: string,
    scope: string | undefined,
  ): Promise<Availability[]> {
    return this.client.listAvailabilities(ctx, {
      country: customer.country,
      productId,
      skuId,
      targetSegment: SEGMENT,
      reservationScope: scope,
    });
  }

  // Creates the cart with the offer just listed; if Partner Center says that offer is already stale, lists the
  // availabilities once more and tries once more, so a rotation between the two calls doesn't fail the purchase.
  private async cartWithCurrentOffer(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    line: CartLineRequest,
    sku: Sku,
    availabilities: Availability[],
    scope: string | undefined,
  ): Promise<Cart> {
    const freshCart = async () =>
      cartOf(
        lineItemFor(
          termFor(await this.availabilitiesOf(ctx, customer, line.productId, line.skuId, scope), sku, line),
          line,
          sku,
        ),
      );
    let cart: Cart;
    try {
      cart = await this.client.createCart(ctx, {
        customerId: customer.id,
        cart: cartOf(lineItemFor(termFor(availabilities, sku, line), line, sku)),
      });
    } catch (error) {
      if (!isStaleCatalogError(error)) throw error;
      return this.client.createCart(ctx, { customerId: customer.id, cart: await freshCart() });
    }
    if (!cart.lineItems.some((item) => isStaleCatalogLineError(item.error))) return cart;
    return this.client.updateCart(ctx, { customerId: customer.id, cartId: cart.id, cart: await freshCart() });
  }

  private async currentCatalogItemId(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    parts: CatalogItemIdParts,
    item: CartLineItem,
  ): Promise<string> {
    const scope = await this.reservationScopeFor(ctx, customer, item.provisioningContext);
    const [sku, availabilities] = await Promise.all([
      this.skuFor(ctx, customer, parts.productId, parts.skuId, scope),
      this.availabilitiesOf(ctx, customer, parts.productId, parts.skuId, scope),
    ]);
    const termKey = termKeyOf(SEGMENT, item.termDuration, item.billingCycle);
    const term = termOptionsOf(availabilities, sku).find((option) => option.termKey === termKey);
    if (!term) throw termUnavailable(sku);
    return term.catalogItemId;
  }

  private async titlesOf(
    ctx: PartnerCenterCallContext,
    customer: CustomerDetails,
    cart: Cart,
  ): Promise<Map<string, LineTitles>> {
    const titles = new Map<string, LineTitles>();
    await Promise.all(
      cart.lineItems.map(async (item) => {
        const parts = catalogItemIdParts(item.catalogItemId);
        if (!parts) return;
        const scope = await this.reservationScopeFor(ctx, customer, item.provisioningContext);
        const [product, sku] = await Promise.all([
          this.productFor(ctx, customer, parts.productId, scope),
          this.skuFor(ctx, customer, parts.productId, parts.skuId, scope),
        ]);
        titles.set(titleKey(parts), {
          productTitle: product.title,
          skuTitle: sku.title,
          attestation: acceptableAttestation(sku),
        });
      }),
    );
    for (const item of cart.lineItems) {
      const parts = catalogItemIdParts(item.catalogItemId);
      const known = parts ? titles.get(titleKey(parts)) : undefined;
      titles.set(item.catalogItemId, known ?? { productTitle: item.catalogItemId, skuTitle: item.friendlyName ?? '' });
    }
    return titles;
  }
}

function productOptionOf(product: Product): ProductOption {
  const option: ProductOption = {
    productId: product.id,
    title: product.title,
    description: product.description ?? '',
  };
  if (product.publisherName) option.publisherName = product.publisherName;
  return option;
}

function termFor(availabilities: readonly Availability[], sku: Sku, line: CartLineRequest): TermOption {
  // Keys are compared without case so a key written by hand or by an older version still matches.
  const wanted = line.termKey.toLowerCase();
  const term = termOptionsOf(availabilities, sku).find((option) => option.termKey.toLowerCase() === wanted);
  if (!term) throw termUnavailable(sku);
  return term;
}

function termUnavailable(sku: Sku): PurchaseRequestError {
  return new PurchaseRequestError('term-unavailable', 'request.termGone', { sku: sku.title });
}

/**
 * A one-line cart. It carries the partner's attestation (`PartnerOnRecordAttestationAccepted`, which the create-cart
 * reference lists as required and "Confirms Attestation completion"): the bot only checks a cart out when the person
 * presses Place order on a card that shows what is attested, and that press is audited as the acceptance.
 */
function cartOf(item: CartLineItemInput): CartInput {
  return { lineItems: [item], partnerOnRecordAttestationAccepted: true };
}

/**
 * The SKU's enforced attestation, which the bot can accept on the partner's behalf only when it can show its words;
 * a type it has no text for is refused here, before anything is carted.
 */
function acceptableAttestation(sku: Sku): SkuAttestation | undefined {
  const attestation = attestationOf(sku);
  if (attestation && attestation.text === undefined) {
    throw new PurchaseRequestError('attestation-unknown', 'request.attestationUnknown', {
      type: attestation.type || textFor('en-US')('request.attestationUnnamed'),
      sku: sku.title,
    });
  }
  return attestation;
}

function lineItemFor(term: TermOption, line: CartLineRequest, sku: Sku): CartLineItemInput {
  const billingCycle = BILLING_CYCLES.find((cycle): cycle is BillingCycle => cycle === term.billingCycle);
  if (!billingCycle) {
    throw new PurchaseRequestError('term-unavailable', 'request.billingCycleUnsupported', {
      billingCycle: term.billingCycle,
    });
  }
  const item: CartLineItemInput = { id: 0, catalogItemId: term.catalogItemId, quantity: line.quantity, billingCycle };
  // Perpetual software has no term, and Partner Center refuses a termDuration on it.
  if (term.termDuration) item.termDuration = term.termDuration;
  if (line.provisioningContext && Object.keys(line.provisioningContext).length > 0) {
    item.provisioningContext = { ...line.provisioningContext };
  }
  // Required for SKUs that enforce attestation; the confirmation card shows its text before the order is placed.
  if (acceptableAttestation(sku)) item.attestationAccepted = true;
  return item;
}

function checkQuantity(sku: Sku, quantity: number): void {
  const minimum = Math.max(1, sku.minimumQuantity);
  const maximum = sku.maximumQuantity;
  if (Number.isInteger(quantity) && quantity >= minimum && quantity <= maximum) return;
  throw new PurchaseRequestError('quantity-out-of-range', 'request.quantityRange', {
    sku: sku.title,
    minimum,
    maximum,
  });
}

function checkedSubscriptionId(azureSubscriptionId: string): string {
  const id = azureSubscriptionId.trim();
  if (isGuid(id)) return id;
  throw new PurchaseRequestError('invalid-subscription-id', 'request.notASubscriptionId');
}

// 403 / 800020 "The catalog item isn't eligible for purchase": the partner lacks the qualification the product needs.
function isQualificationRefusal(error: unknown): error is PartnerCenterError {
  return (
    error instanceof PartnerCenterError && error.kind === 'http' && error.httpStatus === 403 && error.code === '800020'
  );
}

function isNotFound(error: unknown): boolean {
  return error instanceof PartnerCenterError && error.kind === 'http' && error.httpStatus === 404;
}

function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function subscriptionKey(customerId: string, subscriptionId: string): string {
  return `${customerId.toLowerCase()}|${subscriptionId.toLowerCase()}`;
}

function titleKey(parts: CatalogItemIdParts): string {
  return `${parts.productId.toUpperCase()}|${parts.skuId.toUpperCase()}`;
}

function titleOf(titles: Map<string, LineTitles>, catalogItemId: string): LineTitles {
  return titles.get(catalogItemId) ?? { productTitle: catalogItemId, skuTitle: '' };
}
