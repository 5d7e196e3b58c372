import { MemoryStorage, StoreItem } from 'botbuilder';
import type { AtomicCreateStorage } from '../../services/storage/AtomicCreateStorage';

/** MemoryStorage plus create-if-absent, for unit tests of code that needs AtomicCreateStorage. */
export class MemoryAtomicStorage extends MemoryStorage implements AtomicCreateStorage {
  async createIfAbsent(key: string, item: StoreItem): Promise<boolean> {
    const existing = await this.read([key]);
    if (existing[key]) return false;
    await this.write({ [key]: { ...item, eTag: '*' } });
    return true;
  }
}
