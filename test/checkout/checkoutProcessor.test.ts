import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StoreItems, TestAdapter, TurnContext } from 'botbuilder';
import { CheckoutRunner } from '../../bot/CheckoutRunner';
import { type CartIdentity, checkoutKeyOf } from '../../services/checkout/cartIdentity';
import { CheckoutLedger, CheckoutRecord, type ClaimRequest } from '../../services/checkout/CheckoutLedger';
import { CheckoutProcessor } from '../../services/checkout/CheckoutProcessor';
import type { OnBehalfOfTokenSource } from '../../services/partnerCenter/auth/OnBehalfOfTokenProvider';
import type { UserAssertionSource } from '../../services/partnerCenter/auth/UserAssertionSource';
import { createPartnerCenterClient } from '../../services/partnerCenter/createPartnerCenterClient';
import type { PartnerCenterCallContext } from '../../services/partnerCenter/PartnerCenterCallContext';
import { PartnerCenterPurchaseService } from '../../services/purchase/PartnerCenterPurchaseService';
import type { CustomerDetails } from '../../services/purchase/types';
import { RecentOrdersStore } from '../../services/storage/RecentOrdersStore';
import { SqliteStorage } from '../../services/storage/SqliteStorage';
import { RunningSimulator, startSimulator } from '../../simulator/server';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface JournalEntry {
  method: string;
  path: string;
  requestId: string;
  status: number | string | null;
}

