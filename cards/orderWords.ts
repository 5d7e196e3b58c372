/**
 * The one place for the words an order is described in: its status, its billing cycle and its term. Every card and
 * message that shows an order (the confirmation, the order result, an order, the order list) reads them from here, so
 * the same order never reads two ways.
 */

/** Partner Center writes multi-word values in several ways (`pending_po_upload`, `pending po upload`, `OneTime`). */
function wireKey(value: string): string {
  return value
    .trim()
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .toLowerCase();
}

const ORDER_STATUS_WORDS: Record<string, string> = {
  unknown: 'Unknown',
  completed: 'Completed',
  pending: 'Pending',
  cancelled: 'Cancelled',
  canceled: 'Cancelled',
  suspended: 'Suspended',
  pending_review: 'Waiting for review',
  pending_po_upload: 'Waiting for a purchase order',
  po_upload_complete: 'Purchase order received',
  po_review_rejected: 'Purchase order rejected',
  partial_success: 'Partly completed',
  error: 'Failed',
};

const BILLING_CYCLE_WORDS: Record<string, string> = {
  unknown: 'Unknown',
  one_time: 'One-time',
  onetime: 'One-time',
  monthly: 'Monthly',
  annual: 'Annual',
  biennial: 'Every two years',
  triennial: 'Every three years',
  none: 'Not billed',
};

/** An order status in the user's words (`pending_po_upload` → "Waiting for a purchase order"); unknown ones as sent. */
export function orderStatusWords(status: string): string {
  return ORDER_STATUS_WORDS[wireKey(status)] ?? status;
}

/** A billing cycle in the user's words (`one_time` → "One-time"); unknown ones as sent. */
export function billingCycleWords(cycle: string): string {
  return BILLING_CYCLE_WORDS[wireKey(cycle)] ?? cycle;
}

const TERM_UNITS: Record<string, [string, string]> = {
  D: ['day', 'days'],
  W: ['week', 'weeks'],
  M: ['month', 'months'],
  Y: ['year', 'years'],
};

/** An ISO 8601 term as Partner Center sends it (`P1Y`, `P3Y`, `P1M`) in the user's words ("1 year"); anything else as sent. */
export function termDurationWords(duration: string): string {
  const match = /^P(\d+)([DWMY])$/i.exec(duration.trim());
  if (!match) return duration;
  const count = Number(match[1]);
  const [one, many] = TERM_UNITS[match[2].toUpperCase()];
  return `${count} ${count === 1 ? one : many}`;
}
