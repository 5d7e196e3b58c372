import { PartnerCenterPurchaseService } from '../../services/purchase/PartnerCenterPurchaseService';
import { PurchaseRequestError } from '../../services/purchase/PurchaseRequestError';
import { makeTestClient } from './support/makeTestClient';
import { startScriptedServer, type RecordedRequest, type ScriptedServer } from './support/scriptedServer';

const ctx = { correlationId: 'reservations-and-attestation' };
const customer = {
  id: 'cust-1',
  companyName: 'Contoso Ltd',
  domain: 'contoso.onmicrosoft.com',
  country: 'US',
  countryName: 'United States',
};

// get-a-subscription-by-id, "Response example for a Microsoft Azure subscription" (Partner Center REST reference).
const MICROSOFT_AZURE_SUBSCRIPTION = {
  id: 'A356AC8C-E310-44F4-BF85-C7F29044AF99',
  entitlementId: '42226ED6-070A-4E0F-B80C-4CDFB3E97AA7',
  offerId: 'MS-AZR-0145P',
  offerName: 'Microsoft Azure',
  friendlyName: 'Microsoft Azure',
  quantity: 1,
  unitType: 'Usage-based',
  creationDate: '2016-05-10T07:30:05.427Z',
  effectiveStartDate: '2016-05-10T00:00:00Z',
  commitmentEndDate: '9999-12-10T00:00:00Z',
  status: 'active',
  autoRenewEnabled: false,
  billingType: 'usage',
  contractType: 'subscription',
  links: {
    offer: { uri: '/offers/MS-AZR-0145P?country=US', method: 'GET', headers: [] },
    self: {
      uri: '/customers/4d3cf487-70f4-4e1e-9ff1-b2bfce8d9f04/subscriptions/A356AC8C-E310-44F4-BF85-C7F29044AF99',
      method: 'GET',
      headers: [],
    },
  },
  orderId: 'B23FDEDD-D6BD-415A-8B71-3624C81C9644',
  attributes: { etag: 'eyJpZCI6ImEzNTZhYzhjIn0=', objectType: 'Subscription' },
};
// An Azure plan's offerId is its catalog item, as in the Azure plan usage-records example.
const AZURE_PLAN_ID = '3f15978e-005c-b763-bb78-2a8fab289c58';
const AZURE_PLAN_SUBSCRIPTION = {
  ...MICROSOFT_AZURE_SUBSCRIPTION,
  id: AZURE_PLAN_ID,
  offerId: 'DZH318Z0BPS6:0001:DZH318Z0BML6',
  offerName: 'Azure plan',
  friendlyName: 'Azure plan',
};

const reservationSku = {
  id: '0001',
  productId: 'DZH318Z0BQ3Q',
  title: 'Reserved VM Instance, Standard_D2s_v3, US East, 1 Year',
  minimumQuantity: 1,
  maximumQuantity: 100,
  supportedBillingCycles: ['one_time'],
  purchasePrerequisites: ['InventoryCheck', 'AzureSubscriptionRegistration'],
  provisioningVariables: ['Scope', 'SubscriptionId', 'Duration'],
};

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const bodyOf = (request: RecordedRequest | undefined): Record<string, unknown> =>
  JSON.parse(request?.body ?? '{}') as Record<string, unknown>;

describe('Azure plan reservations', () => {
  it('reads a subscription by id with the offer that tells a Microsoft Azure subscription from an Azure plan', async () => {
    server.reply((request) => ({
      status: 200,
      json: request.url.toLowerCase().includes(AZURE_PLAN_ID) ? AZURE_PLAN_SUBSCRIPTION : MICROSOFT_AZURE_SUBSCRIPTION,
    }));
    const { client } = makeTestClient(server.url);
    const service = new PartnerCenterPurchaseService(client);

    const legacy = await client.getSubscription(ctx, {
      customerId: customer.id,
      subscriptionId: MICROSOFT_AZURE_SUBSCRIPTION.id,
    });
    expect(server.requests[0]?.url).toBe(`/v1/customers/cust-1/subscriptions/${MICROSOFT_AZURE_SUBSCRIPTION.id}`);
    expect(legacy).toMatchObject({ offerId: 'MS-AZR-0145P', status: 'active', friendlyName: 'Microsoft Azure' });
    expect(await service.getAzureSubscription(ctx, customer.id, AZURE_PLAN_ID)).toEqual({
      id: AZURE_PLAN_ID,
      name: 'Azure plan',
      kind: 'azure-plan',
      status: 'active',
    });
    expect((await service.getAzureSubscription(ctx, customer.id, MICROSOFT_AZURE_SUBSCRIPTION.id))?.kind).toBe(
      'microsoft-azure',
    );
  });

  it('answers no subscription, not an error, when Partner Center has none with that id (404 / 20003)', async () => {
    server.reply(() => ({
      status: 404,
      json: { code: 20003, description: 'Subscription with ID x not found.', source: 'PartnerFD' },
    }));
    const service = new PartnerCenterPurchaseService(makeTestClient(server.url).client);
    expect(await service.getAzureSubscription(ctx, customer.id, AZURE_PLAN_ID)).toBeUndefined();
  });

  it('asks for an Azure plan’s products, SKUs and availabilities with reservationScope=AzurePlan', async () => {
    server.reply((request) => {
      if (request.url.includes('/availabilities')) return { status: 200, json: { totalCount: 0, items: [] } };
      if (request.url.includes('/skus')) return { status: 200, json: { totalCount: 1, items: [reservationSku] } };
      return { status: 200, json: { totalCount: 0, items: [] } };
    });
    const service = new PartnerCenterPurchaseService(makeTestClient(server.url).client);
    const plan = { azureSubscriptionKind: 'azure-plan' } as const;

    await service.listProducts(ctx, customer, 'azure-reservations', plan);
    await service.listSkus(ctx, customer, 'DZH318Z0BQ3Q', plan);
    await service.listTerms(ctx, customer, 'DZH318Z0BQ3Q', '0001', plan);
    await service.listProducts(ctx, customer, 'azure-reservations', { azureSubscriptionKind: 'microsoft-azure' });

    expect(server.requests.map((request) => request.url)).toEqual([
      '/v1/products?country=US&targetView=AzureReservationsVM&targetSegment=commercial&reservationScope=AzurePlan',
      '/v1/products/DZH318Z0BQ3Q/skus?country=US&targetSegment=commercial&reservationScope=AzurePlan',
      // The SKU just listed comes from the cache; its availabilities are always read afresh.
      '/v1/products/DZH318Z0BQ3Q/skus/0001/availabilities?country=US&targetSegment=commercial&reservationScope=AzurePlan',
      '/v1/products?country=US&targetView=AzureReservationsVM&targetSegment=commercial',
    ]);
  });
});

