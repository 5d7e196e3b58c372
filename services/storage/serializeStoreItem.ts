/**
 * Turns one store item into the JSON text that is persisted, without its eTag (the eTag lives in its own column).
 *
 * JSON.stringify would silently drop functions and symbols, turn NaN into null and choke on BigInt or cycles with a
 * message that names no key. Any of those in bot state is a bug that would only surface after a restart, so they
 * are refused here with the storage key and property named. `undefined` properties are allowed: botbuilder's own
 * state objects carry them and JSON simply omits them.
 */
export function serializeStoreItem(key: string, item: unknown): string {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new TypeError(`Storage: cannot write "${key}": the item must be a plain object.`);
  }
  const withoutEtag: Record<string, unknown> = { ...item };
  delete withoutEtag.eTag;
  const refuse = (property: string, what: string): never => {
    throw new TypeError(
      `Storage: cannot write "${key}": property "${property}" is ${what}, which JSON cannot represent.`,
    );
  };
  try {
    return JSON.stringify(withoutEtag, (property: string, value: unknown) => {
      switch (typeof value) {
        case 'function':
          return refuse(property, 'a function');
        case 'symbol':
          return refuse(property, 'a symbol');
        case 'bigint':
          return refuse(property, 'a BigInt');
        case 'number':
          return Number.isFinite(value) ? value : refuse(property, String(value));
        default:
          return value;
      }
    });
  } catch (error) {
    if (error instanceof TypeError && error.message.startsWith('Storage:')) {
      throw error;
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new TypeError(`Storage: cannot write "${key}": it is not JSON-serialisable (${reason}).`);
  }
}
