import { MemoryStorage, StoreItem, StoreItems } from 'botbuilder';
import type { AtomicCreateStorage } from '../../services/storage/AtomicCreateStorage';
import { EtagConflictError } from '../../services/storage/EtagConflictError';

/**
 * MemoryStorage plus create-if-absent, for unit tests of code that needs AtomicCreateStorage; a lost eTag race is an
 * EtagConflictError, as with the real storages.
 */
export class MemoryAtomicStorage extends MemoryStorage implements AtomicCreateStorage {
  private creating: Promise<unknown> = Promise.resolve();

  override async write(changes: StoreItems): Promise<void> {
    try {
      await super.write(changes);
    } catch (error) {
      const conflict = error instanceof Error ? / "(.+)" due to eTag conflict\.$/.exec(error.message) : null;
      throw conflict ? new EtagConflictError(conflict[1]) : error;
    }
  }

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
