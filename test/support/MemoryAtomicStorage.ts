import { MemoryStorage, StoreItem } from 'botbuilder';
import type { AtomicCreateStorage } from '../../services/storage/AtomicCreateStorage';

/** MemoryStorage plus create-if-absent, for unit tests of code that needs AtomicCreateStorage. */
export class MemoryAtomicStorage extends MemoryStorage implements AtomicCreateStorage {
  private creating: Promise<unknown> = Promise.resolve();

  async createIfAbsent(key: string, item: StoreItem): Promise<boolean> {
    // Read-then-write is only atomic if no other create slips in between, so creates run one at a time.
    const created = this.creating.then(async () => {
      const existing = await this.read([key]);
      if (existing[key]) return false;
      await this.write({ [key]: { ...item, eTag: '*' } });
      return true;
    });
    this.creating = created.catch(() => undefined);
    return created;
  }
}
