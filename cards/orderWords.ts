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
