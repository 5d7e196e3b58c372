import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { TurnContext } from 'botbuilder';
import { userKeyOf } from '../dialogs/cardActionRegistry';
import type { CheckoutStarter, PlaceOrderOutcome } from '../dialogs/checkoutPort';
import type { AuditEntry, NewAuditEntry } from '../services/audit/AuditEntry';
import type { AuditTrail } from '../services/audit/AuditTrail';
import type { CheckoutLedger, CheckoutRecord } from '../services/checkout/CheckoutLedger';
import type { CheckoutProcessor } from '../services/checkout/CheckoutProcessor';
import type { CustomerDetails } from '../services/purchase/types';
import type { Logger } from './logger';

/** Settings of {@link CheckoutRunner}. */
export interface CheckoutRunnerOptions {
  ledger: CheckoutLedger;
  processor: CheckoutProcessor;
  /** Shows a record's current outcome in its conversation (replacing its card); throws when it could not. */
  deliver: (record: CheckoutRecord) => Promise<void>;
  logger: Logger;
  /** When a checkout's outcome is still unknown, how long until it is resumed, and how many times. */
  resumeDelayMs?: number;
  maxResumes?: number;
  /** Where every claim, duplicate click and final outcome is recorded; the composition root always sets it. */
  audit?: AuditTrail;
  /**
   * This bot instance, as lease owner: stable across restarts of the same instance (default: the host name), so a
   * restarted instance resumes its own checkouts at once while another instance's running ones are left alone.
   */
  instanceId?: string;
  /** How long a lease on a checkout lasts before another instance may resume it. */
  leaseMs?: number;
}

/**
 * Places orders outside the turn: "Place order" claims the cart in the ledger (exactly one claimant across clicks,
 * redeliveries and instances), the claimant's checkout runs in the background, and its outcome replaces the card.
 * On start, `recover()` resumes every checkout a previous process left unfinished or unreported.
 */
export class CheckoutRunner implements CheckoutStarter {
  private readonly running = new Map<string, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** What each cart claimed here holds, so its outcome entry can name it too. */
  private readonly items = new Map<string, AuditEntry['item']>();
  /** Carts whose final outcome this process has already recorded (a redelivery must not record it twice). */
  private readonly audited = new Set<string>();
  /** The unfinished view ("placing…", "waiting for sign-in") each cart's card last showed, so a retry doesn't resend it. */
  private readonly shownUnfinished = new Map<string, string>();
  private closed = false;

  private readonly instanceId: string;
  private readonly leaseMs: number;

  constructor(private readonly options: CheckoutRunnerOptions) {
    this.instanceId = options.instanceId ?? hostname();
    this.leaseMs = options.leaseMs ?? 15 * 60_000;
  }

  async placeOrder(
    context: TurnContext,
    order: {
      cartId: string;
      customer: CustomerDetails;
      correlationId: string;
      cardActivityId: string;
      item?: AuditEntry['item'];
    },
    acknowledge: () => Promise<void>,
  ): Promise<PlaceOrderOutcome> {
    const activity = context.activity;
    const tenantId = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    const user = { objectId: activity.from?.aadObjectId, name: activity.from?.name, tenantId };
    const claim = await this.options.ledger.claim({
      cartId: order.cartId,
      customer: order.customer,
      user: { key: userKeyOf(context), name: activity.from?.name, tenantId },
      requestId: randomUUID(),
      correlationId: order.correlationId,
      lease: { owner: this.instanceId, until: new Date(Date.now() + this.leaseMs).toISOString() },
      target: {
        conversationReference: { ...TurnContext.getConversationReference(activity) },
        activityId: order.cardActivityId,
        locale: activity.locale,
      },
    });
    if (!claim.claimed) {
      await this.record({
        ...this.factsOf(claim.record, order.item),
        user,
        result: 'duplicate-refused',
        correlationId: order.correlationId,
        detail: `cart already ${claim.record.state}`,
      });
      return { started: false, record: claim.record };
    }
    this.items.set(order.cartId, order.item);
    await this.record({ ...this.factsOf(claim.record, order.item), user, result: 'claimed' });
    try {
      await acknowledge();
    } finally {
      // Even if the acknowledgement could not be shown, the claimed checkout must run and report its outcome.
      this.run(order.cartId, 0);
    }
    return { started: true };
  }

