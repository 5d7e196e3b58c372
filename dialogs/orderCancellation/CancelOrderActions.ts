import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { renderCancelOrderCard } from '../../cards/renderCancelOrderCard';
import { renderNoticeCard } from '../../cards/renderNoticeCard';
import { formatDateTime, formatMoney } from '../../cards/format';
import { safeForMarkdown } from '../../cards/untrustedText';
import { type MessageKey, type Text, textFor } from '../../i18n/text';
import type { NotCancellableReason } from '../../services/purchase/OrderCancellationService';
import { callContextOf } from '../callContext';
import type { CancelOrderButton } from '../cardActions/cardActionValues';
import { cardMessage } from '../cardMessage';
import type { DialogDependencies } from '../dialogDependencies';
import type { OrderRef } from '../lookups/LookupActions';
import { replaceCard } from '../replaceCard';
import { auditUserOf } from '../security/auditUserOf';
import { tellFailure } from '../tellFailure';

/** Why an order can't be cancelled, in words. */
const REFUSAL_WORDS: Record<NotCancellableReason, MessageKey> = {
  'window-closed': 'cancel.reasonWindowClosed',
  'not-cancellable-product': 'cancel.reasonProduct',
  'already-cancelled': 'cancel.reasonAlreadyCancelled',
  'order-state': 'cancel.reasonOrderState',
};

/**
 * Cancelling an order within the cancellation policy's window, from the order card: "Cancel order" asks first (the
 * refund and the deadline, one "Yes, cancel the order" button carrying its own MS-RequestId so a second press or a
 * redelivery can't cancel twice), then the cancellation is sent and its outcome replaces that card. Refusals after the
 * window are said plainly, and everything is in the audit trail.
 */
export class CancelOrderActions {
  constructor(private readonly deps: DialogDependencies) {}

  private locale(context: TurnContext): string {
    return context.activity.locale || 'en-US';
  }

  private say(context: TurnContext): Text {
    return textFor(context.activity.locale);
  }

  private timeZone(context: TurnContext): string | undefined {
    return context.activity.localTimezone || undefined;
  }

  /** "Cancel order" on an order card: what cancelling would give back, and a button that does it. */
  async ask(context: TurnContext, correlationId: string, ref: OrderRef): Promise<void> {
    const cancellations = this.deps.cancellations;
    if (!cancellations) {
      await context.sendActivity(this.say(context)('cancel.notAvailable'));
      return;
    }
    try {
      const options = await cancellations.cancellationOptions(callContextOf(context, correlationId), {
        customerId: ref.customer.id,
        orderId: ref.orderId,
      });
      if (!options.cancellable || !options.cancellableUntil || options.refund === 'none') {
        await context.sendActivity(
          this.say(context)('cancel.cannot', {
            id: safeForMarkdown(ref.orderId, 'id'),
            reason: this.refusalReason(context, options.reason, options.lines[0]?.cancellableUntil),
          }),
        );
        return;
      }
      const button: CancelOrderButton = { ...ref, requestId: randomUUID() };
      const confirmId = await this.deps.registry.register(context, 'confirmCancelOrder', button);
      await context.sendActivity(
        cardMessage(
          renderCancelOrderCard({
            customer: ref.customer,
            orderId: ref.orderId,
            lines: options.lines
              .filter((line) => line.cancellable)
              .map((line) => ({ quantity: line.quantity, name: line.name ?? line.offerId })),
            offer: {
              until: options.cancellableUntil,
              refund: options.refund,
              ...(options.estimatedRefund === undefined ? {} : { estimatedRefund: options.estimatedRefund }),
              ...(options.currency ? { currency: options.currency } : {}),
            },
            confirmId,
            locale: this.locale(context),
            timeZone: this.timeZone(context),
          }),
        ),
      );
    } catch (error) {
      await tellFailure(context, this.deps.service, error, this.say(context)('cancel.checkFailed'));
    }
  }

  /** "Yes, cancel the order": sends the cancellation (the button's own MS-RequestId) and shows what happened. */
  async confirm(context: TurnContext, correlationId: string, button: CancelOrderButton): Promise<void> {
    const cancellations = this.deps.cancellations;
    if (!cancellations) return;
    const card = context.activity.replyToId;
    const say = this.say(context);
    const id = safeForMarkdown(button.orderId, 'id');
    const audit = {
      user: auditUserOf(context),
      customer: { id: button.customer.id, companyName: button.customer.companyName },
      requestId: button.requestId,
      correlationId,
      orderIds: [button.orderId],
    };
    try {
      const outcome = await cancellations.cancelOrder(callContextOf(context, correlationId), {
        customerId: button.customer.id,
        orderId: button.orderId,
        requestId: button.requestId,
      });
      if (outcome.outcome === 'refused') {
        await this.deps.audit.append({ ...audit, result: 'cancel-refused', detail: outcome.reason });
        const reason = this.refusalReason(context, outcome.reason);
        await replaceCard(
          context,
          card,
          renderNoticeCard({
            title: say('cancel.notCancelledTitle'),
            text: outcome.code
              ? say('cancel.notCancelledCode', { id, reason, code: safeForMarkdown(outcome.code, 'word') })
              : say('cancel.notCancelled', { id, reason }),
          }),
        );
        return;
      }
      await this.deps.audit.append({
        ...audit,
        result: 'cancelled',
        detail: `lines ${outcome.cancelledLines.join(', ')}; ${outcome.refund} refund`,
      });
      const company = safeForMarkdown(button.customer.companyName, 'name');
      const text =
        outcome.estimatedRefund === undefined
          ? say('cancel.cancelled', { id, company, refund: outcome.refund })
          : say('cancel.cancelledAmount', {
              id,
              company,
              refund: outcome.refund,
              amount: formatMoney(outcome.estimatedRefund, outcome.order.currencyCode, this.locale(context)),
            });
      await replaceCard(context, card, renderNoticeCard({ title: say('cancel.cancelledTitle'), text }));
    } catch (error) {
      await tellFailure(context, this.deps.service, error, say('cancel.unknown'));
    }
  }

  /** Why an order can't be cancelled, in the reader's words (the end of a sentence; a Partner Center code may follow). */
  private refusalReason(context: TurnContext, reason: NotCancellableReason | undefined, closedAt?: string): string {
    const say = this.say(context);
    if (reason === 'window-closed' && closedAt) {
      const when =
        formatDateTime(closedAt, this.locale(context), this.timeZone(context)) ?? safeForMarkdown(closedAt, 'word');
      return say('cancel.reasonWindowClosedOn', { when });
    }
    return say(REFUSAL_WORDS[reason ?? 'order-state']);
  }
}
