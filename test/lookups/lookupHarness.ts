import { randomUUID } from 'node:crypto';
import { createPartnerCenterClient } from '../../services/partnerCenter/createPartnerCenterClient';
import type { PartnerCenterCallContext } from '../../services/partnerCenter/PartnerCenterCallContext';
import type { PartnerCenterClient } from '../../services/partnerCenter/PartnerCenterClient';
import type { Customer } from '../../services/partnerCenter/schemas/customer';
import { PartnerCenterLookupService } from '../../services/lookups/PartnerCenterLookupService';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../simulator/server';

/** One request of the simulator's journal, as the tests look at it. */
export interface JournalEntry {
  method: string;
  path: string;
  query: string;
  status: number | string | null;
  tokenKind: string;
}

/**
 * A simulator on 127.0.0.1:0 with an App+User client (`user:alice` for contexts from {@link userCtx}), an app-only
 * client, a lookup service over each, and helpers to buy, move the clock and read the journal.
 */
export class LookupHarness {
  private constructor(
    readonly simulator: RunningSimulator,
    readonly userClient: PartnerCenterClient,
    readonly appClient: PartnerCenterClient,
    readonly asUser: PartnerCenterLookupService,
    readonly appOnly: PartnerCenterLookupService,
  ) {}

  /** Starts the simulator with these options and builds both clients and services against it. */
  static async start(options: SimulatorOptions = {}, now?: () => number): Promise<LookupHarness> {
    const simulator = await startSimulator({ ...options, host: '127.0.0.1', port: 0 });
    const settings = {
      baseUrl: simulator.url,
      mode: 'local' as const,
      applicationName: 'lookup-service-tests',
      timeoutMs: 5000,
      maxRetries: 1,
      retryDeadlineMs: 5000,
      maxRetryAfterSeconds: 1,
    };
    const userClient = createPartnerCenterClient({ ...settings, auth: 'app+user' });
    const appClient = createPartnerCenterClient({ ...settings, auth: 'app' });
    return new LookupHarness(
      simulator,
      userClient,
      appClient,
      new PartnerCenterLookupService(userClient, { now }),
      new PartnerCenterLookupService(appClient, { now }),
    );
  }

  /** A service over the App+User client with its own clock. */
  userServiceWithClock(now: () => number): PartnerCenterLookupService {
    return new PartnerCenterLookupService(this.userClient, { now });
  }

  /** An app-only context (no user). */
  appCtx(): PartnerCenterCallContext {
    return { correlationId: randomUUID() };
  }

  /** A context acting as alice; with the App+User client its token is `user:alice`. */
  userCtx(): PartnerCenterCallContext {
    return { correlationId: randomUUID(), user: { id: '6a1f3c2e-0b7d-4c55-9e21-4f8d2b7a9c10', name: 'alice' } };
  }

  /** The seeded customer with exactly this company name. */
  async customerNamed(companyName: string): Promise<Customer> {
    const page = await this.appClient.searchCustomers(this.appCtx(), {
      field: 'CompanyName',
      value: companyName,
      size: 0,
    });
    const match = page.items.find((customer) => customer.companyProfile.companyName === companyName);
    if (!match) throw new Error(`the simulator has no customer named ${companyName}`);
    return match;
  }

  /** Buys the smallest quantity of the first purchasable SKU of a catalog view for a US customer; returns the order id. */
  async buy(customerId: string, targetView: 'SoftwarePerpetual' | 'SoftwareSubscriptions'): Promise<string> {
    const ctx = this.appCtx();
    const { catalogItemId, quantity } = await this.firstPurchasableCatalogItem(targetView);
    const cart = await this.appClient.createCart(ctx, {
      customerId,
      cart: { lineItems: [{ catalogItemId, quantity, billingCycle: 'one_time' }] },
    });
    const result = await this.appClient.checkoutCart(ctx, { customerId, cartId: cart.id });
    const orderId = result.orders[0]?.id;
    if (!orderId) throw new Error('checkout placed no order');
    return orderId;
  }

  /** The id of the customer's Azure subscription with this friendly name (from the simulator's extra list). */
  async subscriptionNamed(customerId: string, friendlyName: string): Promise<string> {
    const body = (await this.fetchJson(`/v1/customers/${customerId}/subscriptions`, 'GET')) as {
      items: { id: string; friendlyName: string }[];
    };
    const match = body.items.find((subscription) => subscription.friendlyName === friendlyName);
    if (!match) throw new Error(`customer ${customerId} has no subscription named ${friendlyName}`);
    return match.id;
  }

  /** Moves the simulator's clock forward. */
  async advanceClock(seconds: number): Promise<void> {
    await this.fetchJson('/_simulator/clock', 'POST', { advanceSeconds: seconds });
  }

  /** The simulator's request journal, oldest first. */
  async journal(): Promise<JournalEntry[]> {
    return ((await this.fetchJson('/_simulator/requests', 'GET')) as { items: JournalEntry[] }).items;
  }

  /** Stops the simulator. */
  close(): Promise<void> {
    return this.simulator.close();
  }

  private async firstPurchasableCatalogItem(targetView: string): Promise<{ catalogItemId: string; quantity: number }> {
    const ctx = this.appCtx();
    for (const product of await this.appClient.listProducts(ctx, { country: 'US', targetView })) {
      for (const sku of await this.appClient.listSkus(ctx, { country: 'US', productId: product.id })) {
        const availabilities = await this.appClient.listAvailabilities(ctx, {
          country: 'US',
          productId: product.id,
          skuId: sku.id,
        });
        const purchasable = availabilities.find((availability) => availability.isPurchasable);
        if (purchasable)
          return { catalogItemId: purchasable.catalogItemId, quantity: Math.max(1, sku.minimumQuantity) };
      }
    }
    throw new Error(`no purchasable item in catalog view ${targetView}`);
  }

  private async fetchJson(path: string, method: 'GET' | 'POST', body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.simulator.url}${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        Authorization: 'Bearer local-app',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
}
