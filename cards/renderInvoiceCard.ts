import template from './templates/invoice.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { formatDate, formatMoney } from './format';
import { invoiceStateWords } from './invoiceStateWords';
import { invoiceTypeWords } from './invoiceTypeWords';
import { safeForMarkdown } from './untrustedText';
import type { InvoiceDetailsView, InvoiceLineSummary } from '../services/lookups/types';

/** Customer/product groups listed on the card; the rest are counted, because Teams caps a card's size. */
const GROUPS_SHOWN = 10;

/** What the invoice card shows; `statementId` is the opaque id its Statement PDF button submits. */
export interface InvoiceCardData {
  details: InvoiceDetailsView;
  statementId: string;
  locale: string;
}

interface Fact {
  title: string;
  value: string;
}

interface InvoiceCardView {
  title: string;
  invoiceId: string;
  facts: Fact[];
  chargesHeading?: string;
  groups: { text: string }[];
  moreGroupsText?: string;
  note?: string;
  statementId: string;
}

const expand = compileCardTemplate<InvoiceCardView>(template);

const DOCUMENT_TYPE_WORDS: Record<string, string> = {
  void_note: 'Void note',
  adjustment_note: 'Adjustment note',
};

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function chargesSummary(
  summary: InvoiceLineSummary | undefined,
  locale: string,
): Pick<InvoiceCardView, 'chargesHeading' | 'groups' | 'moreGroupsText'> {
  if (!summary) return { groups: [] };
  if (summary.lineItemCount === 0) return { chargesHeading: 'No one-time charges on this invoice.', groups: [] };
  const sorted = [...summary.groups].sort((a, b) => b.total - a.total);
  const hidden = sorted.length - GROUPS_SHOWN;
  return {
    chargesHeading: plural(summary.lineItemCount, 'one-time charge', 'one-time charges'),
    groups: sorted.slice(0, GROUPS_SHOWN).map((group) => ({
      text: [
        safeForMarkdown(group.customerName, 'name'),
        safeForMarkdown(group.productName, 'name'),
        `quantity ${group.quantity}`,
        formatMoney(group.total, group.currencyCode, locale),
      ].join(' · '),
    })),
    moreGroupsText: hidden > 0 ? `+${plural(hidden, 'more group', 'more groups')}` : undefined,
  };
}

/**
 * Draws one invoice: its facts, a summary of its one-time charges by customer and product (largest first), and a
 * Statement PDF button. Says when the facts came from the invoice list, because then the line items could not be
 * read.
 */
export function renderInvoiceCard(data: InvoiceCardData): AdaptiveCardJson {
  const { invoice } = data.details;
  const { locale } = data;
  const date = formatDate(invoice.invoiceDate, locale);
  const periodStart = formatDate(invoice.billingPeriodStartDate, locale);
  const periodEnd = formatDate(invoice.billingPeriodEndDate, locale);
  const documentType = DOCUMENT_TYPE_WORDS[invoice.documentType?.trim().toLowerCase() ?? ''];
  const facts: (Fact | undefined)[] = [
    date === undefined ? undefined : { title: 'Date', value: date },
    periodStart && periodEnd ? { title: 'Billing period', value: `${periodStart} – ${periodEnd}` } : undefined,
    { title: 'Total', value: formatMoney(invoice.totalCharges, invoice.currencyCode, locale) },
    // Partner Center records a received payment as a negative amount; the user thinks of it as money paid.
    { title: 'Paid', value: formatMoney(Math.abs(invoice.paidAmount), invoice.currencyCode, locale) },
    { title: 'State', value: invoiceStateWords(invoice.state) },
    { title: 'Type', value: safeForMarkdown(invoiceTypeWords(invoice.invoiceType), 'word') },
    documentType === undefined ? undefined : { title: 'Document', value: documentType },
  ];
  return expand({
    title: date ? `Invoice of ${date}` : 'Invoice',
    invoiceId: safeForMarkdown(invoice.id, 'id'),
    facts: facts.filter((fact): fact is Fact => fact !== undefined),
    ...chargesSummary(data.details.oneTime, locale),
    note: data.details.fromList
      ? 'Details from the invoice list (reading an invoice by id needs a signed-in user).'
      : undefined,
    statementId: data.statementId,
  });
}
