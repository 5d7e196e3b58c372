import type { Text } from '../i18n/text';
import type { InvoiceView } from '../services/lookups/types';

/**
 * Whether an invoice is settled, in words. "Not yet paid" rather than "Open", because the card's buttons are
 * already called Open.
 */
export function invoiceStateWords(state: InvoiceView['state'], say: Text): string {
  return say(state === 'paid' ? 'invoiceState.paid' : 'invoiceState.notPaid');
}
