import { readFileSync } from 'node:fs';
import path from 'node:path';
import { E2eStack, startE2eStack } from '../support/e2eStack';
import { readAll, TeamsUser } from '../support/teamsUser';

/** The documented response example of "Get order provisioning status" (numeric `orderLineItemId`/`lineItemNumber`). */
const documentedExample: unknown = JSON.parse(
  readFileSync(
    path.join(__dirname, '..', 'fixtures', 'partner-center', 'get-order-provisioning-status.response.json'),
    'utf8',
  ),
);
const APOLOGY = /Sorry|could not read order/i;
const PROVISIONING_PATH = '/v1/customers/*/orders/*/provisioningstatus';

describe('`order <id>` over HTTP when provisioning status is as documented, or missing', () => {
  let stack: E2eStack;
  let orderId: string;

  beforeAll(async () => {
    stack = await startE2eStack({ orderListDelaySeconds: 0, orderCompletionSeconds: 0 });
    orderId = await buyDirectly(stack);
  });
  afterAll(() => stack.close());

  async function fault(spec: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${stack.simulator.url}/_simulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(spec),
    });
    expect(response.status).toBe(201);
  }

  it('shows the order with its provisioning status when Partner Center answers with the documented example', async () => {
    await fault({ method: 'GET', path: PROVISIONING_PATH, status: 200, body: documentedExample });
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:provisioning-documented');

    const text = readAll(await user.say(`order ${orderId} for Contoso Ltd`));

    expect(text).not.toMatch(APOLOGY);
    expect(text).toContain(orderId);
    expect(text).toContain('Provisioning');
    expect(text).toContain('Fulfilled');
  });

  it('shows the order with a note when its provisioning status cannot be read', async () => {
    await fault({
      method: 'GET',
      path: PROVISIONING_PATH,
      status: 404,
      body: { code: 800007, description: 'Unable to retrieve provisioning information', data: [], source: 'PartnerFD' },
    });
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:provisioning-missing');

    const text = readAll(await user.say(`order ${orderId} for Contoso Ltd`));

    expect(text).not.toMatch(APOLOGY);
    expect(text).toContain(orderId);
    expect(text).toMatch(/Provisioning status could not be read from Partner Center just now/);
    expect(text).not.toContain('Fulfilled');
  });
});

/** Buys one perpetual-software licence for Contoso straight through the simulator's API; returns the order id. */
async function buyDirectly(stack: E2eStack): Promise<string> {
  const headers = { authorization: 'Bearer e2e-test', 'content-type': 'application/json' };
  const get = async (uri: string): Promise<{ items: Record<string, unknown>[] }> =>
    (await (await fetch(`${stack.simulator.url}${uri}`, { headers })).json()) as { items: Record<string, unknown>[] };
  const [product] = (await get('/v1/products?country=US&targetView=SoftwarePerpetual')).items;
  for (const sku of (await get(`/v1/products/${String(product.id)}/skus?country=US`)).items) {
    const availabilities = (
      await get(`/v1/products/${String(product.id)}/skus/${String(sku.id)}/availabilities?country=US`)
    ).items;
    const purchasable = availabilities.find((availability) => availability.isPurchasable === true);
    if (!purchasable) continue;
    const cart = (await (
      await fetch(`${stack.simulator.url}/v1/customers/${stack.contosoId}/carts`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          lineItems: [
            {
              id: 0,
              catalogItemId: purchasable.catalogItemId,
              quantity: Math.max(1, Number(sku.minimumQuantity)),
              billingCycle: 'one_time',
            },
          ],
        }),
      })
    ).json()) as { id: string };
    const checkout = (await (
      await fetch(`${stack.simulator.url}/v1/customers/${stack.contosoId}/carts/${cart.id}/checkout`, {
        method: 'POST',
        headers,
      })
    ).json()) as { orders: { id: string }[] };
    return checkout.orders[0].id;
  }
  throw new Error('no purchasable perpetual software SKU in the simulator catalog');
}
