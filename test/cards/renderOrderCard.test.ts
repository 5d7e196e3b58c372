import { parseCardAction } from '../../cards/cardAction';
import { renderOrderCard } from '../../cards/renderOrderCard';
import { cardFacts, cardTexts } from './cardContent';
import { expectValidTeamsCard } from './expectValidTeamsCard';
import { contoso, LONG_PRODUCT_NAME, oneTimeOrder } from './lookupFixtures';

const readAt = '2026-03-12T17:20:00Z';

describe('renderOrderCard', () => {
  it('shows the order id in monospace, its facts, each line with its term, and Refresh with its id', () => {
    const order = oneTimeOrder();
    const card = renderOrderCard({ customer: contoso, order, readAt, refreshId: 'r-1', locale: 'en-US' });
    const { actions, text } = expectValidTeamsCard(card);
    expect(text).toContain(`"text":"${order.id}","fontType":"Monospace"`);
    const facts = cardFacts(card);
    expect(facts[0]).toEqual({ Status: 'Pending', Billing: 'One-time', Created: 'Mar 12, 2026', Total: '$1,234.50' });
    const texts = cardTexts(card);
    expect(texts).toContain('5 × Reserved VM Instance, Standard_D2s_v5, EU West, 1 Year');
    expect(texts).toContain('2 × SQL Server 2022 Standard');
    expect(facts.slice(1)).toEqual([{ Term: '1 year' }]);
    expect(texts).toContain('Checked at Mar 12, 2026, 5:20 PM UTC');
    expect(actions).toEqual([{ type: 'Action.Execute', title: 'Refresh', data: { verb: 'refreshOrder', id: 'r-1' } }]);
    expect(parseCardAction(actions[0].data)).toEqual({ verb: 'refreshOrder', id: 'r-1' });
  });

  it('shows the provisioning status of each line when Partner Center gave it', () => {
    const order = oneTimeOrder({
      provisioning: [
        { lineItemNumber: 1, status: 'Unfulfilled' },
        { lineItemNumber: 0, status: 'fulfilled' },
      ],
    });
    const card = renderOrderCard({ customer: contoso, order, readAt, refreshId: 'r-1', locale: 'en-US' });
    expectValidTeamsCard(card);
    expect(cardFacts(card).slice(1)).toEqual([
      { Term: '1 year', Provisioning: 'Fulfilled' },
      { Provisioning: 'Not fulfilled yet' },
    ]);
  });

  it('says why provisioning status is missing: not read this time (with a reference), or app-only sign-in', () => {
    const notRead = renderOrderCard({
      customer: contoso,
      order: oneTimeOrder({ provisioningUnavailable: { reason: 'not-read', reference: 'corr-77' } }),
      readAt,
      refreshId: 'r-1',
      locale: 'en-US',
    });
    expectValidTeamsCard(notRead);
    expect(cardTexts(notRead)).toContain(
      'Provisioning status could not be read from Partner Center just now (support reference corr-77); press **Refresh** to try again.',
    );
    expect(cardFacts(notRead).slice(1)).toEqual([{ Term: '1 year' }]);
    const appOnly = renderOrderCard({
      customer: contoso,
      order: oneTimeOrder({ provisioningUnavailable: { reason: 'needs-user-sign-in', reference: 'corr-78' } }),
      readAt,
      refreshId: 'r-1',
      locale: 'en-US',
    });
    expect(cardTexts(appOnly).join('\n')).toMatch(/Partner Center gives it only to a signed-in user/);
  });

  it('formats for de-DE in EUR and the reader time zone', () => {
    const order = oneTimeOrder({ currencyCode: 'EUR', totalPrice: 1234.5, status: 'completed' });
    const card = renderOrderCard({
      customer: contoso,
      order,
      readAt,
      refreshId: 'r-1',
      locale: 'de-DE',
      timeZone: 'Europe/Berlin',
    });
    expectValidTeamsCard(card);
    expect(cardFacts(card)[0]).toMatchObject({ Status: 'Completed', Created: '12.03.2026', Total: '1.234,50 €' });
    expect(cardTexts(card)).toContain('Checked at 12. März 2026, 18:20 MEZ');
  });

  it('leaves out created and total when missing, and says a just-placed order is not listed yet', () => {
    const order = oneTimeOrder({ creationDate: undefined, totalPrice: undefined, justPlaced: true });
    const card = renderOrderCard({ customer: contoso, order, readAt, refreshId: 'r-1', locale: 'ja-JP' });
    expectValidTeamsCard(card);
    expect(Object.keys(cardFacts(card)[0])).toEqual(['Status', 'Billing']);
    expect(cardTexts(card).some((text) => text.startsWith('Just placed'))).toBe(true);
  });

  it('lists many lines in line order and keeps long names whole', () => {
    const lines = Array.from({ length: 12 }, (_, i) => ({
      lineItemNumber: 11 - i,
      name: `${LONG_PRODUCT_NAME} #${11 - i}`,
      offerId: 'x',
      quantity: 1,
      termDuration: 'P3Y',
    }));
    const card = renderOrderCard({
      customer: contoso,
      order: oneTimeOrder({ lines }),
      readAt,
      refreshId: 'r-1',
      locale: 'en-US',
    });
    expectValidTeamsCard(card);
    const lineTexts = cardTexts(card).filter((text) => text.includes(LONG_PRODUCT_NAME));
    expect(lineTexts).toEqual(Array.from({ length: 12 }, (_, i) => `1 × ${LONG_PRODUCT_NAME} #${i}`));
    expect(
      cardFacts(card)
        .slice(1)
        .every((facts) => facts.Term === '3 years'),
    ).toBe(true);
  });
});
