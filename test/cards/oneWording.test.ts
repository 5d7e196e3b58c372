import { billingCycleWords, orderStatusWords } from '../../cards/orderWords';
import { renderOrderCard } from '../../cards/renderOrderCard';
import { orderResultCard } from '../../dialogs/orderResultCard';
import { textOf } from '../support/dialogHarness';
import type { Activity } from 'botbuilder';

const CUSTOMER = {
  id: 'c1',
  companyName: 'Contoso Ltd',
  domain: 'contoso.onmicrosoft.com',
  country: 'US',
  countryName: 'United States',
};

/** What a person reads on a card, as a message carrying it. */
const read = (card: object) =>
  textOf({
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
  } as Partial<Activity>);

describe('one order reads the same on the order result card and the order card', () => {
  it.each([
    ['pending', 'one_time'],
    ['completed', 'OneTime'],
    ['pending_po_upload', 'annual'],
    ['partial_success', 'triennial'],
  ])('status %s, billing %s', (status, billingCycle) => {
    const result = read(
      orderResultCard(
        {
          customer: CUSTOMER,
          summary: { orders: [{ id: 'order-1', status, billingCycle, lines: [] }], problems: [] },
        },
        'en-US',
      ),
    );
    const order = read(
      renderOrderCard({
        customer: CUSTOMER,
        order: { id: 'order-1', customerId: 'c1', status, billingCycle, lines: [] },
        readAt: '2026-11-30T12:00:00Z',
        refreshId: 'r1',
        locale: 'en-US',
      }),
    );
    for (const words of [orderStatusWords(status), billingCycleWords(billingCycle)]) {
      expect(result).toContain(words);
      expect(order).toContain(words);
    }
    // The words, not Partner Center's values, and nothing said about the same status twice over.
    expect(result).not.toContain('usually minutes');
  });
});
