import { PartnerCenterError } from '../../services/partnerCenter/PartnerCenterError';
import type { CartInput } from '../../services/partnerCenter/schemas/cart';
import { PurchaseRequestError } from '../../services/purchase/PurchaseRequestError';
import type { CartLineRequest, CustomerDetails, SkuOption, TermOption } from '../../services/purchase/types';
import { PurchaseHarness } from './purchaseHarness';

const DV5_RESERVATION = 'DZH318Z0D1V5';
const OFFICE_LTSC = 'DG7GMGF0D7FV';
const WINDOWS_SERVER_DATACENTER_SUBSCRIPTION = 'DG7GMGF0FKZV';

let harness: PurchaseHarness;
let contoso: CustomerDetails;

beforeAll(async () => {
  harness = await PurchaseHarness.start();
});

beforeEach(async () => {
  await harness.control('reset');
  contoso = await harness.customerNamed('Contoso Ltd');
});

afterAll(async () => {
  await harness.close();
});

async function eastUsOneYearReservation(): Promise<{ sku: SkuOption; term: TermOption }> {
  const skus = await harness.service.listSkus(harness.ctx(), contoso, DV5_RESERVATION);
  const sku = skus.find((s) => s.armRegionName === 'eastus' && s.title.endsWith('1 Year'));
  if (!sku) throw new Error('no eastus one-year Dv5 reservation');
  const [term] = await harness.service.listTerms(harness.ctx(), contoso, DV5_RESERVATION, sku.skuId);
  return { sku, term };
}

async function officeLine(quantity: number): Promise<CartLineRequest> {
  const [term] = await harness.service.listTerms(harness.ctx(), contoso, OFFICE_LTSC, '0001');
  return { productId: OFFICE_LTSC, skuId: '0001', termKey: term.termKey, quantity };
}

async function reservationLine(subscriptionName: string, quantity = 2): Promise<CartLineRequest> {
  const { sku, term } = await eastUsOneYearReservation();
  const subscriptionId = await harness.subscriptionNamed(contoso.id, subscriptionName);
  return {
    productId: DV5_RESERVATION,
    skuId: sku.skuId,
    termKey: term.termKey,
    quantity,
    provisioningContext: { subscriptionId, scope: 'shared', duration: '1Year' },
  };
}

async function currentCatalogItemId(productId: string, skuId: string, reservationScope?: string): Promise<string> {
  const availabilities = await harness.client.listAvailabilities(harness.ctx(), {
    country: 'US',
    productId,
    skuId,
    targetSegment: 'commercial',
    reservationScope,
  });
  return availabilities[0].catalogItemId;
}

