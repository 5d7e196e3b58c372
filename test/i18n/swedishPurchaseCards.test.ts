import type { AdaptiveCardJson } from '../../cards/compileCardTemplate';
import { renderApprovalCard } from '../../cards/renderApprovalCard';
import { renderCancelOrderCard } from '../../cards/renderCancelOrderCard';
import { renderConfirmationCard } from '../../cards/renderConfirmationCard';
import { renderOrderCard } from '../../cards/renderOrderCard';
import { renderOrderResultCard } from '../../cards/renderOrderResultCard';
import { checkoutOutcomeCard } from '../../dialogs/checkoutOutcomeCard';
import { duplicateWarning } from '../../dialogs/duplicateWarning';
import type { CheckoutRecord } from '../../services/checkout/CheckoutLedger';
import { expectValidTeamsCard } from '../cards/expectValidTeamsCard';
import { contoso, oneTimeOrder } from '../cards/lookupFixtures';
import { englishWordsIn, readableStrings } from '../support/englishWords';

/** Names, ids and Partner Center's own texts the cards show as sent, in any language. */
const AS_SENT = [
  'Contoso Ltd',
  'contoso.onmicrosoft.com',
  'United States',
  'Reserved VM Instance, Standard\\_D2s\\_v5, EU West, 1 Year',
  'Reserved VM Instance',
  'SQL Server 2022 Standard',
  'Windows Server 2022 Standard',
  'Windows Server 2022',
  'Standard\\_D4s\\_v5',
  'westeurope',
  'P1Y',
  // Partner Center's own description of a refusal, quoted as it sent it.
  'The customer has reached the purchase limit for this product.',
];

const ACTIONS = { placeOrder: 'a1', changeQuantity: 'a2', cancel: 'a3' };

/** A ledger record of one checkout, in the state under test, drawn for the reader who placed it. */
function record(overrides: Partial<CheckoutRecord>, locale: string): CheckoutRecord {
  return {
    key: 'k1',
    cartId: 'cart-1',
    identity: { createdAt: '2026-11-30T10:00:00Z', lines: [] },
    customer: { id: 'c1', companyName: 'Contoso Ltd', domain: 'contoso.onmicrosoft.com', country: 'US' },
    user: { key: 'u1' },
    requestId: 'req-1',
    correlationId: 'corr-1',
    state: 'pending',
    attempts: 1,
    createdAt: '2026-11-30T10:00:00Z',
    updatedAt: '2026-11-30T10:00:00Z',
    target: { conversationReference: {}, activityId: 'act-1', locale },
    ...overrides,
  } as unknown as CheckoutRecord;
}

