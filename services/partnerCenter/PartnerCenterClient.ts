import { z } from 'zod';
import { buildQuery } from './http/buildQuery';
import { firstHeaderValue } from './http/firstHeaderValue';
import { parseContentDispositionFileName } from './http/parseContentDispositionFileName';
import type { PartnerCenterRequest, PartnerCenterTransport } from './http/PartnerCenterTransport';
import type { PartnerCenterCallContext } from './PartnerCenterCallContext';
import { PartnerCenterError } from './PartnerCenterError';
import {
  iteratePages,
  offsetContinuationOf,
  seekContinuationOf,
  type IteratePagesOptions,
  type Page,
  type PageContinuation,
} from './paging';
import { availabilitySchema, type Availability } from './schemas/availability';
import { cartSchema, type Cart, type CartInput, type CartLineItem, type CartLineItemInput } from './schemas/cart';
import { collectionOf } from './schemas/collection';
import { customerSchema, type Customer } from './schemas/customer';
import { entitlementSchema, type Entitlement } from './schemas/entitlement';
import { inventoryCheckResultSchema, type InventoryCheckRequest, type InventoryItemResult } from './schemas/inventory';
import { invoiceSchema, type Invoice } from './schemas/invoice';
import { invoiceSummarySchema, type InvoiceSummary } from './schemas/invoiceSummary';
import { oneTimeInvoiceLineItemSchema, type OneTimeInvoiceLineItem } from './schemas/oneTimeInvoiceLineItem';
import { cartCheckoutResultSchema, orderSchema, type CartCheckoutResult, type Order } from './schemas/order';
import {
  orderLineItemProvisioningStatusSchema,
  type OrderLineItemProvisioningStatus,
} from './schemas/provisioningStatus';
import { productSchema, type Product } from './schemas/product';
import { skuSchema, type Sku } from './schemas/sku';
import { subscriptionSchema, type Subscription } from './schemas/subscription';
import {
  subscriptionRegistrationStatusSchema,
  type SubscriptionRegistrationStatus,
} from './schemas/subscriptionRegistration';

/** Page size used when a caller does not choose one. */
export const DEFAULT_PAGE_SIZE = 40;

/** Catalog list filters (`country` is an ISO alpha-2 code). */
export interface CatalogQuery {
  country: string;
  targetSegment?: string;
  reservationScope?: string;
}

/** A paged request: the first page, or the page a previous `next` points at. */
export interface PageRequest {
  size?: number;
  continuation?: PageContinuation;
}

/** The statement PDF of an invoice. */
export interface InvoiceStatement {
  bytes: Buffer;
  contentType: string;
  fileName: string;
}

/** Billing cycles `listOrdersByBillingCycle` can filter on. */
export type OrderBillingType = 'one_time' | 'monthly' | 'annual' | 'none' | 'triennial';

// The orders API expects the .NET enum spelling (`OneTime`) in the query, not the snake_case body value.
const BILLING_TYPE_QUERY: Record<OrderBillingType, string> = {
  one_time: 'OneTime',
  monthly: 'Monthly',
  annual: 'Annual',
  none: 'None',
  triennial: 'Triennial',
};

const customers = collectionOf(customerSchema);
const products = collectionOf(productSchema);
const skus = collectionOf(skuSchema);
const availabilities = collectionOf(availabilitySchema);
const orders = collectionOf(orderSchema);
const provisioningStatuses = collectionOf(orderLineItemProvisioningStatusSchema);
const entitlements = collectionOf(entitlementSchema);
const subscriptions = collectionOf(subscriptionSchema);
const invoiceSummaries = collectionOf(invoiceSummarySchema);
const invoices = collectionOf(invoiceSchema);
const oneTimeLineItems = collectionOf(oneTimeInvoiceLineItemSchema);

const seg = encodeURIComponent;