describe('attestation', () => {
  it('sends PartnerOnRecordAttestationAccepted and AttestationAccepted under their documented names', async () => {
    server.reply((request) => ({
      status: 201,
      json: { id: 'cart-1', lineItems: (bodyOf(request).lineItems as unknown[]) ?? [] },
    }));
    const { client } = makeTestClient(server.url);

    const created = await client.createCart(ctx, {
      customerId: 'cust',
      cart: {
        partnerOnRecordAttestationAccepted: true,
        lineItems: [
          {
            catalogItemId: 'CFQ7TTC0W365:0001:CFQ7AAAAAAAA',
            quantity: 2,
            billingCycle: 'one_time',
            attestationAccepted: true,
          },
        ],
      },
    });
    await client.updateCart(ctx, {
      customerId: 'cust',
      cartId: 'cart-1',
      cart: { ...created, partnerOnRecordAttestationAccepted: true },
    });

    for (const request of server.requests) {
      const body = bodyOf(request);
      expect(body.PartnerOnRecordAttestationAccepted).toBe(true);
      expect(body).not.toHaveProperty('partnerOnRecordAttestationAccepted');
      const [line] = body.lineItems as Record<string, unknown>[];
      expect(line).toMatchObject({ id: 0, catalogItemId: 'CFQ7TTC0W365:0001:CFQ7AAAAAAAA', AttestationAccepted: true });
      expect(line).not.toHaveProperty('attestationAccepted');
    }
    expect(server.requests.map((request) => request.method)).toEqual(['POST', 'PUT']);
  });

  it('reads a SKU’s attestationProperties and refuses to cart one whose attestation it cannot show', async () => {
    const sku = {
      ...reservationSku,
      id: '0002',
      productId: 'CFQ7TTC0SOME',
      title: 'Some future offer',
      purchasePrerequisites: [],
      provisioningVariables: [],
      attestationProperties: { attestationType: 'SomethingNew', enforceAttestation: true },
    };
    const availability = {
      id: 'CFQ7AVAILABL',
      productId: sku.productId,
      skuId: sku.id,
      catalogItemId: `${sku.productId}:${sku.id}:CFQ7AVAILABL`,
      segment: 'commercial',
      isPurchasable: true,
      terms: [{ duration: 'P1Y', description: '1 Year' }],
    };
    server.reply((request) => {
      if (request.url.includes('/availabilities'))
        return { status: 200, json: { totalCount: 1, items: [availability] } };
      if (request.url.includes('/skus/')) return { status: 200, json: sku };
      return { status: 200, json: { id: sku.productId, title: 'Some future product' } };
    });
    const { client } = makeTestClient(server.url);
    const service = new PartnerCenterPurchaseService(client);

    const read = await client.getSku(ctx, { productId: sku.productId, skuId: sku.id, country: 'US' });
    expect(read.attestationProperties).toEqual({ attestationType: 'SomethingNew', enforceAttestation: true });
    const [term] = await service.listTerms(ctx, customer, sku.productId, sku.id);
    const attempt = service.createCart(ctx, customer, {
      productId: sku.productId,
      skuId: sku.id,
      termKey: term.termKey,
      quantity: 1,
    });

    await expect(attempt).rejects.toThrow(PurchaseRequestError);
    await expect(attempt).rejects.toThrow(/requires an attestation \(SomethingNew\)/);
    expect(server.requests.some((request) => request.method !== 'GET')).toBe(false);
  });
});
