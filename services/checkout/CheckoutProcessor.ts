import { z } from 'zod';
import { textFor } from '../../i18n/text';
import { SignInRequiredError } from '../partnerCenter/auth/SignInRequiredError';
import { isMfaRefusal } from '../partnerCenter/isMfaRefusal';
import type { PartnerCenterCallContext } from '../partnerCenter/PartnerCenterCallContext';
import { PartnerCenterError } from '../partnerCenter/PartnerCenterError';
import { PurchaseRequestError } from '../purchase/PurchaseRequestError';
import type { FailureDescription } from '../purchase/describePurchaseFailure';
import type { CheckoutSummary, PurchaseService } from '../purchase/types';
import type { RecentOrdersStore } from '../storage/RecentOrdersStore';
import type { CheckoutLedger, CheckoutRecord } from './CheckoutLedger';

/** How long, and how many times, one checkout may be tried before the bot stops and says what it knows. */
export interface CheckoutBudget {
  /** Checkout calls in all (each may include the client's own retries), across restarts and instances. */
  maxAttempts: number;
  /** Time from the first checkout call after which no new call is started. */
  maxDurationMs: number;
}

/** The defaults: about a quarter of an hour of backed-off tries, far past a passing Partner Center outage. */
export const DEFAULT_CHECKOUT_BUDGET: CheckoutBudget = { maxAttempts: 8, maxDurationMs: 15 * 60_000 };

/** Settings of {@link CheckoutProcessor}. */
export interface CheckoutProcessorOptions {
  ledger: CheckoutLedger;
  purchase: PurchaseService;
  recentOrders: RecentOrdersStore;
  budget?: CheckoutBudget;
  /** Wait after failed attempt n (1-based) whose outcome is unknown, before a Retry-After is taken into account. */
  backoffMs?: (attempt: number) => number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
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
 * Whether the refused call was the only one ever sent for this checkout (the first attempt, not retried): only then
 * does a refusal at the door mean that nothing was bought.
 */
function onlyCall(record: CheckoutRecord, error: unknown): boolean {
  return record.attempts === 1 && error instanceof PartnerCenterError && error.attempts === 1;
}

/** The wait Partner Center asked for, if it did: a later call must not come earlier. */
function retryAfterMs(error: unknown): number {
  return error instanceof PartnerCenterError && error.retryAfterSeconds !== undefined
    ? error.retryAfterSeconds * 1000
    : 0;
}

/**
 * Takes a claimed cart towards a final state: marks it submitted, checks it out with the ledger's MS-RequestId (so a
 * repeat after a timeout, a dropped connection or a restart can only return the first result), and records done or
 * failed. Passing failures are retried with backoff (never sooner than a Retry-After) within a budget of attempts and
 * time kept in the record, so restarts don't reset it; checkout is idempotent per cart, so a retry never buys twice.
 * Only Partner Center's refusal is recorded as failed. When the budget runs out with the outcome still unknown (it may
 * have been committed), the record becomes `unconfirmed`: nothing more is sent, and the person is told to check before
 * ordering again. A person who must sign in first stops the attempts at once: the record stays `submitted`, marked
 * `waitingForSignIn`.
 */
export class CheckoutProcessor {
  private readonly budget: CheckoutBudget;
  private readonly backoffMs: (attempt: number) => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly options: CheckoutProcessorOptions) {
    this.budget = options.budget ?? DEFAULT_CHECKOUT_BUDGET;
    this.backoffMs = options.backoffMs ?? ((attempt) => Math.min(120_000, 5_000 * 2 ** (attempt - 1)));
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
  }

