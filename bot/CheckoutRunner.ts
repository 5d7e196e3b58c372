import { randomUUID } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import { userKeyOf } from '../dialogs/userKeyOf';
import type { CheckoutOrder, CheckoutStarter, PlaceOrderOutcome } from '../dialogs/checkoutPort';
import type { AuditEntry, AuditResult, NewAuditEntry } from '../services/audit/AuditEntry';
import type { AuditTrail } from '../services/audit/AuditTrail';
import { checkoutKeyOf } from '../services/checkout/cartIdentity';
import {
  type CheckoutLedger,
  type CheckoutRecord,
  FINAL_STATES,
  isPartialOutcome,
} from '../services/checkout/CheckoutLedger';
import type { CheckoutProcessor } from '../services/checkout/CheckoutProcessor';
import { setCheckoutTurnFlag } from './checkoutTurnFlag';
import { type JobKind, LeasedJobRunner, type OpenJob, type StepOutcome } from './jobs/LeasedJobRunner';
import type { Logger } from './logger';

/** Settings of {@link CheckoutRunner}. */
export interface CheckoutRunnerOptions {
  ledger: CheckoutLedger;
  processor: CheckoutProcessor;
  /** Shows a record's current outcome in its conversation (replacing its card); throws when it could not. */
  deliver: (record: CheckoutRecord) => Promise<void>;
  logger: Logger;
  /** After a run that failed (storage trouble, an outcome that could not be shown), how long until it is resumed. */
  resumeDelayMs?: number;
  /** Failed attempts to show a final outcome before the bot stops trying (the log and audit trail keep it). */
  maxDeliveryAttempts?: number;
  /** Where every claim, duplicate click and final outcome is recorded; the composition root always sets it. */
  audit?: AuditTrail;
  /**
   * This bot instance, as lease owner: stable across restarts of the same instance (default: the host name), so a
   * restarted instance resumes its own checkouts at once while another instance's running ones are left alone.
   */
  instanceId?: string;
  /**
   * How long a lease on a checkout lasts. The owner renews it every third of that while it works on the checkout, so
   * a live owner keeps it however long Partner Center takes, and a dead owner's is taken over soon after it lapses.
   */
  leaseMs?: number;
  /**
   * The bot's background-job runner, shared with the other kinds of background work (the composition root passes it
   * and starts it); without it this runner drives checkouts on a runner of its own.
   */
  jobs?: LeasedJobRunner;
  /** Told of every checkout that placed orders, once its outcome is shown (order tracking starts there). */
  afterPlaced?: (record: CheckoutRecord) => Promise<void>;
}

/**
 * Places orders outside the turn: "Place order" claims the cart in the ledger (exactly one claimant across clicks,
 * redeliveries and instances), and the claimant's checkout runs as a background job (the `checkout` kind of the bot's
 * {@link LeasedJobRunner}: leased, renewed while it runs, taken over when its owner dies); its outcome replaces the
 * card. `recover()` picks up every checkout a previous process left unfinished or unreported.
 */
export class CheckoutRunner implements CheckoutStarter, JobKind {
  readonly name = 'checkout';
  /** Carts whose final outcome this process has already recorded (a redelivery must not record it twice). */
  private readonly audited = new Set<string>();
  /** The unfinished view ("waiting for sign-in") each checkout's card last showed, so a retry doesn't resend it. */
  private readonly shownUnfinished = new Map<string, string>();
  private readonly jobs: LeasedJobRunner;
  private readonly ownsJobs: boolean;
  private readonly leaseMs: number;

  constructor(private readonly options: CheckoutRunnerOptions) {
    this.leaseMs = options.leaseMs ?? 45_000;
    this.ownsJobs = !options.jobs;
    this.jobs =
      options.jobs ??
      new LeasedJobRunner({
        logger: options.logger,
        instanceId: options.instanceId,
        leaseMs: this.leaseMs,
        retryDelayMs: options.resumeDelayMs,
      });
    this.jobs.register(this);
  }

