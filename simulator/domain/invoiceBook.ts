import { CATALOG_SEED } from '../data/catalogSeed';
import { localPrice, type Market } from '../data/markets';
import { isRestrictedMarket } from '../data/restrictedMarkets';
import { DEFAULT_SEED_SCALE, type SeedScale } from '../data/seedScale';
import { link } from '../http/links';
import type { SeededRandom } from '../state/seededRandom';
import type { CustomerRecord } from './customers';
import { customerDomain } from './customers';

/** The simulated partner's tenant id, shown on every invoice line item. */
export const PARTNER_TENANT_ID = '934f3416-bc2f-47f3-b492-77e517d4e572';
const PARTNER_MPN_ID = '5357564';
const TAX_RATE = 0.1;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/**
 * One-time charges are billed per calendar month and "we'll make your invoice available on the 8th day of the
 * following month" (Partner Center, "Understanding the types of billing": billing for one-time charges).
 */
const INVOICE_DAY = 8;

/** One OneTime billing line item: the wire object plus its total as a number for sums. */
export interface OneTimeLineItem {
  total: number;
  json: Record<string, unknown>;
}

/** An invoice of the partner. OneTime invoices carry line items; Recurring ones only a total. */
export interface InvoiceRecord {
  id: string;
  invoiceType: 'OneTime' | 'Recurring';
  currency: string;
  symbol: string;
  decimals: number;
  invoiceDate: number;
  periodStart: number;
  periodEnd: number;
  paid: boolean;
  recurringTotal: number;
  lineItems: OneTimeLineItem[];
}

/**
 * One calendar month of one currency's one-time charges that are not invoiced yet: Partner Center's unbilled
 * reconciliation line items (`invoiceNumber` empty), readable with `period=current` (this month) or `period=previous`
 * (last month, until its invoice is issued). The invoice run turns the month into an invoice on the 8th of the next.
 */
export interface UnbilledPeriod {
  currency: string;
  symbol: string;
  decimals: number;
  periodStart: number;
  lineItems: OneTimeLineItem[];
}

/** Which unbilled month a reader asks for (the `period` query of the unbilled line items). */
export type UnbilledPeriodName = 'current' | 'previous';

/** A charge to add for one completed order line. */
export interface OneTimeCharge {
  customer: CustomerRecord;
  orderId: string;
  orderDate: number;
  productId: string;
  skuId: string;
  availabilityId: string;
  productName: string;
  skuName: string;
  quantity: number;
  unitPrice: number;
  termDuration?: string;
  reservationOrderId?: string;
  subscriptionId: string;
  /**
   * `new` for a purchase (the default), `cancel` for the refund of a cancelled line: "The value Refund is mapped to
   * Cancel" (invoice line items). A refund has a negative quantity.
   */
  chargeType?: 'new' | 'cancel';
  /** When the charge happened, if not at the order date (a refund: when the line was cancelled); sets its month. */
  chargeDate?: number;
}

/**
 * The partner's invoices in every currency its customers buy in, and the one-time charges not invoiced yet. Invoices
 * only cover past months: OneTime invoices two months apart (six per currency unless the seed scale says otherwise) and
 * Recurring ones over the past year, the newest OneTime one being the latest month already invoiced (USD's has 263 line
 * items by default, to exercise paging; the seed scale can make it 100,000). This month's charges (and last month's, until
 * the 8th) are unbilled; completed orders add theirs there, and the invoice run issues each month's OneTime invoice on
 * the 8th of the next. Dates are relative to the month the seed was built in; everything else is fixed by the seed.
 */
export class InvoiceBook {
  readonly invoices: InvoiceRecord[] = [];
  /** Months of one-time charges not invoiced yet, per currency, oldest first. */
  readonly unbilled: UnbilledPeriod[] = [];
  private nextOneTimeNumber = 31_000;

