import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { parseContentDispositionFileName } from '../../services/partnerCenter/http/parseContentDispositionFileName';
import { parseErrorBody } from '../../services/partnerCenter/http/parseErrorBody';
import { parseRetryAfter } from '../../services/partnerCenter/http/parseRetryAfter';
import { availabilitySchema } from '../../services/partnerCenter/schemas/availability';
import { cartSchema } from '../../services/partnerCenter/schemas/cart';
import { collectionOf } from '../../services/partnerCenter/schemas/collection';
import { customerSchema } from '../../services/partnerCenter/schemas/customer';
import { entitlementSchema } from '../../services/partnerCenter/schemas/entitlement';
import { inventoryCheckResultSchema } from '../../services/partnerCenter/schemas/inventory';
import { invoiceSchema } from '../../services/partnerCenter/schemas/invoice';
import { invoiceSummarySchema } from '../../services/partnerCenter/schemas/invoiceSummary';
import { oneTimeInvoiceLineItemSchema } from '../../services/partnerCenter/schemas/oneTimeInvoiceLineItem';
import { cartCheckoutResultSchema, orderSchema } from '../../services/partnerCenter/schemas/order';
import { productSchema } from '../../services/partnerCenter/schemas/product';
import { skuSchema } from '../../services/partnerCenter/schemas/sku';
import { subscriptionRegistrationStatusSchema } from '../../services/partnerCenter/schemas/subscriptionRegistration';
import { PARTNER_CENTER_EXAMPLES } from '../fixtures/partnerCenterExamples';

const EXAMPLES = PARTNER_CENTER_EXAMPLES;

/** How the example response of one operation (the file name up to `.response`) is checked. */
type Check = { body: z.ZodType } | { custom: (http: HttpExample) => void } | { notOurs: string };

interface HttpExample {
  status: number;
  headers: Map<string, string>;
  body: string;
}

const checks: Record<string, Check> = {
  'check-inventory': { body: inventoryCheckResultSchema },
  'checkout-cart': { body: cartCheckoutResultSchema },
  'create-cart': { body: cartSchema },
  'update-cart': { body: cartSchema },
  'get-availabilities': { body: collectionOf(availabilitySchema) },
  'get-availability': { body: availabilitySchema },
  'get-customer': { body: customerSchema },
  'get-customers': { body: collectionOf(customerSchema) },
  'search-customers': { body: collectionOf(customerSchema) },
  'get-entitlements': { body: collectionOf(entitlementSchema) },
  'get-invoice-lineitems.onetime': { body: collectionOf(oneTimeInvoiceLineItemSchema) },
  'get-invoice-summaries': { body: collectionOf(invoiceSummarySchema) },
  'get-account-balance': { body: invoiceSummarySchema },
  'get-invoice': { body: invoiceSchema },
  'get-invoices': { body: collectionOf(invoiceSchema) },
  'get-order': { body: orderSchema },
  'get-orders': { body: collectionOf(orderSchema) },
  'get-orders-by-billing-cycle': { body: collectionOf(orderSchema) },
  'get-product': { body: productSchema },
  'get-products': { body: collectionOf(productSchema) },
  'get-sku': { body: skuSchema },
  'get-skus': { body: collectionOf(skuSchema) },
  'get-subscription-registration-status': { body: subscriptionRegistrationStatusSchema },
  'register-subscription': {
    custom: (http) => {
      expect(http.status).toBe(202);
      expect(http.headers.get('location')).toMatch(/\/registrationstatus$/);
    },
  },
  'get-invoice-statement': {
    // The published "body" is a .NET debugger dump of the PDF response; its Content-Disposition is what we read.
    custom: (http) => {
      const disposition = /Content-Disposition:\s*([^}\n]+)/.exec(http.body)?.[1];
      expect(parseContentDispositionFileName(disposition)).toBe('Invoice_G000024132.pdf');
    },
  },
  'throttling-429': {
    custom: (http) => {
      expect(http.status).toBe(429);
      expect(parseRetryAfter(http.headers.get('retry-after'), 0)).toBe(57);
      expect(parseErrorBody(JSON.parse(http.body))).toEqual({
        description: 'Rate limit is exceeded. Try again in 57 seconds.',
      });
    },
  },
  'auth.app-only': { notOurs: 'token endpoint response: MSAL parses it' },
  'auth.app-user.authorization-code': { notOurs: 'token endpoint response: MSAL parses it' },
  'auth.app-user.refresh-token': { notOurs: 'token endpoint response: MSAL parses it' },
};

