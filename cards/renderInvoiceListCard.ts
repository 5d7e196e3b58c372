import template from './templates/invoiceList.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { formatDate, formatMoney } from './format';
import { invoiceStateWords } from './invoiceStateWords';
import { invoiceTypeWords } from './invoiceTypeWords';
import { nonBlank } from './nonBlank';
import type { InvoiceView } from '../services/lookups/types';

/** What the invoice list card shows; `openId` and `moreId` are the opaque ids its buttons submit. */
export interface InvoiceListCardData {
  invoices: (InvoiceView & { openId: string })[];
  /** Present when there are more invoices after this page. */
  moreId?: string;
  locale: string;
}

interface InvoiceListView {
  invoices: { id: string; summary: string; stateText: string; stateColor: 'Good' | 'Warning'; openId: string }[];
  emptyText?: string;
  moreId?: string;
}

const expand = compileCardTemplate<InvoiceListView>(template);

/**
 * Draws one page of the partner's invoices, newest first: id, date, type, total and whether it is paid, each with
 * an Open button, plus a More button when another page follows.
 */
export function renderInvoiceListCard(data: InvoiceListCardData): AdaptiveCardJson {
  const { locale } = data;
  return expand({
    invoices: data.invoices.map((invoice) => {
      const date = formatDate(invoice.invoiceDate, locale);
      return {
        id: invoice.id,
        summary: [date, invoiceTypeWords(invoice.invoiceType)].filter((part) => part !== undefined).join(' · '),
        stateText: `${formatMoney(invoice.totalCharges, invoice.currencyCode, locale)} · ${invoiceStateWords(invoice.state)}`,
        stateColor: invoice.state === 'paid' ? 'Good' : 'Warning',
        openId: invoice.openId,
      };
    }),
    emptyText: data.invoices.length === 0 ? 'No invoices yet.' : undefined,
    moreId: nonBlank(data.moreId),
  });
}
