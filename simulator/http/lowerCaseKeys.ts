/**
 * Request bodies arrive in any property casing (the .NET SDK sends PascalCase, docs mix both), so handlers validate a
 * copy whose property names are all lower-case. Dictionaries named in `opaque` (provisioningContext, inventoryContext)
 * keep the caller's key casing, because Partner Center echoes those keys back as sent.
 */
export function lowerCaseKeys(value: unknown, opaque: ReadonlySet<string> = DICTIONARY_PROPERTIES): unknown {
  if (Array.isArray(value)) return value.map((item) => lowerCaseKeys(item, opaque));
  if (!isPlainObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const lower = key.toLowerCase();
    if (lower in result) continue;
    result[lower] = opaque.has(lower) ? child : lowerCaseKeys(child, opaque);
  }
  return result;
}

/** Property names whose values are free-form dictionaries. */
export const DICTIONARY_PROPERTIES: ReadonlySet<string> = new Set(['provisioningcontext', 'inventorycontext']);

/** Reads a dictionary entry whatever the casing of its key (`SubscriptionId` = `subscriptionId`). */
export function dictionaryValue(dictionary: Record<string, string> | undefined, key: string): string | undefined {
  if (!dictionary) return undefined;
  const wanted = key.toLowerCase();
  for (const [name, value] of Object.entries(dictionary)) {
    if (name.toLowerCase() === wanted) return value;
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
