import { fileConsentCard, fileInfoCard } from '../../cards/fileConsentCard';
import { renderBalanceCard } from '../../cards/renderBalanceCard';
import { renderConfirmationCard } from '../../cards/renderConfirmationCard';
import { renderDownloadCard } from '../../cards/renderDownloadCard';
import { renderEntitlementsCard } from '../../cards/renderEntitlementsCard';
import { renderInvoiceCard } from '../../cards/renderInvoiceCard';
import { renderInvoiceListCard } from '../../cards/renderInvoiceListCard';
import { renderNoticeCard } from '../../cards/renderNoticeCard';
import { renderOrderCard } from '../../cards/renderOrderCard';
import { renderOrderListCard } from '../../cards/renderOrderListCard';
import { renderOrderResultCard } from '../../cards/renderOrderResultCard';
import { renderPickCard } from '../../cards/renderPickCard';
import { renderRegistrationCard } from '../../cards/renderRegistrationCard';
import { renderWelcomeCard } from '../../cards/renderWelcomeCard';
import { safeForMarkdown } from '../../cards/untrustedText';
import type { CardCustomer } from '../../cards/customerText';
import type { EntitlementView, InvoiceView, OrderView } from '../../services/lookups/types';
import { cardShownText, plantedLinks, withoutEscapes } from '../support/plantedMarkdown';
import { readableText } from '../support/readableText';
import { expectValidTeamsCard } from './expectValidTeamsCard';
import { inspectCard } from './inspectCard';

/** Teams refuses bot cards much above 28 KB; every card must stay under it whatever Partner Center sends. */
const TEAMS_CARD_LIMIT = 28_000;

/** What a hostile or broken Partner Center could put in any text field. */
const HOSTILE: Record<string, string> = {
  'a markdown link': 'Contoso Ltd [Verify your payment here](https://evil.example/phish)',
  'an image': 'Fabrikam ![status](https://evil.example/pixel.png) Inc',
  'a bare address': 'Pay at https://evil.example/phish or www.evil.example or billing@evil.example',
  'underscore and star runs': '__init__ **urgent** *now* Standard_D2s_v5',
  'newlines with a heading and a list': 'Contoso\n# Pay now\n- [here](https://evil.example/list)\n1. call us',
  'raw HTML and an autolink': '<a href="https://evil.example/html">Tailspin</a> <https://evil.example/auto>',
  'a 30,000-character name': `Northwind ${'Traders '.repeat(3_750)}`,
};

function customerNamed(name: string): CardCustomer {
  return { companyName: name, domain: name, countryName: name };
}

function order(text: string, index: number): OrderView & { openId: string } {
  return {
    id: text,
    customerId: text,
    status: text,
    billingCycle: text,
    creationDate: index === 0 ? text : '2026-03-12T17:10:51Z',
    currencyCode: text,
    totalPrice: 1234.5,
    lines: [0, 1, 2, 3].map((lineItemNumber) => ({
      lineItemNumber,
      name: text,
      offerId: text,
      quantity: 5,
      termDuration: text,
    })),
    provisioning: [0, 1, 2, 3].map((lineItemNumber) => ({ lineItemNumber, status: text })),
    openId: `open-${index}`,
  };
}

function invoice(text: string): InvoiceView & { openId: string } {
  return {
    id: text,
    invoiceDate: '2026-03-01T00:00:00',
    totalCharges: 10,
    paidAmount: 0,
    currencyCode: text,
    invoiceType: text,
    documentType: text,
    state: 'open',
    hasOneTimeLineItems: true,
    openId: 'open-invoice',
  };
}

function entitlement(text: string): EntitlementView {
  return {
    productId: text,
    skuId: text,
    entitlementType: text,
    quantity: 1,
    orderId: text,
    expiryDate: text,
    name: text,
    artifacts: Array.from({ length: 6 }, () => ({ text, download: { url: text, fileName: text } })),
    included: 1,
  };
}

