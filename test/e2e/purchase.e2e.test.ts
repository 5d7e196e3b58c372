import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../bot/config';
import type { Logger } from '../../bot/logger';
import { RunningBotApp, startBotApp } from '../../bot/startBotApp';
import { RunningSimulator, startSimulator } from '../../simulator/server';
import { readAll, TeamsUser } from '../support/teamsUser';
import { TestChannel } from '../support/testChannel';

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const APP_TOKEN = { authorization: 'Bearer e2e-test' };
/** A 33-character Partner Center order id standing on its own (a GUID's 36 characters don't match). */
const ORDER_ID = /(?<![A-Za-z0-9_-])([A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/;

interface OrderList {
  items: { id: string }[];
}

describe('a purchase over HTTP: Teams test channel → bot → Partner Center simulator', () => {
  let simulator: RunningSimulator;
  let bot: RunningBotApp;
  const channel = new TestChannel();
  let dataDir: string;
  let contosoId: string;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, orderListDelaySeconds: 60, orderCompletionSeconds: 30 });
    await channel.start();
    dataDir = mkdtempSync(path.join(tmpdir(), 'bot-e2e-'));
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

  // No simulator reset between tests: its seeded ids would repeat (cart ids included) while the bot's ledger persists.

  /** The customer's orders as Partner Center lists them once the listing delay has passed. */
  async function listedOrderIds(): Promise<string[]> {
    await fetch(`${simulator.url}/_simulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 3600 }),
    });
    const response = await fetch(`${simulator.url}/v1/customers/${contosoId}/orders`, { headers: APP_TOKEN });
    return ((await response.json()) as OrderList).items.map((o) => o.id);
  }

  /** Types and clicks through to the confirmation card for a software subscription, as a user would. */
  async function reachConfirmation(user: TeamsUser): Promise<number> {
    const greeting = await user.say('buy for Contoso Ltd');
    expect(readAll(greeting)).toContain('Customer: **Contoso Ltd**');
    let replies = await user.click('Software subscriptions');
    for (let step = 0; step < 4; step += 1) {
      const asked = /How many\? \((\d+)–(\d+)\)/.exec(readAll(replies));
      if (asked) {
        const quantity = Number(asked[1]) + 1;
        replies = await user.say(String(quantity));
        expect(readAll(replies)).toContain('Place order');
        return quantity;
      }
      const next = user.latestButtons()[0];
      replies = await user.submit(next.data);
    }
    throw new Error(`never asked for a quantity; last replies: ${readAll(replies)}`);
  }

  it('a purchase typed and clicked as a user would ends with exactly one new order, fetched back by id', async () => {
    const before = await listedOrderIds();
    const user = new TeamsUser(bot.server.url, channel, 'a:e2e-happy');
    const quantity = await reachConfirmation(user);

    const ack = await user.click('Place order');
    expect(readAll(ack)).toContain('Placing your order…');
    const text = await user.waitFor(/Order placed/);
    const orderId = ORDER_ID.exec(text)?.[1];
    expect(orderId).toBeDefined();

    const byId = await fetch(`${simulator.url}/v1/customers/${contosoId}/orders/${orderId}`, { headers: APP_TOKEN });
    expect(byId.status).toBe(200);
    const order = (await byId.json()) as { id: string; lineItems: { quantity: number }[] };
    expect(order.lineItems[0].quantity).toBe(quantity);

    const after = await listedOrderIds();
    expect(after.filter((id) => !before.includes(id))).toEqual([orderId]);
  });

  it('pressing Place order twice still yields one order', async () => {
    const before = await listedOrderIds();
    const user = new TeamsUser(bot.server.url, channel, 'a:e2e-twice');
    await reachConfirmation(user);
    const button = user.findButton('Place order');
    await user.submit(button.data);
    const firstId = ORDER_ID.exec(await user.waitFor(/Order placed/))?.[1];
    expect(firstId).toBeDefined();
    const second = await user.submit(button.data);
    expect(readAll(second)).toContain('already placed');
    expect(readAll(second)).toContain(firstId);
    const after = await listedOrderIds();
    expect(after.filter((id) => !before.includes(id))).toEqual([firstId]);
  });

  it('two simultaneous presses of Place order still yield one order', async () => {
    const before = await listedOrderIds();
    const user = new TeamsUser(bot.server.url, channel, 'a:e2e-together');
    await reachConfirmation(user);
    const button = user.findButton('Place order');
    await Promise.all([user.submit(button.data), user.submit(button.data)]);
    await user.waitFor(/Order placed/);
    await bot.checkouts.drain();
    const after = await listedOrderIds();
    expect(after.filter((id) => !before.includes(id))).toHaveLength(1);
  });
});
