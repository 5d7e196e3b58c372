import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type CartIdentity, checkoutKeyOf } from '../../services/checkout/cartIdentity';
import { CheckoutLedger, type ClaimRequest } from '../../services/checkout/CheckoutLedger';
import { SqliteStorage } from '../../services/storage/SqliteStorage';

const CUSTOMER = {
  id: 'c1',
  companyName: 'Contoso Ltd',
  domain: 'contoso.onmicrosoft.com',
  country: 'US',
  countryName: 'United States',
};

const IDENTITY: CartIdentity = {
  customerId: 'c1',
  createdAt: '2026-11-30T10:00:00Z',
  lines: [{ productId: 'DG7GMGF0D7FV', skuId: '0001', quantity: 5 }],
};
const keyOf = (cartId: string, identity: CartIdentity = IDENTITY): string => checkoutKeyOf(cartId, identity);

function claimRequest(cartId: string, requestId: string, identity: CartIdentity = IDENTITY): ClaimRequest {
  return {
    cartId,
    identity,
    item: {
      productId: identity.lines[0].productId,
      skuId: identity.lines[0].skuId,
      quantity: identity.lines[0].quantity,
    },
    customer: CUSTOMER,
    user: { key: 'user-1', name: 'Alex' },
    requestId,
    correlationId: 'corr-1',
    target: { conversationReference: { conversation: { id: 'a:1' } }, activityId: 'card-1' },
  };
}

describe('checkout ledger', () => {
  let dir: string;
  let stores: SqliteStorage[];
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ledger-'));
    stores = [new SqliteStorage({ directory: dir }), new SqliteStorage({ directory: dir })];
  });
  afterEach(() => {
    stores.forEach((s) => s.close());
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets exactly one of many simultaneous clicks, on two bot instances, claim a cart', async () => {
    const ledgers = stores.map((s) => new CheckoutLedger(s));
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => ledgers[i % 2].claim(claimRequest('cart-1', `request-${i}`))),
    );
    const winners = results.filter((r) => r.claimed);
    expect(winners).toHaveLength(1);
    const requestId = winners[0].record.requestId;
    expect(results.every((r) => r.record.requestId === requestId)).toBe(true);
    expect((await ledgers[1].get(keyOf('cart-1')))?.requestId).toBe(requestId);
  });

  it('lists a cart as open until its outcome is final and delivered', async () => {
    const ledger = new CheckoutLedger(stores[0]);
    await ledger.claim(claimRequest('cart-1', 'r1'));
    await ledger.claim(claimRequest('cart-2', 'r2'));
    expect((await ledger.open()).map((r) => r.cartId).sort()).toEqual(['cart-1', 'cart-2']);
    await ledger.update(keyOf('cart-1'), () => ({ state: 'done', result: { orders: [], problems: [] } }));
    expect((await ledger.open()).map((r) => r.cartId).sort()).toEqual(['cart-1', 'cart-2']);
    await ledger.update(keyOf('cart-1'), () => ({ delivered: true }));
    expect((await ledger.open()).map((r) => r.cartId)).toEqual(['cart-2']);
  });

  it('merges concurrent updates of one record without losing any', async () => {
    const ledgers = stores.map((s) => new CheckoutLedger(s));
    await ledgers[0].claim(claimRequest('cart-1', 'r1'));
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        ledgers[i % 2].update(keyOf('cart-1'), (r) => ({ attempts: r.attempts + 1 })),
      ),
    );
    expect((await ledgers[0].get(keyOf('cart-1')))?.attempts).toBe(10);
  });

  it('never answers a new cart with an earlier record that has the same cart id but another cart behind it', async () => {
    const ledger = new CheckoutLedger(stores[0]);
    const first = await ledger.claim(claimRequest('cart-1', 'r-first'));
    await ledger.update(first.record.key, () => ({
      state: 'done',
      delivered: true,
      result: {
        orders: [{ id: 'ORDER-OF-THE-FIRST-RUN', status: 'pending', billingCycle: 'one_time', lines: [] }],
        problems: [],
      },
    }));
    // The service handed out the same cart id again (a restarted simulator, a restored backup): a different cart.
    const later: CartIdentity = { ...IDENTITY, createdAt: '2026-11-30T11:30:00Z' };
    const second = await ledger.claim(claimRequest('cart-1', 'r-second', later));
    expect(second.claimed).toBe(true);
    expect(second.record.requestId).toBe('r-second');
    expect(second.record.result).toBeUndefined();
    expect(second.record.key).not.toBe(first.record.key);
    expect(await ledger.earlierUseOfCartId(first.record)).toBeUndefined();
    expect(await ledger.earlierUseOfCartId(second.record)).toBe(first.record.key);
    // A change of quantity is another cart content too.
    const more: CartIdentity = { ...IDENTITY, lines: [{ ...IDENTITY.lines[0], quantity: 6 }] };
    expect((await ledger.claim(claimRequest('cart-1', 'r-third', more))).claimed).toBe(true);
  });

  it('remembers recent claims per customer for the duplicate guard, newest first, within the asked window', async () => {
    let now = Date.parse('2026-11-30T10:00:00Z');
    const ledger = new CheckoutLedger(stores[0], () => now);
    await ledger.rememberRecent((await ledger.claim(claimRequest('cart-1', 'r1'))).record);
    now += 10 * 60_000;
    await ledger.rememberRecent((await ledger.claim(claimRequest('cart-2', 'r2'))).record);
    now += 60 * 60_000;
    const lastHour = await new CheckoutLedger(stores[1], () => now).recentClaims('c1', now - 60 * 60_000);
    expect(lastHour.map((r) => r.cartId)).toEqual(['cart-2']);
    const lastDay = await ledger.recentClaims('C1', now - 86_400_000);
    expect(lastDay.map((r) => r.cartId)).toEqual(['cart-2', 'cart-1']);
    expect(await ledger.recentClaims('someone-else', 0)).toEqual([]);
  });

  it('finds the checkout that placed an order by the order id, on any instance and in any case', async () => {
    const [first, second] = stores.map((s) => new CheckoutLedger(s));
    const { record } = await first.claim(claimRequest('cart-orders', 'request-orders'));
    expect(await second.recordOfOrder('Order-A1')).toBeUndefined();
    const orders = [
      { id: 'Order-A1', status: 'pending', billingCycle: 'one_time', lines: [] },
      { id: 'Order-B2', status: 'pending', billingCycle: 'one_time', lines: [] },
    ];
    await first.update(record.key, () => ({ state: 'done', result: { orders, problems: [] } }));
    expect((await second.recordOfOrder('order-a1'))?.customer).toEqual(CUSTOMER);
    expect((await second.recordOfOrder('ORDER-B2'))?.key).toBe(record.key);
    expect(await second.recordOfOrder('Order-C3')).toBeUndefined();
  });
});
