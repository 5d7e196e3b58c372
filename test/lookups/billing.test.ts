import { PartnerCenterError } from '../../services/partnerCenter/PartnerCenterError';
import type { Invoice } from '../../services/partnerCenter/schemas/invoice';
import type { OneTimeInvoiceLineItem } from '../../services/partnerCenter/schemas/oneTimeInvoiceLineItem';
import type { InvoiceView } from '../../services/lookups/types';
import { LookupHarness } from './lookupHarness';

const READ_AT = Date.UTC(2031, 4, 6, 7, 8, 9);

let harness: LookupHarness;
let allInvoices: Invoice[];
let longInvoice: Invoice;
let longInvoiceItems: OneTimeInvoiceLineItem[];

beforeAll(async () => {
  harness = await LookupHarness.start({}, () => READ_AT);
  allInvoices = (await harness.appClient.listInvoices(harness.appCtx(), { size: 5000 })).items;
  // The seed's long invoice: USD, OneTime, the newest (the latest month already invoiced; this month's one-time
  // charges are unbilled, on no invoice yet).
  const usdOneTime = allInvoices
    .filter((invoice) => invoice.currencyCode === 'USD' && invoice.invoiceType === 'OneTime')
    .sort((a, b) => Date.parse(b.invoiceDate ?? '') - Date.parse(a.invoiceDate ?? ''));
  longInvoice = usdOneTime[0]!;
  const page = await harness.appClient.listOneTimeInvoiceLineItems(harness.appCtx(), {
    invoiceId: longInvoice.id,
    size: 2000,
  });
  expect(page.next).toBeUndefined();
  longInvoiceItems = page.items;
});

afterAll(async () => {
  await harness?.close();
});

describe('balances', () => {
  it('reads one balance per currency with App+User, split by invoice type', async () => {
    const report = await harness.asUser.getBalances(harness.userCtx());

    expect(report.defaultCurrencyOnly).toBe(false);
    expect(report.readAt).toBe(new Date(READ_AT).toISOString());
    const currencies = report.balances.map((balance) => balance.currencyCode);
    expect(currencies.length).toBeGreaterThan(1);
    expect(new Set(currencies).size).toBe(currencies.length);
    expect(currencies).toContain('USD');
    for (const balance of report.balances) {
      expect(balance.byInvoiceType.map((part) => part.invoiceType).sort()).toEqual(['OneTime', 'Recurring']);
      const parts = balance.byInvoiceType.reduce((sum, part) => sum + part.balanceAmount, 0);
      expect(parts).toBeCloseTo(balance.balanceAmount, 2);
    }
  });

  it('falls back to the default-currency balance when signed in app-only', async () => {
    const perCurrency = await harness.asUser.getBalances(harness.userCtx());
    const report = await harness.appOnly.getBalances(harness.appCtx());

    expect(report.defaultCurrencyOnly).toBe(true);
    expect(report.balances).toHaveLength(1);
    const usd = perCurrency.balances.find((balance) => balance.currencyCode === 'USD');
    expect(report.balances[0]).toEqual(usd);
  });
});

