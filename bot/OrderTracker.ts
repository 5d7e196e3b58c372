import { randomUUID } from 'node:crypto';
import { safeForMarkdown } from '../cards/untrustedText';
import { orderStatusWords } from '../cards/orderWords';
import { textFor, type Text } from '../i18n/text';
import type { CheckoutLedger, CheckoutRecord } from '../services/checkout/CheckoutLedger';
import type { LookupService, OrderView } from '../services/lookups/types';
import type { OrderTrackingStore } from '../services/orders/OrderTrackingStore';
import { isMfaRefusal } from '../services/partnerCenter/isMfaRefusal';
import type { JobKind, LeasedJobRunner, OpenJob, StepOutcome } from './jobs/LeasedJobRunner';
import type { Logger } from './logger';

/** How often, and for how long, the bot looks at an order it placed. */
export interface OrderTrackingSettings {
  /** The first look, this long after the order was placed. */
  firstCheckMs: number;
  /** The wait between looks doubles up to this. */
  maxIntervalMs: number;
  /** After this long the bot stops looking and says the order is still not finished. */
  trackForMs: number;
}

/** Settings of {@link OrderTracker}. */
export interface OrderTrackerOptions {
  store: OrderTrackingStore;
  ledger: CheckoutLedger;
  lookups: LookupService;
  jobs: LeasedJobRunner;
  logger: Logger;
  settings: OrderTrackingSettings;
  /** Shows the purchase's card again (its orders' statuses have moved); throws when it could not. */
  updateCard: (record: CheckoutRecord) => Promise<void>;
  /** Says one sentence in the purchase's conversation, to the purchaser. */
  tell: (record: CheckoutRecord, sentence: string) => Promise<void>;
  now?: () => number;
}

/** Statuses after which Partner Center does nothing more with an order by itself. */
const FINISHED = new Set(['completed', 'cancelled', 'canceled', 'error', 'failed', 'partial_success']);

function finished(status: string): boolean {
  return FINISHED.has(status.trim().toLowerCase().replace(/\s+/g, '_'));
}

/**
 * Follows every order the bot placed until Partner Center reports it finished (completed, cancelled or failed): looks
 * at the order with a doubling interval, updates the purchase's card each time a status moves, and tells the purchaser
 * in the purchase's conversation when it is done ("Order … for Contoso Ltd is complete"), failed (with what to do), or
 * still not finished when the bot stops looking. Each purchase followed is a background job (the `order-tracking`
 * kind of the bot's {@link LeasedJobRunner}): kept in the state storage, looked at by one instance at a time, carried on
 * after a restart or by another instance.
 */
export class OrderTracker implements JobKind {
  readonly name = 'order-tracking';
  private readonly now: () => number;

  constructor(private readonly options: OrderTrackerOptions) {
    this.now = options.now ?? Date.now;
    options.jobs.register(this);
  }

  /** Starts following the orders of a placed checkout (once, whoever calls it). */
  async track(record: CheckoutRecord): Promise<void> {
    if ((record.result?.orders ?? []).every((order) => finished(order.status))) return;
    const { settings, store, jobs } = this.options;
    const first = this.now() + settings.firstCheckMs;
    const started = await store.start({
      key: record.key,
      nextCheckAt: first,
      deadline: this.now() + settings.trackForMs,
      lease: { owner: jobs.owner, until: this.now() + settings.firstCheckMs },
    });
    if (started) jobs.runAt(this.name, record.key, first);
  }

  async open(): Promise<OpenJob[]> {
    return (await this.options.store.open()).map((r) => ({
      id: r.key,
      dueAt: r.nextCheckAt,
      ...(r.lease ? { lease: r.lease } : {}),
    }));
  }

  lease(key: string, owner: string, durationMs: number): Promise<boolean> {
    return this.options.store.lease(key, owner, durationMs);
  }

