import template from './templates/invoiceList.json';
import { ONE_TIME_BILLING_WORDS } from './billingTimelineWords';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { formatDate, formatMoney } from './format';
import { invoiceStateWords } from './invoiceStateWords';
import { invoiceTypeWords } from './invoiceTypeWords';
import { nonBlank } from './nonBlank';
import { safeForMarkdown, safeForPlainText } from './untrustedText';
import type { InvoiceView } from '../services/lookups/types';

/** What the invoice list card shows; `openId` and `moreId` are the opaque ids its buttons submit. */
export interface InvoiceListCardData {
  invoices: (InvoiceView & { openId: string })[];
  /** Present when there are more invoices after this page. */
  moreId?: string;
  locale: string;
}

interface InvoiceListView {
  invoices: {
    id: string;
    summary: string;
    amountText: string;
    stateText: string;
    stateColor: 'Good' | 'Attention';
    openTooltip: string;
    openId: string;
  }[];
  emptyText?: string;
  billingNote: string;
  moreId?: string;
}

const expand = compileCardTemplate<InvoiceListView>(template);

/**
 * Draws one page of the partner's invoices, newest first: id, date, type, total and whether it is paid, each with
 * an Open button, plus a More button when another page follows; and says that this month's one-time purchases are on
 * none of them yet.
 */
export function renderInvoiceListCard(data: InvoiceListCardData): AdaptiveCardJson {
  const { locale } = data;
  return expand({
    invoices: data.invoices.map((invoice) => {
      const date = formatDate(invoice.invoiceDate, locale);
      return {
        id: safeForMarkdown(invoice.id, 'id'),
        summary: [date, safeForMarkdown(invoiceTypeWords(invoice.invoiceType), 'word')]
          .filter((part) => part !== undefined)
          .join(' · '),
        amountText: formatMoney(invoice.totalCharges, invoice.currencyCode, locale),
        stateText: invoiceStateWords(invoice.state),
        // Attention and bold: Warning (yellow) on Teams' light theme was too faint to read.
        stateColor: invoice.state === 'paid' ? 'Good' : 'Attention',
        // A tooltip is plain text: escaping would show the backslashes.
        openTooltip: `Open invoice ${safeForPlainText(invoice.id, 'id')}`,
        openId: invoice.openId,
      };
    }),
    emptyText: data.invoices.length === 0 ? 'No invoices yet.' : undefined,
    billingNote: ONE_TIME_BILLING_WORDS.invoices,
    moreId: nonBlank(data.moreId),
  });
}