/**
 * Typed access to the Partner Center REST operations of the one-time purchase scenario: one method per operation,
 * each taking the call context first and returning validated, typed data. Works the same against Partner Center
 * and the local simulator; only the transport's base URL and token provider differ.
 */
export class PartnerCenterClient {
  constructor(private readonly transport: PartnerCenterTransport) {}

  /** One page of the partner's customers (seek paging). */
  async listCustomers(ctx: PartnerCenterCallContext, request: PageRequest = {}): Promise<Page<Customer>> {
    const size = request.size ?? DEFAULT_PAGE_SIZE;
    return this.seekPage(ctx, 'listCustomers', `/v1/customers${buildQuery({ size })}`, request.continuation, customers);
  }

  /** Every customer, page by page, as one stream of items. */
  iterateCustomers(
    ctx: PartnerCenterCallContext,
    options: { size?: number } & IteratePagesOptions = {},
  ): AsyncGenerator<Customer> {
    return flatten(
      iteratePages((continuation) => this.listCustomers(ctx, { size: options.size, continuation }), options),
    );
  }

  /** One page of customers whose company name or domain starts with `value` (case is ignored by the service). */
  async searchCustomers(
    ctx: PartnerCenterCallContext,
    request: { field: 'CompanyName' | 'Domain'; value: string } & PageRequest,
  ): Promise<Page<Customer>> {
    const filter = JSON.stringify({ Field: request.field, Value: request.value, Operator: 'starts_with' });
    const size = request.size ?? DEFAULT_PAGE_SIZE;
    const path = `/v1/customers${buildQuery({ size, filter })}`;
    return this.seekPage(ctx, 'searchCustomers', path, request.continuation, customers);
  }

  /** Every customer matching a search, as one stream of items. */
  iterateCustomerSearch(
    ctx: PartnerCenterCallContext,
    request: { field: 'CompanyName' | 'Domain'; value: string; size?: number } & IteratePagesOptions,
  ): AsyncGenerator<Customer> {
    return flatten(iteratePages((continuation) => this.searchCustomers(ctx, { ...request, continuation }), request));
  }

  /** One customer with its full profile. */
  async getCustomer(ctx: PartnerCenterCallContext, request: { customerId: string }): Promise<Customer> {
    return this.get(ctx, 'getCustomer', `/v1/customers/${seg(request.customerId)}`, customerSchema);
  }

  /** Products of a catalog view (`Software`, `AzureReservationsVM`, …) in a country. */
  async listProducts(
    ctx: PartnerCenterCallContext,
    request: CatalogQuery & { targetView: string },
  ): Promise<Product[]> {
    const query = buildQuery({
      country: request.country,
      targetView: request.targetView,
      targetSegment: request.targetSegment,
      reservationScope: request.reservationScope,
    });
    return (await this.get(ctx, 'listProducts', `/v1/products${query}`, products)).items;
  }

  /** One product. */
  async getProduct(
    ctx: PartnerCenterCallContext,
    request: { productId: string; country: string; reservationScope?: string },
  ): Promise<Product> {
    const query = buildQuery({ country: request.country, reservationScope: request.reservationScope });
    return this.get(ctx, 'getProduct', `/v1/products/${seg(request.productId)}${query}`, productSchema);
  }

  /** SKUs of a product. */
  async listSkus(ctx: PartnerCenterCallContext, request: CatalogQuery & { productId: string }): Promise<Sku[]> {
    const query = buildQuery({
      country: request.country,
      targetSegment: request.targetSegment,
      reservationScope: request.reservationScope,
    });
    return (await this.get(ctx, 'listSkus', `/v1/products/${seg(request.productId)}/skus${query}`, skus)).items;
  }

  /** One SKU. */
  async getSku(
    ctx: PartnerCenterCallContext,
    request: { productId: string; skuId: string; country: string; reservationScope?: string },
  ): Promise<Sku> {
    const query = buildQuery({ country: request.country, reservationScope: request.reservationScope });
    const path = `/v1/products/${seg(request.productId)}/skus/${seg(request.skuId)}${query}`;
    return this.get(ctx, 'getSku', path, skuSchema);
  }

