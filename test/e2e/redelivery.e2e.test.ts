import { textOf } from '../support/dialogHarness';
import { clickToConfirmation, E2eStack, startE2eStack } from '../support/e2eStack';
import { readAll, TeamsUser } from '../support/teamsUser';

describe('Teams delivering the same activity more than once, over HTTP', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack({ orderListDelaySeconds: 60, orderCompletionSeconds: 30 });
  });
  afterAll(() => stack.close());

  /** How many times the bot sent or updated something in the conversation that reads like `pattern`. */
  function shown(conversationId: string, pattern: RegExp): number {
    return stack.channel.calls.filter(
      (c) => c.conversationId === conversationId && c.activity?.type !== 'typing' && pattern.test(textOf(c.activity)),
    ).length;
  }

  it('a message delivered three times with the same id is answered once', async () => {
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:redelivered-message');
    const first = await user.send({ id: 'greeting-1', text: 'buy for Contoso Ltd' });
    expect(readAll(first)).toContain('Customer: **Contoso Ltd**');
    expect(await user.send({ id: 'greeting-1', text: 'buy for Contoso Ltd' })).toEqual([]);
    expect(await user.send({ id: 'greeting-1', text: 'buy for Contoso Ltd' })).toEqual([]);
    expect(shown('a:redelivered-message', /Customer: \*\*Contoso Ltd\*\*/)).toBe(1);
  });

  it('"Place order" delivered three times with the same id acknowledges once and places one order', async () => {
    const before = await stack.listedOrderIds();
    const conversationId = 'a:redelivered-place-order';
    const user = new TeamsUser(stack.bot.server.url, stack.channel, conversationId);
    await user.say('buy for Contoso Ltd');
    await clickToConfirmation(user);
    const button = user.findButton('Place order');

    const first = await user.send({ id: 'place-order-1', value: button.data });
    expect(readAll(first)).toContain('Placing your order…');
    // Teams redelivers while the checkout is still running in the background.
    await user.send({ id: 'place-order-1', value: button.data });
    await user.send({ id: 'place-order-1', value: button.data });
    await user.waitFor(/Order placed/);
    await stack.bot.checkouts.drain();

    expect(shown(conversationId, /Placing your order…/)).toBe(1);
    expect(shown(conversationId, /Order placed/)).toBe(1);
    expect(shown(conversationId, /already being placed|already placed/)).toBe(0);
    const after = await stack.listedOrderIds();
    expect(after.filter((id) => !before.includes(id))).toHaveLength(1);
  });

  it('"Place order" delivered twice at the same moment places one order and shows one final outcome', async () => {
    const before = await stack.listedOrderIds();
    const conversationId = 'a:redelivered-together';
    const user = new TeamsUser(stack.bot.server.url, stack.channel, conversationId);
    await user.say('buy for Contoso Ltd');
    await clickToConfirmation(user);
    const button = user.findButton('Place order');

    await Promise.all([
      user.send({ id: 'place-order-2', value: button.data }),
      user.send({ id: 'place-order-2', value: button.data }),
    ]);
    await user.waitFor(/Order placed/);
    await stack.bot.checkouts.drain();

    expect(shown(conversationId, /Placing your order…/)).toBe(1);
    expect(shown(conversationId, /Order placed/)).toBe(1);
    const after = await stack.listedOrderIds();
    expect(after.filter((id) => !before.includes(id))).toHaveLength(1);
  });
});
