import { MemoryStorage } from 'botbuilder';
import { describeStorageConformance } from './storageConformance';

// botbuilder's own MemoryStorage is the reference: if it fails a case, the case is wrong, not the backend.
describeStorageConformance('MemoryStorage', async () => {
  const memory: Record<string, string> = {};
  return {
    storage: new MemoryStorage(memory),
    // A restart of MemoryStorage is only meaningful when the backing map outlives the instance, as here.
    reopen: async () => new MemoryStorage(memory),
    cleanup: async () => undefined,
  };
});
