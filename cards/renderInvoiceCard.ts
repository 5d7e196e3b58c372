import template from './templates/invoice.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { formatDate, formatMoney } from './format';
import { invoiceStateWords } from './invoiceStateWords';
import { invoiceTypeWords } from './invoiceTypeWords';
import { nonBlank } from './nonBlank';
import { safeForMarkdown } from './untrustedText';
import type { InvoiceDetailsView, InvoiceLineSummary } from '../services/lookups/types';

/**
 * Customer/product groups listed on one card, largest first; the rest are counted and come ten at a time with More,
 * because Teams caps a card's size.
 */
export const INVOICE_GROUPS_PER_CARD = 10;

/**
 * What the invoice card shows; `statementId` and `moreChargesId` are the opaque ids its Statement PDF and More charges
 * buttons submit.
 */
export interface InvoiceCardData {
  details: InvoiceDetailsView;
  statementId: string;
  /** 0-based position of the first charge group shown (0 unless paging with More); groups are ordered largest first. */
  chargesFrom?: number;
  /** Present when more charge groups follow this card's. */
  moreChargesId?: string;
  locale: string;
}

interface Fact {
  title: string;
  value: string;
}

interface InvoiceCardView {
  title: string;
  invoiceId: string;
  stateText: string;
  stateColor: 'Good' | 'Attention';
  facts: Fact[];
  chargesHeading?: string;
  groups: { text: string }[];
  moreGroupsText?: string;
  note?: string;
  statementId: string;
  moreChargesId?: string;
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
  from: number,
  locale: string,
): Pick<InvoiceCardView, 'chargesHeading' | 'groups' | 'moreGroupsText'> {
  if (!summary) return { groups: [] };
  if (summary.lineItemCount === 0) return { chargesHeading: 'No one-time charges on this invoice.', groups: [] };
  const sorted = [...summary.groups].sort((a, b) => b.total - a.total);
  const start = Math.max(0, Math.min(from, sorted.length));
  const shown = sorted.slice(start, start + INVOICE_GROUPS_PER_CARD);
  const paged = sorted.length > INVOICE_GROUPS_PER_CARD;
  return {
    chargesHeading: plural(summary.lineItemCount, 'one-time charge', 'one-time charges'),
    groups: shown.map((group) => ({
      text: [
        safeForMarkdown(group.customerName, 'name'),
        safeForMarkdown(group.productName, 'name'),
        `quantity ${group.quantity}`,
        formatMoney(group.total, group.currencyCode, locale),
      ].join(' · '),
    })),
    moreGroupsText: paged
      ? `Groups ${start + 1}–${start + shown.length} of ${sorted.length}, largest first${start + shown.length < sorted.length ? ' · **More charges** (or type **more**) for the next ten' : ''}`
      : undefined,
  };
}

/**
 * Draws one invoice: whether it is paid (in bold, red when not: Teams' 1.5 renderer draws Warning yellow, which reads
 * poorly on a light theme), its facts, a summary of its one-time charges by customer and product (largest first, ten
 * groups a card with More charges for the next), and a Statement PDF button. Says when the facts came from the invoice list, because then the line items could not be
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
    { title: 'Type', value: safeForMarkdown(invoiceTypeWords(invoice.invoiceType), 'word') },
    documentType === undefined ? undefined : { title: 'Document', value: documentType },
  ];
  return expand({
    title: date ? `Invoice of ${date}` : 'Invoice',
    invoiceId: safeForMarkdown(invoice.id, 'id'),
    stateText: invoiceStateWords(invoice.state),
    stateColor: invoice.state === 'paid' ? 'Good' : 'Attention',
    facts: facts.filter((fact): fact is Fact => fact !== undefined),
    ...chargesSummary(data.details.oneTime, data.chargesFrom ?? 0, locale),
    note: data.details.fromList
      ? 'Details from the invoice list (reading an invoice by id needs a signed-in user).'
      : undefined,
    statementId: data.statementId,
    moreChargesId: nonBlank(data.moreChargesId),
  });
}
