import { CATALOG_SEED } from '../data/catalogSeed';
import { localPrice, type Market } from '../data/markets';
import { isRestrictedMarket } from '../data/restrictedMarkets';
import { link } from '../http/links';
import type { SeededRandom } from '../state/seededRandom';
import type { CustomerRecord } from './customers';
import { customerDomain } from './customers';

/** The simulated partner's tenant id, shown on every invoice line item. */
export const PARTNER_TENANT_ID = '934f3416-bc2f-47f3-b492-77e517d4e572';
const PARTNER_MPN_ID = '5357564';
const TAX_RATE = 0.1;
const DAY_MS = 86_400_000;

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
  /** The current month's OneTime invoice, where completed orders add their charges. */
  open: boolean;
}

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
}

/**
 * The partner's invoices in every currency its customers buy in: OneTime and Recurring invoices over the past year,
 * one open OneTime invoice per currency for the current month, and one long USD invoice (263 line items) to exercise
 * paging. Dates are relative to the start of the month the seed was built in; everything else is fixed by the seed.
 */
export class InvoiceBook {
  readonly invoices: InvoiceRecord[] = [];
  private nextOneTimeNumber = 31_000;

  constructor(
    private readonly random: SeededRandom,
    customers: CustomerRecord[],
    now: number,
  ) {
    const monthStart = startOfMonth(now);
    const markets = new Map<string, Market>();
    for (const customer of customers) {
      if (!markets.has(customer.market.currency)) markets.set(customer.market.currency, customer.market);
    }
    for (const market of markets.values()) {
      const buyers = customers.filter((customer) => customer.market.currency === market.currency);
      for (const monthsAgo of [11, 9, 7, 5, 3, 1]) {
        const invoice = this.addInvoice('OneTime', market, addMonths(monthStart, -monthsAgo), monthsAgo >= 3);
        const count = market.currency === 'USD' && monthsAgo === 1 ? 263 : random.int(3, 12);
        for (let i = 0; i < count; i++) this.addSeedCharge(invoice, random.pick(buyers));
      }
      for (const monthsAgo of [10, 6, 2]) {
        const invoice = this.addInvoice('Recurring', market, addMonths(monthStart, -monthsAgo), monthsAgo >= 6);
        invoice.recurringTotal = localPrice(random.int(800, 24_000), market);
      }
      const open = this.addInvoice('OneTime', market, monthStart, false);
      open.open = true;
      for (let i = random.int(0, 3); i > 0; i--) this.addSeedCharge(open, random.pick(buyers));
    }
    this.invoices.sort((a, b) => b.invoiceDate - a.invoiceDate || a.id.localeCompare(b.id));
  }

  /** Finds an invoice by id; also accepts the `OneTime-`/`Recurring-` prefixed form used in self links. */
  find(invoiceId: string): InvoiceRecord | undefined {
    const plain = invoiceId.replace(/^(onetime|recurring)-/i, '').toUpperCase();
    return this.invoices.find((invoice) => invoice.id === plain);
  }

  /** Adds the charge of a completed order line to the open OneTime invoice of the customer's currency. */
  addCharge(charge: OneTimeCharge): void {
    let open = this.invoices.find((invoice) => invoice.open && invoice.currency === charge.customer.market.currency);
    if (!open) {
      open = this.addInvoice('OneTime', charge.customer.market, startOfMonth(charge.orderDate), false);
      open.open = true;
    }
    open.lineItems.push(lineItem(open, charge, this.random));
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

  private addInvoice(type: 'OneTime' | 'Recurring', market: Market, periodStart: number, paid: boolean) {
    const id =
      type === 'OneTime' ? `G${String(this.nextOneTimeNumber++).padStart(9, '0')}` : `D0${this.random.chars(8)}`;
    const invoice: InvoiceRecord = {
      id,
      invoiceType: type,
      currency: market.currency,
      symbol: market.symbol,
      decimals: market.decimals,
      invoiceDate: addMonths(periodStart, 1) - DAY_MS + 8 * 3_600_000,
      periodStart,
      periodEnd: addMonths(periodStart, 1) - 1000,
      paid,
      recurringTotal: 0,
      lineItems: [],
      open: false,
    };
    this.invoices.push(invoice);
    return invoice;
  }

  private addSeedCharge(invoice: InvoiceRecord, customer: CustomerRecord): void {
    const products = CATALOG_SEED.filter((p) => p.kind === 'perpetual' || !isRestrictedMarket(customer.market.country));
    const product = this.random.pick(products);
    const sku = this.random.pick(product.skus);
    const orderDate = invoice.periodStart + this.random.int(0, 27) * DAY_MS + this.random.int(0, 86_399) * 1000;
    invoice.lineItems.push(
      lineItem(
        invoice,
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

function lineItem(invoice: InvoiceRecord, charge: OneTimeCharge, random: SeededRandom): OneTimeLineItem {
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
      invoiceNumber: invoice.open ? '' : invoice.id,
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
      chargeType: 'new',
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
      chargeStartDate: iso(startOfDay(charge.orderDate)),
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

function startOfMonth(time: number): number {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

function addMonths(time: number, months: number): number {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate());
}
