import { randomUUID } from 'node:crypto';
import { createPartnerCenterClient } from '../../services/partnerCenter/createPartnerCenterClient';
import type { PartnerCenterCallContext } from '../../services/partnerCenter/PartnerCenterCallContext';
import type { PartnerCenterClient } from '../../services/partnerCenter/PartnerCenterClient';
import { PartnerCenterError } from '../../services/partnerCenter/PartnerCenterError';
import { OrderCancellationService } from '../../services/purchase/OrderCancellationService';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { makeTestClient } from '../partnerCenter/support/makeTestClient';
import { startScriptedServer } from '../partnerCenter/support/scriptedServer';

const PERPETUAL = 'DG7GMGF0D7FV'; // USD 579
const SUBSCRIPTION = 'DG7GMGF0FKZW'; // USD 45 a year
const RESERVATION = 'DZH318Z0D1V5';
const DAY_MS = 86_400_000;

let simulator: RunningSimulator;
let client: PartnerCenterClient;
let customerId: string;
/** The simulator's clock, as the service sees it. */
let simulatedNow = Date.now();

const ctx = (): PartnerCenterCallContext => ({ correlationId: randomUUID() });

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${simulator.url}/_simulator/${path}`, {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status}`);
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

async function advanceDays(days: number): Promise<void> {
  const { now } = (await control('POST', 'clock', { advanceSeconds: days * 86_400 })) as { now: string };
  simulatedNow = Date.parse(now);
}

async function patches(): Promise<number> {
  const journal = (await control('GET', 'requests')) as { items: { method: string }[] };
  return journal.items.filter((item) => item.method === 'PATCH').length;
}

/** Buys lines for Contoso Ltd (US) and returns the order id. */
async function buy(lines: { productId: string; skuId?: string; quantity: number }[]): Promise<string> {
  const subscriptions = (await fetch(`${simulator.url}/v1/customers/${customerId}/subscriptions`, {
    headers: { Authorization: 'Bearer app' },
  }).then((r) => r.json())) as { items: { id: string }[] };
  const lineItems = [];
  for (const line of lines) {
    const isReservation = line.productId === RESERVATION;
    const skuId = line.skuId ?? (await client.listSkus(ctx(), { country: 'US', productId: line.productId }))[0].id;
    const [availability] = await client.listAvailabilities(ctx(), {
      country: 'US',
      productId: line.productId,
      skuId,
      ...(isReservation ? { reservationScope: 'AzurePlan' } : {}),
    });
    lineItems.push({
      catalogItemId: availability.catalogItemId,
      quantity: line.quantity,
      billingCycle: 'one_time' as const,
      ...(availability.terms[0]?.duration ? { termDuration: availability.terms[0].duration } : {}),
      ...(isReservation ? { provisioningContext: { subscriptionId: subscriptions.items[0].id, scope: 'single' } } : {}),
    });
  }
  const cart = await client.createCart(ctx(), { customerId, cart: { lineItems } });
  const result = await client.checkoutCart(ctx(), { customerId, cartId: cart.id });
  return result.orders[0].id;
}

const service = () => new OrderCancellationService(client, { now: () => simulatedNow });

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, orderCompletionSeconds: 0, orderListDelaySeconds: 0 });
  client = createPartnerCenterClient({
    baseUrl: simulator.url,
    mode: 'local',
    auth: 'app',
    applicationName: 'pc-bot-tests',
    timeoutMs: 10_000,
    maxRetries: 1,
    retryDeadlineMs: 20_000,
    maxRetryAfterSeconds: 2,
  });
});

afterAll(async () => {
  await simulator.close();
});

beforeEach(async () => {
  await control('POST', 'reset');
  simulatedNow = Date.now();
  const search = await client.searchCustomers(ctx(), { field: 'CompanyName', value: 'Contoso Ltd', size: 1000 });
  const contoso = search.items.find((customer) => customer.companyProfile.companyName === 'Contoso Ltd');
  if (!contoso) throw new Error('no Contoso Ltd');
  customerId = contoso.id;
});

