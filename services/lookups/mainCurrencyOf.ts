import type { BalanceView, MainCurrency } from './types';

/**
 * The currency a balance report leads with. Partner Center's default currency when it named one the partner has a
 * balance in; otherwise the currency invoiced most recently (the partner's current business), then the first listed.
 * Amounts in different currencies are never compared: the largest number is not the largest debt (¥ vs $).
 */
export function mainCurrencyOf(
  balances: readonly BalanceView[],
  defaultCurrencyCode: string | undefined,
): MainCurrency | undefined {
  const wanted = defaultCurrencyCode?.trim().toUpperCase();
  const byDefault = wanted ? balances.find((b) => b.currencyCode.trim().toUpperCase() === wanted) : undefined;
  if (byDefault) return { currencyCode: byDefault.currencyCode, reason: 'partner-default' };
  const latest = [...balances].sort((a, b) => invoicedAt(b) - invoicedAt(a))[0];
  return latest ? { currencyCode: latest.currencyCode, reason: 'latest-invoice' } : undefined;
}

function invoicedAt(balance: BalanceView): number {
  const time = balance.latestInvoiceDate === undefined ? Number.NaN : Date.parse(balance.latestInvoiceDate);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}