  /** Availabilities of a SKU; fetch right before carting, their ids rotate. */
  async listAvailabilities(
    ctx: PartnerCenterCallContext,
    request: CatalogQuery & { productId: string; skuId: string },
  ): Promise<Availability[]> {
    const query = buildQuery({
      country: request.country,
      targetSegment: request.targetSegment,
      reservationScope: request.reservationScope,
    });
    const path = `/v1/products/${seg(request.productId)}/skus/${seg(request.skuId)}/availabilities${query}`;
    return (await this.get(ctx, 'listAvailabilities', path, availabilities)).items;
  }

  /** One availability. */
  async getAvailability(
    ctx: PartnerCenterCallContext,
    request: { productId: string; skuId: string; availabilityId: string; country: string },
  ): Promise<Availability> {
    const path =
      `/v1/products/${seg(request.productId)}/skus/${seg(request.skuId)}` +
      `/availabilities/${seg(request.availabilityId)}${buildQuery({ country: request.country })}`;
    return this.get(ctx, 'getAvailability', path, availabilitySchema);
  }

  /** Restrictions on catalog items whose SKU lists `InventoryCheck` among its purchase prerequisites. */
  async checkInventory(
    ctx: PartnerCenterCallContext,
    request: { country: string; check: InventoryCheckRequest },
  ): Promise<InventoryItemResult[]> {
    // Spelled as Partner Center's own .NET SDK (PartnerSdkConfiguration.json `CheckInventory`) and the REST example
    // send it; the reference page's syntax table alone writes `checkInventory`.
    const path = `/v1/extensions/product/checkinventory${buildQuery({ country: request.country })}`;
    return this.transport.sendJson(
      ctx,
      { operation: 'checkInventory', method: 'POST', target: path, body: request.check },
      inventoryCheckResultSchema,
    );
  }

  /**
   * Creates a cart; line items without an `id` are numbered by position. The attestation flags go on the wire as
   * documented: `PartnerOnRecordAttestationAccepted` on the cart and `AttestationAccepted` on a line.
   */
  async createCart(ctx: PartnerCenterCallContext, request: { customerId: string; cart: CartInput }): Promise<Cart> {
    return this.transport.sendJson(
      ctx,
      {
        operation: 'createCart',
        method: 'POST',
        target: `/v1/customers/${seg(request.customerId)}/carts`,
        body: cartWireBody(request.cart),
      },
      cartSchema,
    );
  }

  /** Replaces a cart's content (PUT of the whole cart, as read by `getCart` and modified). */
  async updateCart(
    ctx: PartnerCenterCallContext,
    request: { customerId: string; cartId: string; cart: Cart | CartInput },
  ): Promise<Cart> {
    return this.transport.sendJson(
      ctx,
      {
        operation: 'updateCart',
        method: 'PUT',
        target: `/v1/customers/${seg(request.customerId)}/carts/${seg(request.cartId)}`,
        body: cartWireBody(request.cart),
      },
      cartSchema,
    );
  }

  /** One cart. */
  async getCart(ctx: PartnerCenterCallContext, request: { customerId: string; cartId: string }): Promise<Cart> {
    const path = `/v1/customers/${seg(request.customerId)}/carts/${seg(request.cartId)}`;
    return this.get(ctx, 'getCart', path, cartSchema);
  }

  /**
   * Checks a cart out. Retried attempts reuse the MS-RequestId, and Partner Center answers a repeated checkout of
   * the same cart with the original result, so a retry never buys twice.
   */
  async checkoutCart(
    ctx: PartnerCenterCallContext,
    request: { customerId: string; cartId: string; requestId?: string },
  ): Promise<CartCheckoutResult> {
    return this.transport.sendJson(
      ctx,
      {
        operation: 'checkoutCart',
        method: 'POST',
        target: `/v1/customers/${seg(request.customerId)}/carts/${seg(request.cartId)}/checkout`,
        requestId: request.requestId,
      },
      cartCheckoutResultSchema,
    );
  }