describe('cancelOrder on the wire', () => {
  it('sends the documented PATCH body and validates the order Partner Center answers', async () => {
    const server = await startScriptedServer();
    try {
      const { client: scripted } = makeTestClient(server.url);
      server.reply(() => ({
        status: 200,
        json: {
          id: '2y6dF_rVgDAXMxypQPPnTquuXhKVK_3N1',
          alternateId: 'c403d91b21d2',
          referenceCustomerId: '45411344-b09d-47e7-9653-542006bf9766',
          billingCycle: 'one_time',
          currencyCode: 'USD',
          lineItems: [
            { lineItemNumber: 0, offerId: 'DG7GMGF0FKZV:0003:DG7GMGF0DWMS', termDuration: 'P3Y', quantity: 0 },
            { lineItemNumber: 1, offerId: 'DG7GMGF0DVT7:000C:DG7GMGF0FVZM', termDuration: 'P3Y', quantity: 1 },
          ],
          creationDate: '2019-12-12T17:33:56.1306495Z',
          status: 'completed',
          attributes: { objectType: 'Order' },
        },
      }));
      const order = await scripted.cancelOrder(ctx(), {
        customerId: '45411344-b09d-47e7-9653-542006bf9766',
        orderId: '2y6dF_rVgDAXMxypQPPnTquuXhKVK_3N1',
        lineItems: [{ lineItemNumber: 0, offerId: 'DG7GMGF0FKZV:0003:DG7GMGF0DWMS' }],
        requestId: '655890ba-4d2b-4d09-a95f-4ea1348686a5',
      });
      expect(order.lineItems.map((line) => line.quantity)).toEqual([0, 1]);
      const [request] = server.requests;
      expect(request.method).toBe('PATCH');
      expect(request.url).toBe(
        '/v1/customers/45411344-b09d-47e7-9653-542006bf9766/orders/2y6dF_rVgDAXMxypQPPnTquuXhKVK_3N1',
      );
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['ms-requestid']).toBe('655890ba-4d2b-4d09-a95f-4ea1348686a5');
      expect(JSON.parse(request.body)).toEqual({
        id: '2y6dF_rVgDAXMxypQPPnTquuXhKVK_3N1',
        status: 'cancelled',
        lineItems: [{ lineItemNumber: 0, offerId: 'DG7GMGF0FKZV:0003:DG7GMGF0DWMS' }],
      });

      server.reply(() => ({ status: 200, json: { status: 'cancelled' } }));
      const invalid = await scripted
        .cancelOrder(ctx(), { customerId: 'c', orderId: 'o', lineItems: [] })
        .catch((error: unknown) => error);
      expect(invalid).toBeInstanceOf(PartnerCenterError);
      expect(invalid).toMatchObject({ kind: 'invalid-response' });
    } finally {
      await server.close();
    }
  });
});

