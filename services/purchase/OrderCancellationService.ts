import type { PartnerCenterCallContext } from '../partnerCenter/PartnerCenterCallContext';
import type { PartnerCenterClient } from '../partnerCenter/PartnerCenterClient';
import { PartnerCenterError } from '../partnerCenter/PartnerCenterError';
import type { Order, OrderLineItem } from '../partnerCenter/schemas/order';
import type { Product } from '../partnerCenter/schemas/product';
import {
  CANCELLATION_POLICIES,
  cancellableKindOf,
  refundShareAt,
  type CancellableKind,
  type RefundKind,
} from './cancellationPolicy';
import { roundToCurrency } from './roundToCurrency';

/** Why a line (or a whole order) can't be cancelled now. */
export type NotCancellableReason =
  /** The cancellation window of the line has passed. */
  | 'window-closed'
  /** Reservations and anything but software can't be cancelled with the order API. */
  | 'not-cancellable-product'
  /** The line (or every line) is cancelled already. */
  | 'already-cancelled'
  /** The order is in a state that isn't cancelled (failed, in review, …). */
  | 'order-state';

/** One line of an order and what cancelling it would do. */
export interface LineCancellation {
  lineItemNumber: number;
  offerId: string;
  name?: string;
  quantity: number;
  kind: CancellableKind;
  cancellable: boolean;
  /** End of the line's window (ISO 8601), for software bought through this API. */
  cancellableUntil?: string;
  refund: RefundKind;
  /** The refund if cancelled now, in the order's currency, when Partner Center gave the line's price. An estimate. */
  estimatedRefund?: number;
  reason?: NotCancellableReason;
}

/** Whether an order can be cancelled now, until when, and with what refund. */
export interface OrderCancellationOptions {
  customerId: string;
  orderId: string;
  status: string;
  currency?: string;
  /** Some line can be cancelled now. */
  cancellable: boolean;
  /** The earliest end of the windows of the lines that can be cancelled now (ISO 8601): "cancel before …". */
  cancellableUntil?: string;
  /** `prorated` when any cancellable line is prorated, `full` when all are full, `none` when nothing can be cancelled. */
  refund: RefundKind;
  /** Sum of the cancellable lines' estimated refunds, when every one of them has a price. */
  estimatedRefund?: number;
  /** Why nothing can be cancelled (absent when something can). */
  reason?: NotCancellableReason;
  lines: LineCancellation[];
}

/** What a cancellation did. */
export type CancellationOutcome =
  | {
      outcome: 'cancelled';
      /** The order as Partner Center answered: cancelled lines have quantity 0. */
      order: Order;
      cancelledLines: number[];
      refund: RefundKind;
      estimatedRefund?: number;
    }
  | {
      outcome: 'refused';
      reason: NotCancellableReason;
      /** Partner Center's code when it was Partner Center that refused (`900117`, `900213`, `800019`, `800061`). */
      code?: string;
      description: string;
    };

/** Options of {@link OrderCancellationService}. */
export interface OrderCancellationServiceOptions {
  now?: () => number;
}

// Partner Center's refusals of a cancellation (error codes; "Cancel software purchases").
const WINDOW_PASSED = new Set(['900117', '900213']);
const NOT_SOFTWARE = '800019';
const CANNOT_CANCEL = '800061';
const CANCELLABLE_STATUSES = new Set(['completed', 'pending']);

/**
 * Undoing a software purchase within its cancellation window ("Cancel software purchases": `PATCH` the order with
 * status `cancelled` and its line items), with the windows and refunds of the new commerce cancellation policy (see
 * cancellationPolicy.ts): perpetual software within 30 days for a full refund, software subscriptions within 7 days
 * for a prorated one, reservations not through this API. The policy is applied before asking, so a card only offers
 * what can be done; Partner Center still decides, and its refusals come back as a `refused` outcome with a reason.
 */
export class OrderCancellationService {
  private readonly now: () => number;

