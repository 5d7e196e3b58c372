import { randomInt } from 'node:crypto';
import { CATALOG_SEED, type ProductSeed, type SkuSeed } from '../data/catalogSeed';
import { localPrice } from '../data/markets';
import { CUSTOMER_SEEDS } from '../data/customerSeed';
import { DEFAULT_SEED_SCALE, type SeedScale } from '../data/seedScale';
import { isRestrictedMarket } from '../data/restrictedMarkets';
import { Catalog } from '../domain/catalog';
import type { CartLine } from '../domain/cartLines';
import { generatedCustomers, seedCustomers, type CustomerRecord } from '../domain/customers';
import { entitlementsForOrder, type EntitlementRecord } from '../domain/entitlements';
import { InvoiceBook } from '../domain/invoiceBook';
import { OrderGroups } from '../domain/orderGroups';
import type { OrderRecord } from '../domain/orders';
import { ApiError } from '../http/apiError';
import { SeededRandom } from './seededRandom';

const SEED = 20_240_601;
// Customers beyond the seed draw from a source of their own, so the seed's data is the same at every scale.
const GENERATED_CUSTOMERS_SEED = 20_260_512;
const DAY_MS = 86_400_000;

/** Timings that shape the simulated lifecycle; see SimulatorOptions. */
export interface LifecycleSettings {
  orderListDelaySeconds: number;
  orderCompletionSeconds: number;
  registrationStepSeconds: number;
  checkoutProcessingMs: number;
}

/** A cart as stored. */
export interface CartRecord {
  id: string;
  customerId: string;
  createdAt: number;
  lastModifiedAt: number;
  expiresAt: number;
  lastModifiedUser: string;
  status: 'Active' | 'Ordered';
  lines: CartLine[];
  checkoutResult?: Record<string, unknown>;
  checkoutInFlight: boolean;
  /** `PartnerOnRecordAttestationAccepted` as last sent (create or update), echoed in the cart. */
  partnerOnRecordAttestationAccepted?: boolean;
}

/**
 * Everything the simulator knows, built from the fixed seed: customers, catalog, invoices, plus the carts, orders and
 * entitlements created through the API. A reset throws the instance away and builds a new one.
 *
 * The seed data is the same on every start; what is created afterwards (cart ids, order ids, subscription ids) is not.
 * Partner Center never hands out the same cart or order id twice, and a bot that keeps its state across a simulator
 * restart must not be able to mistake a new cart for an earlier run's one.
 */
export class SimulatorState {
  readonly random = new SeededRandom(SEED);
  readonly catalog: Catalog;
  readonly customers: CustomerRecord[];
  readonly invoices: InvoiceBook;
  readonly carts = new Map<string, CartRecord>();
  readonly orders: OrderRecord[] = [];
  readonly entitlements: EntitlementRecord[] = [];
  /** How carts split into order groups and which groups the next checkouts refuse (test knobs; reset clears them). */
  readonly orderGroups = new OrderGroups();

  constructor(
    readonly settings: LifecycleSettings,
    now: () => number,
    /** Seed of the ids created after start; random unless a test needs them reproducible. */
    runtimeSeed: number = randomInt(2 ** 32),
    /** How many customers, invoices and line items to hold; the seed alone by default. */
    scale: SeedScale = DEFAULT_SEED_SCALE,
  ) {
    const start = now();
    this.catalog = new Catalog(start, now);
    const seeded = seedCustomers(this.random);
    const extra = generatedCustomers(
      scale.customers - CUSTOMER_SEEDS.length,
      new SeededRandom(GENERATED_CUSTOMERS_SEED),
    );
    // Generated customers come first in list and search order, as a partner's many other tenants would: a client
    // that reads only a search's first page can't find a seeded customer by luck.
    this.customers = [...extra, ...seeded];
    this.invoices = new InvoiceBook(this.random, this.customers, start, scale);
    this.seedOrderHistory(start);
    this.random.reseed(runtimeSeed);
  }

  /** A customer by tenant id, or 404 / 60003 "Tenant not found". */
  customer(customerId: string): CustomerRecord {
    const customer = this.customers.find((candidate) => candidate.id === customerId.toLowerCase());
    if (!customer) throw new ApiError(404, 60003, 'Tenant not found');
    return customer;
  }

