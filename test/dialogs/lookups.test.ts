import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { DownloadLinkSigner } from '../../bot/statements/DownloadLinkSigner';
import { StatementService } from '../../bot/statements/StatementService';
import type { RegistrationFollowUp } from '../../dialogs/lookups/deliveryPorts';
import { createPartnerCenterClient } from '../../services/partnerCenter/createPartnerCenterClient';
import type { PartnerCenterClient } from '../../services/partnerCenter/PartnerCenterClient';
import { PartnerCenterLookupService } from '../../services/lookups/PartnerCenterLookupService';
import { PartnerCenterPurchaseService } from '../../services/purchase/PartnerCenterPurchaseService';
import { RunningSimulator, startSimulator } from '../../simulator/server';
import { allText, cardOf, DialogHarness, textOf } from '../support/dialogHarness';
import { MemoryAtomicStorage } from '../support/MemoryAtomicStorage';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

function clientFor(simulator: RunningSimulator, auth: 'app' | 'app+user'): PartnerCenterClient {
  return createPartnerCenterClient({
    baseUrl: simulator.url,
    mode: 'local',
    auth,
    applicationName: 'lookup-dialog-tests',
    timeoutMs: 10_000,
    maxRetries: 0,
    retryDeadlineMs: 10_000,
    maxRetryAfterSeconds: 1,
  });
}

