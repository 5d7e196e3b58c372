import type { Invoice } from '../partnerCenter/schemas/invoice';
import type { InvoiceView } from './types';

// Below a tenth of the smallest coin of any two-decimal currency: float noise, not money owed.
const PAID_TOLERANCE = 0.005;

/**
 * An invoice as the lookup cards show it. Paid means the payment covers the charges; the payment's size is used
 * whatever its sign, because the docs say `paidAmount` is negative when paid while examples and the simulator send it
 * positive.
 */
export function invoiceViewOf(invoice: Invoice): InvoiceView {
  const view: InvoiceView = {
    id: invoice.id,
    totalCharges: invoice.totalCharges,
    paidAmount: invoice.paidAmount,
    currencyCode: invoice.currencyCode,
    invoiceType: invoice.invoiceType,
    state: invoice.totalCharges - Math.abs(invoice.paidAmount) <= PAID_TOLERANCE ? 'paid' : 'open',
    hasOneTimeLineItems: invoice.invoiceDetails.some((detail) => detail.billingProvider === 'one_time'),
  };
  if (invoice.invoiceDate) view.invoiceDate = invoice.invoiceDate;
  if (invoice.billingPeriodStartDate) view.billingPeriodStartDate = invoice.billingPeriodStartDate;
  if (invoice.billingPeriodEndDate) view.billingPeriodEndDate = invoice.billingPeriodEndDate;
  if (invoice.documentType) view.documentType = invoice.documentType;
  return view;
}
