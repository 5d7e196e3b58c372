import { catalogItemId, customerNamed, SimulatorHarness, type Json } from './simulatorHarness';

const PERPETUAL = 'DG7GMGF0D7FV'; // Office LTSC Professional Plus 2021, USD 579
const SUBSCRIPTION = 'DG7GMGF0FKZW'; // Windows Server 2022 Standard - 2 Core License Pack, USD 45 a year
const RI_PRODUCT = 'DZH318Z0D1V5';
const DAY = 86_400;

describe('simulator: cancelling software purchases (PATCH order)', () => {
  let harness: SimulatorHarness;
  let customer: string;
  let subscription: string;
  let riSku: string;

  beforeAll(async () => {
    harness = await SimulatorHarness.start({ orderListDelaySeconds: 0, orderCompletionSeconds: 0 });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.control('POST', 'reset');
    customer = String((await customerNamed(harness, 'Contoso Ltd')).id);
    subscription = String(((await harness.getJson<Json>(`/v1/customers/${customer}/subscriptions`)).items ?? [])[0].id);
    const skus = (await harness.getJson<Json>(`/v1/products/${RI_PRODUCT}/skus?country=US`)).items ?? [];
    riSku = String(skus.find((sku) => (sku.dynamicAttributes as Json).armRegionName === 'westeurope')?.id);
  });

  /** Buys lines and returns the order (completed at once in this simulator). */
  async function buy(lines: Json[]): Promise<Json> {
    const cart = await harness.call('POST', `/v1/customers/${customer}/carts`, {
      body: { lineItems: lines.map((line, id) => ({ id, billingCycle: 'one_time', ...line })) },
    });
    expect(cart.status).toBe(201);
    const checkout = await harness.call(
      'POST',
      `/v1/customers/${customer}/carts/${String((cart.json() as Json).id)}/checkout`,
    );
    expect(checkout.status).toBe(201);
    const orderId = String(((checkout.json() as Json).orders as Json[])[0].id);
    return harness.getJson<Json>(`/v1/customers/${customer}/orders/${orderId}`);
  }

  const perpetualLine = async (): Promise<Json> => ({
    catalogItemId: await catalogItemId(harness, PERPETUAL, '0001', 'US'),
    quantity: 2,
  });
  const subscriptionLine = async (): Promise<Json> => ({
    catalogItemId: await catalogItemId(harness, SUBSCRIPTION, '0001', 'US'),
    quantity: 8,
    termDuration: 'P1Y',
  });
  const reservationLine = async (): Promise<Json> => ({
    catalogItemId: await catalogItemId(harness, RI_PRODUCT, riSku, 'US', 'AzurePlan'),
    quantity: 1,
    provisioningContext: { subscriptionId: subscription, scope: 'single' },
  });

  /** The documented PATCH: `{id, status: "cancelled", lineItems: [{lineItemNumber, offerId}]}`. */
  function cancel(order: Json, lineNumbers?: number[], headers: Record<string, string> = {}) {
    const lines = (order.lineItems as Json[]).filter(
      (line) => lineNumbers === undefined || lineNumbers.includes(Number(line.lineItemNumber)),
    );
    return harness.call('PATCH', `/v1/customers/${customer}/orders/${String(order.id)}`, {
      headers,
      body: {
        id: order.id,
        status: 'cancelled',
        lineItems: lines.map((line) => ({ lineItemNumber: line.lineItemNumber, offerId: line.offerId })),
      },
    });
  }

  async function unbilledCharges(): Promise<Json[]> {
    const page = await harness.getJson<Json>(
      '/v1/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&currencycode=USD&period=current&size=2000',
    );
    return page.items ?? [];
  }

  it('cancels perpetual software on day 29 with a full refund: quantity 0, order cancelled, a refund charge', async () => {
    const order = await buy([await perpetualLine()]);
    expect(order.status).toBe('completed');
    await harness.advance(29 * DAY);
    const response = await cancel(order);
    expect(response.status).toBe(200);
    const cancelled = response.json() as Json;
    expect(cancelled).toMatchObject({ id: order.id, status: 'cancelled' });
    expect((cancelled.lineItems as Json[])[0]).toMatchObject({ lineItemNumber: 0, quantity: 0 });
    const read = await harness.getJson<Json>(`/v1/customers/${customer}/orders/${String(order.id)}`);
    expect(read.status).toBe('cancelled');

    const refunds = (await unbilledCharges()).filter(
      (item) => item.alternateId === order.alternateId && item.chargeType === 'cancel',
    );
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ quantity: '-2', unitPrice: '579', subtotal: '-1158' });
    const entitlements =
      (await harness.getJson<Json>(`/v1/customers/${customer}/entitlements`, 'user:Alex')).items ?? [];
    expect(entitlements.some((item) => (item.referenceOrder as Json).id === order.id)).toBe(false);
  });

  it('refuses perpetual software after 30 days with 400 / 900117 and changes nothing', async () => {
    const order = await buy([await perpetualLine()]);
    await harness.advance(31 * DAY);
    const response = await cancel(order);
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ code: 900117, description: expect.stringContaining('30-day') });
    const read = await harness.getJson<Json>(`/v1/customers/${customer}/orders/${String(order.id)}`);
    expect(read).toMatchObject({ status: 'completed' });
    expect((read.lineItems as Json[])[0]).toMatchObject({ quantity: 2 });
  });

  it('cancels a software subscription within 7 days for a prorated refund, and refuses it after with 900213', async () => {
    const early = await buy([await subscriptionLine()]);
    await harness.advance(3 * DAY - 60);
    expect((await cancel(early)).status).toBe(200);
    const refund = (await unbilledCharges()).find(
      (item) => item.alternateId === early.alternateId && item.chargeType === 'cancel',
    );
    // Cancelled on the third day of a 365- or 366-day term: the term less three days is refunded.
    const share = Number(refund?.unitPrice) / 45;
    expect(share).toBeGreaterThan(0.99);
    expect(share).toBeLessThan(1);
    expect(Number(refund?.unitPrice)).toBeCloseTo((45 * (365 - 3)) / 365, 1);

    const late = await buy([await subscriptionLine()]);
    await harness.advance(7 * DAY + 60);
    const refused = await cancel(late);
    expect(refused.status).toBe(400);
    expect(refused.json()).toMatchObject({ code: 900213, description: expect.stringContaining('168-hour') });
  });

  it('refuses a reservation with 403 / 800019, and cancels the software line of a mixed order alone', async () => {
    const order = await buy([await perpetualLine(), await reservationLine()]);
    const refused = await cancel(order);
    expect(refused.status).toBe(403);
    expect(refused.json()).toMatchObject({ code: 800019 });

    const partial = await cancel(order, [0]);
    expect(partial.status).toBe(200);
    const body = partial.json() as Json;
    // "completed if not all line items in the order are canceled"
    expect(body.status).toBe('completed');
    expect((body.lineItems as Json[]).map((line) => line.quantity)).toEqual([0, 1]);
  });

  it('answers a second cancellation with 400 / 800061, and a replay of the same MS-RequestId with the first answer', async () => {
    const order = await buy([await perpetualLine()]);
    const first = await cancel(order, undefined, { 'MS-RequestId': 'cancel-1' });
    expect(first.status).toBe(200);
    const replay = await cancel(order, undefined, { 'MS-RequestId': 'cancel-1' });
    expect(replay.status).toBe(200);
    expect(replay.json()).toEqual(first.json());
    const again = await cancel(order, undefined, { 'MS-RequestId': 'cancel-2' });
    expect(again.status).toBe(400);
    expect(again.json()).toMatchObject({ code: 800061 });
  });

  it('refuses a body that is not a cancellation, a line that is not in the order, and an unknown order', async () => {
    const order = await buy([await perpetualLine()]);
    const path = `/v1/customers/${customer}/orders/${String(order.id)}`;
    expect((await harness.call('PATCH', path, { body: { status: 'completed' } })).status).toBe(400);
    const wrongLine = await harness.call('PATCH', path, {
      body: { status: 'cancelled', lineItems: [{ lineItemNumber: 5, offerId: 'X' }] },
    });
    expect(wrongLine.status).toBe(400);
    const unknown = await harness.call('PATCH', `/v1/customers/${customer}/orders/nope`, {
      body: { status: 'cancelled' },
    });
    expect(unknown.status).toBe(404);
  });

  it('cancels a pending order before it is charged: no charge and no refund ever appear', async () => {
    const slow = await SimulatorHarness.start({ orderListDelaySeconds: 0, orderCompletionSeconds: 600 });
    try {
      const contoso = String((await customerNamed(slow, 'Contoso Ltd')).id);
      const cart = await slow.call('POST', `/v1/customers/${contoso}/carts`, {
        body: {
          lineItems: [
            {
              id: 0,
              catalogItemId: await catalogItemId(slow, PERPETUAL, '0001', 'US'),
              quantity: 1,
              billingCycle: 'one_time',
            },
          ],
        },
      });
      const checkout = await slow.call(
        'POST',
        `/v1/customers/${contoso}/carts/${String((cart.json() as Json).id)}/checkout`,
      );
      const order = ((checkout.json() as Json).orders as Json[])[0];
      expect(order.status).toBe('pending');
      const response = await slow.call('PATCH', `/v1/customers/${contoso}/orders/${String(order.id)}`, {
        body: { id: order.id, status: 'cancelled' },
      });
      expect(response.status).toBe(200);
      expect((response.json() as Json).status).toBe('cancelled');
      await slow.advance(3600);
      const read = await slow.getJson<Json>(`/v1/customers/${contoso}/orders/${String(order.id)}`);
      expect(read.status).toBe('cancelled');
      const charges =
        (
          await slow.getJson<Json>(
            '/v1/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&currencycode=USD&period=current&size=2000',
          )
        ).items ?? [];
      expect(charges.some((item) => item.alternateId === order.alternateId)).toBe(false);
    } finally {
      await slow.close();
    }
  });
});
