import type { OrderListFilter } from '../../services/lookups/types';
import { parseCardAction } from '../../cards/cardAction';
import { renderOrderListCard } from '../../cards/renderOrderListCard';
import { cardTexts } from './cardContent';
import { expectValidTeamsCard } from './expectValidTeamsCard';
import { contoso, LONG_PRODUCT_NAME, oneTimeOrder } from './lookupFixtures';

describe('renderOrderListCard', () => {
  it('shows one order with date, status and billing words, total, lines and an Open button for its id', () => {
    const card = renderOrderListCard({
      customer: contoso,
      orders: [{ ...oneTimeOrder(), openId: 'open-1' }],
      total: 1,
      shownFrom: 1,
      locale: 'en-US',
    });
    const { actions } = expectValidTeamsCard(card);
    const texts = cardTexts(card);
    expect(texts[0]).toBe('Orders for Contoso Ltd');
    expect(texts).toContain('Contoso Ltd (contoso.onmicrosoft.com), United States');
    expect(texts).toContain('Mar 12, 2026 · Pending');
    expect(texts).toContain('One-time · $1,234.50');
    expect(texts).toContain('5 × Reserved VM Instance, Standard_D2s_v5, EU West, 1 Year');
    expect(texts).toContain('2 × SQL Server 2022 Standard');
    expect(texts.join('\n')).not.toMatch(/Showing|Just placed|more/);
    expect(actions).toEqual([{ type: 'Action.Execute', title: 'Open', data: { verb: 'openOrder', id: 'open-1' } }]);
    expect(parseCardAction(actions[0].data)).toEqual({ verb: 'openOrder', id: 'open-1' });
  });

  it('shows at most three lines per order and counts the rest', () => {
    const lines = Array.from({ length: 7 }, (_, i) => ({
      lineItemNumber: i,
      name: `Product ${i + 1}`,
      offerId: `offer-${i}`,
      quantity: i + 1,
    }));
    const card = renderOrderListCard({
      customer: contoso,
      orders: [{ ...oneTimeOrder({ lines }), openId: 'o1' }],
      total: 1,
      shownFrom: 1,
      locale: 'en-US',
    });
    expectValidTeamsCard(card);
    const texts = cardTexts(card);
    expect(texts.filter((text) => / × Product /.test(text))).toEqual([
      '1 × Product 1',
      '2 × Product 2',
      '3 × Product 3',
    ]);
    expect(texts).toContain('+4 more');
  });

  it('shows the range and a More button when more orders follow, with each order opening its own id', () => {
    const orders = Array.from({ length: 10 }, (_, i) => ({
      ...oneTimeOrder({ id: `order-${i}`, status: i % 2 ? 'completed' : 'pending_po_upload' }),
      openId: `o${i}`,
    }));
    const card = renderOrderListCard({
      customer: contoso,
      orders,
      total: 23,
      shownFrom: 11,
      moreId: 'more-2',
      locale: 'en-US',
    });
    const { actions } = expectValidTeamsCard(card);
    const texts = cardTexts(card);
    expect(texts).toContain('Showing 11–20 of 23');
    expect(texts).toContain('Mar 12, 2026 · Waiting for a purchase order');
    expect(texts).toContain('Mar 12, 2026 · Completed');
    expect(actions.map((action) => parseCardAction(action.data))).toEqual([
      ...orders.map((order) => ({ verb: 'openOrder', id: order.openId })),
      { verb: 'more', id: 'more-2' },
    ]);
    expect(actions[actions.length - 1].title).toBe('More');
  });

  it('marks an order this bot just placed as not in Partner Center yet', () => {
    const card = renderOrderListCard({
      customer: contoso,
      orders: [
        { ...oneTimeOrder({ justPlaced: true }), openId: 'o1' },
        { ...oneTimeOrder({ id: 'older' }), openId: 'o2' },
      ],
      total: 1,
      shownFrom: 1,
      locale: 'en-US',
    });
    expectValidTeamsCard(card);
    expect(cardTexts(card).filter((text) => text.startsWith('Just placed'))).toEqual([
      "Just placed · not in Partner Center's list yet",
    ]);
    // The just-placed order is not in Partner Center's count yet; the card must not claim "2 of 1".
    expect(cardTexts(card).join('\n')).not.toContain('of 1');
  });

  it('names the filter in the title', () => {
    const card = renderOrderListCard({
      customer: contoso,
      filter: 'one_time',
      orders: [{ ...oneTimeOrder(), openId: 'o1' }],
      total: 1,
      shownFrom: 1,
      locale: 'en-US',
    });
    expectValidTeamsCard(card);
    expect(cardTexts(card)[0]).toBe('One-time orders for Contoso Ltd');
  });

  it.each<[OrderListFilter | undefined, string]>([
    [undefined, 'No orders for Contoso Ltd.'],
    ['one_time', 'No one-time orders for Contoso Ltd.'],
  ])('says there are no orders (filter %p) and offers no buttons', (filter, expected) => {
    const card = renderOrderListCard({
      customer: contoso,
      filter,
      orders: [],
      total: 0,
      shownFrom: 1,
      locale: 'en-US',
    });
    const { actions } = expectValidTeamsCard(card);
    expect(actions).toEqual([]);
    expect(cardTexts(card)).toContain(expected);
    expect(cardTexts(card).join('\n')).not.toContain('Showing');
  });

  it('formats dates and amounts for the reader locale and currency', () => {
    const card = renderOrderListCard({
      customer: contoso,
      orders: [
        { ...oneTimeOrder({ currencyCode: 'EUR', totalPrice: 1234.5 }), openId: 'o1' },
        { ...oneTimeOrder({ currencyCode: 'JPY', totalPrice: 98765, billingCycle: 'monthly' }), openId: 'o2' },
      ],
      total: 2,
      shownFrom: 1,
      locale: 'de-DE',
    });
    expectValidTeamsCard(card);
    const texts = cardTexts(card);
    expect(texts).toContain('12.03.2026 · Pending');
    expect(texts).toContain('One-time · 1.234,50 €');
    expect(texts).toContain('Monthly · 98.765 ¥');
  });

  it('leaves out the total and date when Partner Center gave none', () => {
    const order = oneTimeOrder({ totalPrice: undefined, creationDate: '0001-01-01T00:00:00' });
    const card = renderOrderListCard({
      customer: contoso,
      orders: [{ ...order, openId: 'o1' }],
      total: 1,
      shownFrom: 1,
      locale: 'en-US',
    });
    expectValidTeamsCard(card);
    const texts = cardTexts(card);
    expect(texts).toContain('Pending');
    expect(texts).toContain('One-time');
    expect(texts.join('\n')).not.toMatch(/0001|\$|undefined/);
  });

  it('keeps a long product name whole', () => {
    const order = oneTimeOrder({ lines: [{ lineItemNumber: 0, name: LONG_PRODUCT_NAME, offerId: 'x', quantity: 1 }] });
    const card = renderOrderListCard({
      customer: contoso,
      orders: [{ ...order, openId: 'o1' }],
      total: 1,
      shownFrom: 1,
      locale: 'en-US',
    });
    expectValidTeamsCard(card);
    expect(cardTexts(card)).toContain(`1 × ${LONG_PRODUCT_NAME}`);
  });
});
