import type { Storage, StoreItem } from 'botbuilder';

/**
 * A state store that can also create an item only if its key is still free — the one primitive botbuilder's Storage
 * lacks, and the one records shared by several turns or bot instances need to be born without a lost update.
 */
export interface AtomicCreateStorage extends Storage {
  /** Stores the item if nothing is stored under the key yet; true when this call created it. */
  createIfAbsent(key: string, item: StoreItem): Promise<boolean>;
}
