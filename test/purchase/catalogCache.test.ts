import type { CustomerDetails } from '../../services/purchase/types';
import { callName } from '../support/purchaseFlows';
import { PurchaseHarness } from './purchaseHarness';

const LIFETIME_MS = 60 * 60_000;
const WINDOWS_SERVER_DATACENTER_SUBSCRIPTION = 'DG7GMGF0FKZV';
const DV5_RESERVATION = 'DZH318Z0D1V5';

let now = Date.UTC(2031, 0, 6, 9, 0, 0);
let harness: PurchaseHarness;
let contoso: CustomerDetails;

beforeAll(async () => {
  harness = await PurchaseHarness.start({}, { now: () => now, cacheLifetimeMs: LIFETIME_MS });
  contoso = await harness.customerNamed('Contoso Ltd');
});

afterAll(async () => {
  await harness.close();
});

/** What Partner Center is asked while `work` runs, by name. */
async function callsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const before = (await harness.journal()).length;
  await work();
  return (await harness.journal()).slice(before).map(callName);
}

describe('the catalog cache, on an injected clock', () => {
  it('reuses a market’s product and SKU lists within their lifetime and reads them again after it', async () => {
    const listBoth = async () => {
      await harness.service.listProducts(harness.ctx(), contoso, 'software-subscriptions');
      await harness.service.listSkus(harness.ctx(), contoso, WINDOWS_SERVER_DATACENTER_SUBSCRIPTION);
    };
    expect(await callsDuring(listBoth)).toEqual(['list products', 'list SKUs']);

    now += LIFETIME_MS - 1;
    expect(await callsDuring(listBoth)).toEqual([]);

    now += 1;
    expect(await callsDuring(listBoth)).toEqual(['list products', 'list SKUs']);
  });

  it('keeps each market and each reservation catalog apart', async () => {
    const trey = await harness.customerNamed('Trey Research Ltd');
    expect(
      await callsDuring(async () => {
        await harness.service.listProducts(harness.ctx(), contoso, 'perpetual-software');
        await harness.service.listProducts(harness.ctx(), trey, 'perpetual-software');
        await harness.service.listSkus(harness.ctx(), contoso, DV5_RESERVATION, {
          azureSubscriptionKind: 'azure-plan',
        });
        await harness.service.listSkus(harness.ctx(), contoso, DV5_RESERVATION, {
          azureSubscriptionKind: 'microsoft-azure',
        });
        await harness.service.listSkus(harness.ctx(), contoso, DV5_RESERVATION, {
          azureSubscriptionKind: 'azure-plan',
        });
      }),
    ).toEqual(['list products', 'list products', 'list SKUs', 'list SKUs']);
  });

  it('reads availabilities every time, even with the SKU cached: their ids rotate', async () => {
    const [sku] = await harness.service.listSkus(harness.ctx(), contoso, WINDOWS_SERVER_DATACENTER_SUBSCRIPTION);
    expect(
      await callsDuring(async () => {
        await harness.service.listTerms(harness.ctx(), contoso, sku.productId, sku.skuId);
        await harness.service.listTerms(harness.ctx(), contoso, sku.productId, sku.skuId);
      }),
    ).toEqual(['list availabilities', 'list availabilities']);
  });

  it('reads a customer once per lifetime, and again when a search finds it renamed', async () => {
    const fabrikam = (await harness.service.searchCustomers(harness.ctx(), 'Fabrikam Inc', 5)).matches[0];
    expect(await callsDuring(() => harness.service.getCustomer(harness.ctx(), fabrikam.id))).toEqual(['get customer']);
    expect(await callsDuring(() => harness.service.getCustomer(harness.ctx(), fabrikam.id))).toEqual([]);

    await harness.control('customers/rename', { customerId: fabrikam.id, companyName: 'Fabrikam Holdings Inc' });
    await harness.service.searchCustomers(harness.ctx(), 'Fabrikam Holdings', 5);
    let renamed: unknown;
    expect(
      await callsDuring(async () => (renamed = await harness.service.getCustomer(harness.ctx(), fabrikam.id))),
    ).toEqual(['get customer']);
    expect(renamed).toMatchObject({ companyName: 'Fabrikam Holdings Inc', country: 'US' });

    now += LIFETIME_MS;
    expect(await callsDuring(() => harness.service.getCustomer(harness.ctx(), fabrikam.id))).toEqual(['get customer']);
  });

  it('remembers that a subscription is registered, and asks again about one that is not', async () => {
    const registered = await harness.subscriptionNamed(contoso.id, 'Azure plan');
    const unregistered = await harness.subscriptionNamed(contoso.id, 'Azure plan - Dev/Test');
    const twice = async (subscriptionId: string) => [
      await harness.service.getRegistrationStatus(harness.ctx(), contoso.id, subscriptionId),
      await harness.service.getRegistrationStatus(harness.ctx(), contoso.id, subscriptionId),
    ];
    let statuses: string[] = [];
    expect(await callsDuring(async () => (statuses = await twice(registered)))).toEqual(['registration status']);
    expect(statuses).toEqual(['registered', 'registered']);
    expect(await callsDuring(async () => (statuses = await twice(unregistered)))).toEqual([
      'registration status',
      'registration status',
    ]);
    expect(statuses).toEqual(['notregistered', 'notregistered']);
  });
});

describe('a lifetime of 0', () => {
  it('reuses nothing: every list is read from Partner Center', async () => {
    const uncached = await PurchaseHarness.start({}, { cacheLifetimeMs: 0 });
    try {
      const customer = await uncached.customerNamed('Contoso Ltd');
      const before = (await uncached.journal()).length;
      await uncached.service.listProducts(uncached.ctx(), customer, 'software-subscriptions');
      await uncached.service.listProducts(uncached.ctx(), customer, 'software-subscriptions');
      await uncached.service.getCustomer(uncached.ctx(), customer.id);
      expect((await uncached.journal()).slice(before).map(callName)).toEqual([
        'list products',
        'list products',
        'get customer',
      ]);
    } finally {
      await uncached.close();
    }
  });
});
