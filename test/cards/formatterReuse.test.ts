import { formatDate, formatDateTime, formatMoney } from '../../cards/format';
import { renderBalanceCard } from '../../cards/renderBalanceCard';
import type { BalanceView } from '../../services/lookups/types';

const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'INR', 'CHF', 'SEK', 'NOK', 'DKK', 'AUD', 'CAD', 'BRL', 'MXN', 'ZAR'];

function balances(): BalanceView[] {
  return [...CURRENCIES, 'PLN', 'KRW'].map((currencyCode, i) => ({
    currencyCode,
    balanceAmount: 1000 + i * 17.25,
    byInvoiceType: [
      { invoiceType: 'Recurring', balanceAmount: 700 + i },
      { invoiceType: 'OneTime', balanceAmount: 300 + i },
    ],
    lastPaymentDate: '2026-02-15T00:00:00',
    lastPaymentAmount: -500 - i,
    latestInvoiceDate: '2026-03-01T00:00:00Z',
  }));
}

/** Counts every Intl number and date formatter constructed while `run` runs. */
function formattersMadeBy(run: () => void): number {
  const originals = { NumberFormat: Intl.NumberFormat, DateTimeFormat: Intl.DateTimeFormat };
  let made = 0;
  const counting = <T extends object>(target: T): T =>
    new Proxy(target, {
      construct: (ctor, args) => {
        made += 1;
        return Reflect.construct(ctor as new (...a: unknown[]) => object, args);
      },
      apply: (fn, self, args) => {
        made += 1;
        return Reflect.apply(fn as (...a: unknown[]) => unknown, self, args);
      },
    });
  Object.assign(Intl, {
    NumberFormat: counting(originals.NumberFormat),
    DateTimeFormat: counting(originals.DateTimeFormat),
  });
  try {
    run();
  } finally {
    Object.assign(Intl, originals);
  }
  return made;
}

describe('formatters are made once and reused', () => {
  const render = (locale: string) =>
    renderBalanceCard({
      report: { balances: balances(), readAt: '2026-03-12T08:00:00Z', defaultCurrencyOnly: false },
      locale,
    });

  it('rendering a 16-currency balance card again and again makes no new formatter after the first render', () => {
    render('sv-SE');
    expect(formattersMadeBy(() => Array.from({ length: 300 }, () => render('sv-SE')))).toBe(0);
  });

  it('stays bounded whatever locales and time zones arrive (they come from Teams, so anything can)', () => {
    formattersMadeBy(() => {
      for (let i = 0; i < 2_000; i += 1) {
        formatMoney(i, 'EUR', `x-fake-${i}`);
        formatDateTime('2026-03-12T08:00:00Z', 'en-US', `Not/AZone${i}`);
      }
    });
    // Odd locales and zones fall back as before; and once made, a locale's formatters are reused.
    expect(formatMoney(1, 'EUR', 'x-fake-1')).toBe('€1.00');
    formatMoney(1, 'EUR', 'de-DE');
    formatDate('2026-03-12T08:00:00Z', 'de-DE');
    expect(
      formattersMadeBy(() => {
        formatMoney(2, 'EUR', 'de-DE');
        formatDate('2026-03-13T08:00:00Z', 'de-DE');
      }),
    ).toBe(0);
  });
});
