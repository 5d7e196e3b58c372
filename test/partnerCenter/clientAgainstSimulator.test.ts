import { randomUUID } from 'node:crypto';
import { startSimulator } from '../../simulator/server';
import { createPartnerCenterClient } from '../../services/partnerCenter/createPartnerCenterClient';
import type { PartnerCenterCallContext } from '../../services/partnerCenter/PartnerCenterCallContext';
import { PartnerCenterClient } from '../../services/partnerCenter/PartnerCenterClient';
import { PartnerCenterError } from '../../services/partnerCenter/PartnerCenterError';
import type { PartnerCenterSettings } from '../../services/partnerCenter/PartnerCenterSettings';
import type { Availability } from '../../services/partnerCenter/schemas/availability';
import type { Customer } from '../../services/partnerCenter/schemas/customer';

interface JournalEntry {
  method: string;
  path: string;
  requestId: string;
  correlationId: string;
  status: number | string | null;
  tokenKind: string;
}

let simulator: { url: string; close(): Promise<void> | void };
let app: PartnerCenterClient;
let asUser: PartnerCenterClient;

const newCtx = (): PartnerCenterCallContext => ({ correlationId: randomUUID() });
const userCtx = (): PartnerCenterCallContext => ({
  correlationId: randomUUID(),
  user: { id: 'f2b4c9e0-7d51-4a0e-9a43-3c1f0f0a2b11', name: 'Alex Wilber' },
});

function settings(auth: 'app' | 'app+user'): PartnerCenterSettings {
  return {
    baseUrl: simulator.url,
    mode: 'local',
    auth,
    applicationName: 'pc-bot-simulator-tests',
    timeoutMs: 10_000,
    maxRetries: 3,
    retryDeadlineMs: 20_000,
    maxRetryAfterSeconds: 2,
  };
}

