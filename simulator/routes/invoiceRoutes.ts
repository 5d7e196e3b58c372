import { z } from 'zod';
import { decodeContinuationToken, encodeContinuationToken } from '../domain/continuationToken';
import type { InvoiceRecord, UnbilledPeriodName } from '../domain/invoiceBook';
import { ApiError, invalidInput } from '../http/apiError';
import type { ApiRequest, ApiResponse } from '../http/apiTypes';
import { headerValue } from '../http/headerValue';
import { collection, link } from '../http/links';
import { lowerCaseKeys } from '../http/lowerCaseKeys';
import { isSeekNext, nonNegativeInteger } from '../http/queryValues';
import type { Router } from '../http/router';
import { renderInvoiceStatement } from '../pdf/invoiceStatement';
import type { SimulatorContext } from '../simulatorContext';

const DEFAULT_INVOICE_PAGE = 200;
const MAX_LINE_ITEM_PAGE = 2000;
const UNBILLED = 'unbilled';
const UNBILLED_PERIODS: readonly UnbilledPeriodName[] = ['current', 'previous'];

const dateFilterSchema = z.object({ field: z.string(), value: z.string(), operator: z.string() });

/**
 * Registers balance, summaries, invoices (offset paging), invoice by id, line items (both URI styles; `unbilled` for
 * the one-time charges not invoiced yet) and the PDF.
 */
export function registerInvoiceRoutes(router: Router, context: SimulatorContext): void {
  const book = () => context.state.invoices;
  router.add('GET', '/v1/invoices/summary', () => ({ status: 200, body: book().summary('USD') }));
  router.add(
    'GET',
    '/v1/invoices/summaries',
    () => ({ status: 200, body: collection(book().summaries(), { self: link('/invoices/summaries') }) }),
    { appUserOnly: true },
  );
  router.add('GET', '/v1/invoices', (request) => listInvoices(request, context));
  router.add(
    'GET',
    '/v1/invoices/{invoiceId}',
    (request) => ({ status: 200, body: book().invoiceJson(findInvoice(request, context)) }),
    { appUserOnly: true },
  );
  router.add('GET', '/v1/invoices/{invoiceId}/lineitems', (request) =>
    lineItems(request, context, request.query.get('provider'), request.query.get('invoiceLineItemType'), 'query'),
  );
  router.add('GET', '/v1/invoices/{invoiceId}/lineitems/{provider}/{lineItemType}', (request) =>
    lineItems(request, context, request.params.provider, request.params.lineItemType, 'path'),
  );
  router.add(
    'GET',
    '/v1/invoices/{invoiceId}/documents/statement',
    (request) => {
      const invoice = findInvoice(request, context);
      return {
        status: 200,
        binary: { contentType: 'application/pdf', data: renderInvoiceStatement(invoice, book()) },
        headers: { 'Content-Disposition': `attachment; filename=Invoice_${invoice.id}.pdf` },
      };
    },
    { appUserOnly: true },
  );
}

function listInvoices(request: ApiRequest, context: SimulatorContext): ApiResponse {
  const book = context.state.invoices;
  const size = nonNegativeInteger('size', request.query.get('size'), DEFAULT_INVOICE_PAGE) || DEFAULT_INVOICE_PAGE;
  const offset = nonNegativeInteger('offset', request.query.get('offset'), 0);
  const filterText = request.query.get('filter');
  const invoices = filterText ? book.invoices.filter(dateFilter(filterText)) : book.invoices;
  const page = invoices.slice(offset, offset + size);
  const filterPart = filterText ? `&filter=${encodeURIComponent(filterText)}` : '';
  const links: Record<string, ReturnType<typeof link>> = {
    self: link(`/invoices?size=${size}&offset=${offset}${filterPart}`),
  };
  if (offset + size < invoices.length) links.next = link(`/invoices?size=${size}&offset=${offset + size}${filterPart}`);
  if (offset > 0) links.previous = link(`/invoices?size=${size}&offset=${Math.max(0, offset - size)}${filterPart}`);
  return {
    status: 200,
    body: collection(
      page.map((invoice) => book.invoiceJson(invoice)),
      links,
    ),
  };
}

function dateFilter(filterText: string): (invoice: InvoiceRecord) => boolean {
  let raw: unknown;
  try {
    raw = JSON.parse(filterText);
  } catch {
    throw invalidInput('filter must be URL-encoded JSON');
  }
  const parsed = dateFilterSchema.safeParse(lowerCaseKeys(raw));
  if (!parsed.success || parsed.data.field.toLowerCase() !== 'invoicedate') {
    throw invalidInput(
      'the invoice filter supports {"Field":"InvoiceDate","Value":"<date>","Operator":"<comparison>"}',
    );
  }
  const value = Date.parse(parsed.data.value);
  if (Number.isNaN(value)) throw invalidInput(`filter value '${parsed.data.value}' isn't a date`);
  const compare: Record<string, (date: number) => boolean> = {
    equals: (date) => date === value,
    not_equals: (date) => date !== value,
    greater_than: (date) => date > value,
    greater_than_or_equals: (date) => date >= value,
    less_than: (date) => date < value,
    less_than_or_equals: (date) => date <= value,
  };
  const test = compare[parsed.data.operator.toLowerCase()];
  if (!test) throw invalidInput(`filter operator '${parsed.data.operator}' isn't supported for InvoiceDate`);
  return (invoice) => test(invoice.invoiceDate);
}