describe('invoices', () => {
  it('pages through the invoice list newest first, marking each paid or open', async () => {
    const seen: InvoiceView[] = [];
    let offset: number | undefined = 0;
    for (let pages = 0; offset !== undefined && pages < 100; pages += 1) {
      const page = await harness.appOnly.listInvoices(harness.appCtx(), { offset, pageSize: 7 });
      expect(page.invoices.length).toBeLessThanOrEqual(7);
      if (page.next) expect(page.next.offset).toBe(offset + page.invoices.length);
      seen.push(...page.invoices);
      offset = page.next?.offset;
    }

    expect(seen.map((invoice) => invoice.id)).toEqual(allInvoices.map((invoice) => invoice.id));
    const dates = seen.map((invoice) => Date.parse(invoice.invoiceDate ?? ''));
    expect(dates.every((date, i) => i === 0 || date <= dates[i - 1]!)).toBe(true);
    for (const invoice of seen) {
      if (invoice.paidAmount === 0 && invoice.totalCharges > 0) expect(invoice.state).toBe('open');
      if (Math.abs(invoice.paidAmount) === invoice.totalCharges) expect(invoice.state).toBe('paid');
    }
    expect(seen.some((invoice) => invoice.state === 'paid')).toBe(true);
    expect(seen.some((invoice) => invoice.state === 'open')).toBe(true);
    expect(seen.find((invoice) => invoice.id === longInvoice.id)?.hasOneTimeLineItems).toBe(true);
    expect(seen.filter((invoice) => invoice.invoiceType === 'Recurring').every((i) => !i.hasOneTimeLineItems)).toBe(
      true,
    );
  });

  it('summarises every page of a long invoice’s one-time charges by customer and product', async () => {
    const details = await harness.asUser.getInvoice(harness.userCtx(), longInvoice.id);

    expect(details.fromList).toBe(false);
    expect(details.invoice.id).toBe(longInvoice.id);
    const oneTime = details.oneTime!;
    expect(oneTime.lineItemCount).toBe(longInvoiceItems.length);
    expect(oneTime.lineItemCount).toBe(263);
    // Pages of Partner Center's maximum of 2000 items: one page here, 50 for 100,000 lines (invoiceScale.test.ts).
    expect(oneTime.pagesRead).toBe(Math.ceil(263 / 2000));
    const groupTotal = oneTime.groups.reduce((sum, group) => sum + group.total, 0);
    const itemTotal = longInvoiceItems.reduce((sum, item) => sum + item.totalForCustomer, 0);
    expect(groupTotal).toBeCloseTo(itemTotal, 2);
    expect(groupTotal).toBeCloseTo(details.invoice.totalCharges, 2);
    const groupQuantity = oneTime.groups.reduce((sum, group) => sum + group.quantity, 0);
    expect(groupQuantity).toBe(longInvoiceItems.reduce((sum, item) => sum + item.quantity, 0));
    const keys = oneTime.groups.map((group) => `${group.customerId}|${group.productName}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(oneTime.groups.length).toBeLessThan(263);
    expect(oneTime.groups.every((group) => group.currencyCode === 'USD' && group.customerName !== '')).toBe(true);
  });

  it('finds the invoice in the list when signed in app-only, with the same charges', async () => {
    const byId = await harness.asUser.getInvoice(harness.userCtx(), longInvoice.id);
    const fromList = await harness.appOnly.getInvoice(harness.appCtx(), longInvoice.id.toLowerCase());

    expect(fromList.fromList).toBe(true);
    expect(fromList.invoice).toEqual(byId.invoice);
    expect(fromList.oneTime).toEqual(byId.oneTime);
  });

  it('has no one-time summary for a recurring invoice', async () => {
    const recurring = allInvoices.find((invoice) => invoice.invoiceType === 'Recurring')!;
    const details = await harness.asUser.getInvoice(harness.userCtx(), recurring.id);
    expect(details.invoice.hasOneTimeLineItems).toBe(false);
    expect(details.oneTime).toBeUndefined();
  });

  it.each([
    ['App+User', () => harness.asUser, () => harness.userCtx()],
    ['app-only', () => harness.appOnly, () => harness.appCtx()],
  ])('answers 404 for an unknown invoice (%s)', async (_label, service, ctx) => {
    const attempt = service().getInvoice(ctx(), 'G999999999');
    await expect(attempt).rejects.toBeInstanceOf(PartnerCenterError);
    await expect(attempt).rejects.toMatchObject({ httpStatus: 404 });
  });
});

describe('statements', () => {
  it('downloads the statement PDF with App+User', async () => {
    const statement = await harness.asUser.getStatement(harness.userCtx(), longInvoice.id);
    expect(statement.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(statement.contentType).toMatch(/application\/pdf/);
    expect(statement.fileName).toBe(`Invoice_${longInvoice.id}.pdf`);
    expect(statement.invoiceId).toBe(longInvoice.id);
  });

  it('is refused with 403 / 900329 when signed in app-only', async () => {
    const attempt = harness.appOnly.getStatement(harness.appCtx(), longInvoice.id);
    await expect(attempt).rejects.toBeInstanceOf(PartnerCenterError);
    await expect(attempt).rejects.toMatchObject({ httpStatus: 403, code: '900329' });
  });
});
