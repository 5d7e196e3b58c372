import template from './templates/balance.json';
import { ONE_TIME_BILLING_WORDS } from './billingTimelineWords';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { formatDate, formatDateTime, formatMoney } from './format';
import { invoiceTypeWords } from './invoiceTypeWords';
import { safeForMarkdown } from './untrustedText';
import type { BalanceReport, BalanceView } from '../services/lookups/types';

/** What the balance card shows. */
export interface BalanceCardData {
  report: BalanceReport;
  locale: string;
  /** IANA zone of the reader (Teams `localTimezone`); times are shown in UTC without it. */
  timeZone?: string;
}

interface Fact {
  title: string;
  value: string;
}

interface BalanceCardView {
  balances: { label: string; amountText: string; facts: Fact[] }[];
  emptyText?: string;
  note?: string;
  billingNote: string;
  readText: string;
}

const expand = compileCardTemplate<BalanceCardView>(template);

function lastPayment(balance: BalanceView, locale: string): string | undefined {
  const date = formatDate(balance.lastPaymentDate, locale);
  const amount =
    balance.lastPaymentAmount === undefined
      ? undefined
      : // Partner Center reports a received payment as a negative amount; the user thinks of it as money paid.
        formatMoney(Math.abs(balance.lastPaymentAmount), balance.currencyCode, locale);
  const parts = [date, amount].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

function balanceFacts(balance: BalanceView, locale: string): Fact[] {
  const facts: Fact[] = balance.byInvoiceType.map((part) => ({
    title: safeForMarkdown(invoiceTypeWords(part.invoiceType), 'word'),
    value: formatMoney(part.balanceAmount, balance.currencyCode, locale),
  }));
  const payment = lastPayment(balance, locale);
  if (payment) facts.push({ title: 'Last payment', value: payment });
  const latestInvoice = formatDate(balance.latestInvoiceDate, locale);
  if (latestInvoice) facts.push({ title: 'Latest invoice', value: latestInvoice });
  return facts;
}

/**
 * Draws the partner's unpaid balance, one block per currency with the recurring/one-time split when Partner Center
 * gave it and the last payment. Says plainly when only the default currency could be read, so a missing currency
 * is not mistaken for a zero balance, and that recent one-time purchases are not in it until they are invoiced.
 */
export function renderBalanceCard(data: BalanceCardData): AdaptiveCardJson {
  const { report, locale } = data;
  const read = formatDateTime(report.readAt, locale, data.timeZone);
  return expand({
    balances: report.balances.map((balance) => ({
      label: `Balance in ${safeForMarkdown(balance.currencyCode, 'word')}`,
      amountText: formatMoney(balance.balanceAmount, balance.currencyCode, locale),
      facts: balanceFacts(balance, locale),
    })),
    emptyText: report.balances.length === 0 ? 'Partner Center returned no balance.' : undefined,
    note: report.defaultCurrencyOnly
      ? 'Only your default currency is shown; other currencies need a signed-in Partner Center user.'
      : undefined,
    billingNote: ONE_TIME_BILLING_WORDS.balance,
    readText: read ? `Read at ${read}` : 'Read just now',
  });
}
