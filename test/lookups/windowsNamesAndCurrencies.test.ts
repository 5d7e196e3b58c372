import { LookupHarness } from './lookupHarness';

const DAY_MS = 86_400_000;

let harness: LookupHarness;
let fabrikamId: string;
let simulatorUrl: string;

async function pastOrder(body: Record<string, unknown>): Promise<{ status: number; id?: string }> {
  const response = await fetch(`${simulatorUrl}/_simulator/orders/history`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, ...(response.status === 201 ? (JSON.parse(text) as { id: string }) : {}) };
}

beforeAll(async () => {
  harness = await LookupHarness.start({ orderListDelaySeconds: 0, orderCompletionSeconds: 0 });
  simulatorUrl = harness.simulator.url;
  fabrikamId = (await harness.customerNamed('Fabrikam Inc')).id;
});

afterAll(async () => {
  await harness?.close();
});

describe('order history the simulator is told about', () => {
  it('adds a completed, listed order at the time asked, and refuses the future and unknown customers', async () => {
    const createdAt = new Date(Date.now() - 40 * DAY_MS).toISOString();
    const added = await pastOrder({ customerId: fabrikamId, createdAt, productId: 'DG7GMGF0DWTL', skuId: '0002' });
    expect(added.status).toBe(201);
    const order = await harness.appClient.getOrder(harness.appCtx(), {
      customerId: fabrikamId,
      orderId: added.id ?? '',
    });
    expect(order.status).toBe('completed');
    expect(order.creationDate && Date.parse(order.creationDate)).toBe(Date.parse(createdAt));
    expect(order.lineItems[0]?.friendlyName).toBe('Windows Server 2022 Standard - 2 Core License Pack');

    expect((await pastOrder({ customerId: fabrikamId, daysAgo: -1 })).status).toBe(400);
    expect(
      (await pastOrder({ customerId: fabrikamId, createdAt: new Date(Date.now() + DAY_MS).toISOString() })).status,
    ).toBe(400);
    expect((await pastOrder({ customerId: fabrikamId })).status).toBe(400);
    expect((await pastOrder({ customerId: '00000000-0000-0000-0000-000000000000', daysAgo: 1 })).status).toBe(404);
    expect((await pastOrder({ customerId: fabrikamId, daysAgo: 1, productId: 'DZH318Z0D1V5' })).status).toBe(404);
  });
});

describe('a customer’s orders within a window of creation time', () => {
  it('keeps only orders placed in the window, newest first, counted and paged within it', async () => {
    const customerId = (await harness.customerNamed('Tailspin Toys')).id;
    const inside = [];
    for (const daysAgo of [2, 3, 4, 5, 6]) inside.push((await pastOrder({ customerId, daysAgo })).id);
    const outside = [
      (await pastOrder({ customerId, daysAgo: 12 })).id,
      (await pastOrder({ customerId, daysAgo: 0 })).id,
    ];
    const createdWithin = {
      from: new Date(Date.now() - 7 * DAY_MS).toISOString(),
      to: new Date(Date.now() - DAY_MS).toISOString(),
    };

    const first = await harness.asUser.listOrders(harness.userCtx(), customerId, { pageSize: 3, createdWithin });
    expect(first.total).toBe(5);
    expect(first.next).toEqual({ offset: 3 });
    const second = await harness.asUser.listOrders(harness.userCtx(), customerId, {
      pageSize: 3,
      createdWithin,
      offset: 3,
    });
    expect(second.next).toBeUndefined();
    const shown = [...first.orders, ...second.orders].map((order) => order.id);
    expect(shown).toEqual(inside);
    expect(shown.filter((id) => outside.includes(id))).toEqual([]);
  });
});

describe('the balance leads with the partner’s main currency', () => {
  it('is Partner Center’s default currency, read alongside the summaries, for App+User and app-only alike', async () => {
    const asUser = await harness.asUser.getBalances(harness.userCtx());
    expect(asUser.balances.length).toBeGreaterThan(1);
    expect(asUser.mainCurrency).toEqual({ currencyCode: 'USD', reason: 'partner-default' });
    const appOnly = await harness.appOnly.getBalances(harness.appCtx());
    expect(appOnly.defaultCurrencyOnly).toBe(true);
    expect(appOnly.mainCurrency).toEqual({ currencyCode: 'USD', reason: 'partner-default' });
  });
});

describe('entitlements are named after what was bought', () => {
  it('takes each entitlement’s name from its order line, and keeps the ids', async () => {
    const customerId = (await harness.customerNamed('Adventure Works Cycles')).id;
    await pastOrder({ customerId, daysAgo: 30, productId: 'DG7GMGF0DWM3', skuId: '0002' });
    const entitlements = await harness.asUser.listEntitlements(harness.userCtx(), customerId);
    const sql = entitlements.find((entitlement) => entitlement.productId === 'DG7GMGF0DWM3');
    expect(sql).toMatchObject({ skuId: '0002', name: 'SQL Server 2022 Standard - Server' });
    // The simulator's download link is a relative Partner Center path: text only, never a link to open.
    expect(sql?.artifacts.some((artifact) => /^Download /.test(artifact.text))).toBe(true);
    expect(sql?.artifacts.filter((artifact) => artifact.download)).toEqual([]);
  });
});
