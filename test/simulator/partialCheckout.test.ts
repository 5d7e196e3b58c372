import { catalogItemId, customerNamed, SimulatorHarness, type Json } from './simulatorHarness';

const SOFTWARE_SUBSCRIPTION = 'DG7GMGF0FKZW';
const PERPETUAL = 'DG7GMGF0D7FV';

describe('simulator: order groups and partial checkouts', () => {
  let harness: SimulatorHarness;
  let customer: string;

  beforeAll(async () => {
    harness = await SimulatorHarness.start({ orderListDelaySeconds: 0, orderCompletionSeconds: 30 });
    customer = String((await customerNamed(harness, 'Contoso Ltd')).id);
  });
  beforeEach(async () => {
    expect((await harness.control('POST', 'reset')).status).toBe(204);
  });
  afterAll(() => harness.close());

  /** A cart with a software subscription (line 0) and perpetual software (line 1); returns it as created. */
  const newCart = async (): Promise<Json> => {
    const response = await harness.call('POST', `/v1/customers/${customer}/carts`, {
      body: {
        lineItems: [
          {
            id: 0,
            catalogItemId: await catalogItemId(harness, SOFTWARE_SUBSCRIPTION, '0001', 'US'),
            quantity: 8,
            billingCycle: 'one_time',
          },
          {
            id: 1,
            catalogItemId: await catalogItemId(harness, PERPETUAL, '0001', 'US'),
            quantity: 2,
            billingCycle: 'one_time',
          },
        ],
      },
    });
    expect(response.status).toBe(201);
    return response.json() as Json;
  };
  const checkout = (cartId: string, requestId: string) =>
    harness.call('POST', `/v1/customers/${customer}/carts/${cartId}/checkout`, {
      headers: { 'MS-RequestId': requestId },
    });
  const groupsOf = (cart: Json) => ((cart.lineItems ?? []) as Json[]).map((line) => line.orderGroup);
  const orderedOfferIds = async (): Promise<string[]> =>
    ((await harness.getJson<Json>(`/v1/customers/${customer}/orders`)).items ?? []).flatMap((order) =>
      (order.lineItems as Json[]).map((line) => String(line.offerId)),
    );

  it('puts one-time lines in one order group and one order, as the documented example does', async () => {
    const cart = await newCart();
    expect(groupsOf(cart)).toEqual(['0', '0']);

    const result = (await checkout(String(cart.id), 'one-group')).json() as Json;

    expect(result.orderErrors).toEqual([]);
    expect((result.orders as Json[]).map((order) => (order.lineItems as Json[]).length)).toEqual([2]);
  });

  it('places one order per order group', async () => {
    const placed = await harness.control('POST', 'catalog/orderGroups', { productId: PERPETUAL, orderGroup: '1' });
    expect(placed.status).toBe(204);
    const cart = await newCart();
    expect(groupsOf(cart)).toEqual(['0', '1']);

    const result = (await checkout(String(cart.id), 'two-groups')).json() as Json;

    const orders = result.orders as Json[];
    expect(orders.map((order) => (order.lineItems as Json[]).map((line) => line.lineItemNumber))).toEqual([[0], [0]]);
    expect(result.orderErrors).toEqual([]);
  });

  it('answers 201 with the orders placed and an orderErrors entry for a refused order group', async () => {
    await harness.control('POST', 'catalog/orderGroups', { productId: PERPETUAL, orderGroup: '1' });
    const refusal = await harness.control('POST', 'checkout/refusals', {
      orderGroup: '1',
      code: 800069,
      description: 'Order failed Risk Management check',
    });
    expect(refusal.status).toBe(204);
    const cart = await newCart();
    const lines = cart.lineItems as Json[];

    const first = await checkout(String(cart.id), 'partial-1');

    expect(first.status).toBe(201);
    const result = first.json() as Json;
    expect(result.orderErrors).toEqual([
      { orderGroupId: '1', code: 800069, description: 'Order failed Risk Management check' },
    ]);
    const orders = result.orders as Json[];
    expect(orders.map((order) => (order.lineItems as Json[]).map((line) => line.offerId))).toEqual([
      [lines[0].catalogItemId],
    ]);
    expect(await orderedOfferIds()).not.toContain(lines[1].catalogItemId);
    // Final: the cart is Ordered, and checking it out again (even with a new MS-RequestId) answers the same.
    expect((await checkout(String(cart.id), 'partial-2')).json()).toEqual(result);
    expect((await harness.getJson<Json>(`/v1/customers/${customer}/carts/${String(cart.id)}`)).status).toBe('Ordered');
  });

  it('answers 201 with only orderErrors when every order group is refused, and orders nothing', async () => {
    await harness.control('POST', 'checkout/refusals', {});
    const cart = await newCart();
    const before = await orderedOfferIds();

    const response = await checkout(String(cart.id), 'refused-1');

    expect(response.status).toBe(201);
    expect(response.json()).toEqual({
      orders: [],
      orderErrors: [{ orderGroupId: '0', code: 800005, description: "Create order isn't successful" }],
      attributes: { objectType: 'CartCheckoutResult' },
    });
    expect(await orderedOfferIds()).toEqual(before);
    // The same MS-RequestId gets the same answer back.
    expect((await checkout(String(cart.id), 'refused-1')).json()).toEqual(response.json());
    expect(await orderedOfferIds()).toEqual(before);
  });

  it('refuses malformed control requests and unknown products', async () => {
    expect((await harness.control('POST', 'checkout/refusals', { code: 'x' })).status).toBe(400);
    const unknown = await harness.control('POST', 'catalog/orderGroups', { productId: 'NOPE', orderGroup: '1' });
    expect(unknown.status).toBe(404);
  });
});
