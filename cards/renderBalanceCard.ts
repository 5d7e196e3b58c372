import template from './templates/balance.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { formatDate, formatDateTime, formatMoney } from './format';
import { invoiceTypeWords } from './invoiceTypeWords';
import { safeForMarkdown } from './untrustedText';
import { textFor, type Text } from '../i18n/text';
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
  heading: string;
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

function balanceFacts(balance: BalanceView, locale: string, say: Text): Fact[] {
  const facts: Fact[] = balance.byInvoiceType.map((part) => ({
    title: safeForMarkdown(invoiceTypeWords(part.invoiceType, say), 'word'),
    value: formatMoney(part.balanceAmount, balance.currencyCode, locale),
  }));
  const payment = lastPayment(balance, locale);
  if (payment) facts.push({ title: say('balance.lastPayment'), value: payment });
  const latestInvoice = formatDate(balance.latestInvoiceDate, locale);
  if (latestInvoice) facts.push({ title: say('balance.latestInvoice'), value: latestInvoice });
  return facts;
}

// Below a tenth of the smallest coin of any two-decimal currency: nothing owed.
const NOTHING_OWED = 0.005;

const MAIN_CURRENCY_WORDS = {
  'partner-default': 'balance.mainIsDefault',
  'latest-invoice': 'balance.mainIsLatest',
} as const;

function blockOf(balance: BalanceView, locale: string, say: Text, note?: string): BalanceBlock {
  const currency = safeForMarkdown(balance.currencyCode, 'word');
  return {
    label: note ? say('balance.inWithNote', { currency, note }) : say('balance.in', { currency }),
    amountText: formatMoney(balance.balanceAmount, balance.currencyCode, locale),
    facts: balanceFacts(balance, locale, say),
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
  const say = textFor(locale);
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
  const mainNote = report.mainCurrency ? say(MAIN_CURRENCY_WORDS[report.mainCurrency.reason]) : undefined;
  return expand({
    heading: say('balance.heading'),
    balances: lead
      ? [blockOf(lead, locale, say, mainNote)]
      : report.balances.map((balance) => blockOf(balance, locale, say)),
    othersText: lead ? othersSentence(others.length, owing, say) : undefined,
    othersTitle: lead ? say('balance.showAll', { count: others.length }) : undefined,
    others: lead ? others.map((balance) => blockOf(balance, locale, say)) : [],
    emptyText: report.balances.length === 0 ? say('balance.none') : undefined,
    note: report.defaultCurrencyOnly ? say('balance.defaultCurrencyOnly') : undefined,
    billingNote: say('billing.balanceNote'),
    readText: read ? say('balance.readAt', { time: read }) : say('balance.readJustNow'),
  });
}

function othersSentence(count: number, owing: number, say: Text): string {
  if (owing === 0) return say('balance.othersNothingOwed', { count });
  if (owing === count) return say('balance.othersAllOwed', { count });
  return say('balance.othersSomeOwed', { owing, count });
}