describe('createCart', () => {
  it('carts a reservation with the current catalog item (of the Azure plan catalog), quantity, one-time billing and provisioning context', async () => {
    const line = await reservationLine('Azure plan', 2);
    const summary = await harness.service.createCart(harness.ctx(), contoso, line);

    const cart = await harness.client.getCart(harness.ctx(), { customerId: contoso.id, cartId: summary.cartId });
    expect(cart.lineItems).toHaveLength(1);
    const item = cart.lineItems[0];
    expect(item.catalogItemId).toBe(await currentCatalogItemId(DV5_RESERVATION, line.skuId, 'AzurePlan'));
    expect(item).toMatchObject({ quantity: 2, billingCycle: 'one_time', termDuration: 'P1Y' });
    expect(item.provisioningContext).toEqual(line.provisioningContext);

    expect(summary).toMatchObject({ customerId: contoso.id, status: 'Active' });
    expect(summary.expiresAt).toBeDefined();
    expect(summary.lines).toEqual([
      expect.objectContaining({
        catalogItemId: item.catalogItemId,
        productTitle: 'Reserved VM Instance, Dv5 Series',
        skuTitle: 'Reserved VM Instance, Standard_D2s_v5, US East, 1 Year',
        quantity: 2,
        termDuration: 'P1Y',
        billingCycle: 'one_time',
        currencyCode: 'USD',
      }),
    ]);
    expect(summary.lines[0].problem).toBeUndefined();
  });

  it('sends perpetual software without a term duration', async () => {
    const line = await officeLine(3);
    const spy = jest.spyOn(harness.client, 'createCart');
    try {
      const summary = await harness.service.createCart(harness.ctx(), contoso, line);
      const sent = spy.mock.calls[0][1].cart as CartInput;
      expect(sent.lineItems).toHaveLength(1);
      expect(sent.lineItems[0]).toMatchObject({ id: 0, quantity: 3, billingCycle: 'one_time' });
      expect('termDuration' in sent.lineItems[0]).toBe(false);
      expect('provisioningContext' in sent.lineItems[0]).toBe(false);
      expect(summary.lines[0]).toMatchObject({ productTitle: 'Office LTSC Professional Plus 2021', quantity: 3 });
      expect(summary.lines[0].termDuration).toBeUndefined();
    } finally {
      spy.mockRestore();
    }
  });

  it('still succeeds after the catalog rotated since the terms were listed', async () => {
    const line = await officeLine(1);
    const [listed] = await harness.service.listTerms(harness.ctx(), contoso, OFFICE_LTSC, '0001');
    await harness.control('catalog/rotate');

    const summary = await harness.service.createCart(harness.ctx(), contoso, line);
    const current = await currentCatalogItemId(OFFICE_LTSC, '0001');
    expect(summary.lines[0].catalogItemId).toBe(current);
    expect(current).not.toBe(listed.catalogItemId);
  });

  it('re-lists the availabilities and retries once when Partner Center calls the catalog item stale', async () => {
    await harness.control('faults', {
      method: 'POST',
      path: '/v1/customers/*/carts',
      status: 400,
      body: { code: 800004, description: 'Invalid offer ID', data: [], source: 'PartnerFD' },
      count: 1,
    });
    const line = await officeLine(1);
    const spy = jest.spyOn(harness.client, 'listAvailabilities');
    try {
      const summary = await harness.service.createCart(harness.ctx(), contoso, line);
      expect(summary.cartId).toBeTruthy();
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('gives up after one retry when the catalog item stays stale', async () => {
    await harness.control('faults', {
      method: 'POST',
      path: '/v1/customers/*/carts',
      status: 404,
      body: { code: 400019, description: 'Availability not found.', data: [], source: 'PartnerFD' },
      count: 2,
    });
    const failure = await harness.service.createCart(harness.ctx(), contoso, await officeLine(1)).catch((e) => e);
    expect(failure).toBeInstanceOf(PartnerCenterError);
    expect((failure as PartnerCenterError).code).toBe('400019');
    expect(harness.service.describeFailure(failure).sentence).toMatch(/choose the product again/);
  });

  it('refuses a quantity below the SKU minimum with a sentence naming the allowed range', async () => {
    const skus = await harness.service.listSkus(harness.ctx(), contoso, WINDOWS_SERVER_DATACENTER_SUBSCRIPTION);
    const [term] = await harness.service.listTerms(
      harness.ctx(),
      contoso,
      WINDOWS_SERVER_DATACENTER_SUBSCRIPTION,
      skus[0].skuId,
    );
    const attempt = harness.service.createCart(harness.ctx(), contoso, {
      productId: WINDOWS_SERVER_DATACENTER_SUBSCRIPTION,
      skuId: skus[0].skuId,
      termKey: term.termKey,
      quantity: 2,
    });
    await expect(attempt).rejects.toBeInstanceOf(PurchaseRequestError);
    const failure = await attempt.catch((e: unknown) => e);
    expect(harness.service.describeFailure(failure).sentence).toMatch(/from 8 to 512/);
  });

  it('reports an unregistered subscription as a line problem in words', async () => {
    const summary = await harness.service.createCart(
      harness.ctx(),
      contoso,
      await reservationLine('Azure plan - Dev/Test'),
    );
    expect(summary.lines[0].problem).toEqual({
      code: 'subscription_not_registered',
      key: 'line.notRegistered',
      sentence: expect.stringMatching(/isn't registered for reservation purchases/),
    });
  });

  it('refuses a term key that is not offered', async () => {
    const line = { ...(await officeLine(1)), termKey: 'commercial|P1Y|one_time' };
    await expect(harness.service.createCart(harness.ctx(), contoso, line)).rejects.toMatchObject({
      problem: 'term-unavailable',
    });
  });
});

describe('updateCartQuantity', () => {
  it('changes the quantity of the same cart', async () => {
    const created = await harness.service.createCart(harness.ctx(), contoso, await officeLine(1));
    const updated = await harness.service.updateCartQuantity(harness.ctx(), contoso, created.cartId, 7);

    expect(updated.cartId).toBe(created.cartId);
    expect(updated.lines[0]).toMatchObject({ quantity: 7, productTitle: 'Office LTSC Professional Plus 2021' });
    const cart = await harness.client.getCart(harness.ctx(), { customerId: contoso.id, cartId: created.cartId });
    expect(cart.lineItems[0].quantity).toBe(7);
  });

  it('refreshes a catalog item that rotated since the cart was made', async () => {
    const created = await harness.service.createCart(harness.ctx(), contoso, await officeLine(1));
    await harness.control('catalog/rotate');
    const updated = await harness.service.updateCartQuantity(harness.ctx(), contoso, created.cartId, 4);
    expect(updated.lines[0].quantity).toBe(4);
    expect(updated.lines[0].catalogItemId).toBe(await currentCatalogItemId(OFFICE_LTSC, '0001'));
  });

  it('refuses a quantity above the SKU maximum', async () => {
    const created = await harness.service.createCart(harness.ctx(), contoso, await officeLine(1));
    await expect(
      harness.service.updateCartQuantity(harness.ctx(), contoso, created.cartId, 100_000),
    ).rejects.toMatchObject({ problem: 'quantity-out-of-range' });
  });
});

describe('checkout', () => {
  it('places one order that Partner Center can find', async () => {
    const cart = await harness.service.createCart(harness.ctx(), contoso, await reservationLine('Azure plan', 3));
    const result = await harness.service.checkout(harness.ctx(), contoso, cart.cartId);

    expect(result.problems).toEqual([]);
    expect(result.orders).toHaveLength(1);
    const [order] = result.orders;
    expect(order).toMatchObject({ billingCycle: 'one_time', currencyCode: 'USD' });
    expect(order.lines).toEqual([
      { name: expect.stringContaining('Standard_D2s_v5'), quantity: 3, offerId: cart.lines[0].catalogItemId },
    ]);
    const stored = await harness.client.getOrder(harness.ctx(), { customerId: contoso.id, orderId: order.id });
    expect(stored.id).toBe(order.id);
  });

  it('refreshes a catalog item that rotated between carting and checkout, and places one order', async () => {
    const cart = await harness.service.createCart(harness.ctx(), contoso, await officeLine(2));
    await harness.control('catalog/rotate');
    const result = await harness.service.checkout(harness.ctx(), contoso, cart.cartId);
    expect(result.orders).toHaveLength(1);
    expect(result.orders[0].lines[0].offerId).toBe(await currentCatalogItemId(OFFICE_LTSC, '0001'));
  });

  it('returns the first order when the same cart is checked out twice', async () => {
    const cart = await harness.service.createCart(harness.ctx(), contoso, await officeLine(2));
    const first = await harness.service.checkout(harness.ctx(), contoso, cart.cartId);
    const second = await harness.service.checkout(harness.ctx(), contoso, cart.cartId);
    expect(second.orders.map((o) => o.id)).toEqual(first.orders.map((o) => o.id));
  });

  it('fails with an actionable sentence when the subscription is not registered', async () => {
    const cart = await harness.service.createCart(
      harness.ctx(),
      contoso,
      await reservationLine('Azure plan - Dev/Test'),
    );
    const failure = await harness.service.checkout(harness.ctx(), contoso, cart.cartId).catch((e: unknown) => e);
    const described = harness.service.describeFailure(failure);
    expect(described.code).toBe('800030');
    expect(described.sentence).toMatch(/register it/);
    expect(described.correlationId).toBeTruthy();
    expect(described.retryable).toBe(false);
  });
});
