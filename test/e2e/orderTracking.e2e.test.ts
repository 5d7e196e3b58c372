import { textOf } from '../support/dialogHarness';
import { clickToConfirmation, E2eStack, startE2eStack } from '../support/e2eStack';
import { readableText } from '../support/readableText';
import { TeamsUser } from '../support/teamsUser';

/** A 33-character Partner Center order id standing on its own. */
const ORDER_ID = /(?<![A-Za-z0-9_-])([A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/;

describe('the bot follows the orders it placed until Partner Center finishes them, over HTTP', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack(
      { orderListDelaySeconds: 0, orderCompletionSeconds: 600 },
      { ORDER_TRACKING_FIRST_CHECK_SECONDS: '1', ORDER_TRACKING_MAX_INTERVAL_MINUTES: '1' },
    );
  });
  afterAll(() => stack.close());

  it('when the order completes, the card shows Completed and the purchaser is told, once', async () => {
    const conversationId = 'a:tracked';
    const user = new TeamsUser(stack.bot.server.url, stack.channel, conversationId);
    await user.say('buy for Contoso Ltd');
    await clickToConfirmation(user);
    await user.click('Place order');
    const placed = readableText(await user.waitFor(/Order placed/));
    const orderId = ORDER_ID.exec(placed)?.[1] ?? '';
    expect(placed).toMatch(/Pending/);

    // Partner Center finishes the order (the simulator's clock moves past its completion time).
    await fetch(`${stack.simulator.url}/_simulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 700 }),
    });
    const notice = readableText(await user.waitFor(/is complete/, 30_000));
    expect(notice).toContain(`Order ${orderId} for Contoso Ltd is complete.`);
    const cards = stack.channel.calls.filter(
      (c) => c.conversationId === conversationId && c.method === 'PUT' && /Order placed/.test(textOf(c.activity)),
    );
    expect(textOf(cards.at(-1)?.activity)).toMatch(/Completed/);

    // It stops looking: no second notice however long one waits.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const notices = stack.channel.calls.filter(
      (c) => c.conversationId === conversationId && /is complete/.test(textOf(c.activity)),
    );
    expect(notices).toHaveLength(1);
  });
});
