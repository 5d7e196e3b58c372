import type { OrderListFilter } from '../../services/lookups/types';
import { renderOrderListCard } from '../../cards/renderOrderListCard';
import type { OrderWindowView } from '../../cards/timeWindowWords';
import { cardTexts } from './cardContent';
import { expectValidTeamsCard } from './expectValidTeamsCard';
import { contoso, oneTimeOrder } from './lookupFixtures';

const TODAY = '2026-03-11';

function draw(window: OrderWindowView, locale = 'en-GB', filter?: OrderListFilter, empty = false): string[] {
  const card = renderOrderListCard({
    customer: contoso,
    filter,
    window,
    orders: empty ? [] : [{ ...oneTimeOrder(), openId: 'o1' }],
    total: empty ? 0 : 1,
    shownFrom: 1,
    locale,
  });
  expectValidTeamsCard(card);
  return cardTexts(card);
}

describe('an order list for a time window says the window', () => {
  it.each<[string, OrderWindowView['phrase'], string, string, string]>([
    ['last week', { kind: 'lastWeek' }, '2026-03-02', '2026-03-08', 'Orders for Contoso Ltd last week'],
    ['today', { kind: 'today' }, TODAY, TODAY, 'Orders for Contoso Ltd today'],
    [
      'the last 30 days',
      { kind: 'lastDays', days: 30 },
      '2026-02-10',
      TODAY,
      'Orders for Contoso Ltd in the last 30 days',
    ],
    [
      'since a day this year',
      { kind: 'since', day: '2026-01-05' },
      '2026-01-05',
      TODAY,
      'Orders for Contoso Ltd since 5 January',
    ],
    [
      'since a day last year',
      { kind: 'since', day: '2025-10-01' },
      '2025-10-01',
      TODAY,
      'Orders for Contoso Ltd since 1 October 2025',
    ],
    [
      'a month last year',
      { kind: 'inMonth', month: '2025-04' },
      '2025-04-01',
      '2025-04-30',
      'Orders for Contoso Ltd in April 2025',
    ],
  ])('%s: in the title, with the days and the time zone under it', (_name, phrase, firstDay, lastDay, title) => {
    const texts = draw({ phrase, firstDay, lastDay, today: TODAY, timeZone: 'Europe/Zurich' });
    expect(texts[0]).toBe(title);
    expect(texts[2]).toMatch(/^Placed .+ \(Europe\/Zurich\)$/);
  });

  it('names the days as the reader writes dates', () => {
    const view: OrderWindowView = {
      phrase: { kind: 'lastWeek' },
      firstDay: '2026-03-02',
      lastDay: '2026-03-08',
      today: TODAY,
      timeZone: 'UTC',
    };
    expect(draw(view, 'en-GB')[2]).toMatch(/^Placed 2\s–\s8 Mar 2026 \(UTC\)$/);
    expect(draw(view, 'en-US')[2]).toMatch(/^Placed Mar 2\s–\s8, 2026 \(UTC\)$/);
    expect(draw({ ...view, phrase: { kind: 'since', day: '2026-01-05' } }, 'en-US')[0]).toBe(
      'Orders for Contoso Ltd since January 5',
    );
  });

  it('says the window when there are no orders in it, with the billing filter', () => {
    const texts = draw(
      {
        phrase: { kind: 'since', day: '2025-10-01' },
        firstDay: '2025-10-01',
        lastDay: TODAY,
        today: TODAY,
        timeZone: 'UTC',
      },
      'en-GB',
      'one_time',
      true,
    );
    expect(texts[0]).toBe('One-time orders for Contoso Ltd since 1 October 2025');
    expect(texts).toContain('No one-time orders for Contoso Ltd since 1 October 2025.');
  });

  it('dates each order as the reader’s time zone names the day', () => {
    const late = { ...oneTimeOrder({ creationDate: '2026-03-09T23:30:00Z' }), openId: 'o1' };
    const inZurich = renderOrderListCard({
      customer: contoso,
      orders: [late],
      total: 1,
      shownFrom: 1,
      locale: 'en-GB',
      timeZone: 'Europe/Zurich',
    });
    expect(cardTexts(inZurich)).toContain('10 Mar 2026 · Pending');
    const inUtc = renderOrderListCard({ customer: contoso, orders: [late], total: 1, shownFrom: 1, locale: 'en-GB' });
    expect(cardTexts(inUtc)).toContain('9 Mar 2026 · Pending');
  });
});
