import { iteratePages, type Page, type PageContinuation } from '../../services/partnerCenter/paging';
import { makeTestClient } from './support/makeTestClient';
import { startScriptedServer, type ScriptedServer, type RecordedRequest } from './support/scriptedServer';

const ctx = { correlationId: 'paging' };
const customer = (n: number) => ({
  id: `cust-${n}`,
  companyProfile: { domain: `c${n}.example`, companyName: `Customer ${n}` },
  relationshipToPartner: 'reseller',
});
const invoice = (n: number) => ({
  id: `G${n}`,
  totalCharges: n,
  paidAmount: 0,
  currencyCode: 'USD',
  invoiceType: 'OneTime',
  invoiceDetails: [],
});

// Three pages of two customers; tokens contain `/`, `=` and `,` as real ones do.
const tokens = ['tok,1/a=', 'tok,2/b='];
function customerPages(request: RecordedRequest) {
  const token = request.headers['ms-continuationtoken'];
  const page = token === undefined ? 0 : tokens.indexOf(String(token)) + 1;
  const items = [customer(page * 2), customer(page * 2 + 1)];
  const next =
    page < 2
      ? {
          uri: '/customers?seekOperation=Next',
          method: 'GET',
          headers: [{ key: 'MS-ContinuationToken', value: tokens[page] }],
        }
      : undefined;
  return { status: 200, json: { totalCount: 6, items, links: { next }, attributes: { objectType: 'Collection' } } };
}

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

describe('seek paging', () => {
  it('follows links.next with its MS-ContinuationToken header until there is none', async () => {
    server.reply(customerPages);
    const { client } = makeTestClient(server.url);

    const ids: string[] = [];
    for await (const c of client.iterateCustomers(ctx, { size: 2 })) ids.push(c.id);

    expect(ids).toEqual(['cust-0', 'cust-1', 'cust-2', 'cust-3', 'cust-4', 'cust-5']);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1/customers?size=2',
      '/v1/customers?seekOperation=Next',
      '/v1/customers?seekOperation=Next',
    ]);
    expect(server.requests.map((r) => r.headers['ms-continuationtoken'])).toEqual([undefined, ...tokens]);
  });

  it('hands out one page at a time with an opaque, serialisable continuation', async () => {
    server.reply(customerPages);
    const { client } = makeTestClient(server.url);

    const first = await client.listCustomers(ctx, { size: 2 });
    const stored = JSON.parse(JSON.stringify(first.next)) as PageContinuation;
    const second = await client.listCustomers(ctx, { continuation: stored });

    expect(first.items.map((c) => c.id)).toEqual(['cust-0', 'cust-1']);
    expect(second.items.map((c) => c.id)).toEqual(['cust-2', 'cust-3']);
    expect(server.requests[1]?.headers['ms-continuationtoken']).toBe(tokens[0]);
  });

  it('stops requesting pages when the caller breaks out early', async () => {
    server.reply(customerPages);
    const { client } = makeTestClient(server.url);

    const ids: string[] = [];
    for await (const c of client.iterateCustomers(ctx, { size: 2 })) {
      ids.push(c.id);
      if (ids.length === 3) break;
    }

    expect(ids).toEqual(['cust-0', 'cust-1', 'cust-2']);
    expect(server.requests).toHaveLength(2);
  });

  it('stops at maxPages', async () => {
    server.reply(customerPages);
    const { client } = makeTestClient(server.url);

    const ids: string[] = [];
    for await (const c of client.iterateCustomers(ctx, { size: 2, maxPages: 2 })) ids.push(c.id);

    expect(ids).toHaveLength(4);
    expect(server.requests).toHaveLength(2);
  });

  it('sends the body continuationToken when a next link carries no token header', async () => {
    server.reply((_req, i) => ({
      status: 200,
      json:
        i === 0
          ? {
              items: [],
              continuationToken: 'body-token',
              links: { next: { uri: '/invoices/G1/lineitems?provider=onetime&seekOperation=Next', headers: [] } },
            }
          : { items: [] },
    }));
    const { client } = makeTestClient(server.url);

    const pages = [];
    for await (const item of client.iterateOneTimeInvoiceLineItems(ctx, { invoiceId: 'G1', size: 5 })) pages.push(item);

    expect(server.requests[0]?.url).toBe(
      '/v1/invoices/G1/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&size=5',
    );
    expect(server.requests[1]?.url).toBe('/v1/invoices/G1/lineitems?provider=onetime&seekOperation=Next');
    expect(server.requests[1]?.headers['ms-continuationtoken']).toBe('body-token');
  });

  it('does not let a link header replace the headers the client manages', async () => {
    server.reply(() => ({ status: 200, json: { items: [] } }));
    const { client } = makeTestClient(server.url);

    await client.listCustomers(ctx, {
      continuation: {
        kind: 'seek',
        uri: '/customers?seekOperation=Next',
        headers: [
          { key: 'Authorization', value: 'Bearer stolen' },
          { key: 'MS-RequestId', value: 'fixed' },
          { key: 'MS-ContinuationToken', value: 't' },
        ],
      },
    });

    expect(server.requests[0]?.headers.authorization).toBe('Bearer local-app');
    expect(server.requests[0]?.headers['ms-requestid']).not.toBe('fixed');
    expect(server.requests[0]?.headers['ms-continuationtoken']).toBe('t');
  });
});

describe('offset paging', () => {
  it('walks invoices by size/offset while the service offers a next link', async () => {
    server.reply((request) => {
      const offset = Number(new URL(request.url, server.url).searchParams.get('offset'));
      const items = offset < 4 ? [invoice(offset), invoice(offset + 1)] : [invoice(offset)];
      const next =
        offset < 4 ? { uri: `/invoices?size=2&offset=${offset + 2}`, method: 'GET', headers: [] } : undefined;
      return { status: 200, json: { totalCount: 5, items, links: { next } } };
    });
    const { client } = makeTestClient(server.url);

    const ids: string[] = [];
    for await (const inv of client.iterateInvoices(ctx, { size: 2 })) ids.push(inv.id);

    expect(ids).toEqual(['G0', 'G1', 'G2', 'G3', 'G4']);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1/invoices?size=2&offset=0',
      '/v1/invoices?size=2&offset=2',
      '/v1/invoices?size=2&offset=4',
    ]);
  });

  it('stops when a service ignoring offsets keeps pointing at the same page', async () => {
    server.reply(() => ({
      status: 200,
      json: { items: [invoice(1)], links: { next: { uri: '/invoices?size=1&offset=1', headers: [] } } },
    }));
    const { client } = makeTestClient(server.url);

    const ids: string[] = [];
    for await (const inv of client.iterateInvoices(ctx, { size: 1 })) ids.push(inv.id);

    expect(server.requests).toHaveLength(2);
    expect(ids).toEqual(['G1', 'G1']);
  });

  it('rejects a seek continuation passed to the invoice list', async () => {
    const { client } = makeTestClient(server.url);

    await expect(
      client.listInvoices(ctx, { continuation: { kind: 'seek', uri: '/customers', headers: [] } }),
    ).rejects.toThrow(TypeError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('iteratePages', () => {
  it('stops when a continuation repeats', async () => {
    const fetchPage = jest.fn(async (): Promise<Page<number>> => ({
      items: [1],
      next: { kind: 'offset', offset: 1, size: 1 },
    }));

    const pages = [];
    for await (const page of iteratePages(fetchPage)) pages.push(page);

    expect(fetchPage).toHaveBeenCalledTimes(2);
    expect(pages).toHaveLength(2);
  });
});
