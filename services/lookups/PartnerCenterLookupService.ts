import type { PartnerCenterCallContext } from '../partnerCenter/PartnerCenterCallContext';
import type { PartnerCenterClient } from '../partnerCenter/PartnerCenterClient';
import { PartnerCenterError } from '../partnerCenter/PartnerCenterError';
import { iteratePages } from '../partnerCenter/paging';
import type { Invoice } from '../partnerCenter/schemas/invoice';
import type { InvoiceSummary } from '../partnerCenter/schemas/invoiceSummary';
import type { Order } from '../partnerCenter/schemas/order';
import { isGuid } from '../purchase/isGuid';
import { PurchaseRequestError } from '../purchase/PurchaseRequestError';
import { balanceViewOf } from './balanceViewOf';
import { entitlementViewOf } from './entitlementViewOf';
import { mainCurrencyOf } from './mainCurrencyOf';
import { type OrderLineNames, orderLineNamesOf } from './orderLineNames';
import { createdWithinTest } from './createdWithinTest';
import { invoiceViewOf } from './invoiceViewOf';
import { isAppOnlyRefusal } from './isAppOnlyRefusal';
import { isNotFound } from './isNotFound';
import { newestOrderFirst } from './newestOrderFirst';
import { OneTimeChargeTally } from './OneTimeChargeTally';
import { orderViewOf } from './orderViewOf';
import { recentOrdersToFetch } from './recentOrdersToFetch';
import { registrationStatusOf } from './registrationStatusOf';
import type {
  BalanceReport,
  CreatedWithin,
  EntitlementView,
  InvoiceDetailsView,
  InvoiceLineSummary,
  InvoicePage,
  LookupService,
  OrderListFilter,
  OrderPage,
  OrderView,
  RecentOrderRef,
  RegistrationView,
  StatementFile,
} from './types';

/** Optional collaborators of {@link PartnerCenterLookupService}. */
export interface PartnerCenterLookupServiceOptions {
  /** Clock (milliseconds since the epoch) for the recent-order window and `readAt`; defaults to `Date.now`. */
  now?: () => number;
}

// Partner Center's own maximum for one page of invoice line items ("size: The maximum number of items to return.
// Default max size = 2000", get-invoiceline-items): a 100,000-line invoice is read in 50 sequential calls, not 500.
const LINE_ITEM_PAGE_SIZE = 2000;
// 100 pages of 2000 = 200,000 one-time charges on one invoice, far beyond any partner's month.
const MAX_LINE_ITEM_PAGES = 100;
// Reading an invoice from the list (app-only sign-in) walks at most 10 pages of 200: ten years of monthly invoices
// in a dozen currencies.
const INVOICE_LIST_PAGE_SIZE = 200;
const MAX_INVOICE_LIST_PAGES = 10;
// Entitlements of orders Partner Center doesn't list yet (placed minutes ago) are named by reading those orders one by
// one; a customer doesn't have more than a few such orders, and each read is a throttled call.
const MAX_ORDERS_READ_FOR_NAMES = 5;

/**
 * The lookups (orders, balances, invoices, statements, entitlements, subscription registration) over the Partner
 * Center client. Operations that need App+User fall back to what an app-only sign-in can read, and say so in the
 * result; everything else Partner Center refuses is thrown as its PartnerCenterError.
 */
export class PartnerCenterLookupService implements LookupService {
  private readonly now: () => number;

