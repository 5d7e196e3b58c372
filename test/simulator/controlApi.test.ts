import { customerNamed, SimulatorHarness, type Json } from './simulatorHarness';

describe('simulator: control API (faults, journal, reset, idempotency)', () => {
  let harness: SimulatorHarness;
  let customer: string;
  let subscription: string;

  beforeAll(async () => {
    harness = await SimulatorHarness.start({ registrationStepSeconds: 0 });
    customer = String((await customerNamed(harness, 'Fabrikam Inc')).id);
    subscription = String(((await harness.getJson<Json>(`/v1/customers/${customer}/subscriptions`)).items ?? [])[0].id);
  });
  afterEach(async () => {
    await harness.control('POST', 'reset');
  });
  afterAll(() => harness.close());

  const registrationPath = () => `/v1/customers/${customer}/subscriptions/${subscription}/registrations`;
  const registrationStatus = async () =>
    (await harness.getJson<Json>(`/v1/customers/${customer}/subscriptions/${subscription}/registrationstatus`)).status;
  const addFault = async (fault: Json) => {
    const response = await harness.control('POST', 'faults', fault);
    expect(response.status).toBe(201);
    expect(typeof (response.json() as Json).id).toBe('string');
  };
  const journal = async () => ((await harness.control('GET', 'requests')).json() as Json).items as Json[];

  it('answers the next matching requests with an injected status and the documented body, then recovers', async () => {
    await addFault({ method: 'GET', path: '/v1/customers/*', count: 2, status: 503 });
    for (let i = 0; i < 2; i++) {
      const failed = await harness.call('GET', `/v1/customers/${customer}`);
      expect(failed.status).toBe(503);
      expect(failed.json()).toEqual({
        code: 800003,
        description: 'Unexpected service error',
        data: [],
        source: 'PartnerFD',
      });
    }
    expect((await harness.call('GET', `/v1/customers/${customer}`)).status).toBe(200);
    expect((await harness.call('GET', '/v1/customers?size=1')).status).toBe(200);
  });

  it('injects 429 with the APIM body and Retry-After, and a custom body when given', async () => {
    await addFault({ method: '*', path: '/V1/CUSTOMERS/*', count: 1, status: 429, retryAfterSeconds: 2 });
    const throttled = await harness.call('GET', `/v1/customers/${customer}`);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('2');
    expect(throttled.json()).toEqual({ statusCode: 429, message: 'Rate limit is exceeded. Try again in 2 seconds.' });
    await addFault({ method: 'GET', path: '/v1/invoices', status: 500, body: { code: 123, description: 'custom' } });
    expect((await harness.call('GET', '/v1/invoices?size=1')).json()).toEqual({ code: 123, description: 'custom' });
  });

  it('delays a request by delayMs and then executes it normally', async () => {
    await addFault({ method: 'GET', path: '/v1/invoices/summary', delayMs: 400 });
    const pending = harness.call('GET', '/v1/invoices/summary', { headers: { 'MS-RequestId': 'delayed-1' } });
    let inFlight: Json | undefined;
    for (let attempt = 0; attempt < 50 && !inFlight; attempt++) {
      inFlight = (await journal()).find((entry) => entry.requestId === 'delayed-1');
    }
    expect(inFlight?.status).toBeNull();
    const response = await pending;
    expect(response.status).toBe(200);
    expect((await journal()).find((entry) => entry.requestId === 'delayed-1')?.status).toBe(200);
  });

  it('drops the connection before executing with drop "before": nothing changes', async () => {
    await addFault({ method: 'POST', path: '/v1/customers/*/subscriptions/*/registrations', drop: 'before' });
    await expect(
      harness.call('POST', registrationPath(), { headers: { 'MS-RequestId': 'drop-before' } }),
    ).rejects.toThrow();
    expect(await registrationStatus()).toBe('NotRegistered');
    expect((await journal()).find((entry) => entry.requestId === 'drop-before')?.status).toBe('dropped');
  });

  it('executes then drops the connection with drop "after": the change is committed and a retry replays it', async () => {
    await addFault({ method: 'POST', path: '/v1/customers/*/subscriptions/*/registrations', drop: 'after' });
    await expect(
      harness.call('POST', registrationPath(), { headers: { 'MS-RequestId': 'drop-after' } }),
    ).rejects.toThrow();
    expect(await registrationStatus()).toBe('Registered');
    const retry = await harness.call('POST', registrationPath(), { headers: { 'MS-RequestId': 'drop-after' } });
    expect(retry.status).toBe(202);
    const entries = (await journal()).filter((entry) => entry.requestId === 'drop-after');
    expect(entries.map((entry) => entry.status)).toEqual(['dropped', 202]);
  });

  it('replays a create-cart POST with the same MS-RequestId without creating a second cart', async () => {
    const page = await harness.getJson<Json>('/v1/products/DG7GMGF0D7FV/skus/0001/availabilities?country=US');
    const body = {
      lineItems: [{ id: 0, catalogItemId: (page.items ?? [])[0].catalogItemId, quantity: 1, billingCycle: 'one_time' }],
    };
    const path = `/v1/customers/${customer}/carts`;
    const first = await harness.call('POST', path, { body, headers: { 'MS-RequestId': 'cart-once' } });
    const replay = await harness.call('POST', path, { body, headers: { 'MS-RequestId': 'cart-once' } });
    const fresh = await harness.call('POST', path, { body, headers: { 'MS-RequestId': 'cart-twice' } });
    expect(first.status).toBe(201);
    expect(replay.json()).toEqual(first.json());
    expect((fresh.json() as Json).id).not.toBe((first.json() as Json).id);
  });

  it('journals API requests with ids, locale, application, token kind and user, but not control calls', async () => {
    await harness.call('GET', '/v1/customers?size=2', {
      token: 'user:alice',
      headers: {
        'MS-RequestId': 'j-1',
        'MS-CorrelationId': 'c-1',
        'X-Locale': 'de-DE',
        'MS-PartnerCenter-Application': 'bot',
      },
    });
    await harness.call('GET', '/v1/customers?size=2', { token: null, headers: { 'MS-RequestId': 'j-2' } });
    const entries = await journal();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      method: 'GET',
      path: '/v1/customers',
      query: 'size=2',
      status: 200,
      requestId: 'j-1',
      correlationId: 'c-1',
      locale: 'de-DE',
      application: 'bot',
      tokenKind: 'user',
      user: 'alice',
    });
    expect(Number.isNaN(Date.parse(String(entries[0].at)))).toBe(false);
    expect(entries[1]).toMatchObject({ requestId: 'j-2', tokenKind: 'none', status: 401 });
  });

  it('clears faults with DELETE /_simulator/faults', async () => {
    await addFault({ method: 'GET', path: '/v1/invoices', count: 5, status: 500 });
    expect((await harness.control('DELETE', 'faults')).status).toBe(204);
    expect((await harness.call('GET', '/v1/invoices?size=1')).status).toBe(200);
  });

  it('resets to the seed: same customers, registrations undone, journal and faults cleared', async () => {
    const before = ((await harness.getJson<Json>('/v1/customers')).items ?? []).map((item) => item.id);
    await harness.call('POST', registrationPath());
    expect(await registrationStatus()).toBe('Registered');
    await addFault({ method: 'GET', path: '/v1/invoices', count: 5, status: 500 });
    expect((await harness.control('POST', 'reset')).status).toBe(204);
    expect(await journal()).toEqual([]);
    expect((await harness.call('GET', '/v1/invoices?size=1')).status).toBe(200);
    expect(await registrationStatus()).toBe('NotRegistered');
    expect(((await harness.getJson<Json>('/v1/customers')).items ?? []).map((item) => item.id)).toEqual(before);
  });

  it('builds the same seed in a separately started simulator', async () => {
    const other = await SimulatorHarness.start();
    try {
      const mine = await harness.getJson<Json>('/v1/invoices?size=5');
      const theirs = await other.getJson<Json>('/v1/invoices?size=5');
      expect(theirs).toEqual(mine);
      expect((await other.getJson<Json>('/v1/customers?size=3')).items).toEqual(
        (await harness.getJson<Json>('/v1/customers?size=3')).items,
      );
    } finally {
      await other.close();
    }
  });

  it('moves the clock forward and reports the simulated time', async () => {
    const response = await harness.control('POST', 'clock', { advanceSeconds: 3600 });
    expect(response.status).toBe(200);
    expect(Date.parse(String((response.json() as Json).now)) - Date.now()).toBeGreaterThan(3000 * 1000);
    expect((await harness.control('POST', 'clock', { advanceSeconds: -1 })).status).toBe(400);
  });
});

describe('simulator: throttling', () => {
  let harness: SimulatorHarness;
  beforeAll(async () => {
    harness = await SimulatorHarness.start({ throttlePerMinute: 3 });
  });
  afterAll(() => harness.close());

  it('answers 429 with Retry-After and the APIM body past the per-minute limit, only for throttled operations', async () => {
    const page = await harness.getJson<Json>('/v1/customers?size=1');
    const path = `/v1/customers/${String((page.items ?? [])[0].id)}`;
    for (let i = 0; i < 3; i++) expect((await harness.call('GET', path)).status).toBe(200);
    const throttled = await harness.call('GET', path);
    expect(throttled.status).toBe(429);
    const retryAfter = Number(throttled.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(throttled.json()).toEqual({
      statusCode: 429,
      message: `Rate limit is exceeded. Try again in ${retryAfter} seconds.`,
    });
    expect((await harness.call('GET', '/v1/customers?size=1')).status).toBe(200);
    await harness.advance(retryAfter);
    expect((await harness.call('GET', path)).status).toBe(200);
  });
});
