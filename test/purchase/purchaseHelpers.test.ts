import { SOFTWARE_SUBSCRIPTION_RESTRICTED_MARKETS } from '../../services/partnerCenter/restrictedMarkets';
import type { Availability } from '../../services/partnerCenter/schemas/availability';
import type { Sku } from '../../services/partnerCenter/schemas/sku';
import { CatalogCache } from '../../services/purchase/CatalogCache';
import { checkoutSummaryOf } from '../../services/purchase/checkoutSummaryOf';
import { countryName } from '../../services/purchase/countryName';
import { describeCartLineError } from '../../services/purchase/describeCartLineError';
import { isStaleCatalogLineError } from '../../services/purchase/isStaleCatalogError';
import { marketAvailabilityFor } from '../../services/purchase/marketAvailabilityFor';
import { termOptionsOf } from '../../services/purchase/termOptionsOf';

const sku: Sku = {
  id: '0001',
  productId: 'DZH318Z0D1V5',
  title: 'Reserved VM Instance',
  minimumQuantity: 1,
  maximumQuantity: 100,
  supportedBillingCycles: ['one_time'],
  purchasePrerequisites: [],
};

function availability(id: string, overrides: Partial<Availability> = {}): Availability {
  return {
    id,
    productId: sku.productId,
    skuId: sku.id,
    catalogItemId: `${sku.productId}:${sku.id}:${id}`,
    defaultCurrency: { code: 'EUR' },
    segment: 'commercial',
    isPurchasable: true,
    terms: [{ duration: 'P1Y', description: '1 Year Prepaid' }],
    ...overrides,
  };
}

describe('restricted markets', () => {
  it('holds the 110 Partner Center codes, including the private ones and Brazil, but not the US', () => {
    expect(SOFTWARE_SUBSCRIPTION_RESTRICTED_MARKETS.size).toBe(110);
    for (const code of ['XJ', 'XS', 'XE', 'XK', 'BR', 'RU', 'CN']) {
      expect(SOFTWARE_SUBSCRIPTION_RESTRICTED_MARKETS.has(code)).toBe(true);
    }
    expect(SOFTWARE_SUBSCRIPTION_RESTRICTED_MARKETS.has('US')).toBe(false);
  });

  it('names Partner Center private codes and ordinary ones in English', () => {
    expect(countryName('XJ')).toBe('Jan Mayen');
    expect(countryName('xs')).toBe('Saba');
    expect(countryName('XE')).toBe('Sint Eustatius');
    expect(countryName('de')).toBe('Germany');
    expect(countryName('QQ')).toBe('QQ');
  });

  it('offers a Saba customer perpetual software only', () => {
    const availability = marketAvailabilityFor({
      id: 'c1',
      companyName: 'Saba Dive Shop',
      domain: 'sabadive.onmicrosoft.com',
      country: 'XS',
      countryName: 'Saba',
    });
    expect(availability.available).toEqual(['perpetual-software']);
    expect(availability.unavailable.map((u) => u.reason)).toEqual([
      "Software subscriptions can't be bought for customers in Saba.",
      "Azure reservations can't be bought for customers in Saba.",
    ]);
  });
});

describe('termOptionsOf', () => {
  it('skips availabilities that are not purchasable and lists a repeated term once', () => {
    const options = termOptionsOf(
      [availability('A1', { isPurchasable: false }), availability('A2'), availability('A3')],
      sku,
    );
    expect(options).toEqual([
      {
        termKey: 'commercial|P1Y|one_time',
        availabilityId: 'A2',
        catalogItemId: `${sku.productId}:${sku.id}:A2`,
        termDuration: 'P1Y',
        description: '1 Year Prepaid',
        billingCycle: 'one_time',
        currencyCode: 'EUR',
        segment: 'commercial',
      },
    ]);
  });

  it('describes a term without a description from its duration', () => {
    const [option] = termOptionsOf([availability('A1', { terms: [{ duration: 'P3Y' }] })], sku);
    expect(option.description).toBe('3 years');
  });
});

