import { SimulatorHarness, type Json } from './simulatorHarness';

let sim: SimulatorHarness;
let customerId: string;
let orderPath: string;

beforeAll(async () => {
  sim = await SimulatorHarness.start({ orderListDelaySeconds: 0, orderCompletionSeconds: 0 });
});
afterAll(() => sim.close());
beforeEach(async () => {
  await sim.control('POST', 'reset');
  // Every fourth seeded customer has a completed past order.
  const customers = (await sim.getJson<Json>('/v1/customers')).items ?? [];
  for (const customer of customers) {
    const orders = (await sim.getJson<Json>(`/v1/customers/${String(customer.id)}/orders`)).items ?? [];
    if (orders.length > 0) {
      customerId = String(customer.id);
      orderPath = `/v1/customers/${customerId}/orders/${String(orders[0].id)}`;
      return;
    }
  }
  throw new Error('the seed has no customer with an order');
});

async function journal(): Promise<Json[]> {
  return ((await sim.control('GET', 'requests')).json() as Json).items ?? [];
}

/** The journal entries of the requests made after `before` entries were there. */
async function journalSince(before: number): Promise<Json[]> {
  return (await journal()).slice(before);
}

describe('App+User sign-ins without multi-factor authentication', () => {
  it('refuses a user-without-mfa token with 401 / 900421 on every path, before routing', async () => {
    const before = (await journal()).length;
    for (const path of ['/v1/customers?size=1', orderPath, '/v1/no/such/path']) {
      const response = await sim.call('GET', path, { token: 'user-without-mfa:Alex Wilber' });
      expect(response.status).toBe(401);
      expect(response.json()).toMatchObject({ code: 900421, description: 'Authentication failed. MFA required.' });
      expect(response.headers.get('www-authenticate')).toMatch(/^OAuth realm=/);
    }
    const entries = await journalSince(before);
    expect(entries.map((entry) => [entry.status, entry.tokenKind, entry.user])).toEqual([
      [401, 'user', 'Alex Wilber'],
      [401, 'user', 'Alex Wilber'],
      [401, 'user', 'Alex Wilber'],
    ]);
  });

  it('refuses the people the control API names, with the bare-text body when asked, and nobody else', async () => {
    const set = await sim.control('POST', 'access', { usersWithoutMfa: ['alex wilber'], mfaRefusalBody: 'text' });
    expect(set.status).toBe(204);

    const refused = await sim.call('GET', orderPath, { token: 'user:Alex Wilber' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(refused.text).toBe('Authentication failed. MFA required.');

    expect((await sim.call('GET', orderPath, { token: 'user:Megan Bowen' })).status).toBe(200);
    // App-only calls carry no user sign-in and are not affected.
    expect((await sim.call('GET', orderPath)).status).toBe(200);
  });

  it('forgets who lacks MFA on reset', async () => {
    await sim.control('POST', 'access', { usersWithoutMfa: ['Alex Wilber'] });
    await sim.control('POST', 'reset');

    expect((await sim.call('GET', orderPath, { token: 'user:Alex Wilber' })).status).toBe(200);
  });

  it('rejects a malformed access setting', async () => {
    expect((await sim.control('POST', 'access', { usersWithoutMfa: 'Alex' })).status).toBe(400);
    expect((await sim.control('POST', 'access', { mfaRefusalBody: 'html' })).status).toBe(400);
  });
});

describe('order prices for callers who may not see them', () => {
  it('answers include_price=true with 403 / 800043 to them, and the same read without prices with 200', async () => {
    await sim.control('POST', 'access', { withoutPricingAccess: ['Megan Bowen', 'app'] });

    for (const token of ['user:Megan Bowen', 'local-app']) {
      const priced = await sim.call('GET', `${orderPath}?include_price=true`, { token });
      expect(priced.status).toBe(403);
      expect(priced.json()).toMatchObject({ code: 800043, description: "Access to pricing information isn't granted" });
      const listed = await sim.call('GET', `/v1/customers/${customerId}/orders?include_price=True`, { token });
      expect(listed.status).toBe(403);
      expect((await sim.call('GET', orderPath, { token })).status).toBe(200);
    }
    expect((await sim.call('GET', `${orderPath}?include_price=true`, { token: 'user:Alex Wilber' })).status).toBe(200);
  });
});

describe('the request journal', () => {
  it('records the Content-Type each request was sent with', async () => {
    const before = (await journal()).length;
    await sim.call('GET', '/v1/customers?size=1');
    await sim.call('POST', `/v1/customers/${customerId}/carts`, { body: { lineItems: [] } });
    await sim.call('POST', `/v1/customers/${customerId}/carts/no-such-cart/checkout`, {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });

    expect((await journalSince(before)).map((entry) => entry.contentType)).toEqual([
      null,
      'application/json',
      'application/x-www-form-urlencoded',
    ]);
  });
});
