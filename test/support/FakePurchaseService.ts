import { randomUUID } from 'node:crypto';
import { PartnerCenterError } from '../../services/partnerCenter/PartnerCenterError';
import type { PartnerCenterCallContext } from '../../services/partnerCenter/PartnerCenterCallContext';
import { attestationOf } from '../../services/purchase/attestationOf';
import { customerMatchOf } from '../../services/purchase/customerMatch';
import { describePurchaseFailure } from '../../services/purchase/describePurchaseFailure';
import { marketAvailabilityFor } from '../../services/purchase/marketAvailabilityFor';
import type {
  AzureSubscriptionChoice,
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
  SkuOption,
  TermOption,
} from '../../services/purchase/types';

const customer = (id: string, companyName: string, domain: string, country: string, countryName: string) => ({
  id,
  companyName,
  domain,
  country,
  countryName,
});

/** Subscription ids the fake knows, by registration state. */
export const REGISTERED_SUBSCRIPTION = '11111111-2222-3333-4444-555555555555';
export const UNREGISTERED_SUBSCRIPTION = '66666666-7777-8888-9999-000000000000';
/** A registered legacy Microsoft Azure (MS-AZR-0145P) subscription; the two above are Azure plans. */
export const LEGACY_SUBSCRIPTION = '77777777-8888-9999-aaaa-bbbbbbbbbbbb';

const AZURE_SUBSCRIPTIONS: AzureSubscriptionDetails[] = [
  { id: REGISTERED_SUBSCRIPTION, name: 'Azure plan', kind: 'azure-plan', status: 'active' },
  { id: UNREGISTERED_SUBSCRIPTION, name: 'Azure plan - Dev/Test', kind: 'azure-plan', status: 'active' },
  { id: LEGACY_SUBSCRIPTION, name: 'Microsoft Azure', kind: 'microsoft-azure', status: 'active' },
];

const CUSTOMERS: CustomerDetails[] = [
  customer('c-contoso', 'Contoso Ltd', 'contoso.onmicrosoft.com', 'US', 'United States'),
  customer('c-contosopharma', 'Contoso Pharmaceuticals', 'contosopharma.onmicrosoft.com', 'US', 'United States'),
  customer('c-fabrikam', 'Fabrikam Inc', 'fabrikam.onmicrosoft.com', 'US', 'United States'),
  customer('c-brasil', 'Brasil Comércio Ltda', 'brasilcomercio.onmicrosoft.com', 'BR', 'Brazil'),
  ...Array.from({ length: 12 }, (_, i) =>
    customer(`c-test${i + 1}`, `Test Company ${i + 1}`, `testco${i + 1}.onmicrosoft.com`, 'GB', 'United Kingdom'),
  ),
];

const PRODUCTS: Record<PurchaseCategory, ProductOption[]> = {
  'software-subscriptions': [
    { productId: 'VSPRO0000001', title: 'Visual Studio Professional', description: 'Subscription' },
    { productId: 'W365WHB00001', title: 'Windows 365 Business (with Windows Hybrid Benefit)', description: 'Cloud PC' },
  ],
  'perpetual-software': [{ productId: 'WINSRV000001', title: 'Windows Server 2022', description: 'Perpetual licence' }],
  'azure-reservations': [
    { productId: 'RIDV50000001', title: 'Reserved VM Instance, Dv5 series', description: 'Azure' },
  ],
};

const sku = (productId: string, skuId: string, title: string, extra: Partial<SkuOption> = {}): SkuOption => ({
  productId,
  skuId,
  title,
  description: '',
  minimumQuantity: 1,
  maximumQuantity: 100,
  needsInventoryCheck: false,
  needsRegistration: false,
  provisioningVariables: [],
  ...extra,
});

const RI = {
  needsInventoryCheck: true,
  needsRegistration: true,
  provisioningVariables: ['Scope', 'SubscriptionId', 'Duration'],
};
const SKUS: Record<string, SkuOption[]> = {
  VSPRO0000001: [sku('VSPRO0000001', '0001', 'Visual Studio Professional (1 year)')],
  W365WHB00001: [
    sku('W365WHB00001', '0001', 'Windows 365 Business 2 vCPU, 8 GB, 128 GB (with Windows Hybrid Benefit) - 1 year', {
      attestation: attestationOf({
        attestationProperties: { attestationType: 'Windows365', enforceAttestation: true },
      }),
    }),
  ],
  WINSRV000001: [
    sku('WINSRV000001', '0001', 'Windows Server 2022 Standard - 16 Core', { maximumQuantity: 500 }),
    sku('WINSRV000001', '0002', 'Windows Server 2022 Standard - 2 Core', { maximumQuantity: 500 }),
  ],
  RIDV50000001: [
    sku('RIDV50000001', '0001', 'Standard_D2s_v5 East US', { ...RI, armRegionName: 'eastus', maximumQuantity: 50 }),
    sku('RIDV50000001', '0002', 'Standard_D2s_v5 Japan West', {
      ...RI,
      armRegionName: 'japanwest',
      maximumQuantity: 50,
    }),
  ],
};