describe('lookup commands, answered from the Partner Center simulator', () => {
  let simulator: RunningSimulator;
  const follows: { subscriptionId: string; status: string }[] = [];
  const registrations: RegistrationFollowUp = {
    follow: async (_context, card) => {
      follows.push({ subscriptionId: card.registration.subscriptionId, status: card.registration.status });
    },
  };

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, orderListDelaySeconds: 600, orderCompletionSeconds: 30 });
  });
  afterAll(() => simulator.close());
  beforeEach(async () => {
    await fetch(`${simulator.url}/_simulator/reset`, { method: 'POST' });
  });

  function harness(auth: 'app' | 'app+user' = 'app+user'): DialogHarness {
    const client = clientFor(simulator, auth);
    const lookups = new PartnerCenterLookupService(client);
    const storage = new MemoryAtomicStorage();
    return new DialogHarness(undefined, storage, undefined, {
      service: new PartnerCenterPurchaseService(client),
      lookups,
      statements: new StatementService({
        lookups,
        signer: new DownloadLinkSigner('a-test-secret-for-download-links'),
        publicBaseUrl: () => 'http://127.0.0.1:3978',
        ttlSeconds: 300,
        mode: 'local',
        logger: silent,
      }),
      registrations,
    });
  }

  async function advance(seconds: number): Promise<void> {
    await fetch(`${simulator.url}/_simulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: seconds }),
    });
  }

  /** The newest USD one-time invoice (the latest month already invoiced): the seed gives it 263 line items. */
  async function longInvoiceId(): Promise<string> {
    const client = clientFor(simulator, 'app');
    const page = await client.listInvoices({ correlationId: randomUUID() }, { size: 500 });
    const usdOneTime = page.items
      .filter((i) => i.currencyCode === 'USD' && i.invoiceType === 'OneTime')
      .sort((a, b) => String(b.invoiceDate).localeCompare(String(a.invoiceDate)));
    return usdOneTime[0].id;
  }

  it('orders for a customer lists them newest first on one card', async () => {
    const h = harness();
    const replies = await h.say('orders for Contoso Ltd');
    const text = allText(replies);
    expect(text).toContain('Orders for Contoso Ltd');
    expect(text).toMatch(/Open/);
  });

  it('says so when a customer has no orders', async () => {
    const replies = await harness().say('what did Fabrikam order last week');
    expect(allText(replies)).toContain('No orders for Fabrikam Inc');
  });

  it('shows an order this bot just placed before Partner Center lists it, then normally once listed', async () => {
    const h = harness();
    await h.say('buy for Contoso Ltd');
    await h.click('Software subscriptions');
    await h.click('Visual Studio Professional Subscription');
    await h.click('1 year');
    await h.say('2');
    const placed = await h.click('Place order');
    const orderId =
      /([A-Za-z0-9_-]{33})/.exec(allText(placed.length ? placed : [h.updates.at(-1) ?? {}]))?.[1] ??
      /([A-Za-z0-9_-]{33})/.exec(textOf(h.updates.at(-1)))?.[1];
    expect(orderId).toBeDefined();

    const early = allText(await h.say('orders'));
    expect(early).toContain(orderId);
    expect(early).toMatch(/Just placed/i);

    await advance(700);
    const later = allText(await h.say('orders'));
    expect(later).toContain(orderId);
    expect(later).not.toMatch(/Just placed/i);
  });

  it('order <id> shows one order, Refresh updates the same card, and an unknown id is explained', async () => {
    const h = harness();
    const list = await h.say('orders for Contoso Ltd');
    const open = h.findButton('Open');
    const orderCardReplies = await h.submit(open.data);
    const orderCard = orderCardReplies.find((r) => cardOf(r));
    expect(textOf(orderCard)).toMatch(/Refresh/);
    expect(list.length).toBeGreaterThan(0);

    const refresh = h.findButton('Refresh');
    await h.send({ type: 'message', value: refresh.data, replyToId: orderCard?.id } as Partial<Activity>);
    expect(h.updates.at(-1)?.id).toBe(orderCard?.id);

    const unknown = await h.say('order NoSuchOrder0000000000000000000001 for Contoso Ltd');
    expect(allText(unknown)).toContain(
      "Order NoSuchOrder0000000000000000000001 isn't one of Contoso Ltd's orders. To look in another customer's orders, type **order NoSuchOrder0000000000000000000001 for** _customer name_.",
    );
  });

  it('balance shows every currency for a signed-in user, and the default currency with a note app-only', async () => {
    const appUser = allText(await harness('app+user').say("what's our balance"));
    expect(appUser).toMatch(/Your balance/);
    expect(appUser).toMatch(/€|EUR/);
    expect(appUser).toMatch(/\$|USD/);
    const appOnly = allText(await harness('app').say('balance'));
    expect(appOnly).toMatch(/Only your default currency is shown/);
  });

  it('invoice <id> summarises one-time line items read across every page', async () => {
    const id = await longInvoiceId();
    const text = allText(await harness().say(`invoice ${id}`));
    expect(text).toContain(id);
    expect(text).toMatch(/263 one-time charges/);
    expect(text).toContain('Statement PDF');
  });

  it('invoices pages with more, and an unknown invoice is explained', async () => {
    const h = harness();
    const first = allText(await h.say('invoices'));
    const second = allText(await h.say('more'));
    expect(first).not.toEqual(second);
    const unknown = allText(await h.say('invoice X000000000'));
    expect(unknown).toContain('I could not read invoice X000000000');
  });

  it('invoice zzz says it is no invoice id, with the invoice list in the same message', async () => {
    const h = harness();
    const replies = await h.say('invoice zzz');
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toBe(
      '"zzz" doesn\'t look like an invoice id (they look like G000024135). Here are your recent invoices: open one, or type **invoice** _id_.',
    );
    expect(textOf(replies[0])).toMatch(/Invoices/);
    expect(h.findButton('Open')).toBeDefined();
  });

  it('more after opening an invoice shows its next charges, not the next invoices, and then says that is all', async () => {
    const h = harness();
    const id = await longInvoiceId();
    await h.say('invoices');
    const opened = allText(await h.say(`invoice ${id}`));
    const groups = Number(/Groups 1–10 of (\d+), largest first/.exec(opened)?.[1]);
    expect(groups).toBeGreaterThan(10);
    const firstPage = opened.split('\n').filter((line) => / · quantity \d+ · /.test(line));

    const next = allText(await h.say('more'));
    expect(next).toContain(id);
    expect(next).toContain(`Groups 11–${Math.min(20, groups)} of ${groups}, largest first`);
    expect(next).not.toMatch(/^Invoices$/m);
    const secondPage = next.split('\n').filter((line) => / · quantity \d+ · /.test(line));
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.filter((line) => firstPage.includes(line))).toEqual([]);

    let last = next;
    for (let shown = 20; shown < groups; shown += 10) last = allText(await h.click('More charges'));
    expect(last).toContain(`of ${groups}, largest first`);
    expect(allText(await h.say('more'))).toBe(
      `That's all of invoice ${id}'s one-time charges. Type **invoices** for the list of invoices.`,
    );
  });

  it('statement <id> gives a download link to the asking user', async () => {
    const id = await longInvoiceId();
    const replies = await harness().say(`statement ${id}`);
    expect(JSON.stringify(replies)).toMatch(
      /http:\/\/127\.0\.0\.1:3978\/downloads\/statements\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/,
    );
  });

  it('an App+User-only lookup with app-only credentials gets one clear sentence', async () => {
    const id = await longInvoiceId();
    const h = harness('app');
    const statement = allText(await h.say(`statement ${id}`));
    expect(statement).toContain('Partner Center code 900329');
    const entitlements = allText(await h.say('entitlements for Contoso Ltd'));
    expect(entitlements).toContain('Partner Center code 900329');
  });

  it('entitlements for a customer with a completed order', async () => {
    const text = allText(await harness().say('entitlements for Contoso Ltd'));
    expect(text).not.toMatch(/has no entitlements/);
    expect(text).toMatch(/Contoso Ltd/);
  });

  it('register <subscription> shows the status and keeps following it', async () => {
    const client = clientFor(simulator, 'app');
    const subscriptions = (await (
      await fetch(
        `${simulator.url}/v1/customers/${(await client.searchCustomers({ correlationId: 'x' }, { field: 'CompanyName', value: 'Fabrikam', size: 5 })).items[0].id}/subscriptions`,
        {
          headers: { authorization: 'Bearer test' },
        },
      )
    ).json()) as { items: { id: string }[] };
    const subscriptionId = subscriptions.items[0].id;
    const replies = await harness().say(`register ${subscriptionId} for Fabrikam`);
    expect(allText(replies)).toContain(subscriptionId);
    expect(follows.at(-1)).toMatchObject({ subscriptionId });
  });
});