  constructor(
    private readonly client: PartnerCenterClient,
    options: PartnerCenterLookupServiceOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  async listOrders(
    ctx: PartnerCenterCallContext,
    customerId: string,
    options: {
      filter?: OrderListFilter;
      createdWithin?: CreatedWithin;
      offset?: number;
      pageSize: number;
      recent?: RecentOrderRef[];
    },
  ): Promise<OrderPage> {
    const { offset, pageSize } = checkedPage(options.offset, options.pageSize);
    const filter = options.filter;
    const inWindow = createdWithinTest(options.createdWithin);
    const listed = filter
      ? await this.client.listOrdersByBillingCycle(ctx, { customerId, billingCycle: filter, includePrice: true })
      : await this.client.listOrders(ctx, { customerId, includePrice: true });
    const listedIds = new Set(listed.map((order) => order.id.toLowerCase()));
    // Partner Center lists a new order only after up to 15 minutes, so an order missing from the list is asked for
    // by id: the list never decides whether an order exists.
    const missing = recentOrdersToFetch(options.recent ?? [], customerId, listedIds, this.now());
    const fetched = await Promise.all(missing.map((orderId) => this.orderIfFound(ctx, customerId, orderId)));
    const justPlaced = fetched
      .filter((order): order is Order => order !== undefined)
      .filter((order) => filter === undefined || order.billingCycle === filter)
      .map((order): OrderView => ({ ...orderViewOf(order), justPlaced: true }))
      .filter(inWindow)
      .sort(newestOrderFirst);
    const all = [
      ...justPlaced,
      ...listed
        .map((order) => orderViewOf(order))
        .filter(inWindow)
        .sort(newestOrderFirst),
    ];
    const page: OrderPage = { orders: all.slice(offset, offset + pageSize), total: all.length };
    if (offset + pageSize < all.length) page.next = { offset: offset + pageSize };
    return page;
  }

  async getOrder(ctx: PartnerCenterCallContext, customerId: string, orderId: string): Promise<OrderView> {
    // Both calls start together for a quicker answer; the order's own failure (e.g. 404) is the one reported.
    const provisioning = settle(this.client.getOrderProvisioningStatus(ctx, { customerId, orderId }));
    const order = await this.client.getOrder(ctx, { customerId, orderId, includePrice: true });
    const status = await provisioning;
    if ('value' in status) return orderViewOf(order, status.value);
    // Provisioning status is a detail of the order (App+User only, and answered by another Partner Center service):
    // without it the order is still the answer, with a note saying what is missing and why.
    const error = status.error;
    return {
      ...orderViewOf(order),
      provisioningUnavailable: {
        reason: isAppOnlyRefusal(error) ? 'needs-user-sign-in' : 'not-read',
        reference: error instanceof PartnerCenterError ? error.correlationId : ctx.correlationId,
      },
    };
  }

  async getBalances(ctx: PartnerCenterCallContext): Promise<BalanceReport> {
    // The default-currency summary names the partner's main currency; it is read alongside, and its failure only
    // costs the card its lead (the currency invoiced most recently leads instead).
    const defaultSummary = settle(this.client.getBalance(ctx));
    let summaries: InvoiceSummary[];
    let defaultCurrencyOnly = false;
    try {
      summaries = await this.client.listInvoiceSummaries(ctx);
    } catch (error) {
      if (!isAppOnlyRefusal(error)) throw error;
      const fallback = await defaultSummary;
      if (!('value' in fallback)) throw fallback.error;
      summaries = [fallback.value];
      defaultCurrencyOnly = true;
    }
    const known = await defaultSummary;
    const balances = summaries.map(balanceViewOf);
    const report: BalanceReport = { balances, readAt: new Date(this.now()).toISOString(), defaultCurrencyOnly };
    const mainCurrency = mainCurrencyOf(balances, 'value' in known ? known.value.currencyCode : undefined);
    if (mainCurrency) report.mainCurrency = mainCurrency;
    return report;
  }

  async listInvoices(
    ctx: PartnerCenterCallContext,
    options: { offset?: number; pageSize: number },
  ): Promise<InvoicePage> {
    const { offset, pageSize } = checkedPage(options.offset, options.pageSize);
    const page = await this.client.listInvoices(ctx, { size: pageSize, offset });
    const result: InvoicePage = { invoices: page.items.map(invoiceViewOf) };
    if (page.next?.kind === 'offset') result.next = { offset: page.next.offset };
    return result;
  }

  async getInvoice(ctx: PartnerCenterCallContext, invoiceId: string): Promise<InvoiceDetailsView> {
    let invoice: Invoice;
    let fromList = false;
    try {
      invoice = await this.client.getInvoice(ctx, { invoiceId });
    } catch (error) {
      if (!isAppOnlyRefusal(error)) throw error;
      invoice = await this.invoiceFromList(ctx, invoiceId, error);
      fromList = true;
    }
    const view = invoiceViewOf(invoice);
    const details: InvoiceDetailsView = { invoice: view, fromList };
    if (view.hasOneTimeLineItems) details.oneTime = await this.oneTimeChargesOf(ctx, invoice.id);
    return details;
  }

  async getStatement(ctx: PartnerCenterCallContext, invoiceId: string): Promise<StatementFile> {
    const statement = await this.client.getInvoiceStatement(ctx, { invoiceId });
    return {
      invoiceId,
      fileName: statement.fileName || `Invoice_${invoiceId}.pdf`,
      contentType: statement.contentType,
      bytes: statement.bytes,
    };
  }

  async listEntitlements(ctx: PartnerCenterCallContext, customerId: string): Promise<EntitlementView[]> {
    const entitlements = await this.client.listEntitlements(ctx, { customerId, showExpiry: true });
    if (entitlements.length === 0) return [];
    const names = await this.orderLineNames(
      ctx,
      customerId,
      entitlements.map((entitlement) => entitlement.referenceOrder.id),
    );
    return entitlements.map((entitlement) => entitlementViewOf(entitlement, names));
  }

  async registerSubscription(
    ctx: PartnerCenterCallContext,
    customerId: string,
    subscriptionId: string,
  ): Promise<RegistrationView> {
    const id = checkedSubscriptionId(subscriptionId);
    await this.client.registerSubscription(ctx, { customerId, subscriptionId: id });
    return this.getRegistration(ctx, customerId, id);
  }

  async getRegistration(
    ctx: PartnerCenterCallContext,
    customerId: string,
    subscriptionId: string,
  ): Promise<RegistrationView> {
    const id = checkedSubscriptionId(subscriptionId);
    try {
      const registration = await this.client.getSubscriptionRegistrationStatus(ctx, { customerId, subscriptionId: id });
      return { customerId, subscriptionId: id, status: registrationStatusOf(registration.status) };
    } catch (error) {
      if (isNotFound(error)) return { customerId, subscriptionId: id, status: 'unknown' };
      throw error;
    }
  }

  /**
   * The names of the order lines entitlements come from: Partner Center names each line after the product and SKU
   * bought (`friendlyName`), and entitlements carry only ids. One list call covers every order Partner Center lists;
   * orders it doesn't list yet are read by id, a few at most. Names are a courtesy: if Partner Center can't give
   * them, the card shows the ids.
   */
  private async orderLineNames(
    ctx: PartnerCenterCallContext,
    customerId: string,
    orderIds: readonly string[],
  ): Promise<OrderLineNames> {
    const wanted = new Set(orderIds.map((id) => id.toLowerCase()));
    const listed = await settle(this.client.listOrders(ctx, { customerId }));
    const orders = 'value' in listed ? listed.value.filter((order) => wanted.has(order.id.toLowerCase())) : [];
    const found = new Set(orders.map((order) => order.id.toLowerCase()));
    const unlisted = [...wanted].filter((id) => !found.has(id)).slice(0, MAX_ORDERS_READ_FOR_NAMES);
    const read = await Promise.all(
      unlisted.map(async (orderId) => {
        const order = await settle(this.client.getOrder(ctx, { customerId, orderId }));
        return 'value' in order ? order.value : undefined;
      }),
    );
    return orderLineNamesOf([...orders, ...read.filter((order): order is Order => order !== undefined)]);
  }

  private async orderIfFound(
    ctx: PartnerCenterCallContext,
    customerId: string,
    orderId: string,
  ): Promise<Order | undefined> {
    try {
      return await this.client.getOrder(ctx, { customerId, orderId, includePrice: true });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  private async invoiceFromList(
    ctx: PartnerCenterCallContext,
    invoiceId: string,
    refusal: PartnerCenterError,
  ): Promise<Invoice> {
    const wanted = plainInvoiceId(invoiceId);
    const invoices = this.client.iterateInvoices(ctx, {
      size: INVOICE_LIST_PAGE_SIZE,
      maxPages: MAX_INVOICE_LIST_PAGES,
    });
    for await (const invoice of invoices) {
      const match = [invoice, ...(invoice.amendments ?? [])].find(
        (candidate) => plainInvoiceId(candidate.id) === wanted,
      );
      if (match) return match;
    }
    // Shaped like Partner Center's own 404 so a dialog answers "no invoice <id>" whichever way it was looked up.
    throw new PartnerCenterError({
      operation: refusal.operation,
      kind: 'http',
      httpStatus: 404,
      requestId: refusal.requestId,
      correlationId: ctx.correlationId,
      attempts: refusal.attempts,
      reason: `invoice ${invoiceId} is not in the partner's invoice list`,
    });
  }

  private async oneTimeChargesOf(ctx: PartnerCenterCallContext, invoiceId: string): Promise<InvoiceLineSummary> {
    const tally = new OneTimeChargeTally();
    let pagesRead = 0;
    const pages = iteratePages(
      (continuation) =>
        this.client.listOneTimeInvoiceLineItems(ctx, { invoiceId, size: LINE_ITEM_PAGE_SIZE, continuation }),
      { maxPages: MAX_LINE_ITEM_PAGES },
    );
    for await (const page of pages) {
      pagesRead += 1;
      tally.add(page.items);
    }
    return tally.summary(pagesRead);
  }
}

function checkedPage(offset: number | undefined, pageSize: number): { offset: number; pageSize: number } {
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new RangeError(`pageSize must be a positive integer, not ${pageSize}`);
  }
  const start = offset ?? 0;
  if (!Number.isInteger(start) || start < 0) throw new RangeError(`offset must be a whole number ≥ 0, not ${start}`);
  return { offset: start, pageSize };
}

function checkedSubscriptionId(subscriptionId: string): string {
  const id = subscriptionId.trim();
  if (isGuid(id)) return id;
  throw new PurchaseRequestError('invalid-subscription-id', 'request.notASubscriptionIdToRegister');
}

// Self links spell invoice ids with their type (`OneTime-G000024135`); people type the plain id, in any case.
function plainInvoiceId(invoiceId: string): string {
  return invoiceId
    .trim()
    .replace(/^(onetime|recurring)-/i, '')
    .toUpperCase();
}

function settle<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}
