import { clickToConfirmation, E2eStack, startE2eStack } from '../support/e2eStack';
import { readAll, TeamsUser } from '../support/teamsUser';

/** A 33-character Partner Center order id standing on its own (a GUID's 36 characters don't match). */
const ORDER_ID = /(?<![A-Za-z0-9_-])([A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/;
const APP_TOKEN = { authorization: 'Bearer e2e-test' };
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Noon UTC on a day of the month `monthsBack` months before this one. */
function dayMonthsBack(monthsBack: number, day: number): { iso: string; month: string } {
  const now = new Date();
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, day, 12));
  return { iso: date.toISOString(), month: MONTHS[date.getUTCMonth()] };
}

describe('lookups in one line over HTTP: time windows, and orders wherever they are', () => {
  let stack: E2eStack;
  const customers = new Map<string, string>();

  // The simulator's clock is never moved here: orders are dated by it, windows by the bot's clock, and both must agree.
  beforeAll(async () => {
    stack = await startE2eStack({ orderListDelaySeconds: 0, orderCompletionSeconds: 30 });
  });
  afterAll(() => stack.close());

  async function customerId(companyName: string): Promise<string> {
    const known = customers.get(companyName);
    if (known) return known;
    const filter = encodeURIComponent(
      JSON.stringify({ Field: 'CompanyName', Value: companyName, Operator: 'starts_with' }),
    );
    const response = await fetch(`${stack.simulator.url}/v1/customers?size=5&filter=${filter}`, { headers: APP_TOKEN });
    const id = ((await response.json()) as { items: { id: string }[] }).items[0].id;
    customers.set(companyName, id);
    return id;
  }

  /** A completed order in the customer's history (the simulator's control API), placed `when` ago or at an instant. */
  async function pastOrder(companyName: string, when: { daysAgo: number } | { createdAt: string }): Promise<string> {
    const response = await fetch(`${stack.simulator.url}/_simulator/orders/history`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: await customerId(companyName), ...when }),
    });
    if (response.status !== 201) throw new Error(`past order refused: ${response.status}`);
    return ((await response.json()) as { id: string }).id;
  }

  it('"orders for contoso last week" lists last week’s orders only, in the person’s time zone, and says so', async () => {
    const lastWeek = await pastOrder('Contoso Ltd', { daysAgo: 7 });
    const older = await pastOrder('Contoso Ltd', { daysAgo: 16 });
    const today = await pastOrder('Contoso Ltd', { daysAgo: 0 });
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:windows-last-week', '29:windows-1', {
      fields: { localTimezone: 'Pacific/Auckland' },
    });

    // "contoso" is Contoso Ltd's own domain (contoso.onmicrosoft.com): taken without a pick, whoever else starts so.
    const picked = readAll(await user.say('orders for contoso last week'));
    expect(picked).not.toContain('Customers matching');
    const typedWhole = readAll(await user.say('what did Contoso Ltd order last week'));
    for (const text of [picked, typedWhole]) {
      expect(text).toContain('Orders for Contoso Ltd last week');
      expect(text).toMatch(/Placed .+ \(Pacific\/Auckland\)/);
      expect(text).toContain(lastWeek);
      expect(text).not.toContain(older);
      expect(text).not.toContain(today);
    }
  });

  it('"one-time orders for northwind since <month>" and "in <month>" keep to the month, and say it', async () => {
    const twoMonthsAgo = dayMonthsBack(2, 15);
    const lastMonth = dayMonthsBack(1, 10);
    const before = await pastOrder('Northwind Traders', { createdAt: dayMonthsBack(3, 15).iso });
    const inside = await pastOrder('Northwind Traders', { createdAt: twoMonthsAgo.iso });
    const later = await pastOrder('Northwind Traders', { createdAt: lastMonth.iso });
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:windows-since', '29:windows-2');

    const since = readAll(await user.say(`one-time orders for northwind since ${twoMonthsAgo.month}`));
    expect(since).toMatch(new RegExp(`One-time orders for Northwind Traders since ${twoMonthsAgo.month} 1\\b`));
    expect(since).toContain(inside);
    expect(since).toContain(later);
    expect(since).not.toContain(before);

    const inMonth = readAll(await user.say(`orders for northwind in ${lastMonth.month}`));
    expect(inMonth).toMatch(new RegExp(`Orders for Northwind Traders in ${lastMonth.month}`));
    expect(inMonth).toContain(later);
    expect(inMonth).not.toContain(inside);

    // The customer of the last lookup, and no order today.
    expect(readAll(await user.say('orders today'))).toContain('No orders for Northwind Traders today.');
  });

  it('`more` pages within the window: the next orders of the window, never one outside it', async () => {
    const inside: string[] = [];
    for (let daysAgo = 1; daysAgo <= 12; daysAgo += 1) inside.push(await pastOrder('Fabrikam Inc', { daysAgo }));
    const outside = [
      await pastOrder('Fabrikam Inc', { daysAgo: 40 }),
      await pastOrder('Fabrikam Inc', { daysAgo: 45 }),
    ];
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:windows-more', '29:windows-3');

    const first = readAll(await user.say('orders for fabrikam in the last 30 days'));
    expect(first).toContain('Orders for Fabrikam Inc in the last 30 days');
    expect(first).toContain('Showing 1–10 of 12');
    const second = readAll(await user.say('more'));
    expect(second).toContain('Orders for Fabrikam Inc in the last 30 days');
    expect(second).toContain('Showing 11–12 of 12');
    const shown = [first, second].join('\n');
    expect(inside.filter((id) => !shown.includes(id))).toEqual([]);
    expect(outside.filter((id) => shown.includes(id))).toEqual([]);
    expect(readAll(await user.say('more'))).toContain('There is nothing more to show');
  });

  it('`order <id>` finds an order the bot placed whatever customer was used last, and says where it looked otherwise', async () => {
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:orders-anywhere', '29:windows-4');
    await user.say('buy for Contoso Ltd');
    await clickToConfirmation(user);
    await user.click('Place order');
    const placed = ORDER_ID.exec(await user.waitFor(/Order placed/))?.[1] ?? '';
    expect(placed).not.toBe('');

    // The last customer is now Fabrikam; the order is Contoso's.
    await user.say('orders for Fabrikam Inc');
    const found = readAll(await user.say(`order ${placed}`));
    expect(found).toContain('Order for Contoso Ltd');
    expect(found).toContain(placed);

    // Not placed by the bot and not Fabrikam's: the bot says where it looked and how to look elsewhere.
    const northwinds = await pastOrder('Northwind Traders', { daysAgo: 3 });
    const missing = readAll(await user.say(`order ${northwinds}`));
    expect(missing).toBe(
      `Order ${northwinds} isn't one of Fabrikam Inc's orders. I looked there because Fabrikam Inc is the customer you used last, and it isn't an order I placed. To look in another customer's orders, type **order ${northwinds} for** _customer name_.`,
    );
    const elsewhere = readAll(await user.say(`order ${northwinds} for Northwind Traders`));
    expect(elsewhere).toContain('Order for Northwind Traders');
    expect(elsewhere).toContain(northwinds);
  });
});
