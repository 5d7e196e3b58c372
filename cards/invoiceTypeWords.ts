const INVOICE_TYPE_WORDS: Record<string, string> = {
  recurring: 'Recurring',
  onetime: 'One-time',
  one_time: 'One-time',
};

/** An invoice type in the user's words (`OneTime` or `one_time` → "One-time"); unknown ones as sent. */
export function invoiceTypeWords(invoiceType: string): string {
  return INVOICE_TYPE_WORDS[invoiceType.trim().toLowerCase()] ?? invoiceType;
}
