import type { Text } from '../i18n/text';

/** An invoice type in the reader's words (`OneTime` or `one_time` → "One-time"); unknown ones as sent. */
export function invoiceTypeWords(invoiceType: string, say: Text): string {
  const type = invoiceType.trim().toLowerCase();
  if (type === 'recurring') return say('invoiceType.recurring');
  if (type === 'onetime' || type === 'one_time') return say('invoiceType.oneTime');
  return invoiceType;
}
