import { catalogItemId, SimulatorHarness, type Json } from './simulatorHarness';

const RI_PRODUCT = 'DZH318Z0D1V5';
const SOFTWARE_SUBSCRIPTION = 'DG7GMGF0FKZW';
const PERPETUAL = 'DG7GMGF0D7FV';

describe('simulator: catalog', () => {
  let harness: SimulatorHarness;
  beforeAll(async () => {
    harness = await SimulatorHarness.start();
  });
  afterAll(() => harness.close());

  const productIds = async (query: string): Promise<string[]> =>
    ((await harness.getJson<Json>(`/v1/products?${query}`)).items ?? []).map((item) => String(item.id));

  it('lists software subscriptions, perpetual software and both under Software', async () => {
    const subscriptions = await productIds('country=US&targetView=SoftwareSubscriptions');
    const perpetual = await productIds('country=US&targetView=SoftwarePerpetual');
    const software = await productIds('country=US&targetView=Software');
    expect(subscriptions).toContain(SOFTWARE_SUBSCRIPTION);
    expect(perpetual).toContain(PERPETUAL);
    expect(subscriptions).not.toContain(PERPETUAL);
    expect(software.sort()).toEqual([...subscriptions, ...perpetual].sort());
  });

  it('lists the same reserved VM instance products under AzureReservationsVM, AzureReservations and Azure', async () => {
    const vm = await productIds('country=GB&targetView=AzureReservationsVM');
    expect(vm).toContain(RI_PRODUCT);
    expect(await productIds('country=GB&targetView=AzureReservations')).toEqual(vm);
    expect(await productIds('country=GB&targetView=azure&reservationScope=AzurePlan')).toEqual(vm);
  });

  it('sells no software subscriptions or reservations in a MARKETS.md country, but still perpetual software', async () => {
    for (const country of ['BR', 'RU', 'CN', 'GI', 'JE']) {
      expect(await productIds(`country=${country}&targetView=SoftwareSubscriptions`)).toEqual([]);
      expect(await productIds(`country=${country}&targetView=AzureReservationsVM`)).toEqual([]);
      expect(await productIds(`country=${country}&targetView=SoftwarePerpetual`)).toContain(PERPETUAL);
    }
    const product = await harness.call('GET', `/v1/products/${RI_PRODUCT}?country=BR`);
    expect(product.status).toBe(404);
    expect((product.json() as Json).code).toBe(400013);
  });

  it('returns nonprofit availabilities only when nonprofit is asked for explicitly', async () => {
    const base = `/v1/products/${PERPETUAL}/skus/0001/availabilities?country=US`;
    const defaultSegments = ((await harness.getJson<Json>(base)).items ?? []).map((item) => item.segment);
    const nonprofit = ((await harness.getJson<Json>(`${base}&targetSegment=nonprofit`)).items ?? []).map(
      (item) => item.segment,
    );
    expect(defaultSegments.sort()).toEqual(['commercial', 'education']);
    expect(nonprofit).toEqual(['nonprofit']);
  });

  it('refuses the government segment with 403 / 400030 and an unknown view with 403 / 400036', async () => {
    const segment = await harness.call('GET', '/v1/products?country=US&targetView=Software&targetSegment=government');
    expect(segment.status).toBe(403);
    expect((segment.json() as Json).code).toBe(400030);
    const view = await harness.call('GET', '/v1/products?country=US&targetView=AzureAzureReservationsVM');
    expect(view.status).toBe(403);
    expect((view.json() as Json).code).toBe(400036);
  });

  it('serves reservation SKUs with inventory and registration prerequisites, variables and region/term attributes', async () => {
    const skus = await harness.getJson<Json>(`/v1/products/${RI_PRODUCT}/skus?country=US`);
    const items = skus.items ?? [];
    expect(items.length).toBeGreaterThan(10);
    for (const sku of items) {
      expect(String(sku.id)).toMatch(/^[0-9A-Z]{4}$/);
      expect(sku.purchasePrerequisites).toEqual(['InventoryCheck', 'AzureSubscriptionRegistration']);
      expect(sku.provisioningVariables).toEqual(['Scope', 'SubscriptionId', 'Duration']);
      expect(sku.inventoryVariables).toEqual(['CustomerId', 'AzureSubscriptionId', 'ArmRegionName']);
      expect(sku.supportedBillingCycles).toEqual(['one_time']);
      expect(Object.keys(sku.dynamicAttributes as Json)).toEqual(expect.arrayContaining(['armRegionName', 'duration']));
    }
    const sku = await harness.getJson<Json>(
      `/v1/products/${RI_PRODUCT.toLowerCase()}/skus/${String(items[1].id)}?country=us`,
    );
    expect(sku.id).toBe(items[1].id);
    expect(Number(sku.minimumQuantity)).toBeLessThanOrEqual(Number(sku.maximumQuantity));
  });

  it('gives availabilities a 12-character id, catalogItemId product:sku:availability and the market currency', async () => {
    const page = await harness.getJson<Json>(`/v1/products/${RI_PRODUCT}/skus/0001/availabilities?country=JP`);
    const availability = (page.items ?? [])[0];
    expect(String(availability.id)).toMatch(/^[0-9A-Z]{12}$/);
    expect(availability.catalogItemId).toBe(`${RI_PRODUCT}:0001:${String(availability.id)}`);
    expect(availability.defaultCurrency).toEqual({ code: 'JPY', symbol: '¥' });
    expect(availability.terms).toEqual([{ duration: 'P1Y', description: '1 Year Prepaid' }]);
    const byId = await harness.getJson<Json>(
      `/v1/products/${RI_PRODUCT}/skus/0001/availabilities/${String(availability.id)}?country=JP`,
    );
    expect(byId.catalogItemId).toBe(availability.catalogItemId);
  });

  it('answers 404 with 400013, 400018 and 400019 for unknown product, SKU and availability', async () => {
    const cases: [string, number][] = [
      ['/v1/products/ZZZZZZZZZZZZ?country=US', 400013],
      [`/v1/products/${PERPETUAL}/skus/9999?country=US`, 400018],
      [`/v1/products/${PERPETUAL}/skus/0001/availabilities/ZZZZZZZZZZZZ?country=US`, 400019],
    ];
    for (const [path, code] of cases) {
      const response = await harness.call('GET', path);
      expect(response.status).toBe(404);
      expect((response.json() as Json).code).toBe(code);
    }
  });

  it('rotates availability ids on demand so the old id is no longer found', async () => {
    const before = await catalogItemId(harness, PERPETUAL, '0001', 'US');
    expect((await harness.control('POST', 'catalog/rotate')).status).toBe(204);
    const after = await catalogItemId(harness, PERPETUAL, '0001', 'US');
    expect(after).not.toBe(before);
    const stale = await harness.call(
      'GET',
      `/v1/products/${PERPETUAL}/skus/0001/availabilities/${before.split(':')[2]}?country=US`,
    );
    expect(stale.status).toBe(404);
    expect((stale.json() as Json).code).toBe(400019);
  });

  it('rotates availability ids every 10 minutes of simulated time', async () => {
    const before = await catalogItemId(harness, PERPETUAL, '0001', 'US');
    await harness.advance(600);
    expect(await catalogItemId(harness, PERPETUAL, '0001', 'US')).not.toBe(before);
  });

  it('checks inventory at the lower-case checkinventory path with a PascalCase body and answers a bare array', async () => {
    const customers = await harness.getJson<Json>('/v1/customers?size=1');
    const contoso = String((customers.items ?? [])[0].id);
    const subscriptions = await harness.getJson<Json>(`/v1/customers/${contoso}/subscriptions`);
    const registered = String((subscriptions.items ?? [])[0].id);
    const response = await harness.call('POST', '/v1/extensions/product/checkinventory?country=US', {
      body: {
        TargetItems: [{ ProductId: RI_PRODUCT }],
        InventoryContext: { customerId: contoso, azureSubscriptionId: registered, armRegionName: 'japanwest' },
      },
    });
    expect(response.status).toBe(200);
    const items = response.json() as Json[];
    expect(Array.isArray(items)).toBe(true);
    const skus = await harness.getJson<Json>(`/v1/products/${RI_PRODUCT}/skus?country=US`);
    expect(items).toHaveLength((skus.items ?? []).length);
    const japanWest = items.filter((item) => item.isRestricted);
    expect(japanWest.length).toBeGreaterThan(0);
    expect((japanWest[0].restrictions as Json[])[0]).toEqual({
      reasonCode: 'NotAvailableForSubscription',
      description: "Restriction identified of type 'Location' with values 'japanwest'.",
      properties: { type: 'Location', values: 'japanwest' },
    });
    const open = items.find((item) => !item.isRestricted);
    expect(open?.restrictions).toEqual([]);
  });

  it('reports a subscription-specific restriction for one SKU of the capacity-restricted subscription', async () => {
    const customers = await harness.getJson<Json>('/v1/customers?size=1');
    const contoso = String((customers.items ?? [])[0].id);
    const subscriptions = (await harness.getJson<Json>(`/v1/customers/${contoso}/subscriptions`)).items ?? [];
    const restricted = subscriptions.find((s) => String(s.friendlyName).includes('restricted'));
    const skus = (await harness.getJson<Json>(`/v1/products/${RI_PRODUCT}/skus?country=US`)).items ?? [];
    const eastUs = skus.find((sku) => (sku.dynamicAttributes as Json).armRegionName === 'eastus');
    const response = await harness.call('POST', '/v1/extensions/product/checkInventory?country=US', {
      body: {
        targetItems: [{ productId: RI_PRODUCT, skuId: String(eastUs?.id) }],
        inventoryContext: { CustomerId: contoso, AzureSubscriptionId: String(restricted?.id) },
      },
    });
    expect(response.json()).toEqual([
      expect.objectContaining({ productId: RI_PRODUCT, skuId: eastUs?.id, isRestricted: true }),
    ]);
  });
});
