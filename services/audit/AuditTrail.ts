import type { StoreItem } from 'botbuilder';
import type { AtomicCreateStorage } from '../storage/AtomicCreateStorage';
import type { AuditEntry, NewAuditEntry } from './AuditEntry';

interface StoredEntry extends StoreItem {
  entry: AuditEntry;
}

interface DayHead extends StoreItem {
  /** A lower bound of the day's next free slot: every slot below it is taken. */
  next: number;
}

const PREFIX = 'audit-trail/days';
/** How far back `latest` looks for earlier days. */
const MAX_DAYS_BACK = 92;
const PROBE_BATCH = 50;
/** Bounds one append; only reachable if thousands of writers raced for the same day at once. */
const MAX_SLOT_TRIES = 10_000;

/**
 * The append-only audit trail of purchase attempts, in the state storage. Each entry gets its own slot key
 * (`…/<day>/<sequence>`) claimed with create-if-absent, so concurrent writers on any number of bot instances never
 * overwrite each other, and no code path can change or remove an entry: the class has no update or delete.
 * Within a day, slots are contiguous from 0, which is what lets readers find the newest without an index.
 */
export class AuditTrail {
  constructor(
    private readonly storage: AtomicCreateStorage,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an entry stamped with the current time; resolves once it is durably stored. */
  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const at = new Date(this.now());
    const stamped: AuditEntry = { ...entry, at: at.toISOString() };
    const day = dayOf(at);
    let slot = await this.headOf(day);
    for (let tries = 0; tries < MAX_SLOT_TRIES; tries += 1, slot += 1) {
      if (await this.storage.createIfAbsent(slotKey(day, slot), { entry: stamped } satisfies StoredEntry)) {
        // Only a hint for the next writer and for readers; a stale value costs probes, never correctness.
        await this.storage.write({ [headKey(day)]: { next: slot + 1 } satisfies DayHead });
        return stamped;
      }
    }
    throw new Error(`AuditTrail: no free slot found for ${day}.`);
  }

  /** The newest `count` entries, newest first, looking back up to about three months. */
  async latest(count: number): Promise<AuditEntry[]> {
    const found: AuditEntry[] = [];
    const today = new Date(this.now());
    for (let back = 0; back < MAX_DAYS_BACK && found.length < count; back += 1) {
      const day = dayOf(new Date(today.getTime() - back * 86_400_000));
      const size = await this.sizeOf(day);
      if (size === 0) continue;
      const wanted = Math.min(count - found.length, size);
      const keys = Array.from({ length: wanted }, (_, i) => slotKey(day, size - 1 - i));
      const items = await this.storage.read(keys);
      for (const key of keys) {
        const stored = items[key] as StoredEntry | undefined;
        if (stored) found.push(stored.entry);
      }
    }
    return found;
  }

  /** Where the day's slots end, starting at the head hint and probing forward in batches. */
  private async sizeOf(day: string): Promise<number> {
    let next = await this.headOf(day);
    for (let probes = 0; probes * PROBE_BATCH < MAX_SLOT_TRIES; probes += 1) {
      const keys = Array.from({ length: PROBE_BATCH }, (_, i) => slotKey(day, next + i));
      const items = await this.storage.read(keys);
      const taken = keys.findIndex((key) => items[key] === undefined);
      if (taken !== -1) return next + taken;
      next += PROBE_BATCH;
    }
    return next;
  }

  private async headOf(day: string): Promise<number> {
    const key = headKey(day);
    const head = (await this.storage.read([key]))[key] as DayHead | undefined;
    return typeof head?.next === 'number' && Number.isInteger(head.next) && head.next >= 0 ? head.next : 0;
  }
}

function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function headKey(day: string): string {
  return `${PREFIX}/${day}/head`;
}

function slotKey(day: string, slot: number): string {
  return `${PREFIX}/${day}/${String(slot).padStart(8, '0')}`;
}
