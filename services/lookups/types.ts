import type { PartnerCenterCallContext } from '../partnerCenter/PartnerCenterCallContext';

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

/** Balances per currency and when they were read. */
export interface BalanceReport {
  balances: BalanceView[];
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

/** One entitlement as the card shows it. */
export interface EntitlementView {
  productId: string;
  skuId: string;
  entitlementType: string;
  quantity: number;
  orderId?: string;
  /** ISO 8601 when Partner Center gave one (requested with showExpiry). */
  expiryDate?: string;
  /** Software keys/downloads and reservation ids, in words (e.g. "Reservation 1a2b… (Shared)"). */
  artifacts: string[];
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
    options: { filter?: OrderListFilter; offset?: number; pageSize: number; recent?: RecentOrderRef[] },
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
