import { TestAdapter, TurnContext } from 'botbuilder';
import { CheckoutRunner } from '../../bot/CheckoutRunner';
import { checkoutOutcomeCard } from '../../dialogs/checkoutOutcomeCard';
import { AuditTrail } from '../../services/audit/AuditTrail';
import { type CartIdentity, checkoutKeyOf } from '../../services/checkout/cartIdentity';
import { CheckoutLedger, isPartialOutcome, type CheckoutRecord } from '../../services/checkout/CheckoutLedger';
import { CheckoutProcessor } from '../../services/checkout/CheckoutProcessor';
import { createPartnerCenterClient } from '../../services/partnerCenter/createPartnerCenterClient';
import type { PartnerCenterClient } from '../../services/partnerCenter/PartnerCenterClient';
import { PartnerCenterPurchaseService } from '../../services/purchase/PartnerCenterPurchaseService';
import type { CustomerDetails } from '../../services/purchase/types';
import { RecentOrdersStore } from '../../services/storage/RecentOrdersStore';
import { RunningSimulator, startSimulator } from '../../simulator/server';
import { textOf } from '../support/dialogHarness';
import { MemoryAtomicStorage } from '../support/MemoryAtomicStorage';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const SOFTWARE_SUBSCRIPTION = 'DG7GMGF0FKZW';
const PERPETUAL = 'DG7GMGF0D7FV';
const ctx = { correlationId: 'partial-tests', user: { id: 'u1', name: 'alex' } };
const CARD = 'application/vnd.microsoft.card.adaptive';

