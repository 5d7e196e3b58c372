import { clickToConfirmation, E2eStack, startE2eStack } from '../support/e2eStack';
import { readAll, TeamsUser } from '../support/teamsUser';

/** A 33-character Partner Center order id standing on its own (a GUID's 36 characters don't match). */
const ORDER_ID = /(?<![A-Za-z0-9_-])([A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/;

describe('a purchase over HTTP: Teams test channel → bot → Partner Center simulator', () => {
  let stack: E2eStack;
  // No simulator reset between tests: its seeded ids would repeat (cart ids included) while the bot's ledger persists.
  beforeAll(async () => {
    stack = await startE2eStack({ orderListDelaySeconds: 60, orderCompletionSeconds: 30 });
  });
  afterAll(() => stack.close());

  /** Types and clicks through to the confirmation card for a software subscription, as a user would. */
  async function reachConfirmation(user: TeamsUser): Promise<number> {
    const greeting = await user.say('buy for Contoso Ltd');
    expect(readAll(greeting)).toContain('Customer: **Contoso Ltd**');
    return clickToConfirmation(user);
  }

  it('a purchase typed and clicked as a user would ends with exactly one new order, fetched back by id', async () => {
    const before = await stack.listedOrderIds();
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:e2e-happy');
    const quantity = await reachConfirmation(user);

    const ack = await user.click('Place order');
    expect(readAll(ack)).toContain('Placing your order…');
    const text = await user.waitFor(/Order placed/);
    const orderId = ORDER_ID.exec(text)?.[1];
    expect(orderId).toBeDefined();

    const byId = await fetch(`${stack.simulator.url}/v1/customers/${stack.contosoId}/orders/${orderId}`, {
      headers: { authorization: 'Bearer e2e-test' },
    });
    expect(byId.status).toBe(200);
    const order = (await byId.json()) as { id: string; lineItems: { quantity: number }[] };
    expect(order.lineItems[0].quantity).toBe(quantity);

    const after = await stack.listedOrderIds();
    expect(after.filter((id) => !before.includes(id))).toEqual([orderId]);
  });

  it('pressing Place order twice still yields one order', async () => {
    const before = await stack.listedOrderIds();
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:e2e-twice');
    await reachConfirmation(user);
    const button = user.findButton('Place order');
    await user.submit(button.data);
    const firstId = ORDER_ID.exec(await user.waitFor(/Order placed/))?.[1];
    expect(firstId).toBeDefined();
    const second = await user.submit(button.data);
    expect(readAll(second)).toContain('already placed');
    expect(readAll(second)).toContain(firstId);
    const after = await stack.listedOrderIds();
    expect(after.filter((id) => !before.includes(id))).toEqual([firstId]);
  });

  it('two simultaneous presses of Place order still yield one order', async () => {
    const before = await stack.listedOrderIds();
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:e2e-together');
    await reachConfirmation(user);
    const button = user.findButton('Place order');
    await Promise.all([user.submit(button.data), user.submit(button.data)]);
    await user.waitFor(/Order placed/);
    await stack.bot.checkouts.drain();
    const after = await stack.listedOrderIds();
    expect(after.filter((id) => !before.includes(id))).toHaveLength(1);
  });
});
