import { renderBalanceCard } from '../../cards/renderBalanceCard';
import type { BalanceView } from '../../services/lookups/types';
import { cardFacts, cardTexts } from './cardContent';
import { expectValidTeamsCard } from './expectValidTeamsCard';

const DEFAULT_ONLY_NOTE = 'Only your default currency is shown; other currencies need a signed-in Partner Center user.';

const usd: BalanceView = {
  currencyCode: 'USD',
  balanceAmount: 1234.5,
  byInvoiceType: [
    { invoiceType: 'Recurring', balanceAmount: 1000 },
    { invoiceType: 'OneTime', balanceAmount: 234.5 },
  ],
  lastPaymentDate: '2026-02-15T00:00:00',
  lastPaymentAmount: -500,
  latestInvoiceDate: '2026-03-01T00:00:00Z',
};

describe('renderBalanceCard', () => {
  it('shows each currency with its split and last payment, the read time, and no buttons', () => {
    const eur: BalanceView = { currencyCode: 'EUR', balanceAmount: -99.5, byInvoiceType: [] };
    const card = renderBalanceCard({
      report: { balances: [usd, eur], readAt: '2026-03-12T08:00:00Z', defaultCurrencyOnly: false },
      locale: 'en-US',
    });
    const { actions } = expectValidTeamsCard(card);
    expect(actions).toEqual([]);
    const texts = cardTexts(card);
    expect(texts[0]).toBe('Your balance');
    expect(texts).toContain('$1,234.50');
    expect(texts).toContain('\u2212€99.50');
    expect(cardFacts(card)).toEqual([
      {
        Recurring: '$1,000.00',
        'One-time': '$234.50',
        'Last payment': 'Feb 15, 2026 · $500.00',
        'Latest invoice': 'Mar 1, 2026',
      },
    ]);
    expect(texts).toContain('Read at Mar 12, 2026, 8:00 AM UTC');
    expect(texts).not.toContain(DEFAULT_ONLY_NOTE);
  });

  it('says when only the default currency could be read', () => {
    const card = renderBalanceCard({
      report: { balances: [usd], readAt: '2026-03-12T08:00:00Z', defaultCurrencyOnly: true },
      locale: 'en-US',
    });
    expectValidTeamsCard(card);
    expect(cardTexts(card)).toContain(DEFAULT_ONLY_NOTE);
  });

  it.each<[string, string, number, RegExp]>([
    ['ja-JP', 'JPY', 150000, /^[¥￥]150,000$/],
    ['fr-CH', 'CHF', 1234.5, /^1 234[.,]50 CHF$/],
    ['de-DE', 'EUR', 1234.5, /^1\.234,50 €$/],
  ])('formats the balance for %s in %s', (locale, currencyCode, balanceAmount, expected) => {
    const card = renderBalanceCard({
      report: {
        balances: [{ currencyCode, balanceAmount, byInvoiceType: [] }],
        readAt: '2026-03-12T08:00:00Z',
        defaultCurrencyOnly: false,
      },
      locale,
    });
    expectValidTeamsCard(card);
    expect(cardTexts(card).some((text) => expected.test(text))).toBe(true);
    expect(cardFacts(card)).toEqual([]);
  });

  describe('a partner invoiced in 16 currencies', () => {
    const CODES = [
      'USD',
      'EUR',
      'GBP',
      'JPY',
      'CHF',
      'AUD',
      'CAD',
      'BRL',
      'INR',
      'SEK',
      'NOK',
      'DKK',
      'PLN',
      'ZAR',
      'MXN',
      'KRW',
    ];
    const balances: BalanceView[] = CODES.map((currencyCode, i) => ({
      currencyCode,
      // Yen and won carry the largest numbers; the lead must not be chosen by comparing them with dollars.
      balanceAmount: currencyCode === 'JPY' || currencyCode === 'KRW' ? 9_000_000 : i % 3 === 0 ? 0 : 100 * i,
      byInvoiceType: [],
    }));
    const card = renderBalanceCard({
      report: {
        balances,
        mainCurrency: { currencyCode: 'EUR', reason: 'partner-default' },
        readAt: '2026-03-12T08:00:00Z',
        defaultCurrencyOnly: false,
      },
      locale: 'en-US',
    });
    const body = card.body as object[];

    it('leads with the main currency alone, says how many others are owed, and keeps them behind one button', () => {
      const { actions } = expectValidTeamsCard(card);
      const shown = cardTexts({ body });
      expect(shown.filter((text) => text.startsWith('Balance in'))).toEqual(['Balance in EUR · your default currency']);
      expect(shown).toContain('€100.00');
      expect(shown).toContain('You also owe money in 11 of your 15 other currencies.');
      expect(actions).toEqual([{ type: 'Action.ShowCard', title: 'Show all currencies (15 more)', data: undefined }]);
    });

    it('"Show all currencies" opens every other currency, in code order', () => {
      const [showAll] = card.actions as { card: object }[];
      const labels = cardTexts(showAll.card).filter((text) => text.startsWith('Balance in'));
      expect(labels).toEqual(
        CODES.filter((code) => code !== 'EUR')
          .sort()
          .map((code) => `Balance in ${code}`),
      );
      expect(cardTexts(showAll.card)).toContain('¥9,000,000');
    });
  });

  it('names a lead chosen by the latest invoice, and draws a single currency without a button', () => {
    const eur: BalanceView = { currencyCode: 'EUR', balanceAmount: 5, byInvoiceType: [] };
    const lead = renderBalanceCard({
      report: {
        balances: [usd, eur],
        mainCurrency: { currencyCode: 'USD', reason: 'latest-invoice' },
        readAt: '2026-03-12T08:00:00Z',
        defaultCurrencyOnly: false,
      },
      locale: 'en-US',
    });
    expectValidTeamsCard(lead);
    expect(cardTexts({ body: lead.body as object[] })).toContain('Balance in USD · invoiced most recently');
    const single = renderBalanceCard({
      report: {
        balances: [usd],
        mainCurrency: { currencyCode: 'USD', reason: 'partner-default' },
        readAt: '2026-03-12T08:00:00Z',
        defaultCurrencyOnly: false,
      },
      locale: 'en-US',
    });
    expect(expectValidTeamsCard(single).actions).toEqual([]);
    expect(cardTexts(single)).toContain('Balance in USD');
  });

  it('says so when Partner Center returned no balance', () => {
    const card = renderBalanceCard({
      report: { balances: [], readAt: '2026-03-12T08:00:00Z', defaultCurrencyOnly: false },
      locale: 'en-US',
    });
    expectValidTeamsCard(card);
    expect(cardTexts(card)).toContain('Partner Center returned no balance.');
  });
});
