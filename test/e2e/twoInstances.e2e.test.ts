import { loadConfig } from '../../bot/config';
import type { Logger } from '../../bot/logger';
import { RunningBotApp, startBotApp } from '../../bot/startBotApp';
import { RunningSimulator, startSimulator } from '../../simulator/server';
import { RunningAzurite, startAzurite } from '../storage/azurite';
import { readAll, TeamsUser } from '../support/teamsUser';
import { TestChannel } from '../support/testChannel';

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('two bot instances sharing one Azure Blob store (Azurite)', () => {
  jest.setTimeout(60_000);
  let azurite: RunningAzurite;
  let simulator: RunningSimulator;
  const bots: RunningBotApp[] = [];
  const channel = new TestChannel();

  beforeAll(async () => {
    azurite = await startAzurite();
    simulator = await startSimulator({ port: 0, orderListDelaySeconds: 0 });
    await channel.start();
    for (let i = 0; i < 2; i += 1) {
      const config = loadConfig({
        PORT: '0',
        PARTNER_CENTER_BASE_URL: simulator.url,
        STATE_STORE: 'blob',
        AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
        AZURE_STORAGE_CONTAINER: 'two-instances',
        BOT_INSTANCE_ID: `instance-${i}`,
      });
      bots.push(await startBotApp(config, silent, `instance-${i}`));
    }
  });

  afterAll(async () => {
    for (const bot of bots) await bot.close();
    await simulator.close();
    await channel.stop();
    await azurite.stop();
  });

  it('simultaneous Place order clicks for the same cart on both instances place one order', async () => {
    const onA = new TeamsUser(bots[0].server.url, channel, 'a:two-instances');
    const onB = new TeamsUser(bots[1].server.url, channel, 'a:two-instances');
    // The conversation moves between instances, as behind a load balancer.
    await onA.say('buy for Contoso Ltd');
    await onB.click('Software subscriptions');
    await onA.click('Visual Studio Professional Subscription');
    await onB.click('1 year');
    expect(readAll(await onA.say('4'))).toContain('Place order');
    const button = onA.findButton('Place order');

    await Promise.all([onA.submit(button.data), onB.submit(button.data)]);
    await onA.waitFor(/Order placed/);
    await Promise.all(bots.map((b) => b.checkouts.drain()));

    const journal = (await (await fetch(`${simulator.url}/_simulator/requests`)).json()) as {
      items: { method: string; path: string; status: number | string | null; requestId: string }[];
    };
    const checkouts = journal.items.filter((e) => e.method === 'POST' && /\/checkout$/i.test(e.path));
    expect(checkouts).toHaveLength(1);
    expect(checkouts[0].status).toBe(201);

    const search = await fetch(
      `${simulator.url}/v1/customers?size=1&filter=${encodeURIComponent(
        JSON.stringify({ Field: 'CompanyName', Value: 'Contoso Ltd', Operator: 'starts_with' }),
      )}`,
      { headers: { authorization: 'Bearer t' } },
    );
    const customerId = ((await search.json()) as { items: { id: string }[] }).items[0].id;
    const orders = (await (
      await fetch(`${simulator.url}/v1/customers/${customerId}/orders?billingType=onetime`, {
        headers: { authorization: 'Bearer t' },
      })
    ).json()) as { items: { id: string; creationDate: string }[] };
    const placedNow = orders.items.filter((o) => Date.parse(o.creationDate) > Date.now() - 60_000);
    expect(placedNow).toHaveLength(1);
  });
});
