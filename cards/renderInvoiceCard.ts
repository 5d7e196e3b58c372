import template from './templates/invoice.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { formatDate, formatMoney } from './format';
import { invoiceStateWords } from './invoiceStateWords';
import { invoiceTypeWords } from './invoiceTypeWords';
import { nonBlank } from './nonBlank';
import { safeForMarkdown } from './untrustedText';
import { textFor, type Text } from '../i18n/text';
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
  words: { idLabel: string; statementPdf: string; moreCharges: string };
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

const DOCUMENT_TYPE_WORDS = {
  void_note: 'invoice.voidNote',
  adjustment_note: 'invoice.adjustmentNote',
} as const;

function documentTypeWords(documentType: string | undefined, say: Text): string | undefined {
  const type = documentType?.trim().toLowerCase();
  return type === 'void_note' || type === 'adjustment_note' ? say(DOCUMENT_TYPE_WORDS[type]) : undefined;
}

function chargesSummary(
  summary: InvoiceLineSummary | undefined,
  from: number,
  locale: string,
  say: Text,
): Pick<InvoiceCardView, 'chargesHeading' | 'groups' | 'moreGroupsText'> {
  if (!summary) return { groups: [] };
  if (summary.lineItemCount === 0) return { chargesHeading: say('invoice.noOneTimeCharges'), groups: [] };
  const sorted = [...summary.groups].sort((a, b) => b.total - a.total);
  const start = Math.max(0, Math.min(from, sorted.length));
  const shown = sorted.slice(start, start + INVOICE_GROUPS_PER_CARD);
  const paged = sorted.length > INVOICE_GROUPS_PER_CARD;
  return {
    chargesHeading: say('invoice.oneTimeCharges', { count: summary.lineItemCount }),
    groups: shown.map((group) => ({
      text: [
        safeForMarkdown(group.customerName, 'name'),
        safeForMarkdown(group.productName, 'name'),
        say('invoice.quantity', { quantity: group.quantity }),
        formatMoney(group.total, group.currencyCode, locale),
      ].join(' · '),
    })),
    moreGroupsText: paged
      ? say(start + shown.length < sorted.length ? 'invoice.groupsPageWithMore' : 'invoice.groupsPage', {
          from: start + 1,
          to: start + shown.length,
          total: sorted.length,
        })
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
  const say = textFor(locale);
  const date = formatDate(invoice.invoiceDate, locale);
  const periodStart = formatDate(invoice.billingPeriodStartDate, locale);
  const periodEnd = formatDate(invoice.billingPeriodEndDate, locale);
  const documentType = documentTypeWords(invoice.documentType, say);
  const facts: (Fact | undefined)[] = [
    date === undefined ? undefined : { title: say('invoice.date'), value: date },
    periodStart && periodEnd
      ? { title: say('invoice.billingPeriod'), value: `${periodStart} – ${periodEnd}` }
      : undefined,
    { title: say('invoice.total'), value: formatMoney(invoice.totalCharges, invoice.currencyCode, locale) },
    // Partner Center records a received payment as a negative amount; the user thinks of it as money paid.
    { title: say('invoice.paid'), value: formatMoney(Math.abs(invoice.paidAmount), invoice.currencyCode, locale) },
    { title: say('invoice.type'), value: safeForMarkdown(invoiceTypeWords(invoice.invoiceType, say), 'word') },
    documentType === undefined ? undefined : { title: say('invoice.document'), value: documentType },
  ];
  return expand({
    words: {
      idLabel: say('invoice.idLabel'),
      statementPdf: say('invoice.statementPdf'),
      moreCharges: say('invoice.moreCharges'),
    },
    title: date ? say('invoice.title', { date }) : say('invoice.titleNoDate'),
    invoiceId: safeForMarkdown(invoice.id, 'id'),
    stateText: invoiceStateWords(invoice.state, say),
    stateColor: invoice.state === 'paid' ? 'Good' : 'Attention',
    facts: facts.filter((fact): fact is Fact => fact !== undefined),
    ...chargesSummary(data.details.oneTime, data.chargesFrom ?? 0, locale, say),
    note: data.details.fromList ? say('invoice.fromList') : undefined,
    statementId: data.statementId,
    moreChargesId: nonBlank(data.moreChargesId),
  });
}
