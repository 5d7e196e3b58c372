import { E2eStack, startE2eStack } from '../support/e2eStack';
import { readAll, TeamsUser } from '../support/teamsUser';

/** A 33-character Partner Center order id standing on its own (a GUID's 36 characters don't match). */
const ORDER_ID = /(?<![A-Za-z0-9_-])([A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/;
const APP_TOKEN = { authorization: 'Bearer e2e-test' };
const WINDOWS_365_ATTESTATION =
  'I understand that each person using Windows 365 Business with Windows Hybrid Benefit also needs to have a valid copy of Windows 10/11 Pro installed on their primary work device.';

interface JournalEntry {
  method: string;
  path: string;
  query: string;
  status: number | 'dropped' | null;
}

describe('reservations for Azure plan and Microsoft Azure customers, and an attestation, over HTTP', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack({ orderListDelaySeconds: 0, orderCompletionSeconds: 30 });
  });
  afterAll(() => stack.close());

  async function simulatorJson<T>(path: string): Promise<T> {
    const response = await fetch(`${stack.simulator.url}${path}`, { headers: APP_TOKEN });
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    return (await response.json()) as T;
  }

  async function journal(): Promise<JournalEntry[]> {
    return (await simulatorJson<{ items: JournalEntry[] }>('/_simulator/requests')).items;
  }

  /** The seeded customer's id and its first (registered) Azure subscription, as Partner Center lists them. */
  async function customerWithSubscription(companyName: string): Promise<{ id: string; subscriptionId: string }> {
    const filter = encodeURIComponent(
      JSON.stringify({ Field: 'CompanyName', Value: companyName, Operator: 'starts_with' }),
    );
    const { items } = await simulatorJson<{ items: { id: string }[] }>(`/v1/customers?size=5&filter=${filter}`);
    const subscriptions = await simulatorJson<{ items: { id: string }[] }>(
      `/v1/customers/${items[0].id}/subscriptions`,
    );
    return { id: items[0].id, subscriptionId: subscriptions.items[0].id };
  }

  /** Buys one D2s v5 reservation in US East the way a person would; returns what the bot said on the way and the order. */
  async function buyReservation(
    conversationId: string,
    companyName: string,
    subscriptionId: string,
  ): Promise<{ said: string; orderId: string }> {
    const user = new TeamsUser(stack.bot.server.url, stack.channel, conversationId);
    expect(readAll(await user.say(`buy for ${companyName}`))).toContain(`Customer: **${companyName}**`);
    const question = await user.click('Azure reserved VM instances');
    expect(readAll(question)).toContain('Which Azure subscription is the reservation for?');
    const products = await user.say(subscriptionId);
    await user.click('Reserved VM Instance, Dv5 Series');
    await user.click('Standard_D2s_v5 (24)');
    await user.click('US East (2)');
    const quantity = await user.click('1 Year');
    expect(readAll(quantity)).toContain('How many? (1–100)');
    expect(readAll(await user.say('2'))).toContain('Which scope should the reservation have?');
    const confirmation = await user.click('Shared');
    expect(readAll(confirmation)).toContain('Confirm your order');
    await user.click('Place order');
    const placed = await user.waitFor(/Order placed/);
    const orderId = ORDER_ID.exec(placed)?.[1];
    if (!orderId) throw new Error(`no order id in: ${placed}`);
    return { said: readAll(products), orderId };
  }

  it.each([
    ['Contoso Ltd', 'an Azure plan, so these are the reservations sold for Azure plans', true],
    [
      'Adventure Works Cycles',
      'a Microsoft Azure (MS-AZR-0145P) subscription, so these are the reservations sold for those subscriptions',
      false,
    ],
  ])('buys a reservation for %s from the catalog of its Azure subscription', async (companyName, words, azurePlan) => {
    const customer = await customerWithSubscription(companyName);
    const before = (await journal()).length;

    const { said, orderId } = await buyReservation(`a:e2e-ri-${companyName}`, companyName, customer.subscriptionId);

    expect(said).toContain(`(${customer.subscriptionId}) is ${words}.`);
    const order = await simulatorJson<{
      lineItems: { quantity: number; provisioningContext: Record<string, string> }[];
    }>(`/v1/customers/${customer.id}/orders/${orderId}`);
    expect(order.lineItems[0]).toMatchObject({
      quantity: 2,
      provisioningContext: { subscriptionId: customer.subscriptionId, scope: 'shared', duration: '1Year' },
    });
    // What Partner Center was asked: every reservation catalog read in the Azure plan catalog, or none of them.
    const seen = (await journal()).slice(before);
    const catalogReads = seen.filter((entry) => entry.path.startsWith('/v1/products/DZH318Z0D1V5'));
    expect(catalogReads.some((entry) => entry.path.endsWith('/availabilities'))).toBe(true);
    expect(catalogReads.map((entry) => entry.query.includes('reservationScope=AzurePlan'))).toEqual(
      catalogReads.map(() => azurePlan),
    );
    const cartCalls = seen
      .filter((entry) => entry.path.includes('/carts'))
      .map((entry) => [entry.method, entry.status]);
    expect(cartCalls).toEqual([
      ['POST', 201],
      ['POST', 201],
    ]);
  });

  it('shows the attestation of a Windows 365 (Windows Hybrid Benefit) SKU and records Place order as its acceptance', async () => {
    const contoso = await customerWithSubscription('Contoso Ltd');
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:e2e-attestation');
    await user.say('buy for Contoso Ltd');
    await user.click('Software subscriptions');
    await user.click('Windows 365 Business 2 vCPU, 8 GB, 128 GB (with Windows Hybrid Benefit)');
    // Its SKUs differ only in term: the button says the term.
    const quantity = await user.click('1 year');
    expect(readAll(quantity)).toContain('How many? (1–300)');

    const confirmation = readAll(await user.say('3'));
    expect(confirmation).toContain('Confirm your order');
    expect(confirmation).toContain('Attestation');
    expect(confirmation).toContain(WINDOWS_365_ATTESTATION);
    expect(confirmation).toContain('Selecting **Place order** accepts it');

    await user.click('Place order');
    const orderId = ORDER_ID.exec(await user.waitFor(/Order placed/))?.[1];
    expect(orderId).toBeDefined();
    const order = await simulatorJson<{ lineItems: { quantity: number; offerId: string }[] }>(
      `/v1/customers/${contoso.id}/orders/${orderId ?? ''}`,
    );
    expect(order.lineItems[0].quantity).toBe(3);
    expect(order.lineItems[0].offerId).toMatch(/^CFQ7TTC0W365:0001:/);

    const audit = readAll(await user.say('audit 5'));
    expect(audit).toContain(`accepted attestation: “${WINDOWS_365_ATTESTATION}”`);
  });
});
