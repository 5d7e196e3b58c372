import { E2eStack, startE2eStack } from '../support/e2eStack';
import { customerAndSubscription } from '../support/purchaseFlows';
import { readAll, TeamsUser } from '../support/teamsUser';

/** A 33-character Partner Center order id standing on its own (a GUID's 36 characters don't match). */
const ORDER_ID = /(?<![A-Za-z0-9_-])([A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/;

describe('a reservation narrowed size → region → term over HTTP, by structured choices with counts', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack({ orderListDelaySeconds: 60, orderCompletionSeconds: 30 });
  });
  afterAll(() => stack.close());

  it('reaches the 72 Dv5 SKUs by three clicks (a typed size and "more" work between them) and buys the one chosen', async () => {
    const { customerId, subscriptionId } = await customerAndSubscription(stack.simulator.url, 'Contoso Ltd');
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:e2e-reservation-narrowing');
    const titles = () => user.latestButtons().map((button) => button.title);

    expect(readAll(await user.say('buy for Contoso Ltd'))).toContain('Customer: **Contoso Ltd**');
    await user.click('Azure reserved VM instances');
    await user.say(subscriptionId);
    expect(readAll(await user.click('Reserved VM Instance, Dv5 Series'))).toContain('72 options. Pick a size');
    expect(titles()).toEqual(['Standard_D2s_v5 (24)', 'Standard_D4s_v5 (24)', 'Standard_D8s_v5 (24)']);
    // Only the verb and an opaque id travel: the size is kept by the bot.
    for (const button of user.latestButtons()) {
      expect(Object.keys(button.data as object).sort()).toEqual(['id', 'verb']);
      expect(JSON.stringify(button.data)).not.toContain('Standard_');
    }

    // "more" at a structured choice pages through the options themselves; typing then narrows again.
    expect(readAll(await user.say('more'))).toContain('Showing 1–10 of 72');
    expect(readAll(await user.say('Standard_D8s_v5'))).toContain('Which region?');
    expect(titles()).toHaveLength(12);
    expect(titles()).toContain('IN Central (2)');

    expect(readAll(await user.click('IN Central (2)'))).toContain(
      'All of these are **Reserved VM Instance, Standard_D8s_v5, IN Central**.',
    );
    expect(titles()).toEqual(['1 Year', '3 Years']);
    expect(readAll(await user.click('3 Years'))).toContain('How many? (1–100)');
    expect(readAll(await user.say('2'))).toContain('Which scope should the reservation have?');
    const confirmation = readAll(await user.click('Shared'));
    expect(confirmation).toContain('Reserved VM Instance, Standard_D8s_v5, IN Central, 3 Years');

    await user.click('Place order');
    const orderId = ORDER_ID.exec(await user.waitFor(/Order placed/))?.[1] ?? 'missing';
    const response = await fetch(`${stack.simulator.url}/v1/customers/${customerId}/orders/${orderId}`, {
      headers: { authorization: 'Bearer e2e-test' },
    });
    const order = (await response.json()) as {
      lineItems: { quantity: number; provisioningContext?: Record<string, string> }[];
    };
    expect(order.lineItems).toHaveLength(1);
    expect(order.lineItems[0].quantity).toBe(2);
    expect(order.lineItems[0].provisioningContext).toMatchObject({
      scope: 'shared',
      duration: '3Years',
      subscriptionId,
    });
  });
});
