import type { RecentOrderRef } from './types';

/** How long an order this bot placed may be missing from Partner Center's order list (Partner Center: up to 15 min). */
export const RECENT_ORDER_WINDOW_MS = 15 * 60 * 1000;

// Each one costs a throttled call; a person doesn't place more than this many orders for one customer in 15 minutes.
const MAX_RECENT_ORDERS = 20;

/**
 * The ids of orders this bot placed for the customer within the window that Partner Center's list doesn't show yet,
 * newest first, without duplicates. Refs with an unreadable `placedAt` are ignored.
 */
export function recentOrdersToFetch(
  recent: readonly RecentOrderRef[],
  customerId: string,
  listedOrderIds: ReadonlySet<string>,
  now: number,
): string[] {
  const customer = customerId.toLowerCase();
  const newest = new Map<string, { orderId: string; placedAt: number }>();
  for (const ref of recent) {
    const placedAt = Date.parse(ref.placedAt);
    const key = ref.orderId.toLowerCase();
    if (Number.isNaN(placedAt) || now - placedAt > RECENT_ORDER_WINDOW_MS) continue;
    if (ref.customerId.toLowerCase() !== customer || listedOrderIds.has(key)) continue;
    const known = newest.get(key);
    if (!known || known.placedAt < placedAt) newest.set(key, { orderId: ref.orderId, placedAt });
  }
  return [...newest.values()]
    .sort((a, b) => b.placedAt - a.placedAt)
    .slice(0, MAX_RECENT_ORDERS)
    .map((ref) => ref.orderId);
}
