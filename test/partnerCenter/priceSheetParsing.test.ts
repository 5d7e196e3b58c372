import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { LocalTokenProvider } from '../../services/partnerCenter/auth/LocalTokenProvider';
import { PARTNER_API_USER_SCOPE } from '../../services/partnerCenter/auth/OnBehalfOfTokenProvider';
import { createPriceSheetClient } from '../../services/partnerCenter/createPriceSheetClient';
import { PartnerCenterTransport } from '../../services/partnerCenter/http/PartnerCenterTransport';
import { PartnerCenterError } from '../../services/partnerCenter/PartnerCenterError';
import { CsvFormatError, CsvRecordParser } from '../../services/partnerCenter/priceSheet/CsvRecordParser';
import { PriceSheetArchiveError, priceSheetBytes } from '../../services/partnerCenter/priceSheet/priceSheetBytes';
import {
  priceSheetColumnsOf,
  priceSheetRowOf,
  sheetDateOf,
  type PriceSheetRow,
} from '../../services/partnerCenter/priceSheet/priceSheetRows';
import { PriceSheetClient, type PriceSheetSummary } from '../../services/partnerCenter/PriceSheetClient';
import { startScriptedServer, type ScriptedServer } from './support/scriptedServer';

/** The header and first row of the "Get a price sheet" response example (its stray typographic quote repaired). */
const DOCUMENTED_LICENSE_BASED =
  '"ProductTitle","ProductId","SkuId","SkuTitle","Publisher","SkuDescription","UnitOfMeasure","TermDuration","BillingPlan","Market","Currency","UnitPrice","PricingTierRangeMin","PricingTierRangeMax","EffectiveStartDate","EffectiveEndDate","Tags","ERP Price"\r\n' +
  '"Advanced Communications","CFQ7TTC0HDK0","0001","Advanced Communications","Microsoft Corporation","Advanced meetings, calling, workflow integration, and management tools for IT.","","P1Y","Annual","US","USD","115.2","","","2/1/2019 12:00:00 AM","2/4/2021 8:35:31 PM","License","144"\r\n';

/** The columns of "Software pricing", with the ChangeIndicator column of 2026 first, and its example row. */
const DOCUMENTED_SOFTWARE =
  'ChangeIndicator,ProductTitle,ProductId,SkuId,SkuTitle,Publisher,SkuDescription,UnitOfMeasure,TermDuration,BillingPlan,Market,Currency,UnitPrice,PricingTierRangeMin,PricingTierRangeMax,EffectiveStartDate,EffectiveEndDate,Tags,ERP Price,Segment\n' +
  'Change,Windows Rights Management Services CAL 2022,DG7GMGF0D5SL,7,Rights Management Services (RMS) 2022 CAL-1 Device,Microsoft,"A Rights Management Services Client Access License (CAL) and a Windows Server Client Access License (CAL) is required for each user or device that accesses the Rights Management Services software. You need a user or device CAL for each user or device that accesses the software.",,OneTime,,US,USD,41.4,,,2021-10-01T00:00:00.0000000Z,9999-11-30T23:59:59.0000000Z,Software;Perpetual,49.68,Commercial\n';

/** The columns of the Azure plan price list ("Price list data"), as the azure_reservations view has them. */
const DOCUMENTED_RESERVATIONS =
  'ProductTitle,ProductId,SkuId,SkuTitle,Publisher,SkuDescription,UnitOfMeasure,TermDuration,Market,Currency,UnitPrice,PricingTierRangeMin,PricingTierRangeMax,EffectiveStartDate,EffectiveEndDate,MeterIds,MeterType,Tags\n' +
  'Reserved VM Instance,DZH318Z0BQ4L,00J6,"Reserved VM Instance, Standard_D2s_v5, US East, 1 Year",Microsoft,"Reserved Virtual Machines Instance, Standard_D2s_v5, US East, 1 Year",1 Hour,P1Y,US,USD,505,,,3/1/2018 12:00:00 AM,11/30/9999 11:59:59 PM,cb0969aa-aaaa-4d6c-ab4b-7e182fa06aff,1 Compute Hour,Reservation\n';

function parseAll(chunks: string[]): string[][] {
  const records: string[][] = [];
  const parser = new CsvRecordParser((fields) => records.push(fields));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return records;
}

function rowsOf(csv: string): PriceSheetRow[] {
  const [header, ...records] = parseAll([csv]);
  const columns = priceSheetColumnsOf(header);
  if ('missing' in columns) throw new Error(`missing ${columns.missing.join(', ')}`);
  return records.map((fields) => priceSheetRowOf(fields, columns)).filter((row): row is PriceSheetRow => !!row);
}

