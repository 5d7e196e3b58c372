/** Largest card submit accepted: our buttons carry a verb and a short id, far below this. */
export const MAX_CARD_VALUE_BYTES = 4096;

/**
 * True when the JSON of a submitted card value would be longer than `limit` characters. Counts as it walks and stops
 * as soon as the limit is passed, so a huge or deeply nested value costs little and is never schema-checked.
 */
export function cardValueTooLarge(value: unknown, limit: number = MAX_CARD_VALUE_BYTES): boolean {
  let size = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node === 'string') {
      size += node.length > limit ? node.length : JSON.stringify(node).length;
    } else if (Array.isArray(node)) {
      size += 2 + Math.max(0, node.length - 1);
      if (size > limit) return true;
      for (const item of node) pending.push(item);
    } else if (node !== null && typeof node === 'object') {
      const keys = Object.keys(node);
      size += 2 + Math.max(0, keys.length - 1);
      if (size > limit) return true;
      for (const key of keys) {
        size += (key.length > limit ? key.length : JSON.stringify(key).length) + 1;
        pending.push((node as Record<string, unknown>)[key]);
      }
    } else {
      size += String(node ?? null).length;
    }
    if (size > limit) return true;
  }
  return false;
}