  constructor(
    private readonly random: SeededRandom,
    customers: CustomerRecord[],
    now: number,
    scale: Pick<SeedScale, 'oneTimeInvoicesPerCurrency' | 'newestInvoiceLineItems'> = DEFAULT_SEED_SCALE,
  ) {
    const lastInvoiced = lastInvoicedPeriodStart(now);
    const markets = new Map<string, Market>();
    for (const customer of customers) {
      if (!markets.has(customer.market.currency)) markets.set(customer.market.currency, customer.market);
    }
    // Oldest first, two months apart, the newest in the latest invoiced month.
    const invoices = scale.oneTimeInvoicesPerCurrency;
    const oneTimeMonthsBack = Array.from({ length: invoices }, (_, i) => 2 * (invoices - 1 - i));
    for (const market of markets.values()) {
      const buyers = customers.filter((customer) => customer.market.currency === market.currency);
      for (const monthsBack of oneTimeMonthsBack) {
        const invoice = this.addInvoice('OneTime', market, addMonths(lastInvoiced, -monthsBack), monthsBack >= 2);
        const count = market.currency === 'USD' && monthsBack === 0 ? scale.newestInvoiceLineItems : random.int(3, 12);
        for (let i = 0; i < count; i++) this.addSeedCharge(invoice, random.pick(buyers));
      }
      for (const monthsBack of [9, 5, 1]) {
        const invoice = this.addInvoice('Recurring', market, addMonths(lastInvoiced, -monthsBack), monthsBack >= 5);
        invoice.recurringTotal = localPrice(random.int(800, 24_000), market);
      }
      // The months after the last invoiced one: last month until its invoice day (3 to 12 charges), then this month.
      for (let start = addMonths(lastInvoiced, 1); start <= startOfMonth(now); start = addMonths(start, 1)) {
        const period = this.unbilledPeriod(market, start);
        const count = start === startOfMonth(now) ? random.int(0, 3) : random.int(3, 12);
        for (let i = 0; i < count; i++) this.addSeedCharge(period, random.pick(buyers));
      }
    }
    this.sortInvoices();
  }

  /** Finds an invoice by id; also accepts the `OneTime-`/`Recurring-` prefixed form used in self links. */
  find(invoiceId: string): InvoiceRecord | undefined {
    const plain = invoiceId.replace(/^(onetime|recurring)-/i, '').toUpperCase();
    return this.invoices.find((invoice) => invoice.id === plain);
  }

  /**
   * Adds the charge of a completed order line to the unbilled charges of its month (the order date's) in the
   * customer's currency: it is invoiced by that month's invoice run, never at once.
   */
  addCharge(charge: OneTimeCharge): void {
    const market = charge.customer.market;
    let start = startOfMonth(charge.chargeDate ?? charge.orderDate);
    // A month already invoiced takes no more charges; the next one still open does (only at a run's very edge).
    while (
      this.invoices.some((i) => i.invoiceType === 'OneTime' && i.currency === market.currency && i.periodStart >= start)
    ) {
      start = addMonths(start, 1);
    }
    const period = this.unbilledPeriod(market, start);
    period.lineItems.push(lineItem({ ...period, invoiceNumber: '' }, charge, this.random));
  }

  /**
   * The invoice run: every unbilled month whose invoice day has come becomes a OneTime invoice (not yet paid) holding
   * its charges, which from then on carry the invoice's number; the month leaves the unbilled line items.
   */
  runInvoices(now: number): void {
    const due = this.unbilled.filter((period) => invoiceDateOf(period.periodStart) <= now);
    if (due.length === 0) return;
    for (const period of due) {
      this.unbilled.splice(this.unbilled.indexOf(period), 1);
      const invoice = this.addInvoice('OneTime', period, period.periodStart, false);
      for (const item of period.lineItems) item.json.invoiceNumber = invoice.id;
      invoice.lineItems = period.lineItems;
    }
    this.sortInvoices();
  }

  /** The unbilled one-time line items of a currency for the current or the previous month, as of `now`. */
  unbilledLineItems(currency: string, name: UnbilledPeriodName, now: number): OneTimeLineItem[] {
    const start = name === 'current' ? startOfMonth(now) : addMonths(startOfMonth(now), -1);
    const period = this.unbilled.find((p) => p.currency === currency.toUpperCase() && p.periodStart === start);
    return period ? period.lineItems : [];
  }

  /** The amount an invoice charges. */
  totalCharges(invoice: InvoiceRecord): number {
    if (invoice.invoiceType === 'Recurring') return invoice.recurringTotal;
    return round(
      invoice.lineItems.reduce((sum, item) => sum + item.total, 0),
      invoice.decimals,
    );
  }

  /** What has been paid on an invoice (older invoices are paid in full). */
  paidAmount(invoice: InvoiceRecord): number {
    return invoice.paid ? this.totalCharges(invoice) : 0;
  }

  /** Renders an Invoice as on the wire. */
  invoiceJson(invoice: InvoiceRecord): Record<string, unknown> {
    const provider = invoice.invoiceType === 'OneTime' ? 'OneTime' : 'Office';
    return {
      id: invoice.id,
      invoiceDate: iso(invoice.invoiceDate),
      billingPeriodStartDate: iso(invoice.periodStart),
      billingPeriodEndDate: iso(invoice.periodEnd),
      totalCharges: this.totalCharges(invoice),
      paidAmount: this.paidAmount(invoice),
      currencyCode: invoice.currency,
      currencySymbol: invoice.symbol,
      pdfDownloadLink: `/invoices/${invoice.id}/documents/statement`,
      taxReceipts: [],
      invoiceDetails: [
        {
          invoiceLineItemType: 'billing_line_items',
          billingProvider: invoice.invoiceType === 'OneTime' ? 'one_time' : 'office',
          links: {
            self: link(`/invoices/${invoice.invoiceType}-${invoice.id}/lineitems/${provider}/BillingLineItems`),
          },
          attributes: { objectType: 'InvoiceDetail' },
        },
      ],
      documentType: 'invoice',
      invoiceType: invoice.invoiceType,
      links: { self: link(`/invoices/${invoice.invoiceType}-${invoice.id}`) },
      attributes: { objectType: 'Invoice' },
    };
  }

