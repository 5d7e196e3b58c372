import { catalogItemId, customerNamed, SimulatorHarness, type Json } from './simulatorHarness';

const RI_PRODUCT = 'DZH318Z0D1V5';
const PERPETUAL = 'DG7GMGF0D7FV';
const QUALIFICATION_PERPETUAL = 'DG7GMGF0DWTM';
const SOFTWARE_SUBSCRIPTION = 'DG7GMGF0FKZW';

describe('simulator: carts', () => {
  let harness: SimulatorHarness;
  let contoso: string;
  let registered: string;
  let unregistered: string;
  let capacityRestricted: string;
  let northEuropeSku: string;
  let eastUsSku: string;
  let japanWestSku: string;

  beforeAll(async () => {
    harness = await SimulatorHarness.start({ registrationStepSeconds: 10 });
    contoso = String((await customerNamed(harness, 'Contoso Ltd')).id);
    const subscriptions = (await harness.getJson<Json>(`/v1/customers/${contoso}/subscriptions`)).items ?? [];
    registered = String(subscriptions[0].id);
    unregistered = String(subscriptions[1].id);
    capacityRestricted = String(subscriptions[2].id);
    const skus = (await harness.getJson<Json>(`/v1/products/${RI_PRODUCT}/skus?country=US`)).items ?? [];
    const skuIn = (region: string) =>
      String(skus.find((sku) => (sku.dynamicAttributes as Json).armRegionName === region)?.id);
    northEuropeSku = skuIn('northeurope');
    eastUsSku = skuIn('eastus');
    japanWestSku = skuIn('japanwest');
  });
  afterAll(() => harness.close());

  const riLine = async (skuId: string, subscriptionId: string, extra: Json = {}): Promise<Json> => ({
    Id: 0,
    CatalogItemId: await catalogItemId(harness, RI_PRODUCT, skuId, 'US', 'AzurePlan'),
    Quantity: 2,
    BillingCycle: 'one_time',
    TermDuration: 'P1Y',
    ProvisioningContext: { SubscriptionId: subscriptionId, Scope: 'Shared', Duration: '1Year' },
    ...extra,
  });

  const createCart = (customerId: string, lineItems: Json[]) =>
    harness.call('POST', `/v1/customers/${customerId}/carts`, { body: { LineItems: lineItems } });

  const expectFault = async (lineItems: Json[], status: number, code: number, customerId = contoso) => {
    const response = await createCart(customerId, lineItems);
    expect({ status: response.status, code: (response.json() as Json).code }).toEqual({ status, code });
  };

  it('creates a cart from a PascalCase body with an RI and perpetual software in one order group', async () => {
    const perpetual = await catalogItemId(harness, PERPETUAL, '0001', 'US');
    const response = await createCart(contoso, [
      await riLine(northEuropeSku, registered),
      { Id: 1, CatalogItemId: perpetual, Quantity: 3, BillingCycle: 'OneTime', FriendlyName: 'Office for sales' },
    ]);
    expect(response.status).toBe(201);
    const cart = response.json() as Json;
    expect(cart.status).toBe('Active');
    expect(cart.attributes).toEqual({ objectType: 'Cart' });
    const lines = cart.lineItems as Json[];
    expect(lines.map((line) => [line.id, line.currencyCode, line.billingCycle, line.orderGroup, line.error])).toEqual([
      [0, 'USD', 'one_time', '0', undefined],
      [1, 'USD', 'one_time', '0', undefined],
    ]);
    expect(lines[0].provisioningContext).toEqual({ SubscriptionId: registered, Scope: 'Shared', Duration: '1Year' });
    const created = Date.parse(String(cart.creationTimestamp));
    expect(Date.parse(String(cart.expirationTimestamp)) - created).toBe(7 * 86_400_000);
    expect((cart.links as Json).self).toEqual({
      uri: `/customers/${contoso}/carts/${String(cart.id)}`,
      method: 'GET',
      headers: [],
    });
  });

  it('gets a cart and replaces its line items with PUT (201, like the doc)', async () => {
    const created = (await createCart(contoso, [await riLine(northEuropeSku, registered)])).json() as Json;
    const path = `/v1/customers/${contoso}/carts/${String(created.id)}`;
    expect((await harness.getJson<Json>(path)).id).toBe(created.id);
    const update = await harness.call('PUT', `${path}/`, {
      body: { Id: created.id, LineItems: [await riLine(northEuropeSku, registered, { Quantity: 5 })] },
    });
    expect(update.status).toBe(201);
    expect(((update.json() as Json).lineItems as Json[])[0].quantity).toBe(5);
    expect(((await harness.getJson<Json>(path)).lineItems as Json[])[0].quantity).toBe(5);
  });

  it('refuses an unknown catalog item with 400 / 800004', async () => {
    await expectFault(
      [{ CatalogItemId: `${PERPETUAL}:0001:ZZZZZZZZZZZZ`, Quantity: 1, BillingCycle: 'one_time' }],
      400,
      800004,
    );
    await expectFault([{ CatalogItemId: 'MS-AZR-0145P', Quantity: 1, BillingCycle: 'monthly' }], 400, 800004);
  });

  it('refuses a catalog item whose availability id has rotated away with 400 / 800004', async () => {
    const stale = await catalogItemId(harness, PERPETUAL, '0001', 'US');
    await harness.control('POST', 'catalog/rotate');
    await expectFault([{ CatalogItemId: stale, Quantity: 1, BillingCycle: 'one_time' }], 400, 800004);
  });

  it('refuses quantities that are not positive integers within the SKU limits with 400 / 900275', async () => {
    const item = await catalogItemId(harness, SOFTWARE_SUBSCRIPTION, '0001', 'US');
    for (const quantity of [0, -1, 1.5, 7, 513, '8']) {
      await expectFault([{ CatalogItemId: item, Quantity: quantity, BillingCycle: 'one_time' }], 400, 900275);
    }
    const ok = await createCart(contoso, [{ CatalogItemId: item, Quantity: 8, BillingCycle: 'one_time' }]);
    expect(ok.status).toBe(201);
  });

  it('refuses items outside the customer market and subscriptions/RIs for restricted markets with 400 / 800070', async () => {
    const brazil = String((await customerNamed(harness, 'Amazonia Agro Ltda')).id);
    const usSubscription = await catalogItemId(harness, SOFTWARE_SUBSCRIPTION, '0001', 'US');
    await expectFault([{ CatalogItemId: usSubscription, Quantity: 8, BillingCycle: 'one_time' }], 400, 800070, brazil);
    const gbPerpetual = await catalogItemId(harness, PERPETUAL, '0001', 'GB');
    await expectFault([{ CatalogItemId: gbPerpetual, Quantity: 1, BillingCycle: 'one_time' }], 400, 800070);
    const brPerpetual = await catalogItemId(harness, PERPETUAL, '0001', 'BR');
    const allowed = await createCart(brazil, [{ CatalogItemId: brPerpetual, Quantity: 1, BillingCycle: 'one_time' }]);
    expect(allowed.status).toBe(201);
    expect(((allowed.json() as Json).lineItems as Json[])[0].currencyCode).toBe('BRL');
  });

  it('refuses perpetual software the partner is not qualified for with 403 / 800020', async () => {
    const item = await catalogItemId(harness, QUALIFICATION_PERPETUAL, '0001', 'US');
    await expectFault([{ CatalogItemId: item, Quantity: 1, BillingCycle: 'one_time' }], 403, 800020);
  });

  it('requires the RI provisioning context: 900317 without the Azure plan id, 900312 for an unsupported scope', async () => {
    await expectFault(
      [await riLine(northEuropeSku, registered, { ProvisioningContext: { scope: 'shared' } })],
      400,
      900317,
    );
    await expectFault(
      [
        await riLine(northEuropeSku, registered, {
          ProvisioningContext: { subscriptionId: registered, scope: 'global' },
        }),
      ],
      400,
      900312,
    );
    await expectFault([await riLine(northEuropeSku, '11111111-2222-4333-8444-555555555555')], 400, 800011);
  });

  it('refuses unparseable and unsupported billing cycles and badly numbered line items', async () => {
    const item = await catalogItemId(harness, PERPETUAL, '0001', 'US');
    await expectFault([{ CatalogItemId: item, Quantity: 1, BillingCycle: 'fortnightly' }], 400, 900126);
    await expectFault([{ CatalogItemId: item, Quantity: 1, BillingCycle: 'monthly' }], 400, 800002);
    await expectFault(
      [
        { Id: 0, CatalogItemId: item, Quantity: 1, BillingCycle: 'one_time' },
        { Id: 2, CatalogItemId: item, Quantity: 1, BillingCycle: 'one_time' },
      ],
      400,
      800071,
    );
    const malformed = await harness.call('POST', `/v1/customers/${contoso}/carts`, { body: '{"lineItems": [' });
    expect((malformed.json() as Json).code).toBe(800002);
  });

  it('marks a restricted-inventory RI line with error inventory_not_available and checkout fails with 400 / 800010', async () => {
    for (const [sku, subscription] of [
      [eastUsSku, capacityRestricted],
      [japanWestSku, registered],
    ]) {
      const response = await createCart(contoso, [await riLine(sku, subscription)]);
      expect(response.status).toBe(201);
      const cart = response.json() as Json;
      expect(((cart.lineItems as Json[])[0].error as Json).errorCode).toBe('inventory_not_available');
      const checkout = await harness.call('POST', `/v1/customers/${contoso}/carts/${String(cart.id)}/checkout`);
      expect({ status: checkout.status, code: (checkout.json() as Json).code }).toEqual({ status: 400, code: 800010 });
    }
  });

  it('marks an RI for an unregistered subscription with subscription_not_registered until registration completes', async () => {
    const response = await createCart(contoso, [await riLine(northEuropeSku, unregistered)]);
    const cart = response.json() as Json;
    expect(((cart.lineItems as Json[])[0].error as Json).errorCode).toBe('subscription_not_registered');
    const checkoutPath = `/v1/customers/${contoso}/carts/${String(cart.id)}/checkout`;
    const refused = await harness.call('POST', checkoutPath);
    expect({ status: refused.status, code: (refused.json() as Json).code }).toEqual({ status: 400, code: 800030 });

    const register = await harness.call('POST', `/v1/customers/${contoso}/subscriptions/${unregistered}/registrations`);
    expect(register.status).toBe(202);
    await harness.advance(20);
    const fresh = await createCart(contoso, [await riLine(northEuropeSku, unregistered)]);
    const freshCart = fresh.json() as Json;
    expect((freshCart.lineItems as Json[])[0].error).toBeUndefined();
    const placed = await harness.call('POST', `/v1/customers/${contoso}/carts/${String(freshCart.id)}/checkout`);
    expect(placed.status).toBe(201);
  });

  it('expires a cart 7 days after creation: get and checkout answer 404 / 800008', async () => {
    const item = await catalogItemId(harness, PERPETUAL, '0001', 'US');
    const cart = (
      await createCart(contoso, [{ CatalogItemId: item, Quantity: 1, BillingCycle: 'one_time' }])
    ).json() as Json;
    const path = `/v1/customers/${contoso}/carts/${String(cart.id)}`;
    await harness.advance(7 * 86_400 + 1);
    for (const response of [await harness.call('GET', path), await harness.call('POST', `${path}/checkout`)]) {
      expect({ status: response.status, code: (response.json() as Json).code }).toEqual({ status: 404, code: 800008 });
    }
  });

  it('fails checkout with 404 / 400019 when an item went stale after carting', async () => {
    const item = await catalogItemId(harness, PERPETUAL, '0001', 'US');
    const cart = (
      await createCart(contoso, [{ CatalogItemId: item, Quantity: 1, BillingCycle: 'one_time' }])
    ).json() as Json;
    await harness.control('POST', 'catalog/rotate');
    const checkout = await harness.call('POST', `/v1/customers/${contoso}/carts/${String(cart.id)}/checkout`);
    expect({ status: checkout.status, code: (checkout.json() as Json).code }).toEqual({ status: 404, code: 400019 });
  });

  it('answers 404 / 800008 for an unknown cart', async () => {
    const response = await harness.call('GET', `/v1/customers/${contoso}/carts/00000000-0000-4000-8000-000000000000`);
    expect({ status: response.status, code: (response.json() as Json).code }).toEqual({ status: 404, code: 800008 });
  });
});
