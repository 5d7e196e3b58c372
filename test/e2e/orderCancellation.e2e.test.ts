import { clickToConfirmation, E2eStack, startE2eStack } from '../support/e2eStack';
import { readAll, TeamsUser } from '../support/teamsUser';

const DAY = 86_400_000;
const APP_TOKEN = { authorization: 'Bearer e2e-test' };

describe('undoing a purchase within the cancellation window, over HTTP', () => {
  let stack: E2eStack;
  let clockOffsetMs = 0;

  // A stack each: the tests move the simulator's clock and the bot's.
  beforeEach(async () => {
    clockOffsetMs = 0;
    stack = await startE2eStack(
      { orderListDelaySeconds: 0, orderCompletionSeconds: 0 },
      {},
      { now: () => Date.now() + clockOffsetMs },
    );
  });
  afterEach(() => stack.close());

  /** Buys the first software subscription for Contoso in a chat of its own; returns the new order's id. */
  async function buy(user: TeamsUser): Promise<string> {
    const before = await orderIds();
    await user.say('buy for Contoso Ltd');
    await clickToConfirmation(user);
    await user.click('Place order');
    await user.waitFor(/Order placed/);
    await stack.bot.checkouts.drain();
    const placed = (await orderIds()).filter((id) => !before.includes(id));
    expect(placed).toHaveLength(1);
    return placed[0];
  }

  async function orderIds(): Promise<string[]> {
    const response = await fetch(`${stack.simulator.url}/v1/customers/${stack.contosoId}/orders`, {
      headers: APP_TOKEN,
    });
    return ((await response.json()) as { items: { id: string }[] }).items.map((o) => o.id);
  }

  async function orderStatus(orderId: string): Promise<string> {
    const response = await fetch(`${stack.simulator.url}/v1/customers/${stack.contosoId}/orders/${orderId}`, {
      headers: APP_TOKEN,
    });
    return ((await response.json()) as { status: string }).status;
  }

  async function advanceSimulator(seconds: number): Promise<void> {
    await fetch(`${stack.simulator.url}/_simulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: seconds }),
    });
  }

  it('inside the window: the order card offers Cancel order with refund and deadline; confirming cancels it', async () => {
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:cancel-inside');
    const orderId = await buy(user);
    const card = readAll(await user.say(`order ${orderId}`));
    expect(card).toContain('Cancel order');
    expect(card).toMatch(/Can be cancelled until .+ for a prorated refund of about \$[\d,.]+/);

    const asked = readAll(await user.click('Cancel order'));
    expect(asked).toContain(`Cancel order ${orderId}?`);
    expect(asked).toContain('Yes, cancel the order');
    expect(await orderStatus(orderId)).not.toBe('cancelled');

    const done = readAll(await user.click('Yes, cancel the order'));
    expect(done).toMatch(new RegExp(`Order ${orderId} for Contoso Ltd is cancelled`));
    expect(await orderStatus(orderId)).toBe('cancelled');
    expect(readAll(await user.say('audit 5'))).toContain('**order cancelled**');

    // Cancelled: the card offers nothing more.
    expect(readAll(await user.say(`order ${orderId}`))).not.toContain('Cancel order');
  });

  it('after the window: no Cancel order on the card, and Partner Center’s refusal of a late confirmation is said plainly', async () => {
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:cancel-outside');
    const orderId = await buy(user);
    await user.say(`order ${orderId}`);
    await user.click('Cancel order');

    // Eight days later in Partner Center: its documented refusal (400 / 900117) comes back as a sentence.
    await advanceSimulator(8 * 86_400);
    const refused = readAll(await user.click('Yes, cancel the order'));
    expect(refused).toMatch(/Order not cancelled/);
    expect(refused).toMatch(/its cancellation window has closed/);
    // "…{0}-day cancellation window" (900117) or "…{0}-hour…" (900213), as Partner Center words it.
    expect(refused).toMatch(/Partner Center code (900117|900213)/);
    expect(await orderStatus(orderId)).not.toBe('cancelled');

    // The bot's clock too: the card no longer offers it, and an old Cancel order button explains.
    clockOffsetMs = 8 * DAY;
    expect(readAll(await user.say(`order ${orderId}`))).not.toContain('Cancel order');
    expect(readAll(await user.submit(user.findButton('Cancel order').data))).toMatch(
      new RegExp(`Order ${orderId} can't be cancelled: its cancellation window has closed on `),
    );
  });

  it('a day before the window closes the purchaser is reminded, once (a fast clock)', async () => {
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:cancel-reminder');
    const orderId = await buy(user);
    const reminders = stack.bot.reminders;
    if (!reminders) throw new Error('reminders are on by default');
    const due = async () => {
      for (const job of await reminders.open()) await reminders.step(job.id);
    };
    await due();
    expect(stack.channel.calls.some((c) => /Reminder: order/.test(String(c.activity?.text)))).toBe(false);

    clockOffsetMs = 6 * DAY + 3_600_000;
    await due();
    const reminder = await user.waitFor(/Reminder: order/);
    expect(reminder).toContain(`order ${orderId} for Contoso Ltd closes for cancellation in about a day`);
    expect(reminder).toMatch(/prorated refund/);
    await due();
    const sent = stack.channel.calls.filter(
      (c) => c.conversationId === 'a:cancel-reminder' && /Reminder: order/.test(String(c.activity?.text)),
    );
    expect(sent).toHaveLength(1);
  });
});
