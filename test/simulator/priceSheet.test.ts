import JSZip from 'jszip';
import { CATALOG_SEED } from '../../simulator/data/catalogSeed';
import { findMarket, localPrice, type Market } from '../../simulator/data/markets';
import { RESERVATION_COLUMNS, SOFTWARE_COLUMNS } from '../../simulator/domain/priceSheet';
import { CsvRecordParser } from '../../services/partnerCenter/priceSheet/CsvRecordParser';
import { SimulatorHarness } from './simulatorHarness';

let sim: SimulatorHarness;
const USER = 'user:Alex Wilber';

beforeAll(async () => {
  sim = await SimulatorHarness.start({ orderCompletionSeconds: 0, orderListDelaySeconds: 0 });
});

afterAll(async () => {
  await sim.close();
});

afterEach(async () => {
  await sim.control('POST', 'reset');
});

const sheetPath = (market: string, view: string) =>
  `/v1.0/sales/pricesheets(Market='${market}',PricesheetView='${view}')/$value`;

async function sheet(market: string, view: string, headers: Record<string, string> = {}, token: string | null = USER) {
  return sim.call('GET', sheetPath(market, view), { token, headers: { 'Accept-Encoding': 'identity', ...headers } });
}

function records(text: string): string[][] {
  const out: string[][] = [];
  const parser = new CsvRecordParser((fields) => out.push(fields));
  parser.push(text);
  parser.end();
  return out;
}

/** Rows as objects keyed by the header's names. */
function rowsOf(text: string): Record<string, string>[] {
  const [header, ...rows] = records(text);
  return rows.map((fields) => Object.fromEntries(header.map((name, i) => [name, fields[i] ?? ''])));
}

function market(country: string): Market {
  const found = findMarket(country);
  if (!found) throw new Error(`no market ${country}`);
  return found;
}

