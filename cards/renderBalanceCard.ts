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

interface BalanceBlock {
  label: string;
  amountText: string;
  facts: Fact[];
}

interface BalanceCardView {
  balances: BalanceBlock[];
  othersText?: string;
  othersTitle?: string;
  others: BalanceBlock[];
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

// Below a tenth of the smallest coin of any two-decimal currency: nothing owed.
const NOTHING_OWED = 0.005;

const MAIN_CURRENCY_WORDS = {
  'partner-default': 'your default currency',
  'latest-invoice': 'invoiced most recently',
} as const;

function blockOf(balance: BalanceView, locale: string, note?: string): BalanceBlock {
  const code = safeForMarkdown(balance.currencyCode, 'word');
  return {
    label: note ? `Balance in ${code} · ${note}` : `Balance in ${code}`,
    amountText: formatMoney(balance.balanceAmount, balance.currencyCode, locale),
    facts: balanceFacts(balance, locale),
  };
}

function sameCode(a: string, b: string): boolean {
  return a.trim().toUpperCase() === b.trim().toUpperCase();
}

/**
 * Draws the partner's unpaid balance. With several currencies it leads with the partner's main one (Partner Center's
 * default currency, else the one invoiced most recently), says how many others have something owed, and keeps them
 * behind a "Show all currencies" button (Action.ShowCard: Teams opens it in place, no round trip), so a partner
 * invoiced in 16 currencies sees one balance first instead of a wall of them. Each currency shows the recurring and
 * one-time split when Partner Center gave it and the last payment. Says plainly when only the default currency could
 * be read, so a missing currency is not mistaken for a zero balance, and that recent one-time purchases are not in it
 * until they are invoiced.
 */
export function renderBalanceCard(data: BalanceCardData): AdaptiveCardJson {
  const { report, locale } = data;
  const read = formatDateTime(report.readAt, locale, data.timeZone);
  const mainCode = report.mainCurrency?.currencyCode;
  const main = mainCode === undefined ? undefined : report.balances.find((b) => sameCode(b.currencyCode, mainCode));
  const others = main
    ? report.balances
        .filter((balance) => balance !== main)
        .sort((a, b) => a.currencyCode.localeCompare(b.currencyCode, 'en'))
    : [];
  const lead = main && others.length > 0 ? main : undefined;
  const owing = others.filter((balance) => Math.abs(balance.balanceAmount) > NOTHING_OWED).length;
  return expand({
    balances: lead
      ? [blockOf(lead, locale, report.mainCurrency ? MAIN_CURRENCY_WORDS[report.mainCurrency.reason] : undefined)]
      : report.balances.map((balance) => blockOf(balance, locale)),
    othersText: lead ? othersSentence(others.length, owing) : undefined,
    othersTitle: lead ? `Show all currencies (${others.length} more)` : undefined,
    others: lead ? others.map((balance) => blockOf(balance, locale)) : [],
    emptyText: report.balances.length === 0 ? 'Partner Center returned no balance.' : undefined,
    note: report.defaultCurrencyOnly
      ? 'Only your default currency is shown; other currencies need a signed-in Partner Center user.'
      : undefined,
    billingNote: ONE_TIME_BILLING_WORDS.balance,
    readText: read ? `Read at ${read}` : 'Read just now',
  });
}

function othersSentence(count: number, owing: number): string {
  const currencies = count === 1 ? 'currency' : 'currencies';
  if (owing === 0) return `Nothing is owed in your ${count} other ${currencies}.`;
  if (owing === count) return `You also owe money in ${count} other ${currencies}.`;
  return `You also owe money in ${owing} of your ${count} other ${currencies}.`;
}
