import type { Activity } from 'botbuilder';
import { createPartnerCenterClient } from '../../services/partnerCenter/createPartnerCenterClient';
import { PartnerCenterLookupService } from '../../services/lookups/PartnerCenterLookupService';
import { PartnerCenterPurchaseService } from '../../services/purchase/PartnerCenterPurchaseService';
import { RunningSimulator, startSimulator } from '../../simulator/server';
import { allText, DialogHarness, textOf } from '../support/dialogHarness';
import { MemoryAtomicStorage } from '../support/MemoryAtomicStorage';

describe('purchase questions, against the Partner Center simulator', () => {
  let simulator: RunningSimulator;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(() => simulator.close());
  beforeEach(async () => {
    await fetch(`${simulator.url}/_simulator/reset`, { method: 'POST' });
  });

  function harness(): DialogHarness {
    const client = createPartnerCenterClient({
      baseUrl: simulator.url,
      mode: 'local',
      auth: 'app+user',
      applicationName: 'purchase-checks-tests',
      timeoutMs: 10_000,
      maxRetries: 0,
      retryDeadlineMs: 10_000,
      maxRetryAfterSeconds: 1,
    });
    return new DialogHarness(undefined, new MemoryAtomicStorage(), undefined, {
      service: new PartnerCenterPurchaseService(client),
      lookups: new PartnerCenterLookupService(client),
    });
  }

  async function cartsCreated(): Promise<number> {
    const journal = (await (await fetch(`${simulator.url}/_simulator/requests`)).json()) as {
      items: { method: string; path: string; status: number }[];
    };
    return journal.items.filter((r) => r.method === 'POST' && /\/carts$/i.test(r.path)).length;
  }

  it('says a product needing partner qualification can’t be bought as soon as it is chosen, before any quantity', async () => {
    const h = harness();
    await h.say('buy for Contoso Ltd');
    await h.click('Perpetual software');
    const replies = allText(await h.click('Windows Server 2022 Datacenter'));
    expect(replies).toContain(
      "You can't buy Windows Server 2022 Datacenter - 16 Core License Pack for Contoso Ltd, so I haven't asked how many: Your company isn't eligible to buy this product (perpetual software needs prior qualification from Microsoft); contact Partner Center support to get qualified.",
    );
    expect(replies).toContain('Partner Center code 800020');
    expect(replies).not.toMatch(/How many\?/);
    // The purchase is over: a number typed now buys nothing.
    expect(allText(await h.say('5'))).not.toMatch(/Confirm your order|Place order/);
  });

  it('asks the quantity of perpetual software the partner may buy, as before', async () => {
    const h = harness();
    await h.say('buy for Contoso Ltd');
    await h.click('Perpetual software');
    await h.click('Windows Server 2022 Standard');
    const asked = allText(await h.click('16 Core License Pack'));
    expect(asked).toMatch(/How many\? \(1–100\)/);
    const cartsBefore = await cartsCreated();
    expect(allText(await h.say('2'))).toMatch(/Place order/);
    expect(await cartsCreated()).toBe(cartsBefore + 1);
  });

  it('names categories in questions as they are written: "Which Azure reserved VM instance series?"', async () => {
    const h = harness();
    await h.say('buy for Contoso Ltd');
    const subscriptions = (await (
      await fetch(`${simulator.url}/v1/customers/${await contosoId()}/subscriptions`, {
        headers: { authorization: 'Bearer test' },
      })
    ).json()) as { items: { id: string; friendlyName: string }[] };
    const plan = subscriptions.items.find((s) => s.friendlyName === 'Azure plan');
    await h.click('Azure reserved VM instances');
    const question = allText(await h.say(plan?.id ?? ''));
    expect(question).toContain('Which Azure reserved VM instance series?');
    expect(question).not.toMatch(/azure reserved vm/);

    const software = harness();
    await software.say('buy for Contoso Ltd');
    expect(allText(await software.click('Software subscriptions'))).toContain('Which software subscription?');
  });

  async function contosoId(): Promise<string> {
    const filter = encodeURIComponent(
      JSON.stringify({ Field: 'CompanyName', Value: 'Contoso Ltd', Operator: 'starts_with' }),
    );
    const response = await fetch(`${simulator.url}/v1/customers?size=5&filter=${filter}`, {
      headers: { authorization: 'Bearer test' },
    });
    return ((await response.json()) as { items: { id: string }[] }).items[0].id;
  }
});

describe('what a person typed is repeated back bounded, wherever the bot repeats it', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(() => simulator.close());

  const HUGE = `Contoso ${'[pay here](https://evil.example) '.repeat(160)}`.slice(0, 5000);

  it.each<[string, string[], boolean]>([
    ['the answer to the customer prompt', ['buy', HUGE], true],
    ['a customer named in a command', [`orders for ${HUGE}`], true],
    ['an invoice id', [`invoice ${'x'.repeat(5000)}`], true],
    ['an order id', [`order ${HUGE.replace(/\W/g, '')}`], false],
    ['something the bot did not understand', [HUGE], true],
  ])('%s: each reply one short line, never the whole text', async (_where, messages, echoed) => {
    const client = createPartnerCenterClient({
      baseUrl: simulator.url,
      mode: 'local',
      auth: 'app+user',
      applicationName: 'bounded-echo-tests',
      timeoutMs: 10_000,
      maxRetries: 0,
      retryDeadlineMs: 10_000,
      maxRetryAfterSeconds: 1,
    });
    const h = new DialogHarness(undefined, new MemoryAtomicStorage(), undefined, {
      service: new PartnerCenterPurchaseService(client),
      lookups: new PartnerCenterLookupService(client),
    });
    let replies: Partial<Activity>[] = [];
    for (const message of messages) replies = await h.say(message);
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) {
      expect(reply.text ?? '').not.toMatch(/[\r\n]/);
      expect((reply.text ?? '').length).toBeLessThan(400);
      expect(textOf(reply)).not.toContain(HUGE.slice(0, 200));
    }
    // Where the bot repeats what was typed, it shows the start and an ellipsis.
    if (echoed) expect(replies.some((reply) => (reply.text ?? '').includes('…'))).toBe(true);
  });
});
