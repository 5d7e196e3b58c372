import { renderBalanceCard } from '../../cards/renderBalanceCard';
import { renderDownloadCard } from '../../cards/renderDownloadCard';
import { renderEntitlementsCard } from '../../cards/renderEntitlementsCard';
import { renderInvoiceCard } from '../../cards/renderInvoiceCard';
import { renderInvoiceListCard } from '../../cards/renderInvoiceListCard';
import { renderOrderListCard } from '../../cards/renderOrderListCard';
import type { AdaptiveCardJson } from '../../cards/compileCardTemplate';
import type { InvoiceLineSummary } from '../../services/lookups/types';
import { expectValidTeamsCard } from '../cards/expectValidTeamsCard';
import { contoso, invoice, oneTimeOrder } from '../cards/lookupFixtures';
import { englishWordsIn, readableStrings } from '../support/englishWords';

/** Names and ids the cards show as Partner Center sent them, in any language. */
const AS_SENT = [
  'Contoso Ltd',
  'contoso.onmicrosoft.com',
  'United States',
  'Reserved VM Instance, Standard\\_D2s\\_v5, EU West, 1 Year',
  'SQL Server 2022 Standard',
  'Reservation 1a2b3c4d-0000-4000-8000-000000000001 (Shared)',
  'Product key XXXXX-XXXXX',
  'SQLServer2022.iso',
  'Fabrikam Inc',
  'Windows Server 2022',
];

function charges(groups: number): InvoiceLineSummary {
  return {
    lineItemCount: groups * 3,
    pagesRead: 1,
    groups: Array.from({ length: groups }, (_, i) => ({
      customerName: i % 2 ? 'Contoso Ltd' : 'Fabrikam Inc',
      customerId: i % 2 ? 'c1' : 'c2',
      productName: 'Windows Server 2022',
      quantity: i + 1,
      total: 100 * (i + 1),
      currencyCode: 'SEK',
    })),
  };
}

