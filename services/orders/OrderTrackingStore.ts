import type { StoreItem } from 'botbuilder';
import type { AtomicCreateStorage } from '../storage/AtomicCreateStorage';
import { changeStoredItem } from '../storage/changeStoredItem';
import { EtagConflictError } from '../storage/EtagConflictError';

/**
 * One placed checkout the bot follows until Partner Center says its orders are done: which ledger record (its card,
 * conversation and purchaser are there), when to look next, how many looks so far, until when, and who is looking.
 */
export interface OrderTrackingRecord {
  /** The checkout ledger key of the purchase. */
  key: string;
  /** Epoch ms of the next look. */
  nextCheckAt: number;
  checks: number;
  /** Epoch ms after which the bot stops looking and says the order is still not finished. */
  deadline: number;
  lease?: { owner: string; until: number };
}

interface StoredTracking extends StoreItem {
  record: OrderTrackingRecord;
}

interface TrackingIndex extends StoreItem {
  keys: string[];
}

const PREFIX = 'order-tracking';
const INDEX_KEY = `${PREFIX}/open`;
const MAX_ATTEMPTS = 25;

/** The orders the bot is following, in the state storage shared by every instance; an index lists the open ones. */
export class OrderTrackingStore {
  constructor(
    private readonly storage: AtomicCreateStorage,
    private readonly now: () => number = Date.now,
  ) {}

  private storageKey(key: string): string {
    return `${PREFIX}/orders/${key}`;
  }

  /** Starts following a purchase unless it is followed already; true when this call started it. */
  async start(record: Omit<OrderTrackingRecord, 'checks'>): Promise<boolean> {
    // Listed first, so a crash right after the write still leaves it findable.
    await changeStoredItem<TrackingIndex>(this.storage, INDEX_KEY, { keys: [] }, (index) =>
      index.keys.includes(record.key) ? index : { keys: [...index.keys, record.key] },
    );
    return this.storage.createIfAbsent(this.storageKey(record.key), {
      record: { ...record, checks: 0 },
    } satisfies StoredTracking);
  }

  async get(key: string): Promise<OrderTrackingRecord | undefined> {
    const storageKey = this.storageKey(key);
    return ((await this.storage.read([storageKey]))[storageKey] as StoredTracking | undefined)?.record;
  }

  /** Every followed purchase; index entries whose record is gone are dropped from the index. */
  async open(): Promise<OrderTrackingRecord[]> {
    const index = (await this.storage.read([INDEX_KEY]))[INDEX_KEY] as TrackingIndex | undefined;
    const keys = index?.keys ?? [];
    if (keys.length === 0) return [];
    const items = await this.storage.read(keys.map((k) => this.storageKey(k)));
    const found = keys
      .map((k) => (items[this.storageKey(k)] as StoredTracking | undefined)?.record)
      .filter((r): r is OrderTrackingRecord => r !== undefined);
    if (found.length < keys.length) {
      const present = new Set(found.map((r) => r.key));
      await changeStoredItem<TrackingIndex>(this.storage, INDEX_KEY, { keys: [] }, (current) => ({
        keys: current.keys.filter((k) => present.has(k)),
      }));
    }
    return found;
  }

  /**
   * Applies a change with optimistic concurrency (retrying lost races); `change` returns undefined to leave the record
   * as it is. Returns the record as saved, or undefined when it is gone or was left alone.
   */
  async update(
    key: string,
    change: (record: OrderTrackingRecord) => OrderTrackingRecord | undefined,
  ): Promise<OrderTrackingRecord | undefined> {
    const storageKey = this.storageKey(key);
    for (let attempt = 1; ; attempt += 1) {
      const stored = (await this.storage.read([storageKey]))[storageKey] as StoredTracking | undefined;
      if (!stored) return undefined;
      const next = change(stored.record);
      if (!next) return undefined;
      try {
        await this.storage.write({ [storageKey]: { record: next, eTag: stored.eTag } satisfies StoredTracking });
        return next;
      } catch (error) {
        if (!(error instanceof EtagConflictError) || attempt >= MAX_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }

  /** Takes or renews the lease for `owner` unless another owner's is running; false when refused or gone. */
  async lease(key: string, owner: string, durationMs: number): Promise<boolean> {
    const now = this.now();
    const saved = await this.update(key, (r) =>
      r.lease && r.lease.owner !== owner && r.lease.until > now
        ? undefined
        : { ...r, lease: { owner, until: now + durationMs } },
    );
    return saved !== undefined;
  }

  /** Stops following a purchase: the record and its index entry go. */
  async finish(key: string): Promise<void> {
    await this.storage.delete([this.storageKey(key)]);
    await changeStoredItem<TrackingIndex>(this.storage, INDEX_KEY, { keys: [] }, (index) =>
      index.keys.includes(key) ? { keys: index.keys.filter((k) => k !== key) } : index,
    );
  }
}
