import { PartnerCenterError } from '../../services/partnerCenter/PartnerCenterError';
import { exampleText } from '../fixtures/partnerCenterExamples';
import { makeTestClient } from './support/makeTestClient';
import { startScriptedServer, type ScriptedServer } from './support/scriptedServer';

const order = JSON.parse(exampleText('get-order.response.json')) as Record<string, unknown>;
const checkout = JSON.parse(exampleText('checkout-cart.response.fixed.json')) as Record<string, unknown>;
const ctx = { correlationId: 'corr-requests' };
const PRICING_REFUSED = { code: 800043, description: "Access to pricing information isn't granted" };

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

describe('what goes on the wire', () => {
  it('labels the empty-body checkout POST application/json, as the SDK and the documented example do', async () => {
    server.reply(() => ({ status: 201, json: checkout }));
    const { client } = makeTestClient(server.url);

    await client.checkoutCart(ctx, { customerId: 'cust-1', cartId: 'cart-1' });

    const [sent] = server.requests;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/v1/customers/cust-1/carts/cart-1/checkout');
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers['content-length']).toBe('0');
    expect(sent.body).toBe('');
  });

  it('labels the empty-body registration POST application/json', async () => {
    server.reply(() => ({
      status: 202,
      headers: { Location: '/customers/cust-1/subscriptions/sub-1/registrationstatus' },
      raw: '',
    }));
    const { client } = makeTestClient(server.url);

    await client.registerSubscription(ctx, { customerId: 'cust-1', subscriptionId: 'sub-1' });

    expect(server.requests[0].headers['content-type']).toBe('application/json');
    expect(server.requests[0].body).toBe('');
  });

  it('sends no Content-Type on a GET, which has no body', async () => {
    server.reply(() => ({ status: 200, json: order }));
    const { client } = makeTestClient(server.url);

    await client.getOrder(ctx, { customerId: 'cust-1', orderId: 'order-1' });

    expect(server.requests[0].headers['content-type']).toBeUndefined();
  });

  it('spells the inventory check path as the SDK and the REST example do (checkinventory)', async () => {
    server.reply(() => ({ status: 200, json: [] }));
    const { client } = makeTestClient(server.url);

    await client.checkInventory(ctx, {
      country: 'US',
      check: { targetItems: [{ productId: 'DZH318Z0BQ3P' }], inventoryContext: { customerId: 'c' } },
    });

    expect(server.requests[0].url).toBe('/v1/extensions/product/checkinventory?country=US');
    expect(server.requests[0].headers['content-type']).toBe('application/json');
  });
});

describe('include_price for callers who may not see prices (403 / 800043)', () => {
  const refusePriced = () =>
    server.reply((request) =>
      /include_price=True/.test(request.url)
        ? { status: 403, json: PRICING_REFUSED }
        : { status: 200, json: request.url.includes('/orders/') ? order : { totalCount: 1, items: [order] } },
    );

  it('gets the order without prices instead of failing the whole answer', async () => {
    refusePriced();
    const { client } = makeTestClient(server.url);

    const result = await client.getOrder(ctx, { customerId: 'cust-1', orderId: 'order-1', includePrice: true });

    expect(result.id).toBe(order.id);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1/customers/cust-1/orders/order-1?include_price=True',
      '/v1/customers/cust-1/orders/order-1',
    ]);
    // A new logical call: the refused one got its answer.
    expect(server.requests[0].headers['ms-requestid']).not.toBe(server.requests[1].headers['ms-requestid']);
  });

  it('lists orders, also by billing cycle, without prices after the same refusal', async () => {
    refusePriced();
    const { client } = makeTestClient(server.url);

    const all = await client.listOrders(ctx, { customerId: 'cust-1', includePrice: true });
    const oneTime = await client.listOrdersByBillingCycle(ctx, {
      customerId: 'cust-1',
      billingCycle: 'one_time',
      includePrice: true,
    });

    expect(all).toHaveLength(1);
    expect(oneTime).toHaveLength(1);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1/customers/cust-1/orders?include_price=True',
      '/v1/customers/cust-1/orders',
      '/v1/customers/cust-1/orders?billingType=OneTime&include_price=True',
      '/v1/customers/cust-1/orders?billingType=OneTime',
    ]);
  });

  it('asks only once more, and passes any other 403 on untouched', async () => {
    server.reply(() => ({ status: 403, json: { code: 900308, description: 'Insufficient privileges' } }));
    const { client } = makeTestClient(server.url);

    const failure = await client
      .getOrder(ctx, { customerId: 'cust-1', orderId: 'order-1', includePrice: true })
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(PartnerCenterError);
    expect(failure).toMatchObject({ httpStatus: 403, code: '900308' });
    expect(server.requests).toHaveLength(1);
  });
});