/** Every lookup card, drawn for one reader's locale with enough data to show each of its sentences. */
function lookupCards(locale: string): Record<string, AdaptiveCardJson> {
  const window = {
    phrase: { kind: 'lastDays', days: 30 } as const,
    firstDay: '2026-10-31',
    lastDay: '2026-11-29',
    today: '2026-11-29',
    timeZone: 'Europe/Stockholm',
  };
  return {
    balanceSeveral: renderBalanceCard({
      locale,
      report: {
        balances: [
          {
            currencyCode: 'SEK',
            balanceAmount: 1200,
            byInvoiceType: [
              { invoiceType: 'recurring', balanceAmount: 200 },
              { invoiceType: 'one_time', balanceAmount: 1000 },
            ],
            lastPaymentAmount: -50,
            lastPaymentDate: '2026-11-02T00:00:00Z',
            latestInvoiceDate: '2026-11-08T00:00:00Z',
          },
          { currencyCode: 'EUR', balanceAmount: 10, byInvoiceType: [] },
          { currencyCode: 'USD', balanceAmount: 0, byInvoiceType: [] },
        ],
        mainCurrency: { currencyCode: 'SEK', reason: 'partner-default' },
        readAt: '2026-11-29T08:00:00Z',
        defaultCurrencyOnly: false,
      },
    }),
    balanceNone: renderBalanceCard({
      locale,
      report: { balances: [], defaultCurrencyOnly: true, readAt: '2026-11-29T08:00:00Z' },
    }),
    invoiceList: renderInvoiceListCard({
      locale,
      invoices: [
        { ...invoice({ state: 'open' }), openId: 'o1' },
        { ...invoice({ id: 'G000024136', invoiceType: 'Recurring' }), openId: 'o2' },
      ],
      moreId: 'm1',
    }),
    invoiceListEmpty: renderInvoiceListCard({ locale, invoices: [] }),
    invoice: renderInvoiceCard({
      locale,
      details: { invoice: invoice({ documentType: 'void_note' }), oneTime: charges(13), fromList: true },
      statementId: 's1',
      moreChargesId: 'm1',
    }),
    invoiceNoCharges: renderInvoiceCard({
      locale,
      details: { invoice: invoice(), oneTime: charges(0), fromList: false },
      statementId: 's1',
    }),
    orders: renderOrderListCard({
      locale,
      customer: contoso,
      filter: 'one_time',
      window,
      orders: [
        { ...oneTimeOrder({ justPlaced: true }), openId: 'o1' },
        {
          ...oneTimeOrder({
            status: 'completed',
            lines: Array.from({ length: 5 }, (_, i) => ({
              lineItemNumber: i,
              name: 'SQL Server 2022 Standard',
              offerId: 'X',
              quantity: 1,
            })),
          }),
          openId: 'o2',
        },
      ],
      total: 40,
      shownFrom: 1,
      moreId: 'm1',
    }),
    ordersNone: renderOrderListCard({ locale, customer: contoso, orders: [], total: 0, shownFrom: 1, window }),
    entitlements: renderEntitlementsCard({
      locale,
      customer: contoso,
      entitlements: [
        {
          productId: 'DZH318Z0BQ3P',
          skuId: '0001',
          entitlementType: 'reservedinstance',
          quantity: 5,
          orderId: 'a68736758d9c',
          expiryDate: '2027-03-12T00:00:00Z',
          artifacts: [{ text: 'Reservation 1a2b3c4d-0000-4000-8000-000000000001 (Shared)' }],
          included: 0,
        },
        {
          productId: 'DG7GMGF0DWTL',
          skuId: '0002',
          name: 'SQL Server 2022 Standard',
          entitlementType: 'software',
          quantity: 2,
          artifacts: [
            { text: 'Product key XXXXX-XXXXX' },
            { text: 'Product key XXXXX-XXXXX' },
            { text: 'Product key XXXXX-XXXXX' },
            { text: 'Product key XXXXX-XXXXX' },
            {
              text: 'Product key XXXXX-XXXXX',
              download: { url: 'https://download.example/SQLServer2022.iso', fileName: 'SQLServer2022.iso' },
            },
          ],
          included: 2,
        },
      ],
    }),
    entitlementsNone: renderEntitlementsCard({ locale, customer: contoso, entitlements: [] }),
    download: renderDownloadCard({
      locale,
      invoiceId: 'G000024135',
      url: 'https://api.partnercenter.example/statement.pdf',
      expiresAt: '2026-11-29T10:00:00Z',
    }),
  };
}

describe('lookup cards in Swedish', () => {
  it.each(Object.keys(lookupCards('sv-SE')))('%s has no English sentence for a Swedish reader', (name) => {
    const card = lookupCards('sv-SE')[name];
    expectValidTeamsCard(card, { allowHttpsOpenUrl: true });
    const english = readableStrings(card).flatMap((text) =>
      englishWordsIn(text, AS_SENT).map((word) => `${word} ← ${text}`),
    );
    expect(english).toEqual([]);
  });

  it('the same cards for an English reader are caught by the same check (so the check can fail)', () => {
    const cards = lookupCards('en-US');
    for (const [name, card] of Object.entries(cards)) {
      const english = readableStrings(card).flatMap((text) => englishWordsIn(text, AS_SENT));
      expect({ name, english: english.length > 0 }).toEqual({ name, english: true });
    }
  });

  it('counts with Swedish plurals and formats with Swedish numbers and dates', () => {
    const texts = readableStrings(lookupCards('sv-SE').invoice).join('\n');
    expect(texts).toContain('39 engångsavgifter');
    expect(texts).toMatch(/Grupp 1–10 av 13, största först/);
    const balance = readableStrings(lookupCards('sv-SE').balanceSeveral).join('\n');
    expect(balance).toContain('Du är också skyldig pengar i 1 av dina 2 andra valutor.');
    expect(balance).toMatch(/1\s200,00\skr/);
  });
});
