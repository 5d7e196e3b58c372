import { PurchaseHarness } from './purchaseHarness';

let harness: PurchaseHarness;
let contosoId: string;

beforeAll(async () => {
  harness = await PurchaseHarness.start({ customers: 10_000 });
  contosoId = (await harness.customerNamed('Contoso Ltd')).id;
});

afterAll(async () => {
  await harness.close();
});

describe('customer search at a partner with 10,000 customers', () => {
  it('offers Contoso Ltd first for "contoso", its tenant name, among hundreds of customers starting the same way', async () => {
    const result = await harness.service.searchCustomers(harness.ctx(), 'contoso', 10);

    expect(result.matches).toHaveLength(10);
    expect(result.matches[0]).toEqual({ id: contosoId, companyName: 'Contoso Ltd', domain: 'contoso.onmicrosoft.com' });
    expect(result.hasMore).toBe(true);
    // "contoso" also starts Contoso Pharmaceuticals and hundreds more: offered first; not the service's exact match (the
    // customer dialog takes a tenant's own name without asking, see SelectCustomerDialog and forgivingNames.test).
    expect(result.exactMatch).toBeUndefined();
  });

  it.each([['Contoso Ltd'], ['contoso ltd'], ['contoso.onmicrosoft.com'], ['CONTOSO.onmicrosoft.com ']])(
    'takes the customer whose whole name or domain is typed (%s) as the exact match',
    async (typed) => {
      const result = await harness.service.searchCustomers(harness.ctx(), typed, 10);
      expect(result.matches[0]?.id).toBe(contosoId);
      expect(result.exactMatch?.id).toBe(contosoId);
    },
  );

  it('lists the rest by name after the exact match', async () => {
    const result = await harness.service.searchCustomers(harness.ctx(), 'fabrikam', 10);
    const names = result.matches.map((match) => match.companyName);
    expect(names[0]).toBe('Fabrikam Inc');
    const rest = names.slice(1);
    expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    expect(rest.every((name) => name.startsWith('Fabrikam '))).toBe(true);
  });
});