describe('the price sheet (GET /v1.0/sales/pricesheets(...)/$value)', () => {
  it('serves the software sheet as CSV with the documented columns, a BOM and the prices the simulator charges', async () => {
    const response = await sheet('US', 'software');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=.+\.csv$/);
    expect(response.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = response.text.replace(/^\uFEFF/, '');
    expect(records(text)[0]).toEqual([...SOFTWARE_COLUMNS]);
    const rows = rowsOf(text);
    const office = rows.filter((row) => row.ProductId === 'DG7GMGF0D7FV' && row.Segment === 'Commercial');
    expect(office).toEqual([
      expect.objectContaining({
        SkuId: '0001',
        TermDuration: 'OneTime',
        BillingPlan: '',
        Currency: 'USD',
        UnitPrice: '579',
        Market: 'US',
      }),
    ]);
    for (const product of CATALOG_SEED.filter((p) => p.kind !== 'reservation')) {
      for (const sku of product.skus) {
        const listed = rows.filter(
          (row) => row.ProductId === product.id && row.SkuId === sku.id && row.Segment === 'Commercial',
        );
        expect(listed.length).toBeGreaterThan(0);
        // The row in effect (open-ended) carries the price carts and orders of the SKU carry.
        const current = listed.find((row) => row.EffectiveEndDate.startsWith('9999'));
        expect(Number(current?.UnitPrice)).toBe(localPrice(sku.usdPrice, market('US')));
        expect(current?.TermDuration).toBe(product.kind === 'perpetual' ? 'OneTime' : sku.termDuration);
      }
    }
  });

  it('lists a European market in the six European currencies', async () => {
    const rows = rowsOf((await sheet('DE', 'software')).text.replace(/^\uFEFF/, ''));
    const currencies = new Set(rows.filter((row) => row.ProductId === 'DG7GMGF0D7FV').map((row) => row.Currency));
    expect([...currencies].sort()).toEqual(['CHF', 'DKK', 'EUR', 'GBP', 'NOK', 'SEK']);
    const eur = rows.find((row) => row.ProductId === 'DG7GMGF0D7FV' && row.Currency === 'EUR');
    expect(Number(eur?.UnitPrice)).toBe(localPrice(579, market('DE')));
  });

  it('lists no software subscriptions or reservations where they are not sold', async () => {
    const software = rowsOf((await sheet('BR', 'software')).text.replace(/^\uFEFF/, ''));
    const subscriptions = CATALOG_SEED.filter((p) => p.kind === 'softwareSubscription').map((p) => p.id);
    expect(software.some((row) => subscriptions.includes(row.ProductId))).toBe(false);
    expect(software.some((row) => row.ProductId === 'DG7GMGF0D7FV')).toBe(true);
    expect(rowsOf((await sheet('BR', 'azure_reservations')).text.replace(/^\uFEFF/, ''))).toEqual([]);
  });

  it('serves Azure plan reservations in USD with the documented reservation columns', async () => {
    const text = (await sheet('DE', 'azure_reservations')).text.replace(/^\uFEFF/, '');
    expect(records(text)[0]).toEqual([...RESERVATION_COLUMNS]);
    const rows = rowsOf(text);
    const reservations = CATALOG_SEED.filter((p) => p.kind === 'reservation');
    expect(rows).toHaveLength(reservations.reduce((sum, p) => sum + p.skus.length, 0));
    const sku = reservations[0].skus[0];
    const row = rows.find((r) => r.ProductId === reservations[0].id && r.SkuId === sku.id);
    expect(row).toMatchObject({ Currency: 'USD', UnitPrice: String(sku.usdPrice), TermDuration: 'P1Y', Market: 'DE' });
    expect(row?.EffectiveStartDate).toMatch(/^\d{1,2}\/1\/\d{4} 12:00:00 AM$/);
  });

  it('sends a zip archive of the same CSV when asked with Accept-Encoding: deflate', async () => {
    const plain = await sheet('US', 'software');
    const zipped = await sheet('US', 'software', { 'Accept-Encoding': 'deflate' });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('content-disposition')).toMatch(/\.zip$/);
    expect(zipped.bytes.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
    expect(zipped.bytes.length).toBeLessThan(plain.bytes.length / 3);
    const archive = await JSZip.loadAsync(zipped.bytes);
    const names = Object.keys(archive.files);
    expect(names).toHaveLength(1);
    const content = await archive.files[names[0]].async('nodebuffer');
    expect(content.equals(plain.bytes)).toBe(true);
  });

  it('refuses app-only tokens as an App+User-only operation, and a person without pricing access', async () => {
    const appOnly = await sheet('US', 'software', {}, 'local-app');
    expect(appOnly.status).toBe(403);
    expect(appOnly.json()).toMatchObject({ code: 900329 });
    expect((await sheet('US', 'software', {}, null)).status).toBe(401);

    await sim.control('POST', 'access', { withoutPricingAccess: ['Alex Wilber'] });
    const refused = await sheet('US', 'software');
    expect(refused.status).toBe(403);
    expect(refused.json()).toMatchObject({ code: 800043 });
    expect((await sheet('US', 'software', {}, 'user:Megan Bowen')).status).toBe(200);
  });

  it('can be made slow or failing with the fault API', async () => {
    await sim.control('POST', 'faults', { method: 'GET', path: '/v1.0/sales/*/$value', delayMs: 400 });
    const started = Date.now();
    expect((await sheet('US', 'software')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);

    await sim.control('POST', 'faults', { method: 'GET', path: '/v1.0/sales/*/$value', status: 503 });
    expect((await sheet('US', 'software')).status).toBe(503);
    expect((await sheet('US', 'software')).status).toBe(200);
  });

  it('answers unknown markets and views with 400, and a future sheet with 404', async () => {
    expect((await sheet('ZZ', 'software')).status).toBe(400);
    expect((await sheet('US', 'nonsense')).status).toBe(400);
    const future = await sim.call('GET', `${sheetPath('US', 'software')}?timeline=future`, { token: USER });
    expect(future.status).toBe(404);
    const history = await sim.call('GET', `${sheetPath('US', 'software')}?timeline=history`, { token: USER });
    expect(history.status).toBe(400);
  });

  it('adds filler rows to reach a real partner sheet size, streamed', async () => {
    const big = await SimulatorHarness.start({ priceSheetFillerRows: 5000 });
    try {
      const response = await big.call('GET', sheetPath('US', 'software'), {
        token: USER,
        headers: { 'Accept-Encoding': 'identity' },
      });
      const rows = rowsOf(response.text.replace(/^\uFEFF/, ''));
      expect(rows.filter((row) => row.ProductId.startsWith('SIMF'))).toHaveLength(5000);
      expect(rows.find((row) => row.ProductId.startsWith('SIMF'))?.SkuDescription).toContain(
        '\nSecond line, "quoted".',
      );
    } finally {
      await big.close();
    }
  });
});