  /** One InvoiceSummary per currency (the first is the partner's default currency, USD). */
  summaries(): Record<string, unknown>[] {
    const currencies = [...new Set(this.invoices.map((invoice) => invoice.currency))].sort((a, b) =>
      a === 'USD' ? -1 : b === 'USD' ? 1 : a.localeCompare(b),
    );
    return currencies.map((currency) => this.summary(currency));
  }

  /** The InvoiceSummary (balance) of one currency with Recurring and OneTime details. */
  summary(currency: string): Record<string, unknown> {
    const invoices = this.invoices.filter((invoice) => invoice.currency === currency);
    const details = (['Recurring', 'OneTime'] as const)
      .map((type) => ({ type, invoices: invoices.filter((invoice) => invoice.invoiceType === type) }))
      .filter((group) => group.invoices.length > 0)
      .map((group) => ({ invoiceType: group.type, summary: this.summaryOf(group.invoices) }));
    const { attributes, ...totals } = this.summaryOf(invoices);
    return { ...totals, details, links: { self: link('/invoices/summary') }, attributes };
  }

  private summaryOf(invoices: InvoiceRecord[]): Record<string, unknown> {
    const first = invoices[0];
    const balance = invoices.reduce((sum, invoice) => sum + this.totalCharges(invoice) - this.paidAmount(invoice), 0);
    const dates = invoices.map((invoice) => invoice.invoiceDate);
    const paid = invoices.filter((invoice) => invoice.paid).sort((a, b) => b.invoiceDate - a.invoiceDate)[0];
    return {
      balanceAmount: round(balance, first.decimals),
      currencyCode: first.currency,
      currencySymbol: first.symbol,
      accountingDate: iso(Math.max(...dates)),
      firstInvoiceCreationDate: iso(Math.min(...dates)),
      lastPaymentDate: paid ? iso(paid.invoiceDate + 20 * DAY_MS) : '0001-01-01T00:00:00',
      lastPaymentAmount: paid ? this.totalCharges(paid) : 0,
      latestInvoiceDate: iso(Math.max(...dates)),
      attributes: { objectType: 'InvoiceSummary' },
    };
  }

  private addInvoice(
    type: 'OneTime' | 'Recurring',
    money: { currency: string; symbol: string; decimals: number },
    periodStart: number,
    paid: boolean,
  ): InvoiceRecord {
    const id =
      type === 'OneTime' ? `G${String(this.nextOneTimeNumber++).padStart(9, '0')}` : `D0${this.random.chars(8)}`;
    const invoice: InvoiceRecord = {
      id,
      invoiceType: type,
      currency: money.currency,
      symbol: money.symbol,
      decimals: money.decimals,
      invoiceDate: invoiceDateOf(periodStart),
      periodStart,
      periodEnd: addMonths(periodStart, 1) - 1000,
      paid,
      recurringTotal: 0,
      lineItems: [],
    };
    this.invoices.push(invoice);
    return invoice;
  }

  private unbilledPeriod(market: Market, periodStart: number): UnbilledPeriod {
    const found = this.unbilled.find((p) => p.currency === market.currency && p.periodStart === periodStart);
    if (found) return found;
    const period: UnbilledPeriod = {
      currency: market.currency,
      symbol: market.symbol,
      decimals: market.decimals,
      periodStart,
      lineItems: [],
    };
    this.unbilled.push(period);
    this.unbilled.sort((a, b) => a.periodStart - b.periodStart);
    return period;
  }

  private sortInvoices(): void {
    this.invoices.sort((a, b) => b.invoiceDate - a.invoiceDate || a.id.localeCompare(b.id));
  }