  /**
   * One order. With `includePrice`, an answer of 403 / 800043 (this caller may not see prices) is asked again
   * without prices: see {@link withoutPriceIfRefused}.
   */
  async getOrder(
    ctx: PartnerCenterCallContext,
    request: { customerId: string; orderId: string; includePrice?: boolean },
  ): Promise<Order> {
    return this.withoutPriceIfRefused(request.includePrice, (price) => {
      const path =
        `/v1/customers/${seg(request.customerId)}/orders/${seg(request.orderId)}` +
        buildQuery({ include_price: includePrice(price) });
      return this.get(ctx, 'getOrder', path, orderSchema);
    });
  }

  /** A customer's orders. New orders can take up to 15 minutes to appear here. Prices as in {@link getOrder}. */
  async listOrders(
    ctx: PartnerCenterCallContext,
    request: { customerId: string; includePrice?: boolean },
  ): Promise<Order[]> {
    return this.withoutPriceIfRefused(request.includePrice, async (price) => {
      const path =
        `/v1/customers/${seg(request.customerId)}/orders` + buildQuery({ include_price: includePrice(price) });
      return (await this.get(ctx, 'listOrders', path, orders)).items;
    });
  }

  /**
   * A customer's orders of one billing cycle (`one_time` for software and reservations). Prices as in
   * {@link getOrder}.
   */
  async listOrdersByBillingCycle(
    ctx: PartnerCenterCallContext,
    request: { customerId: string; billingCycle: OrderBillingType; includePrice?: boolean },
  ): Promise<Order[]> {
    return this.withoutPriceIfRefused(request.includePrice, async (price) => {
      const query = buildQuery({
        billingType: BILLING_TYPE_QUERY[request.billingCycle],
        include_price: includePrice(price),
      });
      const path = `/v1/customers/${seg(request.customerId)}/orders${query}`;
      return (await this.get(ctx, 'listOrdersByBillingCycle', path, orders)).items;
    });
  }

  /**
   * Cancels an order, or some of its lines, within the cancellation window ("Cancel software purchases"):
   * `PATCH /v1/customers/{customer-tenant-id}/orders/{order-id}` with the documented body `{"id", "status":
   * "cancelled", "lineItems": [{"lineItemNumber", "offerId"}]}`. Partner Center answers with the order: cancelled lines
   * have quantity 0, and its status is `cancelled` when every line is, `completed` otherwise. Outside the window it
   * refuses with 400 / 900117 (days) or 900213 (hours); purchases other than software with 403 / 800019. Pass the same
   * `requestId` when asking again after an unanswered attempt: MS-RequestId makes the PATCH idempotent.
   */
  async cancelOrder(
    ctx: PartnerCenterCallContext,
    request: {
      customerId: string;
      orderId: string;
      lineItems: readonly { lineItemNumber: number; offerId: string }[];
      requestId?: string;
    },
  ): Promise<Order> {
    return this.transport.sendJson(
      ctx,
      {
        operation: 'cancelOrder',
        method: 'PATCH',
        target: `/v1/customers/${seg(request.customerId)}/orders/${seg(request.orderId)}`,
        body: {
          id: request.orderId,
          status: 'cancelled',
          lineItems: request.lineItems.map(({ lineItemNumber, offerId }) => ({ lineItemNumber, offerId })),
        },
        requestId: request.requestId,
      },
      orderSchema,
    );
  }

  /** Provisioning status per line item of an order (App+User only). */
  async getOrderProvisioningStatus(
    ctx: PartnerCenterCallContext,
    request: { customerId: string; orderId: string },
  ): Promise<OrderLineItemProvisioningStatus[]> {
    const path = `/v1/customers/${seg(request.customerId)}/orders/${seg(request.orderId)}/provisioningstatus`;
    return (await this.get(ctx, 'getOrderProvisioningStatus', path, provisioningStatuses)).items;
  }

