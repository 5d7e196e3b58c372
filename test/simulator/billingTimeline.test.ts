import { catalogItemId, customerNamed, SimulatorHarness, type Json } from './simulatorHarness';

const PERPETUAL = 'DG7GMGF0D7FV';
const DAY_MS = 86_400_000;
const UNBILLED = '/v1/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=billinglineitems';

/** The 8th of the month after `time`'s month, 08:00 UTC: when that month's one-time invoice is issued. */
function invoiceDayAfter(time: number): number {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 8, 8);
}

function startOfMonth(time: number): number {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

describe('simulator: one-time charges stay unbilled until the invoice run', () => {
  let harness: SimulatorHarness;
  let customer: string;

  beforeAll(async () => {
    harness = await SimulatorHarness.start({ orderListDelaySeconds: 0, orderCompletionSeconds: 30 });
    customer = String((await customerNamed(harness, 'Contoso Ltd')).id);
  });
  beforeEach(async () => {
    await harness.control('POST', 'reset');
  });
  afterAll(() => harness.close());

  /** Simulated now. */
  async function now(): Promise<number> {
    const response = await harness.control('POST', 'clock', { advanceSeconds: 0 });
    return Date.parse(String((response.json() as Json).now));
  }

  /** Buys `quantity` Office LTSC licences for Contoso and lets the order complete; returns the order. */
  async function buy(quantity: number): Promise<Json> {
    const cart = await harness.call('POST', `/v1/customers/${customer}/carts`, {
      body: {
        lineItems: [
          {
            id: 0,
            catalogItemId: await catalogItemId(harness, PERPETUAL, '0001', 'US'),
            quantity,
            billingCycle: 'one_time',
          },
        ],
      },
    });
    const checkout = await harness.call(
      'POST',
      `/v1/customers/${customer}/carts/${String((cart.json() as Json).id)}/checkout`,
    );
    const [order] = (checkout.json() as Json).orders as Json[];
    await harness.advance(31);
    return order;
  }

  const usdOneTimeInvoices = async (): Promise<Json[]> =>
    ((await harness.getJson<Json>('/v1/invoices?size=1000')).items ?? []).filter(
      (invoice) => invoice.currencyCode === 'USD' && invoice.invoiceType === 'OneTime',
    );
  const balance = async (): Promise<number> =>
    Number((await harness.getJson<Json>('/v1/invoices/summary')).balanceAmount);
  const unbilled = async (period: string): Promise<Json[]> =>
    (await harness.getJson<Json>(`${UNBILLED}&currencycode=usd&period=${period}`)).items ?? [];

  it('keeps a completed purchase unbilled and out of the balance, then invoices it on the 8th of the next month', async () => {
    const invoicesBefore = (await usdOneTimeInvoices()).map((invoice) => invoice.id);
    const balanceBefore = await balance();
    const order = await buy(3);
    const boughtAt = Date.parse(String(order.creationDate));

    const charges = (await unbilled('current')).filter((item) => item.orderId === order.alternateId);
    expect(charges).toHaveLength(1);
    expect(charges[0]).toMatchObject({ invoiceNumber: '', quantity: '3', customerId: customer });
    expect((await usdOneTimeInvoices()).map((invoice) => invoice.id)).toEqual(invoicesBefore);
    expect(await balance()).toBeCloseTo(balanceBefore, 2);

    // The day before the invoice run nothing changes; on the 8th the month is invoiced.
    await harness.advance(Math.ceil((invoiceDayAfter(boughtAt) - DAY_MS - (await now())) / 1000));
    expect((await unbilled('previous')).some((item) => item.orderId === order.alternateId)).toBe(true);
    expect((await usdOneTimeInvoices()).map((invoice) => invoice.id)).toEqual(invoicesBefore);
    await harness.advance(DAY_MS / 1000 + 60);

    const issued = (await usdOneTimeInvoices()).find(
      (invoice) => Date.parse(String(invoice.billingPeriodStartDate)) === startOfMonth(boughtAt),
    );
    expect(issued).toBeDefined();
    const invoice = issued as Json;
    expect(Date.parse(String(invoice.invoiceDate))).toBe(invoiceDayAfter(boughtAt));
    expect(Number(invoice.paidAmount)).toBe(0);
    const lines =
      (await harness.getJson<Json>(`/v1/invoices/${String(invoice.id)}/lineitems/OneTime/BillingLineItems`)).items ??
      [];
    const invoiced = lines.filter((item) => item.orderId === order.alternateId);
    expect(invoiced.map((item) => item.invoiceNumber)).toEqual([invoice.id]);
    expect([...(await unbilled('current')), ...(await unbilled('previous'))].map((item) => item.orderId)).not.toContain(
      order.alternateId,
    );
    expect(await balance()).toBeCloseTo(balanceBefore + Number(invoice.totalCharges), 2);
  });

  it('issues invoices only for past months, each on the 8th of the month after it', async () => {
    const current = await now();
    const invoices = (await harness.getJson<Json>('/v1/invoices?size=1000')).items ?? [];
    expect(invoices.length).toBeGreaterThan(20);
    for (const invoice of invoices) {
      const end = Date.parse(String(invoice.billingPeriodEndDate));
      const issuedAt = Date.parse(String(invoice.invoiceDate));
      expect(end).toBeLessThan(startOfMonth(current));
      expect(issuedAt).toBe(invoiceDayAfter(Date.parse(String(invoice.billingPeriodStartDate))));
      expect(issuedAt).toBeLessThanOrEqual(current);
    }
  });

  it('seek-pages the unbilled line items and refuses a request without currency or period', async () => {
    for (let i = 0; i < 3; i += 1) await buy(1);
    const everything = await unbilled('current');
    expect(everything.length).toBeGreaterThanOrEqual(3);
    const seen: unknown[] = [];
    let page = await harness.getJson<Json>(`${UNBILLED}&currencycode=USD&period=Current&size=2`);
    for (let pages = 1; ; pages += 1) {
      seen.push(...(page.items ?? []).map((item) => item.referenceId));
      const next = (page.links as Json).next as { uri: string; headers: { key: string; value: string }[] } | undefined;
      if (!next || pages > 50) break;
      expect(next.headers[0].key).toBe('MS-ContinuationToken');
      page = await harness.getJsonWith(next);
    }
    expect(seen).toEqual(everything.map((item) => item.referenceId));
    expect(everything.every((item) => item.invoiceNumber === '' && item.billingProvider === 'one_time')).toBe(true);

    const noPeriod = await harness.call('GET', `${UNBILLED}&currencycode=usd`);
    expect({ status: noPeriod.status, code: (noPeriod.json() as Json).code }).toEqual({ status: 400, code: 800002 });
    const noCurrency = await harness.call('GET', `${UNBILLED}&period=current`);
    expect(noCurrency.status).toBe(400);
    const sdkStyle = await harness.getJson<Json>(
      '/v1/invoices/unbilled/lineitems/OneTime/BillingLineItems?currencycode=usd&period=current',
    );
    expect((sdkStyle.items ?? []).map((item) => item.referenceId)).toEqual(seen);
  });
});
