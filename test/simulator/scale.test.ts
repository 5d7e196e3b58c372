import { CUSTOMER_SEEDS } from '../../simulator/data/customerSeed';
import { loadSimulatorConfig } from '../../simulator/config';
import { startSimulator } from '../../simulator/server';
import { allCustomers, type Json, SimulatorHarness } from './simulatorHarness';

const nameOf = (customer: Json) => String((customer.companyProfile as Json).companyName);
const domainOf = (customer: Json) => String((customer.companyProfile as Json).domain);

const lineItemsPath = (invoiceId: string, size?: number) =>
  `/v1/invoices/${invoiceId}/lineitems?provider=onetime&invoicelineitemtype=billinglineitems${size === undefined ? '' : `&size=${size}`}`;

async function invoicesOf(harness: SimulatorHarness): Promise<Json[]> {
  return (await harness.getJson<Json>('/v1/invoices?size=5000')).items ?? [];
}

/** The OneTime invoices of a currency, newest first. */
function oneTimeInvoices(invoices: Json[], currency: string): Json[] {
  return invoices
    .filter((invoice) => invoice.currencyCode === currency && invoice.invoiceType === 'OneTime')
    .sort((a, b) => Date.parse(String(b.invoiceDate)) - Date.parse(String(a.invoiceDate)));
}

describe('simulator scale settings', () => {
  describe('10,000 customers', () => {
    let seeded: SimulatorHarness;
    let large: SimulatorHarness;
    let again: SimulatorHarness;
    beforeAll(async () => {
      [seeded, large, again] = await Promise.all([
        SimulatorHarness.start(),
        SimulatorHarness.start({ customers: 10_000 }),
        SimulatorHarness.start({ customers: 10_000 }),
      ]);
    });
    afterAll(() => Promise.all([seeded, large, again].map((harness) => harness?.close())));

    it('holds that many customers, every seeded one among them with the same tenant id as in the seed alone', async () => {
      const [seedOnly, many] = await Promise.all([allCustomers(seeded), allCustomers(large)]);
      expect(seedOnly).toHaveLength(CUSTOMER_SEEDS.length);
      expect(many).toHaveLength(10_000);
      const byName = new Map(many.map((customer) => [nameOf(customer), customer]));
      for (const customer of seedOnly) {
        const found = byName.get(nameOf(customer));
        expect(found?.id).toBe(customer.id);
        expect(found && domainOf(found)).toBe(domainOf(customer));
      }
      expect(new Set(many.map((customer) => customer.id)).size).toBe(10_000);
      expect(new Set(many.map(domainOf)).size).toBe(10_000);
    });

    it('generates the same customers on every start', async () => {
      const [first, second] = await Promise.all([allCustomers(large), allCustomers(again)]);
      expect(second).toEqual(first);
    });

    it('keeps each seeded customer the only one with its exact name and domain among many near misses', async () => {
      const search = (field: string, value: string) =>
        large.getJson<Json>(
          `/v1/customers?size=0&filter=${encodeURIComponent(JSON.stringify({ Field: field, Value: value, Operator: 'starts_with' }))}`,
        );
      const contosos = (await search('CompanyName', 'Contoso')).items ?? [];
      expect(contosos.length).toBeGreaterThan(100);
      expect(contosos.filter((customer) => nameOf(customer) === 'Contoso Ltd')).toHaveLength(1);
      const tenant = (await search('Domain', 'contoso.')).items ?? [];
      expect(tenant.map(nameOf)).toEqual(['Contoso Ltd']);
      expect(((await search('CompanyName', 'Contoso Ltd')).items ?? []).length).toBe(1);
    });

    it('answers a customer search page by page, the seeded customers after the generated ones', async () => {
      const filter = encodeURIComponent(JSON.stringify({ Field: 'Domain', Value: 'contoso', Operator: 'starts_with' }));
      const page = await large.getJson<Json>(`/v1/customers?size=11&filter=${filter}`);
      const names = (page.items ?? []).map(nameOf);
      expect(names).toHaveLength(11);
      expect(names).not.toContain('Contoso Ltd');
      expect((page.links as Json).next).toBeDefined();
    });
  });

  describe('invoices and line items', () => {
    let harness: SimulatorHarness;
    beforeAll(async () => {
      harness = await SimulatorHarness.start({ oneTimeInvoicesPerCurrency: 9, newestInvoiceLineItems: 5_000 });
    });
    afterAll(() => harness?.close());

    it('issues that many OneTime invoices per currency, two months apart', async () => {
      const invoices = await invoicesOf(harness);
      const usd = oneTimeInvoices(invoices, 'USD').map((invoice) => new Date(String(invoice.invoiceDate)));
      expect(usd).toHaveLength(9);
      const months = usd.map((date) => date.getUTCFullYear() * 12 + date.getUTCMonth());
      expect(months.slice(1).map((month, i) => months[i] - month)).toEqual(Array(8).fill(2));
      for (const currency of new Set(invoices.map((invoice) => String(invoice.currencyCode)))) {
        expect(oneTimeInvoices(invoices, currency)).toHaveLength(9);
      }
    });

    it('puts that many one-time line items on the newest USD invoice, in pages of at most 2000 as documented', async () => {
      const invoiceId = String(oneTimeInvoices(await invoicesOf(harness), 'USD')[0]?.id);
      const sizes: number[] = [];
      let page = await harness.getJson<Json>(lineItemsPath(invoiceId, 2000));
      sizes.push((page.items ?? []).length);
      while ((page.links as Json).next) {
        page = await harness.getJsonWith(
          (page.links as Json).next as { uri: string; headers: { key: string; value: string }[] },
        );
        sizes.push((page.items ?? []).length);
      }
      expect(sizes).toEqual([2000, 2000, 1000]);
      // "Default max size = 2000": asked for more, or nothing, a page still holds 2000.
      expect(((await harness.getJson<Json>(lineItemsPath(invoiceId, 5000))).items ?? []).length).toBe(2000);
      expect(((await harness.getJson<Json>(lineItemsPath(invoiceId))).items ?? []).length).toBe(2000);
    });
  });

  describe('configuration', () => {
    it('reads the scale from the environment of npm run simulator', () => {
      expect(
        loadSimulatorConfig({
          PC_SIMULATOR_CUSTOMERS: '10000',
          PC_SIMULATOR_ONETIME_INVOICES_PER_CURRENCY: '12',
          PC_SIMULATOR_NEWEST_INVOICE_LINE_ITEMS: '100000',
        }),
      ).toMatchObject({ customers: 10_000, oneTimeInvoicesPerCurrency: 12, newestInvoiceLineItems: 100_000 });
      const defaults = loadSimulatorConfig({});
      expect(defaults).not.toHaveProperty('customers');
      expect(defaults).not.toHaveProperty('newestInvoiceLineItems');
    });

    it('refuses fewer customers than the seed holds, naming the setting', async () => {
      expect(() => loadSimulatorConfig({ PC_SIMULATOR_CUSTOMERS: '10' })).toThrow(/PC_SIMULATOR_CUSTOMERS/);
      expect(() => loadSimulatorConfig({ PC_SIMULATOR_NEWEST_INVOICE_LINE_ITEMS: '0' })).toThrow(
        /PC_SIMULATOR_NEWEST_INVOICE_LINE_ITEMS/,
      );
      await expect(startSimulator({ port: 0, customers: 10 })).rejects.toThrow(/customers must be a whole number/);
    });
  });
});
