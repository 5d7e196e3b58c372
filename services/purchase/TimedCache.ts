/** How long and how much a {@link TimedCache} keeps. */
export interface TimedCacheOptions {
  /** Clock in milliseconds since the epoch (injected so tests can move time). */
  now: () => number;
  /** How long an entry is used after it was written; 0 keeps nothing. */
  ttlMs: number;
  /** The oldest writes are dropped beyond this many entries, so memory stays bounded. */
  maxEntries: number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * Values remembered for a fixed time after they were written, at most `maxEntries` of them. Keys are compared as
 * given: callers normalise case.
 */
export class TimedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(private readonly options: TimedCacheOptions) {}

  /** The value written under `key` less than the lifetime ago, if any. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.options.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Remembers `value` under `key` from now for the lifetime (replacing what was there). */
  set(key: string, value: V): void {
    this.entries.delete(key);
    if (this.options.ttlMs <= 0) return;
    this.entries.set(key, { value, expiresAt: this.options.now() + this.options.ttlMs });
    // Maps iterate in insertion order, so the first keys are the oldest writes.
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  /** Forgets `key`. */
  delete(key: string): void {
    this.entries.delete(key);
  }
}
