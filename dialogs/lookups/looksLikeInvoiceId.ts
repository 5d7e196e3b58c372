/**
 * Whether typed text can be a Partner Center invoice id: letters and digits with at least one digit, 6 to 32 long
 * (`G000024135`, `D040001234`), optionally with the type prefix self links use (`OneTime-G000024135`). Only the shape is
 * checked, so an unknown but well-formed id still reaches Partner Center, whose answer is then said.
 */
export function looksLikeInvoiceId(text: string): boolean {
  const id = text.trim().replace(/^(?:onetime|recurring)-/i, '');
  return /^[A-Za-z0-9]{6,32}$/.test(id) && /\d/.test(id);
}
