import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../bot/config';
import type { Logger } from '../../bot/logger';
import { RunningBotApp, startBotApp } from '../../bot/startBotApp';
import { CALLER_OBJECT_ID_HEADER } from '../../bot/statements/StatementService';
import { RunningSimulator, startSimulator } from '../../simulator/server';
import { readAll, TeamsUser } from '../support/teamsUser';
import { TestChannel } from '../support/testChannel';

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const ORDER_ID = /(?<![A-Za-z0-9_-])([A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/;
/** The Entra object id the test channel gives its user (see inboundActivity). */
const ASKING_USER = '00000000-0000-0000-0000-0000000000a1';

describe('quick lookups over HTTP: Teams test channel → bot → Partner Center simulator', () => {
  let simulator: RunningSimulator;
  let bot: RunningBotApp;
  const channel = new TestChannel();
  let dataDir: string;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, orderListDelaySeconds: 600, registrationStepSeconds: 1 });
    await channel.start();
    dataDir = mkdtempSync(path.join(tmpdir(), 'bot-lookups-'));
    const config = loadConfig({
      PORT: '0',
      PARTNER_CENTER_BASE_URL: simulator.url,
      DATA_DIR: dataDir,
      DOWNLOAD_LINK_TTL_SECONDS: '2',
      REGISTRATION_POLL_SECONDS: '1',
    });
    bot = await startBotApp(config, silent, 'e2e');
  });

  /** Invoice ids as Partner Center lists them (newest first). */
  async function invoiceIds(): Promise<string[]> {
    const response = await fetch(`${simulator.url}/v1/invoices?size=50`, { headers: { authorization: 'Bearer e2e' } });
    return ((await response.json()) as { items: { id: string }[] }).items.map((i) => i.id);
  }

  afterAll(async () => {
    await bot.close();
    await simulator.close();
    await channel.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function advance(seconds: number): Promise<void> {
    await fetch(`${simulator.url}/_simulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: seconds }),
    });
  }

  it('an order just placed shows in `orders` as just placed, then normally once Partner Center lists it', async () => {
    const user = new TeamsUser(bot.server.url, channel, 'a:lookups-orders');
    await user.say('buy for Contoso Ltd');
    await user.click('Software subscriptions');
    await user.click('Visual Studio Professional Subscription');
    await user.click('1 year');
    await user.say('3');
    await user.click('Place order');
    const orderId = ORDER_ID.exec(await user.waitFor(/Order placed/))?.[1];
    expect(orderId).toBeDefined();

    const early = readAll(await user.say('orders'));
    expect(early).toContain(orderId);
    expect(early).toMatch(/Just placed/i);

    await advance(700);
    const later = readAll(await user.say('orders for Contoso Ltd'));
    expect(later).toContain(orderId);
    expect(later).not.toMatch(/Just placed/i);
  });

  it('`balance` and `invoice <id>` answer on one card each', async () => {
    const user = new TeamsUser(bot.server.url, channel, 'a:lookups-billing');
    const balance = readAll(await user.say('balance'));
    expect(balance).toMatch(/Your balance/);
    const invoices = readAll(await user.say('invoices'));
    const [newest] = await invoiceIds();
    expect(invoices).toContain(newest);
    const opened = readAll(await user.click('Open'));
    expect(opened).toContain(newest);
    const invoiceId = newest;
    const byCommand = readAll(await user.say(`invoice ${invoiceId}`));
    expect(byCommand).toContain(invoiceId);
    expect(byCommand).toContain('Statement PDF');
  });

  it('`statement <id>` gives a link: a PDF for the asking user, refused for another user and after expiry', async () => {
    const user = new TeamsUser(bot.server.url, channel, 'a:lookups-statement');
    const [invoiceId] = await invoiceIds();
    const replies = await user.say(`statement ${invoiceId}`);
    const url = /(http:\/\/127\.0\.0\.1:\d+\/downloads\/statements\/[A-Za-z0-9_.-]+)/.exec(
      JSON.stringify(replies),
    )?.[1];
    expect(url).toBeDefined();

    const mine = await fetch(url as string, { headers: { [CALLER_OBJECT_ID_HEADER]: ASKING_USER } });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await mine.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const theirs = await fetch(url as string, { headers: { [CALLER_OBJECT_ID_HEADER]: 'someone-else' } });
    expect(theirs.status).toBe(403);

    const forged = await fetch(`${url}x`, { headers: { [CALLER_OBJECT_ID_HEADER]: ASKING_USER } });
    expect(forged.status).toBe(403);

    await new Promise((resolve) => setTimeout(resolve, 2200));
    const late = await fetch(url as string, { headers: { [CALLER_OBJECT_ID_HEADER]: ASKING_USER } });
    expect(late.status).toBe(410);
  });

  it('`register <subscription>` shows the status and updates the same card until Registered', async () => {
    const search = await fetch(
      `${simulator.url}/v1/customers?size=5&filter=${encodeURIComponent(
        JSON.stringify({ Field: 'CompanyName', Value: 'Fabrikam', Operator: 'starts_with' }),
      )}`,
      { headers: { authorization: 'Bearer e2e' } },
    );
    const customerId = ((await search.json()) as { items: { id: string }[] }).items[0].id;
    const subscriptions = (await (
      await fetch(`${simulator.url}/v1/customers/${customerId}/subscriptions`, {
        headers: { authorization: 'Bearer e2e' },
      })
    ).json()) as { items: { id: string }[] };
    const subscriptionId = subscriptions.items[0].id;

    const user = new TeamsUser(bot.server.url, channel, 'a:lookups-register');
    const replies = await user.say(`register ${subscriptionId} for Fabrikam`);
    const card = replies.find((r) => r.attachments?.length);
    expect(readAll(replies)).toContain(subscriptionId);
    const deadline = Date.now() + 15_000;
    let updated = false;
    while (!updated && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      updated = channel.calls.some(
        (c) => c.method === 'PUT' && c.activityId === card?.id && /Registered/.test(JSON.stringify(c.activity)),
      );
    }
    expect(updated).toBe(true);
  });
});
