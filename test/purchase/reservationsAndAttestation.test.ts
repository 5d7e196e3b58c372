import type { CartLineRequest, CustomerDetails } from '../../services/purchase/types';
import { PurchaseHarness } from './purchaseHarness';

const DV5_RESERVATION = 'DZH318Z0D1V5';
const WINDOWS_365 = 'CFQ7TTC0W365';
const WINDOWS_365_TEXT =
  'I understand that each person using Windows 365 Business with Windows Hybrid Benefit also needs to have a valid copy of Windows 10/11 Pro installed on their primary work device.';

interface JournalEntry {
  method: string;
  path: string;
  query: string;
  status: number | null;
}

let harness: PurchaseHarness;

beforeAll(async () => {
  harness = await PurchaseHarness.start();
});
afterAll(() => harness.close());

async function journal(): Promise<JournalEntry[]> {
  const response = await fetch(`${harness.simulator.url}/_simulator/requests`);
  return ((await response.json()) as { items: JournalEntry[] }).items;
}

/** Walks the service as the reservation conversation does, for the customer's subscription with this name. */
async function reservationFor(customer: CustomerDetails, subscriptionName: string): Promise<CartLineRequest> {
  const subscriptionId = await harness.subscriptionNamed(customer.id, subscriptionName);
  const subscription = await harness.service.getAzureSubscription(harness.ctx(), customer.id, subscriptionId);
  if (!subscription || subscription.kind === 'other') throw new Error(`${subscriptionName} is no Azure subscription`);
  const catalog = { azureSubscriptionKind: subscription.kind };
  const products = await harness.service.listProducts(harness.ctx(), customer, 'azure-reservations', catalog);
  expect(products.map((product) => product.productId)).toContain(DV5_RESERVATION);
  const skus = await harness.service.listSkus(harness.ctx(), customer, DV5_RESERVATION, catalog);
  const sku = skus.find((s) => s.armRegionName === 'northeurope' && s.title.endsWith('1 Year'));
  if (!sku) throw new Error('no northeurope one-year Dv5 reservation');
  const [term] = await harness.service.listTerms(harness.ctx(), customer, DV5_RESERVATION, sku.skuId, catalog);
  return {
    productId: DV5_RESERVATION,
    skuId: sku.skuId,
    termKey: term.termKey,
    quantity: 1,
    provisioningContext: { subscriptionId, scope: 'shared', duration: '1Year' },
  };
}

describe('reservations for Azure plans and Microsoft Azure subscriptions', () => {
  it.each([
    ['Contoso Ltd', 'Azure plan', 'azure-plan', true],
    ['Adventure Works Cycles', 'Microsoft Azure', 'microsoft-azure', false],
  ])(
    'buys a reservation for %s (%s) from the catalog of its kind',
    async (companyName, subscriptionName, kind, scoped) => {
      const customer = await harness.customerNamed(companyName);
      const subscriptionId = await harness.subscriptionNamed(customer.id, subscriptionName);
      expect((await harness.service.getAzureSubscription(harness.ctx(), customer.id, subscriptionId))?.kind).toBe(kind);
      const before = (await journal()).length;
      const line = await reservationFor(customer, subscriptionName);
      const cart = await harness.service.createCart(harness.ctx(), customer, line);
      expect(cart.lines[0].problem).toBeUndefined();
      const result = await harness.service.checkout(harness.ctx(), customer, cart.cartId);
      expect(result.orders).toHaveLength(1);

      const catalogReads = (await journal())
        .slice(before)
        .filter((entry) => entry.method === 'GET' && entry.path.startsWith('/v1/products'));
      expect(catalogReads.length).toBeGreaterThanOrEqual(3);
      for (const entry of catalogReads) {
        expect(entry.query.includes('reservationScope=AzurePlan')).toBe(scoped);
      }
    },
  );

  it('says a subscription it does not know is no subscription of the customer', async () => {
    const contoso = await harness.customerNamed('Contoso Ltd');
    const adventureWorks = await harness.customerNamed('Adventure Works Cycles');
    const theirs = await harness.subscriptionNamed(adventureWorks.id, 'Microsoft Azure');
    expect(await harness.service.getAzureSubscription(harness.ctx(), contoso.id, theirs)).toBeUndefined();
  });
});

describe('attestation', () => {
  it('carts a SKU that enforces attestation with it accepted, names its words, and keeps it accepted on update', async () => {
    const contoso = await harness.customerNamed('Contoso Ltd');
    const skus = await harness.service.listSkus(harness.ctx(), contoso, WINDOWS_365);
    expect(skus[0].attestation).toEqual({ type: 'Windows365', text: WINDOWS_365_TEXT });
    const [term] = await harness.service.listTerms(harness.ctx(), contoso, WINDOWS_365, skus[0].skuId);
    const cart = await harness.service.createCart(harness.ctx(), contoso, {
      productId: WINDOWS_365,
      skuId: skus[0].skuId,
      termKey: term.termKey,
      quantity: 3,
    });
    expect(cart.lines[0].attestation).toEqual({ type: 'Windows365', text: WINDOWS_365_TEXT });

    const updated = await harness.service.updateCartQuantity(harness.ctx(), contoso, cart.cartId, 4);
    expect(updated.lines[0]).toMatchObject({ quantity: 4, attestation: { type: 'Windows365' } });
    const stored = await harness.client.getCart(harness.ctx(), { customerId: contoso.id, cartId: cart.cartId });
    expect(stored.partnerOnRecordAttestationAccepted).toBe(true);
    expect(stored.lineItems[0].attestationAccepted).toBe(true);
    const result = await harness.service.checkout(harness.ctx(), contoso, cart.cartId);
    expect(result.orders).toHaveLength(1);
  });
});