describe('whether an order can be cancelled, until when, and the refund', () => {
  it('perpetual software: for 30 days, full refund', async () => {
    const orderId = await buy([{ productId: PERPETUAL, quantity: 2 }]);
    const order = await client.getOrder(ctx(), { customerId, orderId });
    const options = await service().cancellationOptions(ctx(), { customerId, orderId });
    expect(options).toMatchObject({
      cancellable: true,
      refund: 'full',
      estimatedRefund: 1158,
      currency: 'USD',
      cancellableUntil: new Date(Date.parse(order.creationDate ?? '') + 30 * DAY_MS).toISOString(),
    });
    expect(options.lines[0]).toMatchObject({ kind: 'perpetual-software', cancellable: true, refund: 'full' });
  });

  it('a software subscription: for 7 days, prorated by the days started', async () => {
    const orderId = await buy([{ productId: SUBSCRIPTION, skuId: '0001', quantity: 8 }]);
    await advanceDays(2.5);
    const options = await service().cancellationOptions(ctx(), { customerId, orderId });
    expect(options).toMatchObject({ cancellable: true, refund: 'prorated' });
    // 8 × 45 paid; cancelled on the third day of a one-year term.
    expect(options.estimatedRefund).toBeGreaterThan(360 * (362 / 366));
    expect(options.estimatedRefund).toBeLessThan(360 * (363 / 365));
    expect(options.lines[0]).toMatchObject({ kind: 'software-subscription' });
  });

  it('a reservation: never through this API; in a mixed order only the software line is offered', async () => {
    const orderId = await buy([
      { productId: PERPETUAL, quantity: 1 },
      { productId: RESERVATION, quantity: 1 },
    ]);
    const options = await service().cancellationOptions(ctx(), { customerId, orderId });
    expect(options.cancellable).toBe(true);
    expect(options.lines.map((line) => [line.kind, line.cancellable, line.reason])).toEqual([
      ['perpetual-software', true, undefined],
      ['azure-reservation', false, 'not-cancellable-product'],
    ]);
    expect(options.estimatedRefund).toBe(579);
  });

  it('past the window: not cancellable, and cancelling asks Partner Center nothing', async () => {
    const orderId = await buy([{ productId: PERPETUAL, quantity: 1 }]);
    await advanceDays(31);
    const options = await service().cancellationOptions(ctx(), { customerId, orderId });
    expect(options).toMatchObject({ cancellable: false, refund: 'none', reason: 'window-closed' });
    expect(await service().cancelOrder(ctx(), { customerId, orderId })).toMatchObject({
      outcome: 'refused',
      reason: 'window-closed',
    });
    expect(await patches()).toBe(0);
  });
});

describe('cancelling', () => {
  it('inside the window: the order is cancelled, its lines at quantity 0', async () => {
    const orderId = await buy([{ productId: PERPETUAL, quantity: 2 }]);
    await advanceDays(10);
    const outcome = await service().cancelOrder(ctx(), { customerId, orderId, requestId: randomUUID() });
    expect(outcome).toMatchObject({ outcome: 'cancelled', cancelledLines: [0], refund: 'full', estimatedRefund: 1158 });
    const order = await client.getOrder(ctx(), { customerId, orderId });
    expect(order.status).toBe('cancelled');
    expect(order.lineItems[0].quantity).toBe(0);
    expect(await service().cancellationOptions(ctx(), { customerId, orderId })).toMatchObject({
      cancellable: false,
      reason: 'already-cancelled',
    });
  });

  it('only the lines asked for, leaving the order completed', async () => {
    const orderId = await buy([
      { productId: PERPETUAL, quantity: 1 },
      { productId: 'DG7GMGF0D7FW', quantity: 1 },
    ]);
    const outcome = await service().cancelOrder(ctx(), { customerId, orderId, lineItemNumbers: [1] });
    expect(outcome).toMatchObject({ outcome: 'cancelled', cancelledLines: [1] });
    if (outcome.outcome !== 'cancelled') throw new Error('not cancelled');
    expect(outcome.order.status).toBe('completed');
    expect(outcome.order.lineItems.map((line) => line.quantity)).toEqual([1, 0]);
  });

  it('refused by Partner Center when its clock says the window has passed: window-closed with its code', async () => {
    const orderId = await buy([{ productId: SUBSCRIPTION, skuId: '0001', quantity: 8 }]);
    const purchased = simulatedNow;
    await advanceDays(8);
    // The bot's clock lags a day behind Partner Center's: it still sees the window open.
    const lagging = new OrderCancellationService(client, { now: () => purchased + 6 * DAY_MS });
    expect(await lagging.cancelOrder(ctx(), { customerId, orderId })).toMatchObject({
      outcome: 'refused',
      reason: 'window-closed',
      code: '900213',
    });
    expect(await patches()).toBe(1);
  });

  it('a reservation asked for by line number: refused without asking Partner Center', async () => {
    const orderId = await buy([{ productId: RESERVATION, quantity: 1 }]);
    expect(await service().cancelOrder(ctx(), { customerId, orderId, lineItemNumbers: [0] })).toMatchObject({
      outcome: 'refused',
      reason: 'not-cancellable-product',
    });
    expect(await patches()).toBe(0);
  });
});
