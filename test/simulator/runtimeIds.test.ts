import { catalogItemId, customerNamed, SimulatorHarness, type Json } from './simulatorHarness';

const PERPETUAL = 'DG7GMGF0D7FV';

/** Creates a Contoso cart for one perpetual licence, checks it out, and returns the ids Partner Center handed out. */
async function buyOnce(harness: SimulatorHarness): Promise<{ customerId: string; cartId: string; orderId: string }> {
  const customerId = String((await customerNamed(harness, 'Contoso Ltd')).id);
  const line = {
    Id: 0,
    CatalogItemId: await catalogItemId(harness, PERPETUAL, '0001', 'US'),
    Quantity: 1,
    BillingCycle: 'one_time',
  };
  const cart = (
    await harness.call('POST', `/v1/customers/${customerId}/carts`, { body: { LineItems: [line] } })
  ).json() as Json;
  const checkout = (
    await harness.call('POST', `/v1/customers/${customerId}/carts/${String(cart.id)}/checkout`)
  ).json() as { orders: Json[] };
  return { customerId, cartId: String(cart.id), orderId: String(checkout.orders[0].id) };
}

describe('simulator: ids handed out at run time', () => {
  it('never repeats a cart or order id across starts, while the seeded customers stay the same', async () => {
    const runs: { customerId: string; cartId: string; orderId: string }[] = [];
    for (let start = 0; start < 2; start += 1) {
      const harness = await SimulatorHarness.start();
      try {
        runs.push(await buyOnce(harness));
      } finally {
        await harness.close();
      }
    }
    expect(runs[1].customerId).toBe(runs[0].customerId);
    expect(runs[1].cartId).not.toBe(runs[0].cartId);
    expect(runs[1].orderId).not.toBe(runs[0].orderId);
  });

  it('hands out new ids after a reset too', async () => {
    const harness = await SimulatorHarness.start();
    try {
      const first = await buyOnce(harness);
      expect((await harness.control('POST', 'reset')).status).toBe(204);
      const second = await buyOnce(harness);
      expect(second.cartId).not.toBe(first.cartId);
      expect(second.orderId).not.toBe(first.orderId);
    } finally {
      await harness.close();
    }
  });
});