describe('checkout processing against the simulator, with faults', () => {
  let simulator: RunningSimulator;
  let dir: string;
  let storage: SqliteStorage;
  let purchase: PartnerCenterPurchaseService;
  let contoso: CustomerDetails;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, orderListDelaySeconds: 0 });
    const client = createPartnerCenterClient({
      baseUrl: simulator.url,
      mode: 'local',
      auth: 'app+user',
      applicationName: 'checkout-tests',
      timeoutMs: 2_000,
      maxRetries: 3,
      retryDeadlineMs: 20_000,
      maxRetryAfterSeconds: 1,
    });
    purchase = new PartnerCenterPurchaseService(client);
    const ctx = { correlationId: 'setup', user: { id: 'u1', name: 'alex' } };
    const [match] = (await purchase.searchCustomers(ctx, 'Contoso Ltd', 1)).matches;
    contoso = await purchase.getCustomer(ctx, match.id);
  });
  afterAll(() => simulator.close());
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'checkout-'));
    storage = new SqliteStorage({ directory: dir });
  });
  afterEach(async () => {
    storage.close();
    rmSync(dir, { recursive: true, force: true });
    await fetch(`${simulator.url}/_simulator/faults`, { method: 'DELETE' });
  });

  async function newCart(): Promise<string> {
    const ctx = { correlationId: 'setup', user: { id: 'u1', name: 'alex' } };
    const [product] = await purchase.listProducts(ctx, contoso, 'software-subscriptions');
    const [sku] = await purchase.listSkus(ctx, contoso, product.productId);
    const [term] = await purchase.listTerms(ctx, contoso, sku.productId, sku.skuId);
    const cart = await purchase.createCart(ctx, contoso, {
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
    const response = await fetch(`${simulator.url}/_simulator/requests`);
    const { items } = (await response.json()) as { items: JournalEntry[] };
    return items.filter((e) => e.method === 'POST' && e.path.toLowerCase().endsWith(`/carts/${cartId}/checkout`));
  }

  const identityOf = (): CartIdentity => ({ customerId: contoso.id, lines: [] });
  const keyOf = (cartId: string): string => checkoutKeyOf(cartId, identityOf());

  function claimOf(cartId: string, requestId: string): ClaimRequest {
    return {
      cartId,
      identity: identityOf(),
      customer: contoso,
      user: { key: 'u1', name: 'alex' },
      requestId,
      correlationId: `corr-${cartId}`,
      target: { conversationReference: {}, activityId: 'card' },
    };
  }

  /** "Place order" pressed by Alex in a personal chat (the runner reads only the activity). */
  function placeOrderContext(conversationId: string): TurnContext {
    return new TurnContext(new TestAdapter(), {
      type: 'message',
      channelId: 'msteams',
      from: { id: '29:u1', name: 'Alex', aadObjectId: 'u1' },
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      recipient: { id: '28:bot', name: 'bot' },
      serviceUrl: 'http://127.0.0.1:1',
    });
  }

  function processorOver(ledger: CheckoutLedger, maxAttempts = 4): CheckoutProcessor {
    return new CheckoutProcessor({
      ledger,
      purchase,
      recentOrders: new RecentOrdersStore(storage),
      budget: { maxAttempts, maxDurationMs: 600_000 },
      backoffMs: () => 0,
    });
  }

  it('a connection dropped after Partner Center committed is retried with the same MS-RequestId and buys once', async () => {
    const cartId = await newCart();
    const ledger = new CheckoutLedger(storage);
    await ledger.claim(claimOf(cartId, 'request-drop-after'));
    await fault(cartId, { drop: 'after' });
    const record = await processorOver(ledger).process(keyOf(cartId));
    expect(record.state).toBe('done');
    expect(record.result?.orders).toHaveLength(1);
    const calls = await checkoutCalls(cartId);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(new Set(calls.map((c) => c.requestId))).toEqual(new Set(['request-drop-after']));
    const again = await processorOver(ledger).process(keyOf(cartId));
    expect(again.result?.orders[0].id).toBe(record.result?.orders[0].id);
    expect((await checkoutCalls(cartId)).length).toBe(calls.length);
  });

  it("Partner Center's refusal is recorded as failed with a sentence, and nothing is bought", async () => {
    const cartId = await newCart();
    const ledger = new CheckoutLedger(storage);
    await ledger.claim(claimOf(cartId, 'request-refused'));
    await fault(cartId, {
      status: 403,
      body: { code: 800069, description: 'Order failed Risk Management check', data: [], source: 'PartnerFD' },
    });
    const record = await processorOver(ledger).process(keyOf(cartId));
    expect(record.state).toBe('failed');
    expect(record.failure?.code).toBe('800069');
    expect(record.failure?.sentence.length).toBeGreaterThan(10);
    expect(record.result).toBeUndefined();
  });

  it('an outcome still unknown when the budget runs out is unconfirmed — never a failure — and nothing more is sent', async () => {
    const cartId = await newCart();
    const ledger = new CheckoutLedger(storage);
    await ledger.claim(claimOf(cartId, 'request-unknown'));
    await fault(cartId, { status: 500, count: 100 });
    const stuck = await processorOver(ledger, 2).process(keyOf(cartId));
    expect(stuck.state).toBe('unconfirmed');
    expect(stuck.failure?.sentence).toMatch(/has not confirmed this order.*may or may not have been placed/);
    const sent = (await checkoutCalls(cartId)).length;
    // Two attempts, each the client's call with its own three retries, all with the ledger's one MS-RequestId.
    expect(sent).toBe(8);
    await fetch(`${simulator.url}/_simulator/faults`, { method: 'DELETE' });
    const later = await processorOver(ledger, 2).process(keyOf(cartId));
    expect(later.state).toBe('unconfirmed');
    expect(await checkoutCalls(cartId)).toHaveLength(sent);
  });

  it('an outcome unknown on one attempt is tried again within the budget and placed once', async () => {
    const cartId = await newCart();
    const ledger = new CheckoutLedger(storage);
    await ledger.claim(claimOf(cartId, 'request-unknown-then-ok'));
    await fault(cartId, { status: 503, count: 4 });
    const record = await processorOver(ledger, 3).process(keyOf(cartId));
    expect(record.state).toBe('done');
    expect(record.attempts).toBe(2);
    expect(record.result?.orders).toHaveLength(1);
    expect(new Set((await checkoutCalls(cartId)).map((c) => c.requestId))).toEqual(
      new Set(['request-unknown-then-ok']),
    );
  });

  it('never calls again sooner than a Retry-After, and gives up (unconfirmed) when the wait would pass the time budget', async () => {
    const cartId = await newCart();
    const ledger = new CheckoutLedger(storage);
    await ledger.claim(claimOf(cartId, 'request-throttled'));
    await fault(cartId, { status: 429, retryAfterSeconds: 300, count: 1 });
    let clock = Date.now();
    const waits: number[] = [];
    const processor = (maxDurationMs: number) =>
      new CheckoutProcessor({
        ledger,
        purchase,
        recentOrders: new RecentOrdersStore(storage),
        budget: { maxAttempts: 5, maxDurationMs },
        backoffMs: () => 1_000,
        now: () => clock,
        sleep: async (ms) => {
          waits.push(ms);
          clock += ms;
        },
      });
    const done = await processor(900_000).process(keyOf(cartId));
    expect(waits).toEqual([300_000]);
    expect(done.state).toBe('done');

    const other = await newCart();
    await ledger.claim(claimOf(other, 'request-throttled-long'));
    await fault(other, { status: 429, retryAfterSeconds: 600, count: 1 });
    waits.length = 0;
    const gaveUp = await processor(300_000).process(keyOf(other));
    expect(waits).toEqual([]);
    expect(gaveUp.state).toBe('unconfirmed');
    expect(await checkoutCalls(other)).toHaveLength(1);
  });

  it('a restart between checkout and recording the result resumes and reports the one order', async () => {
    const cartId = await newCart();
    // The first process "dies" when it tries to record `done`.
    let crashed = false;
    const crashing = Object.create(storage) as SqliteStorage;
    crashing.write = async (changes: StoreItems) => {
      const record = (Object.values(changes)[0] as { record?: CheckoutRecord } | undefined)?.record;
      if (!crashed && record?.cartId === cartId && record.state === 'done') {
        crashed = true;
        throw new Error('process killed');
      }
      return storage.write(changes);
    };
    const delivered: CheckoutRecord[] = [];
    const runnerOver = (store: SqliteStorage) => {
      const ledger = new CheckoutLedger(store);
      return new CheckoutRunner({
        ledger,
        processor: processorOver(ledger),
        logger: silent,
        resumeDelayMs: 60_000,
        deliver: async (record) => {
          delivered.push(record);
        },
      });
    };
    const first = runnerOver(crashing);
    const context = placeOrderContext('a:1');
    const outcome = await first.placeOrder(
      context,
      { cartId, identity: identityOf(), customer: contoso, correlationId: 'corr', cardActivityId: 'card-1' },
      async () => undefined,
    );
    expect(outcome.started).toBe(true);
    await first.drain();
    first.close();
    expect(crashed).toBe(true);
    expect(delivered).toHaveLength(0);
    expect((await new CheckoutLedger(storage).get(keyOf(cartId)))?.state).toBe('submitted');

    const second = runnerOver(storage);
    expect(await second.recover()).toBe(1);
    await second.drain();
    second.close();
    expect(delivered).toHaveLength(1);
    expect(delivered[0].state).toBe('done');
    const calls = await checkoutCalls(cartId);
    expect(new Set(calls.map((c) => c.requestId)).size).toBe(1);
    expect(delivered[0].result?.orders).toHaveLength(1);
    const again = await purchase.checkout({ correlationId: 'verify' }, contoso, cartId);
    expect(again.orders.map((o) => o.id)).toEqual(delivered[0].result?.orders.map((o) => o.id));
  });

  it('a live owner renews its lease however long Partner Center takes; a sweeping instance never takes it over', async () => {
    const cartId = await newCart();
    // The checkout takes four leases' time; the other instance sweeps every 100 ms all along.
    await fault(cartId, { delayMs: 1_800 });
    const delivered: string[] = [];
    const runnerFor = (instanceId: string) => {
      const ledger = new CheckoutLedger(storage);
      return new CheckoutRunner({
        ledger,
        processor: processorOver(ledger),
        instanceId,
        leaseMs: 450,
        logger: silent,
        deliver: async (record) => {
          delivered.push(`${instanceId}:${record.state}`);
        },
      });
    };
    const a = runnerFor('instance-a');
    const b = runnerFor('instance-b');
    const context = placeOrderContext('a:lease');
    try {
      await a.placeOrder(
        context,
        { cartId, identity: identityOf(), customer: contoso, correlationId: 'corr', cardActivityId: 'c' },
        async () => undefined,
      );
      b.sweepEvery(100);
      await a.drain();
      await b.drain();
    } finally {
      a.close();
      b.close();
    }
    expect(delivered).toEqual(['instance-a:done']);
    expect(await checkoutCalls(cartId)).toHaveLength(1);
  });

  it('an instance starting while another runs a checkout leaves it alone: one call, one delivery', async () => {
    const cartId = await newCart();
    await fault(cartId, { delayMs: 500 });
    const delivered: string[] = [];
    const runnerFor = (instanceId: string) => {
      const ledger = new CheckoutLedger(storage);
      return new CheckoutRunner({
        ledger,
        processor: processorOver(ledger),
        logger: silent,
        instanceId,
        deliver: async (record) => {
          delivered.push(`${instanceId}:${record.state}`);
        },
      });
    };
    const a = runnerFor('instance-a');
    const context = placeOrderContext('a:2');
    await a.placeOrder(
      context,
      { cartId, identity: identityOf(), customer: contoso, correlationId: 'corr', cardActivityId: 'c' },
      async () => undefined,
    );
    const b = runnerFor('instance-b');
    expect(await b.recover()).toBe(0);
    await Promise.all([a.drain(), b.drain()]);
    a.close();
    b.close();
    expect(delivered).toEqual(['instance-a:done']);
    expect(await checkoutCalls(cartId)).toHaveLength(1);
    const ledger = new CheckoutLedger(storage);
    expect(await ledger.open()).toEqual([]);
    const late = await ledger.claim(claimOf(cartId, 'late-click'));
    expect(late.claimed).toBe(false);
    expect(await ledger.open()).toEqual([]);
  });

  describe('when the person must sign in first (live App+User)', () => {
    const reference = { channelId: 'msteams', user: { id: '29:u1', name: 'Alex' }, conversation: { id: 'a:9' } };

    /**
     * The bot's token service for one person, signed in on Teams as 29:u1: it hands out their assertion `uses` times
     * (then the sign-in has lapsed) and records the sign-in location of every lookup.
     */
    function tokenService(uses: number): UserAssertionSource & {
      uses: number;
      lookups: NonNullable<PartnerCenterCallContext['user']>['signIn'][];
    } {
      const service = {
        uses,
        lookups: [] as NonNullable<PartnerCenterCallContext['user']>['signIn'][],
        assertionFor: async (user: NonNullable<PartnerCenterCallContext['user']>) => {
          service.lookups.push(user.signIn);
          const mine = user.signIn?.channelId === 'msteams' && user.signIn.channelUserId === '29:u1';
          if (!mine || service.uses <= 0) return undefined;
          service.uses -= 1;
          return 'assertion-of-alex';
        },
      };
      return service;
    }

    // Stands in for Entra ID: the assertion becomes the simulator's App+User token for Alex.
    const entra = (): OnBehalfOfTokenSource => ({
      acquireTokenOnBehalfOf: async ({ oboAssertion }) => ({
        accessToken: oboAssertion === 'assertion-of-alex' ? 'user:alex' : 'user:stranger',
      }),
    });

    function liveProcessor(ledger: CheckoutLedger, assertions: UserAssertionSource, maxAttempts = 4) {
      const client = createPartnerCenterClient(
        {
          baseUrl: simulator.url,
          mode: 'live',
          auth: 'app+user',
          applicationName: 'checkout-sign-in-tests',
          timeoutMs: 2_000,
          maxRetries: 3,
          retryDeadlineMs: 20_000,
          maxRetryAfterSeconds: 1,
          msal: {
            tenantId: 't',
            clientId: 'bot',
            clientSecret: 's',
            authorityHost: 'https://login.microsoftonline.com',
          },
        },
        { assertions, onBehalfOfClient: entra },
      );
      const sleep = jest.fn(async () => undefined);
      const processor = new CheckoutProcessor({
        ledger,
        purchase: new PartnerCenterPurchaseService(client),
        recentOrders: new RecentOrdersStore(storage),
        budget: { maxAttempts, maxDurationMs: 600_000 },
        backoffMs: () => 1_000,
        sleep,
      });
      return { processor, sleep };
    }

    async function claimed(cartId: string, requestId: string, conversationReference: Record<string, unknown>) {
      const ledger = new CheckoutLedger(storage);
      await ledger.claim({ ...claimOf(cartId, requestId), target: { conversationReference, activityId: 'card' } });
      return ledger;
    }

    it('stops after one attempt without waiting, stays submitted and marked waiting for sign-in, buying nothing', async () => {
      const cartId = await newCart();
      const ledger = await claimed(cartId, 'request-not-signed-in', reference);
      const { processor, sleep } = liveProcessor(ledger, tokenService(0));

      const record = await processor.process(keyOf(cartId));

      expect(record.state).toBe('submitted');
      expect(record.waitingForSignIn).toBe(true);
      expect(record.attempts).toBe(1);
      expect(record.failure).toBeUndefined();
      expect(sleep).not.toHaveBeenCalled();
      expect(await checkoutCalls(cartId)).toHaveLength(0);
      expect((await ledger.get(keyOf(cartId)))?.waitingForSignIn).toBe(true);
      expect((await ledger.open()).map((r) => r.cartId)).toContain(cartId);
    });

    it('a sign-in lapsing after a committed but unanswered attempt resumes with the same MS-RequestId and buys once', async () => {
      const cartId = await newCart();
      const ledger = await claimed(cartId, 'request-lapsed', reference);
      await fault(cartId, { drop: 'after' });
      const service = tokenService(1);

      const waiting = await liveProcessor(ledger, service).processor.process(keyOf(cartId));
      expect(waiting.state).toBe('submitted');
      expect(waiting.waitingForSignIn).toBe(true);
      expect(await checkoutCalls(cartId)).toHaveLength(1);

      service.uses = 10;
      const { processor, sleep } = liveProcessor(ledger, service);
      const done = await processor.process(keyOf(cartId));

      expect(done.state).toBe('done');
      expect(done.waitingForSignIn).toBeUndefined();
      expect((await ledger.get(keyOf(cartId)))?.waitingForSignIn).toBeUndefined();
      expect(done.result?.orders).toHaveLength(1);
      expect(sleep).not.toHaveBeenCalled();
      const calls = await checkoutCalls(cartId);
      expect(calls).toHaveLength(2);
      expect(new Set(calls.map((c) => c.requestId))).toEqual(new Set(['request-lapsed']));
      const again = await purchase.checkout({ correlationId: 'verify' }, contoso, cartId);
      expect(again.orders.map((o) => o.id)).toEqual(done.result?.orders.map((o) => o.id));
    });

    it('an attempt that gets past the token clears the flag even when its outcome stays unknown', async () => {
      const cartId = await newCart();
      const ledger = await claimed(cartId, 'request-then-503', reference);
      const service = tokenService(0);
      expect((await liveProcessor(ledger, service).processor.process(keyOf(cartId))).waitingForSignIn).toBe(true);

      service.uses = 100;
      await fault(cartId, { status: 503, count: 100 });
      const stuck = await liveProcessor(ledger, service, 2).processor.process(keyOf(cartId));

      expect(stuck.state).toBe('unconfirmed');
      expect(stuck.waitingForSignIn).toBeUndefined();
      expect((await ledger.get(keyOf(cartId)))?.waitingForSignIn).toBeUndefined();
      expect((await checkoutCalls(cartId)).length).toBeGreaterThan(0);
    });

    it('a refusal after signing in is recorded as failed and clears the flag', async () => {
      const cartId = await newCart();
      const ledger = await claimed(cartId, 'request-then-refused', reference);
      const service = tokenService(0);
      await liveProcessor(ledger, service).processor.process(keyOf(cartId));

      service.uses = 10;
      await fault(cartId, {
        status: 403,
        body: { code: 800069, description: 'Order failed Risk Management check', data: [], source: 'PartnerFD' },
      });
      const failed = await liveProcessor(ledger, service).processor.process(keyOf(cartId));

      expect(failed.state).toBe('failed');
      expect(failed.failure?.code).toBe('800069');
      expect(failed.waitingForSignIn).toBeUndefined();
    });

    it('the runner shows "waiting for sign-in" once however often it retries, and places the order once signed in', async () => {
      const cartId = await newCart();
      const ledger = await claimed(cartId, 'request-runner-waiting', reference);
      const service = tokenService(0);
      const delivered: CheckoutRecord[] = [];
      const runner = new CheckoutRunner({
        ledger,
        processor: liveProcessor(ledger, service).processor,
        logger: silent,
        resumeDelayMs: 60_000,
        deliver: async (record) => {
          delivered.push(record);
        },
      });
      try {
        for (let retry = 0; retry < 3; retry += 1) {
          await runner.recover();
          await runner.drain();
        }
        expect(delivered.map((r) => r.waitingForSignIn)).toEqual([true]);
        expect(await runner.resumeWaitingFor('someone-else')).toBe(0);

        service.uses = 10;
        expect(await runner.resumeWaitingFor('u1')).toBe(1);
        await runner.drain();
        expect(delivered.map((r) => r.state)).toEqual(['submitted', 'done']);
        expect(await checkoutCalls(cartId)).toHaveLength(1);
        expect(await runner.resumeWaitingFor('u1')).toBe(0);
      } finally {
        runner.close();
      }
    });

    it("looks the person's sign-in up by the channel and channel user id of the order's conversation", async () => {
      const cartId = await newCart();
      const ledger = await claimed(cartId, 'request-signed-in', reference);
      const service = tokenService(10);

      const done = await liveProcessor(ledger, service).processor.process(keyOf(cartId));

      expect(done.state).toBe('done');
      expect(service.lookups[0]).toEqual({ channelId: 'msteams', channelUserId: '29:u1' });
    });

    it.each<[string, Record<string, unknown>]>([
      ['no channel', { user: { id: '29:u1' } }],
      ['a channel that is not text', { channelId: 7, user: { id: '29:u1' } }],
      ['no user', { channelId: 'msteams' }],
      ['a user without an id', { channelId: 'msteams', user: { name: 'Alex' } }],
      ['a user that is not an object', { channelId: 'msteams', user: '29:u1' }],
    ])(
      'a conversation reference with %s gives no sign-in location, so the person is asked to sign in',
      async (_c, ref) => {
        const cartId = await newCart();
        const ledger = await claimed(cartId, `request-odd-${cartId}`, ref);
        const service = tokenService(10);

        const record = await liveProcessor(ledger, service).processor.process(keyOf(cartId));

        expect(service.lookups).toEqual([undefined]);
        expect(record.waitingForSignIn).toBe(true);
        expect(await checkoutCalls(cartId)).toHaveLength(0);
      },
    );
  });
});