  /** Runs (or resumes) the checkout of a ledger record; returns it, final unless waiting for the person to sign in. */
  async process(key: string): Promise<CheckoutRecord> {
    const { ledger, purchase } = this.options;
    let record = await ledger.get(key);
    if (!record) throw new Error(`CheckoutProcessor: no ledger record ${key}.`);
    while (record.state === 'pending' || record.state === 'submitted') {
      const exhausted = this.exhausted(record, 0);
      if (exhausted) {
        record = await ledger.update(key, () => ({ state: 'unconfirmed', failure: exhausted }));
        break;
      }
      const startedAt = new Date(this.now()).toISOString();
      record = await ledger.update(key, (r) => ({
        state: 'submitted',
        attempts: r.attempts + 1,
        firstAttemptAt: r.firstAttemptAt ?? startedAt,
      }));
      let result: CheckoutSummary;
      try {
        result = await purchase.checkout(callContextOf(record), record.customer, record.cartId, {
          requestId: record.requestId,
        });
      } catch (error) {
        if (error instanceof SignInRequiredError) {
          // Not a refusal (an earlier attempt may have reached Partner Center), and more attempts cannot help until the
          // person signs in: the record stays `submitted` for a resumption with the same MS-RequestId.
          return ledger.update(key, () => ({ waitingForSignIn: true }));
        }
        if (isMfaRefusal(error) && !onlyCall(record, error)) {
          // Refused at the door, before Partner Center looked at the cart: that says nothing about an earlier call with
          // this MS-RequestId that may have been committed. Like a lapsed sign-in, it waits for the person to sign in
          // again (with MFA) and then asks again with the same MS-RequestId; sending it now would only be refused again.
          const failure = purchase.describeFailure(error);
          return ledger.update(key, () => ({
            waitingForSignIn: true,
            failure: storedFailure(failure),
          }));
        }
        if (isRefusal(error)) {
          const failure = purchase.describeFailure(error);
          record = await ledger.update(key, () => ({
            state: 'failed',
            failure: storedFailure(failure),
            waitingForSignIn: undefined,
          }));
          break;
        }
        if (record.waitingForSignIn) record = await ledger.update(key, () => ({ waitingForSignIn: undefined }));
        const waitMs = Math.max(this.backoffMs(record.attempts), retryAfterMs(error));
        const giveUp = this.exhausted(record, waitMs);
        if (giveUp) {
          record = await ledger.update(key, () => ({ state: 'unconfirmed', failure: giveUp }));
          break;
        }
        await this.sleep(waitMs);
        record = (await ledger.get(key)) ?? record;
        continue;
      }
      // Outside the try: if recording fails the process must not report a failure — the record stays `submitted`,
      // and recovery, checking out again with the same MS-RequestId, gets this same result back.
      // A 201 is Partner Center's definite answer, partial or not: it is recorded as final and never sent again. One
      // that placed no order and refused every order group bought nothing, so it is a refusal.
      const refusal = refusalOf(result);
      record = await ledger.update(key, () =>
        refusal
          ? { state: 'failed', result, failure: refusal, waitingForSignIn: undefined }
          : { state: 'done', result, failure: undefined, waitingForSignIn: undefined },
      );
      for (const order of result.orders) {
        await this.options.recentOrders
          .add({ orderId: order.id, customerId: record.customer.id, placedAt: record.updatedAt })
          // Only a display hint for `orders`; the purchase itself is recorded above.
          .catch(() => undefined);
      }
    }
    return record;
  }

  /**
   * Why no further attempt may start after waiting `waitMs`, or undefined while the budget allows one. The sentence is
   * what the person reads: what is known, and what to do.
   */
  private exhausted(record: CheckoutRecord, waitMs: number): StoredFailure | undefined {
    const started = record.firstAttemptAt ? Date.parse(record.firstAttemptAt) : undefined;
    const outOfAttempts = record.attempts >= this.budget.maxAttempts;
    const outOfTime = started !== undefined && this.now() + waitMs - started > this.budget.maxDurationMs;
    if (!outOfAttempts && !outOfTime) return undefined;
    const values = { attempts: record.attempts };
    return { key: 'outcome.exhausted', values, sentence: textFor('en-US')('outcome.exhausted', values) };
  }
}

type StoredFailure = NonNullable<CheckoutRecord['failure']>;

/** A failure as the ledger keeps it: the English sentence, the code, and the catalog key to say it in any language. */
function storedFailure(failure: FailureDescription): StoredFailure {
  return {
    sentence: failure.sentence,
    code: failure.code,
    ...(failure.key ? { key: failure.key } : {}),
    ...(failure.values ? { values: failure.values } : {}),
  };
}

/**
 * The refusal in a checkout result that placed no order but says why (order errors only): the first refused group's
 * sentence and code, for the record's `failure`. Undefined when something was placed.
 */
function refusalOf(result: CheckoutSummary): StoredFailure | undefined {
  const [first] = result.problems;
  if (result.orders.length > 0 || !first) return undefined;
  return { sentence: first.sentence, code: first.code, ...(first.key ? { key: first.key } : {}) };
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