/** Every card of the purchase's end, drawn for one reader's locale with enough data to show each of its sentences. */
function purchaseCards(locale: string): Record<string, AdaptiveCardJson | object> {
  const partial = {
    orders: [
      {
        id: 'ORD-1',
        status: 'completed',
        billingCycle: 'one_time',
        lines: [{ name: 'Windows Server 2022', quantity: 3, offerId: 'P:0001' }],
      },
    ],
    problems: [
      {
        orderGroupId: '1',
        code: '800002',
        key: 'failure.service' as const,
        sentence: 'Partner Center refused it.',
        description: 'The customer has reached the purchase limit for this product.',
        lines: [{ name: 'SQL Server 2022 Standard', quantity: 2 }],
      },
    ],
  };
  return {
    confirmation: renderConfirmationCard({
      locale,
      customer: contoso,
      lines: [
        {
          productTitle: 'Reserved VM Instance',
          skuTitle: 'Standard_D4s_v5',
          quantity: 2,
          termDescription: 'P1Y',
          billingCycle: locale.startsWith('sv') ? 'Engångs' : 'One-time',
          attestation: locale.startsWith('sv') ? 'Jag intygar.' : 'I attest that this is so.',
          reservation: { subscriptionId: 'sub-1', region: 'westeurope', size: 'Standard_D4s_v5', scope: 'shared' },
          price: {
            available: true,
            unitPrice: 100,
            total: 200,
            currency: 'USD',
            sheetDate: '2026-11-30',
            inRequestedCurrency: false,
          },
        },
        {
          productTitle: 'Windows Server 2022 Standard',
          skuTitle: 'Windows Server 2022',
          quantity: 1,
          billingCycle: locale.startsWith('sv') ? 'Engångs' : 'One-time',
          reservation: { scope: 'single' },
          price: { available: false },
        },
      ],
      expiresAt: '2026-11-30T12:00:00.123Z',
      actions: ACTIONS,
    }),
    confirmationBlocked: renderConfirmationCard({
      locale,
      customer: contoso,
      lines: [
        {
          productTitle: 'Windows Server 2022 Standard',
          skuTitle: 'Windows Server 2022',
          quantity: 1,
          billingCycle: 'P1Y',
          problem: locale.startsWith('sv') ? 'Antalet är för stort.' : 'That quantity is too large.',
        },
      ],
      expiresAt: '30/11 kl. 12',
      actions: ACTIONS,
    }),
    order: renderOrderCard({
      locale,
      customer: contoso,
      order: oneTimeOrder({
        justPlaced: true,
        provisioning: [
          { lineItemNumber: 0, status: 'fulfilled' },
          { lineItemNumber: 1, status: 'prefulfillmentpending' },
        ],
      }),
      readAt: '2026-11-30T12:00:00Z',
      refreshId: 'r1',
      refreshOnViewFor: ['29:1'],
      cancel: { id: 'c1', until: '2026-12-07T12:00:00Z', refund: 'full', estimatedRefund: 1234.5, currency: 'USD' },
    }),
    orderUnread: renderOrderCard({
      locale,
      customer: contoso,
      order: oneTimeOrder({ provisioningUnavailable: { reason: 'not-read', reference: 'ref-1' } }),
      readAt: 'not a date',
      refreshId: 'r1',
      cancel: { id: 'c1', until: '2026-12-07T12:00:00Z', refund: 'prorated' },
    }),
    orderAppOnly: renderOrderCard({
      locale,
      customer: contoso,
      order: oneTimeOrder({ provisioningUnavailable: { reason: 'needs-user-sign-in', reference: 'ref-1' } }),
      readAt: '2026-11-30T12:00:00Z',
      refreshId: 'r1',
    }),
    orderResultPartial: renderOrderResultCard({
      locale,
      customer: contoso,
      orders: [
        { id: 'ORD-1', status: 'klar', billingCycle: 'engångs', lines: [{ name: 'Windows Server 2022', quantity: 3 }] },
      ],
      problems: [
        {
          sentence: locale.startsWith('sv') ? 'Partner Center avslog den.' : 'Partner Center refused it.',
          code: '800002',
          description: 'The customer has reached the purchase limit for this product.',
          lines: [{ name: 'SQL Server 2022 Standard', quantity: 2 }],
        },
      ],
      correlationId: 'corr-1',
    }),
    outcomeDone: checkoutOutcomeCard(record({ state: 'done', result: partial }, locale)),
    outcomeRefused: checkoutOutcomeCard(
      record(
        {
          state: 'failed',
          failure: { key: 'failure.service', sentence: 'Partner Center refused it.', code: '800002' },
        } as Partial<CheckoutRecord>,
        locale,
      ),
    ),
    outcomeRefusedNoCode: checkoutOutcomeCard(record({ state: 'failed' }, locale)),
    outcomeUnconfirmed: checkoutOutcomeCard(
      record(
        {
          state: 'unconfirmed',
          failure: { key: 'outcome.exhausted', values: { attempts: 3 }, sentence: 'English.' },
        } as Partial<CheckoutRecord>,
        locale,
      ),
    ),
    outcomeSignIn: checkoutOutcomeCard(record({ state: 'submitted', waitingForSignIn: true }, locale)),
    outcomePlacing: checkoutOutcomeCard(record({ state: 'submitted' }, locale)),
    approvalPending: renderApprovalCard({
      locale,
      requestId: 'q1',
      requester: '',
      customer: contoso,
      item: { quantity: 2 },
      total: { amount: 200, currency: 'USD', unitPrice: 100 },
      why: '',
      expiresAt: '2026-12-01T12:00:00Z',
      status: { state: 'pending' },
    }),
    approvalApproved: renderApprovalCard({
      locale,
      requestId: 'q1',
      requester: 'Contoso Ltd',
      customer: contoso,
      item: { quantity: 2, title: 'Windows Server 2022' },
      why: '',
      expiresAt: '2026-12-01T12:00:00Z',
      status: { state: 'approved', by: 'Contoso Ltd' },
    }),
    approvalRejected: renderApprovalCard({
      locale,
      requestId: 'q1',
      requester: 'Contoso Ltd',
      customer: contoso,
      item: { quantity: 2, title: 'Windows Server 2022' },
      why: '',
      expiresAt: '2026-12-01T12:00:00Z',
      status: { state: 'rejected', by: 'Contoso Ltd' },
    }),
    approvalExpired: renderApprovalCard({
      locale,
      requestId: 'q1',
      requester: 'Contoso Ltd',
      customer: contoso,
      item: { quantity: 2, title: 'Windows Server 2022' },
      why: '',
      expiresAt: '2026-12-01T12:00:00Z',
      status: { state: 'expired' },
    }),
    cancelOrder: renderCancelOrderCard({
      locale,
      customer: contoso,
      orderId: 'ORD-1',
      lines: [{ quantity: 2, name: 'SQL Server 2022 Standard' }],
      offer: { until: '2026-12-07T12:00:00Z', refund: 'prorated', estimatedRefund: 50, currency: 'USD' },
      confirmId: 'x1',
    }),
  };
}

