import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Activity, type StoreItems, TestAdapter, TurnContext } from 'botbuilder';
import { type CartIdentity, checkoutKeyOf } from '../../services/checkout/cartIdentity';
import { CheckoutLedger, type CheckoutRecord } from '../../services/checkout/CheckoutLedger';
import { LocalTokenProvider } from '../../services/partnerCenter/auth/LocalTokenProvider';
import { PartnerCenterTransport } from '../../services/partnerCenter/http/PartnerCenterTransport';
import { PartnerCenterClient } from '../../services/partnerCenter/PartnerCenterClient';
import { BILLING_CYCLES, type BillingCycle } from '../../services/partnerCenter/schemas/billingCycle';
import type { CartLineItemInput } from '../../services/partnerCenter/schemas/cart';
import { PartnerCenterPurchaseService } from '../../services/purchase/PartnerCenterPurchaseService';
import type { CustomerDetails } from '../../services/purchase/types';
import { SqliteStorage } from '../../services/storage/SqliteStorage';
import { startSimulator } from '../../simulator/server';
import { ProcessKilledError } from './DyingStorage';
import { type CheckoutFault, drawPurchasePlan, FAULT_KINDS, type FaultKind, type PurchasePlan } from './faultPlan';
import { seededRandom } from './seededRandom';
import { SimulatorJournal } from './SimulatorJournal';
import { type SoakObservations, SoakBotProcess } from './SoakBotProcess';

/** How big and how hard one soak is. */
export interface CheckoutSoakOptions {
  purchases: number;
  seed: number;
  /** Purchases in flight at once. */
  concurrency: number;
  /** How many of the simulator's customers the purchases are spread over. */
  customers: number;
  /** The client's per-attempt timeout; faults that must time out stay above it. */
  clientTimeoutMs?: number;
  /** Real milliseconds per waited millisecond are divided by this (Retry-After, backoff and rounds don't take real seconds). */
  timeCompression?: number;
  /** Real-time bound on waiting for every checkout to end after the last click. */
  settleTimeoutMs?: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** What a soak saw; every list names the carts concerned, so a failure points at a replayable purchase. */
export interface CheckoutSoakReport {
  seed: number;
  purchases: number;
  faults: Record<FaultKind, number>;
  customers: number;
  /** Times a bot process was killed and a new one recovered. */
  restarts: number;
  cartsDone: number;
  cartsFailed: number;
  /** Carts not ending `done` with one order or `failed` with a sentence (or never marked delivered). */
  lostPurchases: string[];
  /** Carts recorded `failed` although Partner Center did not refuse them. */
  unexpectedFailures: string[];
  /** New orders listed by the simulator for the soak's customers. */
  ordersCreated: number;
  /** Orders the ledger recorded, one per done cart. */
  ordersInLedger: number;
  /** Listed orders no ledger record accounts for: a cart bought twice. */
  duplicateOrders: number;
  /** Ledger orders the simulator does not list. */
  ordersMissingInSimulator: string[];
  finalDeliveries: number;
  interimDeliveries: number;
  cartsDeliveredOnce: number;
  /** Final outcome shown again because a process died between showing it and recording that it was shown. */
  cartsRedeliveredAfterKill: number;
  undelivered: string[];
  /** Final outcome shown more than once without a death to explain it. */
  repeatedDeliveries: string[];
  /** Final outcome shown that differs from the ledger's. */
  mismatchedDeliveries: string[];
  acknowledgements: number;
  acknowledgedTwice: string[];
  checkoutCalls: number;
  /** Carts with a checkout call whose MS-RequestId is not the ledger's. */
  foreignRequestIds: string[];
  /** "Place order" failing on a live process (Teams would redeliver it). */
  clickErrors: string[];
  loggedErrors: string[];
  /** Carts still listed in the ledger's open index after every outcome was final and shown. */
  openIndexLeftovers: string[];
  elapsedMs: number;
}

interface Offer {
  customer: CustomerDetails;
  line: CartLineItemInput;
}

interface Purchase {
  index: number;
  plan: PurchasePlan;
  offer: Offer;
  cartId?: string;
  identity?: CartIdentity;
  /** The ledger's key of the cart's checkout. */
  key?: string;
}

const MAX_CLICK_DELIVERIES = 6;
const JOURNAL_POLL_EVERY = 50;
const OPEN_INDEX_KEY = 'checkout-ledger/open';
const SETUP_TIMEOUT_MS = 10_000;
const OUTCOME_WAIT_MS = 20_000;

/**
 * Runs randomized purchases against the real simulator through the real checkout ledger, processor and runner on
 * SQLite, each meeting one drawn fault, killing and restarting the bot process where a purchase says so; then counts
 * orders, outcomes and MS-RequestIds. The caller decides what must hold; the report only states what happened.
 */
export async function runCheckoutSoak(options: CheckoutSoakOptions): Promise<CheckoutSoakReport> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const clientTimeoutMs = options.clientTimeoutMs ?? 300;
  const compression = options.timeCompression ?? 1000;
  const random = seededRandom(options.seed);
  const plans = Array.from({ length: options.purchases }, () => drawPurchasePlan(random, clientTimeoutMs));

