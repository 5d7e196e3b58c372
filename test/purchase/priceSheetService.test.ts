import { randomUUID } from 'node:crypto';
import { createPartnerCenterClient } from '../../services/partnerCenter/createPartnerCenterClient';
import { createPriceSheetClient } from '../../services/partnerCenter/createPriceSheetClient';
import type { PartnerCenterCallContext } from '../../services/partnerCenter/PartnerCenterCallContext';
import type { PartnerCenterClient } from '../../services/partnerCenter/PartnerCenterClient';
import type { PartnerCenterSettings } from '../../services/partnerCenter/PartnerCenterSettings';
import {
  PriceSheetService,
  priceLineOf,
  type PriceQuestion,
  type PriceSheetServiceOptions,
} from '../../services/purchase/PriceSheetService';
import { CATALOG_SEED } from '../../simulator/data/catalogSeed';
import { findMarket, localPrice } from '../../simulator/data/markets';
import { startSimulator, type RunningSimulator } from '../../simulator/server';

let simulator: RunningSimulator;
let partnerCenter: PartnerCenterClient;

const user = { id: 'f2b4c9e0-7d51-4a0e-9a43-3c1f0f0a2b11', name: 'Alex Wilber' };
const ctx = (): PartnerCenterCallContext => ({ correlationId: randomUUID(), user });

function settings(overrides: Partial<PartnerCenterSettings> = {}): PartnerCenterSettings {
  return {
    baseUrl: simulator.url,
    mode: 'local',
    auth: 'app+user',
    applicationName: 'pc-bot-tests',
    timeoutMs: 10_000,
    maxRetries: 1,
    retryDeadlineMs: 20_000,
    maxRetryAfterSeconds: 2,
    ...overrides,
  };
}

function service(
  overrides: Partial<PriceSheetServiceOptions> = {},
  clientSettings: Partial<PartnerCenterSettings> = {},
): PriceSheetService {
  return new PriceSheetService(createPriceSheetClient(settings(clientSettings)), {
    refreshMs: 3_600_000,
    waitMs: 10_000,
    maxSheets: 4,
    ...overrides,
  });
}

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${simulator.url}/_simulator/${path}`, {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status}`);
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

async function priceSheetDownloads(): Promise<string[]> {
  const journal = (await control('GET', 'requests')) as { items: { path: string }[] };
  return journal.items.map((item) => item.path).filter((path) => path.startsWith('/v1.0/sales/'));
}

async function customerIn(country: string): Promise<string> {
  for await (const customer of partnerCenter.iterateCustomers(ctx(), { size: 100, maxPages: 5 })) {
    const full = await partnerCenter.getCustomer(ctx(), { customerId: customer.id });
    const billing = full.billingProfile?.defaultAddress as { country?: string } | undefined;
    if (billing?.country === country) return customer.id;
  }
  throw new Error(`no customer in ${country}`);
}

/** Buys one of a SKU and reads back the unit price Partner Center (the simulator) charged. */
async function chargedUnitPrice(customerId: string, country: string, productId: string, skuId: string) {
  const [availability] = await partnerCenter.listAvailabilities(ctx(), { country, productId, skuId });
  const sku = CATALOG_SEED.find((p) => p.id === productId)?.skus.find((s) => s.id === skuId);
  const cart = await partnerCenter.createCart(ctx(), {
    customerId,
    cart: {
      lineItems: [
        {
          catalogItemId: availability.catalogItemId,
          quantity: sku?.minimumQuantity ?? 1,
          billingCycle: 'one_time',
          ...(availability.terms[0]?.duration ? { termDuration: availability.terms[0].duration } : {}),
        },
      ],
    },
  });
  const result = await partnerCenter.checkoutCart(ctx(), { customerId, cartId: cart.id });
  const order = await partnerCenter.getOrder(ctx(), { customerId, orderId: result.orders[0].id, includePrice: true });
  return {
    unitPrice: order.lineItems[0].pricing?.listPrice,
    currency: order.currencyCode,
    termDuration: availability.terms[0]?.duration,
  };
}

const question = (overrides: Partial<PriceQuestion>): PriceQuestion => ({
  country: 'US',
  currency: 'USD',
  category: 'perpetual-software',
  productId: 'DG7GMGF0D7FV',
  skuId: '0001',
  ...overrides,
});

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, orderCompletionSeconds: 0, orderListDelaySeconds: 0 });
  partnerCenter = createPartnerCenterClient(settings());
});

