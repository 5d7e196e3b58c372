/** Longest key accepted; Azure Blob names stop at 1024 characters, so a longer key could never move there. */
export const MAX_STORAGE_KEY_LENGTH = 1024;

/**
 * Rejects anything that is not a usable storage key before it reaches the database, so a bug that builds an empty
 * or runaway key fails loudly instead of sharing one row between conversations.
 */
export function assertStorageKeys(keys: readonly unknown[]): asserts keys is string[] {
  keys.forEach((key, index) => {
    if (typeof key !== 'string' || key.length === 0) {
      throw new TypeError(`Storage: key at position ${index} must be a non-empty string.`);
    }
    if (key.length > MAX_STORAGE_KEY_LENGTH) {
      throw new RangeError(
        `Storage: key "${key.slice(0, 40)}…" is ${key.length} characters long; the limit is ${MAX_STORAGE_KEY_LENGTH}.`,
      );
    }
  });
}