  const simulator = await startSimulator({
    port: 0,
    throttlePerMinute: 1_000_000,
    checkoutProcessingMs: 20,
    orderListDelaySeconds: 60,
    orderCompletionSeconds: 30,
  });
  const directory = mkdtempSync(join(tmpdir(), 'checkout-soak-'));
  const processes: SoakBotProcess[] = [];
  let observer: SqliteStorage | undefined;
  try {
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.ceil(ms / compression)));
    const tokens = new LocalTokenProvider({ baseUrl: simulator.url, auth: 'app' });
    const clientWith = (timeoutMs: number, alive: () => boolean) =>
      new PartnerCenterClient(
        new PartnerCenterTransport({
          baseUrl: simulator.url,
          tokenProvider: {
            isLocal: true,
            getToken: async (ctx) => {
              if (!alive()) throw new ProcessKilledError();
              return tokens.getToken(ctx);
            },
          },
          applicationName: 'checkout-soak',
          timeoutMs,
          maxRetries: 3,
          retryDeadlineMs: 600_000,
          maxRetryAfterSeconds: 60,
          sleep,
        }),
      );
    // Only checkouts run on the short timeout: carts and listings are the stage, not the play, and a busy machine
    // must not fail the setup.
    const client = clientWith(SETUP_TIMEOUT_MS, () => true);
    const purchaseFor = (alive: () => boolean) => new PartnerCenterPurchaseService(clientWith(clientTimeoutMs, alive));
    const offers = await offersFor(client, new PartnerCenterPurchaseService(client), options.customers);
    const ordersBefore = await listedOrderIds(client, offers);
    const purchases: Purchase[] = plans.map((plan, index) => ({ index, plan, offer: offers[index % offers.length] }));

    const outcomeWaiters = new Map<string, () => void>();
    const observations: SoakObservations = {
      deliveries: [],
      acknowledgements: new Map(),
      loggedErrors: [],
      shownFinal: (cartId) => outcomeWaiters.get(cartId)?.(),
    };
    const crashCarts = new Set<string>();
    const crashed = new Set<string>();
    // Carts whose record write fails once, in a process that lives on (a busy or briefly full disk, a Blob 503).
    const storageFaultCarts = new Map<string, 'submitted' | 'done'>();
    const failsOnce = (changes: StoreItems): boolean =>
      Object.values(changes).some((item) => {
        const record = (item as { record?: Partial<CheckoutRecord> } | undefined)?.record;
        const at = record?.cartId ? storageFaultCarts.get(record.cartId) : undefined;
        if (!record?.cartId || !at || record.state !== at) return false;
        storageFaultCarts.delete(record.cartId);
        return true;
      });
    const recoveries: Promise<unknown>[] = [];
    const killsProcess = (changes: StoreItems): boolean =>
      Object.values(changes).some((item) => {
        const record = (item as { record?: Partial<CheckoutRecord> } | undefined)?.record;
        if (!record?.cartId || record.state !== 'done') return false;
        if (!crashCarts.has(record.cartId) || crashed.has(record.cartId)) return false;
        crashed.add(record.cartId);
        return true;
      });
    const world: { current?: SoakBotProcess } = {};
    const startProcess = (): SoakBotProcess => {
      const bot = new SoakBotProcess({
        generation: processes.length,
        directory,
        purchaseFor,
        sleep,
        resumeDelayMs: 50,
        observations,
        killsProcess,
        failsOnce,
        // The next process starts at once and resumes whatever the dead one left open.
        onDeath: () => {
          const next = startProcess();
          recoveries.push(
            next.runner.recover().catch((error: unknown) => {
              if (!next.isDead) observations.loggedErrors.push(`recover() failed: ${String(error)}`);
            }),
          );
        },
      });
      processes.push(bot);
      world.current = bot;
      return bot;
    };
    startProcess();

    const journal = new SimulatorJournal(simulator.url);
    await journal.poll();
    let journalPolls = Promise.resolve();
    const pollJournal = () => (journalPolls = journalPolls.then(() => journal.poll()));

    const adapter = new TestAdapter();
    const clickErrors: string[] = [];
    const click = async (item: Purchase, cartId: string, activityId: string): Promise<void> => {
      const order = {
        cartId,
        identity: item.identity as CartIdentity,
        customer: item.offer.customer,
        correlationId: `soak-${options.seed}-${item.index}`,
        cardActivityId: `card-${item.index}`,
      };
      for (let delivery = 1; delivery <= MAX_CLICK_DELIVERIES; delivery += 1) {
        const bot = world.current as SoakBotProcess;
        try {
          await bot.placeOrder(new TurnContext(adapter, placeOrderActivity(item.index, activityId)), order);
          return;
        } catch (error) {
          // Teams redelivers an activity that got no answer; it reaches whichever process runs by then.
          if (!(error instanceof ProcessKilledError) && !bot.isDead) {
            clickErrors.push(`${cartId}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      }
      throw new Error(`"Place order" for cart ${cartId} was never answered`);
    };

    const runPurchase = async (item: Purchase): Promise<void> => {
      const cart = await client.createCart(
        { correlationId: `soak-${options.seed}-${item.index}` },
        { customerId: item.offer.customer.id, cart: { lineItems: [item.offer.line] } },
      );
      item.cartId = cart.id;
      item.identity = {
        customerId: item.offer.customer.id,
        ...(cart.creationTimestamp ? { createdAt: cart.creationTimestamp } : {}),
        lines: [{ productId: item.offer.line.catalogItemId, skuId: '', quantity: item.offer.line.quantity }],
      };
      item.key = checkoutKeyOf(cart.id, item.identity);
      const { plan } = item;
      if (plan.fault) await addCheckoutFault(simulator.url, item.offer.customer.id, cart.id, plan.fault);
      if (plan.kind === 'crash-before-recording') crashCarts.add(cart.id);
      if (plan.storageFaultAt) storageFaultCarts.set(cart.id, plan.storageFaultAt);
      // The purchase occupies its slot until its outcome is shown, as a user waits for the card: without this the
      // clicks would race ahead and leave every checkout running at once.
      let timer: NodeJS.Timeout | undefined;
      const shown = new Promise<void>((resolve) => {
        outcomeWaiters.set(cart.id, resolve);
        timer = setTimeout(resolve, OUTCOME_WAIT_MS);
      });
      const activityId = `activity-${item.index}`;
      if (plan.concurrentClicks) {
        await Promise.all([click(item, cart.id, activityId), click(item, cart.id, `${activityId}-again`)]);
      } else {
        for (let delivery = 1; delivery <= plan.deliveries; delivery += 1) {
          if (delivery > 1) await new Promise((resolve) => setTimeout(resolve, plan.gapMs));
          await click(item, cart.id, activityId);
        }
      }
      await shown;
      clearTimeout(timer);
      outcomeWaiters.delete(cart.id);
    };

    let next = 0;
    let completed = 0;
    const worker = async (): Promise<void> => {
      while (next < purchases.length) {
        const item = purchases[next];
        next += 1;
        await runPurchase(item);
        completed += 1;
        const done = completed;
        if (done % JOURNAL_POLL_EVERY === 0) await pollJournal();
        if (done % 1000 === 0) log(`${done} purchases done after ${Math.round(performance.now() - started)} ms`);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    log(`all ${purchases.length} purchases clicked after ${Math.round(performance.now() - started)} ms`);

    observer = new SqliteStorage({ directory });
    const ledger = new CheckoutLedger(observer);
    const deadline = Date.now() + (options.settleTimeoutMs ?? 30_000);
    for (;;) {
      await (world.current as SoakBotProcess).runner.drain();
      await pollJournal();
      if ((await ledger.open()).length === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await Promise.allSettled(recoveries);
    // What dead processes still had running can only fail against their dead storage; let it end.
    let giveUp: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(processes.map((p) => p.runner.drain())),
      new Promise((resolve) => (giveUp = setTimeout(resolve, 10_000))),
    ]);
    clearTimeout(giveUp);
    await pollJournal();

    await fetch(`${simulator.url}/_simulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 3600 }),
    });
    const ordersAfter = await listedOrderIds(client, offers);
    const newOrders = [...ordersAfter].filter((id) => !ordersBefore.has(id));

    const checkoutCalls = new Map<string, string[]>();
    for (const entry of journal.entries) {
      const match = /\/carts\/([^/]+)\/checkout$/i.exec(entry.path);
      if (entry.method !== 'POST' || !match) continue;
      const cartId = match[1].toLowerCase();
      checkoutCalls.set(cartId, [...(checkoutCalls.get(cartId) ?? []), entry.requestId]);
    }
    const markDeliveredRefused = new Set(processes.flatMap((p) => [...p.markDeliveredRefused()]));
    const index = (await observer.read([OPEN_INDEX_KEY]))[OPEN_INDEX_KEY] as { cartIds?: string[] } | undefined;

    const report: CheckoutSoakReport = {
      seed: options.seed,
      purchases: purchases.length,
      faults: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>,
      customers: offers.length,
      restarts: processes.length - 1,
      cartsDone: 0,
      cartsFailed: 0,
      lostPurchases: [],
      unexpectedFailures: [],
      ordersCreated: newOrders.length,
      ordersInLedger: 0,
      duplicateOrders: 0,
      ordersMissingInSimulator: [],
      finalDeliveries: 0,
      interimDeliveries: 0,
      cartsDeliveredOnce: 0,
      cartsRedeliveredAfterKill: 0,
      undelivered: [],
      repeatedDeliveries: [],
      mismatchedDeliveries: [],
      acknowledgements: 0,
      acknowledgedTwice: [],
      checkoutCalls: [...checkoutCalls.values()].reduce((sum, ids) => sum + ids.length, 0),
      foreignRequestIds: [],
      clickErrors,
      loggedErrors: observations.loggedErrors,
      openIndexLeftovers: [],
      elapsedMs: 0,
    };
    const deliveriesByCart = new Map<string, typeof observations.deliveries>();
    for (const delivery of observations.deliveries) {
      const final = delivery.state === 'done' || delivery.state === 'failed';
      if (!final) {
        report.interimDeliveries += 1;
        continue;
      }
      report.finalDeliveries += 1;
      deliveriesByCart.set(delivery.cartId, [...(deliveriesByCart.get(delivery.cartId) ?? []), delivery]);
    }
    const ledgerOrders = new Set<string>();
    for (const item of purchases) {
      report.faults[item.plan.kind] += 1;
      const cartId = item.cartId as string;
      const label = `${cartId} (${item.plan.kind}, purchase ${item.index})`;
      const record = await ledger.get(item.key as string);
      if (!record) {
        report.lostPurchases.push(`${label}: no ledger record`);
        continue;
      }
      if (record.state === 'done') {
        report.cartsDone += 1;
        const orders = record.result?.orders ?? [];
        if (orders.length !== 1) report.lostPurchases.push(`${label}: done with ${orders.length} orders`);
        for (const order of orders) {
          if (ledgerOrders.has(order.id)) report.lostPurchases.push(`${label}: order ${order.id} also another cart's`);
          ledgerOrders.add(order.id);
        }
      } else if (record.state === 'failed') {
        report.cartsFailed += 1;
        if (!record.failure?.sentence) report.lostPurchases.push(`${label}: failed without a sentence`);
        if (item.plan.kind !== 'refused') report.unexpectedFailures.push(`${label}: ${record.failure?.sentence}`);
      } else {
        report.lostPurchases.push(`${label}: left ${record.state}`);
      }
      if (!record.delivered) report.lostPurchases.push(`${label}: outcome never marked shown`);

      const finals = deliveriesByCart.get(cartId) ?? [];
      if (finals.length === 0) report.undelivered.push(label);
      else if (finals.length === 1) report.cartsDeliveredOnce += 1;
      else if (finals.length === 2 && markDeliveredRefused.has(cartId)) report.cartsRedeliveredAfterKill += 1;
      else report.repeatedDeliveries.push(`${label}: ${finals.length} times`);
      const expectedOrders = (record.result?.orders ?? []).map((o) => o.id).join(',');
      if (finals.some((d) => d.state !== record.state || d.orderIds.join(',') !== expectedOrders)) {
        report.mismatchedDeliveries.push(label);
      }

      const acks = observations.acknowledgements.get(cartId) ?? 0;
      report.acknowledgements += acks;
      if (acks > 1) report.acknowledgedTwice.push(`${label}: ${acks} times`);

      const requestIds = checkoutCalls.get(cartId.toLowerCase()) ?? [];
      const foreign = requestIds.filter((id) => id !== record.requestId);
      if (foreign.length > 0) report.foreignRequestIds.push(`${label}: ${foreign.length} of ${requestIds.length}`);
    }
    const labels = new Map(purchases.map((p) => [p.key as string, `${p.cartId} (${p.plan.kind})`]));
    report.openIndexLeftovers = (index?.cartIds ?? []).map((id) => labels.get(id) ?? id);
    report.ordersInLedger = ledgerOrders.size;
    report.duplicateOrders = newOrders.filter((id) => !ledgerOrders.has(id)).length;
    report.ordersMissingInSimulator = [...ledgerOrders].filter((id) => !ordersAfter.has(id));
    report.elapsedMs = Math.round(performance.now() - started);
    return report;
  } finally {
    for (const bot of processes) bot.close();
    observer?.close();
    await simulator.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** One software subscription offer per customer whose market sells them, with a current catalog item id. */
async function offersFor(
  client: PartnerCenterClient,
  purchase: PartnerCenterPurchaseService,
  wanted: number,
): Promise<Offer[]> {
  const ctx = { correlationId: 'checkout-soak-setup' };
  const offers: Offer[] = [];
  for (const summary of (await client.listCustomers(ctx, { size: 0 })).items) {
    if (offers.length >= wanted) break;
    const customer = await purchase.getCustomer(ctx, summary.id);
    if (!purchase.marketAvailability(customer).available.includes('software-subscriptions')) continue;
    const [product] = await purchase.listProducts(ctx, customer, 'software-subscriptions');
    if (!product) continue;
    const [sku] = await purchase.listSkus(ctx, customer, product.productId);
    if (!sku) continue;
    const terms = await purchase.listTerms(ctx, customer, sku.productId, sku.skuId);
    const term = terms.find((t) => (BILLING_CYCLES as readonly string[]).includes(t.billingCycle));
    if (!term) continue;
    const line: CartLineItemInput = {
      catalogItemId: term.catalogItemId,
      quantity: Math.max(1, sku.minimumQuantity),
      billingCycle: term.billingCycle as BillingCycle,
    };
    if (term.termDuration) line.termDuration = term.termDuration;
    offers.push({ customer, line });
  }
  if (offers.length === 0) throw new Error('the simulator offered no customer a software subscription');
  return offers;
}

async function listedOrderIds(client: PartnerCenterClient, offers: Offer[]): Promise<Set<string>> {
  const ctx = { correlationId: 'checkout-soak-orders' };
  const ids = new Set<string>();
  for (const { customer } of offers) {
    for (const order of await client.listOrders(ctx, { customerId: customer.id })) ids.add(order.id);
  }
  return ids;
}

async function addCheckoutFault(
  simulatorUrl: string,
  customerId: string,
  cartId: string,
  fault: CheckoutFault,
): Promise<void> {
  const response = await fetch(`${simulatorUrl}/_simulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method: 'POST', path: `/v1/customers/${customerId}/carts/${cartId}/checkout`, ...fault }),
  });
  if (response.status !== 201) throw new Error(`the simulator refused a fault: ${response.status}`);
}

/** "Place order" as Teams delivers it in a personal chat; the runner reads only the activity. */
function placeOrderActivity(index: number, activityId: string): Partial<Activity> {
  return {
    type: 'message',
    id: activityId,
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/amer/',
    from: { id: `29:soak-user-${index % 7}`, name: 'Alex Wilber', aadObjectId: `soak-user-${index % 7}` },
    recipient: { id: '28:purchase-bot', name: 'Purchase bot' },
    conversation: { id: `a:soak-${index}`, conversationType: 'personal', isGroup: false, name: '' },
    channelData: { tenant: { id: 'soak-tenant' } },
    locale: 'en-US',
    value: { verb: 'placeOrder', id: `action-${index}` },
  };
}