async function control(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${simulator.url}${path}`, {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) throw new Error(`control ${method} ${path} answered ${response.status}`);
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

async function journal(): Promise<JournalEntry[]> {
  return ((await control('GET', '/_simulator/requests')) as { items: JournalEntry[] }).items;
}

async function firstCustomer(country = 'US'): Promise<Customer> {
  for await (const customer of app.iterateCustomers(newCtx(), { size: 20, maxPages: 10 })) {
    const full = await app.getCustomer(newCtx(), { customerId: customer.id });
    const billingCountry = (full.billingProfile?.defaultAddress as { country?: string } | undefined)?.country;
    if (billingCountry === undefined || billingCountry === country) return full;
  }
  throw new Error(`no ${country} customer in the simulator`);
}

async function firstPurchasableAvailability(targetView: string, country = 'US'): Promise<Availability> {
  const ctx = newCtx();
  for (const product of await app.listProducts(ctx, { country, targetView })) {
    for (const sku of await app.listSkus(ctx, { country, productId: product.id })) {
      const availabilities = await app.listAvailabilities(ctx, { country, productId: product.id, skuId: sku.id });
      const purchasable = availabilities.find((a) => a.isPurchasable);
      if (purchasable) return purchasable;
    }
  }
  throw new Error(`no purchasable availability in view ${targetView}`);
}

async function buyOneSoftwareOrder(customerId: string): Promise<{ orderId: string; cartId: string }> {
  const availability = await firstPurchasableAvailability('SoftwarePerpetual');
  const ctx = newCtx();
  const cart = await app.createCart(ctx, {
    customerId,
    cart: { lineItems: [{ catalogItemId: availability.catalogItemId, quantity: 1, billingCycle: 'one_time' }] },
  });
  const result = await app.checkoutCart(ctx, { customerId, cartId: cart.id });
  const orderId = result.orders[0]?.id;
  if (!orderId) throw new Error('checkout placed no order');
  return { orderId, cartId: cart.id };
}

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, orderListDelaySeconds: 0, orderCompletionSeconds: 0 });
  app = createPartnerCenterClient(settings('app'));
  asUser = createPartnerCenterClient(settings('app+user'));
});

afterAll(async () => {
  await simulator?.close();
});

describe('the client against the local simulator', () => {
  it('pages through customers with the continuation token and reads one by id', async () => {
    const first = await app.listCustomers(newCtx(), { size: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.next).toBeDefined();

    const second = await app.listCustomers(newCtx(), { continuation: first.next });
    expect(second.items).toHaveLength(3);
    expect(second.items.map((c) => c.id)).not.toContain(first.items[0]?.id);

    const seen: string[] = [];
    for await (const customer of app.iterateCustomers(newCtx(), { size: 3, maxPages: 2 })) seen.push(customer.id);
    expect(seen).toEqual([...first.items, ...second.items].map((c) => c.id));

    const customer = await app.getCustomer(newCtx(), { customerId: first.items[0]!.id });
    expect(customer.companyProfile.companyName).toBe(first.items[0]?.companyProfile.companyName);
  });

  it('finds customers by company name prefix and by domain prefix', async () => {
    const some = (await app.listCustomers(newCtx(), { size: 1 })).items[0]!;
    const prefix = some.companyProfile.companyName.slice(0, 4);

    const byName = await app.searchCustomers(newCtx(), { field: 'CompanyName', value: prefix.toLowerCase() });
    expect(byName.items.map((c) => c.id)).toContain(some.id);
    for (const c of byName.items)
      expect(c.companyProfile.companyName.toLowerCase().startsWith(prefix.toLowerCase())).toBe(true);

    const domainPrefix = some.companyProfile.domain.slice(0, 5);
    const byDomain: string[] = [];
    for await (const c of app.iterateCustomerSearch(newCtx(), { field: 'Domain', value: domainPrefix, maxPages: 5 })) {
      byDomain.push(c.id);
    }
    expect(byDomain).toContain(some.id);
  });

  it('walks the catalog from product to availability and checks inventory', async () => {
    const ctx = newCtx();
    const products = await app.listProducts(ctx, { country: 'US', targetView: 'SoftwarePerpetual' });
    expect(products.length).toBeGreaterThan(0);
    const product = await app.getProduct(ctx, { productId: products[0]!.id, country: 'US' });
    expect(product.id).toBe(products[0]?.id);

    const skus = await app.listSkus(ctx, { productId: product.id, country: 'US' });
    const sku = await app.getSku(ctx, { productId: product.id, skuId: skus[0]!.id, country: 'US' });
    expect(sku.supportedBillingCycles).toContain('one_time');

    const availabilities = await app.listAvailabilities(ctx, { productId: product.id, skuId: sku.id, country: 'US' });
    const availability = await app.getAvailability(ctx, {
      productId: product.id,
      skuId: sku.id,
      availabilityId: availabilities[0]!.id,
      country: 'US',
    });
    expect(availability.catalogItemId).toBe(`${product.id}:${sku.id}:${availability.id}`);

    const customer = await firstCustomer();
    const inventory = await app.checkInventory(ctx, {
      country: 'US',
      check: { targetItems: [{ productId: product.id }], inventoryContext: { customerId: customer.id } },
    });
    expect(inventory.map((i) => i.skuId)).toEqual(expect.arrayContaining(skus.map((s) => s.id)));
  });

  it('creates, reads, updates and checks out a cart, then finds the order', async () => {
    const customer = await firstCustomer();
    const availability = await firstPurchasableAvailability('SoftwarePerpetual');
    const ctx = newCtx();

    const created = await app.createCart(ctx, {
      customerId: customer.id,
      cart: { lineItems: [{ catalogItemId: availability.catalogItemId, quantity: 1, billingCycle: 'one_time' }] },
    });
    expect(created.status).toBe('Active');

    const read = await app.getCart(ctx, { customerId: customer.id, cartId: created.id });
    const updated = await app.updateCart(ctx, {
      customerId: customer.id,
      cartId: created.id,
      cart: { ...read, lineItems: read.lineItems.map((item) => ({ ...item, quantity: 2 })) },
    });
    expect(updated.lineItems[0]?.quantity).toBe(2);

    const result = await app.checkoutCart(ctx, { customerId: customer.id, cartId: created.id });
    expect(result.orderErrors).toEqual([]);
    const placed = result.orders[0]!;
    expect(placed.lineItems[0]).toMatchObject({ offerId: availability.catalogItemId, quantity: 2 });

    const order = await app.getOrder(ctx, { customerId: customer.id, orderId: placed.id });
    expect(order.billingCycle).toBe('one_time');
    expect((await app.listOrders(ctx, { customerId: customer.id })).map((o) => o.id)).toContain(placed.id);
    const oneTime = await app.listOrdersByBillingCycle(ctx, { customerId: customer.id, billingCycle: 'one_time' });
    expect(oneTime.map((o) => o.id)).toContain(placed.id);
    expect(oneTime.every((o) => o.billingCycle === 'one_time')).toBe(true);

    const provisioning = await asUser.getOrderProvisioningStatus(userCtx(), {
      customerId: customer.id,
      orderId: placed.id,
    });
    expect(provisioning.map((p) => p.lineItemNumber)).toContain(0);
  });

  it('lists entitlements with an App+User token and refuses them app-only with 403 900329', async () => {
    const customer = await firstCustomer();
    await buyOneSoftwareOrder(customer.id);

    const entitlements = await asUser.listEntitlements(userCtx(), { customerId: customer.id, showExpiry: true });
    expect(entitlements.length).toBeGreaterThan(0);

    const refused = await app.listEntitlements(newCtx(), { customerId: customer.id }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PartnerCenterError);
    expect(refused).toMatchObject({ kind: 'http', httpStatus: 403, code: '900329', attempts: 1 });
    const entitlementCalls = (await journal()).filter((entry) =>
      entry.path.toLowerCase().endsWith(`/customers/${customer.id}/entitlements`),
    );
    expect(entitlementCalls.map((entry) => [entry.tokenKind, entry.status])).toEqual([
      ['user', 200],
      ['app', 403],
    ]);
  });

  it('reads the balance, summaries, invoices, an invoice, its one-time line items and its statement', async () => {
    const balance = await app.getBalance(newCtx());
    expect(typeof balance.balanceAmount).toBe('number');

    const summaries = await asUser.listInvoiceSummaries(userCtx());
    expect(summaries.length).toBeGreaterThan(0);

    const page = await app.listInvoices(newCtx(), { size: 2 });
    expect(page.items.length).toBeGreaterThan(0);
    const all: string[] = [];
    for await (const inv of app.iterateInvoices(newCtx(), { size: 2, maxPages: 50 })) all.push(inv.id);
    expect(all.slice(0, page.items.length)).toEqual(page.items.map((i) => i.id));

    const oneTimeInvoice = page.items.find((i) => i.invoiceType === 'OneTime') ?? page.items[0]!;
    const invoice = await asUser.getInvoice(userCtx(), { invoiceId: oneTimeInvoice.id });
    expect(invoice.id).toBe(oneTimeInvoice.id);

    const lines = await app.listOneTimeInvoiceLineItems(newCtx(), { invoiceId: invoice.id, size: 2 });
    const everyLine = [];
    for await (const line of app.iterateOneTimeInvoiceLineItems(newCtx(), {
      invoiceId: invoice.id,
      size: 2,
      maxPages: 100,
    })) {
      everyLine.push(line);
    }
    expect(everyLine.slice(0, lines.items.length)).toEqual(lines.items);
    for (const line of everyLine) expect(typeof line.totalForCustomer).toBe('number');

    const statement = await asUser.getInvoiceStatement(userCtx(), { invoiceId: invoice.id });
    expect(statement.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(statement.contentType).toContain('application/pdf');
    expect(statement.fileName).toContain(invoice.id);
  });

  // No operation in the contract lists a customer's Azure subscriptions, so the success path (202 + Location) is
  // covered against the scripted server; here both calls travel over real HTTP and meet the documented 404 / 20003.
  it('sends registration calls for an unknown subscription and gets the documented 404 / 20003', async () => {
    const customer = await firstCustomer();
    const subscriptionId = randomUUID();

    const register = await app
      .registerSubscription(newCtx(), { customerId: customer.id, subscriptionId })
      .catch((e: unknown) => e);
    const status = await app
      .getSubscriptionRegistrationStatus(newCtx(), { customerId: customer.id, subscriptionId })
      .catch((e: unknown) => e);

    for (const error of [register, status]) {
      expect(error).toBeInstanceOf(PartnerCenterError);
      expect(error).toMatchObject({ kind: 'http', httpStatus: 404, code: '20003', attempts: 1 });
    }
    const paths = (await journal()).map((entry) => `${entry.method} ${entry.path}`);
    expect(paths).toContain(`POST /v1/customers/${customer.id}/subscriptions/${subscriptionId}/registrations`);
    expect(paths).toContain(`GET /v1/customers/${customer.id}/subscriptions/${subscriptionId}/registrationstatus`);
  });

  it('retries a checkout whose connection dropped after it executed, with the same MS-RequestId, buying once', async () => {
    const customer = await firstCustomer();
    const availability = await firstPurchasableAvailability('SoftwarePerpetual');
    const ctx = newCtx();
    const cart = await app.createCart(ctx, {
      customerId: customer.id,
      cart: { lineItems: [{ catalogItemId: availability.catalogItemId, quantity: 1, billingCycle: 'one_time' }] },
    });
    const ordersBefore = await app.listOrders(newCtx(), { customerId: customer.id });
    await control('POST', '/_simulator/faults', {
      method: 'POST',
      path: '/v1/customers/*/carts/*/checkout',
      count: 1,
      drop: 'after',
    });

    const result = await app.checkoutCart(ctx, { customerId: customer.id, cartId: cart.id });

    const checkouts = (await journal()).filter(
      (entry) => entry.method === 'POST' && entry.path.toLowerCase().endsWith(`/carts/${cart.id}/checkout`),
    );
    expect(checkouts).toHaveLength(2);
    expect(checkouts[0]?.requestId).toBe(checkouts[1]?.requestId);
    expect(checkouts.every((entry) => entry.correlationId === ctx.correlationId)).toBe(true);
    expect(result.orders).toHaveLength(1);
    const ordersAfter = await app.listOrders(newCtx(), { customerId: customer.id });
    expect(ordersAfter.length).toBe(ordersBefore.length + 1);
    expect(ordersAfter.map((o) => o.id)).toContain(result.orders[0]?.id);
  });
});
