import { textFor } from '../../i18n/text';
import { PurchaseRequestError } from '../../services/purchase/PurchaseRequestError';
import type { CustomerDetails, SkuOption } from '../../services/purchase/types';
import { PurchaseHarness } from './purchaseHarness';

const DV5_RESERVATION = 'DZH318Z0D1V5';
const OFFICE_LTSC = 'DG7GMGF0D7FV';
const WINDOWS_SERVER_DATACENTER_SUBSCRIPTION = 'DG7GMGF0FKZV';

let harness: PurchaseHarness;
let contoso: CustomerDetails;
let reservationSkus: SkuOption[];

beforeAll(async () => {
  harness = await PurchaseHarness.start();
  contoso = await harness.customerNamed('Contoso Ltd');
  reservationSkus = await harness.service.listSkus(harness.ctx(), contoso, DV5_RESERVATION);
});

afterAll(async () => {
  await harness.close();
});

function reservationSku(region: string, termDuration: 'P1Y' | 'P3Y'): SkuOption {
  const years = termDuration === 'P1Y' ? '1 Year' : '3 Years';
  const sku = reservationSkus.find(
    (candidate) => candidate.armRegionName === region && candidate.title.endsWith(years),
  );
  if (!sku) throw new Error(`no Dv5 reservation SKU in ${region} for ${years}`);
  return sku;
}

describe('listProducts', () => {
  it('lists each category from its own catalog view', async () => {
    const subscriptions = await harness.service.listProducts(harness.ctx(), contoso, 'software-subscriptions');
    const perpetual = await harness.service.listProducts(harness.ctx(), contoso, 'perpetual-software');
    const reservations = await harness.service.listProducts(harness.ctx(), contoso, 'azure-reservations');

    expect(subscriptions.map((p) => p.productId)).toContain(WINDOWS_SERVER_DATACENTER_SUBSCRIPTION);
    expect(subscriptions.map((p) => p.productId)).not.toContain(OFFICE_LTSC);
    expect(perpetual.map((p) => p.productId)).toContain(OFFICE_LTSC);
    expect(perpetual.map((p) => p.productId)).not.toContain(WINDOWS_SERVER_DATACENTER_SUBSCRIPTION);
    expect(reservations.map((p) => p.productId)).toContain(DV5_RESERVATION);
    expect(reservations.map((p) => p.productId)).not.toContain(OFFICE_LTSC);
    const office = perpetual.find((p) => p.productId === OFFICE_LTSC);
    expect(office).toMatchObject({
      title: 'Office LTSC Professional Plus 2021',
      publisherName: 'Microsoft Corporation',
    });
  });

  it('offers a Brazilian customer no software subscriptions but does offer perpetual software', async () => {
    const amazonia = await harness.customerNamed('Amazonia Agro Ltda');
    expect(await harness.service.listProducts(harness.ctx(), amazonia, 'software-subscriptions')).toEqual([]);
    expect(await harness.service.listProducts(harness.ctx(), amazonia, 'azure-reservations')).toEqual([]);
    const perpetual = await harness.service.listProducts(harness.ctx(), amazonia, 'perpetual-software');
    expect(perpetual.map((p) => p.productId)).toContain(OFFICE_LTSC);
  });
});

describe('listSkus', () => {
  it('marks reservation SKUs as needing an inventory check and a registered subscription', () => {
    const sku = reservationSku('eastus', 'P1Y');
    expect(sku).toMatchObject({
      productId: DV5_RESERVATION,
      needsInventoryCheck: true,
      needsRegistration: true,
      armRegionName: 'eastus',
      minimumQuantity: 1,
      maximumQuantity: 100,
    });
    expect(sku.provisioningVariables).toEqual(expect.arrayContaining(['Scope', 'SubscriptionId', 'Duration']));
  });

  it('marks software SKUs as needing neither, with their quantity bounds', async () => {
    const skus = await harness.service.listSkus(harness.ctx(), contoso, WINDOWS_SERVER_DATACENTER_SUBSCRIPTION);
    expect(skus.length).toBeGreaterThan(0);
    for (const sku of skus) {
      expect(sku).toMatchObject({ needsInventoryCheck: false, needsRegistration: false, minimumQuantity: 8 });
      expect(sku.armRegionName).toBeUndefined();
      expect(sku.provisioningVariables).toEqual([]);
    }
  });
});