describe('describeCartLineError', () => {
  it.each([
    ['inventory_not_available', 'inventory_not_available', /no capacity/],
    ['10003', 'inventory_not_available', /no capacity/],
    ['SubscriptionNotRegistered', 'subscription_not_registered', /register/],
    ['10015', 'max_allowed_seats_per_subscription_exceeded', /lower the quantity/],
    ['catalog_item_id_is_not_valid', 'catalog_item_id_is_not_valid', /choose the product again/],
  ])('turns %s into %s with a sentence', (errorCode, code, sentence) => {
    const problem = describeCartLineError({ errorCode, errorDescription: 'raw text' });
    expect(problem.code).toBe(code);
    expect(problem.sentence).toMatch(sentence);
    expect(problem.sentence).not.toContain('raw text');
  });

  it('keeps an unknown code for support and still gives a sentence', () => {
    const problem = describeCartLineError({ errorCode: 'brand_new_problem' });
    expect(problem.code).toBe('brand_new_problem');
    expect(problem.sentence).toMatch(/contact support/);
  });

  it('recognises the stale catalog item line error in both wire forms', () => {
    expect(isStaleCatalogLineError({ errorCode: '10001' })).toBe(true);
    expect(isStaleCatalogLineError({ errorCode: 'catalog_item_id_is_not_valid' })).toBe(true);
    expect(isStaleCatalogLineError({ errorCode: 'inventory_not_available' })).toBe(false);
    expect(isStaleCatalogLineError(undefined)).toBe(false);
  });
});

describe('checkoutSummaryOf', () => {
  it('names order lines and turns refused order groups into sentences', () => {
    const summary = checkoutSummaryOf({
      orders: [
        {
          id: 'order-1',
          referenceCustomerId: 'c1',
          billingCycle: 'one_time',
          status: 'pending',
          lineItems: [
            { lineItemNumber: 1, offerId: 'P:S:B', quantity: 1 },
            { lineItemNumber: 0, offerId: 'P:S:A', friendlyName: 'Office', quantity: 5 },
          ],
        },
      ],
      orderErrors: [{ orderGroupId: '1', code: '800023', description: 'raw' }],
    });
    expect(summary.orders[0].lines).toEqual([
      { name: 'Office', quantity: 5, offerId: 'P:S:A' },
      { name: 'P:S:B', quantity: 1, offerId: 'P:S:B' },
    ]);
    // Partner Center's own description is kept (shown as text) next to the sentence in the bot's words.
    expect(summary.problems).toEqual([
      {
        orderGroupId: '1',
        code: '800023',
        key: 'code.credit',
        sentence: expect.stringMatching(/credit/),
        description: 'raw',
      },
    ]);
  });

  it('names the cart lines of each refused order group when given the checked-out cart', () => {
    const line = (id: number, catalogItemId: string, quantity: number, orderGroup: string) => ({
      id,
      catalogItemId,
      quantity,
      billingCycle: 'one_time' as const,
      orderGroup,
    });
    const summary = checkoutSummaryOf(
      { orders: [], orderErrors: [{ orderGroupId: '1', code: '800005' }] },
      {
        cart: { id: 'cart-1', lineItems: [line(0, 'P:S:A', 5, '0'), line(1, 'P:S:B', 2, '1')] },
        nameOf: (catalogItemId) => `Product ${catalogItemId}`,
      },
    );
    expect(summary.problems[0].lines).toEqual([{ name: 'Product P:S:B', quantity: 2 }]);
  });
});

describe('CatalogCache', () => {
  it('forgets entries after their time to live and keeps at most the configured number', () => {
    let now = 1_000;
    const cache = new CatalogCache({ now: () => now, ttlMs: 100, maxEntries: 2 });
    cache.rememberSku('US', sku);
    expect(cache.sku('us', sku.productId, '0001')?.title).toBe(sku.title);
    now += 100;
    expect(cache.sku('US', sku.productId, '0001')).toBeUndefined();

    cache.rememberSku('US', { ...sku, id: '0001' });
    cache.rememberSku('US', { ...sku, id: '0002' });
    cache.rememberSku('US', { ...sku, id: '0003' });
    expect(cache.sku('US', sku.productId, '0001')).toBeUndefined();
    expect(cache.sku('US', sku.productId, '0003')?.id).toBe('0003');
    expect(cache.product('US', sku.productId)).toBeUndefined();
  });
});