  constructor(
    private readonly client: PartnerCenterClient,
    options: OrderCancellationServiceOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** What can be cancelled in an order now, until when, and the refund. */
  async cancellationOptions(
    ctx: PartnerCenterCallContext,
    request: { customerId: string; orderId: string },
  ): Promise<OrderCancellationOptions> {
    const order = await this.client.getOrder(ctx, { ...request, includePrice: true });
    return this.optionsOf(ctx, request.customerId, order);
  }

  /**
   * Cancels the lines of an order that can be cancelled now (or only those named). Sends the documented body with each
   * line's number and offer id. Partner Center's refusals (window passed, not software, already cancelled) are a
   * `refused` outcome; anything else (timeouts, errors) is thrown as a PartnerCenterError — pass the same `requestId`
   * to ask again, so a cancellation that did happen isn't done twice.
   */
  async cancelOrder(
    ctx: PartnerCenterCallContext,
    request: { customerId: string; orderId: string; lineItemNumbers?: readonly number[]; requestId?: string },
  ): Promise<CancellationOutcome> {
    const options = await this.cancellationOptions(ctx, request);
    const wanted = request.lineItemNumbers === undefined ? undefined : new Set(request.lineItemNumbers);
    const chosen = options.lines.filter((line) => wanted === undefined || wanted.has(line.lineItemNumber));
    if (wanted !== undefined && chosen.length !== wanted.size) {
      return { outcome: 'refused', reason: 'order-state', description: 'a line item named is not in the order' };
    }
    const refusedLine = wanted === undefined ? undefined : chosen.find((line) => !line.cancellable);
    if (refusedLine) return localRefusal(refusedLine.reason ?? 'order-state');
    const lines = chosen.filter((line) => line.cancellable);
    if (lines.length === 0) return localRefusal(options.reason ?? 'order-state');
    let order: Order;
    try {
      order = await this.client.cancelOrder(ctx, {
        customerId: request.customerId,
        orderId: request.orderId,
        lineItems: lines.map((line) => ({ lineItemNumber: line.lineItemNumber, offerId: line.offerId })),
        requestId: request.requestId,
      });
    } catch (error) {
      const refusal = partnerCenterRefusal(error);
      if (refusal) return refusal;
      throw error;
    }
    const refunds = lines.map((line) => line.estimatedRefund);
    return {
      outcome: 'cancelled',
      order,
      cancelledLines: lines.map((line) => line.lineItemNumber),
      refund: lines.some((line) => line.refund === 'prorated') ? 'prorated' : 'full',
      ...(refunds.every((amount): amount is number => amount !== undefined)
        ? {
            estimatedRefund: roundToCurrency(
              refunds.reduce((sum, amount) => sum + amount, 0),
              order.currencyCode,
            ),
          }
        : {}),
    };
  }

  private async optionsOf(
    ctx: PartnerCenterCallContext,
    customerId: string,
    order: Order,
  ): Promise<OrderCancellationOptions> {
    const now = this.now();
    const purchasedAt = order.creationDate ? Date.parse(order.creationDate) : Number.NaN;
    const products = new Map<string, Promise<Product | undefined>>();
    const productOf = (line: OrderLineItem): Promise<Product | undefined> => {
      const productId = line.offerId.split(':')[0];
      const country = countryOf(line);
      const key = `${productId}|${country ?? ''}`;
      let found = products.get(key);
      if (!found) {
        found = country ? this.product(ctx, productId, country) : Promise.resolve(undefined);
        products.set(key, found);
      }
      return found;
    };
    const orderOpen = CANCELLABLE_STATUSES.has(order.status.toLowerCase());
    const lines = await Promise.all(
      order.lineItems.map(async (line): Promise<LineCancellation> => {
        const kind = cancellableKindOf(await productOf(line));
        const policy = CANCELLATION_POLICIES[kind];
        const base = {
          lineItemNumber: line.lineItemNumber,
          offerId: line.offerId,
          ...(line.friendlyName ? { name: line.friendlyName } : {}),
          quantity: line.quantity,
          kind,
        };
        if (line.quantity === 0 || order.status.toLowerCase() === 'cancelled') {
          return { ...base, cancellable: false, refund: 'none', reason: 'already-cancelled' };
        }
        if (policy.windowMs === 0) {
          return { ...base, cancellable: false, refund: 'none', reason: 'not-cancellable-product' };
        }
        if (!orderOpen || Number.isNaN(purchasedAt)) {
          return { ...base, cancellable: false, refund: 'none', reason: 'order-state' };
        }
        const until = purchasedAt + policy.windowMs;
        const cancellableUntil = new Date(until).toISOString();
        if (now > until)
          return { ...base, cancellable: false, cancellableUntil, refund: 'none', reason: 'window-closed' };
        const paid = line.pricing?.extendedPrice ?? priceTimesQuantity(line);
        const share = refundShareAt(policy.refund, purchasedAt, line.termDuration, now);
        return {
          ...base,
          cancellable: true,
          cancellableUntil,
          refund: policy.refund,
          ...(paid === undefined ? {} : { estimatedRefund: roundToCurrency(paid * share, order.currencyCode) }),
        };
      }),
    );
    const open = lines.filter((line) => line.cancellable);
    const refunds = open.map((line) => line.estimatedRefund);
    const earliest = open.map((line) => line.cancellableUntil ?? '').sort()[0];
    return {
      customerId,
      orderId: order.id,
      status: order.status,
      ...(order.currencyCode ? { currency: order.currencyCode } : {}),
      cancellable: open.length > 0,
      ...(earliest ? { cancellableUntil: earliest } : {}),
      refund: open.length === 0 ? 'none' : open.some((line) => line.refund === 'prorated') ? 'prorated' : 'full',
      ...(open.length > 0 && refunds.every((amount): amount is number => amount !== undefined)
        ? {
            estimatedRefund: roundToCurrency(
              refunds.reduce((sum, amount) => sum + amount, 0),
              order.currencyCode,
            ),
          }
        : {}),
      ...(open.length === 0 ? { reason: overallReason(lines) } : {}),
      lines,
    };
  }

  private async product(ctx: PartnerCenterCallContext, productId: string, country: string) {
    try {
      return await this.client.getProduct(ctx, { productId, country });
    } catch (error) {
      // A product no longer in the catalog can't be told apart; it is simply not offered for cancellation.
      if (error instanceof PartnerCenterError && error.kind === 'http' && error.httpStatus === 404) return undefined;
      throw error;
    }
  }
}

/** The country of the catalog an order line was bought from: its product link (`/products/X?country=US`). */
function countryOf(line: OrderLineItem): string | undefined {
  const links = line.links ?? {};
  for (const name of ['product', 'sku', 'availability']) {
    const uri = links[name]?.uri;
    const country = uri ? /[?&]country=([A-Za-z]{2})(?:&|$)/.exec(uri)?.[1] : undefined;
    if (country) return country.toUpperCase();
  }
  return undefined;
}

function priceTimesQuantity(line: OrderLineItem): number | undefined {
  const unit = line.pricing?.price ?? line.pricing?.listPrice;
  return unit === undefined ? undefined : unit * line.quantity;
}

function overallReason(lines: LineCancellation[]): NotCancellableReason {
  const reasons = lines.map((line) => line.reason);
  for (const reason of ['window-closed', 'order-state', 'not-cancellable-product', 'already-cancelled'] as const) {
    if (reasons.includes(reason)) return reason;
  }
  return 'order-state';
}

function localRefusal(reason: NotCancellableReason): CancellationOutcome {
  const descriptions: Record<NotCancellableReason, string> = {
    'window-closed': 'the cancellation window has passed',
    'not-cancellable-product': 'only software subscriptions and perpetual software can be cancelled',
    'already-cancelled': 'already cancelled',
    'order-state': 'the order cannot be cancelled in its current state',
  };
  return { outcome: 'refused', reason, description: descriptions[reason] };
}

function partnerCenterRefusal(error: unknown): CancellationOutcome | undefined {
  if (!(error instanceof PartnerCenterError) || error.kind !== 'http') return undefined;
  const code = error.code?.trim() ?? '';
  const description = error.description ?? `Partner Center refused the cancellation (HTTP ${error.httpStatus})`;
  if (WINDOW_PASSED.has(code)) return { outcome: 'refused', reason: 'window-closed', code, description };
  if (code === NOT_SOFTWARE) return { outcome: 'refused', reason: 'not-cancellable-product', code, description };
  if (code === CANNOT_CANCEL) return { outcome: 'refused', reason: 'order-state', code, description };
  return undefined;
}
