import template from './templates/invoiceList.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { formatDate, formatMoney } from './format';
import { invoiceStateWords } from './invoiceStateWords';
import { invoiceTypeWords } from './invoiceTypeWords';
import { nonBlank } from './nonBlank';
import { safeForMarkdown, safeForPlainText } from './untrustedText';
import { textFor } from '../i18n/text';
import type { InvoiceView } from '../services/lookups/types';

/** What the invoice list card shows; `openId` and `moreId` are the opaque ids its buttons submit. */
export interface InvoiceListCardData {
  invoices: (InvoiceView & { openId: string })[];
  /** Present when there are more invoices after this page. */
  moreId?: string;
  locale: string;
}

interface InvoiceListView {
  words: { heading: string; open: string; more: string };
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
  const say = textFor(locale);
  return expand({
    words: { heading: say('invoiceList.heading'), open: say('invoiceList.open'), more: say('invoiceList.more') },
    invoices: data.invoices.map((invoice) => {
      const date = formatDate(invoice.invoiceDate, locale);
      return {
        id: safeForMarkdown(invoice.id, 'id'),
        summary: [date, safeForMarkdown(invoiceTypeWords(invoice.invoiceType, say), 'word')]
          .filter((part) => part !== undefined)
          .join(' · '),
        amountText: formatMoney(invoice.totalCharges, invoice.currencyCode, locale),
        stateText: invoiceStateWords(invoice.state, say),
        // Attention and bold: Warning (yellow) on Teams' light theme was too faint to read.
        stateColor: invoice.state === 'paid' ? 'Good' : 'Attention',
        // A tooltip is plain text: escaping would show the backslashes.
        openTooltip: say('invoiceList.openTooltip', { id: safeForPlainText(invoice.id, 'id') }),
        openId: invoice.openId,
      };
    }),
    emptyText: data.invoices.length === 0 ? say('invoiceList.none') : undefined,
    billingNote: say('billing.invoicesNote'),
    moreId: nonBlank(data.moreId),
  });
}
