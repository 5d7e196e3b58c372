import type { TurnContext } from 'botbuilder';
import type { LookupService } from '../services/lookups/types';
import type { CustomerDetails } from '../services/purchase/types';
import { callContextOf } from './callContext';

/** An order of the same SKU found in Partner Center's order list, for the duplicate guard. */
export interface ListedPurchase {
  orderId: string;
  /** ISO 8601, Partner Center's `creationDate`. */
  createdAt: string;
  quantity: number;
  title: string;
  status: string;
}

/** How many orders the guard reads at most: the list has no SKU filter, and the guard must not hold a chat for long. */
const ORDERS_READ = 100;

/**
 * Orders of a product and SKU for a customer created since `sinceMs`, from Partner Center's order list (which also
 * holds what was bought in Partner Center itself or by other tools). A one-time order line's `offerId` is its catalog
 * item id, `product:sku:availability` ("Create an order for a customer"), so the line matches by its first two parts.
 * Orders in `skip` (the bot's own, already listed from its ledger) are left out. A failed read gives none: the guard
 * is a courtesy, and a slow order list must not block a purchase.
 */
export async function listedPurchases(
  context: TurnContext,
  lookups: LookupService,
  question: {
    correlationId: string;
    customer: CustomerDetails;
    productId: string;
    skuId: string;
    sinceMs: number;
    nowMs: number;
    skip: ReadonlySet<string>;
  },
): Promise<ListedPurchase[]> {
  const wanted = `${question.productId}:${question.skuId}:`.toUpperCase();
  try {
    const page = await lookups.listOrders(callContextOf(context, question.correlationId), question.customer.id, {
      createdWithin: { from: new Date(question.sinceMs).toISOString(), to: new Date(question.nowMs).toISOString() },
      pageSize: ORDERS_READ,
    });
    return page.orders.flatMap((order) => {
      if (question.skip.has(order.id) || !order.creationDate || order.status.toLowerCase() === 'cancelled') return [];
      const lines = order.lines.filter((line) => line.offerId.toUpperCase().startsWith(wanted));
      if (lines.length === 0) return [];
      return [
        {
          orderId: order.id,
          createdAt: order.creationDate,
          quantity: lines.reduce((sum, line) => sum + line.quantity, 0),
          title: lines[0].name,
          status: order.status,
        },
      ];
    });
  } catch {
    return [];
  }
}