  /**
   * Resumes what a previous process left: unfinished checkouts and outcomes not yet shown, except those another
   * instance holds a running lease on (they are picked up by a later sweep if that instance dies).
   */
  async recover(): Promise<number> {
    const open = await this.options.ledger.open();
    const now = Date.now();
    const mine = open.filter((r) => !r.lease || r.lease.owner === this.instanceId || Date.parse(r.lease.until) <= now);
    for (const record of mine) this.run(record.cartId, 0);
    return mine.length;
  }

  /** Resumes at once this person's checkouts that were waiting for them to sign in (they just did). */
  async resumeWaitingFor(userKey: string): Promise<number> {
    const waiting = (await this.options.ledger.open()).filter((r) => r.waitingForSignIn && r.user.key === userKey);
    for (const record of waiting) this.run(record.cartId, 0);
    return waiting.length;
  }

  /** Repeats `recover()` every `intervalMs`, for checkouts whose owner died while this instance was running. */
  sweepEvery(intervalMs: number): void {
    const sweep = (): void => {
      if (this.closed) return;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.recover()
          .catch((error: unknown) =>
            this.options.logger.warn('checkout recovery sweep failed', {
              error: error instanceof Error ? error.message : 'unknown',
            }),
          )
          .finally(sweep);
      }, intervalMs);
      timer.unref();
      this.timers.add(timer);
    };
    sweep();
  }

  /** Waits for every checkout now running (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** Stops scheduling resumptions; running checkouts finish. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private run(cartId: string, resumes: number): void {
    if (this.running.has(cartId) || this.closed) return;
    const work = this.settle(cartId, resumes)
      .catch((error: unknown) => {
        this.options.logger.error('checkout run failed', {
          cartId,
          error: error instanceof Error ? error.message : 'unknown',
        });
        this.scheduleResume(cartId, resumes);
      })
      .finally(() => this.running.delete(cartId));
    this.running.set(cartId, work);
  }

  private async settle(cartId: string, resumes: number): Promise<void> {
    // Another instance may be working on it right now (a rolling deploy, a second instance starting): leave it.
    if (!(await this.options.ledger.lease(cartId, this.instanceId, this.leaseMs))) return;
    const record = await this.options.processor.process(cartId);
    const final = record.state === 'done' || record.state === 'failed';
    if (!final) {
      // Outcome unknown (Partner Center kept failing or said "in progress"), or waiting for the person to sign in: say
      // so once, and try again later.
      const view = record.waitingForSignIn ? 'waiting-for-sign-in' : 'placing';
      if (this.shownUnfinished.get(cartId) !== view) {
        await this.options
          .deliver(record)
          .then(() => this.shownUnfinished.set(cartId, view))
          .catch(() => undefined);
      }
      this.scheduleResume(cartId, resumes);
      return;
    }
    this.shownUnfinished.delete(cartId);
    if (record.delivered) return;
    if (!this.audited.has(cartId)) {
      this.audited.add(cartId);
      await this.record({
        ...this.factsOf(record, this.items.get(cartId)),
        result: record.state === 'done' ? 'done' : 'failed',
        orderIds: (record.result?.orders ?? []).map((o) => o.id),
        ...(record.failure ? { detail: record.failure.sentence } : {}),
      });
    }
    await this.options.deliver(record);
    await this.options.ledger.update(cartId, () => ({ delivered: true }));
  }

  /** The audit facts a ledger record carries. */
  private factsOf(record: CheckoutRecord, item: AuditEntry['item']): Omit<NewAuditEntry, 'result'> {
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

  private scheduleResume(cartId: string, resumes: number): void {
    const max = this.options.maxResumes ?? 60;
    if (this.closed || resumes >= max) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.run(cartId, resumes + 1);
    }, this.options.resumeDelayMs ?? 60_000);
    timer.unref();
    this.timers.add(timer);
  }
}
