import { randomUUID } from 'node:crypto';
import { createPartnerCenterClient } from '../../services/partnerCenter/createPartnerCenterClient';
import type { PartnerCenterCallContext } from '../../services/partnerCenter/PartnerCenterCallContext';
import type { PartnerCenterClient } from '../../services/partnerCenter/PartnerCenterClient';
import {
  PartnerCenterPurchaseService,
  type PartnerCenterPurchaseServiceOptions,
} from '../../services/purchase/PartnerCenterPurchaseService';
import type { CustomerDetails } from '../../services/purchase/types';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../simulator/server';
import type { PartnerCenterCall } from '../support/purchaseFlows';

/** A simulator on 127.0.0.1:0 with a client and the purchase service over it, plus control helpers for tests. */
export class PurchaseHarness {
  private constructor(
    readonly simulator: RunningSimulator,
    readonly client: PartnerCenterClient,
    readonly service: PartnerCenterPurchaseService,
  ) {}

  /** Starts the simulator (with these settings) and builds the client and service (with these options) against it. */
  static async start(
    simulatorOptions: SimulatorOptions = {},
    serviceOptions: PartnerCenterPurchaseServiceOptions = {},
  ): Promise<PurchaseHarness> {
    const simulator = await startSimulator({ ...simulatorOptions, host: '127.0.0.1', port: 0 });
    const client = createPartnerCenterClient({
      baseUrl: simulator.url,
      mode: 'local',
      auth: 'app',
      applicationName: 'purchase-service-tests',
      timeoutMs: 5000,
      maxRetries: 1,
      retryDeadlineMs: 5000,
      maxRetryAfterSeconds: 1,
    });
    return new PurchaseHarness(simulator, client, new PartnerCenterPurchaseService(client, serviceOptions));
  }

  /** A fresh call context (one correlation id per test step). */
  ctx(): PartnerCenterCallContext {
    return { correlationId: randomUUID() };
  }

  /** The seeded customer with exactly this company name, with its market. */
  async customerNamed(companyName: string): Promise<CustomerDetails> {
    const page = await this.client.searchCustomers(this.ctx(), { field: 'CompanyName', value: companyName, size: 0 });
    const match = page.items.find((customer) => customer.companyProfile.companyName === companyName);
    if (!match) throw new Error(`the simulator has no customer named ${companyName}`);
    return this.service.getCustomer(this.ctx(), match.id);
  }

  /** The customer's Azure subscription with this friendly name (read from the simulator's subscription list). */
  async subscriptionNamed(customerId: string, friendlyName: string): Promise<string> {
    const response = await fetch(`${this.simulator.url}/v1/customers/${customerId}/subscriptions`, {
      headers: { Authorization: 'Bearer local-app', Accept: 'application/json' },
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json()) as { items: { id: string; friendlyName: string }[] };
    const match = body.items.find((subscription) => subscription.friendlyName === friendlyName);
    if (!match) throw new Error(`customer ${customerId} has no subscription named ${friendlyName}`);
    return match.id;
  }

  /** Calls a `/_simulator/` control endpoint and fails on a non-2xx answer. */
  async control(path: string, body?: unknown): Promise<void> {
    const response = await fetch(`${this.simulator.url}/_simulator/${path}`, {
      method: 'POST',
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw new Error(`control ${path} answered ${response.status}`);
  }

  /** The simulator's journal of API requests, oldest first. */
  async journal(): Promise<PartnerCenterCall[]> {
    const response = await fetch(`${this.simulator.url}/_simulator/requests`, { signal: AbortSignal.timeout(5000) });
    return ((await response.json()) as { items: PartnerCenterCall[] }).items;
  }

  /** Stops the simulator. */
  close(): Promise<void> {
    return this.simulator.close();
  }
}
