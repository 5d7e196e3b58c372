import { catalogItemId, customerNamed, SimulatorHarness, type Json } from './simulatorHarness';

const RI_PRODUCT = 'DZH318Z0D1V5';
const PERPETUAL = 'DG7GMGF0D7FV';

describe('simulator: Azure plan and Microsoft Azure (MS-AZR-0145P) reservation catalogs', () => {
  let harness: SimulatorHarness;
  let contoso: string;
  let azurePlan: string;
  let adventureWorks: string;
  let microsoftAzure: string;
  let northEuropeSku: string;

  const subscriptionsOf = async (customerId: string): Promise<Json[]> =>
    (await harness.getJson<Json>(`/v1/customers/${customerId}/subscriptions`)).items ?? [];

  beforeAll(async () => {
    harness = await SimulatorHarness.start();
    contoso = String((await customerNamed(harness, 'Contoso Ltd')).id);
    azurePlan = String((await subscriptionsOf(contoso))[0].id);
    adventureWorks = String((await customerNamed(harness, 'Adventure Works Cycles')).id);
    microsoftAzure = String((await subscriptionsOf(adventureWorks))[0].id);
    const skus = (await harness.getJson<Json>(`/v1/products/${RI_PRODUCT}/skus?country=US`)).items ?? [];
    northEuropeSku = String(skus.find((sku) => (sku.dynamicAttributes as Json).armRegionName === 'northeurope')?.id);
  });
  afterAll(() => harness.close());

  const riCart = async (customerId: string, subscriptionId: string, scope: 'AzurePlan' | undefined) =>
    harness.call('POST', `/v1/customers/${customerId}/carts`, {
      body: {
        lineItems: [
          {
            id: 0,
            catalogItemId: await catalogItemId(harness, RI_PRODUCT, northEuropeSku, 'US', scope),
            quantity: 1,
            billingCycle: 'one_time',
            termDuration: 'P1Y',
            provisioningContext: { subscriptionId, scope: 'shared', duration: '1Year' },
          },
        ],
      },
    });

  it('gets a subscription by id with the offer that tells an Azure plan from a Microsoft Azure subscription', async () => {
    const plan = await harness.getJson<Json>(`/v1/customers/${contoso}/subscriptions/${azurePlan.toUpperCase()}`);
    expect(plan).toMatchObject({
      id: azurePlan,
      offerId: 'DZH318Z0BPS6:0001:DZH318Z0BML6',
      offerName: 'Azure plan',
      status: 'active',
      attributes: { objectType: 'Subscription' },
    });
    const legacy = await harness.getJson<Json>(`/v1/customers/${adventureWorks}/subscriptions/${microsoftAzure}`);
    expect(legacy).toMatchObject({ id: microsoftAzure, offerId: 'MS-AZR-0145P', offerName: 'Microsoft Azure' });
    const unknown = await harness.call('GET', `/v1/customers/${contoso}/subscriptions/${microsoftAzure}`);
    expect({ status: unknown.status, code: (unknown.json() as Json).code }).toEqual({ status: 404, code: 20003 });
  });

  it('seeds both kinds of customer the same way on every start and after a reset', async () => {
    const kinds = async (): Promise<string[]> => {
      const customers = (await harness.getJson<Json>('/v1/customers')).items ?? [];
      const offers: string[] = [];
      for (const customer of customers.slice(0, 12)) {
        const subscriptions = await subscriptionsOf(String(customer.id));
        offers.push(subscriptions.map((s) => String(s.offerId).split(':')[0]).join('+') || 'none');
      }
      return offers;
    };
    const before = await kinds();
    expect(before).toEqual([
      'DZH318Z0BPS6+DZH318Z0BPS6+DZH318Z0BPS6',
      'DZH318Z0BPS6',
      'none',
      'MS-AZR-0145P+MS-AZR-0145P',
      'MS-AZR-0145P',
      'none',
      'DZH318Z0BPS6+DZH318Z0BPS6',
      'DZH318Z0BPS6',
      'none',
      'MS-AZR-0145P+MS-AZR-0145P',
      'MS-AZR-0145P',
      'none',
    ]);
    expect((await harness.control('POST', 'reset')).status).toBe(204);
    expect(await kinds()).toEqual(before);
    contoso = String((await customerNamed(harness, 'Contoso Ltd')).id);
    expect(String((await subscriptionsOf(contoso))[0].id)).toBe(azurePlan);
  });

  it('lists other reservation availabilities with reservationScope=AzurePlan, each found again by id', async () => {
    const base = `/v1/products/${RI_PRODUCT}/skus/${northEuropeSku}/availabilities?country=US`;
    const legacy = ((await harness.getJson<Json>(base)).items ?? [])[0];
    const plan = await harness.getJson<Json>(`${base}&reservationScope=azureplan`);
    const planItem = (plan.items ?? [])[0];
    expect(planItem.catalogItemId).not.toBe(legacy.catalogItemId);
    expect(String(planItem.catalogItemId)).toMatch(new RegExp(`^${RI_PRODUCT}:${northEuropeSku}:[0-9A-Z]{12}$`));
    expect(((plan.links as Json).self as Json).uri).toContain('reservationScope=AzurePlan');
    for (const availability of [legacy, planItem]) {
      const byId = await harness.getJson<Json>(
        `/v1/products/${RI_PRODUCT}/skus/${northEuropeSku}/availabilities/${String(availability.id)}?country=US`,
      );
      expect(byId.catalogItemId).toBe(availability.catalogItemId);
    }
    // Only reservations have a second catalog: software is the same with or without the scope.
    const software = `/v1/products/${PERPETUAL}/skus/0001/availabilities?country=US`;
    expect(await catalogItemId(harness, PERPETUAL, '0001', 'US', 'AzurePlan')).toBe(
      String(((await harness.getJson<Json>(software)).items ?? [])[0].catalogItemId),
    );
    const wrong = await harness.call('GET', `${base}&reservationScope=Shared`);
    expect({ status: wrong.status, code: (wrong.json() as Json).code }).toEqual({ status: 400, code: 800002 });
  });

  it('refuses an Azure plan with a reservation from the Microsoft Azure catalog with 400 / 900315', async () => {
    const response = await riCart(contoso, azurePlan, undefined);
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({
      code: 900315,
      description: 'This product is not eligible for purchase using the provided Azure subscription.',
    });
  });

  it('refuses a Microsoft Azure subscription with a reservation from the Azure plan catalog with 400 / 900315', async () => {
    const response = await riCart(adventureWorks, microsoftAzure, 'AzurePlan');
    expect({ status: response.status, code: (response.json() as Json).code }).toEqual({ status: 400, code: 900315 });
  });

  it('carts and checks out a reservation from the catalog of its subscription, for either kind', async () => {
    for (const [customerId, subscriptionId, scope] of [
      [contoso, azurePlan, 'AzurePlan'],
      [adventureWorks, microsoftAzure, undefined],
    ] as const) {
      const created = await riCart(customerId, subscriptionId, scope);
      expect(created.status).toBe(201);
      const cart = created.json() as Json;
      expect((cart.lineItems as Json[])[0].error).toBeUndefined();
      const checkout = await harness.call('POST', `/v1/customers/${customerId}/carts/${String(cart.id)}/checkout`);
      expect(checkout.status).toBe(201);
      expect(((checkout.json() as Json).orders as Json[]).length).toBe(1);
    }
  });

  it('names the missing id the way its catalog does: 900313 (Azure subscription) or 900317 (Azure plan)', async () => {
    const withoutSubscription = async (customerId: string, scope: 'AzurePlan' | undefined) => {
      const response = await harness.call('POST', `/v1/customers/${customerId}/carts`, {
        body: {
          lineItems: [
            {
              catalogItemId: await catalogItemId(harness, RI_PRODUCT, northEuropeSku, 'US', scope),
              quantity: 1,
              billingCycle: 'one_time',
              provisioningContext: { scope: 'shared' },
            },
          ],
        },
      });
      return { status: response.status, code: (response.json() as Json).code };
    };
    expect(await withoutSubscription(adventureWorks, undefined)).toEqual({ status: 400, code: 900313 });
    expect(await withoutSubscription(contoso, 'AzurePlan')).toEqual({ status: 400, code: 900317 });
  });
});
