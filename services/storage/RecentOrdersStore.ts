import type { StoreItem } from 'botbuilder';
import type { AtomicCreateStorage } from './AtomicCreateStorage';
import { EtagConflictError } from './EtagConflictError';
import type { RecentOrderRef } from '../lookups/types';

const WINDOW_MS = 15 * 60 * 1000;
const MAX_PER_CUSTOMER = 50;
const MAX_ATTEMPTS = 25;

interface RecentOrdersItem extends StoreItem {
  orders: RecentOrderRef[];
}

/**
 * Orders this bot placed in the last 15 minutes, per customer, shared by every conversation and bot instance through
 * the state storage: Partner Center can take that long to list a new order, and a user must never think it vanished.
 */
export class RecentOrdersStore {
  constructor(
    private readonly storage: AtomicCreateStorage,
    private readonly now: () => number = Date.now,
  ) {}

  private key(customerId: string): string {
    return `recentOrders/${customerId}`;
  }

  /** Remembers a placed order; concurrent writers are reconciled with eTags. */
  async add(order: RecentOrderRef): Promise<void> {
    const key = this.key(order.customerId);
    await this.storage.createIfAbsent(key, { orders: [] });
    for (let attempt = 1; ; attempt += 1) {
      const current = (await this.storage.read([key]))[key] as RecentOrdersItem | undefined;
      if (!current) throw new Error(`RecentOrdersStore: ${key} vanished while recording an order.`);
      const kept = this.fresh(current.orders).filter((o) => o.orderId !== order.orderId);
      const next: RecentOrdersItem = {
        orders: [order, ...kept].slice(0, MAX_PER_CUSTOMER),
        eTag: current.eTag,
      };
      try {
        await this.storage.write({ [key]: next });
        return;
      } catch (error) {
        // Only a lost race is worth another go; any other failure is real and goes to the caller.
        if (!(error instanceof EtagConflictError) || attempt >= MAX_ATTEMPTS) throw error;
        // Someone else recorded an order meanwhile: back off a little (jittered) and merge again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }

  /** The customer's orders placed by this bot within the last 15 minutes, newest first. */
  async list(customerId: string): Promise<RecentOrderRef[]> {
    const key = this.key(customerId);
    const current = (await this.storage.read([key]))[key] as RecentOrdersItem | undefined;
    return this.fresh(current?.orders ?? []);
  }

  private fresh(orders: RecentOrderRef[]): RecentOrderRef[] {
    const since = this.now() - WINDOW_MS;
    return orders.filter((o) => Date.parse(o.placedAt) >= since);
  }
}
