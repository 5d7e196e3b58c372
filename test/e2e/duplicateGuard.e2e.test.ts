import { textOf } from '../support/dialogHarness';
import { clickToConfirmation, E2eStack, startE2eStack } from '../support/e2eStack';
import { readAll, TeamsUser } from '../support/teamsUser';

describe('buying the same thing again for the same customer asks first (the duplicate guard), over HTTP', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack(
      { orderListDelaySeconds: 0, orderCompletionSeconds: 30 },
      { DUPLICATE_GUARD_MINUTES: '60' },
    );
  });
  afterAll(() => stack.close());

  async function checkoutCalls(): Promise<number> {
    const response = await fetch(`${stack.simulator.url}/_simulator/requests`);
    const { items } = (await response.json()) as { items: { method: string; path: string }[] };
    return items.filter((e) => e.method === 'POST' && /\/checkout$/i.test(e.path)).length;
  }

  it('a second purchase of the same SKU is held until the person presses Place order again, then placed once', async () => {
    const before = await stack.listedOrderIds();
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:guard-first');
    await user.say('buy for Contoso Ltd');
    await clickToConfirmation(user);
    await user.click('Place order');
    await user.waitFor(/Order placed/);
    await stack.bot.checkouts.drain();

    // Someone "tries again" from another chat, as a person told the first attempt failed would.
    const again = new TeamsUser(stack.bot.server.url, stack.channel, 'a:guard-second');
    await again.say('buy for Contoso Ltd');
    const quantity = await clickToConfirmation(again);
    const callsBefore = await checkoutCalls();
    const warned = readAll(await again.click('Place order'));
    expect(warned).toMatch(/You already ordered this for Contoso Ltd/);
    expect(warned).toMatch(new RegExp(`${quantity} × .*placed as order`));
    expect(warned).toMatch(/Nothing new has been bought/);
    expect(warned).not.toMatch(/Placing your order/);
    expect(await checkoutCalls()).toBe(callsBefore);

    const confirmed = readAll(await again.click('Place order'));
    expect(confirmed).toMatch(/Placing your order/);
    await again.waitFor(/Order placed/);
    await stack.bot.checkouts.drain();
    const after = await stack.listedOrderIds();
    expect(after.filter((id) => !before.includes(id))).toHaveLength(2);
  });

  it('Cancel after the warning buys nothing', async () => {
    const before = await stack.listedOrderIds();
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:guard-cancel');
    await user.say('buy for Contoso Ltd');
    await clickToConfirmation(user);
    expect(readAll(await user.click('Place order'))).toMatch(/You already ordered this/);
    expect(readAll(await user.click('Cancel'))).toMatch(/nothing was bought/i);
    const after = await stack.listedOrderIds();
    expect(after.filter((id) => !before.includes(id))).toEqual([]);
    expect(
      stack.channel.calls.filter(
        (c) => c.conversationId === 'a:guard-cancel' && /Order placed/.test(textOf(c.activity)),
      ),
    ).toEqual([]);
  });
});
