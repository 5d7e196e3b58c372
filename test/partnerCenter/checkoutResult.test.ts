import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkoutSummaryOf } from '../../services/purchase/checkoutSummaryOf';
import { makeTestClient } from './support/makeTestClient';
import { startScriptedServer, type ScriptedServer } from './support/scriptedServer';

/**
 * No documentation example shows a non-empty `orderErrors`, so these fixtures are composed: the one-time order of the
 * documented checkout example (checkout-a-cart) next to an OrderError shaped like the SDK's model (`OrderGroupId`
 * string, `Code` int, `Description` string; Source/PartnerSdk.Models/Carts/OrderError.cs), and a result with only
 * `orderErrors`, which the SDK model (orders defaulting to an empty list) also reads.
 */
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'partner-center', name), 'utf8'));
const ctx = { correlationId: 'checkout-results', user: { id: 'u-1', name: 'Alex Wilber' } };

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(async () => {
  await server.close();
});

describe('checkout results with order errors', () => {
  it('parses orders placed next to an order group refused, and keeps both', async () => {
    server.reply(() => ({ status: 201, json: fixture('checkout-cart.partial.response.json') }));
    const { client } = makeTestClient(server.url);

    const result = await client.checkoutCart(ctx, { customerId: 'c-1', cartId: 'cart-1', requestId: 'r-1' });

    expect(result.orders.map((order) => order.id)).toEqual(['311qiN8iFwkv-XARWMvXRYAwYKMACVqv1']);
    expect(result.orderErrors).toEqual([
      { orderGroupId: '1', code: '800069', description: 'Order failed Risk Management check' },
    ]);
    const summary = checkoutSummaryOf(result);
    expect(summary.orders[0].lines.map((line) => line.name)).toEqual([
      'Reserved VM Instance, Standard_NV12, US East 2, 1 Year',
      'Reserved VM Instance, Standard_NV12, US East 2, 3 Years',
      'BizTalk Server 2016 Branch',
    ]);
    expect(summary.problems).toEqual([
      {
        orderGroupId: '1',
        code: '800069',
        key: 'code.riskCheck',
        sentence: "The order didn't pass Microsoft's risk check; contact Partner Center support.",
        description: 'Order failed Risk Management check',
      },
    ]);
  });

  it('parses a result with order errors and no `orders` at all as nothing ordered, not as an invalid response', async () => {
    server.reply(() => ({ status: 201, json: fixture('checkout-cart.order-errors-only.response.json') }));
    const { client } = makeTestClient(server.url);

    const result = await client.checkoutCart(ctx, { customerId: 'c-1', cartId: 'cart-2', requestId: 'r-2' });

    expect(result.orders).toEqual([]);
    expect(result.orderErrors).toEqual([
      { orderGroupId: '0', code: '800069', description: 'Order failed Risk Management check' },
    ]);
    // A definite answer: not retried as if it were unreadable.
    expect(server.requests.filter((request) => request.url.endsWith('/carts/cart-2/checkout'))).toHaveLength(1);
  });
});
