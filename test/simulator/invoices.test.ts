import { SimulatorHarness, type Json } from './simulatorHarness';

describe('simulator: invoices, balance and statement PDF', () => {
  let harness: SimulatorHarness;
  let longInvoice: Json;

  beforeAll(async () => {
    harness = await SimulatorHarness.start();
    const invoices = (await harness.getJson<Json>('/v1/invoices')).items ?? [];
    const oneTime = invoices.filter((invoice) => invoice.invoiceType === 'OneTime' && invoice.currencyCode === 'USD');
    let longest: Json | undefined;
    let longestCount = -1;
    for (const invoice of oneTime) {
      const page = await harness.getJson<Json>(`/v1/invoices/${String(invoice.id)}/lineitems/OneTime/BillingLineItems`);
      if ((page.items ?? []).length > longestCount) {
        longest = invoice;
        longestCount = (page.items ?? []).length;
      }
    }
    if (!longest) throw new Error('no USD OneTime invoice');
    longInvoice = longest;
  });
  afterAll(() => harness.close());

  it('answers 403 / 900329 to app-only callers of the App+User-only invoice operations and 200 to user:alice', async () => {
    const id = String(longInvoice.id);
    for (const path of ['/v1/invoices/summaries', `/v1/invoices/${id}`, `/v1/invoices/${id}/documents/statement`]) {
      const appOnly = await harness.call('GET', path);
      expect({ path, status: appOnly.status, code: (appOnly.json() as Json).code }).toEqual({
        path,
        status: 403,
        code: 900329,
      });
      expect((await harness.call('GET', path, { token: 'user:alice' })).status).toBe(200);
    }
  });

  it('returns the balance in USD with Recurring and OneTime details', async () => {
    const balance = await harness.getJson<Json>('/v1/invoices/summary');
    expect(balance.currencyCode).toBe('USD');
    expect(balance.attributes).toEqual({ objectType: 'InvoiceSummary' });
    const details = balance.details as Json[];
    expect(details.map((detail) => detail.invoiceType)).toEqual(['Recurring', 'OneTime']);
    const sum = details.reduce((total, detail) => total + Number((detail.summary as Json).balanceAmount), 0);
    expect(Number(balance.balanceAmount)).toBeCloseTo(sum, 2);
  });

  it('returns one invoice summary per currency', async () => {
    const summaries = (await harness.getJson<Json>('/v1/invoices/summaries', 'user:alice')).items ?? [];
    const currencies = summaries.map((summary) => summary.currencyCode);
    expect(new Set(currencies).size).toBe(currencies.length);
    expect(currencies).toEqual(expect.arrayContaining(['USD', 'GBP', 'EUR', 'JPY', 'CHF']));
  });

  it('pages invoices with size/offset and links.next until every invoice was seen once', async () => {
    const all = ((await harness.getJson<Json>('/v1/invoices?size=1000')).items ?? []).map((invoice) => invoice.id);
    expect(all.length).toBeGreaterThan(20);
    const seen: unknown[] = [];
    let next: { uri: string; headers: { key: string; value: string }[] } | undefined = {
      uri: '/invoices?size=9&offset=0',
      headers: [],
    };
    let pages = 0;
    while (next && pages < 100) {
      const page = await harness.getJsonWith(next);
      seen.push(...(page.items ?? []).map((invoice) => invoice.id));
      next = (page.links as Json).next as typeof next;
      pages++;
    }
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 9));
    const page = await harness.getJson<Json>('/v1/invoices?size=2&offset=4');
    expect((page.items ?? []).map((invoice) => invoice.id)).toEqual(all.slice(4, 6));
  });

  it('gets an invoice by id, also through its OneTime- prefixed self link', async () => {
    const invoice = await harness.getJson<Json>(`/v1/invoices/${String(longInvoice.id)}`, 'user:alice');
    expect(invoice).toMatchObject({ id: longInvoice.id, invoiceType: 'OneTime', documentType: 'invoice' });
    const self = ((invoice.links as Json).self as Json).uri as string;
    expect(self).toBe(`/invoices/OneTime-${String(longInvoice.id)}`);
    expect((await harness.getJson<Json>(`/v1${self}`, 'user:alice')).id).toBe(longInvoice.id);
    const missing = await harness.call('GET', '/v1/invoices/G999999999', { token: 'user:alice' });
    expect(missing.status).toBe(404);
  });

  for (const style of ['query', 'path'] as const) {
    it(`seek-pages all OneTime line items of the long invoice with the ${style} URI style`, async () => {
      const id = String(longInvoice.id);
      const first =
        style === 'query'
          ? `/invoices/${id}/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&size=100`
          : `/invoices/${id}/lineitems/OneTime/BillingLineItems?size=100`;
      const everything = await harness.getJson<Json>(`/v1/invoices/${id}/lineitems/OneTime/BillingLineItems`);
      const expected = (everything.items ?? []).map((item) => item.referenceId);
      expect(expected.length).toBeGreaterThanOrEqual(250);

      const seen: unknown[] = [];
      let next: { uri: string; headers: { key: string; value: string }[] } | undefined = { uri: first, headers: [] };
      let pages = 0;
      while (next && pages < 20) {
        const page = await harness.getJsonWith(next);
        for (const item of page.items ?? []) {
          expect(item).toMatchObject({ billingProvider: 'one_time', invoiceLineItemType: 'billing_line_items' });
          seen.push(item.referenceId);
        }
        next = (page.links as Json).next as typeof next;
        if (next) {
          expect(next.uri).toContain('seekOperation=Next');
          expect(next.headers[0].key).toBe('MS-ContinuationToken');
          expect(next.headers[0].value).toMatch(/[/=,]/);
          expect(page.continuationToken).toBe(next.headers[0].value);
        }
        pages++;
      }
      expect(pages).toBe(Math.ceil(expected.length / 100));
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expected);
    });
  }

  it('serves the statement as a valid PDF attachment whose xref offsets point at their objects', async () => {
    const id = String(longInvoice.id);
    const response = await harness.call('GET', `/v1/invoices/${id}/documents/statement`, {
      token: 'user:alice',
      headers: { Accept: 'application/pdf' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename=Invoice_${id}.pdf`);
    const pdf = response.bytes.toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(pdf)?.[1]);
    expect(pdf.slice(startxref, startxref + 4)).toBe('xref');
    const [, firstId, count] = /^xref\n(\d+) (\d+)\n/.exec(pdf.slice(startxref)) ?? [];
    expect(Number(firstId)).toBe(0);
    const entries = pdf
      .slice(startxref)
      .split('\n')
      .slice(2, 2 + Number(count));
    entries.slice(1).forEach((entry, index) => {
      const offset = Number(entry.slice(0, 10));
      expect(pdf.slice(offset, offset + `${index + 1} 0 obj`.length)).toBe(`${index + 1} 0 obj`);
    });
    expect(pdf).toContain(`(Invoice ${id}) Tj`);
    expect(pdf).toContain('/BaseFont /Helvetica');
    expect((pdf.match(/\/Type \/Page /g) ?? []).length).toBeGreaterThan(1);
  });
});
