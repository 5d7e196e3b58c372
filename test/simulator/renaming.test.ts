import { customerNamed, SimulatorHarness, type Json } from './simulatorHarness';

const HOSTILE = 'Contoso Ltd [Verify your payment here](https://evil.example/phish)';

describe('simulator: renaming customers and retitling products through the control API', () => {
  let harness: SimulatorHarness;
  let contoso: string;

  beforeAll(async () => {
    harness = await SimulatorHarness.start();
    contoso = String((await customerNamed(harness, 'Contoso Ltd')).id);
  });
  afterEach(async () => {
    await harness.control('POST', 'reset');
  });
  afterAll(() => harness.close());

  const companyNameOf = async (id: string) =>
    ((await harness.getJson<Json>(`/v1/customers/${id}`)).companyProfile as Json).companyName;
  const search = async (prefix: string) => {
    const filter = encodeURIComponent(JSON.stringify({ Field: 'CompanyName', Value: prefix, Operator: 'starts_with' }));
    return ((await harness.getJson<Json>(`/v1/customers?size=10&filter=${filter}`)).items ?? []).map((c) => c.id);
  };

  it('renames a customer everywhere Partner Center shows its name, until reset', async () => {
    const renamed = await harness.control('POST', 'customers/rename', { customerId: contoso, companyName: HOSTILE });
    expect(renamed.status).toBe(204);
    expect(await companyNameOf(contoso)).toBe(HOSTILE);
    expect(await search('Contoso Ltd [Verify')).toEqual([contoso]);

    await harness.control('POST', 'reset');
    expect(await companyNameOf(contoso)).toBe('Contoso Ltd');
  });

  it('takes a 30,000-character name, and refuses an unknown customer or a missing name', async () => {
    const long = `Contoso ${'x'.repeat(30_000)}`;
    expect((await harness.control('POST', 'customers/rename', { customerId: contoso, companyName: long })).status).toBe(
      204,
    );
    expect(await companyNameOf(contoso)).toBe(long);
    const unknown = await harness.control('POST', 'customers/rename', {
      customerId: '00000000-0000-0000-0000-000000000000',
      companyName: 'x',
    });
    expect(unknown.status).toBe(404);
    expect((await harness.control('POST', 'customers/rename', { customerId: contoso })).status).toBe(400);
  });

  it('retitles a product and one of its SKUs in this simulator only', async () => {
    const products = (await harness.getJson<Json>('/v1/products?country=US&targetView=SoftwareSubscriptions')).items;
    const product = String(products?.[0].id);
    const sku = String(((await harness.getJson<Json>(`/v1/products/${product}/skus?country=US`)).items ?? [])[0].id);
    const other = await SimulatorHarness.start();
    try {
      expect((await harness.control('POST', 'catalog/titles', { productId: product, title: HOSTILE })).status).toBe(
        204,
      );
      const skuTitle = 'Standard_D2s_v5 **now** <b>cheaper</b>';
      const retitled = await harness.control('POST', 'catalog/titles', {
        productId: product,
        skuId: sku,
        title: skuTitle,
      });
      expect(retitled.status).toBe(204);
      expect((await harness.getJson<Json>(`/v1/products/${product}?country=US`)).title).toBe(HOSTILE);
      expect((await harness.getJson<Json>(`/v1/products/${product}/skus/${sku}?country=US`)).title).toBe(skuTitle);
      expect((await other.getJson<Json>(`/v1/products/${product}?country=US`)).title).not.toBe(HOSTILE);
      const missing = await harness.control('POST', 'catalog/titles', {
        productId: product,
        skuId: 'ZZZZ',
        title: 'x',
      });
      expect(missing.status).toBe(404);
    } finally {
      await other.close();
    }
  });
});
