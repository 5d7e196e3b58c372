import { PartnerCenterError } from '../partnerCenter/PartnerCenterError';
import { PurchaseRequestError } from '../purchase/PurchaseRequestError';
import type { CheckoutSummary, PurchaseService } from '../purchase/types';
import type { RecentOrdersStore } from '../storage/RecentOrdersStore';
import type { CheckoutLedger, CheckoutRecord } from './CheckoutLedger';

/** Settings of {@link CheckoutProcessor}. */
export interface CheckoutProcessorOptions {
  ledger: CheckoutLedger;
  purchase: PurchaseService;
  recentOrders: RecentOrdersStore;
  /** Rounds of checkout after a passing failure (each round already includes the client's own retries). */
  maxRounds?: number;
  /** Wait before round n (1-based) after a passing failure. */
  roundDelayMs?: (round: number) => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Partner Center codes that mean "your checkout may be under way": never a reason to report failure. */
const IN_PROGRESS_CODES = new Set(['800060', '800064']);

/**
 * True only when Partner Center (or the bot's own check before calling it) definitely refused the checkout, so nothing
 * was bought. Timeouts, dropped connections, throttling, 5xx, "in progress" and anything unexpected leave the outcome
 * unknown.
 */
function isRefusal(error: unknown): boolean {
  if (error instanceof PurchaseRequestError) return true;
  if (!(error instanceof PartnerCenterError) || error.kind !== 'http' || error.httpStatus === undefined) return false;
  const status = error.httpStatus;
  if (status < 400 || status >= 500 || status === 408 || status === 409 || status === 429) return false;
  return !IN_PROGRESS_CODES.has(error.code ?? '');
}

/**
 * Takes a claimed cart towards a final state: marks it submitted, checks it out with the ledger's MS-RequestId (so a
 * repeat after a timeout, a dropped connection or a restart can only return the first result), and records done or
 * failed. Passing failures are retried in rounds; checkout is idempotent per cart, so a retry never buys twice.
 * Only Partner Center's refusal is recorded as failed: when the outcome is still unknown after every round (it may
 * have been committed), the record stays `submitted` for a later resumption rather than telling the user it failed.
 */
export class CheckoutProcessor {
  private readonly maxRounds: number;
  private readonly roundDelayMs: (round: number) => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: CheckoutProcessorOptions) {
    this.maxRounds = options.maxRounds ?? 4;
    this.roundDelayMs = options.roundDelayMs ?? ((round) => Math.min(30_000, 2_000 * 2 ** (round - 1)));
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Runs (or resumes) the checkout of a cart; returns its record, final unless the outcome is still unknown. */
  async process(cartId: string): Promise<CheckoutRecord> {
    const { ledger, purchase } = this.options;
    let record = await ledger.get(cartId);
    if (!record) throw new Error(`CheckoutProcessor: no ledger record for cart ${cartId}.`);
    for (
      let round = 1;
      (record.state === 'pending' || record.state === 'submitted') && round <= this.maxRounds;
      round += 1
    ) {
      record = await ledger.update(cartId, (r) => ({ state: 'submitted', attempts: r.attempts + 1 }));
      let result: CheckoutSummary;
      try {
        result = await purchase.checkout(
          { correlationId: record.correlationId, user: { id: record.user.key, name: record.user.name } },
          record.customer,
          cartId,
          { requestId: record.requestId },
        );
      } catch (error) {
        if (isRefusal(error)) {
          const failure = purchase.describeFailure(error);
          record = await ledger.update(cartId, () => ({
            state: 'failed',
            failure: { sentence: failure.sentence, code: failure.code },
          }));
        } else if (round < this.maxRounds) {
          await this.sleep(this.roundDelayMs(round));
        }
        continue;
      }
      // Outside the try: if recording fails the process must not report a failure — the record stays `submitted`,
      // and recovery, checking out again with the same MS-RequestId, gets this same result back.
      record = await ledger.update(cartId, () => ({ state: 'done', result, failure: undefined }));
      for (const order of result.orders) {
        await this.options.recentOrders
          .add({ orderId: order.id, customerId: record.customer.id, placedAt: record.updatedAt })
          // Only a display hint for `orders`; the purchase itself is recorded above.
          .catch(() => undefined);
      }
    }
    return record;
  }
}
