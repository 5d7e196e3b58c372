import { renderApprovalCard, type ApprovalCardData } from '../../cards/renderApprovalCard';
import { renderCancelOrderCard } from '../../cards/renderCancelOrderCard';
import { renderConfirmationCard } from '../../cards/renderConfirmationCard';
import { renderOrderCard } from '../../cards/renderOrderCard';
import { buttonsOf } from '../support/dialogHarness';
import { readableText } from '../support/readableText';
import { cardFacts, cardTexts } from './cardContent';
import { expectValidTeamsCard } from './expectValidTeamsCard';

const customer = { companyName: 'Fabrikam Inc', domain: 'fabrikam.onmicrosoft.com', countryName: 'Germany' };
const HOSTILE = 'Evil [click](https://evil.example) **Corp**';
const line = {
  productTitle: 'Windows Server 2022',
  skuTitle: 'Datacenter 2 core',
  quantity: 9,
  termDescription: '1 year',
  billingCycle: 'One-time',
};
const actions = { placeOrder: 'po-1', changeQuantity: 'cq-1', cancel: 'cx-1' };

/** Every text and fact value of a card as a person reads it (plain spaces). */
function shown(card: object): string {
  const facts = cardFacts(card).flatMap((set) => Object.entries(set).map(([title, value]) => `${title}: ${value}`));
  return [...cardTexts(card).map(readableText), ...facts].join('\n');
}

describe('the confirmation card’s price and approval', () => {
  it('shows unit price, quantity × price = total and the sheet date as an estimate', () => {
    const card = renderConfirmationCard({
      customer,
      lines: [
        {
          ...line,
          price: {
            available: true,
            unitPrice: 155,
            total: 1395,
            currency: 'EUR',
            sheetDate: '2026-11-30',
            inRequestedCurrency: true,
          },
        },
      ],
      actions,
      locale: 'de-DE',
    });
    expectValidTeamsCard(card);
    const text = shown(card);
    expect(text).toContain('Unit price: 155,00 € per unit for the term');
    expect(text).toContain('Total: 9 × 155,00 € = 1.395,00 €');
    expect(text).toContain('Price sheet of 2026-11-30, estimate');
  });

  it('says "price not available" and still offers Place order', () => {
    const card = renderConfirmationCard({ customer, lines: [{ ...line, price: { available: false } }], actions });
    expectValidTeamsCard(card);
    expect(shown(card)).toMatch(/Price not available: .* You can still place the order\./);
    expect(buttonsOf(card).map((b) => b.title)).toContain('Place order');
  });

  it('turns Place order into Request approval and says why, with the same verb and id', () => {
    const card = renderConfirmationCard({
      customer,
      lines: [line],
      actions,
      approvalText: 'This order needs an approval: reasons.',
    });
    expectValidTeamsCard(card);
    const place = buttonsOf(card).find((b) => b.title === 'Request approval');
    expect(place?.data).toEqual({ verb: 'placeOrder', id: 'po-1' });
    expect(buttonsOf(card).map((b) => b.title)).not.toContain('Place order');
    expect(shown(card)).toContain('This order needs an approval: reasons.');
  });
});

describe('the approver’s card', () => {
  const data: ApprovalCardData = {
    requestId: 'req-1',
    requester: HOSTILE,
    customer: { ...customer, companyName: HOSTILE },
    item: { title: HOSTILE, quantity: 9 },
    total: { amount: 1395, currency: 'USD', unitPrice: 155 },
    why: 'Needs an approval because the estimated total is at or above the approval threshold.',
    expiresAt: '2026-12-01T16:00:00Z',
    status: { state: 'pending' },
    locale: 'en-US',
  };

  it('shows requester, customer, items and total with Approve and Reject while pending; untrusted names stay text', () => {
    const card = renderApprovalCard(data);
    expectValidTeamsCard(card);
    const text = JSON.stringify(card);
    expect(text).not.toContain('](https://evil.example)');
    expect(shown(card)).toContain('Total: 9 × $155.00 = $1,395.00 (estimate)');
    expect(buttonsOf(card).map((b) => [b.title, b.data])).toEqual([
      ['Approve', { verb: 'approveRequest', id: 'req-1' }],
      ['Reject', { verb: 'rejectRequest', id: 'req-1' }],
    ]);
  });

  it('has no buttons once decided, and says who decided', () => {
    const card = renderApprovalCard({ ...data, status: { state: 'approved', by: 'Megan Bowen' } });
    expectValidTeamsCard(card);
    expect(buttonsOf(card)).toEqual([]);
    expect(shown(card)).toContain('Approved by Megan Bowen');
  });
});

describe('the order card’s Cancel order, and the card that asks before cancelling', () => {
  const order = {
    id: 'ORD-1',
    customerId: 'c',
    status: 'completed',
    billingCycle: 'one_time',
    creationDate: '2026-11-30T10:00:00Z',
    lines: [{ lineItemNumber: 0, name: 'Windows Server', offerId: 'P:0001:A', quantity: 9 }],
  };

  it('offers Cancel order with the refund and the deadline while the window is open', () => {
    const card = renderOrderCard({
      customer,
      order,
      readAt: '2026-11-30T11:00:00Z',
      refreshId: 'r-1',
      locale: 'en-US',
      cancel: { id: 'c-1', until: '2026-12-07T10:00:00Z', refund: 'prorated', estimatedRefund: 1380, currency: 'USD' },
    });
    expectValidTeamsCard(card);
    expect(shown(card)).toMatch(/Can be cancelled until .*Dec 7, 2026.* for a prorated refund of about \$1,380\.00/);
    expect(buttonsOf(card).find((b) => b.title === 'Cancel order')?.data).toEqual({ verb: 'cancelOrder', id: 'c-1' });
  });

  it('has no Cancel order without an offer', () => {
    const card = renderOrderCard({
      customer,
      order,
      readAt: '2026-11-30T11:00:00Z',
      refreshId: 'r-1',
      locale: 'en-US',
    });
    expect(buttonsOf(card).map((b) => b.title)).not.toContain('Cancel order');
  });

  it('asks with the lines, refund and deadline and one button', () => {
    const card = renderCancelOrderCard({
      customer: { ...customer, companyName: HOSTILE },
      orderId: 'ORD-1',
      lines: [{ quantity: 9, name: HOSTILE }],
      offer: { until: '2026-12-07T10:00:00Z', refund: 'full' },
      confirmId: 'cc-1',
      locale: 'en-US',
    });
    expectValidTeamsCard(card);
    expect(JSON.stringify(card)).not.toContain('](https://evil.example)');
    expect(shown(card)).toContain('Cancel order ORD-1?');
    expect(shown(card)).toMatch(/for a full refund/);
    expect(buttonsOf(card).map((b) => [b.title, b.data])).toEqual([
      ['Yes, cancel the order', { verb: 'confirmCancelOrder', id: 'cc-1' }],
    ]);
  });
});
