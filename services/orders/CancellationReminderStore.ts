import type { StoreItem } from 'botbuilder';
import type { AtomicCreateStorage } from '../storage/AtomicCreateStorage';
import { changeStoredItem } from '../storage/changeStoredItem';
import { EtagConflictError } from '../storage/EtagConflictError';

/** A reminder that an order's cancellation window is closing: which purchase, which order, and when to remind. */
export interface CancellationReminder {
  /** `<checkout ledger key>|<order id>`. */
  id: string;
  /** The checkout ledger key: the purchaser's conversation and the customer are there. */
  checkoutKey: string;
  orderId: string;
  /** Epoch ms: a day before the window closes (first planned for the shortest window; moved once it is known). */
  remindAt: number;
  /** ISO 8601: the end of the window, once read (empty until then). */
  until: string;
  lease?: { owner: string; until: number };
}

interface StoredReminder extends StoreItem {
  reminder: CancellationReminder;
}

interface ReminderIndex extends StoreItem {
  ids: string[];
}

const PREFIX = 'cancellation-reminders';
const INDEX_KEY = `${PREFIX}/open`;
const MAX_ATTEMPTS = 25;

/** Planned cancellation reminders in the state storage shared by every instance; an index lists the open ones. */
export class CancellationReminderStore {
  constructor(private readonly storage: AtomicCreateStorage) {}

  private key(id: string): string {
    return `${PREFIX}/items/${encodeURIComponent(id)}`;
  }

  /** Plans a reminder unless it is planned already; true when this call planned it. */
  async plan(reminder: CancellationReminder): Promise<boolean> {
    await changeStoredItem<ReminderIndex>(this.storage, INDEX_KEY, { ids: [] }, (index) =>
      index.ids.includes(reminder.id) ? index : { ids: [...index.ids, reminder.id] },
    );
    return this.storage.createIfAbsent(this.key(reminder.id), { reminder } satisfies StoredReminder);
  }

  async get(id: string): Promise<CancellationReminder | undefined> {
    const key = this.key(id);
    return ((await this.storage.read([key]))[key] as StoredReminder | undefined)?.reminder;
  }

  async open(): Promise<CancellationReminder[]> {
    const index = (await this.storage.read([INDEX_KEY]))[INDEX_KEY] as ReminderIndex | undefined;
    const ids = index?.ids ?? [];
    if (ids.length === 0) return [];
    const items = await this.storage.read(ids.map((id) => this.key(id)));
    return ids
      .map((id) => (items[this.key(id)] as StoredReminder | undefined)?.reminder)
      .filter((r): r is CancellationReminder => r !== undefined);
  }

  /** Takes or renews the lease for `owner` unless another owner's is running; false when refused or gone. */
  async lease(id: string, owner: string, durationMs: number, now: number): Promise<boolean> {
    const key = this.key(id);
    for (let attempt = 1; ; attempt += 1) {
      const stored = (await this.storage.read([key]))[key] as StoredReminder | undefined;
      if (!stored) return false;
      const { lease } = stored.reminder;
      if (lease && lease.owner !== owner && lease.until > now) return false;
      try {
        await this.storage.write({
          [key]: {
            reminder: { ...stored.reminder, lease: { owner, until: now + durationMs } },
            eTag: stored.eTag,
          } satisfies StoredReminder,
        });
        return true;
      } catch (error) {
        if (!(error instanceof EtagConflictError) || attempt >= MAX_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }

  /** Moves a reminder to another time (the order's window turned out to end later); false when it is gone. */
  async reschedule(id: string, remindAt: number, until: string): Promise<boolean> {
    const key = this.key(id);
    for (let attempt = 1; ; attempt += 1) {
      const stored = (await this.storage.read([key]))[key] as StoredReminder | undefined;
      if (!stored) return false;
      try {
        await this.storage.write({
          [key]: { reminder: { ...stored.reminder, remindAt, until }, eTag: stored.eTag } satisfies StoredReminder,
        });
        return true;
      } catch (error) {
        if (!(error instanceof EtagConflictError) || attempt >= MAX_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }

  /** The reminder was sent (or is no longer needed): the record and its index entry go. */
  async finish(id: string): Promise<void> {
    await this.storage.delete([this.key(id)]);
    await changeStoredItem<ReminderIndex>(this.storage, INDEX_KEY, { ids: [] }, (index) =>
      index.ids.includes(id) ? { ids: index.ids.filter((other) => other !== id) } : index,
    );
  }
}