describe('a checkout Partner Center answers with orders and orderErrors, or orderErrors only', () => {
  let simulator: RunningSimulator;
  let client: PartnerCenterClient;
  let purchase: PartnerCenterPurchaseService;
  let contoso: CustomerDetails;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, orderListDelaySeconds: 0 });
    client = createPartnerCenterClient({
      baseUrl: simulator.url,
      mode: 'local',
      auth: 'app+user',
      applicationName: 'partial-checkout-tests',
      timeoutMs: 2_000,
      maxRetries: 3,
      retryDeadlineMs: 20_000,
      maxRetryAfterSeconds: 1,
    });
    purchase = new PartnerCenterPurchaseService(client);
    const [match] = (await purchase.searchCustomers(ctx, 'Contoso Ltd', 1)).matches;
    contoso = await purchase.getCustomer(ctx, match.id);
  });
  afterAll(() => simulator.close());

  async function control(path: string, body: unknown): Promise<void> {
    const response = await fetch(`${simulator.url}/_simulator/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(204);
  }

  async function catalogItemIdOf(productId: string): Promise<string> {
    const [availability] = await client.listAvailabilities(ctx, { country: 'US', productId, skuId: '0001' });
    return availability.catalogItemId;
  }

  /** A cart of 8 Windows Server subscription packs (line 0) and 2 Office LTSC perpetual licences (line 1). */
  async function twoLineCart(): Promise<string> {
    const cart = await client.createCart(ctx, {
      customerId: contoso.id,
      cart: {
        lineItems: [
          { catalogItemId: await catalogItemIdOf(SOFTWARE_SUBSCRIPTION), quantity: 8, billingCycle: 'one_time' },
          { catalogItemId: await catalogItemIdOf(PERPETUAL), quantity: 2, billingCycle: 'one_time' },
        ],
      },
    });
    return cart.id;
  }

  async function checkoutCalls(cartId: string): Promise<number> {
    const { items } = (await (await fetch(`${simulator.url}/_simulator/requests`)).json()) as {
      items: { method: string; path: string }[];
    };
    return items.filter((e) => e.method === 'POST' && e.path.toLowerCase().endsWith(`/carts/${cartId}/checkout`))
      .length;
  }

  const identityOf = (): CartIdentity => ({ customerId: contoso.id, lines: [] });

  /** Places the cart's order through the runner, as "Place order" does, and returns the final ledger record. */
  async function placeThroughRunner(cartId: string, audit: AuditTrail): Promise<CheckoutRecord> {
    const storage = new MemoryAtomicStorage();
    const ledger = new CheckoutLedger(storage);
    const delivered: CheckoutRecord[] = [];
    const processor = new CheckoutProcessor({
      ledger,
      purchase,
      recentOrders: new RecentOrdersStore(storage),
      budget: { maxAttempts: 4, maxDurationMs: 600_000 },
      backoffMs: () => 0,
    });
    const runner = new CheckoutRunner({
      ledger,
      processor,
      audit,
      logger: silent,
      deliver: async (record) => {
        delivered.push(record);
      },
    });
    const context = new TurnContext(new TestAdapter(), {
      type: 'message',
      channelId: 'msteams',
      from: { id: '29:u1', name: 'Alex', aadObjectId: 'u1' },
      conversation: { id: `a:${cartId}`, isGroup: false, conversationType: 'personal', name: '' },
      recipient: { id: '28:bot', name: 'bot' },
      serviceUrl: 'http://127.0.0.1:1',
    });
    await runner.placeOrder(
      context,
      { cartId, identity: identityOf(), customer: contoso, correlationId: `corr-${cartId}`, cardActivityId: 'card' },
      async () => undefined,
    );
    await runner.drain();
    runner.close();
    expect(delivered).toHaveLength(1);
    // Processing a final record again sends nothing: a partial outcome is as final as a whole one.
    const again = await processor.process(checkoutKeyOf(cartId, identityOf()));
    expect(again.state).toBe(delivered[0].state);
    return delivered[0];
  }

  it('records a partial outcome once, audits it as partial, and shows what was bought and what was refused', async () => {
    await control('catalog/orderGroups', { productId: PERPETUAL, orderGroup: '1' });
    await control('checkout/refusals', {
      orderGroup: '1',
      code: 800069,
      description: 'Order failed Risk Management check',
    });
    const cartId = await twoLineCart();
    const audit = new AuditTrail(new MemoryAtomicStorage());

    const record = await placeThroughRunner(cartId, audit);

    expect(record.state).toBe('done');
    expect(isPartialOutcome(record)).toBe(true);
    expect(record.result?.orders.map((order) => order.lines.map((line) => line.quantity))).toEqual([[8]]);
    expect(record.result?.problems).toEqual([
      {
        orderGroupId: '1',
        code: '800069',
        key: 'code.riskCheck',
        sentence: "The order didn't pass Microsoft's risk check; contact Partner Center support.",
        description: 'Order failed Risk Management check',
        lines: [{ name: 'Office LTSC Professional Plus 2021', quantity: 2 }],
      },
    ]);
    expect(await checkoutCalls(cartId)).toBe(1);

    const [latest] = await audit.latest(1);
    expect(latest.result).toBe('partial');
    expect(latest.orderIds).toEqual(record.result?.orders.map((order) => order.id));
    expect(latest.detail).toContain('order group 1 refused (code 800069)');

    const card = textOf({ attachments: [{ contentType: CARD, content: checkoutOutcomeCard(record) }] });
    expect(card).toContain('Order partly placed');
    expect(card).toContain(record.result?.orders[0].id);
    expect(card).toContain('Not ordered');
    expect(card).toContain('2 × Office LTSC Professional Plus 2021');
    expect(card).toContain('Order failed Risk Management check');
    expect(card).toContain('Partner Center code 800069');
  });

  it('records a checkout with order errors only as refused: nothing bought, nothing retried', async () => {
    await control('checkout/refusals', { code: 800005, description: "Create order isn't successful" });
    const cartId = await twoLineCart();
    const audit = new AuditTrail(new MemoryAtomicStorage());

    const record = await placeThroughRunner(cartId, audit);

    expect(record.state).toBe('failed');
    expect(record.result?.orders).toEqual([]);
    expect(record.failure?.code).toBe('800005');
    expect(await checkoutCalls(cartId)).toBe(1);
    const [latest] = await audit.latest(1);
    expect(latest.result).toBe('failed');
    expect(latest.orderIds).toEqual([]);

    const card = textOf({ attachments: [{ contentType: CARD, content: checkoutOutcomeCard(record) }] });
    expect(card).toContain('Order not placed');
    expect(card).toContain('Nothing was bought.');
    expect(card).toContain('8 × Windows Server 2022 Standard - 2 Core License Pack');
    expect(card).toContain("Create order isn't successful");
    expect(card).not.toContain('Order ID');
  });
});
