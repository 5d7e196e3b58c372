import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectionOf } from '../../services/partnerCenter/schemas/collection';
import { entitlementSchema } from '../../services/partnerCenter/schemas/entitlement';
import { invoiceSchema } from '../../services/partnerCenter/schemas/invoice';
import { invoiceSummarySchema } from '../../services/partnerCenter/schemas/invoiceSummary';
import { orderSchema } from '../../services/partnerCenter/schemas/order';
import { balanceViewOf } from '../../services/lookups/balanceViewOf';
import { entitlementViewOf } from '../../services/lookups/entitlementViewOf';
import { invoiceViewOf } from '../../services/lookups/invoiceViewOf';
import { newestOrderFirst } from '../../services/lookups/newestOrderFirst';
import { orderViewOf } from '../../services/lookups/orderViewOf';
import { recentOrdersToFetch } from '../../services/lookups/recentOrdersToFetch';
import { registrationStatusOf } from '../../services/lookups/registrationStatusOf';
import { PARTNER_CENTER_EXAMPLES } from '../fixtures/partnerCenterExamples';

const EXAMPLES = PARTNER_CENTER_EXAMPLES;

function example(name: string): unknown {
  return JSON.parse(readFileSync(join(EXAMPLES, name), 'utf8')) as unknown;
}

describe('views of Partner Center’s documented examples', () => {
  it('sorts orders with differently written creation dates newest first', () => {
    const orders = collectionOf(orderSchema).parse(example('get-orders.response.fixed.json')).items;
    const views = orders.map((order) => orderViewOf(order)).sort(newestOrderFirst);
    const times = views.map((view) => Date.parse(view.creationDate!));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(views[0]?.lines[0]?.name).toBe('Reserved_VM_Instance_Standard_D1_AP_East_1_Year');
  });

  it('describes reservation artifacts and counts included entitlements', () => {
    const items = collectionOf(entitlementSchema).parse(example('get-entitlements.response.fixed.json')).items;
    const [reservation, software] = items.map((item) => entitlementViewOf(item));
    expect(reservation?.artifacts).toEqual([
      {
        text: 'Reservation ebf2e74b-630e-4a09-857d-a1f6c6351336',
        said: { key: 'artifact.reservation', values: { id: 'ebf2e74b-630e-4a09-857d-a1f6c6351336' } },
      },
    ]);
    expect(reservation?.orderId).toBe('KaJ8XvkKc_GoNZOUyjVaRJalTBN5MWdV1');
    expect(software?.included).toBe(2);
    expect(software?.artifacts).toEqual([]);
  });

  it('adds the reservation scope when Partner Center gives one', () => {
    const entitlement = entitlementSchema.parse({
      referenceOrder: { id: 'o1', lineItemId: '0' },
      productId: 'DZH318Z0BQ3W',
      skuId: '007J',
      quantity: 1,
      entitlementType: 'reservedinstance',
      entitledArtifacts: [
        { artifactType: 'reservedinstance', resourceId: 'r-1', dynamicAttributes: { ScopeType: 'Shared' } },
      ],
    });
    expect(entitlementViewOf(entitlement).artifacts).toEqual([
      {
        text: 'Reservation r-1 (Shared)',
        said: { key: 'artifact.reservationScoped', values: { id: 'r-1', scope: 'Shared' } },
      },
    ]);
  });
});

describe('invoice state', () => {
  const base = invoiceSchema.parse((example('get-invoices.response.json') as { items: unknown[] }).items[0]);

  it.each([
    ['a negative payment covering the charges (the documented sign)', -base.totalCharges, 'paid'],
    ['a positive payment covering the charges (the examples’ sign)', base.totalCharges, 'paid'],
    ['a partial payment', -1000, 'open'],
    ['no payment', 0, 'open'],
  ])('%s is %s', (_label, paidAmount, state) => {
    expect(invoiceViewOf({ ...base, paidAmount }).state).toBe(state);
  });
});

describe('balances', () => {
  it('leaves out a last payment Partner Center reports as DateTime.MinValue', () => {
    const summary = invoiceSummarySchema.parse({
      balanceAmount: 10,
      currencyCode: 'USD',
      lastPaymentDate: '0001-01-01T00:00:00',
      lastPaymentAmount: 0,
      latestInvoiceDate: '2024-01-31T08:00:00Z',
    });
    const view = balanceViewOf(summary);
    expect(view.lastPaymentDate).toBeUndefined();
    expect(view.lastPaymentAmount).toBeUndefined();
    expect(view.latestInvoiceDate).toBe('2024-01-31T08:00:00Z');
  });
});

describe('recent orders to look up', () => {
  const now = Date.UTC(2030, 0, 1, 12, 0, 0);
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();

  it('keeps this customer’s unlisted orders from the last 15 minutes, newest first, once each', () => {
    const ids = recentOrdersToFetch(
      [
        { orderId: 'a', customerId: 'C1', placedAt: at(10) },
        { orderId: 'b', customerId: 'c1', placedAt: at(2) },
        { orderId: 'A', customerId: 'c1', placedAt: at(1) },
        { orderId: 'old', customerId: 'c1', placedAt: at(16) },
        { orderId: 'listed', customerId: 'c1', placedAt: at(1) },
        { orderId: 'other', customerId: 'c2', placedAt: at(1) },
        { orderId: 'garbled', customerId: 'c1', placedAt: 'yesterday-ish' },
      ],
      'c1',
      new Set(['listed']),
      now,
    );
    expect(ids).toEqual(['A', 'b']);
  });
});

describe('registration status', () => {
  it.each([
    ['NotRegistered', 'notregistered'],
    ['Registering', 'registering'],
    ['registered', 'registered'],
    ['Suspended', 'unknown'],
  ])('%s reads as %s', (wire, status) => {
    expect(registrationStatusOf(wire)).toBe(status);
  });
});
