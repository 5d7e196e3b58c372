import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CheckoutLedger, CheckoutRecord } from '../../services/checkout/CheckoutLedger';
import { SqliteStorage } from '../../services/storage/SqliteStorage';

const CUSTOMER = {
  id: 'c1',
  companyName: 'Contoso Ltd',
  domain: 'contoso.onmicrosoft.com',
  country: 'US',
  countryName: 'United States',
};

function claimRequest(
  cartId: string,
  requestId: string,
): Omit<CheckoutRecord, 'state' | 'attempts' | 'createdAt' | 'updatedAt' | 'delivered'> {
  return {
    cartId,
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
    expect((await ledgers[1].get('cart-1'))?.requestId).toBe(requestId);
  });

  it('lists a cart as open until its outcome is final and delivered', async () => {
    const ledger = new CheckoutLedger(stores[0]);
    await ledger.claim(claimRequest('cart-1', 'r1'));
    await ledger.claim(claimRequest('cart-2', 'r2'));
    expect((await ledger.open()).map((r) => r.cartId).sort()).toEqual(['cart-1', 'cart-2']);
    await ledger.update('cart-1', () => ({ state: 'done', result: { orders: [], problems: [] } }));
    expect((await ledger.open()).map((r) => r.cartId).sort()).toEqual(['cart-1', 'cart-2']);
    await ledger.update('cart-1', () => ({ delivered: true }));
    expect((await ledger.open()).map((r) => r.cartId)).toEqual(['cart-2']);
  });

  it('merges concurrent updates of one record without losing any', async () => {
    const ledgers = stores.map((s) => new CheckoutLedger(s));
    await ledgers[0].claim(claimRequest('cart-1', 'r1'));
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => ledgers[i % 2].update('cart-1', (r) => ({ attempts: r.attempts + 1 }))),
    );
    expect((await ledgers[0].get('cart-1'))?.attempts).toBe(10);
  });
});