describe('listTerms', () => {
  it('offers a one- and a three-year reservation term, billed once, in the customer currency', async () => {
    const oneYear = reservationSku('eastus', 'P1Y');
    const threeYears = reservationSku('eastus', 'P3Y');
    const [termsOne, termsThree] = await Promise.all([
      harness.service.listTerms(harness.ctx(), contoso, DV5_RESERVATION, oneYear.skuId),
      harness.service.listTerms(harness.ctx(), contoso, DV5_RESERVATION, threeYears.skuId),
    ]);
    expect(termsOne).toHaveLength(1);
    expect(termsOne[0]).toMatchObject({
      termDuration: 'P1Y',
      billingCycle: 'one_time',
      currencyCode: 'USD',
      segment: 'commercial',
    });
    expect(termsOne[0].catalogItemId.startsWith(`${DV5_RESERVATION}:${oneYear.skuId}:`)).toBe(true);
    expect(termsThree.map((t) => t.termDuration)).toEqual(['P3Y']);
  });

  it('offers perpetual software as one option without a term', async () => {
    const terms = await harness.service.listTerms(harness.ctx(), contoso, OFFICE_LTSC, '0001');
    expect(terms).toHaveLength(1);
    expect(terms[0].termDuration).toBeUndefined();
    expect(terms[0]).toMatchObject({ description: 'Perpetual licence', billingCycle: 'one_time' });
  });

  it('keeps the term key while the availability id rotates', async () => {
    const before = await harness.service.listTerms(harness.ctx(), contoso, OFFICE_LTSC, '0001');
    await harness.control('catalog/rotate');
    const after = await harness.service.listTerms(harness.ctx(), contoso, OFFICE_LTSC, '0001');
    expect(after[0].termKey).toBe(before[0].termKey);
    expect(after[0].catalogItemId).not.toBe(before[0].catalogItemId);
  });
});

describe('getRegistrationStatus', () => {
  it('reports registered, not registered and unknown subscriptions', async () => {
    const registered = await harness.subscriptionNamed(contoso.id, 'Azure plan');
    const unregistered = await harness.subscriptionNamed(contoso.id, 'Azure plan - Dev/Test');
    expect(await harness.service.getRegistrationStatus(harness.ctx(), contoso.id, registered)).toBe('registered');
    expect(await harness.service.getRegistrationStatus(harness.ctx(), contoso.id, unregistered)).toBe('notregistered');
    expect(
      await harness.service.getRegistrationStatus(harness.ctx(), contoso.id, '11111111-2222-4333-8444-555555555555'),
    ).toBe('unknown');
  });
});

describe('checkInventory', () => {
  it('reports a reservation as available where the subscription has capacity', async () => {
    const plan = await harness.subscriptionNamed(contoso.id, 'Azure plan');
    const verdict = await harness.service.checkInventory(harness.ctx(), contoso, reservationSku('eastus', 'P1Y'), plan);
    expect(verdict).toEqual({ restricted: false, reasons: [] });
  });

  it('explains a region restricted for every subscription', async () => {
    const plan = await harness.subscriptionNamed(contoso.id, 'Azure plan');
    const verdict = await harness.service.checkInventory(
      harness.ctx(),
      contoso,
      reservationSku('japanwest', 'P1Y'),
      plan,
    );
    expect(verdict).toEqual({
      restricted: true,
      reasons: [{ key: 'restriction.regionForSubscription', values: { region: 'japanwest' } }],
    });
  });

  it('explains a region restricted for one particular subscription', async () => {
    const restricted = await harness.subscriptionNamed(contoso.id, 'Azure plan - Capacity restricted');
    const verdict = await harness.service.checkInventory(
      harness.ctx(),
      contoso,
      reservationSku('eastus', 'P3Y'),
      restricted,
    );
    expect(verdict.restricted).toBe(true);
    expect(verdict.reasons).toEqual([{ key: 'restriction.regionForSubscription', values: { region: 'eastus' } }]);
    // Said in each reader's language.
    expect(textFor('en-US')('restriction.regionForSubscription', { region: 'eastus' })).toBe(
      'Not available for this subscription in region eastus.',
    );
    expect(textFor('sv-SE')('restriction.regionForSubscription', { region: 'eastus' })).toBe(
      'Inte tillgänglig för den här prenumerationen i regionen eastus.',
    );
  });

  it('refuses a subscription id that is not a GUID before calling Partner Center', async () => {
    const spy = jest.spyOn(harness.client, 'checkInventory');
    try {
      const attempt = harness.service.checkInventory(harness.ctx(), contoso, reservationSku('eastus', 'P1Y'), 'my sub');
      await expect(attempt).rejects.toBeInstanceOf(PurchaseRequestError);
      await expect(attempt).rejects.toMatchObject({ problem: 'invalid-subscription-id' });
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});