function parseHttpExample(text: string): HttpExample {
  const lines = text.replace(/\r/g, '').split('\n');
  const status = Number(/^HTTP\/\S+\s+(\d{3})/.exec(lines[0] ?? '')?.[1]);
  const headers = new Map<string, string>();
  let i = 1;
  // Some examples put blank lines between headers, so the body starts at the first line that is not a header.
  for (; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const header = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
    if (!header?.[1]) break;
    headers.set(header[1].toLowerCase(), (header[2] ?? '').trim());
  }
  return { status, headers, body: lines.slice(i).join('\n') };
}

const files = readdirSync(EXAMPLES);
const operations = [...new Set(files.filter((f) => f.includes('.response.')).map((f) => f.split('.response.')[0]!))];

describe('published Partner Center response examples', () => {
  it('finds response examples to check', () => {
    expect(operations.length).toBeGreaterThan(20);
  });

  it.each(operations)('%s has a check, so a new example cannot go unparsed', (operation) => {
    expect(Object.keys(checks)).toContain(operation);
  });

  const parseable = operations.filter((op) => checks[op] !== undefined && !('notOurs' in checks[op]!));

  it.each(parseable)('%s response parses with its schema', (operation) => {
    const check = checks[operation]!;
    const pick = (suffix: string) => files.find((f) => f === `${operation}.response.${suffix}`);
    const jsonFile = pick('fixed.json') ?? pick('json');
    const httpFile = pick('http');
    if ('custom' in check) {
      expect(httpFile).toBeDefined();
      check.custom(parseHttpExample(readFileSync(join(EXAMPLES, httpFile!), 'utf8')));
      return;
    }
    if (!('body' in check)) throw new Error(`unexpected check for ${operation}`);
    const text = jsonFile
      ? readFileSync(join(EXAMPLES, jsonFile), 'utf8')
      : parseHttpExample(readFileSync(join(EXAMPLES, httpFile!), 'utf8')).body;
    const result = check.body.safeParse(JSON.parse(text.replace(/^\uFEFF/, '')));
    expect(result.error?.issues ?? []).toEqual([]);
  });
});

describe('schemas read the wire quirks the bot depends on', () => {
  const lineItems = JSON.parse(
    readFileSync(join(EXAMPLES, 'get-invoice-lineitems.onetime.response.fixed.json'), 'utf8'),
  ) as unknown;

  it('one-time line items turn string amounts into numbers and numeric reseller ids into strings', () => {
    const parsed = collectionOf(oneTimeInvoiceLineItemSchema).parse(lineItems);
    expect(parsed.items[0]).toMatchObject({ quantity: 25, unitPrice: 0, resellerMpnId: '4649221' });
    expect(parsed.items[1]).toMatchObject({ subtotal: 720, taxTotal: 73, totalForCustomer: 793 });
    expect(parsed.items[2]).toMatchObject({ resellerMpnId: '0', unitPrice: 820, quantity: 1 });
  });

  it('keeps the continuation header of a one-time line item page', () => {
    const parsed = collectionOf(oneTimeInvoiceLineItemSchema).parse(lineItems);
    expect(parsed.links?.next?.headers[0]?.key).toBe('MS-ContinuationToken');
    expect(parsed.continuationToken).toContain('d19617b8');
  });

  it('canonicalises known enum values case-insensitively and keeps unknown ones', () => {
    const status = subscriptionRegistrationStatusSchema.parse({ subscriptionId: 's', status: 'NotRegistered' });
    expect(status.status).toBe('notregistered');
    const order = JSON.parse(readFileSync(join(EXAMPLES, 'get-order.response.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(orderSchema.parse({ ...order, status: 'awaiting_magic' }).status).toBe('awaiting_magic');
    expect(orderSchema.parse({ ...order, status: 'Completed' }).status).toBe('completed');
  });

  it('ignores fields it does not know but rejects a missing field the bot relies on', () => {
    const order = JSON.parse(readFileSync(join(EXAMPLES, 'get-order.response.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(orderSchema.safeParse({ ...order, brandNewField: { x: 1 } }).success).toBe(true);
    const withoutStatus = { ...order };
    delete withoutStatus.status;
    expect(orderSchema.safeParse(withoutStatus).success).toBe(false);
    expect(orderSchema.safeParse({ ...order, lineItems: [{ lineItemNumber: 0, offerId: 'x' }] }).success).toBe(false);
  });

  it('rejects a non-numeric quantity string', () => {
    const cart = { id: 'c', lineItems: [{ id: 0, catalogItemId: 'a:b:c', quantity: 'two', billingCycle: 'one_time' }] };
    expect(cartSchema.safeParse(cart).success).toBe(false);
  });

  it('reads ApiFault codes sent as numbers or strings', () => {
    expect(parseErrorBody({ code: 800090, description: 'x', data: [], source: 'PartnerFD' })).toEqual({
      code: '800090',
      description: 'x',
    });
    expect(parseErrorBody({ code: '900329', description: 'y' }).code).toBe('900329');
  });
});