async function collect(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function* inPieces(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('reading CSV records as they arrive', () => {
  const tricky =
    '\uFEFFname,note,price\r\n' +
    '"Contoso, Ltd","He said ""buy""",10\r\n' +
    '"two\r\nlines","",\r\n' +
    '\r\n' +
    'plain,"a ""quoted"" word, and a comma",3.5\n' +
    'last,no line break,7';
  const expected = [
    ['name', 'note', 'price'],
    ['Contoso, Ltd', 'He said "buy"', '10'],
    ['two\r\nlines', '', ''],
    ['plain', 'a "quoted" word, and a comma', '3.5'],
    ['last', 'no line break', '7'],
  ];

  it('reads quoted fields with commas, doubled quotes and line breaks, drops the BOM and blank lines', () => {
    expect(parseAll([tricky])).toEqual(expected);
  });

  it('gives the same records however the text is split into chunks', () => {
    for (let cut = 0; cut <= tricky.length; cut++) {
      expect(parseAll([tricky.slice(0, cut), tricky.slice(cut)])).toEqual(expected);
    }
    expect(parseAll([...tricky])).toEqual(expected);
  });

  it('refuses an unterminated quote, at the end or when it runs away', () => {
    expect(() => parseAll(['a,"never closed\n'])).toThrow(CsvFormatError);
    const parser = new CsvRecordParser(() => undefined, { maxRecordLength: 100 });
    expect(() => parser.push(`"${'x'.repeat(200)}`)).toThrow(CsvFormatError);
  });
});

describe('price sheet columns as documented', () => {
  it('reads the "Get a price sheet" example: ids, term, billing plan, price, ERP price and US-style dates', () => {
    expect(rowsOf(DOCUMENTED_LICENSE_BASED)).toEqual([
      {
        productId: 'CFQ7TTC0HDK0',
        skuId: '0001',
        termDuration: 'P1Y',
        billingPlan: 'Annual',
        market: 'US',
        currency: 'USD',
        unitPrice: 115.2,
        erpPrice: 144,
        effectiveStart: Date.UTC(2019, 1, 1),
        effectiveEnd: Date.UTC(2021, 1, 4, 20, 35, 31),
        segment: '',
      },
    ]);
  });

  it('reads the "Software pricing" columns in any order, with ChangeIndicator, Segment and ISO dates', () => {
    const [row] = rowsOf(DOCUMENTED_SOFTWARE);
    expect(row).toEqual({
      productId: 'DG7GMGF0D5SL',
      skuId: '7',
      termDuration: 'OneTime',
      billingPlan: '',
      market: 'US',
      currency: 'USD',
      unitPrice: 41.4,
      erpPrice: 49.68,
      effectiveStart: Date.UTC(2021, 9, 1),
      effectiveEnd: Date.UTC(9999, 10, 30, 23, 59, 59),
      segment: 'Commercial',
    });
  });

  it('reads the Azure plan reservation columns (no BillingPlan, ERP Price or Segment)', () => {
    expect(rowsOf(DOCUMENTED_RESERVATIONS)).toEqual([
      expect.objectContaining({
        productId: 'DZH318Z0BQ4L',
        skuId: '00J6',
        termDuration: 'P1Y',
        billingPlan: '',
        currency: 'USD',
        unitPrice: 505,
        effectiveEnd: Date.UTC(9999, 10, 30, 23, 59, 59),
        segment: '',
      }),
    ]);
  });

  it('names the required columns a header lacks, and skips rows without a numeric price', () => {
    expect(priceSheetColumnsOf(['ProductTitle', 'ProductId', 'Market'])).toEqual({
      missing: ['SkuId', 'Currency', 'UnitPrice'],
    });
    const columns = priceSheetColumnsOf(['ProductId', 'SkuId', 'Currency', 'UnitPrice']);
    if ('missing' in columns) throw new Error('columns missing');
    expect(priceSheetRowOf(['P', '0001', 'USD', 'n/a'], columns)).toBeUndefined();
    expect(priceSheetRowOf(['P', '', 'USD', '1'], columns)).toBeUndefined();
  });

  it('reads the date forms the docs show', () => {
    expect(sheetDateOf('11/30/9999 23:59')).toBe(Date.UTC(9999, 10, 30, 23, 59));
    expect(sheetDateOf('2/1/2023 0:00')).toBe(Date.UTC(2023, 1, 1));
    expect(sheetDateOf('12/31/2022 12:30:00 PM')).toBe(Date.UTC(2022, 11, 31, 12, 30));
    expect(sheetDateOf('2021-11-03T06:57:30.0682597Z')).toBe(Date.UTC(2021, 10, 3, 6, 57, 30, 68));
    expect(sheetDateOf('2024-05-01')).toBe(Date.UTC(2024, 4, 1));
    expect(sheetDateOf('soon')).toBeUndefined();
  });
});

describe('zipped price sheets', () => {
  const csv = Buffer.from(DOCUMENTED_SOFTWARE.repeat(50), 'utf8');

  it('unpacks a deflated entry, with sizes in its header or in a data descriptor, in any chunking', async () => {
    for (const streamFiles of [false, true]) {
      const zip = new JSZip();
      zip.file('pricesheet.csv', csv);
      const archive = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', streamFiles });
      expect(await collect(priceSheetBytes(inPieces(archive, 65_536)))).toEqual(csv);
      expect(await collect(priceSheetBytes(inPieces(archive, 7)))).toEqual(csv);
    }
  });

  it('unpacks a stored entry and passes plain CSV through', async () => {
    const zip = new JSZip();
    zip.file('pricesheet.csv', csv);
    const stored = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    expect(await collect(priceSheetBytes(inPieces(stored, 1000)))).toEqual(csv);
    expect(await collect(priceSheetBytes(inPieces(csv, 5)))).toEqual(csv);
  });

  it('says a damaged archive is damaged', async () => {
    const zip = new JSZip();
    zip.file('pricesheet.csv', csv);
    const archive = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const damaged = Buffer.concat([archive.subarray(0, 60), Buffer.alloc(200, 0xff)]);
    await expect(collect(priceSheetBytes(inPieces(damaged, 100)))).rejects.toThrow(PriceSheetArchiveError);
  });
});

describe('the price sheet client', () => {
  let server: ScriptedServer;
  const ctx = { correlationId: '7d0c2f83-3a53-4b1e-9d43-52a9ddc1c6a1' };

  beforeEach(async () => {
    server = await startScriptedServer();
  });

  afterEach(async () => {
    await server.close();
  });

  function client(baseUrl = server.url, timeoutMs = 5000): PriceSheetClient {
    return new PriceSheetClient(
      new PartnerCenterTransport({
        baseUrl,
        apiPathPrefix: '/v1.0',
        tokenProvider: new LocalTokenProvider({ baseUrl, auth: 'app+user' }),
        applicationName: 'pc-bot-tests',
        timeoutMs,
        maxRetries: 2,
        retryDeadlineMs: 30_000,
        maxRetryAfterSeconds: 5,
        sleep: async () => undefined,
      }),
    );
  }

  const read = (c: PriceSheetClient) =>
    c.readPriceSheet(ctx, { market: 'us', view: 'software' }, () => {
      const rows: PriceSheetRow[] = [];
      return { add: (row) => rows.push(row), done: (summary: PriceSheetSummary) => ({ rows, summary }) };
    });

  it('asks the documented path with Accept-Encoding: deflate and reads a zip archive answer', async () => {
    const zip = new JSZip();
    zip.file('sheets.csv', `\uFEFF${DOCUMENTED_SOFTWARE}`);
    const archive = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', streamFiles: true });
    server.reply(() => ({ status: 200, headers: { 'Content-Type': 'application/octet-stream' }, raw: archive }));
    const { rows, summary } = await read(client());
    expect(rows.map((row) => row.productId)).toEqual(['DG7GMGF0D5SL']);
    expect(summary).toMatchObject({ rows: 1, skipped: 0, compressed: true });
    const [request] = server.requests;
    expect(request.url).toBe("/v1.0/sales/pricesheets(Market='US',PricesheetView='software')/$value");
    expect(request.headers['accept-encoding']).toBe('deflate');
    expect(request.headers['ms-correlationid']).toBe(ctx.correlationId);
    expect(request.headers['ms-requestid']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reads a body sent with Content-Encoding: deflate', async () => {
    server.reply(() => ({
      status: 200,
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Encoding': 'deflate' },
      raw: deflateSync(Buffer.from(DOCUMENTED_LICENSE_BASED)),
    }));
    const { rows, summary } = await read(client());
    expect(rows[0]).toMatchObject({ productId: 'CFQ7TTC0HDK0', unitPrice: 115.2 });
    expect(summary.compressed).toBe(false);
  });

  it('fails a sheet without the required columns as an invalid response, without retrying', async () => {
    server.reply(() => ({ status: 200, raw: 'Name,Price\nA,1\n' }));
    const error = await read(client()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCenterError);
    expect(error).toMatchObject({ kind: 'invalid-response', attempts: 1 });
    expect(String((error as PartnerCenterError).message)).toContain('ProductId');
    expect(server.requests).toHaveLength(1);
  });

  it('turns a 403 into a PartnerCenterError with its code', async () => {
    server.reply(() => ({ status: 403, json: { code: 900329, description: 'app-only' } }));
    await expect(read(client())).rejects.toMatchObject({ kind: 'http', httpStatus: 403, code: '900329' });
  });
});

describe('a price sheet download that breaks mid-body', () => {
  let http: Server;
  let url: string;
  const requestIds: string[] = [];

  beforeAll(async () => {
    let calls = 0;
    http = createServer((req, res) => {
      requestIds.push(String(req.headers['ms-requestid']));
      calls += 1;
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.write(DOCUMENTED_SOFTWARE.split('\n')[0] + '\n');
      // The first answer stops half way through a row and the connection drops; the second is whole.
      if (calls === 1) {
        res.write('Change,Windows Rights Management Services CAL 2022,DG7G');
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      res.end(DOCUMENTED_SOFTWARE.split('\n').slice(1).join('\n'));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });

  it('is retried from the start with the same MS-RequestId, each attempt into a fresh sink', async () => {
    const client = new PriceSheetClient(
      new PartnerCenterTransport({
        baseUrl: url,
        apiPathPrefix: '/v1.0',
        tokenProvider: new LocalTokenProvider({ baseUrl: url, auth: 'app+user' }),
        applicationName: 'pc-bot-tests',
        timeoutMs: 5000,
        maxRetries: 2,
        retryDeadlineMs: 30_000,
        maxRetryAfterSeconds: 5,
        sleep: async () => undefined,
      }),
    );
    let sinks = 0;
    const rows = await client.readPriceSheet({ correlationId: 'c' }, { market: 'US', view: 'software' }, () => {
      sinks += 1;
      const got: string[] = [];
      return { add: (row) => got.push(row.productId), done: () => got };
    });
    expect(rows).toEqual(['DG7GMGF0D5SL']);
    expect(sinks).toBe(2);
    expect(requestIds).toHaveLength(2);
    expect(new Set(requestIds).size).toBe(1);
  });
});

describe('the price sheet client in live mode', () => {
  const live = (baseUrl: string, auth: 'app' | 'app+user') => ({
    baseUrl,
    mode: 'live' as const,
    auth,
    applicationName: 'pc-bot-tests',
    timeoutMs: 5000,
    maxRetries: 0,
    retryDeadlineMs: 10_000,
    maxRetryAfterSeconds: 5,
    msal: {
      tenantId: 'tenant-1',
      clientId: 'bot-app',
      clientSecret: 'bot-s3cret',
      authorityHost: 'https://login.microsoftonline.com',
    },
  });

  it('does not exist for app-only: the price sheet needs App+User', () => {
    expect(createPriceSheetClient(live('https://api.partner.microsoft.com', 'app'))).toBeUndefined();
  });

  it("exchanges the person's token for the partner API's audience, not Partner Center's", async () => {
    const server = await startScriptedServer();
    try {
      server.reply(() => ({ status: 200, raw: DOCUMENTED_SOFTWARE }));
      const scopes: string[][] = [];
      const client = createPriceSheetClient(live(server.url, 'app+user'), {
        assertions: { assertionFor: async () => 'assertion-of-alex' },
        onBehalfOfClient: () => ({
          acquireTokenOnBehalfOf: async (request) => {
            scopes.push(request.scopes);
            return { accessToken: 'partner-api-token' };
          },
        }),
      });
      if (!client) throw new Error('no client');
      const rows = await client.readPriceSheet(
        { correlationId: 'c', user: { id: 'alex', name: 'Alex' } },
        { market: 'US', view: 'software' },
        () => {
          const got: string[] = [];
          return { add: (row) => got.push(row.productId), done: () => got };
        },
      );
      expect(rows).toEqual(['DG7GMGF0D5SL']);
      expect(scopes).toEqual([[PARTNER_API_USER_SCOPE]]);
      expect(PARTNER_API_USER_SCOPE).toBe('https://api.partner.microsoft.com/user_impersonation');
      expect(server.requests[0].headers.authorization).toBe('Bearer partner-api-token');
    } finally {
      await server.close();
    }
  });
});
