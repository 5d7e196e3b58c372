import type { TurnContext } from 'botbuilder';
import type { OrderCancelOffer } from '../../cards/renderOrderCard';
import type { OrderView } from '../../services/lookups/types';
import type { CustomerDetails } from '../../services/purchase/types';
import { callContextOf } from '../callContext';
import type { DialogDependencies } from '../dialogDependencies';

/** The longest window of the cancellation policy (perpetual software, 30 days): older orders are not even asked about. */
const LONGEST_WINDOW_MS = 30 * 86_400_000;
const OPEN_STATUSES = new Set(['completed', 'pending']);

/**
 * The Cancel order offer for an order card, while the cancellation policy's window is open: the refund and the
 * deadline from the order's lines (one read of the order with prices and of its products), and the registered id of
 * the button. Undefined when nothing can be cancelled, and when that could not be read: the card is shown without it.
 */
export async function cancelOfferFor(
  context: TurnContext,
  deps: Pick<DialogDependencies, 'cancellations' | 'registry' | 'now'>,
  correlationId: string,
  ref: { customer: CustomerDetails; orderId: string },
  order: OrderView,
): Promise<OrderCancelOffer | undefined> {
  const cancellations = deps.cancellations;
  if (!cancellations || !OPEN_STATUSES.has(order.status.toLowerCase())) return undefined;
  const created = order.creationDate ? Date.parse(order.creationDate) : Number.NaN;
  const now = deps.now?.() ?? Date.now();
  if (Number.isNaN(created) || now - created > LONGEST_WINDOW_MS) return undefined;
  try {
    const options = await cancellations.cancellationOptions(callContextOf(context, correlationId), {
      customerId: ref.customer.id,
      orderId: ref.orderId,
    });
    if (!options.cancellable || !options.cancellableUntil || options.refund === 'none') return undefined;
    return {
      id: await deps.registry.register(context, 'cancelOrder', ref),
      until: options.cancellableUntil,
      refund: options.refund,
      ...(options.estimatedRefund === undefined ? {} : { estimatedRefund: options.estimatedRefund }),
      ...(options.currency ? { currency: options.currency } : {}),
    };
  } catch {
    // The order itself was read; the offer is extra and must not cost the person the card.
    return undefined;
  }
}