  /**
   * Brings the state up to `now`: pending orders whose time has come complete (entitlements appear, their charges join
   * the month's unbilled one-time charges), then every month whose invoice day has come is invoiced.
   */
  settle(now: number): void {
    for (const order of this.orders) {
      if (order.status !== 'pending' || order.completesAt > now) continue;
      order.status = 'completed';
      this.entitlements.push(...entitlementsForOrder(order, order.completesAt, this.random));
      const customer = this.customer(order.customerId);
      for (const line of order.lines) {
        // A line cancelled before the order completed was never charged.
        if (line.quantity === 0) continue;
        this.invoices.addCharge({
          customer,
          orderId: order.alternateId,
          orderDate: order.createdAt,
          productId: line.productId,
          skuId: line.skuId,
          availabilityId: line.availabilityId,
          productName: CATALOG_SEED.find((product) => product.id === line.productId)?.title ?? line.friendlyName,
          skuName: line.friendlyName,
          quantity: line.quantity,
          unitPrice: line.unitPrice,
          termDuration: line.termDuration,
          reservationOrderId: line.kind === 'reservation' ? this.random.guid() : undefined,
          subscriptionId: this.random.guid(),
        });
      }
    }
    this.invoices.runInvoices(now);
  }

  /** A new order id in the 33-character style of the examples. */
  newOrderId(): string {
    return this.random.chars(32, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') + '1';
  }

  /** Every fourth customer has a completed software order from the past months (visible in lists, with entitlements). */
  private seedOrderHistory(start: number): void {
    this.customers.forEach((customer, index) => {
      if (index % 4 !== 0) return;
      const sellable = CATALOG_SEED.filter(
        (product) =>
          product.kind === 'perpetual' ||
          (product.kind === 'softwareSubscription' && !isRestrictedMarket(customer.market.country)),
      );
      const product = this.random.pick(sellable);
      const sku = this.random.pick(product.skus);
      const createdAt = start - this.random.int(20, 200) * DAY_MS;
      this.addCompletedOrder(customer, product, sku, createdAt, sku.minimumQuantity + this.random.int(0, 3));
    });
  }

  /**
   * A completed order placed at `createdAt` (simulated time, in the past), listed at once and with its entitlements,
   * like the seeded history: how tests build the order history a time window is checked against. Software (perpetual
   * unless `productId` names another non-reservation product), the product's first SKU unless `skuId` names one.
   * Returns the order id, or undefined when the customer, product or SKU is unknown.
   */
  addPastOrder(spec: {
    customerId: string;
    createdAt: number;
    productId?: string;
    skuId?: string;
    quantity?: number;
  }): string | undefined {
    const customer = this.customers.find((candidate) => candidate.id === spec.customerId.toLowerCase());
    const product = spec.productId
      ? CATALOG_SEED.find((candidate) => candidate.id.toUpperCase() === spec.productId?.toUpperCase())
      : CATALOG_SEED.find((candidate) => candidate.kind === 'perpetual');
    if (!customer || !product || product.kind === 'reservation') return undefined;
    const sku = spec.skuId ? product.skus.find((candidate) => candidate.id === spec.skuId) : product.skus[0];
    if (!sku) return undefined;
    return this.addCompletedOrder(customer, product, sku, spec.createdAt, spec.quantity ?? sku.minimumQuantity).id;
  }

  private addCompletedOrder(
    customer: CustomerRecord,
    product: ProductSeed,
    sku: SkuSeed,
    createdAt: number,
    quantity: number,
  ): OrderRecord {
    const order: OrderRecord = {
      id: this.newOrderId(),
      alternateId: this.random.chars(12, '0123456789abcdef'),
      customerId: customer.id,
      currency: customer.market.currency,
      symbol: customer.market.symbol,
      createdAt,
      completesAt: createdAt + 60_000,
      listVisibleAt: createdAt,
      status: 'completed',
      lines: [
        {
          lineItemNumber: 0,
          offerId: `${product.id}:${sku.id}:${product.id.slice(0, 4)}${this.random.chars(8)}`,
          productId: product.id,
          skuId: sku.id,
          availabilityId: '',
          kind: product.kind,
          friendlyName: sku.title,
          quantity,
          termDuration: sku.termDuration,
          unitPrice: localPrice(sku.usdPrice, customer.market),
          country: customer.market.country,
        },
      ],
    };
    order.lines[0].availabilityId = order.lines[0].offerId.split(':')[2];
    this.orders.push(order);
    this.entitlements.push(...entitlementsForOrder(order, order.completesAt, this.random));
    return order;
  }
}
