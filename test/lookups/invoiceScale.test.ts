import { LookupHarness } from './lookupHarness';

const LINE_ITEMS = 100_000;

let harness: LookupHarness;
let invoiceId: string;

beforeAll(async () => {
  harness = await LookupHarness.start({ newestInvoiceLineItems: LINE_ITEMS });
  // Newest first: the first USD OneTime invoice is the one the setting made long.
  const invoices = (await harness.appClient.listInvoices(harness.appCtx(), { size: 5000 })).items;
  const long = invoices.find((invoice) => invoice.currencyCode === 'USD' && invoice.invoiceType === 'OneTime');
  if (!long) throw new Error('the simulator has no USD OneTime invoice');
  invoiceId = long.id;
});

afterAll(async () => {
  await harness?.close();
});

describe('an invoice of 100,000 one-time charges', () => {
  it('is summarised from 50 pages of 2,000, the most Partner Center returns in one page', async () => {
    const before = (await harness.journal()).length;

    const details = await harness.asUser.getInvoice(harness.userCtx(), invoiceId);

    const pages = (await harness.journal())
      .slice(before)
      .filter((call) => call.path.toLowerCase() === `/v1/invoices/${invoiceId.toLowerCase()}/lineitems`);
    expect(pages).toHaveLength(50);
    expect(pages.every((call) => call.status === 200)).toBe(true);
    expect(pages.map((call) => new URLSearchParams(call.query).get('size'))).toEqual(Array(50).fill('2000'));
    expect(details.oneTime?.lineItemCount).toBe(LINE_ITEMS);
    expect(details.oneTime?.pagesRead).toBe(50);
  });
});
