/** The result of reading a typed quantity. */
export type QuantityReading = { ok: true; quantity: number } | { ok: false; sentence: string };

/**
 * Reads a quantity the way a person types it ("10", " 10 ", "10 licences") and checks it against the SKU's bounds,
 * explaining exactly what is wrong otherwise.
 */
export function readQuantity(text: string, minimum: number, maximum: number): QuantityReading {
  const range = `a whole number from ${minimum} to ${maximum}`;
  const cleaned = text.replace(/<at>.*?<\/at>/gi, ' ').trim();
  const match = /^([+-]?\d[\d,. _']*)(?:\s+[a-z ]+)?$/i.exec(cleaned);
  if (!match) return { ok: false, sentence: `Please type a quantity: ${range}.` };
  const digits = match[1].replace(/[,_' ]/g, '');
  if (digits.startsWith('-')) return { ok: false, sentence: `A quantity can't be negative. Please type ${range}.` };
  if (/[.]/.test(digits)) return { ok: false, sentence: `Licences come in whole numbers. Please type ${range}.` };
  const quantity = Number(digits.replace(/^\+/, ''));
  if (!Number.isSafeInteger(quantity))
    return { ok: false, sentence: `That number is too large. Please type ${range}.` };
  if (quantity === 0) return { ok: false, sentence: `A quantity must be at least ${minimum}. Please type ${range}.` };
  if (quantity < minimum)
    return { ok: false, sentence: `This product needs at least ${minimum}. Please type ${range}.` };
  if (quantity > maximum) {
    return {
      ok: false,
      sentence: `${quantity} is more than the maximum of ${maximum} for this product. Please type ${range}.`,
    };
  }
  return { ok: true, quantity };
}
