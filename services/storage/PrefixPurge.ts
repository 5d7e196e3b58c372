/**
 * State storage that can drop the keys of one kind (everything under a key prefix) that nobody has written for a
 * while, so records such as inbound de-duplication claims do not pile up for ever.
 */
export interface PrefixPurge {
  /**
   * Removes keys that start with `prefix` and were last written before `cutoff`, at most `limit` of them in this call,
   * and resolves to how many it removed. A key written again in the meantime is kept.
   */
  purgeOlderThan(prefix: string, cutoff: Date, limit: number): Promise<number>;
}

/**
 * Rejects a prefix a purge must not run with: an empty one would match every key, and one not ending in `/` would
 * also match its neighbours (`inbound` would take `inbound-archive/…` too).
 */
export function assertPurgePrefix(prefix: string): void {
  if (prefix.length < 2 || !prefix.endsWith('/')) {
    throw new RangeError(`Storage: purge prefix "${prefix.slice(0, 40)}" must be non-empty and end with "/".`);
  }
}

/**
 * The smallest string greater than every string starting with `prefix` (for a `/`-terminated ASCII prefix, the same
 * prefix ending in `0`), so a key range `prefix <= key < end` can use the primary-key index.
 */
export function keyPrefixEnd(prefix: string): string {
  return `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`;
}
