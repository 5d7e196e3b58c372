/** Partner Center's billing cycle values in the words users read. */
export function describeBillingCycle(cycle: string): string {
  const words: Record<string, string> = {
    one_time: 'One-time',
    onetime: 'One-time',
    monthly: 'Monthly',
    annual: 'Annual',
    triennial: 'Every 3 years',
    none: 'None',
  };
  return words[cycle.toLowerCase()] ?? cycle;
}

/** Partner Center's order status values in the words users read. */
export function describeOrderStatus(status: string): string {
  const words: Record<string, string> = {
    pending: 'Pending — Partner Center is processing it (usually minutes)',
    completed: 'Completed',
    cancelled: 'Cancelled',
    pending_po_upload: 'Waiting for a purchase order upload',
    pending_review: 'Pending review',
    partial_success: 'Partly completed',
    error: 'Failed',
  };
  return words[status.toLowerCase()] ?? status;
}
