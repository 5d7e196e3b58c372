import { randomUUID } from 'node:crypto';
import { createPartnerCenterClient } from '../../services/partnerCenter/createPartnerCenterClient';
import { CATALOG_SEED } from '../../simulator/data/catalogSeed';
import { clickToConfirmation, E2eStack, startE2eStack } from '../support/e2eStack';
import { readAll, TeamsUser } from '../support/teamsUser';

/** The card fact after its title ("SKU" → "Windows Server … - 1 year"). */
function fact(text: string, title: string): string {
  const lines = text.split('\n').map((line) => line.trim());
  return lines[lines.indexOf(title) + 1] ?? '';
}

describe('the duplicate guard over days also reads Partner Center’s order list, over HTTP', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    // Minutes off, days on: only the days-long guard can warn here.
    stack = await startE2eStack(
      { orderListDelaySeconds: 0, orderCompletionSeconds: 30 },
      { DUPLICATE_GUARD_MINUTES: '0', DUPLICATE_GUARD_DAYS: '7' },
    );
  });
  afterAll(() => stack.close());

  /** Buys the SKU directly in "Partner Center" (another tool), as the bot never saw it; returns the order id. */
  async function orderElsewhere(productTitle: string, skuTitle: string, quantity: number): Promise<string> {
    const product = CATALOG_SEED.find((p) => p.title === productTitle);
    const sku = product?.skus.find((s) => s.title === skuTitle);
    if (!product || !sku) throw new Error(`no ${productTitle} / ${skuTitle} in the catalog`);
    const client = createPartnerCenterClient({
      baseUrl: stack.simulator.url,
      mode: 'local',
      auth: 'app',
      applicationName: 'another-tool',
      timeoutMs: 10_000,
      maxRetries: 1,
      retryDeadlineMs: 20_000,
      maxRetryAfterSeconds: 2,
    });
    const ctx = { correlationId: randomUUID() };
    const [availability] = await client.listAvailabilities(ctx, {
      country: 'US',
      productId: product.id,
      skuId: sku.id,
    });
    const cart = await client.createCart(ctx, {
      customerId: stack.contosoId,
      cart: {
        lineItems: [
          {
            catalogItemId: availability.catalogItemId,
            quantity,
            billingCycle: 'one_time',
            ...(availability.terms[0]?.duration ? { termDuration: availability.terms[0].duration } : {}),
          },
        ],
      },
    });
    const result = await client.checkoutCart(ctx, { customerId: stack.contosoId, cartId: cart.id });
    return result.orders[0].id;
  }

  it('an order of the same SKU placed in Partner Center by another tool is shown before buying again; the bot’s own order once', async () => {
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:guard-days');
    await user.say('buy for Contoso Ltd');
    const quantity = await clickToConfirmation(user);
    const card = await user.waitFor(/Confirm your order/);
    const elsewhere = await orderElsewhere(fact(card, 'Product'), fact(card, 'SKU'), quantity + 2);

    const warned = readAll(await user.click('Place order'));
    expect(warned).toMatch(/You already ordered this for Contoso Ltd/);
    expect(warned).toContain(`${quantity + 2} × `);
    expect(warned).toContain(`order ${elsewhere} in Partner Center`);
    expect(warned).toMatch(/Nothing new has been bought/);

    // Pressed again: bought once.
    expect(readAll(await user.click('Place order'))).toMatch(/Placing your order/);
    await user.waitFor(/Order placed/);
    await stack.bot.checkouts.drain();

    // The next purchase lists both earlier ones, the bot's own from its ledger only (not again from the order list).
    const again = new TeamsUser(stack.bot.server.url, stack.channel, 'a:guard-days-again');
    await again.say('buy for Contoso Ltd');
    await clickToConfirmation(again);
    const second = readAll(await again.click('Place order'));
    const lines = second.split('\n').filter((line) => line.startsWith('- '));
    expect(lines).toHaveLength(2);
    expect(lines.filter((line) => line.includes(`${quantity} × `) && /placed as order/.test(line))).toHaveLength(1);
    expect(lines.filter((line) => line.includes(`order ${elsewhere} in Partner Center`))).toHaveLength(1);
  });
});
