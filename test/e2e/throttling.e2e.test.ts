import { clickToConfirmation, E2eStack, startE2eStack } from '../support/e2eStack';
import { readAll, TeamsUser } from '../support/teamsUser';

const BUSY = /Partner Center is receiving too many requests right now; try again in about 30 seconds\./;

/** The statuses Partner Center answered on a path (query left out), oldest first. */
async function answersOn(stack: E2eStack, path: RegExp): Promise<(number | string | null)[]> {
  const response = await fetch(`${stack.simulator.url}/_simulator/requests`);
  const { items } = (await response.json()) as { items: { path: string; status: number | string | null }[] };
  return items.filter((entry) => path.test(entry.path)).map((entry) => entry.status);
}

describe('a throttled Partner Center, as a person in chat sees it, over HTTP', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    // A small chat budget, so a checkout's 3-second Retry-After is beyond it: a chat turn would not wait that out.
    stack = await startE2eStack(
      { orderListDelaySeconds: 60, orderCompletionSeconds: 30 },
      { PARTNER_CENTER_CHAT_RETRY_DEADLINE_MS: '2000' },
    );
  });
  afterAll(() => stack.close());
  afterEach(async () => {
    await fetch(`${stack.simulator.url}/_simulator/faults`, { method: 'DELETE' });
  });

  it('a lookup answered 429 with Retry-After 30 says at once that Partner Center is busy and when to try again', async () => {
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:throttled-orders');
    await stack.fault({ method: 'GET', path: '/v1/customers/*/orders', status: 429, retryAfterSeconds: 30 });

    const replies = await user.say('orders for Contoso Ltd');

    const text = readAll(replies);
    expect(text).toMatch(new RegExp(`I could not read Contoso Ltd's orders: ${BUSY.source}`));
    // Not held through the wait: no "taking a moment" notice, and Partner Center was asked once, not again 30 s later.
    expect(text).not.toMatch(/taking a moment/);
    expect(await answersOn(stack, /\/customers\/[^/]+\/orders$/)).toEqual([429]);
    // Asked again once the wait is over (here: the fault is spent), the answer is there.
    expect(readAll(await user.say('orders for Contoso Ltd'))).toMatch(/Orders for Contoso Ltd/);
  });

  it('five 429s in a row: each ask gets the same sentence at once, and the ask after them gets the balance', async () => {
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:throttled-balance');
    await stack.fault({ method: 'GET', path: '/v1/invoices/summaries', status: 429, retryAfterSeconds: 30, count: 5 });
    const before = (await answersOn(stack, /^\/v1\/invoices\/summaries$/)).length;

    const said: string[] = [];
    for (let ask = 0; ask < 6; ask += 1) said.push(readAll(await user.say('balance')));

    for (const text of said.slice(0, 5)) {
      expect(text).toMatch(new RegExp(`^I could not read your balance: ${BUSY.source}`));
      expect(text).not.toMatch(/Your balance|taking a moment/);
    }
    expect(said[5]).toMatch(/Your balance/);
    // One call per ask: no turn sat out a Retry-After.
    expect((await answersOn(stack, /^\/v1\/invoices\/summaries$/)).slice(before)).toEqual([
      429, 429, 429, 429, 429, 200,
    ]);
  });

  it('a Retry-After that fits the chat budget is waited out within the turn, and the answer comes instead of an error', async () => {
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:briefly-throttled');
    await stack.fault({ method: 'GET', path: '/v1/invoices/summaries', status: 429, retryAfterSeconds: 1 });

    const text = readAll(await user.say('balance'));

    expect(text).toMatch(/Your balance/);
    expect(text).not.toMatch(/too many requests/);
  });

  it('a checkout throttled beyond the chat budget is still waited out in the background, and the order is placed', async () => {
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:throttled-checkout');
    expect(readAll(await user.say('buy for Contoso Ltd'))).toContain('Customer: **Contoso Ltd**');
    await clickToConfirmation(user);
    await stack.fault({ method: 'POST', path: '/v1/customers/*/carts/*/checkout', status: 429, retryAfterSeconds: 3 });

    const ack = await user.click('Place order');

    expect(readAll(ack)).toContain('Placing your order…');
    expect(await user.waitFor(/Order placed|not placed|not confirmed/i, 60_000)).toMatch(/Order placed/);
    expect(await answersOn(stack, /\/carts\/[^/]+\/checkout$/)).toEqual([429, 201]);
  });
});