function lineItems(
  request: ApiRequest,
  context: SimulatorContext,
  providerText: string | undefined,
  typeText: string | undefined,
  style: 'query' | 'path',
): ApiResponse {
  if (!providerText) throw invalidInput('provider is required (OneTime, Office or Azure)');
  if (!typeText) throw invalidInput('invoicelineitemtype is required (BillingLineItems or UsageLineItems)');
  const provider = providerText.replace(/_/g, '').toLowerCase();
  const type = typeText.replace(/_/g, '').toLowerCase();
  if (!['onetime', 'office', 'azure', 'marketplace'].includes(provider)) {
    throw invalidInput(`provider '${providerText}' isn't valid`);
  }
  if (!['billinglineitems', 'usagelineitems'].includes(type)) {
    throw invalidInput(`invoicelineitemtype '${typeText}' isn't valid`);
  }
  // `unbilled` in place of an invoice id: the one-time charges not invoiced yet (CONTRACT §10.6; the SDK's
  // GetReconciliationLineItems uses the same path with invoiceId = unbilled).
  if (request.params.invoiceId.toLowerCase() === UNBILLED) {
    return unbilledLineItems(request, context, { providerText, typeText, provider, type }, style);
  }
  const invoice = findInvoice(request, context);
  let size = Math.min(
    nonNegativeInteger('size', request.query.get('size'), MAX_LINE_ITEM_PAGE) || MAX_LINE_ITEM_PAGE,
    MAX_LINE_ITEM_PAGE,
  );
  let offset = nonNegativeInteger('offset', request.query.get('offset'), 0);
  const scope = `lineitems|${invoice.id}`;
  if (isSeekNext(request.query.get('seekOperation'))) {
    const position = decodeContinuationToken(headerValue(request, 'ms-continuationtoken'), scope);
    offset = position.offset;
    size = position.size;
  }
  const seekable = provider === 'onetime' && type === 'billinglineitems';
  const all = seekable && invoice.invoiceType === 'OneTime' ? invoice.lineItems : [];
  const page = all.slice(offset, offset + size);
  const base =
    style === 'query'
      ? `/invoices/${invoice.id}/lineitems?provider=${providerText}&invoicelineitemtype=${typeText}&size=${size}`
      : `/invoices/${invoice.id}/lineitems/${providerText}/${typeText}?size=${size}`;
  const links: Record<string, ReturnType<typeof link>> = { self: link(base) };
  const extra: Record<string, unknown> = {};
  if (offset + size < all.length) {
    const token = encodeContinuationToken({ scope, offset: offset + size, size });
    links.next = link(`${base}&seekOperation=Next`, [{ key: 'MS-ContinuationToken', value: token }]);
    extra.continuationToken = token;
  }
  return {
    status: 200,
    body: collection(
      page.map((item) => item.json),
      links,
      extra,
    ),
  };
}

/**
 * `GET /v1/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&currencycode=&period=`:
 * the currency's one-time charges of this month (`current`) or of last month while it isn't invoiced (`previous`),
 * with `invoiceNumber` empty, seek-paged like an invoice's OneTime line items. Other providers and usage line items
 * answer an empty collection, as on invoices.
 */
function unbilledLineItems(
  request: ApiRequest,
  context: SimulatorContext,
  kind: { providerText: string; typeText: string; provider: string; type: string },
  style: 'query' | 'path',
): ApiResponse {
  const currency = request.query.get('currencyCode')?.trim();
  if (!currency) throw invalidInput('currencycode is required for unbilled line items (e.g. usd)');
  const periodText = request.query.get('period')?.trim() ?? '';
  const period = UNBILLED_PERIODS.find((name) => name === periodText.toLowerCase());
  if (!period)
    throw invalidInput(`period is required for unbilled line items: current or previous, not '${periodText}'`);
  let size = Math.min(
    nonNegativeInteger('size', request.query.get('size'), MAX_LINE_ITEM_PAGE) || MAX_LINE_ITEM_PAGE,
    MAX_LINE_ITEM_PAGE,
  );
  let offset = 0;
  const scope = `unbilled|${currency.toUpperCase()}|${period}`;
  if (isSeekNext(request.query.get('seekOperation'))) {
    const position = decodeContinuationToken(headerValue(request, 'ms-continuationtoken'), scope);
    offset = position.offset;
    size = position.size;
  }
  const seekable = kind.provider === 'onetime' && kind.type === 'billinglineitems';
  const all = seekable ? context.state.invoices.unbilledLineItems(currency, period, request.now) : [];
  const page = all.slice(offset, offset + size);
  const query = `currencycode=${encodeURIComponent(currency)}&period=${period}&size=${size}`;
  const base =
    style === 'query'
      ? `/invoices/${UNBILLED}/lineitems?provider=${kind.providerText}&invoicelineitemtype=${kind.typeText}&${query}`
      : `/invoices/${UNBILLED}/lineitems/${kind.providerText}/${kind.typeText}?${query}`;
  const links: Record<string, ReturnType<typeof link>> = { self: link(base) };
  const extra: Record<string, unknown> = {};
  if (offset + size < all.length) {
    const token = encodeContinuationToken({ scope, offset: offset + size, size });
    links.next = link(`${base}&seekOperation=Next`, [{ key: 'MS-ContinuationToken', value: token }]);
    extra.continuationToken = token;
  }
  return {
    status: 200,
    body: collection(
      page.map((item) => item.json),
      links,
      extra,
    ),
  };
}

function findInvoice(request: ApiRequest, context: SimulatorContext): InvoiceRecord {
  const invoice = context.state.invoices.find(request.params.invoiceId);
  if (!invoice) throw new ApiError(404, 1000, `Not found: invoice ${request.params.invoiceId}`);
  return invoice;
}
