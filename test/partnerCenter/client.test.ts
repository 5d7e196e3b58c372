import { PartnerCenterError } from '../../services/partnerCenter/PartnerCenterError';
import { makeTestClient } from './support/makeTestClient';
import { startScriptedServer, type ScriptedServer } from './support/scriptedServer';
import { exampleText } from '../fixtures/partnerCenterExamples';

const example = (name: string) => JSON.parse(exampleText(name)) as Record<string, unknown>;
const cart = example('create-cart.response.json');
const order = example('get-order.response.json');
const ctx = { correlationId: 'workflow-42', locale: 'fr-FR', user: { id: 'u-1', name: 'Alex Wilber' } };

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

describe('request headers and bodies', () => {
  it('sends the documented headers on a GET, without a Content-Type', async () => {
    server.reply(() => ({ status: 200, json: order }));
    const { client } = makeTestClient(server.url);

    await client.getOrder(ctx, { customerId: 'c 1', orderId: 'o/1' });

    const [request] = server.requests;
    expect(request?.method).toBe('GET');
    expect(request?.url).toBe('/v1/customers/c%201/orders/o%2F1');
    expect(request?.headers).toMatchObject({
      authorization: 'Bearer local-app',
      accept: 'application/json',
      'ms-correlationid': 'workflow-42',
      'x-locale': 'fr-FR',
      'ms-partnercenter-application': 'pc-bot-tests',
    });
    expect(request?.headers['ms-requestid']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(request?.headers['content-type']).toBeUndefined();
  });

  it('defaults X-Locale to en-US', async () => {
    server.reply(() => ({ status: 200, json: order }));
    const { client } = makeTestClient(server.url);

    await client.getOrder({ correlationId: 'c' }, { customerId: 'c', orderId: 'o' });

    expect(server.requests[0]?.headers['x-locale']).toBe('en-US');
  });

  it('posts a camelCase JSON cart with line items numbered 0..n-1', async () => {
    server.reply(() => ({ status: 201, json: cart }));
    const { client } = makeTestClient(server.url);

    const created = await client.createCart(ctx, {
      customerId: 'cust',
      cart: {
        lineItems: [
          { catalogItemId: 'DG7GMGF0DWTL:0001:DG7GMGF0DSFM', quantity: 2, billingCycle: 'one_time' },
          {
            catalogItemId: 'DZH318Z0BQ36:004G:DZH318Z08C0S',
            quantity: 1,
            billingCycle: 'one_time',
            termDuration: 'P1Y',
            provisioningContext: { subscriptionId: 'sub', scope: 'shared' },
          },
        ],
      },
    });

    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v1/customers/cust/carts');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      lineItems: [
        { id: 0, catalogItemId: 'DG7GMGF0DWTL:0001:DG7GMGF0DSFM', quantity: 2, billingCycle: 'one_time' },
        {
          id: 1,
          catalogItemId: 'DZH318Z0BQ36:004G:DZH318Z08C0S',
          quantity: 1,
          billingCycle: 'one_time',
          termDuration: 'P1Y',
          provisioningContext: { subscriptionId: 'sub', scope: 'shared' },
        },
      ],
    });
    expect(created.id).toBe(cart.id);
    expect(created.lineItems.map((l) => l.orderGroup)).toEqual(['OMS-0', '0', '0', '0', '1', '2']);
  });

  it('puts a cart read from the service back with the fields it did not know', async () => {
    server.reply(() => ({ status: 201, json: { ...cart, futureFlag: true } }));
    const { client } = makeTestClient(server.url);
    const read = await client.getCart(ctx, { customerId: 'cust', cartId: 'cart-1' });

    await client.updateCart(ctx, { customerId: 'cust', cartId: 'cart-1', cart: read });

    const put = server.requests[1];
    expect(put?.method).toBe('PUT');
    expect(put?.url).toBe('/v1/customers/cust/carts/cart-1');
    expect(JSON.parse(put?.body ?? '')).toMatchObject({ id: cart.id, futureFlag: true });
  });

  it('sends the customer search filter as URL-encoded JSON with starts_with', async () => {
    server.reply(() => ({ status: 200, json: example('search-customers.response.json') }));
    const { client } = makeTestClient(server.url);

    const page = await client.searchCustomers(ctx, { field: 'CompanyName', value: 'Cont o', size: 10 });

    const url = new URL(server.requests[0]?.url ?? '', server.url);
    expect(url.pathname).toBe('/v1/customers');
    expect(url.searchParams.get('size')).toBe('10');
    expect(JSON.parse(url.searchParams.get('filter') ?? '')).toEqual({
      Field: 'CompanyName',
      Value: 'Cont o',
      Operator: 'starts_with',
    });
    expect(server.requests[0]?.url).toContain('filter=%7B%22Field%22%3A%22CompanyName%22');
    expect(page.items.length).toBeGreaterThan(0);
  });

  it('asks for one-time orders with billingType=OneTime', async () => {
    server.reply(() => ({ status: 200, json: example('get-orders-by-billing-cycle.response.json') }));
    const { client } = makeTestClient(server.url);

    const orders = await client.listOrdersByBillingCycle(ctx, { customerId: 'cust', billingCycle: 'one_time' });

    expect(server.requests[0]?.url).toBe('/v1/customers/cust/orders?billingType=OneTime');
    expect(orders.every((o) => o.billingCycle === 'one_time')).toBe(true);
  });

  it('sends catalog and entitlement filters under their wire names', async () => {
    server.reply(() => ({ status: 200, json: { totalCount: 0, items: [] } }));
    const { client } = makeTestClient(server.url);

    await client.listProducts(ctx, { country: 'US', targetView: 'AzureReservationsVM', reservationScope: 'AzurePlan' });
    await client.listEntitlements(ctx, { customerId: 'c', entitlementType: 'software', showExpiry: true });

    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1/products?country=US&targetView=AzureReservationsVM&reservationScope=AzurePlan',
      '/v1/customers/c/entitlements?entitlementType=software&showExpiry=true',
    ]);
  });

  it('downloads the invoice statement as bytes with Accept: application/pdf', async () => {
    const pdf = Buffer.from('%PDF-1.4 fake statement');
    server.reply(() => ({
      status: 200,
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': 'attachment; filename=Invoice_G000024132.pdf',
      },
      raw: pdf,
    }));
    const { client } = makeTestClient(server.url);

    const statement = await client.getInvoiceStatement(ctx, { invoiceId: 'G000024132' });

    expect(server.requests[0]?.headers.accept).toBe('application/pdf');
    expect(server.requests[0]?.url).toBe('/v1/invoices/G000024132/documents/statement');
    expect(statement.bytes.equals(pdf)).toBe(true);
    expect(statement.contentType).toBe('application/pdf');
    expect(statement.fileName).toBe('Invoice_G000024132.pdf');
  });

  it('returns the Location of an accepted subscription registration', async () => {
    server.reply(() => ({
      status: 202,
      headers: { Location: '/customers/c/subscriptions/s/registrationstatus' },
    }));
    const { client } = makeTestClient(server.url);

    const location = await client.registerSubscription(ctx, { customerId: 'c', subscriptionId: 's' });

    expect(server.requests[0]?.method).toBe('POST');
    expect(server.requests[0]?.url).toBe('/v1/customers/c/subscriptions/s/registrations');
    expect(location).toBe('/customers/c/subscriptions/s/registrationstatus');
  });

  it('treats an accepted registration without Location as an invalid response', async () => {
    server.reply(() => ({ status: 202 }));
    const { client } = makeTestClient(server.url);

    await expect(client.registerSubscription(ctx, { customerId: 'c', subscriptionId: 's' })).rejects.toMatchObject({
      kind: 'invalid-response',
    });
  });

  it('refuses to start a call without a correlation id', async () => {
    const { client } = makeTestClient(server.url);

    await expect(client.getBalance({ correlationId: '' })).rejects.toThrow(TypeError);
    expect(server.requests).toHaveLength(0);
  });

  it('reads the check inventory bare array', async () => {
    server.reply(() => ({ status: 200, json: example('check-inventory.response.json') }));
    const { client } = makeTestClient(server.url);

    const results = await client.checkInventory(ctx, {
      country: 'US',
      check: { targetItems: [{ productId: 'DZH318Z0BQ3P' }], inventoryContext: { customerId: 'c' } },
    });

    expect(server.requests[0]?.url).toBe('/v1/extensions/product/checkinventory?country=US');
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({
      targetItems: [{ productId: 'DZH318Z0BQ3P' }],
      inventoryContext: { customerId: 'c' },
    });
    expect(results.filter((r) => r.isRestricted).map((r) => r.skuId)).toEqual(['0039', '0038']);
  });

  it('throws PartnerCenterError, not axios errors', async () => {
    server.reply(() => ({ status: 404, json: { code: 20000, description: 'Order ID not found' } }));
    const { client } = makeTestClient(server.url);

    await expect(client.getOrder(ctx, { customerId: 'c', orderId: 'x' })).rejects.toBeInstanceOf(PartnerCenterError);
  });

  it('turns a token provider failure into a PartnerCenterError without sending the request', async () => {
    const { client } = makeTestClient(server.url, {
      tokenProvider: {
        isLocal: true,
        getToken: async () => {
          throw new Error('Microsoft Entra ID refused a Partner Center app token (invalid_client)');
        },
      },
    });

    const error = await client.getBalance(ctx).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PartnerCenterError);
    expect(error).toMatchObject({ kind: 'http', code: 'TokenAcquisitionFailed', attempts: 1 });
    expect((error as Error).message).toContain('invalid_client');
    expect(server.requests).toHaveLength(0);
  });
});
