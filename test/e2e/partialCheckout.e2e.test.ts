import { readFileSync } from 'node:fs';
import path from 'node:path';
import { clickToConfirmation, E2eStack, startE2eStack } from '../support/e2eStack';
import { readAll, TeamsUser } from '../support/teamsUser';

/**
 * The one-time order of the documented checkout example next to a refused order group (OrderError shaped like the
 * SDK's model): no documentation example shows a non-empty `orderErrors`.
 */
const partialResult: unknown = JSON.parse(
  readFileSync(path.join(__dirname, '..', 'fixtures', 'partner-center', 'checkout-cart.partial.response.json'), 'utf8'),
);
const APOLOGY = /Sorry, something went wrong/;

describe('checkouts Partner Center answers with order errors, over HTTP with the real bot', () => {
  let stack: E2eStack;

  beforeAll(async () => {
    stack = await startE2eStack({ orderListDelaySeconds: 0, orderCompletionSeconds: 30 });
  });
  afterAll(() => stack.close());

  async function control(route: string, body: unknown): Promise<void> {
    const response = await fetch(`${stack.simulator.url}/_simulator/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBeLessThan(300);
  }

  async function checkoutCalls(): Promise<number> {
    const { items } = (await (await fetch(`${stack.simulator.url}/_simulator/requests`)).json()) as {
      items: { method: string; path: string }[];
    };
    return items.filter((entry) => entry.method === 'POST' && /\/checkout$/i.test(entry.path)).length;
  }

  /** Reaches the confirmation card of the first software subscription; returns the quantity typed. */
  async function confirmPurchase(user: TeamsUser): Promise<number> {
    await user.say('buy for Contoso Ltd');
    return clickToConfirmation(user);
  }

  it('a checkout refused for every order group says nothing was bought, why, and is not sent again', async () => {
    await control('checkout/refusals', { code: 800069, description: 'Order failed Risk Management check' });
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:partial-refused');
    const quantity = await confirmPurchase(user);
    const callsBefore = await checkoutCalls();

    await user.click('Place order');
    const card = await user.waitFor(/Order not placed/);
    await stack.bot.checkouts.drain();

    expect(card).toContain('Nothing was bought.');
    // What was not bought: the cart's line, named as the confirmation card named it.
    expect(card).toContain(`${quantity} × Windows Server 2022 Datacenter - 2 Core License Pack - 1 year`);
    expect(card).toContain('Order failed Risk Management check');
    expect(card).toContain('Partner Center code 800069');
    expect(card).not.toMatch(APOLOGY);
    expect(await checkoutCalls()).toBe(callsBefore + 1);
    const audit = readAll(await user.say('audit 1'));
    expect(audit).toContain('order failed');
  });

  it('a checkout that placed part of the cart shows what was bought and what was not, audited as partial', async () => {
    await control('faults', {
      method: 'POST',
      path: '/v1/customers/*/carts/*/checkout',
      status: 201,
      body: partialResult,
    });
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:partial-placed');
    await confirmPurchase(user);
    const callsBefore = await checkoutCalls();
    const placeOrder = user.findButton('Place order');

    await user.submit(placeOrder.data);
    const card = await user.waitFor(/Order partly placed/);
    await stack.bot.checkouts.drain();

    expect(card).toContain('311qiN8iFwkv-XARWMvXRYAwYKMACVqv1');
    expect(card).toContain('BizTalk Server 2016 Branch');
    expect(card).toContain('Not ordered');
    expect(card).toContain('Order failed Risk Management check');
    expect(card).toContain('Partner Center code 800069');
    expect(card).not.toMatch(APOLOGY);
    expect(await checkoutCalls()).toBe(callsBefore + 1);

    // Final: pressing Place order again shows the same outcome and sends nothing.
    const again = readAll(await user.submit(placeOrder.data));
    expect(again).toContain('already partly placed');
    expect(await checkoutCalls()).toBe(callsBefore + 1);

    const audit = readAll(await user.say('audit 3'));
    expect(audit).toContain('order PARTLY placed');
    expect(audit).toContain('311qiN8iFwkv-XARWMvXRYAwYKMACVqv1');
  });
});