afterAll(async () => {
  await simulator.close();
});

afterEach(async () => {
  await control('POST', 'reset');
});

describe('prices from the price sheet', () => {
  it('are the prices the simulator charges when the SKU is bought, in the customer currency', async () => {
    const prices = service();
    const cases = [
      { country: 'US', currency: 'USD', category: 'perpetual-software', productId: 'DG7GMGF0D7FV', skuId: '0001' },
      { country: 'US', currency: 'USD', category: 'software-subscriptions', productId: 'DG7GMGF0FL0C', skuId: '0002' },
      { country: 'DE', currency: 'EUR', category: 'software-subscriptions', productId: 'DG7GMGF0G3VX', skuId: '0001' },
      { country: 'JP', currency: 'JPY', category: 'perpetual-software', productId: 'DG7GMGF0DWTN', skuId: '0002' },
    ] as const;
    for (const asked of cases) {
      const customerId = await customerIn(asked.country);
      const charged = await chargedUnitPrice(customerId, asked.country, asked.productId, asked.skuId);
      const answer = await prices.quote(ctx(), {
        ...asked,
        termDuration: charged.termDuration,
        billingCycle: 'one_time',
      });
      expect(answer).toMatchObject({
        available: true,
        unitPrice: charged.unitPrice,
        currency: charged.currency,
        inRequestedCurrency: true,
        estimate: true,
        market: asked.country,
      });
    }
  });

  it('gives totals rounded to the currency, and the date of the sheet', async () => {
    const answer = await service().quote(ctx(), question({ productId: 'DG7GMGF0DWTN', skuId: '0002' }));
    if (!answer.available) throw new Error(answer.detail);
    expect(answer.sheetDate).toBe(new Date().toISOString().slice(0, 10));
    expect(priceLineOf(answer, 3)).toEqual({ unitPrice: 40, quantity: 3, total: 120, currency: 'USD' });
    expect(priceLineOf({ ...answer, unitPrice: 0.1, currency: 'USD' }, 3).total).toBe(0.3);
    expect(priceLineOf({ ...answer, unitPrice: 6000.4, currency: 'JPY' }, 3).total).toBe(18001);
  });

  it('takes the price in effect when the sheet lists a SKU twice with overlapping dates', async () => {
    const answer = await service().quote(
      ctx(),
      question({ category: 'software-subscriptions', productId: 'DG7GMGF0FKZV', skuId: '0001', termDuration: 'P1Y' }),
    );
    expect(answer).toMatchObject({ available: true, unitPrice: 155 });
  });

  it('answers a European market in the currency asked for, among the six the sheet lists', async () => {
    const gbp = await service().quote(ctx(), question({ country: 'DE', currency: 'GBP' }));
    expect(gbp).toMatchObject({ available: true, currency: 'GBP', unitPrice: localPrice(579, findMarket('GB')!) });
  });

  it('gives Azure plan reservations in USD, saying so when another currency was asked for', async () => {
    const product = CATALOG_SEED.find((p) => p.kind === 'reservation')!;
    const sku = product.skus.find((s) => s.termDuration === 'P3Y')!;
    const answer = await service().quote(
      ctx(),
      question({
        country: 'DE',
        currency: 'EUR',
        category: 'azure-reservations',
        productId: product.id,
        skuId: sku.id,
        termDuration: 'P3Y',
      }),
    );
    expect(answer).toMatchObject({
      available: true,
      currency: 'USD',
      unitPrice: sku.usdPrice,
      inRequestedCurrency: false,
      view: 'azure_reservations',
    });
  });

  it('reads each sheet once and answers from memory until the refresh, then from the old sheet while it reloads', async () => {
    let now = Date.now();
    const prices = service({ refreshMs: 60_000, now: () => now });
    await prices.quote(ctx(), question({}));
    await prices.quote(ctx(), question({ productId: 'DG7GMGF0D7FW' }));
    await prices.quote(
      ctx(),
      question({ category: 'software-subscriptions', productId: 'DG7GMGF0FL0C', skuId: '0001' }),
    );
    expect(await priceSheetDownloads()).toHaveLength(1);

    now += 61_000;
    const stale = await prices.quote(ctx(), question({}));
    expect(stale).toMatchObject({ available: true, unitPrice: 579 });
    await waitFor(async () => (await priceSheetDownloads()).length === 2);
  });

  it('keeps at most maxSheets sheets, dropping the least recently asked', async () => {
    const prices = service({ maxSheets: 2 });
    for (const country of ['US', 'GB', 'FR', 'US']) await prices.quote(ctx(), question({ country, currency: 'USD' }));
    const downloads = await priceSheetDownloads();
    expect(downloads.map((path) => /Market='(\w+)'/.exec(path)?.[1])).toEqual(['US', 'GB', 'FR', 'US']);
  });
});

