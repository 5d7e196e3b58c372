import type { SeededRandom } from './seededRandom';

/** Every kind of trouble one purchase of the soak can meet. */
export const FAULT_KINDS = [
  'none',
  'timeout-after-commit',
  'server-error',
  'connection-reset',
  'throttled',
  'redelivered',
  'double-click',
  'crash-before-recording',
  'storage-fault',
  'refused',
] as const;

/** One kind of trouble. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A simulator fault for the cart's checkout path, as `POST /_simulator/faults` takes it (minus method and path). */
export interface CheckoutFault {
  count: number;
  status?: number;
  body?: unknown;
  retryAfterSeconds?: number;
  delayMs?: number;
  drop?: 'before' | 'after';
}

/** What happens to one purchase: its fault kind, the simulator fault (if any) and how many times "Place order" arrives. */
export interface PurchasePlan {
  kind: FaultKind;
  fault?: CheckoutFault;
  /** Sequential deliveries of the same "Place order" activity. */
  deliveries: number;
  /** Pause between two sequential deliveries. */
  gapMs: number;
  /** Two different clicks sent at the same time. */
  concurrentClicks: boolean;
  /** The ledger write recording this state fails once, in a process that lives on. */
  storageFaultAt?: 'submitted' | 'done';
}

/**
 * Draws one purchase's trouble. Faults that make the client give up (a timeout, a dropped answer) stay just above the
 * client's timeout, and counts stay small enough that the processor's rounds get through: every purchase that
 * Partner Center does not refuse must end with exactly one order.
 */
export function drawPurchasePlan(random: SeededRandom, clientTimeoutMs: number): PurchasePlan {
  const kind = random.pick(FAULT_KINDS);
  const plan: PurchasePlan = { kind, deliveries: 1, gapMs: 0, concurrentClicks: false };
  switch (kind) {
    case 'timeout-after-commit':
      plan.fault =
        random.next() < 0.5
          ? { count: 1, drop: 'after' }
          : { count: 1, delayMs: clientTimeoutMs + random.int(100, 400) };
      break;
    case 'server-error':
      plan.fault = { count: random.int(1, 6), status: random.pick([500, 502, 503, 504]) };
      break;
    case 'connection-reset':
      plan.fault = { count: random.int(1, 3), drop: 'before' };
      break;
    case 'throttled':
      plan.fault = { count: random.int(1, 3), status: 429, retryAfterSeconds: random.int(1, 30) };
      break;
    case 'redelivered':
      plan.deliveries = random.int(2, 3);
      plan.gapMs = random.int(0, 40);
      break;
    case 'double-click':
      plan.concurrentClicks = true;
      break;
    case 'refused':
      // Every checkout of the cart is refused, as Partner Center would: a late copy of a timed-out attempt too.
      plan.fault = {
        count: 1000,
        status: 403,
        body: { code: 800069, description: 'Order failed Risk Management check', data: [], source: 'PartnerFD' },
      };
      break;
    case 'storage-fault':
      plan.storageFaultAt = random.pick(['submitted', 'done'] as const);
      break;
    case 'none':
    case 'crash-before-recording':
      break;
  }
  return plan;
}
