import { z } from 'zod';
import { SignInRequiredError } from '../partnerCenter/auth/SignInRequiredError';
import type { PartnerCenterCallContext } from '../partnerCenter/PartnerCenterCallContext';
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
 * A person who must sign in first stops the rounds at once: the record stays `submitted`, marked `waitingForSignIn`.
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
        result = await purchase.checkout(callContextOf(record), record.customer, cartId, {
          requestId: record.requestId,
        });
      } catch (error) {
        if (error instanceof SignInRequiredError) {
          // Not a refusal (an earlier round may have reached Partner Center), and more rounds cannot help until the
          // person signs in: the record stays `submitted` for a resumption with the same MS-RequestId.
          return ledger.update(cartId, () => ({ waitingForSignIn: true }));
        }
        if (isRefusal(error)) {
          const failure = purchase.describeFailure(error);
          record = await ledger.update(cartId, () => ({
            state: 'failed',
            failure: { sentence: failure.sentence, code: failure.code },
            waitingForSignIn: undefined,
          }));
        } else {
          if (record.waitingForSignIn) record = await ledger.update(cartId, () => ({ waitingForSignIn: undefined }));
          if (round < this.maxRounds) await this.sleep(this.roundDelayMs(round));
        }
        continue;
      }
      // Outside the try: if recording fails the process must not report a failure — the record stays `submitted`,
      // and recovery, checking out again with the same MS-RequestId, gets this same result back.
      record = await ledger.update(cartId, () => ({
        state: 'done',
        result,
        failure: undefined,
        waitingForSignIn: undefined,
      }));
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

/** The call context of a record's checkout, acting for the person who placed the order. */
function callContextOf(record: CheckoutRecord): PartnerCenterCallContext {
  const signIn = signInOf(record.target.conversationReference);
  return {
    correlationId: record.correlationId,
    user: { id: record.user.key, name: record.user.name, ...(signIn ? { signIn } : {}) },
  };
}

/** The part of a Bot Framework conversation reference that locates the person's sign-in. */
const signInReferenceSchema = z.object({
  channelId: z.string().min(1),
  user: z.object({ id: z.string().min(1) }),
});

// The reference is opaque to the ledger (the bot stores Bot Framework's shape), so anything unexpected means no sign-in.
function signInOf(reference: unknown): { channelId: string; channelUserId: string } | undefined {
  const parsed = signInReferenceSchema.safeParse(reference);
  return parsed.success ? { channelId: parsed.data.channelId, channelUserId: parsed.data.user.id } : undefined;
}