  /** What the customer may use thanks to one-time purchases (App+User only). */
  async listEntitlements(
    ctx: PartnerCenterCallContext,
    request: { customerId: string; entitlementType?: string; showExpiry?: boolean },
  ): Promise<Entitlement[]> {
    const query = buildQuery({ entitlementType: request.entitlementType, showExpiry: request.showExpiry });
    const path = `/v1/customers/${seg(request.customerId)}/entitlements${query}`;
    return (await this.get(ctx, 'listEntitlements', path, entitlements)).items;
  }

  /** The partner's current account balance (`/v1/invoices/summary`). */
  async getBalance(ctx: PartnerCenterCallContext): Promise<InvoiceSummary> {
    return this.get(ctx, 'getBalance', '/v1/invoices/summary', invoiceSummarySchema);
  }

  /** Balances per currency (App+User only). */
  async listInvoiceSummaries(ctx: PartnerCenterCallContext): Promise<InvoiceSummary[]> {
    return (await this.get(ctx, 'listInvoiceSummaries', '/v1/invoices/summaries', invoiceSummaries)).items;
  }

  /** One page of invoices (size/offset paging). */
  async listInvoices(
    ctx: PartnerCenterCallContext,
    request: { size?: number; offset?: number; continuation?: PageContinuation } = {},
  ): Promise<Page<Invoice>> {
    const continuation = request.continuation;
    if (continuation && continuation.kind !== 'offset') {
      throw new TypeError('listInvoices takes the continuation of an earlier listInvoices page');
    }
    const size = continuation?.size ?? request.size ?? DEFAULT_PAGE_SIZE;
    const offset = continuation?.offset ?? request.offset ?? 0;
    const body = await this.get(ctx, 'listInvoices', `/v1/invoices${buildQuery({ size, offset })}`, invoices);
    return { items: body.items, totalCount: body.totalCount, next: offsetContinuationOf(body, offset, size) };
  }

  /** Every invoice, page by page, as one stream of items. */
  iterateInvoices(
    ctx: PartnerCenterCallContext,
    options: { size?: number } & IteratePagesOptions = {},
  ): AsyncGenerator<Invoice> {
    return flatten(
      iteratePages((continuation) => this.listInvoices(ctx, { size: options.size, continuation }), options),
    );
  }

  /** One invoice (App+User only). */
  async getInvoice(ctx: PartnerCenterCallContext, request: { invoiceId: string }): Promise<Invoice> {
    return this.get(ctx, 'getInvoice', `/v1/invoices/${seg(request.invoiceId)}`, invoiceSchema);
  }

  /** One page of an invoice's one-time billing line items (seek paging). */
  async listOneTimeInvoiceLineItems(
    ctx: PartnerCenterCallContext,
    request: { invoiceId: string } & PageRequest,
  ): Promise<Page<OneTimeInvoiceLineItem>> {
    const query = buildQuery({
      provider: 'onetime',
      invoicelineitemtype: 'billinglineitems',
      size: request.size ?? DEFAULT_PAGE_SIZE,
    });
    const path = `/v1/invoices/${seg(request.invoiceId)}/lineitems${query}`;
    return this.seekPage(ctx, 'listOneTimeInvoiceLineItems', path, request.continuation, oneTimeLineItems);
  }

  /** Every one-time line item of an invoice, as one stream of items. */
  iterateOneTimeInvoiceLineItems(
    ctx: PartnerCenterCallContext,
    request: { invoiceId: string; size?: number } & IteratePagesOptions,
  ): AsyncGenerator<OneTimeInvoiceLineItem> {
    return flatten(
      iteratePages((continuation) => this.listOneTimeInvoiceLineItems(ctx, { ...request, continuation }), request),
    );
  }

