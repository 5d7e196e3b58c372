import type { StoreItem } from 'botbuilder';
import type { AtomicCreateStorage } from './AtomicCreateStorage';
import { EtagConflictError } from './EtagConflictError';

const MAX_ATTEMPTS = 25;

/**
 * Read-modify-write of one item shared by turns and instances (an index, a list), with optimistic concurrency: the item
 * is created empty if missing, `change` is applied to what is stored, and a lost race is retried with the fresh value.
 * When `change` returns the very object it was given, nothing is written.
 */
export async function changeStoredItem<T extends StoreItem>(
  storage: AtomicCreateStorage,
  key: string,
  empty: T,
  change: (item: T) => T,
): Promise<void> {
  await storage.createIfAbsent(key, empty);
  for (let attempt = 1; ; attempt += 1) {
    const item = (await storage.read([key]))[key] as T | undefined;
    const before = item ?? empty;
    const after = change(before);
    if (after === before) return;
    try {
      await storage.write({ [key]: { ...after, eTag: item?.eTag ?? '*' } });
      return;
    } catch (error) {
      // Only a lost race is worth another go; any other failure is real and goes to the caller.
      if (!(error instanceof EtagConflictError) || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}
