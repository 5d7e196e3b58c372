import { randomUUID } from 'node:crypto';
import { PartnerCenterError } from '../../services/partnerCenter/PartnerCenterError';
import type { OrderView, RecentOrderRef } from '../../services/lookups/types';
import { LookupHarness } from './lookupHarness';

const LIST_DELAY_SECONDS = 600;

let harness: LookupHarness;
let customerId: string;
let emptyCustomerId: string;
// Oldest first, as they were bought.
const listedOrderIds: string[] = [];

beforeAll(async () => {
  harness = await LookupHarness.start({ orderListDelaySeconds: LIST_DELAY_SECONDS, orderCompletionSeconds: 30 });
  customerId = (await harness.customerNamed('Northwind Traders')).id;
  emptyCustomerId = (await harness.customerNamed('Fabrikam Inc')).id;
  for (let i = 0; i < 3; i += 1) {
    listedOrderIds.push(await harness.buy(customerId, 'SoftwarePerpetual'));
    await harness.advanceClock(5);
  }
  await harness.advanceClock(LIST_DELAY_SECONDS + 1);
});

afterAll(async () => {
  await harness?.close();
});

function recentRef(orderId: string, placedAt = new Date()): RecentOrderRef {
  return { orderId, customerId, placedAt: placedAt.toISOString() };
}

function times(orders: OrderView[]): number[] {
  return orders.map((order) => Date.parse(order.creationDate ?? ''));
}

describe('listing a customer’s orders', () => {
  it('shows orders newest first, each line named by its friendly name', async () => {
    const page = await harness.asUser.listOrders(harness.userCtx(), customerId, { pageSize: 10 });

    expect(page.orders.map((order) => order.id)).toEqual([...listedOrderIds].reverse());
    expect(page.total).toBe(3);
    expect(page.next).toBeUndefined();
    const dates = times(page.orders);
    expect(dates.every((time, i) => i === 0 || time < dates[i - 1]!)).toBe(true);
    for (const order of page.orders) {
      expect(order.justPlaced).toBeUndefined();
      expect(order.lines.length).toBeGreaterThan(0);
      for (const line of order.lines) {
        expect(line.name).not.toBe(line.offerId);
        expect(line.name.trim()).not.toBe('');
      }
    }
  });

  it('pages with next/offset so every order is shown exactly once', async () => {
    const first = await harness.appOnly.listOrders(harness.appCtx(), customerId, { pageSize: 2 });
    expect(first.orders).toHaveLength(2);
    expect(first.total).toBe(3);
    expect(first.next).toEqual({ offset: 2 });

    const second = await harness.appOnly.listOrders(harness.appCtx(), customerId, {
      pageSize: 2,
      offset: first.next!.offset,
    });
    expect(second.orders).toHaveLength(1);
    expect(second.next).toBeUndefined();
    expect([...first.orders, ...second.orders].map((order) => order.id)).toEqual([...listedOrderIds].reverse());
  });

  it('filters by billing cycle through Partner Center', async () => {
    const oneTime = await harness.appOnly.listOrders(harness.appCtx(), customerId, {
      filter: 'one_time',
      pageSize: 10,
    });
    expect(oneTime.orders.map((order) => order.id).sort()).toEqual([...listedOrderIds].sort());
    expect(oneTime.orders.every((order) => order.billingCycle === 'one_time')).toBe(true);

    const monthly = await harness.appOnly.listOrders(harness.appCtx(), customerId, { filter: 'monthly', pageSize: 10 });
    expect(monthly).toEqual({ orders: [], total: 0 });

    const listCalls = (await harness.journal()).filter((r) => r.path.endsWith(`/customers/${customerId}/orders`));
    expect(listCalls.some((r) => /billingType=Monthly/i.test(r.query))).toBe(true);
  });

  it('answers an empty page for a customer with no orders', async () => {
    const page = await harness.appOnly.listOrders(harness.appCtx(), emptyCustomerId, { pageSize: 5 });
    expect(page).toEqual({ orders: [], total: 0 });
  });

  it('refuses a page size below one without calling Partner Center', async () => {
    const before = (await harness.journal()).length;
    await expect(harness.appOnly.listOrders(harness.appCtx(), customerId, { pageSize: 0 })).rejects.toThrow(RangeError);
    expect((await harness.journal()).length).toBe(before);
  });
});

