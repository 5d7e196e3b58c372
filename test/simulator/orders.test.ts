import { catalogItemId, customerNamed, SimulatorHarness, type Json } from './simulatorHarness';

const RI_PRODUCT = 'DZH318Z0D1V5';
const SOFTWARE_SUBSCRIPTION = 'DG7GMGF0FKZW';

describe('simulator: checkout, orders, entitlements and charges', () => {
  let harness: SimulatorHarness;
  let customer: string;
  let registered: string;
  let riSku: string;

  beforeAll(async () => {
    harness = await SimulatorHarness.start({ orderListDelaySeconds: 60, orderCompletionSeconds: 30 });
    customer = String((await customerNamed(harness, 'Contoso Ltd')).id);
    registered = String(((await harness.getJson<Json>(`/v1/customers/${customer}/subscriptions`)).items ?? [])[0].id);
    const skus = (await harness.getJson<Json>(`/v1/products/${RI_PRODUCT}/skus?country=US`)).items ?? [];
    riSku = String(skus.find((sku) => (sku.dynamicAttributes as Json).armRegionName === 'westeurope')?.id);
  });
  afterAll(() => harness.close());

  const newCart = async (): Promise<string> => {
    const response = await harness.call('POST', `/v1/customers/${customer}/carts`, {
      body: {
        lineItems: [
          {
            id: 0,
            catalogItemId: await catalogItemId(harness, SOFTWARE_SUBSCRIPTION, '0001', 'US'),
            quantity: 8,
            billingCycle: 'one_time',
          },
          {
            id: 1,
            catalogItemId: await catalogItemId(harness, RI_PRODUCT, riSku, 'US', 'AzurePlan'),
            quantity: 1,
            billingCycle: 'one_time',
            provisioningContext: { subscriptionId: registered, scope: 'single' },
          },
        ],
      },
    });
    expect(response.status).toBe(201);
    return String((response.json() as Json).id);
  };
  const checkout = (cartId: string, requestId: string) =>
    harness.call('POST', `/v1/customers/${customer}/carts/${cartId}/checkout`, {
      headers: { 'MS-RequestId': requestId },
    });
  const listedOrderIds = async (query = ''): Promise<string[]> =>
    ((await harness.getJson<Json>(`/v1/customers/${customer}/orders${query}`)).items ?? []).map((o) => String(o.id));

  it('checks out once: a second checkout and a replayed MS-RequestId return the first result, one order', async () => {
    const cartId = await newCart();
    const first = await checkout(cartId, 'checkout-1');
    expect(first.status).toBe(201);
    const result = first.json() as Json;
    expect(result.attributes).toEqual({ objectType: 'CartCheckoutResult' });
    const orders = result.orders as Json[];
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ billingCycle: 'one_time', status: 'pending', referenceCustomerId: customer });
    expect((orders[0].lineItems as Json[]).map((line) => line.lineItemNumber)).toEqual([0, 1]);

    const again = await checkout(cartId, 'checkout-2');
    const replay = await checkout(cartId, 'checkout-1');
    expect(again.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(again.json()).toEqual(result);
    expect(replay.json()).toEqual(result);

    await harness.advance(61);
    const listed = await listedOrderIds();
    expect(listed.filter((id) => id === orders[0].id)).toHaveLength(1);
    const cart = await harness.getJson<Json>(`/v1/customers/${customer}/carts/${cartId}`);
    expect(cart.status).toBe('Ordered');
  });

  it('lets only one of two concurrent checkouts of a cart through; the other gets 409 / 800064', async () => {
    const before = await harness.getJson<Json>(`/v1/customers/${customer}/orders`);
    await harness.advance(61);
    const countBefore = ((await harness.getJson<Json>(`/v1/customers/${customer}/orders`)).items ?? []).length;
    expect(countBefore).toBeGreaterThanOrEqual((before.items ?? []).length);
    const cartId = await newCart();
    const [a, b] = await Promise.all([checkout(cartId, 'concurrent-a'), checkout(cartId, 'concurrent-b')]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const conflict = a.status === 409 ? a : b;
    expect((conflict.json() as Json).code).toBe(800064);
    await harness.advance(61);
    expect(((await harness.getJson<Json>(`/v1/customers/${customer}/orders`)).items ?? []).length).toBe(
      countBefore + 1,
    );
  });

  it('hides a new order from the list for the delay, shows it by id at once, and completes it after 30 s', async () => {
    const cartId = await newCart();
    const order = ((await checkout(cartId, 'lifecycle-1')).json() as Json).orders as Json[];
    const orderId = String(order[0].id);
    const byId = () => harness.getJson<Json>(`/v1/customers/${customer}/orders/${orderId}`);
    expect((await byId()).status).toBe('pending');
    expect(await listedOrderIds()).not.toContain(orderId);

    await harness.advance(31);
    expect((await byId()).status).toBe('completed');
    expect(await listedOrderIds()).not.toContain(orderId);

    await harness.advance(30);
    expect(await listedOrderIds()).toContain(orderId);
    for (const billingType of ['onetime', 'OneTime', 'one_time']) {
      expect(await listedOrderIds(`?billingType=${billingType}`)).toContain(orderId);
    }
    expect(await listedOrderIds('?billingType=monthly')).toEqual([]);
    const bad = await harness.call('GET', `/v1/customers/${customer}/orders?billingType=weekly`);
    expect(bad.status).toBe(400);
  });

  it('creates software and reserved-instance entitlements when the order completes (App+User only)', async () => {
    const cartId = await newCart();
    const order = (((await checkout(cartId, 'entitle-1')).json() as Json).orders as Json[])[0];
    const path = `/v1/customers/${customer}/entitlements`;
    const forOrder = async (query: string) =>
      ((await harness.getJson<Json>(`${path}${query}`, 'user:alice')).items ?? []).filter(
        (item) => (item.referenceOrder as Json).id === order.id,
      );
    expect(await forOrder('')).toEqual([]);
    await harness.advance(31);
    const all = await forOrder('?showExpiry=true');
    expect(all.map((item) => item.entitlementType).sort()).toEqual(['reservedinstance', 'software']);
    const reserved = all.find((item) => item.entitlementType === 'reservedinstance') as Json;
    expect((reserved.entitledArtifacts as Json[])[0]).toMatchObject({ artifactType: 'reservedinstance' });
    expect(typeof reserved.expiryDate).toBe('string');
    const software = all.find((item) => item.entitlementType === 'software') as Json;
    expect((software.entitledArtifacts as Json[]).map((a) => a.artifactType)).toContain('product_key');
    expect(await forOrder('?entitlementtype=software')).toHaveLength(1);
    expect((await forOrder('?entitlementType=reservedInstance'))[0].expiryDate).toBeUndefined();

    const appOnly = await harness.call('GET', path);
    expect(appOnly.status).toBe(403);
    expect(appOnly.json()).toEqual({
      code: 900329,
      description: 'This resource does not support application-only authentication.',
      data: [],
      source: 'PartnerFD',
    });
  });

  it('reports provisioning status per line (App+User only), fulfilled once completed', async () => {
    const cartId = await newCart();
    const order = (((await checkout(cartId, 'provision-1')).json() as Json).orders as Json[])[0];
    const path = `/v1/customers/${customer}/orders/${String(order.id)}/provisioningstatus`;
    expect((await harness.call('GET', path)).status).toBe(403);
    const pending = await harness.getJson<Json>(path, 'user:alice');
    expect((pending.items ?? []).map((item) => item.status)).toEqual(['unfulfilled', 'unfulfilled']);
    await harness.advance(31);
    const done = await harness.getJson<Json>(path, 'user:alice');
    expect((done.items ?? []).map((item) => item.status)).toEqual(['fulfilled', 'fulfilled']);
  });

  it('answers 404 / 20000 for an unknown order', async () => {
    const response = await harness.call('GET', `/v1/customers/${customer}/orders/NoSuchOrder`);
    expect({ status: response.status, code: (response.json() as Json).code }).toEqual({ status: 404, code: 20000 });
  });
});
