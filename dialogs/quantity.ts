import type { MessageKey, Text } from '../i18n/text';

/** The result of reading a typed quantity. */
export type QuantityReading = { ok: true; quantity: number } | { ok: false; sentence: string };

/**
 * Reads a quantity the way a person types it ("10", " 10 ", "10 licences") and checks it against the SKU's bounds,
 * explaining exactly what is wrong otherwise, in the reader's language.
 */
export function readQuantity(text: string, minimum: number, maximum: number, say: Text): QuantityReading {
  const wrong = (why: MessageKey, quantity?: number): QuantityReading => ({
    ok: false,
    sentence: say(why, { minimum, maximum, ...(quantity === undefined ? {} : { quantity }) }),
  });
  const cleaned = text.replace(/<at>.*?<\/at>/gi, ' ').trim();
  const match = /^([+-]?\d[\d,. _']*)(?:\s+[\p{L} ]+)?$/iu.exec(cleaned);
  if (!match) return wrong('quantity.notANumber');
  const digits = match[1].replace(/[,_' ]/g, '');
  if (digits.startsWith('-')) return wrong('quantity.negative');
  if (/[.]/.test(digits)) return wrong('quantity.notWhole');
  const quantity = Number(digits.replace(/^\+/, ''));
  if (!Number.isSafeInteger(quantity)) return wrong('quantity.tooLarge');
  if (quantity === 0) return wrong('quantity.zero');
  if (quantity < minimum) return wrong('quantity.belowMinimum');
  if (quantity > maximum) return wrong('quantity.aboveMaximum', quantity);
  return { ok: true, quantity };
}
