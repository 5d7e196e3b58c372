import { textOf } from '../support/dialogHarness';
import { clickToConfirmation, E2eStack, startE2eStack } from '../support/e2eStack';
import { readableText } from '../support/readableText';
import { readAll, TeamsUser } from '../support/teamsUser';

describe('a checkout Partner Center never answers has a budget, and says what is known when it runs out', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack(
      { orderListDelaySeconds: 0, orderCompletionSeconds: 30 },
      { CHECKOUT_MAX_ATTEMPTS: '2', PARTNER_CENTER_MAX_RETRIES: '1' },
    );
  });
  afterAll(() => stack.close());

  it('stops after its attempts: the card says "not confirmed, check before ordering again", and audit lists it', async () => {
    await fetch(`${stack.simulator.url}/_simulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'POST', path: '/v1/customers/*/carts/*/checkout', status: 500, count: 1000 }),
    });
    const conversationId = 'a:budget';
    const user = new TeamsUser(stack.bot.server.url, stack.channel, conversationId);
    await user.say('buy for Contoso Ltd');
    await clickToConfirmation(user);
    await user.click('Place order');
    const card = readableText(await user.waitFor(/Not confirmed/, 60_000));
    expect(card).toMatch(/may or may not have been placed/);
    expect(card).toMatch(/before ordering again/);
    expect(card).not.toMatch(/Nothing was bought/);
    await stack.bot.checkouts.drain();

    const requests = (await (await fetch(`${stack.simulator.url}/_simulator/requests`)).json()) as {
      items: { method: string; path: string }[];
    };
    const calls = requests.items.filter((e) => e.method === 'POST' && /\/checkout$/i.test(e.path)).length;
    // Two attempts of the client's call with one retry each, then nothing more.
    expect(calls).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const again = (await (await fetch(`${stack.simulator.url}/_simulator/requests`)).json()) as typeof requests;
    expect(again.items.filter((e) => e.method === 'POST' && /\/checkout$/i.test(e.path))).toHaveLength(calls);

    expect(readAll(await user.say('audit 5'))).toMatch(/NOT CONFIRMED by Partner Center/);
    const late = readAll(await user.click('Place order')).replace(/\s+/g, ' ');
    expect(late).toMatch(/never confirmed whether this order went through/);
    expect(
      stack.channel.calls.filter((c) => c.conversationId === conversationId && /Order placed/.test(textOf(c.activity))),
    ).toEqual([]);
  }, 90_000);
});