  private addSeedCharge(target: InvoiceRecord | UnbilledPeriod, customer: CustomerRecord): void {
    const products = CATALOG_SEED.filter((p) => p.kind === 'perpetual' || !isRestrictedMarket(customer.market.country));
    const product = this.random.pick(products);
    const sku = this.random.pick(product.skus);
    const orderDate = target.periodStart + this.random.int(0, 27) * DAY_MS + this.random.int(0, 86_399) * 1000;
    const invoiceNumber = 'id' in target ? target.id : '';
    target.lineItems.push(
      lineItem(
        { ...target, invoiceNumber },
        {
          customer,
          orderId: this.random.chars(12, '0123456789abcdef'),
          orderDate,
          productId: product.id,
          skuId: sku.id,
          availabilityId: product.id.slice(0, 4) + this.random.chars(8),
          productName: product.title,
          skuName: sku.title,
          quantity: sku.minimumQuantity + this.random.int(0, 4),
          unitPrice: localPrice(sku.usdPrice, customer.market),
          termDuration: sku.termDuration,
          reservationOrderId: product.kind === 'reservation' ? this.random.guid() : undefined,
          subscriptionId: this.random.guid(),
        },
        this.random,
      ),
    );
  }
}

/** Where a line item is written: its currency, and the invoice's number (empty while unbilled). */
interface LineItemTarget {
  currency: string;
  decimals: number;
  invoiceNumber: string;
}

function lineItem(invoice: LineItemTarget, charge: OneTimeCharge, random: SeededRandom): OneTimeLineItem {
  const decimals = invoice.decimals;
  const subtotal = round(charge.unitPrice * charge.quantity, decimals);
  const tax = round(subtotal * TAX_RATE, decimals);
  const total = round(subtotal + tax, decimals);
  const termYears = charge.termDuration === 'P3Y' ? 3 : 1;
  const end = charge.termDuration ? addMonths(startOfDay(charge.orderDate), 12 * termYears) - DAY_MS : undefined;
  const { customer } = charge;
  return {
    total,
    json: {
      partnerId: PARTNER_TENANT_ID,
      customerId: customer.id,
      customerName: customer.seed.companyName,
      customerDomainName: customerDomain(customer),
      customerCountry: customer.market.country,
      invoiceNumber: invoice.invoiceNumber,
      mpnId: PARTNER_MPN_ID,
      resellerMpnId: '0',
      orderId: charge.orderId,
      orderDate: iso(charge.orderDate),
      productId: charge.productId,
      skuId: charge.skuId,
      availabilityId: charge.availabilityId,
      productName: charge.productName,
      skuName: charge.skuName,
      productQualifiers: [],
      chargeType: charge.chargeType ?? 'new',
      unitPrice: String(charge.unitPrice),
      effectiveUnitPrice: String(charge.unitPrice),
      unitType: '',
      quantity: String(charge.quantity),
      subtotal: String(subtotal),
      taxTotal: String(tax),
      totalForCustomer: String(total),
      currency: invoice.currency,
      publisherName: 'Microsoft Corporation',
      publisherId: '',
      subscriptionDescription: charge.skuName,
      subscriptionId: charge.subscriptionId,
      subscriptionStartDate: iso(startOfDay(charge.orderDate)),
      subscriptionEndDate: end === undefined ? '0001-01-01T00:00:00' : iso(end),
      chargeStartDate: iso(startOfDay(charge.chargeDate ?? charge.orderDate)),
      chargeEndDate: end === undefined ? iso(startOfDay(charge.orderDate)) : iso(end),
      termAndBillingCycle: charge.termDuration
        ? `${termYears === 3 ? 'Three-Year' : 'One-Year'} commitment for one-time billing`
        : 'Perpetual license, one-time billing',
      alternateId: charge.orderId,
      referenceId: random.guid(),
      priceAdjustmentDescription: '',
      discountDetails: '',
      pricingCurrency: invoice.currency,
      pcToBCExchangeRate: '1',
      pcToBCExchangeRateDate: iso(startOfMonth(charge.orderDate)),
      billableQuantity: String(charge.quantity),
      meterDescription: '',
      billingFrequency: 'OneTime',
      reservationOrderId: charge.reservationOrderId ?? '',
      invoiceLineItemType: 'billing_line_items',
      billingProvider: 'one_time',
      promotionId: '',
      attributes: { objectType: 'OneTimeInvoiceLineItem' },
    },
  };
}

/** ISO 8601 with a `Z`, as most examples show. */
export function iso(time: number): string {
  return new Date(time).toISOString();
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function startOfDay(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS;
}

/** When the invoice of a month's one-time charges is issued: the 8th of the next month, 08:00 UTC. */
function invoiceDateOf(periodStart: number): number {
  return addMonths(periodStart, 1) + (INVOICE_DAY - 1) * DAY_MS + 8 * HOUR_MS;
}

/** The latest month whose invoice has been issued by `now`: last month from its invoice day, else the one before. */
function lastInvoicedPeriodStart(now: number): number {
  const lastMonth = addMonths(startOfMonth(now), -1);
  return invoiceDateOf(lastMonth) <= now ? lastMonth : addMonths(lastMonth, -1);
}

function startOfMonth(time: number): number {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

function addMonths(time: number, months: number): number {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate());
}