  /** The invoice statement PDF (App+User only). */
  async getInvoiceStatement(ctx: PartnerCenterCallContext, request: { invoiceId: string }): Promise<InvoiceStatement> {
    const operation: PartnerCenterRequest = {
      operation: 'getInvoiceStatement',
      method: 'GET',
      target: `/v1/invoices/${seg(request.invoiceId)}/documents/statement`,
      accept: 'application/pdf',
    };
    const response = await this.transport.send(ctx, operation);
    if (response.body.length === 0) {
      throw new PartnerCenterError({
        operation: operation.operation,
        kind: 'invalid-response',
        httpStatus: response.status,
        requestId: response.requestId,
        correlationId: ctx.correlationId,
        attempts: response.attempts,
        reason: 'the statement is empty',
      });
    }
    return {
      bytes: response.body,
      contentType: firstHeaderValue(response.headers['content-type']) ?? 'application/pdf',
      fileName:
        parseContentDispositionFileName(firstHeaderValue(response.headers['content-disposition'])) ??
        `Invoice_${request.invoiceId}.pdf`,
    };
  }

  /**
   * Registers an Azure subscription (or Azure plan) for reservation purchases. Partner Center answers 202 with a
   * `Location` to poll; that location is returned as sent (relative, usually without `/v1`).
   */
  async registerSubscription(
    ctx: PartnerCenterCallContext,
    request: { customerId: string; subscriptionId: string },
  ): Promise<string> {
    const operation: PartnerCenterRequest = {
      operation: 'registerSubscription',
      method: 'POST',
      target: `/v1/customers/${seg(request.customerId)}/subscriptions/${seg(request.subscriptionId)}/registrations`,
    };
    const response = await this.transport.send(ctx, operation);
    const raw = response.headers['location'];
    const location = (Array.isArray(raw) ? raw[0] : raw) as unknown;
    if (typeof location !== 'string' || location.trim() === '') {
      throw new PartnerCenterError({
        operation: operation.operation,
        kind: 'invalid-response',
        httpStatus: response.status,
        requestId: response.requestId,
        correlationId: ctx.correlationId,
        attempts: response.attempts,
        reason: 'the registration was accepted without a Location header',
      });
    }
    return location.trim();
  }

  /** Whether a subscription is registered for reservations (`registered`, `registering`, `notregistered`). */
  async getSubscriptionRegistrationStatus(
    ctx: PartnerCenterCallContext,
    request: { customerId: string; subscriptionId: string },
  ): Promise<SubscriptionRegistrationStatus> {
    const path =
      `/v1/customers/${seg(request.customerId)}/subscriptions/${seg(request.subscriptionId)}` + '/registrationstatus';
    return this.get(ctx, 'getSubscriptionRegistrationStatus', path, subscriptionRegistrationStatusSchema);
  }

  /**
   * Partner Center gives order prices only to callers allowed to see pricing (the SDK: "pricing details (based on
   * access permissions)"); others asking with `include_price=true` get 403 / 800043 "Access to pricing information
   * isn't granted", and which roles get it is not documented. Rather than lose the whole answer, the same read is
   * asked once more without prices (a new MS-RequestId: the first call got its answer), and the orders come back
   * without pricing fields.
   */
  private async withoutPriceIfRefused<T>(
    wanted: boolean | undefined,
    read: (includePrice: boolean | undefined) => Promise<T>,
  ): Promise<T> {
    try {
      return await read(wanted);
    } catch (error) {
      if (wanted !== true || !isPricingRefusal(error)) throw error;
      return read(undefined);
    }
  }

