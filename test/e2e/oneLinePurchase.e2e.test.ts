import { E2eStack, startE2eStack } from '../support/e2eStack';
import { customerAndSubscription } from '../support/purchaseFlows';
import { readAll, TeamsUser } from '../support/teamsUser';

/** A 33-character Partner Center order id standing on its own (a GUID's 36 characters don't match). */
const ORDER_ID = /(?<![A-Za-z0-9_-])([A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/;

describe('a one-line purchase over HTTP: one message, the confirmation card, Place order, one order as asked', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack({ orderListDelaySeconds: 60, orderCompletionSeconds: 30 });
  });
  afterAll(() => stack.close());

  /** What Partner Center holds for an order of a customer. */
  async function orderOf(
    customerId: string,
    orderId: string,
  ): Promise<{ lineItems: { quantity: number; offerId: string; provisioningContext?: Record<string, string> }[] }> {
    const response = await fetch(`${stack.simulator.url}/v1/customers/${customerId}/orders/${orderId}`, {
      headers: { authorization: 'Bearer e2e-test' },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Awaited<ReturnType<typeof orderOf>>;
  }

  const cases: [string, (subscriptionId: string) => string, string, number, Record<string, string> | undefined][] = [
    [
      'a software subscription',
      () => 'buy 10 Windows Server 2022 Standard 1 year for Fabrikam',
      'Fabrikam Inc',
      10,
      undefined,
    ],
    [
      'a reservation of a size outside the first ten',
      (subscriptionId) => `buy 2 Standard_D8s_v5 West Europe 3 years shared for Contoso Ltd on ${subscriptionId}`,
      'Contoso Ltd',
      2,
      { scope: 'shared', duration: '3Years' },
    ],
  ];

  it.each(cases)('%s', async (name, line, customerName, quantity, context) => {
    const { customerId, subscriptionId } = await customerAndSubscription(stack.simulator.url, customerName);
    const user = new TeamsUser(stack.bot.server.url, stack.channel, `a:e2e-oneline-${name.replace(/\W+/g, '-')}`);
    const first = readAll(await user.say(line(subscriptionId)));
    expect(first).toContain(`Customer: **${customerName}**`);
    expect(first).toContain('Confirm your order');
    await user.click('Place order');
    const orderId = ORDER_ID.exec(await user.waitFor(/Order placed/))?.[1] ?? 'missing';
    const [lineItem] = (await orderOf(customerId, orderId)).lineItems;
    expect(lineItem.quantity).toBe(quantity);
    if (context) expect(lineItem.provisioningContext).toMatchObject({ ...context, subscriptionId });
  });
});