const term = (key: string, duration: string | undefined, description: string): TermOption => ({
  termKey: key,
  availabilityId: `AV${key}`,
  catalogItemId: `cat:${key}`,
  termDuration: duration,
  description,
  billingCycle: 'one_time',
  currencyCode: 'USD',
  segment: 'commercial',
});

/** Which fake method a scripted failure applies to. */
export type FakeMethod = Exclude<keyof PurchaseService, 'describeFailure' | 'marketAvailability'>;

/** A Partner Center failure as the real client would throw it. */
export function partnerCenterError(
  httpStatus: number,
  code: string,
  kind: PartnerCenterError['kind'] = 'http',
): PartnerCenterError {
  return new PartnerCenterError({
    operation: 'fake',
    kind,
    httpStatus,
    code,
    requestId: randomUUID(),
    correlationId: 'corr-fake',
    attempts: 1,
  });
}

/**
 * An in-memory purchase service for dialog tests: a small realistic catalog, carts and orders, a call log, and
 * scripted failures (`failNext`). It uses the real failure wording and market rules.
 */
export class FakePurchaseService implements PurchaseService {
  readonly calls: { method: FakeMethod; args: unknown[]; ctx: PartnerCenterCallContext }[] = [];
  readonly carts = new Map<string, CartSummary>();
  readonly orders: CheckoutSummary['orders'] = [];
  private readonly checkedOut = new Map<string, CheckoutSummary>();
  private readonly failures: { method: FakeMethod; error: unknown }[] = [];

  failNext(method: FakeMethod, error: unknown): void {
    this.failures.push({ method, error });
  }

  callsOf(method: FakeMethod): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  private record(method: FakeMethod, ctx: PartnerCenterCallContext, args: unknown[]): void {
    this.calls.push({ method, args, ctx });
    const index = this.failures.findIndex((f) => f.method === method);
    if (index >= 0) {
      const [failure] = this.failures.splice(index, 1);
      throw failure.error;
    }
  }

  async searchCustomers(ctx: PartnerCenterCallContext, query: string, limit: number): Promise<CustomerSearchResult> {
    this.record('searchCustomers', ctx, [query, limit]);
    const q = query.trim().toLowerCase();
    // Exact matches first, as the real service orders them; otherwise in the fake's own order.
    const rank = (c: CustomerSummary) => ['exact', 'tenant', 'prefix'].indexOf(customerMatchOf(q, c));
    const all = CUSTOMERS.filter((c) => c.companyName.toLowerCase().startsWith(q) || c.domain.startsWith(q))
      .map(({ id, companyName, domain }) => ({ id, companyName, domain }))
      .sort((a, b) => rank(a) - rank(b));
    const exact = all.filter((c) => customerMatchOf(q, c) === 'exact');
    return {
      matches: all.slice(0, limit),
      hasMore: all.length > limit,
      ...(exact.length === 1 ? { exactMatch: exact[0] } : {}),
    };
  }

  async getCustomer(ctx: PartnerCenterCallContext, customerId: string): Promise<CustomerDetails> {
    this.record('getCustomer', ctx, [customerId]);
    const found = CUSTOMERS.find((c) => c.id === customerId);
    if (!found) throw partnerCenterError(404, '60003');
    return { ...found };
  }

  marketAvailability(c: CustomerDetails): MarketAvailability {
    return marketAvailabilityFor(c);
  }

  async getAzureSubscription(
    ctx: PartnerCenterCallContext,
    customerId: string,
    subscriptionId: string,
  ): Promise<AzureSubscriptionDetails | undefined> {
    this.record('getAzureSubscription', ctx, [customerId, subscriptionId]);
    const found = AZURE_SUBSCRIPTIONS.find((subscription) => subscription.id === subscriptionId);
    return found ? { ...found } : undefined;
  }

  async listAzureSubscriptions(ctx: PartnerCenterCallContext, customerId: string): Promise<AzureSubscriptionChoice[]> {
    this.record('listAzureSubscriptions', ctx, [customerId]);
    const azure = AZURE_SUBSCRIPTIONS.flatMap((s) => (s.kind === 'other' ? [] : [{ ...s, kind: s.kind }]));
    return Promise.all(
      azure.map(async (subscription) => ({
        ...subscription,
        registration: await this.getRegistrationStatus(ctx, customerId, subscription.id),
      })),
    );
  }

  async listProducts(
    ctx: PartnerCenterCallContext,
    c: CustomerDetails,
    category: PurchaseCategory,
    catalog: CatalogChoice = {},
  ): Promise<ProductOption[]> {
    this.record('listProducts', ctx, [c.id, category, catalog]);
    return PRODUCTS[category];
  }

