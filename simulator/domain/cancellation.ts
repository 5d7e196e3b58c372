import type { ProductKind } from '../data/catalogSeed';
import { ApiError, invalidInput } from '../http/apiError';
import type { SimulatorState } from '../state/simulatorState';
import type { OrderLine, OrderRecord } from './orders';

const DAY_MS = 86_400_000;

/** How long after the purchase a line may be cancelled, and what the refund is. */
export interface CancellationWindow {
  windowMs: number;
  refund: 'full' | 'prorated';
  /** The documented refusal once the window has passed: its code and the `{0}` it names (days or hours). */
  refusal: { code: number; description: string };
}

/**
 * The new commerce cancellation policy ("New commerce experience cancellation policy"): perpetual software — "Full
 * refund within 30 calendar days of purchase"; software subscriptions — "Prorated refund … within seven calendar days
 * of purchase. For example, if you cancel on the third day, the refund will be for the remaining paid period minus the
 * three days". Past a window Partner Center answers 400 with 900117 "You have passed your {0}-day cancellation window"
 * or 900213 "…{0}-hour cancellation window" (error codes); which of the two goes with which product is not documented:
 * the simulator gives the day-counted message for the 30-day window and the hour-counted one for the 7-day window
 * that resellers describe as 168 hours.
 */
export const CANCELLATION_WINDOWS: Readonly<Record<Exclude<ProductKind, 'reservation'>, CancellationWindow>> = {
  perpetual: {
    windowMs: 30 * DAY_MS,
    refund: 'full',
    refusal: {
      code: 900117,
      description: 'You have passed your 30-day cancellation window. We are unable to cancel your purchase',
    },
  },
  softwareSubscription: {
    windowMs: 7 * DAY_MS,
    refund: 'prorated',
    refusal: {
      code: 900213,
      description: 'You have passed your 168-hour cancellation window. We are unable to cancel your purchase',
    },
  },
};

/** A line to cancel as the PATCH body names it. */
export interface LineToCancel {
  lineItemNumber: number;
  offerId?: string;
}

/**
 * Cancels lines of an order at `now` (simulated time), or refuses as Partner Center documents: a reservation line →
 * 403 / 800019 "Non-Sandbox tenants aren't allowed to cancel purchases other than software subscriptions and perpetual
 * software"; a line already cancelled → 400 / 800061 "Order can't be canceled"; a line past its window → 400 / 900117 or
 * 900213 (see {@link CANCELLATION_WINDOWS}). Nothing changes unless every named line can be cancelled. A cancelled line
 * gets quantity 0 and loses its entitlements; a line already charged (the order completed) gets a refund charge
 * (`chargeType` `cancel`, negative) in this month's unbilled one-time charges: the whole price for perpetual software,
 * the unused part of the term for a subscription. The order becomes `cancelled` when every line is.
 */
export function cancelOrderLines(
  state: SimulatorState,
  order: OrderRecord,
  named: readonly LineToCancel[] | undefined,
  now: number,
): void {
  const open = order.lines.filter((line) => line.quantity > 0);
  const lines = named === undefined || named.length === 0 ? open : named.map((asked) => lineOf(order, asked));
  if (lines.length === 0) throw new ApiError(400, 800061, "Order can't be canceled");
  if (new Set(lines).size !== lines.length) throw invalidInput('a line item is named twice');
  for (const line of lines) {
    if (line.kind === 'reservation') {
      throw new ApiError(
        403,
        800019,
        "Non-Sandbox tenants aren't allowed to cancel purchases other than software subscriptions and perpetual software",
      );
    }
  }
  for (const line of lines) {
    if (line.quantity === 0) throw new ApiError(400, 800061, "Order can't be canceled");
    const window = windowOf(line);
    if (now - order.createdAt > window.windowMs) {
      throw new ApiError(400, window.refusal.code, window.refusal.description);
    }
  }
  const charged = order.status === 'completed';
  for (const line of lines) {
    const window = windowOf(line);
    if (charged) refund(state, order, line, window, now);
    line.purchasedQuantity = line.quantity;
    line.quantity = 0;
    line.cancelledAt = now;
  }
  const cancelled = new Set(lines);
  state.entitlements.splice(
    0,
    state.entitlements.length,
    ...state.entitlements.filter((record) => !(record.orderId === order.id && cancelled.has(record.line))),
  );
  if (order.lines.every((line) => line.quantity === 0)) order.status = 'cancelled';
}

/**
 * The share of the price refunded when a line is cancelled at `now`: all of it for a full refund; for a prorated one,
 * the term less the days started since the purchase ("cancel on the third day … the remaining paid period minus the
 * three days").
 */
export function refundShare(line: OrderLine, window: CancellationWindow, orderedAt: number, now: number): number {
  if (window.refund === 'full') return 1;
  const termEnd = addYears(orderedAt, line.termDuration === 'P3Y' ? 3 : 1);
  const termDays = Math.round((termEnd - orderedAt) / DAY_MS);
  const daysStarted = Math.max(1, Math.ceil((now - orderedAt) / DAY_MS));
  return Math.max(0, (termDays - daysStarted) / termDays);
}

function refund(state: SimulatorState, order: OrderRecord, line: OrderLine, window: CancellationWindow, now: number) {
  const customer = state.customer(order.customerId);
  const decimals = customer.market.decimals;
  const factor = 10 ** decimals;
  const perUnit = Math.round(line.unitPrice * refundShare(line, window, order.createdAt, now) * factor) / factor;
  state.invoices.addCharge({
    customer,
    orderId: order.alternateId,
    orderDate: order.createdAt,
    chargeDate: now,
    productId: line.productId,
    skuId: line.skuId,
    availabilityId: line.availabilityId,
    productName: line.friendlyName,
    skuName: line.friendlyName,
    quantity: -line.quantity,
    unitPrice: perUnit,
    termDuration: line.termDuration,
    subscriptionId: state.random.guid(),
    chargeType: 'cancel',
  });
}

function lineOf(order: OrderRecord, asked: LineToCancel): OrderLine {
  const line = order.lines.find((candidate) => candidate.lineItemNumber === asked.lineItemNumber);
  if (!line) throw invalidInput(`line item ${asked.lineItemNumber} isn't in order ${order.id}`);
  if (asked.offerId !== undefined && asked.offerId.toUpperCase() !== line.offerId.toUpperCase()) {
    throw invalidInput(`line item ${asked.lineItemNumber} is not offer ${asked.offerId}`);
  }
  return line;
}

function windowOf(line: OrderLine): CancellationWindow {
  if (line.kind === 'reservation') throw new Error('reservations have no cancellation window here');
  return CANCELLATION_WINDOWS[line.kind];
}

function addYears(time: number, years: number): number {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear() + years, date.getUTCMonth(), date.getUTCDate(), date.getUTCHours());
}
