import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../bot/config';
import type { Logger } from '../../bot/logger';
import { RunningBotApp, startBotApp } from '../../bot/startBotApp';
import { RunningSimulator, startSimulator } from '../../simulator/server';
import { textOf } from '../support/dialogHarness';
import { readAll, TeamsUser } from '../support/teamsUser';
import { TestChannel } from '../support/testChannel';

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const APP_TOKEN = { authorization: 'Bearer e2e-test' };

interface OrderList {
  items: { id: string }[];
}

describe('Teams delivering the same activity more than once, over HTTP', () => {
  let simulator: RunningSimulator;
  let bot: RunningBotApp;
  const channel = new TestChannel();
  let dataDir: string;
  let contosoId: string;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, orderListDelaySeconds: 60, orderCompletionSeconds: 30 });
    await channel.start();
    dataDir = mkdtempSync(path.join(tmpdir(), 'bot-redelivery-'));
    const config = loadConfig({ PORT: '0', PARTNER_CENTER_BASE_URL: simulator.url, DATA_DIR: dataDir });
    bot = await startBotApp(config, silent, 'e2e');
    const search = await fetch(
      `${simulator.url}/v1/customers?size=10&filter=${encodeURIComponent(
        JSON.stringify({ Field: 'CompanyName', Value: 'Contoso Ltd', Operator: 'starts_with' }),
      )}`,
      { headers: APP_TOKEN },
    );
    contosoId = ((await search.json()) as OrderList).items[0].id;
  });

  afterAll(async () => {
    await bot.close();
    await simulator.close();
    await channel.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Contoso's orders as Partner Center lists them once the listing delay has passed. */
  async function listedOrderIds(): Promise<string[]> {
    await fetch(`${simulator.url}/_simulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 3600 }),
    });
    const response = await fetch(`${simulator.url}/v1/customers/${contosoId}/orders`, { headers: APP_TOKEN });
    return ((await response.json()) as OrderList).items.map((o) => o.id);
  }

  /** Clicks through to the confirmation card of a software subscription, each activity delivered once. */
  async function reachConfirmation(user: TeamsUser): Promise<void> {
    let replies = await user.click('Software subscriptions');
    for (let step = 0; step < 4; step += 1) {
      const asked = /How many\? \((\d+)–(\d+)\)/.exec(readAll(replies));
      if (asked) {
        replies = await user.say(String(Number(asked[1]) + 1));
        expect(readAll(replies)).toContain('Place order');
        return;
      }
      replies = await user.submit(user.latestButtons()[0].data);
    }
    throw new Error(`never asked for a quantity; last replies: ${readAll(replies)}`);
  }

  /** How many times the bot sent or updated something in the conversation that reads like `pattern`. */
  function shown(conversationId: string, pattern: RegExp): number {
    return channel.calls.filter(
      (c) => c.conversationId === conversationId && c.activity?.type !== 'typing' && pattern.test(textOf(c.activity)),
    ).length;
  }

  it('a message delivered three times with the same id is answered once', async () => {
    const user = new TeamsUser(bot.server.url, channel, 'a:redelivered-message');
    const first = await user.send({ id: 'greeting-1', text: 'buy for Contoso Ltd' });
    expect(readAll(first)).toContain('Customer: **Contoso Ltd**');
    expect(await user.send({ id: 'greeting-1', text: 'buy for Contoso Ltd' })).toEqual([]);
    expect(await user.send({ id: 'greeting-1', text: 'buy for Contoso Ltd' })).toEqual([]);
    expect(shown('a:redelivered-message', /Customer: \*\*Contoso Ltd\*\*/)).toBe(1);
  });

  it('"Place order" delivered three times with the same id acknowledges once and places one order', async () => {
    const before = await listedOrderIds();
    const conversationId = 'a:redelivered-place-order';
    const user = new TeamsUser(bot.server.url, channel, conversationId);
    await user.say('buy for Contoso Ltd');
    await reachConfirmation(user);
    const button = user.findButton('Place order');

    const first = await user.send({ id: 'place-order-1', value: button.data });
    expect(readAll(first)).toContain('Placing your order…');
    // Teams redelivers while the checkout is still running in the background.
    await user.send({ id: 'place-order-1', value: button.data });
    await user.send({ id: 'place-order-1', value: button.data });
    await user.waitFor(/Order placed/);
    await bot.checkouts.drain();

    expect(shown(conversationId, /Placing your order…/)).toBe(1);
    expect(shown(conversationId, /Order placed/)).toBe(1);
    expect(shown(conversationId, /already being placed|already placed/)).toBe(0);
    const after = await listedOrderIds();
    expect(after.filter((id) => !before.includes(id))).toHaveLength(1);
  });

  it('"Place order" delivered twice at the same moment places one order and shows one final outcome', async () => {
    const before = await listedOrderIds();
    const conversationId = 'a:redelivered-together';
    const user = new TeamsUser(bot.server.url, channel, conversationId);
    await user.say('buy for Contoso Ltd');
    await reachConfirmation(user);
    const button = user.findButton('Place order');

    await Promise.all([
      user.send({ id: 'place-order-2', value: button.data }),
      user.send({ id: 'place-order-2', value: button.data }),
    ]);
    await user.waitFor(/Order placed/);
    await bot.checkouts.drain();

    expect(shown(conversationId, /Placing your order…/)).toBe(1);
    expect(shown(conversationId, /Order placed/)).toBe(1);
    const after = await listedOrderIds();
    expect(after.filter((id) => !before.includes(id))).toHaveLength(1);
  });
});
