import type { PartnerCenterCallContext } from '../partnerCenter/PartnerCenterCallContext';
import type { MessageKey } from '../../i18n/text';

/** A billing-cycle filter of the order list (`one-time orders`, `monthly orders`, `annual orders`). */
export type OrderListFilter = 'one_time' | 'monthly' | 'annual';

/** One order as the lookup cards show it. Amounts and dates stay raw; cards format them for the user's locale. */
export interface OrderView {
  id: string;
  customerId: string;
  status: string;
  billingCycle: string;
  /** ISO 8601, as Partner Center sent it. */
  creationDate?: string;
  currencyCode?: string;
  totalPrice?: number;
  lines: { lineItemNumber: number; name: string; offerId: string; quantity: number; termDuration?: string }[];
  /** Per line provisioning status (`fulfilled`, `unfulfilled`, …) when Partner Center gave it (App+User only). */
  provisioning?: { lineItemNumber: number; status: string }[];
  /**
   * Why `provisioning` is missing when it was asked for: the sign-in is app-only (Partner Center gives it to App+User
   * only), or Partner Center did not give it this time. The order itself was read; `reference` is for support.
   */
  provisioningUnavailable?: { reason: 'needs-user-sign-in' | 'not-read'; reference: string };
  /** Placed by this bot recently and not yet in Partner Center's order list (fetched by id). */
  justPlaced?: boolean;
}

/** An order this bot placed, remembered so it can be shown before Partner Center lists it (up to 15 minutes). */
export interface RecentOrderRef {
  orderId: string;
  customerId: string;
  /** ISO 8601. */
  placedAt: string;
}

/**
 * Which orders a list keeps, by Partner Center's `creationDate`: from `from` (inclusive) to `to` (exclusive), both ISO
 * 8601 instants. Partner Center's order list has no date filter, so the whole list is read and filtered here.
 */
export interface CreatedWithin {
  from: string;
  to: string;
}

/** A page of orders, newest first. */
export interface OrderPage {
  orders: OrderView[];
  /** Opaque position for "more"; absent on the last page. */
  next?: { offset: number };
  total: number;
}

/** The partner's balance in one currency. */
export interface BalanceView {
  currencyCode: string;
  balanceAmount: number;
  /** By invoice type (Recurring, OneTime) when Partner Center gave the split. */
  byInvoiceType: { invoiceType: string; balanceAmount: number }[];
  lastPaymentDate?: string;
  lastPaymentAmount?: number;
  latestInvoiceDate?: string;
}

/**
 * The currency the partner mostly works in, which the balance card leads with: Partner Center's default currency (the
 * one `GET /invoices/summary` answers in), or when that could not be read, the currency invoiced most recently.
 */
export interface MainCurrency {
  currencyCode: string;
  reason: 'partner-default' | 'latest-invoice';
}

/** Balances per currency and when they were read. */
export interface BalanceReport {
  balances: BalanceView[];
  /** Absent when there is no balance at all. */
  mainCurrency?: MainCurrency;
  /** ISO 8601: when the bot read them. */
  readAt: string;
  /** True when only the default-currency balance could be read (invoice summaries need App+User). */
  defaultCurrencyOnly: boolean;
}

/** One invoice as the lookup cards show it. */
export interface InvoiceView {
  id: string;
  invoiceDate?: string;
  billingPeriodStartDate?: string;
  billingPeriodEndDate?: string;
  totalCharges: number;
  paidAmount: number;
  currencyCode: string;
  invoiceType: string;
  documentType?: string;
  /** paid when the amount paid (whatever its sign on the wire) covers totalCharges, else open. */
  state: 'paid' | 'open';
  hasOneTimeLineItems: boolean;
}

/** A page of invoices, newest first. */
export interface InvoicePage {
  invoices: InvoiceView[];
  next?: { offset: number };
}

/** One-time line items of an invoice, read across every page, grouped by customer and product. */
export interface InvoiceLineSummary {
  lineItemCount: number;
  pagesRead: number;
  groups: {
    customerName: string;
    customerId: string;
    productName: string;
    quantity: number;
    total: number;
    currencyCode: string;
  }[];
}

/** An invoice with its one-time charges summarised. */
export interface InvoiceDetailsView {
  invoice: InvoiceView;
  oneTime?: InvoiceLineSummary;
  /** True when the invoice came from the invoice list because reading it by id needs App+User. */
  fromList: boolean;
}

/** A statement PDF ready to hand to the user. */
export interface StatementFile {
  invoiceId: string;
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/** One software key, download or reservation of an entitlement, in words. */
export interface EntitlementArtifactView {
  /** E.g. "Reservation 1a2b… (Shared)", "Product key ABCDE-…", "Download SQLServer2022.iso" (in English, for logs). */
  text: string;
  /** The same as a catalog message, said in the reader's language (absent: Partner Center's own words, shown as sent). */
  said?: { key: MessageKey; values: Record<string, string> };
  /**
   * A download Partner Center linked to with an absolute https URL (its artifact's `link.uri`); anything else (a
   * relative link to another Partner Center call, http, another scheme) gives no link, only the text.
   */
  download?: { url: string; fileName?: string };
}

/** One entitlement as the card shows it. */
export interface EntitlementView {
  productId: string;
  skuId: string;
  /**
   * What was bought, in words: the name of the order line the entitlement comes from (Partner Center names it after the
   * product and SKU). Absent when the order could not be read; the card then shows the ids.
   */
  name?: string;
  entitlementType: string;
  quantity: number;
  orderId?: string;
  /** ISO 8601 when Partner Center gave one (requested with showExpiry). */
  expiryDate?: string;
  /** Software keys/downloads and reservation ids. */
  artifacts: EntitlementArtifactView[];
  /** Entitlements included with this one (e.g. software assurance). */
  included: number;
}

/** Registration of an Azure subscription for reserved-instance purchases. */
export interface RegistrationView {
  customerId: string;
  subscriptionId: string;
  status: 'registered' | 'registering' | 'notregistered' | 'unknown';
}

/**
 * The ten-second answers (orders, balance, invoices, statements, entitlements, registration) over the Partner Center
 * client. Dialogs call this, never HTTP; it knows nothing about turns or cards. Methods throw PartnerCenterError.
 */
export interface LookupService {
  listOrders(
    ctx: PartnerCenterCallContext,
    customerId: string,
    options: {
      filter?: OrderListFilter;
      createdWithin?: CreatedWithin;
      offset?: number;
      pageSize: number;
      recent?: RecentOrderRef[];
    },
  ): Promise<OrderPage>;
  getOrder(ctx: PartnerCenterCallContext, customerId: string, orderId: string): Promise<OrderView>;
  getBalances(ctx: PartnerCenterCallContext): Promise<BalanceReport>;
  listInvoices(ctx: PartnerCenterCallContext, options: { offset?: number; pageSize: number }): Promise<InvoicePage>;
  getInvoice(ctx: PartnerCenterCallContext, invoiceId: string): Promise<InvoiceDetailsView>;
  getStatement(ctx: PartnerCenterCallContext, invoiceId: string): Promise<StatementFile>;
  listEntitlements(ctx: PartnerCenterCallContext, customerId: string): Promise<EntitlementView[]>;
  registerSubscription(
    ctx: PartnerCenterCallContext,
    customerId: string,
    subscriptionId: string,
  ): Promise<RegistrationView>;
  getRegistration(ctx: PartnerCenterCallContext, customerId: string, subscriptionId: string): Promise<RegistrationView>;
}
