import { randomUUID } from 'node:crypto';
import { cancelOfferText } from '../cards/renderOrderCard';
import { safeForMarkdown } from '../cards/untrustedText';
import type { AuditTrail } from '../services/audit/AuditTrail';
import type { CheckoutLedger, CheckoutRecord } from '../services/checkout/CheckoutLedger';
import type { CancellationReminderStore } from '../services/orders/CancellationReminderStore';
import type { PartnerCenterCallContext } from '../services/partnerCenter/PartnerCenterCallContext';
import type { OrderCancellationService } from '../services/purchase/OrderCancellationService';
import type { JobKind, LeasedJobRunner, OpenJob, StepOutcome } from './jobs/LeasedJobRunner';
import type { Logger } from './logger';
import { textFor } from '../i18n/text';

const DAY_MS = 86_400_000;
/** The shortest cancellation window (software subscriptions, "within seven calendar days of purchase"). */
const SHORTEST_WINDOW_MS = 7 * DAY_MS;
/** How far ahead a reminder is handed to the job runner (which holds and leases what it schedules). */
const SCHEDULING_HORIZON_MS = 10 * 60_000;

/** Settings of {@link CancellationReminders}. */
export interface CancellationRemindersOptions {
  store: CancellationReminderStore;
  ledger: CheckoutLedger;
  cancellations: Pick<OrderCancellationService, 'cancellationOptions'>;
  audit: AuditTrail;
  jobs: LeasedJobRunner;
  logger: Logger;
  /** Says one sentence in the purchase's conversation, to the purchaser. */
  tell: (record: CheckoutRecord, sentence: string) => Promise<void>;
  now?: () => number;
}

/**
 * Reminds the purchaser a day before an order's cancellation window closes ("new commerce" software: 7 days for a
 * prorated refund, perpetual software 30 days for a full one), in the purchase's conversation, with the refund and the
 * deadline — unless the order was cancelled or can't be cancelled any more by then. Each reminder is a background job
 * (the `cancellation-reminder` kind of the bot's {@link LeasedJobRunner}): kept in the state storage, sent by one
 * instance, carried over restarts. CANCELLATION_REMINDERS=false turns them off.
 */
export class CancellationReminders implements JobKind {
  readonly name = 'cancellation-reminder';
  private readonly now: () => number;

  constructor(private readonly options: CancellationRemindersOptions) {
    this.now = options.now ?? Date.now;
    options.jobs.register(this);
  }

  /**
   * Plans a reminder for each order of a placed checkout, without asking Partner Center anything now: the first look
   * is a day before the shortest window (software subscriptions, 7 days) closes; then the order's own window decides
   * (perpetual software's 30 days move the reminder, a reservation or a cancelled order drops it).
   */
  async plan(record: CheckoutRecord): Promise<void> {
    const placedAt = Date.parse(record.updatedAt);
    const firstLook = (Number.isNaN(placedAt) ? this.now() : placedAt) + SHORTEST_WINDOW_MS - DAY_MS;
    for (const order of record.result?.orders ?? []) {
      try {
        const id = `${record.key}|${order.id}`;
        const planned = await this.options.store.plan({
          id,
          checkoutKey: record.key,
          orderId: order.id,
          remindAt: firstLook,
          until: '',
        });
        // Days away: the runner's sweep lists it once it is near (see `open`).
        if (planned && firstLook - this.now() <= SCHEDULING_HORIZON_MS)
          this.options.jobs.runAt(this.name, id, firstLook);
      } catch (error) {
        this.options.logger.warn('cancellation reminder not planned', {
          key: record.key,
          error: error instanceof Error ? error.message : 'unknown',
        });
      }
    }
  }

  /**
   * Reminders due within the scheduling horizon: the runner holds (and keeps leasing) every job it lists, so one due
   * in six days is listed only once it is near; the sweep finds it then.
   */
  async open(): Promise<OpenJob[]> {
    const horizon = this.now() + SCHEDULING_HORIZON_MS;
    return (await this.options.store.open())
      .filter((r) => r.remindAt <= horizon)
      .map((r) => ({
        id: r.id,
        dueAt: r.remindAt,
        ...(r.lease ? { lease: r.lease } : {}),
      }));
  }

  lease(id: string, owner: string, durationMs: number): Promise<boolean> {
    return this.options.store.lease(id, owner, durationMs, this.now());
  }

  /** Sends the reminder once it is due, if the order can still be cancelled. */
  async step(id: string): Promise<StepOutcome> {
    const reminder = await this.options.store.get(id);
    if (!reminder) return { next: 'done' };
    if (this.now() < reminder.remindAt) return { next: 'later', atMs: reminder.remindAt };
    const record = await this.options.ledger.get(reminder.checkoutKey);
    if (record) {
      const options = await this.options.cancellations.cancellationOptions(this.ctxOf(record), {
        customerId: record.customer.id,
        orderId: reminder.orderId,
      });
      const closesAt = options.cancellableUntil ? Date.parse(options.cancellableUntil) : Number.NaN;
      if (options.cancellable && options.cancellableUntil && closesAt - DAY_MS > this.now() + SCHEDULING_HORIZON_MS) {
        // A longer window than the first look assumed (perpetual software): come back a day before it closes.
        await this.options.store.reschedule(id, closesAt - DAY_MS, options.cancellableUntil);
        return { next: 'done' };
      }
      if (options.cancellable && options.cancellableUntil && options.refund !== 'none') {
        const offer = cancelOfferText(
          {
            id: '',
            until: options.cancellableUntil,
            refund: options.refund,
            ...(options.estimatedRefund === undefined ? {} : { estimatedRefund: options.estimatedRefund }),
            ...(options.currency ? { currency: options.currency } : {}),
          },
          record.target.locale || 'en-US',
        );
        const order = safeForMarkdown(reminder.orderId, 'id');
        const company = safeForMarkdown(record.customer.companyName, 'name');
        await this.options.tell(
          record,
          textFor(record.target.locale)('reminder.cancelWindowClosing', { order, company, offer }),
        );
        await this.options.audit.append({
          result: 'cancel-reminded',
          user: { name: record.user.name, tenantId: record.user.tenantId },
          customer: { id: record.customer.id, companyName: record.customer.companyName },
          orderIds: [reminder.orderId],
          correlationId: record.correlationId,
          detail: `window closes ${options.cancellableUntil}`,
        });
      }
    }
    await this.options.store.finish(id);
    return { next: 'done' };
  }

  private ctxOf(record: CheckoutRecord): PartnerCenterCallContext {
    return { correlationId: randomUUID(), user: { id: record.user.key, name: record.user.name } };
  }
}
