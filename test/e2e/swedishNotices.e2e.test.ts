import { E2eStack, startE2eStack } from '../support/e2eStack';
import { englishWordsIn } from '../support/englishWords';
import { readableText } from '../support/readableText';
import { TeamsUser } from '../support/teamsUser';

/** A 33-character Partner Center order id standing on its own. */
const ORDER_ID = /(?<![A-Za-z0-9_-])([A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/;

describe('notices the bot sends later are in the language the purchase was made in, over HTTP', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack(
      { orderListDelaySeconds: 0, orderCompletionSeconds: 600 },
      { ORDER_TRACKING_FIRST_CHECK_SECONDS: '1', ORDER_TRACKING_MAX_INTERVAL_MINUTES: '1' },
    );
  });
  afterAll(() => stack.close());

  it('a purchase made from Teams in Swedish is told it completed in Swedish, though the notice comes from no turn', async () => {
    const conversationId = 'a:tracked-sv';
    const user = new TeamsUser(stack.bot.server.url, stack.channel, conversationId, '29:e2e-sv', {
      fields: { locale: 'sv-SE' },
    });
    await user.say('köp 10 Windows Server 2022 Standard 1 år för Fabrikam');
    // Pressed by what the button does, not by its title: the purchase dialogs' own words are not this test's subject.
    const place = user.latestButtons().find((button) => button.data.verb === 'placeOrder');
    expect(place).toBeDefined();
    await user.submit(place?.data);
    // The order is placed in the background; its card then shows the order id.
    const placed = readableText(await user.waitFor(ORDER_ID, 30_000));
    const orderId = ORDER_ID.exec(placed)?.[1] ?? '';
    expect(orderId).toMatch(ORDER_ID);

    // Partner Center finishes the order (the simulator's clock moves past its completion time).
    await fetch(`${stack.simulator.url}/_simulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 700 }),
    });
    const notice = readableText(await user.waitFor(/är slutförd/, 30_000));
    expect(notice).toContain(`Beställning ${orderId} för Fabrikam Inc är slutförd.`);
    expect(englishWordsIn(notice, [orderId, 'Fabrikam Inc'])).toEqual([]);
  });
});