/** Every card the bot draws, each with the hostile text in every field Partner Center (or a person) fills. */
function everyCard(text: string): Record<string, object> {
  const customer = customerNamed(text);
  const locale = 'en-US';
  return {
    balance: renderBalanceCard({
      report: {
        balances: Array.from({ length: 16 }, () => ({
          currencyCode: text,
          balanceAmount: 1,
          byInvoiceType: [{ invoiceType: text, balanceAmount: 1 }],
          lastPaymentDate: text,
          lastPaymentAmount: -1,
          latestInvoiceDate: text,
        })),
        readAt: text,
        defaultCurrencyOnly: false,
      },
      locale,
    }),
    confirmation: renderConfirmationCard({
      customer,
      lines: [1, 2, 3].map(() => ({
        productTitle: text,
        skuTitle: text,
        quantity: 1,
        termDescription: text,
        billingCycle: text,
        problem: text,
      })),
      expiresAt: text,
      actions: { placeOrder: 'po', changeQuantity: 'cq', cancel: 'cx' },
    }),
    download: renderDownloadCard({
      invoiceId: text,
      url: 'https://bot.example.com/downloads/statements/t',
      expiresAt: text,
      locale,
    }),
    entitlements: renderEntitlementsCard({
      customer,
      entitlements: Array.from({ length: 25 }, () => entitlement(text)),
      locale,
    }),
    invoice: renderInvoiceCard({
      details: {
        invoice: invoice(text),
        oneTime: {
          lineItemCount: 20,
          pagesRead: 1,
          groups: Array.from({ length: 12 }, (_, i) => ({
            customerName: text,
            customerId: text,
            productName: text,
            quantity: 1,
            total: i,
            currencyCode: text,
          })),
        },
        fromList: false,
      },
      statementId: 'st',
      locale,
    }),
    invoiceList: renderInvoiceListCard({
      invoices: Array.from({ length: 10 }, () => invoice(text)),
      moreId: 'more',
      locale,
    }),
    notice: renderNoticeCard({
      title: 'Placing your order…',
      text: `Partner Center is processing the order for ${safeForMarkdown(text, 'name')}.`,
    }),
    order: renderOrderCard({ customer, order: order(text, 0), readAt: text, refreshId: 'r', locale }),
    orderList: renderOrderListCard({
      customer,
      orders: Array.from({ length: 10 }, (_, i) => order(text, i)),
      total: 30,
      shownFrom: 1,
      moreId: 'more',
      locale,
    }),
    orderResult: renderOrderResultCard({
      customer,
      orders: [1, 2].map(() => ({
        id: text,
        status: text,
        billingCycle: text,
        lines: [{ name: text, quantity: 1 }],
      })),
      problems: [{ sentence: text, code: text }],
      correlationId: text,
    }),
    pick: renderPickCard({
      title: `Customers matching '${safeForMarkdown(text, 'typed')}'`,
      verb: 'pickCustomer',
      options: Array.from({ length: 10 }, (_, i) => ({ label: text, detail: text, id: `c${i}` })),
    }),
    registration: renderRegistrationCard({
      customer,
      registration: { customerId: text, subscriptionId: text, status: 'registering' },
      checkedAt: text,
      locale,
    }),
    welcome: renderWelcomeCard({ userName: text, actions: { buy: 'b', help: 'h' } }),
  };
}

describe.each(Object.entries(HOSTILE))('every card, with %s in every field', (_kind, text) => {
  const cards = everyCard(text);

  it.each(Object.keys(cards))(
    '%s: no planted link, image or address, one line per field, within Teams size',
    (name) => {
      const card = cards[name];
      // The download card's one button opens the link the bot made; every other card only submits.
      if (name === 'download') expect(inspectCard(card).parseEvents).toEqual([]);
      else expectValidTeamsCard(card);
      const { markdown, plain } = cardShownText(card);
      expect(markdown.flatMap(plantedLinks)).toEqual([]);
      // Our templates never break a line, so a newline would be Partner Center's (and could start a heading or list).
      expect(markdown.filter((field) => /[\r\n]/.test(field))).toEqual([]);
      expect(markdown.filter((field) => /^\s*([#>+*-]|\d+[.)])(\s|$)/.test(withoutEscapes(field)))).toEqual([]);
      for (const run of ['__init__', '**urgent**', '*now*', 'Standard_D2s_v5']) {
        expect(markdown.filter((field) => withoutEscapes(field).includes(run))).toEqual([]);
      }
      expect(plain.filter((field) => /[\r\n]/.test(field) || field.length > 700)).toEqual([]);
      expect(JSON.stringify(card).length).toBeLessThan(TEAMS_CARD_LIMIT);
    },
  );
});

describe('hostile text stays readable', () => {
  it('shows the original characters of a name carrying markdown, only neutralised', () => {
    const name = HOSTILE['a markdown link'];
    const card = renderOrderCard({
      customer: customerNamed(name),
      order: order('Standard_D2s_v5', 1),
      readAt: '2026-03-12T17:20:00Z',
      refreshId: 'r',
      locale: 'en-US',
    });
    const read = cardShownText(card).markdown.map(readableText);
    expect(read).toContain(`Order for ${name}`);
    expect(read).toContain('Standard_D2s_v5');
    expect(read).toContain('5 × Standard_D2s_v5');
  });

  it('cuts a 30,000-character name to one bounded line ending in an ellipsis', () => {
    const card = renderWelcomeCard({ userName: HOSTILE['a 30,000-character name'], actions: { buy: 'b', help: 'h' } });
    const greeting = cardShownText(card).markdown[0];
    expect(greeting.length).toBeLessThan(300);
    expect(greeting).toMatch(/^Hello, Northwind Traders Traders .*…!$/);
  });

  it('keeps button titles and tooltips plain: the name as written, no backslashes, one bounded line', () => {
    const name = 'Contoso_Ltd [EU] *west*';
    const card = renderPickCard({
      title: 'Pick',
      verb: 'pickCustomer',
      options: [{ label: name, detail: 'd_1', id: 'a' }],
    });
    expect(cardShownText(card).plain).toEqual([name, `${name} (d_1)`]);
  });

  it('hands file names and invoice ids to the Teams file cards as one bounded line', () => {
    const consent = fileConsentCard({
      invoiceId: 'G1\nG2',
      fileName: `${'x'.repeat(30_000)}.pdf`,
      sizeInBytes: 1,
      acceptContext: {},
      declineContext: {},
    });
    expect(consent.content.description).toBe('Statement for invoice G1 G2');
    expect(consent.name.length).toBeLessThanOrEqual(256);
    const info = fileInfoCard({
      uniqueId: 'u',
      fileType: 'pdf',
      contentUrl: 'https://x/y.pdf',
      name: 'a\u202Efdp.exe',
    });
    expect(info.name).toBe('afdp.exe');
  });
});
