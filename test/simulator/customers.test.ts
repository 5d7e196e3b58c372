import { SimulatorHarness, type Json } from './simulatorHarness';

describe('simulator: customers', () => {
  let harness: SimulatorHarness;
  beforeAll(async () => {
    harness = await SimulatorHarness.start();
  });
  afterAll(() => harness.close());

  it('answers 401 with the documented ApiFault when there is no bearer token', async () => {
    const response = await harness.call('GET', '/v1/customers?size=5', { token: null });
    expect(response.status).toBe(401);
    expect(response.json()).toEqual({
      code: 800001,
      description: 'Partner Token missing in request context',
      data: [],
      source: 'PartnerFD',
    });
  });

  it('echoes MS-RequestId and MS-CorrelationId and adds MS-CV, MS-ServerId, X-Locale and the JSON content type', async () => {
    const response = await harness.call('GET', '/v1/customers?size=1', {
      headers: { 'MS-RequestId': 'req-123', 'MS-CorrelationId': 'corr-456', 'X-Locale': 'fr-FR' },
    });
    expect(response.headers.get('ms-requestid')).toBe('req-123');
    expect(response.headers.get('ms-correlationid')).toBe('corr-456');
    expect(response.headers.get('ms-cv')).toMatch(/\.0$/);
    expect(response.headers.get('ms-serverid')).toBeTruthy();
    expect(response.headers.get('x-locale')).toBe('fr-FR');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('generates request and correlation ids when the caller sends none', async () => {
    const response = await harness.call('GET', '/v1/customers?size=1');
    expect(response.headers.get('ms-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('ms-correlationid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('seek-pages through every customer exactly once by following links.next and its headers', async () => {
    const all = await harness.getJson<Json>('/v1/customers');
    const expected = (all.items ?? []).map((item) => item.id);
    expect(expected.length).toBeGreaterThanOrEqual(60);

    const seen: unknown[] = [];
    let next: { uri: string; headers: { key: string; value: string }[] } | undefined = {
      uri: '/customers?size=7',
      headers: [],
    };
    let pages = 0;
    while (next && pages < 50) {
      const headers = Object.fromEntries(next.headers.map((header) => [header.key, header.value]));
      const response = await harness.call('GET', `/v1${next.uri}`, { headers });
      expect(response.status).toBe(200);
      const page = response.json() as Json;
      seen.push(...(page.items ?? []).map((item) => item.id));
      next = (page.links as Json).next as typeof next;
      if (next) expect(page.continuationToken).toBe(next.headers[0].value);
      pages++;
    }
    expect(pages).toBe(Math.ceil(expected.length / 7));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expected);
  });

  it('shows list items with only the fields of the list example', async () => {
    const page = await harness.getJson<Json>('/v1/customers?size=1');
    const item = (page.items ?? [])[0];
    expect(Object.keys(item).sort()).toEqual(['attributes', 'companyProfile', 'id', 'links', 'relationshipToPartner']);
    expect(item.attributes).toEqual({ objectType: 'Customer' });
    expect(page.attributes).toEqual({ objectType: 'Collection' });
  });

  it('rejects a continuation request without the MS-ContinuationToken header', async () => {
    const response = await harness.call('GET', '/v1/customers?size=5&seekOperation=Next');
    expect(response.status).toBe(400);
    expect((response.json() as Json).code).toBe(800002);
  });

  it('searches by company name prefix with a URL-encoded JSON filter, ignoring case', async () => {
    const filter = encodeURIComponent(JSON.stringify({ Field: 'CompanyName', Value: 'cONT', Operator: 'starts_with' }));
    const page = await harness.getJson<Json>(`/v1/customers?size=0&filter=${filter}`);
    const names = (page.items ?? []).map((item) => (item.companyProfile as Json).companyName);
    expect(names).toEqual(['Contoso Ltd', 'Contoso Pharmaceuticals', 'Contour Logistics UK']);
  });

  it('searches by domain prefix and pages a filtered search', async () => {
    const filter = encodeURIComponent(JSON.stringify({ Field: 'Domain', Value: 'contoso', Operator: 'starts_with' }));
    const first = await harness.call('GET', `/v1/customers?size=1&filter=${filter}`);
    const firstPage = first.json() as Json;
    expect((firstPage.items ?? []).map((item) => (item.companyProfile as Json).domain)).toEqual([
      'contoso.onmicrosoft.com',
    ]);
    const next = (firstPage.links as Json).next as { uri: string; headers: { key: string; value: string }[] };
    const second = await harness.getJsonWith(next);
    expect((second.items ?? []).map((item) => (item.companyProfile as Json).domain)).toEqual([
      'contosopharma.onmicrosoft.com',
    ]);
    expect((second.links as Json).next).toBeUndefined();
  });

  it('refuses a filter operator other than starts_with with 400 / 800002', async () => {
    const filter = encodeURIComponent(JSON.stringify({ Field: 'CompanyName', Value: 'c', Operator: 'equals' }));
    const response = await harness.call('GET', `/v1/customers?filter=${filter}`);
    expect(response.status).toBe(400);
    expect((response.json() as Json).code).toBe(800002);
  });

  it('gets a customer by id with billing profile, default address and culture', async () => {
    const page = await harness.getJson<Json>('/v1/customers?size=1');
    const id = String((page.items ?? [])[0].id);
    const customer = await harness.getJson<Json>(`/V1/Customers/${id.toUpperCase()}`);
    const billing = customer.billingProfile as Json;
    expect(customer.id).toBe(id);
    expect((billing.defaultAddress as Json).country).toBe('US');
    expect(billing.culture).toBe('en-US');
    expect(customer.allowDelegatedAccess).toBe(true);
  });

  it('answers 404 / 60003 for an unknown customer', async () => {
    const response = await harness.call('GET', '/v1/customers/00000000-0000-4000-8000-000000000000');
    expect(response.status).toBe(404);
    expect((response.json() as Json).code).toBe(60003);
  });

  it('seeds at least 60 customers in at least 12 countries and 5 currencies, including restricted markets', async () => {
    const page = await harness.getJson<Json>('/v1/customers');
    const countries = new Set<string>();
    for (const item of page.items ?? []) {
      const customer = await harness.getJson<Json>(`/v1/customers/${String(item.id)}`);
      countries.add(String(((customer.billingProfile as Json).defaultAddress as Json).country));
    }
    expect(countries.size).toBeGreaterThanOrEqual(12);
    for (const restricted of ['BR', 'RU', 'CN', 'GI']) expect(countries).toContain(restricted);
    const summaries = await harness.getJson<Json>('/v1/invoices/summaries', 'user:alice');
    expect((summaries.items ?? []).length).toBeGreaterThanOrEqual(5);
  });
});
