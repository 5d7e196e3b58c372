import { textFor, type MessageKey, type Text } from '../i18n/text';

/**
 * The one place for the words an order is described in: its status, its billing cycle and its term. Every card and
 * message that shows an order (the confirmation, the order result, an order, the order list) reads them from here, so
 * the same order never reads two ways. The words are the catalog's, in the reader's language (`say`; English when a
 * caller has no reader, such as a log line).
 */

/** Partner Center writes multi-word values in several ways (`pending_po_upload`, `pending po upload`, `OneTime`). */
function wireKey(value: string): string {
  return value
    .trim()
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .toLowerCase();
}

const ORDER_STATUS_WORDS: Record<string, MessageKey> = {
  unknown: 'orderStatus.unknown',
  completed: 'orderStatus.completed',
  pending: 'orderStatus.pending',
  cancelled: 'orderStatus.cancelled',
  canceled: 'orderStatus.cancelled',
  suspended: 'orderStatus.suspended',
  pending_review: 'orderStatus.pendingReview',
  pending_po_upload: 'orderStatus.pendingPoUpload',
  po_upload_complete: 'orderStatus.poUploadComplete',
  po_review_rejected: 'orderStatus.poReviewRejected',
  partial_success: 'orderStatus.partialSuccess',
  error: 'orderStatus.error',
};

const BILLING_CYCLE_WORDS: Record<string, MessageKey> = {
  unknown: 'billingCycle.unknown',
  one_time: 'billingCycle.oneTime',
  onetime: 'billingCycle.oneTime',
  monthly: 'billingCycle.monthly',
  annual: 'billingCycle.annual',
  biennial: 'billingCycle.biennial',
  triennial: 'billingCycle.triennial',
  none: 'billingCycle.none',
};

const ENGLISH = textFor('en-US');

/** An order status in the reader's words (`pending_po_upload` → "Waiting for a purchase order"); unknown ones as sent. */
export function orderStatusWords(status: string, say: Text = ENGLISH): string {
  const key = ORDER_STATUS_WORDS[wireKey(status)];
  return key ? say(key) : status;
}

/** A billing cycle in the reader's words (`one_time` → "One-time"); unknown ones as sent. */
export function billingCycleWords(cycle: string, say: Text = ENGLISH): string {
  const key = BILLING_CYCLE_WORDS[wireKey(cycle)];
  return key ? say(key) : cycle;
}

const TERM_UNITS: Record<string, MessageKey> = {
  D: 'term.days',
  W: 'term.weeks',
  M: 'term.months',
  Y: 'term.years',
};

/** An ISO 8601 term as Partner Center sends it (`P1Y`, `P3Y`, `P1M`) in the reader's words ("1 year"); else as sent. */
export function termDurationWords(duration: string, say: Text = ENGLISH): string {
  const match = /^P(\d+)([DWMY])$/i.exec(duration.trim());
  if (!match) return duration;
  return say(TERM_UNITS[match[2].toUpperCase()], { count: Number(match[1]) });
}