  async placeOrder(
    context: TurnContext,
    order: CheckoutOrder,
    acknowledge: () => Promise<void>,
  ): Promise<PlaceOrderOutcome> {
    const activity = context.activity;
    const tenantId = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    const user = { objectId: activity.from?.aadObjectId, name: activity.from?.name, tenantId };
    const key = checkoutKeyOf(order.cartId, order.identity);
    setCheckoutTurnFlag(context, 'claiming');
    let claim: Awaited<ReturnType<CheckoutLedger['claim']>>;
    try {
      claim = await this.options.ledger.claim({
        cartId: order.cartId,
        identity: order.identity,
        customer: order.customer,
        user: { key: userKeyOf(context), name: activity.from?.name, tenantId },
        ...(order.item ? { item: order.item } : {}),
        requestId: order.requestId ?? randomUUID(),
        correlationId: order.correlationId,
        lease: { owner: this.jobs.owner, until: new Date(Date.now() + this.leaseMs).toISOString() },
        target: {
          conversationReference: { ...TurnContext.getConversationReference(activity) },
          activityId: order.cardActivityId,
          locale: activity.locale,
        },
      });
    } catch (error) {
      await this.afterFailedClaim(context, key);
      throw error;
    }
    if (!claim.claimed) {
      setCheckoutTurnFlag(context, undefined);
      await this.record({
        ...this.factsOf(claim.record),
        user,
        result: 'duplicate-refused',
        correlationId: order.correlationId,
        detail: `cart already ${claim.record.state}`,
      });
      return { started: false, record: claim.record };
    }
    setCheckoutTurnFlag(context, 'claimed');
    const record = claim.record;
    try {
      const attestationsAccepted = acceptedAttestationsOf(order);
      await this.record({
        ...this.factsOf(record),
        user,
        result: 'claimed',
        ...(attestationsAccepted.length > 0 ? { attestationsAccepted } : {}),
      });
      await this.noteEarlierUseOfCartId(record);
      await this.options.ledger
        .rememberRecent(record)
        .catch((error: unknown) => this.warn('duplicate guard not told of a claim', record.key, error));
      await acknowledge();
    } finally {
      // Even if the acknowledgement could not be shown, the claimed checkout must run and report its outcome.
      this.jobs.runNow(this.name, record.key);
    }
    return { started: true };
  }

  /**
   * Resumes what a previous process (or a dead instance) left: unfinished checkouts and outcomes not yet shown, except
   * those another instance holds a running lease on, and those waiting for their person to sign in (they resume when
   * that person does). Returns how many it picked up.
   */
  recover(): Promise<number> {
    return this.jobs.sweep(this.name);
  }

  /** Resumes at once this person's checkouts that were waiting for them to sign in (they just did). */
  async resumeWaitingFor(userKey: string): Promise<number> {
    const waiting = (await this.options.ledger.open()).filter((r) => r.waitingForSignIn && r.user.key === userKey);
    for (const record of waiting) this.jobs.runNow(this.name, record.key);
    return waiting.length;
  }

  /** With a runner of its own: sweeps every `intervalMs` (a shared runner is started by the composition root). */
  sweepEvery(intervalMs: number): void {
    if (this.ownsJobs) void this.jobs.start(intervalMs);
  }

  /** Waits for every checkout step now running (tests, shutdown). */
  drain(): Promise<void> {
    return this.jobs.drain();
  }

  /** Stops its own runner (a shared one is closed by its owner); running checkouts finish. */
  close(): void {
    if (this.ownsJobs) this.jobs.close();
  }

  /** Checkouts not final or not yet shown, with their leases; those waiting for a sign-in wait for `runNow`. */
  async open(): Promise<OpenJob[]> {
    return (await this.options.ledger.open()).map((r) => ({
      id: r.key,
      ...(r.lease ? { lease: { owner: r.lease.owner, until: Date.parse(r.lease.until) } } : {}),
      waiting: Boolean(r.waitingForSignIn) && !FINAL_STATES.has(r.state),
    }));
  }

  async lease(key: string, owner: string, durationMs: number): Promise<boolean> {
    return (await this.options.ledger.lease(key, owner, durationMs)) !== undefined;
  }

  /** Takes the checkout as far as it goes (see CheckoutProcessor), records its outcome and shows it. */
  async step(key: string): Promise<StepOutcome> {
    const record = await this.options.processor.process(key);
    if (!FINAL_STATES.has(record.state)) {
      // Waiting for the person to sign in: say so once; their sign-in resumes it.
      const view = 'waiting-for-sign-in';
      if (this.shownUnfinished.get(key) !== view) {
        await this.options
          .deliver(record)
          .then(() => this.shownUnfinished.set(key, view))
          .catch(() => undefined);
      }
      return { next: 'waiting' };
    }
    this.shownUnfinished.delete(key);
    if (record.delivered) return { next: 'done' };
    if (!this.audited.has(key)) {
      this.audited.add(key);
      await this.record({
        ...this.factsOf(record),
        result: auditResultOf(record),
        orderIds: (record.result?.orders ?? []).map((o) => o.id),
        ...(record.failure ? { detail: record.failure.sentence } : {}),
        ...(isPartialOutcome(record) ? { detail: refusedPartsOf(record) } : {}),
      });
    }
    try {
      await this.options.deliver(record);
    } catch (error) {
      const attempts = (record.deliveryAttempts ?? 0) + 1;
      if (attempts < (this.options.maxDeliveryAttempts ?? 20)) {
        await this.options.ledger.update(key, () => ({ deliveryAttempts: attempts }));
        throw error;
      }
      // The conversation is gone or refuses the bot: the ledger and audit trail keep the outcome for `audit`.
      this.warn('checkout outcome could not be shown; giving up', key, error);
      await this.options.ledger.update(key, () => ({ delivered: true, undelivered: true, deliveryAttempts: attempts }));
      return { next: 'done' };
    }
    if (record.state === 'done' && this.options.afterPlaced) {
      await this.options
        .afterPlaced(record)
        .catch((error: unknown) => this.warn('placed order not followed up', key, error));
    }
    await this.options.ledger.update(key, () => ({ delivered: true }));
    return { next: 'done' };
  }