  async listSkus(
    ctx: PartnerCenterCallContext,
    c: CustomerDetails,
    productId: string,
    catalog: CatalogChoice = {},
  ): Promise<SkuOption[]> {
    this.record('listSkus', ctx, [c.id, productId, catalog]);
    return SKUS[productId] ?? [];
  }

  async checkEligibility(
    ctx: PartnerCenterCallContext,
    c: CustomerDetails,
    category: PurchaseCategory,
    sku: SkuOption,
    chosen: TermOption,
  ): Promise<void> {
    this.record('checkEligibility', ctx, [c.id, category, sku.productId, sku.skuId, chosen.termKey]);
  }

  async listTerms(
    ctx: PartnerCenterCallContext,
    c: CustomerDetails,
    productId: string,
    skuId: string,
    catalog: CatalogChoice = {},
  ): Promise<TermOption[]> {
    this.record('listTerms', ctx, [c.id, productId, skuId, catalog]);
    if (productId === 'WINSRV000001') return [term(`${skuId}-perpetual`, undefined, 'Perpetual licence')];
    if (productId === 'RIDV50000001') {
      return [
        term(`${skuId}-P1Y`, 'P1Y', '1 year, paid up front'),
        term(`${skuId}-P3Y`, 'P3Y', '3 years, paid up front'),
      ];
    }
    return [term(`${skuId}-P1Y`, 'P1Y', '1 year')];
  }

  async getRegistrationStatus(
    ctx: PartnerCenterCallContext,
    customerId: string,
    subscriptionId: string,
  ): Promise<'registered' | 'registering' | 'notregistered' | 'unknown'> {
    this.record('getRegistrationStatus', ctx, [customerId, subscriptionId]);
    if (subscriptionId === REGISTERED_SUBSCRIPTION || subscriptionId === LEGACY_SUBSCRIPTION) return 'registered';
    if (subscriptionId === UNREGISTERED_SUBSCRIPTION) return 'notregistered';
    return 'unknown';
  }

  async checkInventory(
    ctx: PartnerCenterCallContext,
    c: CustomerDetails,
    s: SkuOption,
    subscriptionId: string,
  ): Promise<InventoryVerdict> {
    this.record('checkInventory', ctx, [c.id, s.skuId, subscriptionId]);
    return s.armRegionName === 'japanwest'
      ? { restricted: true, reasons: [{ asSent: "Capacity isn't available in region japanwest." }] }
      : { restricted: false, reasons: [] };
  }

  async createCart(ctx: PartnerCenterCallContext, c: CustomerDetails, line: CartLineRequest): Promise<CartSummary> {
    this.record('createCart', ctx, [c.id, line]);
    const s = (SKUS[line.productId] ?? []).find((x) => x.skuId === line.skuId);
    const cart: CartSummary = {
      cartId: randomUUID(),
      customerId: c.id,
      status: 'Active',
      lines: [
        {
          catalogItemId: `cat:${line.termKey}`,
          productTitle:
            Object.values(PRODUCTS)
              .flat()
              .find((p) => p.productId === line.productId)?.title ?? '',
          skuTitle: s?.title ?? '',
          quantity: line.quantity,
          termDuration: line.termKey.endsWith('perpetual') ? undefined : line.termKey.split('-').pop(),
          billingCycle: 'one_time',
          currencyCode: 'USD',
          ...(s?.attestation ? { attestation: s.attestation } : {}),
        },
      ],
    };
    this.carts.set(cart.cartId, cart);
    return structuredClone(cart);
  }

  async updateCartQuantity(
    ctx: PartnerCenterCallContext,
    c: CustomerDetails,
    cartId: string,
    quantity: number,
  ): Promise<CartSummary> {
    this.record('updateCartQuantity', ctx, [c.id, cartId, quantity]);
    const cart = this.carts.get(cartId);
    if (!cart) throw partnerCenterError(404, '800008');
    cart.lines[0].quantity = quantity;
    return structuredClone(cart);
  }

  async checkout(
    ctx: PartnerCenterCallContext,
    c: CustomerDetails,
    cartId: string,
    options: { requestId?: string } = {},
  ): Promise<CheckoutSummary> {
    this.record('checkout', ctx, [c.id, cartId, options.requestId]);
    const previous = this.checkedOut.get(cartId);
    if (previous) return structuredClone(previous);
    const cart = this.carts.get(cartId);
    if (!cart) throw partnerCenterError(404, '800008');
    const order = {
      id: `order-${this.orders.length + 1}`,
      status: 'pending',
      billingCycle: 'one_time',
      currencyCode: 'USD',
      lines: cart.lines.map((l) => ({ name: l.skuTitle, quantity: l.quantity, offerId: l.catalogItemId })),
    };
    this.orders.push(order);
    const summary: CheckoutSummary = { orders: [order], problems: [] };
    this.checkedOut.set(cartId, summary);
    cart.status = 'Ordered';
    return structuredClone(summary);
  }

  describeFailure(error: unknown) {
    return describePurchaseFailure(error);
  }
}
