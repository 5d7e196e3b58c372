import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkoutOutcomeCard } from '../../dialogs/checkoutOutcomeCard';
import { type CartIdentity, checkoutKeyOf } from '../../services/checkout/cartIdentity';
import { CheckoutLedger, type ClaimRequest } from '../../services/checkout/CheckoutLedger';
import { CheckoutProcessor } from '../../services/checkout/CheckoutProcessor';
import { createPartnerCenterClient } from '../../services/partnerCenter/createPartnerCenterClient';
import { PartnerCenterPurchaseService } from '../../services/purchase/PartnerCenterPurchaseService';
import type { CustomerDetails } from '../../services/purchase/types';
import { RecentOrdersStore } from '../../services/storage/RecentOrdersStore';
import { SqliteStorage } from '../../services/storage/SqliteStorage';
import { RunningSimulator, startSimulator } from '../../simulator/server';

const MFA_REFUSAL = {
  status: 401,
  body: { code: 900421, description: 'Authentication failed. MFA required.', data: [], source: 'PartnerFD' },
};
const setup = { correlationId: 'setup', user: { id: 'u1', name: 'alex' } };

interface JournalEntry {
  method: string;
  path: string;
  requestId: string;
  status: number | string | null;
}

describe('a background checkout Partner Center refuses for a sign-in without MFA', () => {
  let simulator: RunningSimulator;
  let dir: string;
  let storage: SqliteStorage;
  let purchase: PartnerCenterPurchaseService;
  let contoso: CustomerDetails;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, orderListDelaySeconds: 0 });
    purchase = new PartnerCenterPurchaseService(
      createPartnerCenterClient({
        baseUrl: simulator.url,
        mode: 'local',
        auth: 'app+user',
        applicationName: 'checkout-mfa-tests',
        timeoutMs: 2_000,
        maxRetries: 3,
        retryDeadlineMs: 20_000,
        maxRetryAfterSeconds: 1,
      }),
    );
    const [match] = (await purchase.searchCustomers(setup, 'Contoso Ltd', 1)).matches;
    contoso = await purchase.getCustomer(setup, match.id);
  });
  afterAll(() => simulator.close());
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'checkout-mfa-'));
    storage = new SqliteStorage({ directory: dir });
  });
  afterEach(async () => {
    storage.close();
    rmSync(dir, { recursive: true, force: true });
    await fetch(`${simulator.url}/_simulator/faults`, { method: 'DELETE' });
  });

  async function newCart(): Promise<string> {
    const [product] = await purchase.listProducts(setup, contoso, 'software-subscriptions');
    const [sku] = await purchase.listSkus(setup, contoso, product.productId);
    const [term] = await purchase.listTerms(setup, contoso, sku.productId, sku.skuId);
    const cart = await purchase.createCart(setup, contoso, {
      productId: sku.productId,
      skuId: sku.skuId,
      termKey: term.termKey,
      quantity: sku.minimumQuantity,
    });
    return cart.cartId;
  }

  async function fault(cartId: string, spec: Record<string, unknown>): Promise<void> {
    await fetch(`${simulator.url}/_simulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'POST', path: `/v1/customers/*/carts/${cartId}/checkout`, count: 1, ...spec }),
    });
  }

  async function checkoutCalls(cartId: string): Promise<JournalEntry[]> {
    const { items } = (await (await fetch(`${simulator.url}/_simulator/requests`)).json()) as { items: JournalEntry[] };
    return items.filter((e) => e.method === 'POST' && e.path.endsWith(`/carts/${cartId}/checkout`));
  }

  const identity = (): CartIdentity => ({ customerId: contoso.id, lines: [] });

  async function claimed(cartId: string, requestId: string): Promise<{ ledger: CheckoutLedger; key: string }> {
    const ledger = new CheckoutLedger(storage);
    const claim: ClaimRequest = {
      cartId,
      identity: identity(),
      customer: contoso,
      user: { key: 'u1', name: 'alex' },
      requestId,
      correlationId: `corr-${cartId}`,
      target: { conversationReference: {}, activityId: 'card' },
    };
    await ledger.claim(claim);
    return { ledger, key: checkoutKeyOf(cartId, identity()) };
  }

  function processorOver(ledger: CheckoutLedger): CheckoutProcessor {
    return new CheckoutProcessor({
      ledger,
      purchase,
      recentOrders: new RecentOrdersStore(storage),
      budget: { maxAttempts: 8, maxDurationMs: 600_000 },
      backoffMs: () => 0,
    });
  }

  it('refused on its only call: failed, nothing bought, the sentence says what to do, and nothing is sent again', async () => {
    const cartId = await newCart();
    const { ledger, key } = await claimed(cartId, 'request-mfa-first');
    await fault(cartId, { ...MFA_REFUSAL, count: 100 });

    const record = await processorOver(ledger).process(key);

    expect(record.state).toBe('failed');
    expect(record.failure).toEqual({
      key: 'code.mfaRequired',
      sentence: expect.stringMatching(/requires multi-factor sign-in/),
      code: '900421',
    });
    expect(record.result).toBeUndefined();
    expect(await checkoutCalls(cartId)).toHaveLength(1);
    expect(await processorOver(ledger).process(key)).toMatchObject({ state: 'failed' });
    expect(await checkoutCalls(cartId)).toHaveLength(1);
  });

  it('refused after a call that may have been committed: waits for sign-in instead of saying nothing was bought', async () => {
    const cartId = await newCart();
    const { ledger, key } = await claimed(cartId, 'request-mfa-after-drop');
    // The first call is executed and its answer lost; the client's retry of it is refused for MFA.
    await fault(cartId, { drop: 'after' });
    await fault(cartId, { ...MFA_REFUSAL, count: 100 });

    const waiting = await processorOver(ledger).process(key);

    expect(waiting.state).toBe('submitted');
    expect(waiting.waitingForSignIn).toBe(true);
    expect(waiting.failure?.sentence).toMatch(/requires multi-factor sign-in/);
    expect(JSON.stringify(checkoutOutcomeCard(waiting))).not.toContain('Nothing was bought');
    expect(await checkoutCalls(cartId)).toHaveLength(2);
    expect((await ledger.open()).map((r) => r.cartId)).toContain(cartId);

    // Signed in again with MFA: the same MS-RequestId gets the first, committed answer back — one order.
    await fetch(`${simulator.url}/_simulator/faults`, { method: 'DELETE' });
    const done = await processorOver(ledger).process(key);
    expect(done.state).toBe('done');
    expect(done.result?.orders).toHaveLength(1);
    const calls = await checkoutCalls(cartId);
    expect(new Set(calls.map((c) => c.requestId))).toEqual(new Set(['request-mfa-after-drop']));
  });
});