  /**
   * After a claim that threw: if the record exists after all (a write that failed late), its checkout runs and the turn
   * says "placing"; if it surely doesn't, the turn may honestly say nothing was bought.
   */
  private async afterFailedClaim(context: TurnContext, key: string): Promise<void> {
    let existing: CheckoutRecord | undefined;
    try {
      existing = await this.options.ledger.get(key);
    } catch {
      return; // Can't tell: the flag stays `claiming`.
    }
    if (!existing) {
      setCheckoutTurnFlag(context, undefined);
      return;
    }
    setCheckoutTurnFlag(context, 'claimed');
    this.jobs.runNow(this.name, key);
  }

  /** A cart id seen before with another cart: the earlier record is not this cart's outcome; log and audit that. */
  private async noteEarlierUseOfCartId(record: CheckoutRecord): Promise<void> {
    let earlier: string | undefined;
    try {
      earlier = await this.options.ledger.earlierUseOfCartId(record);
    } catch (error) {
      this.warn('cart id reuse not checked', record.key, error);
      return;
    }
    if (!earlier) return;
    this.options.logger.warn('cart id already used by an earlier, different cart; checking this one out on its own', {
      key: record.key,
      earlier,
    });
    await this.record({
      ...this.factsOf(record),
      result: 'ledger-mismatch',
      detail: `cart id ${record.cartId} was used before by a different cart (${earlier}); that record was not taken as this order's outcome`,
    });
  }

  /** The audit facts a ledger record carries. */
  private factsOf(record: CheckoutRecord): Omit<NewAuditEntry, 'result'> {
    const item: AuditEntry['item'] = record.item;
    return {
      user: { objectId: record.user.key, name: record.user.name, tenantId: record.user.tenantId },
      customer: { id: record.customer.id, companyName: record.customer.companyName },
      cartId: record.cartId,
      ...(item ? { item } : {}),
      requestId: record.requestId,
      correlationId: record.correlationId,
    };
  }

  /**
   * Appends to the audit trail. A failed write is logged, not thrown: the ledger record holds the same facts durably,
   * and an exception here would leave a claimed checkout unreported.
   */
  private async record(entry: NewAuditEntry): Promise<void> {
    if (!this.options.audit) return;
    try {
      await this.options.audit.append(entry);
    } catch (error) {
      this.options.logger.error('audit trail write failed', {
        cartId: entry.cartId,
        result: entry.result,
        error: error instanceof Error ? error.message : 'unknown',
      });
    }
  }

  private warn(message: string, key: string | undefined, error: unknown): void {
    this.options.logger.warn(message, {
      ...(key ? { key } : {}),
      error: error instanceof Error ? error.message : 'unknown',
    });
  }
}

/** The attestations Place order accepted: those the confirmation card showed the words of. */
function acceptedAttestationsOf(order: CheckoutOrder): { type: string; text: string }[] {
  return (order.attestations ?? []).flatMap((attestation) =>
    attestation.text === undefined ? [] : [{ type: attestation.type, text: attestation.text }],
  );
}

/** The final outcome as the audit trail names it; a checkout that placed part of the cart is `partial`. */
function auditResultOf(record: CheckoutRecord): AuditResult {
  if (record.state === 'done') return isPartialOutcome(record) ? 'partial' : 'done';
  return record.state === 'failed' ? 'failed' : 'unconfirmed';
}

/** What Partner Center refused of a partial checkout, in a few words for the audit trail (no raw payload). */
function refusedPartsOf(record: CheckoutRecord): string {
  const parts = (record.result?.problems ?? []).map(
    (problem) => `order group ${problem.orderGroupId} refused (code ${problem.code}): ${problem.sentence}`,
  );
  return `Partly placed; ${parts.join('; ')}`;
}