  /**
   * All of the customer's subscriptions (get-all-of-a-customer-s-subscriptions: one collection, not paged), from which
   * the reservation conversation offers the Azure plans and Microsoft Azure subscriptions as choices.
   */
  async listSubscriptions(ctx: PartnerCenterCallContext, request: { customerId: string }): Promise<Subscription[]> {
    const path = `/v1/customers/${seg(request.customerId)}/subscriptions`;
    return (await this.get(ctx, 'listSubscriptions', path, subscriptions)).items;
  }

  /**
   * One of the customer's subscriptions. For reservations its `offerId` tells an Azure plan (`DZH318Z0BPS6:…`) from a
   * Microsoft Azure (`MS-AZR-0145P`) subscription, whose reservations come from different catalogs.
   */
  async getSubscription(
    ctx: PartnerCenterCallContext,
    request: { customerId: string; subscriptionId: string },
  ): Promise<Subscription> {
    const path = `/v1/customers/${seg(request.customerId)}/subscriptions/${seg(request.subscriptionId)}`;
    return this.get(ctx, 'getSubscription', path, subscriptionSchema);
  }

  private get<S extends z.ZodType>(
    ctx: PartnerCenterCallContext,
    operation: string,
    target: string,
    schema: S,
  ): Promise<z.output<S>> {
    return this.transport.sendJson(ctx, { operation, method: 'GET', target }, schema);
  }

  private async seekPage<T>(
    ctx: PartnerCenterCallContext,
    operation: string,
    firstPage: string,
    continuation: PageContinuation | undefined,
    schema: z.ZodType<{ items: T[]; totalCount?: number; continuationToken?: string; links?: { next?: LinkLike } }>,
  ): Promise<Page<T>> {
    if (continuation && continuation.kind !== 'seek') {
      throw new TypeError(`${operation} takes the continuation of an earlier ${operation} page`);
    }
    const request: PartnerCenterRequest = continuation
      ? { operation, method: 'GET', target: continuation.uri, linkHeaders: continuation.headers }
      : { operation, method: 'GET', target: firstPage };
    const body = await this.transport.sendJson(ctx, request, schema);
    return { items: body.items, totalCount: body.totalCount, next: seekContinuationOf(body) };
  }
}

interface LinkLike {
  uri: string;
  headers: { key: string; value: string }[];
}

async function* flatten<T>(pages: AsyncGenerator<Page<T>>): AsyncGenerator<T> {
  for await (const page of pages) yield* page.items;
}

// Partner Center's answer to `include_price=true` from a caller that may not see prices.
const PRICING_ACCESS_FORBIDDEN = '800043';

function isPricingRefusal(error: unknown): boolean {
  return (
    error instanceof PartnerCenterError &&
    error.kind === 'http' &&
    error.httpStatus === 403 &&
    error.code?.trim() === PRICING_ACCESS_FORBIDDEN
  );
}

function includePrice(value: boolean | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value ? 'True' : 'False';
}

/**
 * The body of create and update cart: line items numbered 0..n−1 where they have no id, and the two attestation
 * flags under the names Partner Center documents them with (its create-cart sample sends
 * `"PartnerOnRecordAttestationAccepted": true` beside camelCase fields; the cart line tables and the .NET SDK's
 * CartLineItem use `AttestationAccepted`). Every other field keeps the camelCase of the doc examples.
 */
function cartWireBody(cart: Cart | CartInput): Record<string, unknown> {
  const { partnerOnRecordAttestationAccepted, lineItems, ...rest } = cart;
  const items: readonly (CartLineItem | CartLineItemInput)[] = lineItems;
  const body: Record<string, unknown> = {
    ...rest,
    lineItems: items.map((item, index) => {
      const { attestationAccepted, ...line } = item;
      const wire: Record<string, unknown> = { ...line, id: item.id ?? index };
      if (attestationAccepted !== undefined) wire.AttestationAccepted = attestationAccepted;
      return wire;
    }),
  };
  if (partnerOnRecordAttestationAccepted !== undefined) {
    body.PartnerOnRecordAttestationAccepted = partnerOnRecordAttestationAccepted;
  }
  return body;
}
