import type { InvoiceView } from '../services/lookups/types';

/**
 * Whether an invoice is settled, in words. "Not yet paid" rather than "Open", because the card's buttons are
 * already called Open.
 */
export function invoiceStateWords(state: InvoiceView['state']): string {
  return state === 'paid' ? 'Paid' : 'Not yet paid';
}
