import { clickToConfirmation, E2eStack, startE2eStack } from '../support/e2eStack';
import { readAll, TeamsUser } from '../support/teamsUser';

interface JournalEntry {
  method: string;
  path: string;
  query: string;
  status: number | string | null;
  contentType: string | null;
}

describe('requests as Partner Center documents them, sent by the real bot', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack({ orderListDelaySeconds: 0, orderCompletionSeconds: 0 });
  });
  afterAll(() => stack.close());

  async function journal(): Promise<JournalEntry[]> {
    const response = await fetch(`${stack.simulator.url}/_simulator/requests`);
    return ((await response.json()) as { items: JournalEntry[] }).items;
  }

  it('labels every write of a purchase application/json, the empty-body checkout included', async () => {
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:e2e-wire-purchase');
    const before = (await journal()).length;
    expect(readAll(await user.say('buy for Contoso Ltd'))).toContain('Customer: **Contoso Ltd**');
    await clickToConfirmation(user);
    await user.click('Place order');
    await user.waitFor(/Order placed/);

    const writes = (await journal()).slice(before).filter((call) => call.method !== 'GET');
    expect(writes.map((call) => call.method)).toContain('POST');
    expect(writes.some((call) => /\/checkout$/.test(call.path))).toBe(true);
    expect(writes.filter((call) => call.contentType !== 'application/json')).toEqual([]);
  });

  it('shows the orders of a person who may not see prices instead of failing, asking once more without prices', async () => {
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:e2e-wire-prices');
    await fetch(`${stack.simulator.url}/_simulator/access`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ withoutPricingAccess: ['Alex Wilber'] }),
    });
    const before = (await journal()).length;

    const answer = readAll(await user.say('orders for Contoso Ltd'));

    expect(answer).not.toMatch(/Sorry|couldn't|could not/);
    const orderReads = (await journal()).slice(before).filter((call) => /\/orders$/.test(call.path));
    expect(orderReads.map((call) => [call.status, /include_price=true/i.test(call.query)])).toEqual([
      [403, true],
      [200, false],
    ]);
  });
});