  /** One look at the purchase's unfinished orders. */
  async step(key: string): Promise<StepOutcome> {
    const { store, ledger, settings } = this.options;
    const tracking = await store.get(key);
    const record = await ledger.get(key);
    const orders = record?.result?.orders ?? [];
    if (!tracking || !record?.result || orders.length === 0) return this.finish(key);
    if (tracking.nextCheckAt > this.now()) return { next: 'later', atMs: tracking.nextCheckAt };

    const looked: OrderView[] = [];
    try {
      for (const order of orders) {
        if (finished(order.status)) continue;
        looked.push(
          await this.options.lookups.getOrder(
            { correlationId: randomUUID(), user: { id: record.user.key, name: record.user.name } },
            record.customer.id,
            order.id,
          ),
        );
      }
    } catch (error) {
      if (!isMfaRefusal(error)) throw error;
      // Every further look would be refused the same way until the person signs in again with MFA.
      const say = this.textOf(record);
      await this.say(record, say('tracker.mfaStopped', { mfa: say('code.mfaRequired'), ids: this.orderIds(record) }));
      return this.finish(key);
    }

    const moved = looked.filter((view) => orders.some((o) => o.id === view.id && o.status !== view.status));
    let current = record;
    if (moved.length > 0) {
      current = await ledger.update(key, (r) => ({
        result: r.result && {
          ...r.result,
          orders: r.result.orders.map((o) => {
            const view = moved.find((m) => m.id === o.id);
            return view ? { ...o, status: view.status } : o;
          }),
        },
      }));
      await this.options.updateCard(current).catch((error: unknown) =>
        this.options.logger.warn('order card not updated', {
          key,
          error: error instanceof Error ? error.message : 'unknown',
        }),
      );
    }

    const all = current.result?.orders ?? [];
    if (all.every((o) => finished(o.status))) {
      for (const view of looked.filter((v) => finished(v.status)))
        await this.say(current, this.finishedSentence(current, view));
      return this.finish(key);
    }
    if (this.now() >= tracking.deadline) {
      const hours = Math.round(settings.trackForMs / 3_600_000);
      await this.say(
        current,
        this.textOf(current)('tracker.stillNotFinished', {
          ids: this.orderIds(current),
          company: this.company(current),
          hours,
        }),
      );
      return this.finish(key);
    }
    const interval = Math.min(settings.maxIntervalMs, settings.firstCheckMs * 2 ** (tracking.checks + 1));
    const nextCheckAt = this.now() + interval;
    await store.update(key, (r) => ({ ...r, checks: r.checks + 1, nextCheckAt }));
    return { next: 'later', atMs: nextCheckAt };
  }

  private finishedSentence(record: CheckoutRecord, view: OrderView): string {
    const say = this.textOf(record);
    const id = safeForMarkdown(view.id, 'id');
    const company = this.company(record);
    const status = view.status.trim().toLowerCase();
    if (status === 'completed') {
      const waiting = (view.provisioning ?? []).filter((p) => !/^fulfilled$/i.test(p.status)).length;
      return waiting > 0
        ? say('tracker.completeProvisioning', { id, company, waiting })
        : say('tracker.complete', { id, company });
    }
    const words = safeForMarkdown(orderStatusWords(view.status, say), 'word');
    return say('tracker.ended', { id, company, status: words });
  }

  /** The notices of one purchase are said in the language its purchaser used when placing it (kept with the record). */
  private textOf(record: CheckoutRecord): Text {
    return textFor(record.target.locale);
  }

  private company(record: CheckoutRecord): string {
    return safeForMarkdown(record.customer.companyName, 'name');
  }

  private orderIds(record: CheckoutRecord): string {
    return (record.result?.orders ?? []).map((o) => safeForMarkdown(o.id, 'id')).join(', ');
  }

  private async say(record: CheckoutRecord, sentence: string): Promise<void> {
    try {
      await this.options.tell(record, sentence);
    } catch (error) {
      this.options.logger.warn('order notice not delivered', {
        key: record.key,
        error: error instanceof Error ? error.message : 'unknown',
      });
    }
  }

  private async finish(key: string): Promise<StepOutcome> {
    await this.options.store.finish(key);
    return { next: 'done' };
  }
}
