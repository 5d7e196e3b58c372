import type { InvoiceSummary } from '../partnerCenter/schemas/invoiceSummary';
import type { BalanceView } from './types';

/** The balance of one currency from an invoice summary, split by invoice type when Partner Center gave the split. */
export function balanceViewOf(summary: InvoiceSummary): BalanceView {
  const view: BalanceView = {
    currencyCode: summary.currencyCode,
    balanceAmount: summary.balanceAmount,
    byInvoiceType: summary.details.map((detail) => ({
      invoiceType: detail.invoiceType,
      balanceAmount: detail.summary.balanceAmount,
    })),
  };
  const lastPaymentDate = meaningfulDate(summary.lastPaymentDate);
  if (lastPaymentDate) {
    view.lastPaymentDate = lastPaymentDate;
    if (summary.lastPaymentAmount !== undefined) view.lastPaymentAmount = summary.lastPaymentAmount;
  }
  const latestInvoiceDate = meaningfulDate(summary.latestInvoiceDate);
  if (latestInvoiceDate) view.latestInvoiceDate = latestInvoiceDate;
  return view;
}

// Partner Center sends .NET's DateTime.MinValue ("0001-01-01T00:00:00") for "never"; that is no date to show.
function meaningfulDate(date: string | undefined): string | undefined {
  if (!date || date.startsWith('0001-01-01')) return undefined;
  return date;
}