describe('an order this bot just placed', () => {
  it('is shown first as just placed until Partner Center lists it, then once without the flag', async () => {
    const orderId = await harness.buy(customerId, 'SoftwarePerpetual');
    const recent = [recentRef(orderId), recentRef(orderId)];

    const unaided = await harness.appOnly.listOrders(harness.appCtx(), customerId, { pageSize: 10 });
    expect(unaided.orders.map((order) => order.id)).not.toContain(orderId);

    const page = await harness.appOnly.listOrders(harness.appCtx(), customerId, { pageSize: 2, recent });
    expect(page.orders[0]).toMatchObject({ id: orderId, justPlaced: true, customerId });
    expect(page.orders[1]?.justPlaced).toBeUndefined();
    expect(page.total).toBe(unaided.total + 1);

    const monthly = await harness.appOnly.listOrders(harness.appCtx(), customerId, {
      filter: 'monthly',
      pageSize: 10,
      recent,
    });
    expect(monthly.orders).toEqual([]);

    await harness.advanceClock(LIST_DELAY_SECONDS + 1);
    const listed = await harness.appOnly.listOrders(harness.appCtx(), customerId, { pageSize: 10, recent });
    const shown = listed.orders.filter((order) => order.id === orderId);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.justPlaced).toBeUndefined();
    expect(listed.orders[0]?.id).toBe(orderId);
    expect(listed.orders.some((order) => order.justPlaced)).toBe(false);
    expect(listed.total).toBe(unaided.total + 1);
  });

  it('is no longer looked up once the 15-minute window has passed, and an unknown id is skipped', async () => {
    const orderId = await harness.buy(customerId, 'SoftwarePerpetual');
    const placedAt = new Date();
    const later = harness.userServiceWithClock(() => placedAt.getTime() + 16 * 60 * 1000);
    const recent = [recentRef(orderId, placedAt), recentRef(randomUUID().replace(/-/g, ''), placedAt)];

    const stillInWindow = await harness.asUser.listOrders(harness.userCtx(), customerId, { pageSize: 10, recent });
    expect(stillInWindow.orders.filter((order) => order.justPlaced).map((order) => order.id)).toEqual([orderId]);

    const afterWindow = await later.listOrders(harness.userCtx(), customerId, { pageSize: 10, recent });
    expect(afterWindow.orders.map((order) => order.id)).not.toContain(orderId);
    expect(afterWindow.total).toBe(stillInWindow.total - 1);
  });

  it('ignores orders placed for another customer', async () => {
    const orderId = await harness.buy(emptyCustomerId, 'SoftwarePerpetual');
    const page = await harness.appOnly.listOrders(harness.appCtx(), customerId, {
      pageSize: 10,
      recent: [{ orderId, customerId: emptyCustomerId, placedAt: new Date().toISOString() }],
    });
    expect(page.orders.map((order) => order.id)).not.toContain(orderId);
  });
});

describe('one order by id', () => {
  it('includes per-line provisioning status with App+User', async () => {
    const orderId = listedOrderIds[0]!;
    const order = await harness.asUser.getOrder(harness.userCtx(), customerId, orderId);
    expect(order.id).toBe(orderId);
    expect(order.status).toBe('completed');
    expect(order.provisioning).toEqual(
      order.lines.map((line) => ({ lineItemNumber: line.lineItemNumber, status: 'fulfilled' })),
    );
    expect(order.totalPrice).toBeGreaterThan(0);
  });

  it('leaves provisioning out when signed in app-only', async () => {
    const orderId = listedOrderIds[1]!;
    const order = await harness.appOnly.getOrder(harness.appCtx(), customerId, orderId);
    expect(order.id).toBe(orderId);
    expect(order.lines.length).toBeGreaterThan(0);
    expect(order.provisioning).toBeUndefined();
    expect(order.provisioningUnavailable?.reason).toBe('needs-user-sign-in');
    const refused = (await harness.journal()).filter((r) => r.path.endsWith(`/orders/${orderId}/provisioningstatus`));
    expect(refused.map((r) => r.status)).toContain(403);
  });

  it('accepts the numeric orderLineItemId Partner Center documents for provisioning status', async () => {
    const orderId = listedOrderIds[2]!;
    const raw = await fetch(
      `${harness.simulator.url}/v1/customers/${customerId}/orders/${orderId}/provisioningstatus`,
      {
        headers: { authorization: 'Bearer user:alice' },
      },
    );
    const items = ((await raw.json()) as { items: { orderLineItemId: unknown; lineItemNumber: unknown }[] }).items;
    expect(items.map((item) => [typeof item.orderLineItemId, typeof item.lineItemNumber])).toEqual([
      ['number', 'number'],
    ]);

    const order = await harness.asUser.getOrder(harness.userCtx(), customerId, orderId);
    expect(order.provisioning).toEqual([{ lineItemNumber: 0, status: 'fulfilled' }]);
    expect(order.provisioningUnavailable).toBeUndefined();
  });

  it('still answers with the order when its provisioning status fails, saying it is missing', async () => {
    const orderId = listedOrderIds[0]!;
    await fetch(`${harness.simulator.url}/_simulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        method: 'GET',
        path: '/v1/customers/*/orders/*/provisioningstatus',
        status: 404,
        body: {
          code: 800007,
          description: 'Unable to retrieve provisioning information',
          data: [],
          source: 'PartnerFD',
        },
      }),
    });
    const ctx = harness.userCtx();
    const order = await harness.asUser.getOrder(ctx, customerId, orderId);
    expect(order.id).toBe(orderId);
    expect(order.lines.length).toBeGreaterThan(0);
    expect(order.provisioning).toBeUndefined();
    expect(order.provisioningUnavailable).toEqual({ reason: 'not-read', reference: ctx.correlationId });
  });

  it('rejects an unknown order id with Partner Center’s 404', async () => {
    const attempt = harness.asUser.getOrder(harness.userCtx(), customerId, 'NoSuchOrder0000000000000000000001');
    await expect(attempt).rejects.toBeInstanceOf(PartnerCenterError);
    await expect(attempt).rejects.toMatchObject({ httpStatus: 404 });
  });
});