describe('no price, and why', () => {
  it('when the bot calls Partner Center app-only (no client, or the simulator refuses the app-only token)', async () => {
    const noClient = new PriceSheetService(undefined, { refreshMs: 1000, waitMs: 1000, maxSheets: 1 });
    expect(await noClient.quote(ctx(), question({}))).toMatchObject({ available: false, reason: 'app-only' });

    const appOnly = await service({}, { auth: 'app' }).quote(ctx(), question({}));
    expect(appOnly).toMatchObject({ available: false, reason: 'app-only' });
    expect(appOnly.available === false && appOnly.detail).toContain('requestId');
  });

  it('when Partner Center refuses the person (403), without remembering it for the next person', async () => {
    await control('POST', 'access', { withoutPricingAccess: ['Alex Wilber'] });
    const prices = service();
    expect(await prices.quote(ctx(), question({}))).toMatchObject({ available: false, reason: 'forbidden' });
    const megan = { correlationId: randomUUID(), user: { id: randomUUID(), name: 'Megan Bowen' } };
    expect(await prices.quote(megan, question({}))).toMatchObject({ available: true, unitPrice: 579 });

    await control('POST', 'faults', { method: 'GET', path: '/v1.0/sales/*/$value', status: 403 });
    expect(await service().quote(ctx(), question({}))).toMatchObject({ available: false, reason: 'forbidden' });
  });

  it('when the sheet does not come in time, and the failure is remembered for a while', async () => {
    await control('POST', 'faults', { method: 'GET', path: '/v1.0/sales/*/$value', delayMs: 3000 });
    let now = Date.now();
    const prices = service({ failureRetryMs: 30_000, now: () => now }, { timeoutMs: 1000, maxRetries: 0 });
    expect(await prices.quote(ctx(), question({}))).toMatchObject({ available: false, reason: 'timeout' });
    expect(await prices.quote(ctx(), question({}))).toMatchObject({ available: false, reason: 'timeout' });
    expect(await priceSheetDownloads()).toHaveLength(1);
    now += 31_000;
    expect(await prices.quote(ctx(), question({}))).toMatchObject({ available: true });
  });

  it('when a question must not wait for a slow download, which then serves the next question', async () => {
    await control('POST', 'faults', { method: 'GET', path: '/v1.0/sales/*/$value', delayMs: 1500 });
    const prices = service({ waitMs: 200 });
    const started = Date.now();
    expect(await prices.quote(ctx(), question({}))).toMatchObject({ available: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1400);
    await waitFor(async () => (await prices.quote(ctx(), question({}))).available);
    expect(await priceSheetDownloads()).toHaveLength(1);
  });

  it('when the SKU, term or currency is not in the sheet', async () => {
    const prices = service();
    expect(await prices.quote(ctx(), question({ skuId: '0009' }))).toMatchObject({ reason: 'not-in-sheet' });
    expect(await prices.quote(ctx(), question({ currency: 'EUR' }))).toMatchObject({ reason: 'not-in-sheet' });
    expect(
      await prices.quote(
        ctx(),
        question({ category: 'software-subscriptions', productId: 'DG7GMGF0FL0C', termDuration: 'P5Y' }),
      ),
    ).toMatchObject({ reason: 'not-in-sheet' });
  });

  it('when Partner Center fails, never by throwing', async () => {
    await control('POST', 'faults', { method: 'GET', path: '/v1.0/sales/*/$value', status: 500, count: 5 });
    expect(await service({}, { maxRetries: 1 }).quote(ctx(), question({}))).toMatchObject({
      available: false,
      reason: 'unavailable',
    });
    await control('POST', 'faults', { method: 'GET', path: '/v1.0/sales/*/$value', drop: 'before', count: 5 });
    expect(await service({}, { maxRetries: 0 }).quote(ctx(), question({}))).toMatchObject({ available: false });
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
