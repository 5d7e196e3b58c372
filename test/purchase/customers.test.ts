import { PurchaseHarness } from './purchaseHarness';

let harness: PurchaseHarness;

beforeAll(async () => {
  harness = await PurchaseHarness.start();
});

afterAll(async () => {
  await harness.close();
});

describe('searchCustomers', () => {
  it('finds a customer by a company name prefix that its domain does not start with', async () => {
    const result = await harness.service.searchCustomers(harness.ctx(), '  trey research ', 5);
    expect(result.matches.map((m) => m.companyName)).toEqual(['Trey Research Ltd']);
    expect(result.matches[0].domain).toBe('treyresearch.onmicrosoft.com');
    expect(result.hasMore).toBe(false);
  });

  it('finds a customer by a domain prefix that its company name does not start with', async () => {
    const result = await harness.service.searchCustomers(harness.ctx(), 'bangalorecode', 5);
    expect(result.matches.map((m) => m.companyName)).toEqual(['Bangalore Code Labs']);
  });

  it('lists a customer matched by both name and domain once, sorted by company name', async () => {
    const result = await harness.service.searchCustomers(harness.ctx(), 'contoso', 10);
    expect(result.matches.map((m) => m.companyName)).toEqual(['Contoso Ltd', 'Contoso Pharmaceuticals']);
    expect(new Set(result.matches.map((m) => m.id)).size).toBe(2);
    expect(result.hasMore).toBe(false);
  });

  it('returns no match for a prefix nobody has', async () => {
    const result = await harness.service.searchCustomers(harness.ctx(), 'zzqx', 5);
    expect(result).toEqual({ matches: [], hasMore: false });
  });

  it('returns at most the limit, alphabetically, and says there are more', async () => {
    const all = await harness.service.searchCustomers(harness.ctx(), 'c', 50);
    expect(all.matches.length).toBeGreaterThan(3);
    const names = all.matches.map((m) => m.companyName);
    expect([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }))).toEqual(names);

    const limited = await harness.service.searchCustomers(harness.ctx(), 'c', 3);
    expect(limited.matches).toHaveLength(3);
    expect(limited.hasMore).toBe(true);
    expect(limited.matches.every((m) => /^c/i.test(m.companyName) || /^c/i.test(m.domain))).toBe(true);
  });

  it('does not call Partner Center for an empty or blank query', async () => {
    const spy = jest.spyOn(harness.client, 'searchCustomers');
    try {
      expect(await harness.service.searchCustomers(harness.ctx(), '   ', 5)).toEqual({ matches: [], hasMore: false });
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('looks a tenant id up directly, and an unknown tenant id is no match', async () => {
    const contoso = await harness.customerNamed('Contoso Ltd');
    const found = await harness.service.searchCustomers(harness.ctx(), contoso.id.toUpperCase(), 5);
    expect(found.matches).toEqual([{ id: contoso.id, companyName: 'Contoso Ltd', domain: contoso.domain }]);

    const missing = await harness.service.searchCustomers(harness.ctx(), '00000000-0000-4000-8000-000000000000', 5);
    expect(missing).toEqual({ matches: [], hasMore: false });
  });

  it('stops after two pages per field even when Partner Center keeps offering more', async () => {
    let served = 0;
    const spy = jest.spyOn(harness.client, 'searchCustomers').mockImplementation(async (_ctx, request) => {
      served += 1;
      const id = `${request.field}-${served}`;
      return {
        items: [{ id, companyProfile: { companyName: `Cobalt ${id}`, domain: `${id}.example` } }],
        next: { kind: 'seek', uri: `/customers?seekOperation=Next&page=${served}`, headers: [] },
      };
    });
    try {
      const result = await harness.service.searchCustomers(harness.ctx(), 'cobalt', 10);
      expect(spy).toHaveBeenCalledTimes(4);
      expect(result.matches).toHaveLength(4);
      expect(result.hasMore).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('getCustomer and marketAvailability', () => {
  it('gives a US customer its billing country and name, and every category', async () => {
    const contoso = await harness.customerNamed('Contoso Ltd');
    expect(contoso.country).toBe('US');
    expect(contoso.countryName).toBe('United States');
    expect(harness.service.marketAvailability(contoso)).toEqual({
      available: ['software-subscriptions', 'perpetual-software', 'azure-reservations'],
      unavailable: [],
    });
  });

  it('offers a Brazilian customer perpetual software only, saying why in plain words', async () => {
    const amazonia = await harness.customerNamed('Amazonia Agro Ltda');
    expect(amazonia.country).toBe('BR');
    expect(amazonia.countryName).toBe('Brazil');
    expect(harness.service.marketAvailability(amazonia)).toEqual({
      available: ['perpetual-software'],
      unavailable: [
        {
          category: 'software-subscriptions',
          key: 'market.softwareSubscriptionsNotSold',
          values: { country: 'Brazil' },
          reason: "Software subscriptions can't be bought for customers in Brazil.",
        },
        {
          category: 'azure-reservations',
          key: 'market.azureReservationsNotSold',
          values: { country: 'Brazil' },
          reason: "Azure reservations can't be bought for customers in Brazil.",
        },
      ],
    });
  });

  it('treats Gibraltar as a restricted market too', async () => {
    const rockBay = await harness.customerNamed('Rock Bay Gaming Ltd');
    expect(rockBay.countryName).toBe('Gibraltar');
    expect(harness.service.marketAvailability(rockBay).available).toEqual(['perpetual-software']);
  });
});