/** English words in texts, once Teams' own date and time functions (drawn in the reader's language) are taken out. */
function englishIn(texts: readonly string[]): string[] {
  return texts.flatMap((text) =>
    englishWordsIn(text.replace(/\{\{(?:DATE|TIME)\([^)]*\)\}\}/g, ' '), AS_SENT).map((word) => `${word} ← ${text}`),
  );
}

describe('purchase cards in Swedish', () => {
  it.each(Object.keys(purchaseCards('sv-SE')))('%s has no English sentence for a Swedish reader', (name) => {
    const card = purchaseCards('sv-SE')[name] as AdaptiveCardJson;
    expectValidTeamsCard(card);
    expect(englishIn(readableStrings(card))).toEqual([]);
  });

  it('the same cards for an English reader are caught by the same check (so the check can fail)', () => {
    for (const [name, card] of Object.entries(purchaseCards('en-US'))) {
      expect({ name, english: englishIn(readableStrings(card)).length > 0 }).toEqual({ name, english: true });
    }
  });

  it('uses the business words a Swedish partner expects on the buttons', () => {
    const confirmation = readableStrings(purchaseCards('sv-SE').confirmation);
    expect(confirmation).toEqual(expect.arrayContaining(['Lägg beställning', 'Ändra antal', 'Avbryt']));
    expect(readableStrings(purchaseCards('sv-SE').approvalPending)).toEqual(
      expect.arrayContaining(['Godkänn', 'Avslå']),
    );
    expect(readableStrings(purchaseCards('sv-SE').order)).toEqual(
      expect.arrayContaining(['Uppdatera', 'Avbryt beställning']),
    );
  });

  it('warns of a duplicate purchase in Swedish, with Swedish dates and plurals', () => {
    const now = Date.parse('2026-11-30T15:00:00Z');
    const earlier = record(
      {
        state: 'done',
        createdAt: '2026-11-30T14:40:00Z',
        item: { productId: 'P', skuId: '0001', title: 'Windows Server 2022', quantity: 3 },
        result: { orders: [{ id: 'ORD-1', status: 'completed', billingCycle: 'one_time', lines: [] }], problems: [] },
      },
      'sv-SE',
    );
    const listed = [
      {
        orderId: 'PC-9',
        createdAt: '2026-11-28T10:00:00Z',
        quantity: 10,
        title: 'Windows Server 2022',
        status: 'completed',
      },
    ];
    const text = duplicateWarning({ companyName: 'Contoso Ltd' }, [earlier], now, listed, 'sv-SE');
    expect(text).toContain('för 20 minuter sedan: 3 × Windows Server 2022 — lagd som beställning ORD-1');
    expect(text).toMatch(/den 28 nov/);
    expect(englishIn(text.split('\n')).filter((hit) => !hit.startsWith('completed'))).toEqual([]);
  });
});
